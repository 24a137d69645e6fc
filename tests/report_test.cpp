// solieu report (issue 4, item 5): the page builder on small hand-written
// records.  Escaping of hostile text in every place it can land (sentences,
// titles, urls, the embedded chart data), figures highlighted where their
// byte offsets put them (offsets worked out by hand in the comments), the
// charts' data, findings with their evidence side by side, stable output,
// empty input, and the command line's inputs and exit statuses.  The page in
// a real browser: tests/report_browser_test.sh.
#include "pipeline/report.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "tests/test_support.h"
#include "util/utf8.h"

namespace solieu {
namespace {

using Json = nlohmann::json;

// One figure of a hand-written record: `text` is its `occurrence`-th
// (from 0) occurrence in sentence number `sentence` of the document.
struct Fig {
  std::string kind = "count";
  double value = 0;
  std::string text;
  std::string unit;
  std::string measure;
  std::string role = "level";
  std::string scope;
  std::string period;  // a norm; "" for none
  int sentence = 0;
  int occurrence = 0;
};

// Another entity (a date, a docref) in a sentence.
struct Other {
  std::string type, text, norm;
  int sentence = 0;
};

// Byte offset of the n-th occurrence of `needle` in `text`.
size_t Nth(const std::string& text, const std::string& needle, int n) {
  size_t at = text.find(needle);
  for (int i = 0; i < n && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  REQUIRE_MESSAGE(at != std::string::npos, needle << " #" << n << " not in " << text);
  return at;
}

// A record as extract writes it: the document's sentences start at input
// byte `first_byte` (as if after a url line and a title), one space apart.
Json Doc(const std::string& name, const std::vector<std::string>& sentences, const std::vector<Fig>& figs,
         const std::string& url = "", const std::string& title = "", const std::vector<Other>& others = {},
         size_t first_byte = 100) {
  std::vector<size_t> starts;
  size_t at = first_byte;
  for (const std::string& s : sentences) {
    starts.push_back(at);
    at += s.size() + 1;
  }
  Json entities = Json::array(), indicators = Json::array();
  for (const Fig& f : figs) {
    const std::string& s = sentences[f.sentence];
    const size_t start = starts[f.sentence] + Nth(s, f.text, f.occurrence);
    entities.push_back({{"type", f.kind}, {"text", f.text}, {"norm", ""}, {"value", Json::object()},
                        {"start", 0}, {"end", 0}, {"byte_start", start}, {"byte_end", start + f.text.size()},
                        {"sentence", f.sentence}, {"rule", "test"}});
    Json scope = f.scope.empty() ? Json() : Json{{"name", f.scope}, {"level", nullptr}, {"source", "sentence"}};
    Json period = f.period.empty() ? Json() : Json{{"norm", f.period}, {"completed", nullptr}, {"source", "sentence"}};
    indicators.push_back({{"kind", f.kind}, {"norm", ""}, {"text", f.text}, {"value", f.value},
                          {"unit", f.unit.empty() ? Json() : Json(f.unit)},
                          {"measure", f.measure}, {"role", f.role}, {"qualifier", nullptr}, {"scope", scope},
                          {"period", period}, {"baseline", nullptr}, {"target", nullptr},
                          {"refs", Json::array()}, {"entity", entities.size() - 1},
                          {"evidence", {{"text", s}, {"byte_start", starts[f.sentence]},
                                        {"byte_end", starts[f.sentence] + s.size()}}}});
  }
  for (const Other& o : others) {
    const size_t start = starts[o.sentence] + Nth(sentences[o.sentence], o.text, 0);
    entities.push_back({{"type", o.type}, {"text", o.text}, {"norm", o.norm}, {"value", Json::object()},
                        {"start", 0}, {"end", 0}, {"byte_start", start}, {"byte_end", start + o.text.size()},
                        {"sentence", o.sentence}, {"rule", "test"}});
  }
  return {{"doc", name}, {"encoding", "utf-8"}, {"confidence", 1}, {"chars", 0}, {"entities", entities},
          {"warnings", Json::array()},
          {"meta", {{"url", url.empty() ? Json() : Json(url)}, {"title", title.empty() ? Json() : Json(title)},
                    {"published", nullptr}, {"captions", Json::array()}, {"scope", nullptr}}},
          {"indicators", indicators}};
}

std::string Page(const std::vector<Json>& records, ReportOptions options = {}) {
  ReportBuilder builder(options);
  for (const Json& r : records) REQUIRE(builder.AddRecord(r).ok());
  Result<std::string> page = builder.Build();
  REQUIRE(page.ok());
  return *page;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The text between `open` (found from `from`) and the next `close`.
std::string Between(const std::string& text, const std::string& open, const std::string& close, size_t from = 0) {
  const size_t a = text.find(open, from);
  REQUIRE_MESSAGE(a != std::string::npos, open << " not in the page");
  const size_t b = text.find(close, a + open.size());
  REQUIRE(b != std::string::npos);
  return text.substr(a + open.size(), b - a - open.size());
}

// The embedded chart data, read back.
Json ChartData(const std::string& page) {
  return Json::parse(Between(page, "<script type=\"application/json\" id=\"report-data\">", "</script>"));
}

TEST_CASE("AppendHtmlEscaped escapes markup, quotes, and bad bytes") {
  std::string out;
  AppendHtmlEscaped("</script><img src=x onerror=\"alert('1')\"> & Đăk Glei", &out);
  CHECK(out == "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; Đăk Glei");
  out.clear();
  // An invalid byte, a NUL, a C1 control: U+FFFD each; tab and newline stay.
  AppendHtmlEscaped(std::string("a\xFF" "b\0c\xC2\x85" "d\te\n", 11), &out);
  CHECK(out == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\te\n");
}

TEST_CASE("PeriodSpan: norms to fractional years") {
  auto span = [](const char* norm) { return PeriodSpan(norm); };
  REQUIRE(span("2020"));
  CHECK(span("2020")->begin == 2020);
  CHECK(span("2020")->end == 2021);
  CHECK(span("2024-Q1")->begin == 2024);
  CHECK(span("2024-Q1")->end == 2024.25);
  CHECK(span("2023-H2")->begin == 2023.5);
  CHECK(span("2023-H2")->end == 2024);
  CHECK(span("2023-03")->begin == doctest::Approx(2023 + 2 / 12.0));
  // nhiệm kỳ 2015 - 2020: from the start of 2015 to the end of 2020.
  CHECK(span("2015/2020")->begin == 2015);
  CHECK(span("2015/2020")->end == 2021);
  CHECK(span("2023-01/2023-09")->end == doctest::Approx(2023.75));
  // 2020 is a leap year: 30 June is day 31+29+31+30+31+30 = 182 of 366.
  CHECK(span("2020-06-30")->begin == doctest::Approx(2020 + 181 / 366.0));
  CHECK(span("2020-06-30")->end == doctest::Approx(2020 + 182 / 366.0));
  CHECK(span("2023-W01")->begin == 2023);
  CHECK_FALSE(span("XXXX-08-30"));
  CHECK_FALSE(span("XXXX-01-15/XXXX-01-16"));
  CHECK_FALSE(span("2023-02-29"));
  CHECK_FALSE(span("2023-13"));
  CHECK_FALSE(span("2024-Q5"));
  CHECK_FALSE(span("2021/2020"));
  CHECK_FALSE(span("năm 2020"));
  CHECK_FALSE(span(""));
}

TEST_CASE("LocateInSentence: by the offsets, not the first occurrence") {
  // "Năm 2023 tăng 5%, năm 2024 tăng 5%." in UTF-8: "Năm" is 4 bytes, "tăng"
  // 5, so the first "5%" is at bytes 16-18 and the second at 36-38.
  const std::string s = "Năm 2023 tăng 5%, năm 2024 tăng 5%.";
  const InputSpan sentence{s, 100, 100 + s.size()};
  auto at = LocateInSentence(sentence, {"5%", 136, 138}, "utf-8");
  REQUIRE(at);
  CHECK(at->first == 36);
  CHECK(at->second == 38);
  at = LocateInSentence(sentence, {"5%", 116, 118}, "utf-8-bom");
  REQUIRE(at);
  CHECK(at->first == 16);

  // The same sentence read from UTF-16: 2 bytes a character; the second
  // "5%" is character 32, input bytes 200 + 64.
  const InputSpan utf16{s, 200, 200 + 2 * 35};
  at = LocateInSentence(utf16, {"5%", 264, 268}, "utf-16le");
  REQUIRE(at);
  CHECK(at->first == 36);
  at = LocateInSentence(utf16, {"5%", 228, 232}, "utf-16be");
  REQUIRE(at);
  CHECK(at->first == 16);

  // windows-1258: one byte a code point, tone marks combining.  "y" + U+0309
  // and "a" + U+0300: the second "5%" is code point 10, UTF-8 byte 12.
  const std::string decomposed = "y\xCC\x89 5% va\xCC\x80 5%";
  at = LocateInSentence({decomposed, 50, 62}, {"5%", 60, 62}, "windows-1258");
  REQUIRE(at);
  CHECK(at->first == 12);
  at = LocateInSentence({decomposed, 50, 62}, {"5%", 52, 54}, "windows-1258");
  REQUIRE(at);
  CHECK(at->first == 4);

  // tcvn3: bytes and text do not line up; the occurrence nearest in
  // proportion.  "Đạt 5% và 7%" is 16 bytes of UTF-8, 12 of TCVN3; "7%" is
  // unique, "5%" at TCVN3 byte 4 of 12 -> about a third of the text
  // (UTF-8: "Đạt " is 2 + 3 + 1 + 1 bytes).
  const std::string legacy = "Đạt 5% và 7%";
  at = LocateInSentence({legacy, 0, 12}, {"7%", 10, 12}, "tcvn3");
  REQUIRE(at);
  CHECK(legacy.substr(at->first, at->second - at->first) == "7%");
  CHECK(at->first == 14);
  at = LocateInSentence({legacy, 0, 12}, {"5%", 4, 6}, "tcvn3");
  REQUIRE(at);
  CHECK(at->first == 7);

  // Offsets that do not agree with the text (a replaced invalid byte
  // before the figure): found by its text near where it should be.
  at = LocateInSentence(sentence, {"5%", 135, 137}, "utf-8");
  REQUIRE(at);
  CHECK(at->first == 36);

  // Outside the sentence, or not in it at all: nowhere.
  CHECK_FALSE(LocateInSentence(sentence, {"5%", 90, 92}, "utf-8"));
  CHECK_FALSE(LocateInSentence(sentence, {"5%", 139, 141}, "utf-8"));
  CHECK_FALSE(LocateInSentence(sentence, {"7%", 116, 118}, "utf-8"));
  CHECK_FALSE(LocateInSentence(sentence, {"", 116, 116}, "utf-8"));
}

// Two reports of one indicator: 2.105 and 2.150 party members of huyện Đăk
// Glei on 30/6/2020 (a conflict), and a second figure for another period.
std::vector<Json> DakGlei() {
  const std::string a1 = "Tính đến ngày 30/6/2020, Đảng bộ huyện Đăk Glei có 2.105 đảng viên.";
  const std::string a2 = "Năm 2019, Đảng bộ có 2.050 đảng viên.";
  const std::string b1 = "Đến ngày 30/6/2020, toàn huyện Đăk Glei có 2.150 đảng viên.";
  return {
      Doc("a.txt", {a1, a2},
          {{.value = 2105, .text = "2.105 đảng viên", .unit = "đảng viên", .measure = "đảng viên",
            .scope = "huyện Đăk Glei", .period = "2020-06-30"},
           {.value = 2050, .text = "2.050 đảng viên", .unit = "đảng viên", .measure = "đảng viên",
            .scope = "huyện Đăk Glei", .period = "2019", .sentence = 1}},
          "https://bao.example.vn/a.html", "Đăk Glei: sẵn sàng cho Đại hội",
          {{"date", "ngày 30/6/2020", "2020-06-30", 0}}),
      Doc("b.txt", {b1},
          {{.value = 2150, .text = "2.150 đảng viên", .unit = "đảng viên", .measure = "đảng viên",
            .scope = "huyện Đăk Glei", .period = "2020-06-30"}}),
  };
}

TEST_CASE("the page: scopes, charts, findings side by side, documents") {
  const std::string page = Page(DakGlei());
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
  // Nothing from elsewhere: no src attribute, no stylesheet link, no fetch.
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  // The one http:// address is the SVG namespace, in the script.
  CHECK(Count(page, "http://") == 1);
  CHECK(Count(page, "'http://www.w3.org/2000/svg'") == 1);
  CHECK(Count(page, "https://") == 2);  // the source link, in the finding and in the document list

  CHECK(page.find("2 documents, 3 figures, 1 finding (1 conflict, 0 corroborations, 0 inconsistencies)") !=
        std::string::npos);
  // One scope, in the table of contents and as a section: its findings,
  // then its charts, then its documents.
  CHECK(Count(page, "<section class=\"scope\"") == 1);
  CHECK(page.find("<a href=\"#scope-1\">huyện Đăk Glei</a> <span class=\"counts\">1 finding, 1 chart, "
                  "2 documents</span>") != std::string::npos);
  CHECK(page.find("<h3>Findings</h3>") < page.find("<h3>Figures over time</h3>"));
  CHECK(page.find("<h3>Figures over time</h3>") < page.find("<h3>Documents of this scope</h3>"));

  // One chart: the three figures share scope, measure, role and unit.
  CHECK(Count(page, "<figure class=\"chart\"") == 1);
  const Json data = ChartData(page);
  REQUIRE(data["charts"].size() == 1);
  const Json& points = data["charts"]["chart-1"]["points"];
  REQUIRE(points.size() == 3);
  // By the end of their period: 2019 first, then 30/6/2020 by value.
  CHECK(points[0]["y"] == 2050);
  CHECK(points[0]["x0"] == 2019);
  CHECK(points[0]["x1"] == 2020);
  CHECK(points[1]["y"] == 2105);
  CHECK(points[1]["x1"].get<double>() == doctest::Approx(2020 + 182 / 366.0));
  CHECK(points[2]["y"] == 2150);
  CHECK(points[1]["period"] == "2020-06-30");
  CHECK(points[1]["href"] == "#d0-i0");  // a.txt is document 0, its indicator 0
  CHECK(points[2]["href"] == "#d1-i0");
  CHECK(points[0]["mark"] == 0);  // the 2019 figure is in no finding
  CHECK(points[1]["mark"] == 1);  // conflict
  CHECK(points[2]["mark"] == 1);
  CHECK(points[0]["colour"] == points[1]["colour"]);  // one colour per document
  CHECK(points[2]["colour"] != points[1]["colour"]);

  // One finding, a conflict, with both sentences side by side, each figure
  // marked where it is, a link to the source and to the figure.
  REQUIRE(Count(page, "<li class=\"finding conflict\"") == 1);
  const std::string finding = Between(page, "<li class=\"finding conflict\"", "</li>");
  CHECK(Count(finding, "<div class=\"ev\">") == 2);
  CHECK(finding.find("values: 2105, 2150") != std::string::npos);
  // a.txt: "2.105 đảng viên" (19 bytes) at byte 100 + 66: "Tính đến " is
  // 13 bytes (í, đ 2, ế 3), "ngày " 6, "30/6/2020, " 11, "Đảng " 8, "bộ " 5,
  // "huyện " 8, "Đăk " 6, "Glei " 5, "có " 4.
  CHECK(finding.find("Đăk Glei có <mark class=\"fig in-conflict\" data-bytes=\"166-185\" title=\"input bytes 166-185\">"
                     "2.105 đảng viên</mark>.") != std::string::npos);
  // b.txt: at 100 + 53: "Đến " 7, "ngày " 6, "30/6/2020, " 11, "toàn " 6,
  // "huyện " 8, "Đăk " 6, "Glei " 5, "có " 4.
  CHECK(finding.find("<mark class=\"fig in-conflict\" data-bytes=\"153-172\" title=\"input bytes 153-172\">2.150 đảng viên</mark>") !=
        std::string::npos);
  CHECK(finding.find("<a class=\"source\" href=\"https://bao.example.vn/a.html\" rel=\"noopener noreferrer\" "
                     "target=\"_blank\">Đăk Glei: sẵn sàng cho Đại hội</a>") != std::string::npos);
  CHECK(finding.find("<span class=\"source\">b.txt</span>") != std::string::npos);  // no url: the doc id
  CHECK(finding.find("href=\"#d0-i0\"") != std::string::npos);
  CHECK(finding.find("href=\"#d1-i0\"") != std::string::npos);

  // The document list: sorted by doc, each figure marked in its sentence
  // with its anchor and input bytes, the date as another entity.
  const std::string doc_a = Between(page, "<article class=\"doc\" id=\"d0\">", "</article>");
  CHECK(doc_a.find("<code>a.txt</code>") != std::string::npos);
  CHECK(doc_a.find("<mark class=\"fig k-count in-conflict\" id=\"d0-i0\" data-bytes=\"166-185\"") != std::string::npos);
  // "ngày 30/6/2020" (15 bytes) after "Tính đến " (13).
  CHECK(doc_a.find("Tính đến <span class=\"ent t-date\" data-bytes=\"113-128\"") != std::string::npos);
  // The first sentence is 86 bytes, so the second starts at 100 + 86 + 1 and
  // is 48 bytes long; "Năm 2019, Đảng bộ có " is 28 bytes.
  CHECK(doc_a.find("<li id=\"d0-s1\" data-bytes=\"187-235\">Năm 2019, Đảng bộ có <mark class=\"fig k-count\" "
                   "id=\"d0-i1\" data-bytes=\"215-234\"") != std::string::npos);
  CHECK(doc_a.find("href=\"#finding-1\"") != std::string::npos);
  CHECK(page.find("<article class=\"doc\" id=\"d1\">") > page.find("<article class=\"doc\" id=\"d0\">"));
}

TEST_CASE("the byte offsets in the hand-made records are what the comments say") {
  // Guards the expectations above against a slip in counting by hand.
  const std::string a1 = "Tính đến ngày 30/6/2020, Đảng bộ huyện Đăk Glei có 2.105 đảng viên.";
  CHECK(a1.find("2.105") == 66);
  CHECK(a1.size() == 86);
  CHECK(std::string("Năm 2019, Đảng bộ có 2.050 đảng viên.").size() == 48);
  CHECK(std::string("Năm 2019, Đảng bộ có ").size() == 28);
  CHECK(std::string("2.105 đảng viên").size() == 19);
  CHECK(std::string("ngày 30/6/2020").size() == 15);
  CHECK(std::string("Đến ngày 30/6/2020, toàn huyện Đăk Glei có ").size() == 53);
  CHECK(std::string("Tính đến ").size() == 13);
}

TEST_CASE("a figure is marked at its own occurrence when its text repeats") {
  // "Năm 2023 có 5 xã, năm 2024 có 5 xã." The indicator is the second "5 xã"
  // (5 bytes): "Năm 2023 có 5 xã, năm 2024 có " is 5 + 5 + 4 + 5 + 2 + 5 + 5 + 4
  // = 35 bytes.
  const std::string s = "Năm 2023 có 5 xã, năm 2024 có 5 xã.";
  const std::string page = Page({Doc("x.txt", {s},
                                     {{.value = 5, .text = "5 xã", .measure = "xã", .scope = "tỉnh Kon Tum",
                                       .period = "2024", .occurrence = 1}})});
  CHECK(s.find("5 xã", 15) == 35);
  CHECK(page.find("Năm 2023 có 5 xã, năm 2024 có <mark class=\"fig k-count\" id=\"d0-i0\" data-bytes=\"135-140\"") !=
        std::string::npos);
}

TEST_CASE("a figure outside its sentence is listed, not guessed") {
  Json record = Doc("x.txt", {"Có 12 xã đạt chuẩn."},
                    {{.value = 12, .text = "12 xã", .measure = "xã", .scope = "tỉnh Kon Tum", .period = "2024"}});
  record["entities"][0]["byte_start"] = 10;  // before the sentence (which starts at 100)
  record["entities"][0]["byte_end"] = 16;
  const std::string page = Page({record});
  // "Có 12 xã đạt chuẩn." is 3 + 1 + 2 + 1 + 3 + 1 + 6 + 1 + 7 + 1 = 26 bytes.
  CHECK(page.find("<li id=\"d0-s0\" data-bytes=\"100-126\">Có 12 xã đạt chuẩn.</li>") != std::string::npos);
  CHECK(page.find("Figures not found in their sentence") != std::string::npos);
  CHECK(page.find("<ul class=\"unplaced\">\n<li><mark class=\"fig k-count\" id=\"d0-i0\" data-bytes=\"10-16\"") !=
        std::string::npos);
}

TEST_CASE("hostile text stays text: sentences, titles, urls, chart data") {
  const std::string evil_sentence = "Xã </script><script>alert(1)</script> có <img src=x onerror=alert(2)> 7 hộ.";
  const std::string evil_title = "<img src=x onerror=alert(3)>\"'&";
  auto fig = [](double v) {
    return Fig{.value = v, .text = "7 hộ", .measure = "hộ <b>nghèo</b>", .scope = "xã <i>A</i>", .period = "2024"};
  };
  const std::vector<Json> records = {
      Doc("evil.txt", {evil_sentence}, {fig(7)}, "javascript:alert(4)", evil_title),
      Doc("evil2.txt", {"Xã có 7 hộ."}, {fig(7)}, " https://bao.example.vn/x\" onclick=\"alert(5)", "t2"),
      Doc("evil3.txt", {"Xã có 9 hộ."}, {{.value = 9, .text = "9 hộ", .measure = "hộ <b>nghèo</b>",
                                         .scope = "xã <i>A</i>", .period = "2024"}},
          "https://bao.example.vn/\"><script>alert(6)</script>", "t3"),
  };
  const std::string page = Page(records, {.title = "</title><script>alert(7)</script>"});
  // Exactly the page's own scripts: the error trap, the data, the drawing.
  CHECK(Count(page, "<script") == 3);
  CHECK(Count(page, "</script>") == 3);
  // As markup, nowhere (as text, escaped, they are shown).
  for (const std::string raw : {"<img", "<b>nghèo", "<i>A", "onclick=\"alert", "<script>alert"}) {
    CHECK_MESSAGE(page.find(raw) == std::string::npos, raw);
  }
  CHECK(page.find("Xã &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; có &lt;img src=x onerror=alert(2)&gt; "
                  "<mark") != std::string::npos);
  CHECK(page.find("&lt;img src=x onerror=alert(3)&gt;&quot;&#39;&amp;") != std::string::npos);
  CHECK(page.find("<title>&lt;/title&gt;&lt;script&gt;alert(7)&lt;/script&gt;</title>") != std::string::npos);
  // Not web addresses (a scheme other than http(s), a leading space): text.
  CHECK(page.find("href=\"javascript") == std::string::npos);
  CHECK(page.find("href=\" https") == std::string::npos);
  // A web address with a quote in it: escaped inside its attribute.
  CHECK(page.find("href=\"https://bao.example.vn/&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;\"") !=
        std::string::npos);
  // The chart data carries the title with < > & as \u escapes; JSON reads
  // back the very text.
  const std::string block = Between(page, "<script type=\"application/json\" id=\"report-data\">", "</script>");
  CHECK(block.find('<') == std::string::npos);
  CHECK(block.find("\\u003cimg src=x onerror=alert(3)\\u003e") != std::string::npos);
  const Json data = ChartData(page);
  REQUIRE(data["charts"].size() == 1);
  bool seen = false;
  for (const Json& p : data["charts"]["chart-1"]["points"]) seen |= p["doc"] == evil_title;
  CHECK(seen);
  // The corroboration (7 and 7) and the conflict (7 against 9) are listed.
  CHECK(Count(page, "<li class=\"finding ") == 2);
}

TEST_CASE("the page does not depend on the order of the records") {
  std::vector<Json> records = DakGlei();
  records.push_back(Doc("c.txt", {"Xã có 40 hộ nghèo."},
                        {{.value = 40, .text = "40 hộ nghèo", .measure = "hộ nghèo", .scope = "xã Đăk Pék",
                          .period = "2023"}}));
  const std::string forward = Page(records);
  std::vector<Json> backward(records.rbegin(), records.rend());
  CHECK(Page(backward) == forward);
  // And building twice gives the same page.
  ReportBuilder builder;
  for (const Json& r : records) REQUIRE(builder.AddRecord(r).ok());
  const std::string first = *builder.Build();
  CHECK(*builder.Build() == first);
  CHECK(first == forward);
  // Scopes in folded order: "huyen dak glei" before "xa dak pek".
  CHECK(forward.find(">huyện Đăk Glei</h2>") < forward.find(">xã Đăk Pék</h2>"));
}

TEST_CASE("empty input: a page that says so") {
  const std::string page = Page({});
  CHECK(page.find("No documents: nothing to report.") != std::string::npos);
  CHECK(page.find("<figure class=\"chart\"") == std::string::npos);
  CHECK(page.find("<li class=\"finding") == std::string::npos);
  CHECK(ChartData(page) == Json{{"charts", Json::object()}});
  CHECK(page.find("0 documents, 0 figures, 0 findings (0 conflicts, 0 corroborations, 0 inconsistencies)") != std::string::npos);
  CHECK(page.find("</html>") != std::string::npos);
}

TEST_CASE("error records, repeated documents, lines that are not records") {
  ReportBuilder builder;
  CHECK(builder.AddRecord(Json::array()).code() == Status::Code::kCorrupt);
  CHECK(builder.AddRecord(Json{{"doc", 3}}).code() == Status::Code::kCorrupt);
  REQUIRE(builder.AddRecord(Json{{"doc", "gone.txt"}, {"error", "no such <file>"}}).ok());
  const std::vector<Json> records = DakGlei();
  REQUIRE(builder.AddRecord(records[0]).ok());
  Json again = records[0];
  again["meta"]["title"] = "A SECOND COPY";
  REQUIRE(builder.AddRecord(again).ok());  // skipped: the first wins
  const std::string page = *builder.Build();
  CHECK(page.find("<span class=\"error\">could not be read: no such &lt;file&gt;</span>") != std::string::npos);
  CHECK(page.find("A SECOND COPY") == std::string::npos);
  CHECK(Count(page, "<article class=\"doc\"") == 2);
  CHECK(page.find("; 1 unreadable document</p>") != std::string::npos);
  CHECK(builder.audit_stats().duplicate_docs == 1);
}

TEST_CASE("charts: only figures with a value, a scope and a period; unknown years in the table") {
  Json record = Doc("x.txt", {"Ngày 30/8 có 51 chi bộ, 1.730 đảng viên; cả nước có 5 triệu đảng viên.", "Có 3 xã."},
                    {{.value = 51, .text = "51 chi bộ", .measure = "chi bộ", .scope = "huyện Kon Rẫy",
                      .period = "XXXX-08-30"},
                     {.value = 1730, .text = "1.730 đảng viên", .measure = "đảng viên", .scope = "huyện Kon Rẫy",
                      .period = "2020"},
                     {.value = 5000000, .text = "5 triệu đảng viên", .measure = "đảng viên", .period = "2020"},
                     {.value = 3, .text = "3 xã", .measure = "xã", .scope = "huyện Kon Rẫy", .sentence = 1}});
  record["indicators"][1]["value"] = nullptr;  // 1.730 without a value
  const std::string page = Page({record});
  // Charted: "51 chi bộ" only (in its table; no place on the axis).
  CHECK(Count(page, "<figure class=\"chart\"") == 1);
  CHECK(page.find("1 figure with a period of unknown year: in the table only.") != std::string::npos);
  CHECK(ChartData(page)["charts"]["chart-1"]["points"].empty());
  CHECK(page.find("<div class=\"plot\"") == std::string::npos);  // nothing to draw
  // Every figure is still marked in the document list.
  CHECK(Count(page, "<mark class=\"fig k-count") == 4);
}

std::string Unescape(std::string text) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, c] : kEntities) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, std::string(entity).size(), c);
    }
  }
  return text;
}

std::string StripTags(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (const char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out.push_back(c);
  }
  return out;
}

// The input bytes [a, b) as UTF-8, read in `encoding` (utf-8 or utf-16le).
std::string Decode(const std::string& input, size_t a, size_t b, const std::string& encoding) {
  REQUIRE(a <= b);
  REQUIRE(b <= input.size());
  if (encoding != "utf-16le") return input.substr(a, b - a);
  std::string out;
  for (size_t i = a; i + 1 < b; i += 2) {
    char32_t unit = static_cast<unsigned char>(input[i]) | static_cast<unsigned char>(input[i + 1]) << 8;
    if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < b) {
      const char32_t low = static_cast<unsigned char>(input[i + 2]) | static_cast<unsigned char>(input[i + 3]) << 8;
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    utf8::Append(out, unit);
  }
  return out;
}

// The range of a data-bytes="A-B" attribute at `at` (the attribute's
// leading space).
std::pair<size_t, size_t> BytesAt(const std::string& html, size_t at) {
  const size_t from = at + std::string(" data-bytes=\"").size();
  const size_t dash = html.find('-', from);
  return {std::stoul(html.substr(from, dash - from)), std::stoul(html.substr(dash + 1))};
}

// Every sentence of the document list and every highlight in it read back
// from the input: a sentence's data-bytes decode to its text; a
// highlight's to its text, and the sentence's bytes up to the highlight to
// the sentence's text before it (so it is at its own place, not at another
// occurrence of the same text).  `records` are the lines the page was
// built from (for the documents' encodings).  Returns the number of
// highlights checked.
size_t CheckAgainstInput(const std::string& page, const std::vector<Json>& records) {
  std::map<std::string, std::string> encoding;
  for (const Json& r : records) encoding[r["doc"]] = r.value("encoding", "");
  size_t marks = 0;
  for (size_t at = page.find("<article class=\"doc\""); at != std::string::npos;
       at = page.find("<article class=\"doc\"", at + 1)) {
    const std::string article = Between(page, "", "</article>", at);
    const std::string doc = Unescape(Between(article, "<code>", "</code>"));
    REQUIRE_MESSAGE(encoding.count(doc), doc);
    const std::string input = testing::ReadFile(doc);
    for (size_t li = article.find("<li id=\"d"); li != std::string::npos; li = article.find("<li id=\"d", li + 1)) {
      const auto [a, b] = BytesAt(article, article.find(" data-bytes=\"", li));
      const size_t content = article.find('>', li) + 1;
      const std::string sentence = article.substr(content, article.find("</li>", content) - content);
      CHECK_MESSAGE(Decode(input, a, b, encoding[doc]) == Unescape(StripTags(sentence)), doc << " " << a);
      for (size_t d = sentence.find(" data-bytes=\""); d != std::string::npos;
           d = sentence.find(" data-bytes=\"", d + 1)) {
        const size_t open = sentence.rfind('<', d);
        const std::string tag = sentence.substr(open + 1, sentence.find(' ', open) - open - 1);
        const auto [fa, fb] = BytesAt(sentence, d);
        const size_t inner = sentence.find('>', d) + 1;
        const std::string shown = Unescape(sentence.substr(inner, sentence.find("</" + tag + ">", inner) - inner));
        CHECK_MESSAGE(Decode(input, fa, fb, encoding[doc]) == shown, doc << " bytes " << fa << "-" << fb);
        CHECK_MESSAGE(Decode(input, a, fa, encoding[doc]) == Unescape(StripTags(sentence.substr(0, open))),
                      doc << " before bytes " << fa);
        ++marks;
      }
    }
  }
  return marks;
}

// UTF-8 text as UTF-16LE with a byte order mark.
std::string Utf16le(const std::string& text) {
  std::string out = "\xFF\xFE";
  auto unit = [&](char32_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  };
  for (size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    if (d.cp > 0xFFFF) {
      unit(0xD800 + ((d.cp - 0x10000) >> 10));
      unit(0xDC00 + ((d.cp - 0x10000) & 0x3FF));
    } else {
      unit(d.cp);
    }
    i += d.length;
  }
  return out;
}

TEST_CASE("every highlight of a real page points at its bytes in the input (corpus/, UTF-8 and UTF-16)") {
  const std::string dir = testing::TempDir("report-corpus");
  // One document of the bundled corpus again in UTF-16: offsets count two
  // bytes a character there.
  const std::string utf8_doc = testing::SourceDir() + "/corpus/dak-glei-dai-hoi-dang-bo.txt";
  testing::WriteFile(dir + "/dak-glei-utf16.txt", Utf16le(testing::ReadFile(utf8_doc)));
  std::vector<std::string> inputs = {testing::SourceDir() + "/corpus", dir + "/dak-glei-utf16.txt"};
  const std::string shared = testing::SharedDir();
  if (shared.empty()) {
    MESSAGE("../shared is absent: the corpus/ documents only");
  } else {
    inputs.push_back(shared + "/corpus");
  }
  std::vector<std::string> args = {"extract"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  const testing::CommandResult extract = testing::RunSolieu(args);
  REQUIRE(extract.status == 0);
  std::vector<Json> records;
  size_t figures = 0;
  bool utf16_seen = false;
  for (size_t at = 0; at < extract.out.size();) {
    const size_t end = extract.out.find('\n', at);
    records.push_back(Json::parse(extract.out.substr(at, end - at)));
    figures += records.back()["indicators"].size();
    utf16_seen |= records.back()["encoding"] == "utf-16le";
    at = end + 1;
  }
  REQUIRE(utf16_seen);
  const std::string page = Page(records);
  const size_t marks = CheckAgainstInput(page, records);
  // Every figure marked in its sentence (and other entities besides).
  const std::string list = page.substr(page.find("<section id=\"documents\">"));
  CHECK(Count(list, "<mark class=\"fig ") == figures);
  CHECK(list.find("Figures not found in their sentence") == std::string::npos);
  CHECK(marks > figures);
  MESSAGE(marks << " highlights in " << records.size() << " documents checked against their input bytes");
}

TEST_CASE("solieu report: inputs, errors by file and line, the page written whole") {
  const std::string dir = testing::TempDir("report");
  std::string lines;
  for (const Json& r : DakGlei()) lines += r.dump() + "\n";
  testing::WriteFile(dir + "/records.jsonl", lines);
  testing::WriteFile(dir + "/bad.jsonl", lines + "{not json\n");

  testing::CommandResult r = testing::RunSolieu({"report", dir + "/records.jsonl", "-o", dir + "/page.html"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const std::string page = testing::ReadFile(dir + "/page.html");
  CHECK(Count(page, "<li class=\"finding conflict\"") == 1);
  CHECK(page == Page(DakGlei()));

  // From stdin, to stdout, with a title.
  r = testing::RunSolieu({"report", "-", "--title", "Đăk Glei"}, lines);
  CHECK(r.status == 0);
  CHECK(r.out.find("<h1>Đăk Glei</h1>") != std::string::npos);

  // A line that is not JSON, a missing file: named, exit 2, the page still written.
  r = testing::RunSolieu({"report", dir + "/bad.jsonl", dir + "/missing.jsonl", "-o", dir + "/page2.html"});
  CHECK(r.status == 2);
  CHECK(r.err.find(dir + "/bad.jsonl:3: not JSON") != std::string::npos);
  CHECK(r.err.find(dir + "/missing.jsonl: No such file or directory") != std::string::npos);
  CHECK(Count(testing::ReadFile(dir + "/page2.html"), "<li class=\"finding conflict\"") == 1);

  // Usage errors: no records, a bad tolerance, an output that cannot be written.
  CHECK(testing::RunSolieu({"report"}).status == 1);
  CHECK(testing::RunSolieu({"report", dir + "/records.jsonl", "--tolerance", "x"}).status == 1);
  r = testing::RunSolieu({"report", dir + "/records.jsonl", "-o", dir + "/no/such/dir/page.html"});
  CHECK(r.status == 1);
  CHECK(r.err.find("solieu: ") == 0);
  // A tolerance of 3% makes 2105 and 2150 (2.1% apart) agree: a corroboration.
  r = testing::RunSolieu({"report", dir + "/records.jsonl", "--tolerance", "3"});
  CHECK(Count(r.out, "<li class=\"finding corroboration\"") == 1);
}

}  // namespace
}  // namespace solieu
