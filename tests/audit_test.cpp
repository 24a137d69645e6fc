// solieu audit (issue 4): each finding kind on small hand-written records
// whose findings are worked out by hand in the comments; the tolerant key
// (tone marks, case, punctuation, abbreviations); determinism; the command
// line's exit statuses.
#include "pipeline/audit.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "pipeline/emit.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

using Json = nlohmann::ordered_json;

// One figure of a hand-written record.  Fields in declaration order, for
// designated initializers.
struct Fig {
  std::string kind = "count";
  double value = 0;
  std::string text;      // the figure as written; must occur in `sentence`
  std::string unit;      // default: "%" for percents
  std::string measure;
  std::string role = "level";
  std::string scope;
  std::string period;    // a norm; "" for none
  std::string completed;
  std::string baseline;
  int target = -1;
  std::string sentence;
};

// A record as extract writes it (the fields audit reads, entities included).
Json Doc(const std::string& name, const std::vector<Fig>& figs, const std::string& published = "",
         const std::string& title = "") {
  Json entities = Json::array(), indicators = Json::array();
  std::vector<std::string> sentences;
  std::vector<size_t> starts;
  size_t offset = 100;  // as if after a url line and a title
  for (size_t i = 0; i < figs.size(); ++i) {
    const Fig& f = figs[i];
    auto known = std::find(sentences.begin(), sentences.end(), f.sentence);
    size_t start;
    if (known == sentences.end()) {
      sentences.push_back(f.sentence);
      starts.push_back(offset);
      start = offset;
      offset += f.sentence.size() + 1;
    } else {
      start = starts[known - sentences.begin()];
    }
    const size_t at = f.sentence.find(f.text);
    REQUIRE_MESSAGE(at != std::string::npos, f.text << " not in " << f.sentence);
    entities.push_back({{"type", f.kind},
                        {"text", f.text},
                        {"norm", NumberLiteral(f.value)},
                        {"byte_start", start + at},
                        {"byte_end", start + at + f.text.size()}});
    Json ind = {{"kind", f.kind},
                {"norm", NumberLiteral(f.value)},
                {"text", f.text},
                {"value", f.value},
                {"unit", f.unit.empty() ? (f.kind == "percent" ? Json("%") : Json()) : Json(f.unit)},
                {"measure", f.measure.empty() ? Json() : Json(f.measure)},
                {"role", f.role},
                {"scope", f.scope.empty() ? Json() : Json{{"name", f.scope}, {"source", "sentence"}}},
                {"period", f.period.empty() ? Json()
                                            : Json{{"norm", f.period},
                                                   {"completed", f.completed.empty() ? Json() : Json(f.completed)},
                                                   {"source", "sentence"}}},
                {"baseline", f.baseline.empty() ? Json() : Json(f.baseline)},
                {"target", f.target >= 0 ? Json(f.target) : Json()},
                {"refs", Json::array()},
                {"entity", i},
                {"evidence", {{"text", f.sentence}, {"byte_start", start}, {"byte_end", start + f.sentence.size()}}}};
    indicators.push_back(ind);
  }
  Json meta = {{"url", "https://bao.example.vn/" + name + ".html"},
               {"title", title.empty() ? Json() : Json(title)},
               {"published", published.empty() ? Json() : Json(published)},
               {"captions", Json::array()},
               {"scope", Json()}};
  return {{"doc", name},       {"encoding", "utf-8"},      {"confidence", 1}, {"chars", offset},
          {"entities", entities}, {"warnings", Json::array()}, {"meta", meta},   {"indicators", indicators}};
}

std::vector<Finding> Audit(const std::vector<Json>& docs, double tolerance = 0.005) {
  Auditor auditor(AuditOptions{tolerance});
  for (const Json& d : docs) REQUIRE(auditor.AddRecord(d).ok());
  std::vector<Finding> findings;
  REQUIRE(auditor.Run([&](const Finding& f) {
            findings.push_back(f);
            return Status::Ok();
          }).ok());
  return findings;
}

std::vector<Finding> OfKind(const std::vector<Finding>& all, const std::string& kind, const std::string& check = "") {
  std::vector<Finding> out;
  for (const Finding& f : all) {
    if (f.kind == kind && (check.empty() || f.check == check)) out.push_back(f);
  }
  return out;
}

std::string Lines(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) AppendFindingLine(f, &out);
  return out;
}

// Two outlets, the same district at the same date: 2.105 vs 2.150 party
// members differ by 45/2150 = 2.1% > 0.5%: one conflict.  Both give 48
// grassroots organizations: one corroboration.
const char* kSentenceA = "Tính đến ngày 30/6/2020, Đảng bộ huyện Đăk Glei có 48 tổ chức cơ sở đảng với 2.105 đảng viên.";
const char* kSentenceB = "Đến ngày 30/6, toàn Đảng bộ huyện Đăk Glei có 48 tổ chức cơ sở đảng với 2.150 đảng viên.";

std::vector<Json> TwoOutlets() {
  return {Doc("a", {{.value = 48, .text = "48 tổ chức cơ sở đảng", .measure = "tổ chức cơ sở đảng",
                     .scope = "huyện Đăk Glei", .period = "2020-06-30", .sentence = kSentenceA},
                    {.value = 2105, .text = "2.105 đảng viên", .measure = "đảng viên", .scope = "huyện Đăk Glei",
                     .period = "2020-06-30", .sentence = kSentenceA}},
              "2020-07-02", "Đăk Glei: Sẵn sàng cho Đại hội"),
          // The year comes from the publication date: completed.
          Doc("b", {{.value = 48, .text = "48 tổ chức cơ sở đảng", .measure = "tổ chức cơ sở đảng",
                     .scope = "huyện Đăk Glei", .period = "XXXX-06-30", .completed = "2020-06-30",
                     .sentence = kSentenceB},
                    {.value = 2150, .text = "2.150 đảng viên", .measure = "đảng viên", .scope = "huyện Đăk Glei",
                     .period = "XXXX-06-30", .completed = "2020-06-30", .sentence = kSentenceB}},
              "2020-07-05")};
}

TEST_CASE("conflict: the same indicator with different values in two documents") {
  const auto findings = Audit(TwoOutlets());
  const auto conflicts = OfKind(findings, "conflict");
  REQUIRE(conflicts.size() == 1);
  const Finding& c = conflicts[0];
  CHECK(c.check == "different_values");
  CHECK(c.key.scope == "huyen dak glei");
  CHECK(c.key.measure == "dang vien");
  CHECK(c.key.period == "2020-06-30");
  CHECK(c.key.role == "level");
  CHECK(c.key.unit == "count");
  CHECK(c.values == std::vector<double>{2105, 2150});
  CHECK(c.docs == std::vector<std::string>{"a", "b"});
  REQUIRE(c.evidence.size() == 2);
  CHECK(c.evidence[0].doc == "a");
  CHECK(c.evidence[0].title == "Đăk Glei: Sẵn sàng cho Đại hội");
  CHECK(c.evidence[0].published == "2020-07-02");
  CHECK(c.evidence[0].url == "https://bao.example.vn/a.html");
  CHECK(c.evidence[0].sentence == kSentenceA);
  CHECK(c.evidence[0].text == "2.105 đảng viên");
  CHECK(c.evidence[0].indicator == 1);
  // The figure's bytes: the sentence starts at 100 in Doc().
  const std::string a = kSentenceA;
  CHECK(c.evidence[0].byte_start == 100 + a.find("2.105"));
  CHECK(c.evidence[0].byte_end - c.evidence[0].byte_start == std::string("2.105 đảng viên").size());
  CHECK(c.evidence[1].doc == "b");
  CHECK(c.evidence[1].value == 2150);
  CHECK(c.evidence[1].sentence == kSentenceB);
  CHECK(c.message.find("2105") != std::string::npos);
  CHECK(c.message.find("2150") != std::string::npos);
}

TEST_CASE("corroboration: the same figure in several documents") {
  const auto findings = Audit(TwoOutlets());
  const auto same = OfKind(findings, "corroboration");
  REQUIRE(same.size() == 1);
  CHECK(same[0].check == "same_value");
  CHECK(same[0].key.measure == "to chuc co so dang");
  CHECK(same[0].values == std::vector<double>{48});
  CHECK(same[0].docs == std::vector<std::string>{"a", "b"});
  CHECK(same[0].evidence.size() == 2);
  // Nothing else: no inconsistency in either document.
  CHECK(findings.size() == 2);
}

TEST_CASE("tolerance: 1.730 and 1.735 agree at 0.5% (0.29% apart), not at 0.1%") {
  auto doc = [](const std::string& name, double v, const std::string& text) {
    const std::string sentence = "Đảng bộ huyện có " + text + ".";
    return Doc(name, {{.value = v, .text = text, .measure = "đảng viên", .scope = "huyện Kon Rẫy",
                       .period = "2020-08-30", .sentence = sentence}});
  };
  const std::vector<Json> docs = {doc("x", 1730, "1.730 đảng viên"), doc("y", 1735, "1.735 đảng viên")};
  auto loose = Audit(docs);
  REQUIRE(loose.size() == 1);
  CHECK(loose[0].kind == "corroboration");
  CHECK(loose[0].values == std::vector<double>{1730, 1735});
  auto strict = Audit(docs, 0.001);
  REQUIRE(strict.size() == 1);
  CHECK(strict[0].kind == "conflict");
}

TEST_CASE("three documents: two agree, one does not") {
  auto doc = [](const std::string& name, double v, const std::string& text) {
    return Doc(name, {{.kind = "money", .value = v, .text = text, .unit = "VND", .measure = "thu ngân sách nhà nước",
                       .role = "flow", .scope = "tỉnh Kon Tum", .period = "2024-Q1",
                       .sentence = "Thu ngân sách nhà nước quý I/2024 đạt " + text + "."}});
  };
  const auto findings = Audit({doc("p", 1.2e12, "1.200 tỷ đồng"), doc("q", 1.2e12, "1,2 nghìn tỷ đồng"),
                               doc("r", 1.02e12, "1.020 tỷ đồng")});
  // Sorted: same key, so conflict before corroboration.
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].kind == "conflict");
  CHECK(findings[0].values == std::vector<double>{1.02e12, 1.2e12});
  CHECK(findings[0].docs == std::vector<std::string>{"p", "q", "r"});
  CHECK(findings[0].evidence.size() == 3);
  CHECK(findings[0].key.unit == "VND");
  CHECK(findings[1].kind == "corroboration");
  CHECK(findings[1].docs == std::vector<std::string>{"p", "q"});
}

TEST_CASE("the key tolerates tone-mark style, case, punctuation and abbreviations") {
  CHECK(Auditor::FoldScope("TP. Hồ Chí Minh") == "thanh pho ho chi minh");
  CHECK(Auditor::FoldScope("Tp.HCM") == "thanh pho ho chi minh");
  CHECK(Auditor::FoldScope("Thành phố Hồ Chí Minh") == "thanh pho ho chi minh");
  CHECK(Auditor::FoldScope("tỉnh Hoà Bình") == Auditor::FoldScope("Tỉnh Hòa Bình"));  // old and new tone style
  CHECK(Auditor::FoldScope("UBND tỉnh Kon Tum") == "tinh kon tum");
  CHECK(Auditor::FoldScope("Đảng bộ huyện Kon Rẫy") == "huyen kon ray");
  CHECK(Auditor::FoldScope("Huyện ủy Kon Rẫy") == "huyen kon ray");
  CHECK(Auditor::FoldScope("tỉnh Bà Rịa – Vũng Tàu") == Auditor::FoldScope("tỉnh Bà Rịa - Vũng Tàu"));
  // NFD (decomposed) input folds the same as NFC.
  CHECK(Auditor::FoldScope("huye\xCC\x82\xCC\xA3n") == "huyen");
  CHECK(Auditor::FoldMeasure("Tổng số đảng viên", true) == "dang vien");
  CHECK(Auditor::FoldMeasure("tổng số đảng viên", false) == "tong so dang vien");
  CHECK(Auditor::FoldMeasure("số hộ nghèo", true) == "ho ngheo");
}

TEST_CASE("an abbreviation defined in a document matches the words it stands for") {
  // Document c defines TCCSĐ in its evidence and reports "48 TCCSĐ"; d says
  // "tổ chức cơ sở Đảng" in another case; e uses TCCSĐ without defining it.
  const std::string defining = "Huyện hiện có 1.203 đảng viên sinh hoạt tại các tổ chức cơ sở đảng (TCCSĐ).";
  const std::string using_it = "Toàn huyện có 48 TCCSĐ.";
  const Json c = Doc("c", {{.value = 1203, .text = "1.203 đảng viên", .measure = "đảng viên", .scope = "TP. Kon Tum",
                            .period = "2021", .sentence = defining},
                           {.value = 48, .text = "48 TCCSĐ", .measure = "TCCSĐ", .scope = "TP. Kon Tum",
                            .period = "2021", .sentence = using_it}});
  const Json d = Doc("d", {{.value = 48, .text = "48 tổ chức cơ sở Đảng", .measure = "Tổ chức cơ sở Đảng",
                            .scope = "thành phố Kon Tum", .period = "2021",
                            .sentence = "Thành phố có 48 tổ chức cơ sở Đảng."}});
  const Json e = Doc("e", {{.value = 48, .text = "48 TCCSĐ", .measure = "TCCSĐ", .scope = "Thành phố Kon Tum",
                            .period = "2021", .sentence = using_it}});
  const auto findings = Audit({c, d, e});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == "corroboration");
  CHECK(findings[0].key.scope == "thanh pho kon tum");
  CHECK(findings[0].key.measure == "to chuc co so dang");
  CHECK(findings[0].docs == std::vector<std::string>{"c", "d"});  // e: no definition, "tccsd" stays
  CHECK(findings[0].evidence[0].measure == "TCCSĐ");             // evidence keeps the original
}

TEST_CASE("values in different units, or without a period, are not compared") {
  const std::string s1 = "Tỷ lệ hộ nghèo năm 2023 là 3,2%, với 1.500 hộ nghèo.";
  const Json a = Doc("a", {{.kind = "percent", .value = 3.2, .text = "3,2%", .measure = "hộ nghèo", .role = "share",
                            .scope = "huyện Sa Thầy", .period = "2023", .sentence = s1},
                           {.value = 1500, .text = "1.500 hộ nghèo", .measure = "hộ nghèo", .role = "share",
                            .scope = "huyện Sa Thầy", .period = "2023", .sentence = s1}});
  const std::string s2 = "Huyện còn 1.700 hộ nghèo.";
  const Json b = Doc("b", {{.value = 1700, .text = "1.700 hộ nghèo", .measure = "hộ nghèo", .role = "share",
                            .scope = "huyện Sa Thầy", .sentence = s2}});
  CHECK(Audit({a, b}).empty());
}

TEST_CASE("inconsistency: an attainment that implies another target than the one stated") {
  // 186 admitted = 74,4% of the target -> target 186 / 0.744 = 250 (249.8 to
  // 250.2 with the rounding of 74,4).  A stated target of 250 agrees; 300
  // does not.
  auto doc = [](double stated) {
    const std::string s1 = "Trong nhiệm kỳ, Đảng bộ kết nạp mới 186 đảng viên, đạt 74,4% so với chỉ tiêu.";
    const std::string s2 = "Nghị quyết đề ra chỉ tiêu kết nạp " + NumberLiteral(stated) + " đảng viên.";
    return Doc("n", {{.value = 186, .text = "186 đảng viên", .measure = "đảng viên kết nạp mới", .role = "flow",
                      .scope = "huyện Kon Rẫy", .period = "2015/2020", .sentence = s1},
                     {.kind = "percent", .value = 74.4, .text = "74,4%", .measure = "đảng viên kết nạp mới",
                      .role = "attainment", .scope = "huyện Kon Rẫy", .period = "2015/2020",
                      .baseline = "so với chỉ tiêu", .target = 0, .sentence = s1},
                     {.value = stated, .text = NumberLiteral(stated) + " đảng viên", .measure = "đảng viên kết nạp mới",
                      .role = "target", .scope = "huyện Kon Rẫy", .period = "2015/2020", .sentence = s2}});
  };
  CHECK(Audit({doc(250)}).empty());
  const auto findings = Audit({doc(300)});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == "inconsistency");
  CHECK(findings[0].check == "attainment_vs_target");
  CHECK(findings[0].key.role == "target");
  CHECK(findings[0].values == std::vector<double>{74.4, 186, 300});
  CHECK(findings[0].docs == std::vector<std::string>{"n"});
  CHECK(findings[0].evidence.size() == 3);
  CHECK(findings[0].message.find("250") != std::string::npos);
}

TEST_CASE("inconsistency: a total that is not the start plus the change") {
  // 1.617 at the start of the term, "tăng 113" -> 1.730.  1.750 is wrong.
  auto doc = [](double total, const std::string& verb) {
    const std::string s1 = "Đầu nhiệm kỳ 2015 - 2020, Đảng bộ huyện có 1.617 đảng viên.";
    const std::string total_text = NumberLiteral(total) + " đảng viên";
    const std::string s2 = "Đến ngày 30/8/2020, Đảng bộ huyện có " + total_text + ", " + verb +
                           " 113 đảng viên so với đầu nhiệm kỳ.";
    return Doc("t", {{.value = 1617, .text = "1.617 đảng viên", .measure = "đảng viên", .scope = "huyện Kon Rẫy",
                      .period = "2015/2020", .sentence = s1},
                     {.value = total, .text = total_text, .measure = "đảng viên", .scope = "huyện Kon Rẫy",
                      .period = "2020-08-30", .sentence = s2},
                     {.value = 113, .text = "113 đảng viên", .measure = "đảng viên", .role = "change",
                      .scope = "huyện Kon Rẫy", .period = "2020-08-30", .baseline = "so với đầu nhiệm kỳ",
                      .sentence = s2}});
  };
  CHECK(Audit({doc(1730, "tăng")}).empty());
  CHECK(Audit({doc(1504, "giảm")}).empty());
  const auto wrong = Audit({doc(1750, "tăng")});
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].check == "total_vs_change");
  CHECK(wrong[0].values == std::vector<double>{1617, 113, 1750});  // start, change, total
  CHECK(wrong[0].key.period == "2020-08-30");
  CHECK(wrong[0].message.find("1730") != std::string::npos);
  // "giảm" makes 1.730 wrong: 1.617 - 113 = 1.504.
  CHECK(Audit({doc(1730, "giảm")}).size() == 1);
}

TEST_CASE("inconsistency: a relative change that does not lead from start to total") {
  // 1.000 tỷ in 2023, "tăng 7,6%" -> 1.076 tỷ in 2024 (1.0755 to 1.0765 with rounding).
  auto doc = [](double total) {
    const std::string s1 = "Năm 2023, tổng thu ngân sách đạt 1.000 tỷ đồng.";
    const std::string s2 = "Năm 2024, tổng thu ngân sách đạt " + NumberLiteral(total / 1e9) +
                           " tỷ đồng, tăng 7,6% so với cùng kỳ.";
    return Doc("m", {{.kind = "money", .value = 1e12, .text = "1.000 tỷ đồng", .unit = "VND",
                      .measure = "tổng thu ngân sách", .role = "level", .scope = "tỉnh Kon Tum", .period = "2023",
                      .sentence = s1},
                     {.kind = "money", .value = total, .text = NumberLiteral(total / 1e9) + " tỷ đồng", .unit = "VND",
                      .measure = "tổng thu ngân sách", .role = "level", .scope = "tỉnh Kon Tum", .period = "2024",
                      .sentence = s2},
                     {.kind = "percent", .value = 7.6, .text = "7,6%", .measure = "tổng thu ngân sách",
                      .role = "change", .scope = "tỉnh Kon Tum", .period = "2024", .baseline = "so với cùng kỳ",
                      .target = 1, .sentence = s2}});
  };
  CHECK(Audit({doc(1076e9)}).empty());
  const auto wrong = Audit({doc(1100e9)});
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].check == "total_vs_change");
}

TEST_CASE("inconsistency: parts of one whole adding up above 100%") {
  // 56,3 + 35,2 + 12,4 = 103,9% of the economy.
  const std::string s = "Cơ cấu kinh tế: tỷ trọng khu vực công nghiệp 56,3%, khu vực dịch vụ 35,2%, "
                        "khu vực nông nghiệp 12,4%.";
  auto part = [&](double v, const std::string& text, const std::string& measure) {
    return Fig{.kind = "percent", .value = v, .text = text, .measure = measure, .role = "share",
               .scope = "tỉnh Bắc Giang", .period = "2024", .sentence = s};
  };
  const auto over = Audit({Doc("s", {part(56.3, "56,3%", "tỷ trọng khu vực công nghiệp"),
                                     part(35.2, "35,2%", "tỷ trọng khu vực dịch vụ"),
                                     part(12.4, "12,4%", "tỷ trọng khu vực nông nghiệp")})});
  REQUIRE(over.size() == 1);
  CHECK(over[0].check == "shares_over_100");
  CHECK(over[0].key.measure == "ty trong");
  CHECK(over[0].values == std::vector<double>{56.3, 35.2, 12.4});
  // 56,3 + 35,2 + 8,5 = 100%: fine.
  CHECK(Audit({Doc("s", {part(56.3, "56,3%", "tỷ trọng khu vực công nghiệp"),
                         part(35.2, "35,2%", "tỷ trọng khu vực dịch vụ"),
                         part(8.5, "12,4%", "tỷ trọng khu vực nông nghiệp")})})
            .empty());
  // Rates are not parts of one whole: 98% + 3% is no finding.
  const std::string r = "Tỷ lệ hộ dùng nước sạch đạt 98%, tỷ lệ hộ nghèo còn 3%.";
  CHECK(Audit({Doc("r", {{.kind = "percent", .value = 98, .text = "98%", .measure = "tỷ lệ hộ dùng nước sạch",
                          .role = "share", .scope = "huyện Sa Thầy", .period = "2024", .sentence = r},
                         {.kind = "percent", .value = 3, .text = "3%", .measure = "tỷ lệ hộ nghèo", .role = "share",
                          .scope = "huyện Sa Thầy", .period = "2024", .sentence = r}})})
            .empty());
  // "chiếm" makes a part: 70% + 40% of the district's workers.
  const std::string c = "Khu vực nông nghiệp chiếm 70% lao động, khu vực phi nông nghiệp chiếm 40%.";
  const auto chiem =
      Audit({Doc("c", {{.kind = "percent", .value = 70, .text = "70%", .measure = "khu vực nông nghiệp",
                        .role = "share", .scope = "huyện Sa Thầy", .period = "2024", .sentence = c},
                       {.kind = "percent", .value = 40, .text = "40%", .measure = "khu vực phi nông nghiệp",
                        .role = "share", .scope = "huyện Sa Thầy", .period = "2024", .sentence = c}})});
  REQUIRE(chiem.size() == 1);
  CHECK(chiem[0].key.measure == "khu vuc");
}

TEST_CASE("inconsistency: the same figure repeated with another value") {
  const std::string lead = "Đảng bộ huyện hiện có 1.730 đảng viên.";
  const std::string body = "Đến ngày 30/8, toàn Đảng bộ có 1.750 đảng viên.";
  auto fig = [](double v, const std::string& text, const std::string& sentence) {
    return Fig{.value = v, .text = text, .measure = "đảng viên", .scope = "huyện Kon Rẫy", .period = "2020-08-30",
               .sentence = sentence};
  };
  const auto findings = Audit({Doc("r", {fig(1730, "1.730 đảng viên", lead), fig(1750, "1.750 đảng viên", body)})});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].check == "repeated_figure");
  CHECK(findings[0].values == std::vector<double>{1730, 1750});
  // Restated with the same value: nothing.
  const std::string again = "Đến ngày 30/8, toàn Đảng bộ có 1.730 đảng viên.";
  CHECK(Audit({Doc("r", {fig(1730, "1.730 đảng viên", lead), fig(1730, "1.730 đảng viên", again)})}).empty());
  // A range in one sentence is not a repetition.
  const std::string range = "Mỗi năm kết nạp từ 90 - 100 đảng viên.";
  CHECK(Audit({Doc("r", {fig(90, "90", range), fig(100, "100 đảng viên", range)})}).empty());
}

TEST_CASE("error records and repeated documents are skipped") {
  Auditor auditor;
  CHECK(auditor.AddRecord(Json{{"doc", "gone.txt"}, {"error", "no such file or folder"}}).ok());
  const auto docs = TwoOutlets();
  CHECK(auditor.AddRecord(docs[0]).ok());
  CHECK(auditor.AddRecord(docs[0]).ok());
  CHECK(auditor.AddRecord(docs[1]).ok());
  CHECK(!auditor.AddRecord(Json::array()).ok());
  CHECK(!auditor.AddRecord(Json{{"no_doc", 1}}).ok());
  CHECK(auditor.stats().documents == 2);
  CHECK(auditor.stats().error_records == 1);
  CHECK(auditor.stats().duplicate_docs == 1);
  size_t n = 0;
  CHECK(auditor.Run([&](const Finding&) {
                 ++n;
                 return Status::Ok();
               }).ok());
  CHECK(n == 2);
  // Wrong types inside an indicator are not errors: the indicator drops out.
  Json odd = docs[0];
  odd["doc"] = "odd";
  odd["indicators"][0]["value"] = "many";
  odd["indicators"][1]["scope"] = 7;
  CHECK(auditor.AddRecord(odd).ok());
}

TEST_CASE("output is deterministic and does not depend on the order of documents") {
  std::vector<Json> docs = TwoOutlets();
  for (const auto& more : {Doc("z", {{.value = 2150, .text = "2.150 đảng viên", .measure = "Đảng viên",
                                      .scope = "Huyện Đăk Glei", .period = "2020-06-30",
                                      .sentence = "Huyện Đăk Glei có 2.150 đảng viên."}}),
                           Doc("k", {{.value = 9, .text = "9 xã", .measure = "xã", .scope = "huyện Đăk Glei",
                                      .period = "2020", .sentence = "Huyện có 9 xã."},
                                     {.value = 10, .text = "10 xã", .measure = "xã", .scope = "huyện Đăk Glei",
                                      .period = "2020", .sentence = "Huyện có 10 xã, 1 thị trấn."}})}) {
    docs.push_back(more);
  }
  const std::string once = Lines(Audit(docs));
  CHECK(once == Lines(Audit(docs)));
  std::reverse(docs.begin(), docs.end());
  CHECK(once == Lines(Audit(docs)));
  std::rotate(docs.begin(), docs.begin() + 1, docs.end());
  CHECK(once == Lines(Audit(docs)));
  // Sorted by key: "huyen dak glei"/"dang vien" before ".../xa".
  std::istringstream in(once);
  std::string line;
  std::vector<std::string> measures;
  while (std::getline(in, line)) measures.push_back(Json::parse(line)["key"]["measure"]);
  CHECK(std::is_sorted(measures.begin(), measures.end()));
}

// ---------------------------------------------------------------------------
// The command line.

std::string JsonLines(const std::vector<Json>& docs) {
  std::string out;
  for (const Json& d : docs) out += d.dump() + "\n";
  return out;
}

TEST_CASE("solieu audit: JSON Lines on stdout, exit 0 with findings") {
  const std::string dir = testing::TempDir("audit-cli");
  testing::WriteFile(dir + "/a.jsonl", JsonLines({TwoOutlets()[0]}));
  testing::WriteFile(dir + "/b.jsonl", JsonLines({TwoOutlets()[1], Json{{"doc", "x"}, {"error", "binary"}}}));
  const auto r = testing::RunSolieu({"audit", dir + "/a.jsonl", dir + "/b.jsonl"});
  CHECK(r.status == 0);
  std::istringstream in(r.out);
  std::string line;
  std::vector<Json> lines;
  while (std::getline(in, line)) lines.push_back(Json::parse(line));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["kind"] == "conflict");
  CHECK(lines[0]["evidence"][1]["published"] == "2020-07-05");
  CHECK(lines[1]["kind"] == "corroboration");
  // The same from stdin.
  const auto piped = testing::RunSolieu({"audit", "-"}, JsonLines(TwoOutlets()));
  CHECK(piped.status == 0);
  CHECK(piped.out == r.out);
}

TEST_CASE("solieu audit: an unreadable input exits 2, the others are still audited") {
  const std::string dir = testing::TempDir("audit-missing");
  testing::WriteFile(dir + "/a.jsonl", JsonLines(TwoOutlets()));
  const auto r = testing::RunSolieu({"audit", dir + "/missing.jsonl", dir + "/a.jsonl"});
  CHECK(r.status == 2);
  CHECK(r.err.find("missing.jsonl") != std::string::npos);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
  // A line that is not a record: named on stderr, exit 2, the rest audited.
  testing::WriteFile(dir + "/bad.jsonl", "not json\n" + JsonLines(TwoOutlets()));
  const auto bad = testing::RunSolieu({"audit", dir + "/bad.jsonl"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("bad.jsonl:1") != std::string::npos);
  CHECK(bad.out == r.out);
}

TEST_CASE("solieu audit: usage errors exit 1") {
  const std::string dir = testing::TempDir("audit-usage");
  testing::WriteFile(dir + "/a.jsonl", JsonLines(TwoOutlets()));
  CHECK(testing::RunSolieu({"audit"}).status == 1);
  CHECK(testing::RunSolieu({"audit", dir + "/a.jsonl", "--tolerance", "abc"}).status == 1);
  CHECK(testing::RunSolieu({"audit", dir + "/a.jsonl", "--tolerance", "-1"}).status == 1);
  CHECK(testing::RunSolieu({"audit", dir + "/a.jsonl", "--format", "xml"}).status == 1);
  CHECK(testing::RunSolieu({"audit", dir + "/a.jsonl", "--format", "sqlite"}).status == 1);  // needs -o
}

TEST_CASE("solieu audit: --tolerance and --summary") {
  const std::string dir = testing::TempDir("audit-summary");
  testing::WriteFile(dir + "/a.jsonl", JsonLines(TwoOutlets()));
  // 2.105 and 2.150 are 2.1% apart: at 3% they agree.
  const auto wide = testing::RunSolieu({"audit", dir + "/a.jsonl", "--tolerance", "3%"});
  CHECK(wide.status == 0);
  CHECK(wide.out.find("\"conflict\"") == std::string::npos);
  CHECK(std::count(wide.out.begin(), wide.out.end(), '\n') == 2);  // two corroborations
  const auto summary = testing::RunSolieu({"audit", dir + "/a.jsonl", "--summary"});
  CHECK(summary.status == 0);
  CHECK(summary.out.find("2 documents") != std::string::npos);
  CHECK(summary.out.find("CONFLICT") != std::string::npos);
  CHECK(summary.out.find(kSentenceB) != std::string::npos);
  CHECK(summary.out.find("1 conflicts, 1 corroborations, 0 inconsistencies") != std::string::npos);
}

}  // namespace
}  // namespace solieu
