// The extraction mechanism on small rule sets written for the test:
// overlaps, priorities, blocks, bounds, span groups, sentences, metadata.
#include "pipeline/extract.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "pipeline/pipeline.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

using testing::TempDir;
using testing::WriteFile;

// A pipeline over one rules file written for the test.
std::unique_ptr<Pipeline> PipelineWith(const std::string& rules) {
  const std::string dir = TempDir("extract");
  WriteFile(dir + "/test.rules", rules);
  PipelineOptions options;
  options.rules_dir = dir;
  auto p = Pipeline::Create(options);
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  return std::move(*p);
}

std::vector<std::string> Found(const Pipeline& p, const std::string& text) {
  auto w = p.NewWorkspace();
  Record r;
  p.Process(text, w.get(), &r);
  std::vector<std::string> out;
  for (const Entity& e : r.entities) out.push_back(e.type + ":" + e.norm + "@" + e.rule);
  return out;
}

TEST_CASE("the longest span wins; equal spans go to the higher priority, then the earlier rule") {
  auto p = PipelineWith(
      "rule short\n  type percent\n  priority 9\n  pattern (?P<num>\\d+)%\n"
      "rule long\n  type percent\n  pattern (?P<num>\\d+) ?% ?(?:điểm)?\n"
      "rule tie.low\n  type count\n  priority 1\n  pattern (?P<num>\\d+) hộ\n"
      "rule tie.high\n  type count\n  priority 2\n  pattern (?P<num>\\d+) (?:hộ|người)\n"
      "rule tie.first\n  type count\n  priority 2\n  pattern (?P<num>\\d+) người\n");
  // "12% điểm": `long` covers more than `short` despite its lower priority.
  CHECK(Found(*p, "đạt 12% điểm") == std::vector<std::string>{"percent:12@long"});
  CHECK(Found(*p, "có 5 hộ") == std::vector<std::string>{"count:5@tie.high"});
  // Same span, same priority: the rule loaded first.
  CHECK(Found(*p, "có 7 người") == std::vector<std::string>{"count:7@tie.high"});
}

TEST_CASE("a block rule keeps its digits to itself and emits nothing") {
  auto p = PipelineWith(
      "rule pct\n  type percent\n  pattern (?P<num>\\d+)%\n"
      "rule no.url\n  type block\n  bounds none\n  pattern https?://\\S+\n");
  CHECK(Found(*p, "xem https://x.vn/a-15%-b và 20%") == std::vector<std::string>{"percent:20@pct"});
}

TEST_CASE("bounds: no letter or digit glued to a span unless the rule says so") {
  auto p = PipelineWith(
      "rule both\n  type percent\n  pattern (?P<num>\\d+)%\n"
      "rule none\n  type count\n  bounds none\n  pattern (?P<num>\\d+)x\n");
  CHECK(Found(*p, "A12% và 3%") == std::vector<std::string>{"percent:3@both"});
  CHECK(Found(*p, "đạt 12%a") == std::vector<std::string>{});
  CHECK(Found(*p, "abc4xyz") == std::vector<std::string>{"count:4@none"});
}

TEST_CASE("bounds: a Vietnamese word glued on the left is no code; a number's tail is no figure") {
  auto p = PipelineWith("rule pct\n  type percent\n  pattern (?P<num>\\d+(?:,\\d+)?)%\n");
  // Words run together in text pasted from PDFs: "tăng" and "là" end in an
  // ASCII letter and a Vietnamese one.
  CHECK(Found(*p, "chế tạotăng1,36%") == std::vector<std::string>{"percent:1.36@pct"});
  CHECK(Found(*p, "tỷ lệ là73,59%") == std::vector<std::string>{"percent:73.59@pct"});
  // ASCII letters make a code, and the rule may not start over inside it.
  CHECK(Found(*p, "chủng H5N1 và covid19,5%") == std::vector<std::string>{});
  CHECK(Found(*p, "mã xy1,36%") == std::vector<std::string>{});
  // Nor inside a date typed with dashes.
  CHECK(Found(*p, "ngày 2022-08%") == std::vector<std::string>{});
}

TEST_CASE("bounds: a code in capitals ends where a Vietnamese word runs into it") {
  auto p = PipelineWith("rule code\n  type count\n  pattern (?P<num>\\d+) (?P<unit>[A-Z]+)\n");
  CHECK(Found(*p, "có 5 HSngày 3") == std::vector<std::string>{"count:5@code"});
  // ASCII letters after it go on the code.
  CHECK(Found(*p, "có 5 HSx") == std::vector<std::string>{});
}

TEST_CASE("the span group reports less than the pattern demands") {
  auto p = PipelineWith("rule ctx\n  type count\n  pattern kết nạp (?P<span>(?P<num>\\d+))\n");
  auto w = p->NewWorkspace();
  Record r;
  p->Process("đã kết nạp 146", w.get(), &r);
  REQUIRE(r.entities.size() == 1);
  CHECK(r.entities[0].text == "146");
  CHECK(r.entities[0].start == 11);
}

TEST_CASE("a builder that rejects a match leaves the text to other rules") {
  auto p = PipelineWith(
      "rule dmy\n  type date\n  pattern (?P<day>\\d+)/(?P<month>\\d+)/(?P<year>\\d{4})\n"
      "rule year\n  type date\n  pattern (?P<year>\\d{4})\n");
  // 31/2 is no date: the year alone remains.
  CHECK(Found(*p, "ngày 31/2/2020") == std::vector<std::string>{"date:2020@year"});
  CHECK(Found(*p, "ngày 28/2/2020") == std::vector<std::string>{"date:2020-02-28@dmy"});
}

TEST_CASE("entities carry their sentence; nothing comes from the url line") {
  auto p = PipelineWith("rule pct\n  type percent\n  pattern (?P<num>\\d+)%\n");
  auto w = p->NewWorkspace();
  Record r;
  p->Process("url: https://x.vn/tang-15%\n\nTiêu đề 10%\n\nCâu một đạt 20%. Câu hai đạt 30%.", w.get(), &r);
  REQUIRE(r.entities.size() == 3);
  CHECK(r.entities[0].norm == "10");
  CHECK(r.entities[1].sentence + 1 == r.entities[2].sentence);
}

TEST_CASE("matches in one sentence come out in text order whatever the rule order") {
  auto p = PipelineWith(
      "rule b\n  type count\n  pattern (?P<num>\\d+) hộ\n"
      "rule a\n  type percent\n  pattern (?P<num>\\d+)%\n");
  CHECK(Found(*p, "10% và 5 hộ và 20%") ==
        std::vector<std::string>{"percent:10@a", "count:5@b", "percent:20@a"});
}

TEST_CASE("a group of documents: each gets its own entities, whatever shares its group") {
  auto p = PipelineWith(
      "rule pct\n  type percent\n  pattern (?P<num>\\d+)%\n"
      "rule households\n  type count\n  pattern (?P<num>\\d+) hộ\n");
  const std::vector<std::string> texts = {
      "Tăng 10% so với 5 hộ.", "", "Không có số liệu nào.", "Có 7 hộ. Đạt 80% kế hoạch, 3 hộ."};
  const std::vector<std::vector<std::string>> expected = {
      {"percent:10@pct", "count:5@households"},
      {},
      {},
      {"count:7@households", "percent:80@pct", "count:3@households"}};
  auto w = p->NewWorkspace();
  std::vector<DocumentState> states(texts.size());
  std::vector<Record> records(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    REQUIRE(p->Read(texts[i], nullptr, w.get(), &states[i], &records[i]));
  }
  // Forward, reversed, and with the last two alone.
  const std::vector<std::vector<size_t>> groupings = {{0, 1, 2, 3}, {3, 2, 1, 0}, {0, 1}, {2}, {3}};
  for (const auto& grouping : groupings) {
    std::vector<DocumentState*> group_states;
    std::vector<Record*> group_records;
    for (size_t i : grouping) {
      records[i].entities.assign(1, Entity());  // stale: the step must replace it
      group_states.push_back(&states[i]);
      group_records.push_back(&records[i]);
    }
    p->ExtractEntities(w.get(), group_states, group_records);
    for (size_t i : grouping) {
      std::vector<std::string> found;
      for (const Entity& e : records[i].entities) found.push_back(e.type + ":" + e.norm + "@" + e.rule);
      CHECK_MESSAGE(found == expected[i], "document " << i);
      CHECK(records[i].error.empty());
    }
  }
  // Sentence indices and spans are the document's own.
  REQUIRE(records[3].entities.size() == 3);
  CHECK(records[3].entities[0].sentence == 0);
  CHECK(records[3].entities[1].sentence == 1);
  const std::string_view text = states[3].normalized.text;
  CHECK(text.substr(records[3].entities[1].match_begin,
                    records[3].entities[1].match_end - records[3].entities[1].match_begin) == "80%");
}

TEST_CASE("number style: English only where the text plainly uses it") {
  CHECK(DetectNumberStyle("dân số 1.234.567 người, tăng 2,5%") == NumberStyle::kVietnamese);
  CHECK(DetectNumberStyle("population 1,234,567; up 2.5%; 80,605,651 visits; 12.5%") ==
        NumberStyle::kEnglish);
  CHECK(DetectNumberStyle("không có số") == NumberStyle::kVietnamese);
  // A dot with one or two digits after it before a scale word is a decimal.
  CHECK(DetectNumberStyle("3 khu đô thị hơn 74.3 ngàn tỷ; vốn 258.1 ngàn tỷ, hơn 3,840 tỷ đồng") ==
        NumberStyle::kEnglish);
  // Counters at the foot of a page are no evidence either.
  CHECK(DetectNumberStyle("hỗ trợ 500.000đ/hộ, 1.250 hộ.\nTotal visited: 2,740,113\nToday: 1,204\n"
                          "Online: 12,345,678\nTổng truy cập: 9,876,543\n") == NumberStyle::kVietnamese);
  // Days and months, and versions, are no evidence.
  CHECK(DetectNumberStyle("Ngày 16.6 và 31.8, công nghiệp 4.0, 2,5 triệu đồng") == NumberStyle::kVietnamese);
}


TEST_CASE("number style: a figure is read wherever it falls in the text") {
  // Figures at every offset of the eight-byte blocks the digit scan passes.
  for (int lead = 0; lead < 16; ++lead) {
    const std::string pad(lead, 'x'), tail(lead % 9, 'y');
    CHECK(DetectNumberStyle(pad + "1,234,567 người và 2,345,678 hộ" + tail) == NumberStyle::kEnglish);
    CHECK(DetectNumberStyle(pad + "1.5%, 2.5% và 3.5%" + tail) == NumberStyle::kEnglish);
    CHECK(DetectNumberStyle(pad + "1.234.567 và 2,5" + tail) == NumberStyle::kVietnamese);
  }
}

}  // namespace
}  // namespace solieu
