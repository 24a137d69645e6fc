#include "pipeline/ingest.h"

#include <doctest/doctest.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.h"
#include "util/utf8.h"

namespace solieu {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

// NFC by ICU directly, independent of pipeline/normalize.
std::string Nfc(std::string_view s) {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  REQUIRE(U_SUCCESS(ec));
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr,
                     ec);
  REQUIRE(U_SUCCESS(ec));
  return out;
}

Decoded MustDecode(std::string_view input, const std::string& encoding = "") {
  Decoded d;
  DecodeOptions options;
  options.encoding = encoding;
  const Status s = Decode(input, options, &d);
  INFO(s.message());
  REQUIRE(s.ok());
  return d;
}

// Checks that code point k of the decoded text maps back to exactly the
// input bytes ranges[k], and that positions inside it widen to all of it.
void CheckEveryCharMapsTo(const Decoded& d, const std::vector<std::pair<size_t, size_t>>& ranges) {
  size_t b = 0, k = 0;
  while (b < d.text.size()) {
    const utf8::Decoded c = utf8::DecodeAt(d.text, b);
    REQUIRE(c.valid);
    REQUIRE(k < ranges.size());
    INFO("character " << k << " at text byte " << b);
    CHECK(d.to_input.SourceStart(b) == ranges[k].first);
    CHECK(d.to_input.SourceEnd(b + c.length) == ranges[k].second);
    // A position inside the character widens to the whole of it.
    for (size_t inside = b + 1; inside < b + c.length; ++inside) {
      CHECK(d.to_input.SourceStart(inside) == ranges[k].first);
      CHECK(d.to_input.SourceEnd(inside) == ranges[k].second);
    }
    b += c.length;
    ++k;
  }
  CHECK(k == ranges.size());
}

TEST_CASE("plain UTF-8: no copy, identity map") {
  const std::string input = "Năm 2023, tỉnh Kon Tum đạt 74,4% kế hoạch.";
  const Decoded d = MustDecode(input);
  CHECK(d.encoding == "utf-8");
  CHECK(d.confidence == 1.0);
  CHECK(d.text.data() == input.data());
  CHECK(d.text.size() == input.size());
  CHECK(d.to_input.identity());
  CHECK(d.warnings.empty());
}

TEST_CASE("empty input") {
  const std::string input;
  const Decoded d = MustDecode(input);
  CHECK(d.text.empty());
  CHECK(d.encoding == "utf-8");
  CHECK(d.warnings.empty());
  CHECK(d.to_input.SourceStart(0) == 0);
  CHECK(d.to_input.SourceEnd(0) == 0);
}

TEST_CASE("UTF-8 with a BOM: the BOM is dropped and offsets shift by 3") {
  const std::string body = "Đồng chí Bí thư";
  const std::string input = "\xEF\xBB\xBF" + body;
  const Decoded d = MustDecode(input);
  CHECK(d.encoding == "utf-8-bom");
  CHECK(d.text == body);
  CHECK(d.warnings.empty());
  for (size_t pos = 0; pos <= body.size(); ++pos) {
    CHECK(d.to_input.SourceStart(pos) == pos + 3);
    if (pos > 0) CHECK(d.to_input.SourceEnd(pos) == pos + 3);
  }
  // Only a BOM: empty text.
  CHECK(MustDecode("\xEF\xBB\xBF").text.empty());
}

// The bytes of `units` in one byte order, with a BOM first when asked.
std::string Utf16Bytes(std::u16string_view units, bool little_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    if (little_endian) {
      out += lo;
      out += hi;
    } else {
      out += hi;
      out += lo;
    }
  };
  if (bom) put(0xFEFF);
  for (char16_t u : units) put(u);
  return out;
}

// Input byte ranges of each code point of UTF-16 text after `skip` bytes:
// 2 bytes per unit, 4 for a surrogate pair.
std::vector<std::pair<size_t, size_t>> Utf16Ranges(std::u16string_view units, size_t skip) {
  std::vector<std::pair<size_t, size_t>> ranges;
  for (size_t k = 0; k < units.size();) {
    const bool pair = units[k] >= 0xD800 && units[k] <= 0xDBFF;
    const size_t n = pair ? 2 : 1;
    ranges.push_back({skip + 2 * k, skip + 2 * (k + n)});
    k += n;
  }
  return ranges;
}

TEST_CASE("UTF-16 with a BOM, both byte orders, surrogate pairs included") {
  // The compiler writes both literals: the test does not transcode itself.
  const std::u16string units = u"Đồng chí Bí thư Tỉnh ủy: 𝟏𝟐 tỷ đồng 😀, tăng 74,4%.";
  const std::string utf8 = "Đồng chí Bí thư Tỉnh ủy: 𝟏𝟐 tỷ đồng 😀, tăng 74,4%.";
  // Three surrogate pairs really are there.
  size_t pairs = 0;
  for (char16_t u : units) pairs += u >= 0xD800 && u <= 0xDBFF;
  REQUIRE(pairs == 3);

  for (const bool le : {true, false}) {
    INFO((le ? "little endian" : "big endian"));
    const std::string input = Utf16Bytes(units, le, /*bom=*/true);
    const Decoded d = MustDecode(input);
    CHECK(d.encoding == (le ? "utf-16le" : "utf-16be"));
    CHECK(d.text == utf8);
    CHECK(d.warnings.empty());
    CHECK(d.to_input.SourceStart(0) == 2);  // after the BOM
    CheckEveryCharMapsTo(d, Utf16Ranges(units, 2));
    // Forcing the same encoding gives the same result.
    const Decoded forced = MustDecode(input, le ? "utf-16le" : "utf-16be");
    CHECK(forced.text == utf8);
  }
}

TEST_CASE("UTF-16 without a BOM is recognized by its zero bytes") {
  const std::u16string units = u"Ngày 12/3/2024, Hà Nội có 1.730 ca mắc mới.";
  for (const bool le : {true, false}) {
    INFO((le ? "little endian" : "big endian"));
    const std::string input = Utf16Bytes(units, le, /*bom=*/false);
    const Decoded d = MustDecode(input);
    CHECK(d.encoding == (le ? "utf-16le" : "utf-16be"));
    CHECK(d.confidence < 1.0);  // a guess, not a BOM
    CHECK(d.text == "Ngày 12/3/2024, Hà Nội có 1.730 ca mắc mới.");
    CheckEveryCharMapsTo(d, Utf16Ranges(units, 0));
  }
}

TEST_CASE("UTF-16: lone surrogates and an odd trailing byte become U+FFFD") {
  std::u16string units = u"a";
  units += static_cast<char16_t>(0xD800);  // a high surrogate without its low half
  units += u"b";
  units += static_cast<char16_t>(0xDC00);  // a low surrogate alone
  std::string input = Utf16Bytes(units, /*little_endian=*/true, /*bom=*/true);
  input += 'c';  // half a unit
  const Decoded d = MustDecode(input);
  CHECK(d.encoding == "utf-16le");
  CHECK(d.text == "a" + kFffd + "b" + kFffd + kFffd);
  CHECK_FALSE(d.warnings.empty());
  // Each replacement maps to its own unit (or byte).
  CheckEveryCharMapsTo(d, {{2, 4}, {4, 6}, {6, 8}, {8, 10}, {10, 11}});
}

// The Windows-1258 bytes of a sentence, written by hand from the table in
// reference/legacy-encodings.tsv: D0 Đ, F4 ô, CC U+0300, ED í, FD ư, D2 U+0309,
// E1 á, EA ê, F2 U+0323.  Tone marks other than on precomposed letters are
// combining bytes after the base letter.
const char kCp1258Sentence[] =
    "\xD0\xF4\xCCng ch\xED B\xED th\xFD T\x69\xD2nh \x75\xD2y ph\xE1t bi\xEA\xD2u t\x61\xF2i "
    "h\xF4\xF2i ngh\x69\xF2.";
const char kUnicodeSentence[] = "Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị.";

TEST_CASE("Windows-1258: detected, decoded, one character per byte") {
  const std::string input = kCp1258Sentence;
  const Decoded d = MustDecode(input);
  CHECK(d.encoding == "windows-1258");
  CHECK(d.confidence > 0.5);
  CHECK(d.warnings.empty());
  // The decoder yields decomposed letters; composed they are the sentence.
  CHECK(d.text != kUnicodeSentence);
  CHECK(Nfc(d.text) == kUnicodeSentence);
  // Every byte is one code point: the map sends code point k to byte k.
  std::vector<std::pair<size_t, size_t>> ranges;
  for (size_t k = 0; k < input.size(); ++k) ranges.push_back({k, k + 1});
  CheckEveryCharMapsTo(d, ranges);
  // Forced, the same.
  const Decoded forced = MustDecode(input, "windows-1258");
  CHECK(forced.encoding == "windows-1258");
  CHECK(Nfc(forced.text) == kUnicodeSentence);
}

struct LegacyRow {
  std::string bytes, text;
};

// The Windows-1258 rows of reference/legacy-encodings.tsv, or nothing when
// ../shared is absent.
std::vector<LegacyRow> Cp1258Table() {
  const std::string shared = testing::SharedDir();
  if (shared.empty()) return {};
  std::ifstream f(shared + "/reference/legacy-encodings.tsv");
  std::vector<LegacyRow> rows;
  std::string line;
  while (std::getline(f, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 3 || cols[0] != "Windows-1258") continue;
    LegacyRow row;
    std::stringstream hex(cols[1]);
    for (std::string h; hex >> h;) row.bytes += static_cast<char>(std::stoi(h, nullptr, 16));
    row.text = cols[2];
    rows.push_back(row);
  }
  return rows;
}

TEST_CASE("Windows-1258: every letter of the reference table, and a sentence built from it") {
  const std::vector<LegacyRow> rows = Cp1258Table();
  if (rows.empty()) {
    MESSAGE("skipped: ../shared/reference/legacy-encodings.tsv is absent");
    return;
  }
  CHECK(rows.size() >= 134);
  std::map<std::string, std::string> bytes_of;  // NFC character -> cp1258 bytes
  for (const LegacyRow& row : rows) {
    INFO("table row " << row.text);
    const Decoded d = MustDecode(row.bytes, "windows-1258");
    CHECK(Nfc(d.text) == Nfc(row.text));
    bytes_of[Nfc(row.text)] = row.bytes;
  }
  // A sentence with many letters, encoded through the table.
  const std::string sentence =
      "Ủy ban nhân dân tỉnh Quảng Ngãi đề nghị Bộ Tài chính bổ sung dự toán năm "
      "2023: kinh phí hỗ trợ đạt 17.443,9 tỷ đồng, tăng 74,4% so với cùng kỳ; "
      "Ấp Bắc, Ồ Ồ, Ỷ Lan, Ữ, Ợ, ỳ, ỵ, Ặ, Ẫ, Ễ.";
  std::string encoded;
  for (size_t i = 0; i < sentence.size();) {
    const utf8::Decoded c = utf8::DecodeAt(sentence, i);
    const std::string ch = sentence.substr(i, c.length);
    i += c.length;
    if (c.cp < 0x80) {
      encoded += ch;
      continue;
    }
    const auto it = bytes_of.find(ch);
    REQUIRE_MESSAGE(it != bytes_of.end(), "no Windows-1258 row for " << ch);
    encoded += it->second;
  }
  const Decoded d = MustDecode(encoded);
  CHECK(d.encoding == "windows-1258");
  CHECK(Nfc(d.text) == sentence);
  // The hand-written sentence agrees with the table.
  std::string from_table;
  for (size_t i = 0; i < sizeof kUnicodeSentence - 1;) {
    const utf8::Decoded c = utf8::DecodeAt(kUnicodeSentence, i);
    const std::string ch(kUnicodeSentence + i, c.length);
    i += c.length;
    from_table += c.cp < 0x80 ? ch : bytes_of.at(ch);
  }
  CHECK(from_table == kCp1258Sentence);
}

TEST_CASE("invalid bytes in UTF-8 text: U+FFFD, a warning, offsets still right") {
  const std::string before = "Năm 2023 đạt 1.730 tỷ đồng";
  const std::string after = " và tăng 74,4% so với năm trước.";
  SUBCASE("one stray byte") {
    const std::string input = before + "\xFF" + after;
    const Decoded d = MustDecode(input);
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == before + kFffd + after);
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].find(std::to_string(before.size())) != std::string::npos);
    // Before the stray byte: the identity.
    for (size_t pos = 0; pos <= before.size(); ++pos) CHECK(d.to_input.SourceStart(pos) == pos);
    // The replacement character is the stray byte.
    CHECK(d.to_input.SourceStart(before.size()) == before.size());
    CHECK(d.to_input.SourceEnd(before.size() + 3) == before.size() + 1);
    CHECK(d.to_input.SourceStart(before.size() + 1) == before.size());
    // After it, shifted by 3 - 1 = 2 bytes.
    for (size_t pos = before.size() + 3; pos <= d.text.size(); ++pos) {
      CHECK(d.to_input.SourceStart(pos) == pos - 2);
    }
    // "tỷ đồng" still maps to its own bytes.
    const std::string word = "tỷ đồng";
    const size_t at = d.text.find(word);
    REQUIRE(at != std::string_view::npos);
    const size_t from = d.to_input.SourceStart(at), to = d.to_input.SourceEnd(at + word.size());
    CHECK(input.substr(from, to - from) == word);
    const size_t at2 = d.text.find("74,4%");
    const size_t from2 = d.to_input.SourceStart(at2), to2 = d.to_input.SourceEnd(at2 + 5);
    CHECK(input.substr(from2, to2 - from2) == "74,4%");
  }
  SUBCASE("a truncated sequence is one replacement for its bytes") {
    const std::string input = before + "\xE1\xBB" + after;  // "ệ" without its last byte
    const Decoded d = MustDecode(input);
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == before + kFffd + after);
    CHECK(d.to_input.SourceStart(before.size()) == before.size());
    CHECK(d.to_input.SourceEnd(before.size() + 3) == before.size() + 2);
    CHECK(d.to_input.SourceStart(before.size() + 3) == before.size() + 2);
  }
  SUBCASE("several stray bytes, wherever they sit, are counted in one warning") {
    const std::string input = "\x80" + before + "\xC0" + after + "\xFE";
    const Decoded d = MustDecode(input);
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == kFffd + before + kFffd + after + kFffd);
    CHECK(d.warnings.size() == 1);
    CHECK(d.to_input.SourceStart(3) == 1);
    CHECK(d.to_input.SourceEnd(d.text.size()) == input.size());
    CHECK(d.to_input.SourceStart(d.text.size() - 3) == input.size() - 1);
  }
  SUBCASE("a stray byte means the same wherever it is") {
    // Detection weighs the text's valid sequences against its invalid bytes;
    // the position of one stray byte must not change the verdict.
    const Decoded start = MustDecode("\xFF" + before + after);
    const Decoded middle = MustDecode(before + "\xFF" + after);
    const Decoded end = MustDecode(before + after + "\xFF");
    for (const Decoded* d : {&start, &middle, &end}) {
      CHECK(d->encoding == "utf-8");
      CHECK(d->confidence == start.confidence);
      CHECK(d->confidence > 0.5);
      CHECK(d->warnings.size() == 1);
    }
  }
}

TEST_CASE("NUL bytes: binary data is refused") {
  Decoded d;
  Status s = Decode(std::string("abc\0def", 7), {}, &d);
  CHECK(s.code() == Status::Code::kCorrupt);
  CHECK(s.message().find("NUL") != std::string::npos);
  // A long text with a single NUL is not UTF-16 either.
  std::string text = "Theo báo cáo, toàn tỉnh có 51 tổ chức cơ sở đảng trực thuộc.";
  text.insert(20, 1, '\0');
  s = Decode(text, {}, &d);
  CHECK(s.code() == Status::Code::kCorrupt);
  CHECK(s.message().find("20") != std::string::npos);
  // An image-like header with zeros in both byte positions.
  const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
  CHECK(Decode(std::string(png, sizeof png - 1), {}, &d).code() == Status::Code::kCorrupt);
}

TEST_CASE("forced encodings") {
  SUBCASE("known names") {
    for (const char* name : {"utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", "tcvn3",
                             "vni", "viqr", "utf-8-double"}) {
      CHECK(IsKnownEncoding(name));
    }
    for (const char* name : {"", "UTF-8", "latin1", "utf-16", "TCVN3", "windows-1252", "viscii"}) {
      CHECK_FALSE(IsKnownEncoding(name));
    }
  }
  SUBCASE("an unknown name is an error") {
    Decoded d;
    DecodeOptions options;
    options.encoding = "ebcdic";
    const Status s = Decode("abc", options, &d);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().find("ebcdic") != std::string::npos);
  }
  SUBCASE("legacy encodings need their tables") {
    // tests/legacy_test.cpp decodes them with the tables of rules/encodings.
    for (const char* name : {"tcvn3", "vni", "viqr", "utf-8-double"}) {
      Decoded d;
      DecodeOptions options;
      options.encoding = name;
      const Status s = Decode("abc", options, &d);
      CHECK(s.code() == Status::Code::kInvalidArgument);
      CHECK(s.message().find("tables") != std::string::npos);
    }
  }
  SUBCASE("windows-1258 forced on text that would pass as UTF-8") {
    // "é" in UTF-8 is C3 A9: read as Windows-1258, "Ă©".
    const Decoded d = MustDecode("Caf\xC3\xA9", "windows-1258");
    CHECK(d.encoding == "windows-1258");
    CHECK(d.text == "CafĂ©");
    CheckEveryCharMapsTo(d, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}});
  }
  SUBCASE("utf-8 forced on Windows-1258 bytes: replacements, not a guess") {
    const Decoded d = MustDecode("Vi\xEAt", "utf-8");
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == "Vi" + kFffd + "t");
    CHECK(d.warnings.size() == 1);
  }
  SUBCASE("utf-8 forced on input with a BOM reports the BOM") {
    const Decoded d = MustDecode("\xEF\xBB\xBF" "abc", "utf-8");
    CHECK(d.encoding == "utf-8-bom");
    CHECK(d.text == "abc");
    CHECK(d.to_input.SourceStart(0) == 3);
  }
  SUBCASE("utf-16 forced on input without a BOM") {
    const std::string input = Utf16Bytes(u"Hà Nội", /*little_endian=*/false, /*bom=*/false);
    const Decoded d = MustDecode(input, "utf-16be");
    CHECK(d.encoding == "utf-16be");
    CHECK(d.text == "Hà Nội");
    CheckEveryCharMapsTo(d, Utf16Ranges(u"Hà Nội", 0));
  }
  SUBCASE("empty input, forced") {
    for (const char* name : {"utf-8", "utf-16le", "windows-1258"}) {
      INFO(name);
      const Decoded d = MustDecode("", name);
      CHECK(d.text.empty());
    }
  }
}

TEST_CASE("a Decoded is reused: nothing leaks from the previous document") {
  Decoded d;
  DecodeOptions options;
  REQUIRE(Decode("Vi\xEA\xF2t \xFF\xFE" "abc", options, &d).ok());
  REQUIRE(Decode(std::string("Năm 2023 \x80"), options, &d).ok());
  CHECK(d.warnings.size() == 1);
  const std::string plain = "Hà Nội";
  REQUIRE(Decode(plain, options, &d).ok());
  CHECK(d.text.data() == plain.data());
  CHECK(d.to_input.identity());
  CHECK(d.warnings.empty());
  CHECK(d.encoding == "utf-8");
  CHECK(d.confidence == 1.0);
}

}  // namespace
}  // namespace solieu
