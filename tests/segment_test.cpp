#include "pipeline/segment.h"

#include <doctest/doctest.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "pipeline/normalize.h"
#include "tests/test_support.h"
#include "util/text.h"
#include "util/utf8.h"

namespace solieu {
namespace {

// A document normalized and segmented by the bundled rules.
struct Segmented {
  std::string text;  // the normalized text
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;

  std::string_view Of(const Sentence& s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  std::string_view Of(const Paragraph& p) const {
    return std::string_view(text).substr(p.begin, p.end - p.begin);
  }
  // The sentences as strings, for messages and comparisons.
  std::vector<std::string> SentenceTexts() const {
    std::vector<std::string> out;
    for (const Sentence& s : sentences) out.emplace_back(Of(s));
    return out;
  }
  // The index of the one sentence holding `piece`, or -1.
  int SentenceWith(std::string_view piece) const {
    int found = -1;
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (Of(sentences[i]).find(piece) != std::string_view::npos) {
        if (found >= 0) return -2;  // in more than one
        found = static_cast<int>(i);
      }
    }
    return found;
  }
};

Segmented Segment(std::string_view document) {
  const Pipeline& p = testing::BundledPipeline();
  Normalized n;
  p.normalizer().Normalize(document, &n);
  Segmented out;
  out.text = std::string(n.text);
  auto scratch = p.segmenter().NewScratch();
  p.segmenter().Segment(out.text, scratch.get(), &out.paragraphs, &out.sentences);
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// What must hold for every segmentation.
void CheckWellFormed(const Segmented& s) {
  size_t last_paragraph_end = 0;
  for (const Paragraph& p : s.paragraphs) {
    CHECK(p.begin <= p.end);
    CHECK(p.begin >= last_paragraph_end);
    CHECK(p.end <= s.text.size());
    last_paragraph_end = p.end;
  }
  size_t last_end = 0;
  for (const Sentence& sentence : s.sentences) {
    INFO("sentence [" << sentence.begin << ", " << sentence.end
                      << "): " << s.Of(sentence).substr(0, 80));
    REQUIRE(sentence.begin < sentence.end);
    CHECK(sentence.begin >= last_end);
    last_end = sentence.end;
    REQUIRE(sentence.paragraph >= 0);
    REQUIRE(static_cast<size_t>(sentence.paragraph) < s.paragraphs.size());
    const Paragraph& p = s.paragraphs[sentence.paragraph];
    CHECK(sentence.begin >= p.begin);
    CHECK(sentence.end <= p.end);
    CHECK(sentence.kind == p.kind);
    CHECK(sentence.end - sentence.begin <= kMaxSentenceBytes);
    // Sentences never cut a character.
    CHECK((static_cast<unsigned char>(s.text[sentence.begin]) & 0xC0) != 0x80);
    if (sentence.end < s.text.size()) {
      CHECK((static_cast<unsigned char>(s.text[sentence.end]) & 0xC0) != 0x80);
    }
    // Sentences start and end on text, even where a long one was cut.
    CHECK_FALSE(IsSpace(s.text[sentence.begin]));
    CHECK_FALSE(IsSpace(s.text[sentence.end - 1]));
  }
}

TEST_CASE("a url first line is metadata") {
  const Segmented s = Segment(
      "url: https://baokontum.com.vn/kinh-te/tinh-dat-1730-ty-dong.html\n"
      "Kon Tum thu ngân sách đạt 1.730 tỷ đồng\n"
      "Năm 2023, tỉnh Kon Tum thu ngân sách đạt 74,4% dự toán.\n");
  CheckWellFormed(s);
  REQUIRE(s.paragraphs.size() == 3);
  CHECK(s.paragraphs[0].kind == SegmentKind::kMeta);
  CHECK(s.Of(s.paragraphs[0]) == "url: https://baokontum.com.vn/kinh-te/tinh-dat-1730-ty-dong.html");
  REQUIRE(s.sentences.size() == 3);
  CHECK(s.sentences[0].kind == SegmentKind::kMeta);
  CHECK(s.Of(s.sentences[0]) == s.Of(s.paragraphs[0]));  // one sentence, not split at dots
  // The title and lead come after it.
  CHECK(s.paragraphs[1].kind == SegmentKind::kTitle);
  CHECK(s.paragraphs[2].kind == SegmentKind::kLead);
  CHECK(std::string(SegmentKindName(SegmentKind::kMeta)) == "meta");
  // Only a first line is metadata.
  const Segmented later = Segment("Tiêu đề\n\nurl: https://example.vn/a.html\n");
  for (const Paragraph& p : later.paragraphs) CHECK(p.kind != SegmentKind::kMeta);
}

TEST_CASE("sentences are not broken inside numbers") {
  const Segmented s = Segment(
      "Tiêu đề\n\n"
      "Toàn tỉnh có 1.730 hộ nghèo, chiếm 74,4% tổng số hộ. Tổng vốn là 2.500,5 tỷ đồng. "
      "Đến ngày 12.11.2019 đã giải ngân 1.234.567 đồng.\n");
  CheckWellFormed(s);
  INFO(s.SentenceTexts().size());
  REQUIRE(s.sentences.size() == 4);
  CHECK(s.Of(s.sentences[1]) == "Toàn tỉnh có 1.730 hộ nghèo, chiếm 74,4% tổng số hộ.");
  CHECK(s.Of(s.sentences[2]) == "Tổng vốn là 2.500,5 tỷ đồng.");
  CHECK(s.Of(s.sentences[3]) == "Đến ngày 12.11.2019 đã giải ngân 1.234.567 đồng.");
}

TEST_CASE("a number after a word and a full stop opens a sentence") {
  // UAX #29 joins the two, reading on to the next lower-case letter (SB8).
  const Segmented s = Segment(
      "Tiêu đề\n\n"
      "Chăn nuôi tăng 3,2% so cùng kỳ. 5 tháng đầu năm 2023, đàn heo tăng 4,47%. "
      "Xã có 4. 401 nhân khẩu, xem Q. 5 và tr. 12 của báo, vé Rs. 20 một lượt.\n");
  CheckWellFormed(s);
  const std::vector<std::string> texts = s.SentenceTexts();
  REQUIRE(texts.size() == 4);
  CHECK(texts[1] == "Chăn nuôi tăng 3,2% so cùng kỳ.");
  CHECK(texts[2] == "5 tháng đầu năm 2023, đàn heo tăng 4,47%.");
  // After a number, or what may abbreviate a word, the stop opens nothing.
  CHECK(texts[3] == "Xã có 4. 401 nhân khẩu, xem Q. 5 và tr. 12 của báo, vé Rs. 20 một lượt.");
}

TEST_CASE("no break after an abbreviation") {
  const Segmented s = Segment(
      "Tiêu đề\n\n"
      "Hội thảo do ThS. Nguyễn Văn An và PGS. Trần Thị Bình chủ trì tại TP. Hồ Chí Minh. "
      "Trụ sở đặt tại Q. Ba Đình, Hà Nội. "
      "Tham dự có PGS.TS. Lê Văn Cường.\n");
  CheckWellFormed(s);
  const std::vector<std::string> texts = s.SentenceTexts();
  REQUIRE(texts.size() == 4);
  CHECK(texts[1] == "Hội thảo do ThS. Nguyễn Văn An và PGS. Trần Thị Bình chủ trì tại TP. Hồ Chí Minh.");
  CHECK(texts[2] == "Trụ sở đặt tại Q. Ba Đình, Hà Nội.");
  CHECK(texts[3] == "Tham dự có PGS.TS. Lê Văn Cường.");
  // An ordinary word before a period still ends a sentence.
  const Segmented plain = Segment("Tiêu đề\n\nÔng An đến từ Hà Nội. Bà Bình đến từ Huế.\n");
  CHECK(plain.sentences.size() == 3);
}

TEST_CASE("a document symbol broken across lines stays in one sentence") {
  const Segmented s = Segment(
      "Tiêu đề\n\n"
      "Thực hiện Hướng dẫn số 16 -\n"
      "HD/BTCTW ngày 5/3/2020 của Ban Tổ chức Trung ương, các chi bộ đã họp.\n"
      "Tỷ lệ đạt\n"
      "74,4% kế hoạch.\n");
  CheckWellFormed(s);
  const int i = s.SentenceWith("16 -");
  REQUIRE(i >= 0);
  CHECK(s.Of(s.sentences[i]).find("HD/BTCTW") != std::string_view::npos);
  CHECK(s.Of(s.sentences[i]) ==
        "Thực hiện Hướng dẫn số 16 -\n"
        "HD/BTCTW ngày 5/3/2020 của Ban Tổ chức Trung ương, các chi bộ đã họp.");
  // A line starting with a digit after a word continues it too.
  const int j = s.SentenceWith("Tỷ lệ đạt");
  REQUIRE(j >= 0);
  CHECK(s.Of(s.sentences[j]) == "Tỷ lệ đạt\n74,4% kế hoạch.");
  // Both are in the same paragraph as their first line.
  CHECK(s.sentences[i].paragraph == s.sentences[j].paragraph - 1);
  // A line ending a sentence is a paragraph of its own, even without a blank line.
  const Segmented lines = Segment("Tiêu đề\n\nDòng thứ nhất.\nDòng thứ hai.\n");
  CHECK(lines.paragraphs.size() == 3);
}

TEST_CASE("a percent sign opening a line belongs to the figure before it") {
  const Segmented s = Segment("Tiêu đề\n\nTỷ lệ hộ nghèo còn 12\n% so với đầu năm.\n");
  CheckWellFormed(s);
  const int i = s.SentenceWith("còn 12");
  REQUIRE(i >= 0);
  CHECK(s.Of(s.sentences[i]) == "Tỷ lệ hộ nghèo còn 12\n% so với đầu năm.");
}

TEST_CASE("captions, sources and page chrome get their kinds") {
  const Segmented s = Segment(
      "Kon Tum thu ngân sách đạt 1.730 tỷ đồng\n\n"
      "Năm 2023, tỉnh Kon Tum thu ngân sách đạt 74,4% dự toán.\n\n"
      "Ảnh: Thanh Hà\n\n"
      "Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị. Ảnh: T.V.P\n\n"
      "Các sở, ngành đã triển khai nhiều giải pháp.\n\n"
      "Tin liên quan\n\n"
      "Nguồn: baokontum.com.vn\n");
  CheckWellFormed(s);
  REQUIRE(s.paragraphs.size() == 7);
  CHECK(s.paragraphs[0].kind == SegmentKind::kTitle);
  CHECK(s.paragraphs[1].kind == SegmentKind::kLead);
  CHECK(s.paragraphs[2].kind == SegmentKind::kCaption);
  CHECK(s.paragraphs[3].kind == SegmentKind::kCaption);
  CHECK(s.paragraphs[4].kind == SegmentKind::kBody);
  CHECK(s.paragraphs[5].kind == SegmentKind::kChrome);
  CHECK(s.paragraphs[6].kind == SegmentKind::kSource);
  // Sentences carry their paragraph's kind.
  const int caption = s.SentenceWith("Thanh Hà");
  REQUIRE(caption >= 0);
  CHECK(s.sentences[caption].kind == SegmentKind::kCaption);
  const int source = s.SentenceWith("baokontum");
  REQUIRE(source >= 0);
  CHECK(s.sentences[source].kind == SegmentKind::kSource);
  // Classify directly, on its own.
  const Segmenter& seg = testing::BundledPipeline().segmenter();
  CHECK(seg.Classify("Ảnh minh họa") == SegmentKind::kCaption);
  CHECK(seg.Classify("(Theo TTXVN)") == SegmentKind::kSource);
  CHECK(seg.Classify("Theo báo cáo của Sở, toàn tỉnh có 51 tổ chức cơ sở đảng trực thuộc.") ==
        SegmentKind::kBody);
  CHECK(seg.Classify("Ảnh vệ tinh cho thấy 300 ha rừng bị mất") == SegmentKind::kBody);
}

TEST_CASE("title, lead and byline by position") {
  SUBCASE("a short first paragraph without a period is the title; the next is the lead") {
    const Segmented s = Segment(
        "Tăng trưởng kinh tế đạt 7,2%\n\n"
        "Sáng 5/3, UBND tỉnh tổ chức họp báo.\n\n"
        "Theo báo cáo, GRDP tăng 7,2%.\n\n"
        "Cuối năm, tỉnh đạt 1.730 tỷ đồng.\n\n"
        "Minh Tuấn\n");
    CheckWellFormed(s);
    REQUIRE(s.paragraphs.size() == 5);
    CHECK(s.paragraphs[0].kind == SegmentKind::kTitle);
    CHECK(s.paragraphs[1].kind == SegmentKind::kLead);
    CHECK(s.paragraphs[2].kind == SegmentKind::kBody);
    CHECK(s.paragraphs[3].kind == SegmentKind::kBody);
    CHECK(s.paragraphs[4].kind == SegmentKind::kByline);
  }
  SUBCASE("a first paragraph ending with a period is the lead, and there is no title") {
    const Segmented s = Segment(
        "Sáng 5/3, UBND tỉnh tổ chức họp báo.\n\n"
        "Theo báo cáo, GRDP tăng 7,2%.\n");
    CheckWellFormed(s);
    REQUIRE(s.paragraphs.size() == 2);
    CHECK(s.paragraphs[0].kind == SegmentKind::kLead);
    CHECK(s.paragraphs[1].kind == SegmentKind::kBody);
  }
  SUBCASE("a last paragraph that is a sentence is no byline") {
    const Segmented s = Segment(
        "Tiêu đề\n\nĐoạn mở đầu.\n\nĐoạn giữa.\n\nĐoạn cuối có 5 người.\n");
    CheckWellFormed(s);
    REQUIRE(s.paragraphs.size() == 4);
    CHECK(s.paragraphs[3].kind == SegmentKind::kBody);
  }
  SUBCASE("blank lines, spaces and CRLF around paragraphs are trimmed") {
    const Segmented s = Segment("\r\n\r\n  Tiêu đề  \r\n\r\n\tĐoạn mở đầu.\r\n");
    CheckWellFormed(s);
    REQUIRE(s.paragraphs.size() == 2);
    CHECK(s.Of(s.paragraphs[0]) == "Tiêu đề");
    CHECK(s.Of(s.paragraphs[1]) == "Đoạn mở đầu.");
  }
}

TEST_CASE("empty and blank documents") {
  CHECK(Segment("").sentences.empty());
  CHECK(Segment("\n\n  \n").sentences.empty());
  CHECK(Segment("\n\n  \n").paragraphs.empty());
}

TEST_CASE("a very long single line is cut into bounded sentences") {
  SUBCASE("words without any sentence end") {
    std::string line;
    while (line.size() < 200 * 1024) line += "Tỉnh đạt 1.730 tỷ đồng và tăng 74,4% so với cùng kỳ ";
    const Segmented s = Segment(line);
    CheckWellFormed(s);
    CHECK(s.sentences.size() >= 200 * 1024 / kMaxSentenceBytes);
    // Cut at spaces: together the sentences are the line, less the spaces cut at.
    std::string joined;
    for (const Sentence& sentence : s.sentences) {
      CHECK(s.Of(sentence).size() <= kMaxSentenceBytes);
      if (!joined.empty()) joined += ' ';
      joined += std::string(s.Of(sentence));
      // No word is cut: each piece starts and ends at a word edge.
      CHECK((sentence.begin == 0 || s.text[sentence.begin - 1] == ' ' ||
             s.text[sentence.begin] == ' '));
    }
    std::string expected = line;
    while (!expected.empty() && expected.back() == ' ') expected.pop_back();
    auto squeeze = [](std::string t) {
      std::string out;
      for (char c : t) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
      }
      return out;
    };
    CHECK(squeeze(joined) == squeeze(expected));
  }
  SUBCASE("runs of spaces: pieces end and start on text") {
    std::string line;
    while (line.size() < 200 * 1024) line += "Tỉnh  đạt  1.730  tỷ  đồng  và  tăng  74,4%  ";
    const Segmented s = Segment(line);
    CheckWellFormed(s);
    CHECK(s.sentences.size() >= 200 * 1024 / kMaxSentenceBytes);
    for (size_t i = 1; i < s.sentences.size(); ++i) {
      // Only the spaces between two pieces are left out.
      const size_t gap_begin = s.sentences[i - 1].end, gap_end = s.sentences[i].begin;
      CHECK(gap_end - gap_begin <= 2);
      CHECK(line.find_first_not_of(' ', gap_begin) >= gap_end);
    }
  }
  SUBCASE("no space at all: cut between characters") {
    std::string line;
    while (line.size() < 200 * 1024) line += "ệ";  // 3 bytes: cuts must not split it
    const Segmented s = Segment(line);
    CheckWellFormed(s);
    size_t covered = 0;
    for (const Sentence& sentence : s.sentences) {
      CHECK(sentence.begin == covered);  // contiguous
      covered = sentence.end;
      CHECK(utf8::FirstInvalid(s.Of(sentence)) == s.Of(sentence).size());
    }
    CHECK(covered == line.size());
  }
}

TEST_CASE("a scratch is reusable across documents") {
  const Pipeline& p = testing::BundledPipeline();
  auto scratch = p.segmenter().NewScratch();
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  const std::string first = "Tiêu đề\n\nCâu một. Câu hai. Câu ba.\n";
  p.segmenter().Segment(first, scratch.get(), &paragraphs, &sentences);
  CHECK(sentences.size() == 4);
  const std::string second = "Một câu.";
  p.segmenter().Segment(second, scratch.get(), &paragraphs, &sentences);
  REQUIRE(sentences.size() == 1);
  CHECK(sentences[0].begin == 0);
  CHECK(sentences[0].end == second.size());
  CHECK(paragraphs.size() == 1);
}

TEST_CASE("a paragraph that repeats an earlier one word for word is marked, a short one is not") {
  const std::string passage = "Năm 2023, toàn huyện có 1.730 đảng viên, tăng 113 đảng viên so với đầu nhiệm kỳ.";
  const Segmented s = Segment("Tiêu đề bài viết ở đây\n\n" + passage + "\n\nXem thêm\n\n" + passage +
                              "\n\nXem thêm\n\n" + "Năm  2023,  toàn huyện có 1.730 đảng viên, tăng 113 đảng viên"
                              "\nso với đầu nhiệm kỳ.\n");
  std::vector<int> copies_of_passage;
  for (size_t i = 0; i < s.paragraphs.size(); ++i) {
    const Paragraph& p = s.paragraphs[i];
    if (s.Of(p).find("1.730") != std::string_view::npos) copies_of_passage.push_back(static_cast<int>(i));
    // "Xem thêm" repeats too, but a line that short is chrome, not a passage.
    if (s.Of(p) == "Xem thêm") CHECK(p.duplicate_of == -1);
  }
  REQUIRE(copies_of_passage.size() == 3);
  CHECK(s.paragraphs[copies_of_passage[0]].duplicate_of == -1);
  CHECK(s.paragraphs[copies_of_passage[1]].duplicate_of == copies_of_passage[0]);
  // Other spacing and line breaks do not hide a repetition.
  CHECK(s.paragraphs[copies_of_passage[2]].duplicate_of == copies_of_passage[0]);
  for (const Sentence& sentence : s.sentences) {
    CHECK(sentence.duplicate == (s.paragraphs[sentence.paragraph].duplicate_of >= 0));
  }
}

TEST_CASE("repeated paragraphs are those with the same words, found in random documents") {
  // Words whose lengths collide ("ab cd", "abcd", "cd ab"), so that
  // paragraphs share their first and last words and their count of letters
  // without sharing their words; and spaces of every kind between them.
  static const char* kWords[] = {"ab", "cd", "abcd", "x", "đảng", "viên", "1.730", "xab"};
  static const char* kSpaces[] = {" ", "  ", "\t", " \f", "\v ", " \t "};
  std::mt19937 rng(2024);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::vector<std::string>> texts;
    std::string document;
    for (int k = 0; k < 30; ++k) {
      std::vector<std::string> words;
      if (!texts.empty() && pick(3) == 0) {
        words = texts[pick(texts.size())];  // a repetition, spaced anew
      } else {
        words.push_back("x");
        for (size_t w = 6 + pick(6); w > 0; --w) words.push_back(kWords[pick(std::size(kWords))]);
        words.push_back("x");
      }
      texts.push_back(words);
      for (size_t w = 0; w < words.size(); ++w) {
        if (w > 0) document += kSpaces[pick(std::size(kSpaces))];
        document += words[w];
      }
      document += ".\n\n";
    }
    const Segmented s = Segment(document);
    // The plain reading: the first earlier paragraph of 40 bytes or more
    // with the same words.
    for (size_t i = 0; i < s.paragraphs.size(); ++i) {
      int expected = -1;
      if (s.Of(s.paragraphs[i]).size() >= 40) {
        for (size_t j = 0; j < i && expected < 0; ++j) {
          if (s.Of(s.paragraphs[j]).size() >= 40 &&
              SplitWords(s.Of(s.paragraphs[j])) == SplitWords(s.Of(s.paragraphs[i]))) {
            expected = static_cast<int>(j);
          }
        }
      }
      INFO("paragraph: " << s.Of(s.paragraphs[i]));
      CHECK(s.paragraphs[i].duplicate_of == expected);
    }
  }
}

// The breaks ICU finds on a UTF-8 UText over the paragraph, line breaks read
// as spaces: the slow path that FindSentenceBreaks must agree with.
std::vector<size_t> Utf8TextBreaks(std::string_view paragraph) {
  std::string buffer(paragraph);
  std::replace(buffer.begin(), buffer.end(), '\n', ' ');
  std::replace(buffer.begin(), buffer.end(), '\r', ' ');
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), ec));
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, buffer.data(), static_cast<int64_t>(buffer.size()), &ec);
  breaker->setText(&ut, ec);
  REQUIRE(U_SUCCESS(ec));
  std::vector<size_t> breaks;
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE; end = breaker->next()) {
    breaks.push_back(static_cast<size_t>(end));
  }
  utext_close(&ut);
  return breaks;
}

TEST_CASE("sentence breaks found on UTF-16 are those of a UTF-8 UText") {
  const Pipeline& p = testing::BundledPipeline();
  auto scratch = p.segmenter().NewScratch();
  auto check = [&](std::string_view paragraph) {
    INFO("paragraph: " << paragraph);
    FindSentenceBreaks(paragraph, scratch.get());
    CHECK(scratch->breaks == Utf8TextBreaks(paragraph));
  };
  SUBCASE("edge cases") {
    for (std::string_view text :
         {"", "a", ".", "Plain ASCII. Two sentences! And a third?", "Dòng một\r\ndòng hai. Câu.",
          "Không\u00A0ngắt. Câu\u202Fhai.", "Hoa\u0300 NFD. Tie\u0302\u0301ng Vie\u0323\u0302t.",
          "Emoji \U0001F600. Toán \U0001D7CF. Hết.", "TP. HCM tăng 12,5%. Ông A. đến.",
          "“Trích dẫn.” Tiếp theo… Xong."}) {
      check(text);
    }
  }
  SUBCASE("random paragraphs") {
    static const char* kAtoms[] = {"Câu", "một", "hòa", "ệ", "TP.", "12,5%", ". ", "! ", "? ",
                                   "\r\n", "\n", "\u00A0", " ", "a\u0301", "\U0001F600", "…",
                                   "\"", "(", ")", "Việt Nam.", "2023", "; ", "x"};
    std::mt19937 rng(1945);
    std::uniform_int_distribution<size_t> pick(0, std::size(kAtoms) - 1);
    for (int round = 0; round < 2000; ++round) {
      std::string text;
      for (int k = std::uniform_int_distribution<int>(0, 30)(rng); k > 0; --k) text += kAtoms[pick(rng)];
      check(text);
    }
  }
  SUBCASE("random neighbours of sentence terminators") {
    // Every Sentence_Break class beside the terminators, where FindSentenceBreaks
    // settles breaks without ICU: ATerm (. U+2024 U+FF0E), STerm (! ? U+3002
    // U+FF01 U+0589), Sep (U+0085 U+2028 U+2029), Close, Sp, Upper, Lower,
    // OLetter, Numeric, SContinue, Extend, Format, and others.
    static const char* kAtoms[] = {".", "!", "?", "\u2024", "\uFF0E", "\u3002", "\uFF01", "\u0589",
                                   "\u0085", "\u2028", "\u2029", ")", "\"", "'", "«", "»", "]",
                                   " ", "  ", "\t", "\n", "\r", "\u00A0", "\u3000", "A", "Đ", "Ở",
                                   "\u01C5", "a", "đ", "ở", "x", "\u05D0", "\u4E00", "5", "12",
                                   "\u0663", ",", "-", ":", ";", "\u0301", "\u0323", "\u200D",
                                   "\u00AD", "%", "/", "&", "\U0001F600", "\U0001D400"};
    std::mt19937 rng(1954);
    std::uniform_int_distribution<size_t> pick(0, std::size(kAtoms) - 1);
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      for (int k = std::uniform_int_distribution<int>(1, 12)(rng); k > 0; --k) text += kAtoms[pick(rng)];
      check(text);
    }
  }
  SUBCASE("every pair and triple around a terminator") {
    static const char* kAround[] = {"", ".", "!", "\u2024", "\u2029", ")", " ", "\n", "A", "Đ",
                                    "a", "ở", "\u05D0", "5", ",", "-", "\u0301", "\u00AD", "%"};
    for (const char* before : kAround) {
      for (const char* first : kAround) {
        for (const char* second : kAround) {
          for (const char* term : {".", "?", "\u3002"}) {
            check(std::string("x") + before + term + first + second + "y");
            check(std::string("Ab") + before + term + first + " " + second + "z. Q");
          }
        }
      }
    }
  }
}

// The kind the segment rules give a paragraph, each rule matched in turn:
// what the one-pass RE2::Set in Classify must agree with.
std::string KindOneByOne(const RuleSet& rules, std::string_view paragraph) {
  int best = -1, best_priority = 0;
  for (int index : rules.segment_rules()) {
    const Rule& r = rules.rules()[index];
    if ((best < 0 || r.priority > best_priority) &&
        RE2::PartialMatch(re2::StringPiece(paragraph.data(), paragraph.size()), *r.re)) {
      best = index;
      best_priority = r.priority;
    }
  }
  return best < 0 ? "body" : std::string(rules.rules()[best].Arg("kind"));
}

TEST_CASE("paragraph kinds from one pass agree with matching each rule in turn") {
  const Pipeline& p = testing::BundledPipeline();
  auto check = [&](std::string_view paragraph) {
    INFO("paragraph: " << paragraph);
    CHECK(SegmentKindName(p.segmenter().Classify(paragraph)) == KindOneByOne(p.rules(), paragraph));
  };
  for (int index : p.rules().segment_rules()) {
    for (const RuleExample& example : p.rules().rules()[index].examples) {
      check(p.normalizer().NormalizeString(example.text));
    }
  }
  // Pieces of captions, sources, dates and page chrome, in random order, so
  // that several rules (of different priorities) match at once.
  static const char* kPieces[] = {"Ảnh: ", "ảnh", "Tin liên quan", "Xem thêm", "Nguồn: ", "Theo ",
                                  "(", ")", " - ", ". ", ":", " » ", " > ", "20/03/2020 08:10",
                                  "Thứ Hai, ", "Cập nhật lúc ", "TTXVN", "Thanh Hà", " ", "\n",
                                  "toàn tỉnh có 51 tổ chức cơ sở đảng", "GMT+7", "Video: ", ","};
  std::mt19937 rng(1975);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int k = std::uniform_int_distribution<int>(0, 8)(rng); k > 0; --k) text += kPieces[pick(rng)];
    check(text);
  }
}

}  // namespace
}  // namespace solieu
