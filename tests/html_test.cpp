#include "pipeline/html.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/normalize.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

std::string Page(const std::string& name) {
  return testing::ReadFile(testing::SourceDir() + "/tests/data/html/" + name);
}

HtmlText MustExtract(std::string_view html) {
  HtmlText out;
  const Status s = ExtractHtmlText(html, &out);
  INFO(s.message());
  REQUIRE(s.ok());
  return out;
}

bool Has(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find("\n\n", begin);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(begin, end - begin));
    begin = end + 2;
  }
  return out;
}

bool IsSeparatorByte(char c) { return c == ' ' || c == '\n' || c == '|'; }

// The offset contract, checked independently of how the text was built:
//  - positions map into the source, in order;
//  - every byte that is not a separator (" ", "\n", "|") maps to exactly one
//    source byte, equal to it;
//  - for random spans inside one text piece (bytes copied from consecutive
//    source bytes), source[SourceStart(b), SourceEnd(e)) == text[b, e);
//  - any non-empty span maps to a source range that holds its first and
//    last bytes.
void CheckOffsets(std::string_view html, const HtmlText& out, unsigned seed = 1) {
  const std::string& text = out.text;
  const OffsetMap& map = out.to_source;
  size_t previous = 0;
  for (size_t b = 0; b <= text.size(); ++b) {
    const size_t start = map.SourceStart(b);
    INFO("text byte " << b);
    REQUIRE(start <= html.size());
    REQUIRE(map.SourceEnd(b) <= html.size());
    REQUIRE(start >= previous);
    previous = start;
  }
  std::vector<bool> copied(text.size());
  for (size_t b = 0; b < text.size(); ++b) {
    const size_t start = map.SourceStart(b);
    const size_t end = map.SourceEnd(b + 1);
    REQUIRE(start <= end);
    copied[b] = end == start + 1 && html[start] == text[b];
    if (!IsSeparatorByte(text[b])) {
      INFO("text byte " << b << " '" << text[b] << "' maps to [" << start << ", " << end << ")");
      REQUIRE(copied[b]);
    }
  }
  if (text.empty()) return;
  std::mt19937 rng(seed);
  for (int k = 0; k < 3000; ++k) {
    const size_t b = rng() % text.size();
    if (!copied[b]) continue;
    size_t e = b + 1;
    const size_t want = 1 + rng() % 80;
    while (e < text.size() && e - b < want && copied[e] &&
           map.SourceStart(e) == map.SourceStart(e - 1) + 1) {
      ++e;
    }
    const size_t sb = map.SourceStart(b), se = map.SourceEnd(e);
    INFO("span [" << b << ", " << e << ")");
    REQUIRE(html.substr(sb, se - sb) == std::string_view(text).substr(b, e - b));
  }
  for (int k = 0; k < 1000; ++k) {
    size_t b = rng() % text.size(), e = rng() % (text.size() + 1);
    if (b > e) std::swap(b, e);
    if (b == e) continue;  // an empty span may map to an empty range either side of markup
    const size_t sb = map.SourceStart(b), se = map.SourceEnd(e);
    REQUIRE(sb <= se);
    if (copied[b]) REQUIRE(html[sb] == text[b]);
    if (copied[e - 1]) REQUIRE(html[se - 1] == text[e - 1]);
  }
}

// Checks the shape of any text: no markup leaked, no blank paragraphs, no
// whitespace at either end.
void CheckShape(const std::string& text) {
  CHECK(!Has(text, "\n\n\n"));
  CHECK(!Has(text, "  "));
  CHECK(!Has(text, " \n"));
  CHECK(!Has(text, "\n "));
  if (!text.empty()) {
    CHECK(text.front() != ' ');
    CHECK(text.front() != '\n');
    CHECK(text.back() != ' ');
    CHECK(text.back() != '\n');
  }
}

TEST_CASE("LooksLikeHtml") {
  CHECK(LooksLikeHtml("<!DOCTYPE html><html><body>x</body></html>"));
  CHECK(LooksLikeHtml("\xEF\xBB\xBF  \r\n<!doctype HTML>"));
  CHECK(LooksLikeHtml("<HTML><HEAD>"));
  CHECK(LooksLikeHtml("<!-- saved from url=(0022)http://example.invalid -->\n<html>"));
  CHECK(LooksLikeHtml(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD "
      "XHTML 1.0 Strict//EN\" \"x\"><html>"));
  CHECK(LooksLikeHtml("<p>Đảng bộ có 1.730 đảng viên</p>"));
  CHECK(LooksLikeHtml("<div class=\"content\">x</div>"));
  CHECK(LooksLikeHtml("\n\n<body>"));
  CHECK(LooksLikeHtml("<meta charset=\"utf-8\"><title>x</title>"));

  CHECK_FALSE(LooksLikeHtml(""));
  CHECK_FALSE(LooksLikeHtml("   "));
  CHECK_FALSE(LooksLikeHtml("Đảng bộ có 1.730 đảng viên, đạt 74,4%."));
  CHECK_FALSE(LooksLikeHtml("Văn bản nhắc đến thẻ <p> ở giữa dòng."));
  CHECK_FALSE(LooksLikeHtml("<pre>"));  // a tag, but not one a page begins with
  CHECK_FALSE(LooksLikeHtml("<paragraph>"));
  CHECK_FALSE(LooksLikeHtml("<!DOCTYPE note SYSTEM \"note.dtd\">"));
  CHECK_FALSE(LooksLikeHtml("<!-- never closed"));
  CHECK_FALSE(LooksLikeHtml("<p"));
  CHECK_FALSE(LooksLikeHtml("3 < 5"));
  CHECK(LooksLikeHtml(Page("provincial_article.html")));
  CHECK(LooksLikeHtml(Page("portal_table.html")));
  CHECK(LooksLikeHtml(Page("br_lines.html")));
}

TEST_CASE("provincial newspaper article: title, lead, body, caption; chrome dropped") {
  const std::string html = Page("provincial_article.html");
  const HtmlText out = MustExtract(html);
  CAPTURE(out.text);

  CHECK(out.title == "Đảng bộ huyện Tân Lạc kết nạp 1.730 đảng viên mới - Báo Sơn Lâm điện tử");
  CHECK(out.published == "2024-03-18T08:15:00+07:00");
  CHECK(out.author == "Minh Khôi");

  const std::vector<std::string> paragraphs = Paragraphs(out.text);
  REQUIRE(paragraphs.size() >= 6);
  // The content begins with its <h1>: that is the title paragraph, once.
  CHECK(paragraphs[0] == "Đảng bộ huyện Tân Lạc kết nạp 1.730 đảng viên mới");
  CHECK(out.text.find("Đảng bộ huyện Tân Lạc kết nạp") ==
        out.text.rfind("Đảng bộ huyện Tân Lạc kết nạp"));
  // The lead, each body paragraph and the caption are paragraphs of their own.
  CHECK(std::count(paragraphs.begin(), paragraphs.end(),
                   "(BSL) - Nhiệm kỳ 2020-2025, Đảng bộ huyện Tân Lạc đã kết nạp 1.730 đảng viên "
                   "mới, đạt 74,4% chỉ tiêu nghị quyết đại hội đề ra.") == 1);
  CHECK(std::count(
            paragraphs.begin(), paragraphs.end(),
            "Đồng chí Bí thư Huyện ủy trao quyết định kết nạp cho các đảng viên mới. Ảnh: Minh "
            "Khôi") == 1);
  // Newlines inside a text node became spaces; inline tags joined with no space invented.
  CHECK(Has(out.text, "6.215 đảng viên, trong đó có 1.048 đảng viên là đoàn viên thanh niên."));
  CHECK(Has(out.text, "có 123/128 chi bộ trực thuộc được đánh giá hoàn thành xuất sắc nhiệm vụ."));
  CHECK(Has(out.text, "48,5 triệu đồng/năm, tăng 3,2 triệu đồng"));
  CHECK(Has(out.text, "1.730 đảng viên"));
  CHECK(Has(out.text, "74,4%"));

  // Dropped: head, scripts, styles, header, search form, menus, breadcrumb,
  // share buttons, ads, related news, comments, sidebar, footer.
  for (const char* gone : {"window.dataLayer",
                           "Quảng cáo",
                           "font-family",
                           "Thứ Hai, ngày 18/03/2024",
                           "Tìm kiếm",
                           "Trang chủ",
                           "E-magazine",
                           "Xây dựng Đảng",
                           "Chia sẻ",
                           "Zalo",
                           "Vay tiêu dùng",
                           "Tin liên quan",
                           "Huyện Lạc Sơn vượt 150%",
                           "Bình luận",
                           "Chưa có bình luận",
                           "Đọc nhiều",
                           "Giá vàng",
                           "Giấy phép số",
                           "Lượt truy cập",
                           "12.345.678",
                           "Đang trực tuyến",
                           "1.234"}) {
    CAPTURE(gone);
    CHECK_FALSE(Has(out.text, gone));
  }
  CheckShape(out.text);
  CheckOffsets(html, out);

  // A figure maps back to its own bytes in the page.
  const size_t at = out.text.find("74,4%");
  const size_t source = out.to_source.SourceStart(at);
  CHECK(html.substr(source, 5) == "74,4%");
  CHECK(html.compare(out.to_source.SourceStart(at), out.to_source.SourceEnd(at + 5) - source,
                     "74,4%") == 0);
}

TEST_CASE("government portal: ASP.NET form kept, table rows as paragraphs, cells separated") {
  const std::string html = Page("portal_table.html");
  const HtmlText out = MustExtract(html);
  CAPTURE(out.text);

  CHECK(out.title ==
        "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2024 - Cổng thông tin điện tử huyện "
        "Yên Thủy");
  CHECK(out.published == "2024-07-05");
  CHECK(out.author == "");

  const std::vector<std::string> paragraphs = Paragraphs(out.text);
  REQUIRE(paragraphs.size() >= 8);
  // No visible <h1> before the content (the site name is in the banner):
  // the <title> text comes first, taken from the page with its spaces collapsed.
  CHECK(paragraphs[0] == out.title);
  CHECK(paragraphs[1] == "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2024");
  auto has_paragraph = [&](const std::string& p) {
    return std::count(paragraphs.begin(), paragraphs.end(), p) == 1;
  };
  CHECK(has_paragraph(
      "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2024 | Thực hiện 6 tháng | Tỷ lệ (%)"));
  CHECK(has_paragraph(
      "1 | Tổng thu ngân sách nhà nước trên địa bàn | tỷ đồng | 1.250 | 687,5 | 55,0"));
  CHECK(has_paragraph("3 | Năng suất lúa bình quân | tạ/ha | 57,2 | 58,6 | 102,4"));
  CHECK(has_paragraph("4 | Tỷ lệ hộ nghèo | % | 8,5 | 9,1 | -"));
  CHECK(has_paragraph("Bảng 1. Kết quả thực hiện một số chỉ tiêu 6 tháng đầu năm 2024"));
  CHECK(Has(out.text, "ước đạt 2.145 tỷ đồng, tăng 7,8% so với cùng kỳ."));
  CHECK(Has(out.text, "bằng 46,5% kế hoạch năm."));

  for (const char* gone : {"CỔNG THÔNG TIN ĐIỆN TỬ", "78 năm", "Giới thiệu chung",
                           "Liên kết website", "Cổng thông tin Chính phủ", "999 tỷ đồng", "cookie",
                           "Cơ quan chủ quản", "4.567.890", "wEPDw"}) {
    CAPTURE(gone);
    CHECK_FALSE(Has(out.text, gone));
  }
  CheckShape(out.text);
  CheckOffsets(html, out);
}

TEST_CASE("entities stay raw in the text; normalize decodes them, offsets compose") {
  const std::string html = Page("entities.html");
  const HtmlText out = MustExtract(html);
  CAPTURE(out.text);

  // Metadata is decoded; the text is not.
  CHECK(out.title == "Kinh tế tăng trưởng & phát triển bền vững");
  CHECK(out.published == "2023-11-02");
  CHECK(out.author == "Trần Thị Hoa");
  CHECK(Has(out.text, "1.730&nbsp;&#273;&#7843;ng vi&ecirc;n"));
  CHECK(Has(out.text, "h&agrave; n&#7897;i"));
  CHECK(Has(out.text, "15&#x002F;2020"));
  CheckShape(out.text);
  CheckOffsets(html, out);

  // Through normalize: the decoded text, and a figure found in it maps back
  // to the entity-laden bytes of the page.
  auto normalizer = Normalizer::Create();
  REQUIRE(normalizer.ok());
  Normalized n;
  (*normalizer)->Normalize(out.text, &n);
  const std::string normalized(n.text);
  CAPTURE(normalized);
  const std::vector<std::string> paragraphs = Paragraphs(normalized);
  REQUIRE(paragraphs.size() == 5);
  CHECK(paragraphs[0] == "Kinh tế tăng trưởng & phát triển bền vững");
  CHECK(paragraphs[1] == "Huyện có 1.730 đảng viên, tỷ lệ đạt 74,4 %.");
  CHECK(Has(normalized, "hà nội từ 15/2020"));
  CHECK(Has(normalized, "Ngày 30/8/2023 - Hội nghị tổng kết."));

  auto source_of = [&](std::string_view needle) {
    const size_t b = normalized.find(needle);
    REQUIRE(b != std::string::npos);
    const size_t sb = out.to_source.SourceStart(n.DecodedStart(b));
    const size_t se = out.to_source.SourceEnd(n.DecodedEnd(b + needle.size()));
    return html.substr(sb, se - sb);
  };
  CHECK(source_of("1.730 đảng viên") == "1.730&nbsp;&#273;&#7843;ng vi&ecirc;n");
  CHECK(source_of("74,4 %") == "74,4&nbsp;%");
  CHECK(source_of("15/2020") == "15&#x002F;2020");
  CHECK(source_of("hà nội") == "h&agrave; n&#7897;i");
}

TEST_CASE("<br> lines: one newline per <br>, a paragraph for two") {
  const std::string html = Page("br_lines.html");
  const HtmlText out = MustExtract(html);
  CAPTURE(out.text);
  CHECK(out.title == "Số liệu thống kê huyện Mai Châu năm 2022");
  const std::vector<std::string> paragraphs = Paragraphs(out.text);
  REQUIRE(paragraphs.size() == 5);
  CHECK(paragraphs[0] == "Số liệu thống kê huyện Mai Châu năm 2022");
  CHECK(paragraphs[1] == "SỐ LIỆU THỐNG KÊ CHỦ YẾU NĂM 2022");
  CHECK(paragraphs[2] ==
        "Dân số trung bình: 57.350 người\nSố hộ gia đình: 14.120 hộ\nTỷ lệ tăng dân số tự nhiên: "
        "1,12%\nMật độ dân số: 102 người/km2");
  CHECK(paragraphs[3] ==
        "Diện tích đất nông nghiệp: 7.980&nbsp;ha\nSản lượng lương thực có hạt: 28.640 tấn");
  CHECK(paragraphs[4] == "Nguồn: Chi cục Thống kê huyện");
  CHECK_FALSE(Has(out.text, "Liên hệ"));  // <td class="menu">
  CheckShape(out.text);
  CheckOffsets(html, out);
}

TEST_CASE("broken markup: misnested, unclosed, stray tags, text fostered out of a table") {
  const std::string html = Page("broken.html");
  const HtmlText out = MustExtract(html);
  CAPTURE(out.text);
  CHECK(out.title == "Trang lỗi cú pháp");
  const std::vector<std::string> paragraphs = Paragraphs(out.text);
  const std::vector<std::string> expected = {
      "Trang lỗi cú pháp",
      "Đoạn một có 1.250 hộ được hỗ trợ nhà ở, đạt 80%.",
      "Đoạn hai không đóng thẻ, kinh phí 12,5 tỷ đồng",  // the stray </x> is dropped
      "Xã A | 320 hộ",
      "chữ lạc 45 hộ",  // gumbo moves it before the table; the text keeps source order
      "Xã B | 410 hộ",
      "Mục một: 15%",
      "Mục hai: 20%",
      "Dấu nhỏ hơn: 3 < 5 và 1<2, không phải thẻ.",
      "Câu cuối có chữlồngnhau và 7.890 người",
  };
  CHECK(paragraphs == expected);
  CheckShape(out.text);
  CheckOffsets(html, out);
}

TEST_CASE("inline markup joins, whitespace collapses, <pre> keeps its lines") {
  struct Case {
    const char* html;
    const char* text;
  };
  const Case cases[] = {
      {"<p>1.<b>730</b> đảng viên</p>", "1.730 đảng viên"},
      {"<p>Tăng <span>7,8</span>%</p>", "Tăng 7,8%"},
      {"<p>A\n\t   B</p>", "A B"},
      {"<p>A</p>\n\n   <p>B</p>", "A\n\nB"},
      {"<p>  <b>A</b> <i>B</i>  </p>", "A B"},
      {"<p>A<br>B<br><br>C<br><br><br>D</p>", "A\nB\n\nC\n\nD"},
      {"<ul><li>Một</li><li>Hai</li></ul>", "Một\n\nHai"},
      {"<table><tr><td>a</td><td></td><td>b</td></tr><tr><th>c</th></tr></table>", "a | b\n\nc"},
      {"<dl><dt>Dân số</dt><dd>57.350 người</dd></dl>", "Dân số\n\n57.350 người"},
      {"<pre>dòng 1\n  dòng 2\n\ndòng 3</pre>", "dòng 1\ndòng 2\ndòng 3"},
      {"<p>trước<!-- chú thích -->sau</p>", "trướcsau"},
      {"<p>giá <script>var x = '<p>1</p>';</script>vàng</p>", "giá vàng"},
      {"<p>a\r\nb</p>", "a b"},
      {"", ""},
      {"<script>var a = 1;</script>", ""},
      {"<html><head><title></title></head><body>   </body></html>", ""},
      {"Chữ thường, không có thẻ nào.", "Chữ thường, không có thẻ nào."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.html);
    const HtmlText out = MustExtract(c.html);
    CHECK(out.text == c.text);
    CheckOffsets(c.html, out);
  }
}

TEST_CASE("class and id words: whole first or last words decide") {
  auto kept = [](const std::string& attributes) {
    const std::string html =
        "<body><div " + attributes + ">XYZ</div><p>" + std::string(10, 'w') + "</p></body>";
    return Has(MustExtract(html).text, "XYZ");
  };
  for (const char* dropped : {"class=\"header\"",
                              "id=\"header\"",
                              "class=\"site-header\"",
                              "class=\"header-top\"",
                              "class=\"menu-top\"",
                              "class=\"mainMenu\"",
                              "id=\"nav\"",
                              "class=\"breadcrumbs\"",
                              "class=\"footer\"",
                              "class=\"box_comment\"",
                              "class=\"comments\"",
                              "class=\"share-buttons\"",
                              "class=\"social\"",
                              "class=\"relatedNews\"",
                              "class=\"related-news\"",
                              "class=\"tin-lien-quan\"",
                              "class=\"tinlienquan\"",
                              "class=\"ads\"",
                              "class=\"ads_300x250\"",
                              "class=\"adv-top\"",
                              "class=\"advertisement\"",
                              "class=\"quang-cao\"",
                              "class=\"banner\"",
                              "class=\"cookie-notice\"",
                              "class=\"sidebar\"",
                              "class=\"box binh-luan\"",
                              "role=\"navigation\"",
                              "hidden",
                              "style=\"display: none\"",
                              "style=\"visibility:hidden\""}) {
    CAPTURE(dropped);
    CHECK_FALSE(kept(dropped));
  }
  for (const char* staying :
       {"class=\"article-header-title\"", "class=\"article-header\"", "class=\"download\"",
        "class=\"add-on\"", "class=\"shared-data\"", "class=\"headline\"",
        "class=\"subheader-text\"", "class=\"navigator-free\"", "class=\"bad\"",
        "class=\"content\"", "class=\"\"", "style=\"color: red\""}) {
    CAPTURE(staying);
    CHECK(kept(staying));
  }
  // The body's classes say nothing about its parts.
  const HtmlText wordpress = MustExtract(
      "<body class=\"post-template-default single single-post\"><header class=\"site-header\">"
      "Báo X</header><p>Thân bài</p><footer class=\"site-footer\">Bản quyền</footer></body>");
  CHECK(wordpress.text == "Thân bài");
  // Page header and footer are the article's own inside an article.
  const HtmlText in_article = MustExtract(
      "<body><header>Trang</header><article><header><h1>Tiêu đề</h1><p>Sapo 12%</p></header>"
      "<p>Thân bài 34%</p><footer>Nguồn: Sở Tài chính</footer></article><footer>Cuối trang</footer>"
      "</body>");
  CHECK(in_article.text == "Tiêu đề\n\nSapo 12%\n\nThân bài 34%\n\nNguồn: Sở Tài chính");
}

TEST_CASE("main content: the candidate with the most text, else the body") {
  const std::string teaser = "<div class=\"post\"><p>Tin ngắn 1</p></div>";
  const std::string article = "<div class=\"detail\"><p>" + std::string(300, 'x') + "</p></div>";
  const std::string chrome_free = "<p>Ngoài bài " + std::string(50, 'y') + "</p>";
  HtmlText out = MustExtract("<title>T</title><body>" + teaser + chrome_free + article + "</body>");
  CHECK(out.text == "T\n\n" + std::string(300, 'x'));

  // Nested candidates: the outer one holds more (the lead), so it wins.
  out = MustExtract(
      "<title>T</title><body><p>menu chữ</p><article><h1>Tiêu đề</h1><p class=\"sapo\">Sapo</p>"
      "<div class=\"article-body\"><p>Thân 1</p><p>Thân 2</p></div></article></body>");
  CHECK(out.text == "Tiêu đề\n\nSapo\n\nThân 1\n\nThân 2");

  // Equal text: the inner one.
  out = MustExtract(
      "<body><div class=\"content\"><div class=\"entry\"><p>Chỉ đoạn này</p></div>"
      "</div></body>");
  CHECK(out.text == "Chỉ đoạn này");

  // A candidate with under a fifth of the page's text is not believed.
  out = MustExtract("<body><span class=\"post-date\">12/5</span><p>" + std::string(200, 'z') +
                    "</p></body>");
  CHECK(out.text == "12/5\n\n" + std::string(200, 'z'));

  // Candidates inside chrome still count (a main column called "sidebar-1").
  out = MustExtract(
      "<body><div class=\"sidebar-1\"><h1>Tiêu đề</h1><article class=\"fck_detail\">"
      "<p>Nội dung 5%</p></article></div><div class=\"sidebar-2\"><p>Khác</p></div>"
      "</body>");
  CHECK(Has(out.text, "Nội dung 5%"));
  CHECK_FALSE(Has(out.text, "Khác"));
}

TEST_CASE("title paragraph: the content's own <h1>, else an <h1> before it, else <title>") {
  // The <h1> just before the content, not the <title>, and not the logo's <h1> in the header.
  HtmlText out = MustExtract(
      "<html><head><title>Tiêu đề | Báo X</title></head><body><header><h1>Báo X</h1></header>"
      "<h1 class=\"title-detail\">Tiêu đề</h1><p class=\"description\">Sapo</p>"
      "<div class=\"fck_detail\"><p>" +
      std::string(100, 'a') + "</p></div></body></html>");
  CHECK(out.title == "Tiêu đề | Báo X");
  CHECK(out.text == "Tiêu đề\n\n" + std::string(100, 'a'));

  // No <h1>: <title>, with its whitespace collapsed (a replacement in the map).
  const std::string html =
      "<html><head><title>\n  Giá   lúa\ttăng </title></head><body><div class=\"content\"><p>Giá "
      "lúa tăng 5%</p></div></body></html>";
  out = MustExtract(html);
  CHECK(out.title == "Giá lúa tăng");
  CHECK(out.text == "Giá lúa tăng\n\nGiá lúa tăng 5%");
  CheckOffsets(html, out);

  // og:title, then the first <h1>, when there is no <title>.
  out = MustExtract("<meta property=\"og:title\" content=\"Tiêu đề &amp; OG\"><p>x</p>");
  CHECK(out.title == "Tiêu đề & OG");
  out = MustExtract("<body><h1>Tiêu&nbsp;đề  <b>một</b></h1><p>x</p></body>");
  CHECK(out.title == "Tiêu đề một");
  CHECK(out.text == "Tiêu&nbsp;đề một\n\nx");
}

TEST_CASE("metadata: published and author from the usual places") {
  HtmlText out = MustExtract(
      "<head><meta name=\"pubdate\" content=\"2022-01-02\"><meta name=\"date\" "
      "content=\"2000-01-01\"><meta property=\"article:author\" "
      "content=\"https://facebook.invalid/x\"></head><body><p rel=\"author\">Lê Văn B</p></body>");
  CHECK(out.published == "2022-01-02");
  CHECK(out.author == "Lê Văn B");
  out = MustExtract(
      "<body><time itemprop=\"datePublished\" datetime=\"2021-05-06T07:00\">6/5/2021</time>"
      "<div class=\"tac-gia\">  Phạm   Thu </div></body>");
  CHECK(out.published == "2021-05-06T07:00");
  CHECK(out.author == "Phạm Thu");
  out = MustExtract("<p>Không có gì</p>");
  CHECK(out.published == "");
  CHECK(out.author == "");
}

TEST_CASE("buffers are reused: a second page leaves nothing of the first") {
  HtmlText out;
  REQUIRE(ExtractHtmlText(Page("provincial_article.html"), &out).ok());
  const std::string html = Page("br_lines.html");
  REQUIRE(ExtractHtmlText(html, &out).ok());
  const HtmlText fresh = MustExtract(html);
  CHECK(out.text == fresh.text);
  CHECK(out.title == fresh.title);
  CHECK(out.published == "");
  CHECK(out.author == "");
  CheckOffsets(html, out);
}

TEST_CASE("a leading BOM does not push <head> into the body") {
  const std::string html =
      "\xEF\xBB\xBF<html><head><title>Tiêu đề</title><meta name=\"author\" "
      "content=\"A\"></head><body><p>Thân 1%</p></body></html>";
  const HtmlText out = MustExtract(html);
  CHECK(out.title == "Tiêu đề");
  CHECK(out.author == "A");
  CHECK(out.text == "Tiêu đề\n\nThân 1%");
  CheckOffsets(html, out);
}

TEST_CASE("large and pathological pages: bounded, no crash, offsets hold") {
  // A 5 MB article.
  const std::string page = Page("provincial_article.html");
  const size_t cut = page.find("<div class=\"article-body fck_detail\">");
  REQUIRE(cut != std::string::npos);
  const std::string paragraph =
      "<p>Năm 2023 có <b>123/128</b> chi bộ đạt 88,1%, h&agrave; n&#7897;i 1.730 đảng viên.</p>\n";
  std::string big = page.substr(0, cut) + "<div class=\"article-body fck_detail\">";
  while (big.size() < (size_t{5} << 20)) big += paragraph;
  big += page.substr(cut);
  HtmlText out = MustExtract(big);
  CHECK(out.text.size() > (size_t{4} << 20));
  CHECK(
      Has(out.text, "Năm 2023 có 123/128 chi bộ đạt 88,1%, h&agrave; n&#7897;i 1.730 đảng viên."));
  CHECK_FALSE(Has(out.text, "Lượt truy cập"));
  CheckOffsets(big, out);

  // Nesting far beyond kMaxHtmlNesting, in the shapes that make gumbo slow.
  const std::vector<std::pair<std::string, int>> shapes = {{"<div>", 200000},
                                                           {"<b><div></b>", 40000},
                                                           {"<div><span>x", 100000},
                                                           {"<ul><li>", 100000},
                                                           {"<table><tr><td>", 50000},
                                                           {"<i><p>x</i>", 50000},
                                                           {"<a href=x><div>y</a>", 50000}};
  for (const auto& [shape, count] : shapes) {
    CAPTURE(shape);
    std::string html;
    for (int k = 0; k < count; ++k) html += shape;
    html += "<p>Cuối cùng 42%</p>";
    out = MustExtract(html);
    CHECK(Has(out.text, "Cuối cùng 42%"));
    CheckOffsets(html, out);
  }

  // Only a script; an unclosed <title> (everything after is its text); junk.
  CHECK(MustExtract("<script>for(;;){}</script>").text == "");
  out = MustExtract("<title>Tiêu đề <p>thân 1%</p>");
  CHECK(out.text == "Tiêu đề thân 1%");
  CHECK(out.title == "Tiêu đề <p>thân 1%</p>");
  out = MustExtract("<title>" + std::string(5000, 'x'));
  CHECK(out.text == std::string(5000, 'x'));
  CHECK(out.title == "");
  for (const char* junk : {"<", "<<<>>>", "<!--", "<![CDATA[x", "</", "<a", "<p <p <p", "&", "&#",
                           "<table>x", "<svg><p>y", "<select><p>z", "<frameset><frame>",
                           "<plaintext><b>1</b>", "<textarea>a</textarea>b", "<isindex>"}) {
    CAPTURE(junk);
    out = MustExtract(junk);
    CheckOffsets(junk, out);
  }
}

TEST_CASE("property: random markup soup, every span maps back") {
  const std::vector<std::string> parts = {"<p>",
                                          "</p>",
                                          "<div class=\"content\">",
                                          "<div class=\"menu\">",
                                          "</div>",
                                          "<b>",
                                          "</b>",
                                          "<i>",
                                          "</i>",
                                          "<br>",
                                          "<table>",
                                          "<tr>",
                                          "<td>",
                                          "</td>",
                                          "</tr>",
                                          "</table>",
                                          "<li>",
                                          "<ul>",
                                          "</ul>",
                                          "<script>x<y</script>",
                                          "<!-- c -->",
                                          "<h1>",
                                          "</h1>",
                                          "<title>T</title>",
                                          "<article>",
                                          "</article>",
                                          "<header>",
                                          "</header>",
                                          "<span>",
                                          "</x>",
                                          "<pre>",
                                          "</pre>",
                                          "1.730 đảng viên",
                                          "74,4%",
                                          " ",
                                          "\n",
                                          "\t",
                                          "  ",
                                          "&agrave;",
                                          "&nbsp;",
                                          "&#7897;",
                                          "<",
                                          ">",
                                          "&",
                                          "Hà Nội",
                                          "x",
                                          "<a href=\"#\">",
                                          "</a>",
                                          "<form>",
                                          "</form>",
                                          "<footer>",
                                          "</footer>",
                                          "<p class=\"sapo\">",
                                          "<img src=x alt=y>"};
  std::mt19937 rng(20240318);
  for (int round = 0; round < 400; ++round) {
    std::string html;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) html += parts[rng() % parts.size()];
    CAPTURE(html);
    HtmlText out;
    REQUIRE(ExtractHtmlText(html, &out).ok());
    CheckOffsets(html, out, static_cast<unsigned>(round));
    CHECK(!Has(out.text, "\n\n\n"));
  }
}

}  // namespace
}  // namespace solieu
