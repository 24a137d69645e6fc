// Loading rule files: every error names the file and line; every bundled
// rule's inline examples pass.
#include "pipeline/rules.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "pipeline/examples.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

using testing::TempDir;
using testing::WriteFile;

// Loads a rules folder holding one file `name` with `content`.
Status LoadOne(const std::string& name, const std::string& content,
               const std::string& list_file = "", const std::string& list_content = "") {
  const std::string dir = TempDir("rules");
  WriteFile(dir + "/" + name, content);
  if (!list_file.empty()) WriteFile(dir + "/" + list_file, list_content);
  auto normalizer = Normalizer::Create();
  REQUIRE(normalizer.ok());
  auto set = RuleSet::Load(dir, **normalizer);
  return set.ok() ? Status::Ok() : set.status();
}

void CheckError(const Status& s, const std::string& where, const std::string& what) {
  CHECK_FALSE(s.ok());
  CHECK_MESSAGE(s.message().find(where) != std::string::npos, s.message());
  CHECK_MESSAGE(s.message().find(what) != std::string::npos, s.message());
}

TEST_CASE("a pattern RE2 refuses fails at load with file:line and RE2's message") {
  CheckError(LoadOne("percent.rules", "\n\nrule p.one\n  pattern (?P<num>\\d+%\n"),
             "percent.rules:4", "missing )");
}

TEST_CASE("syntax errors name their line") {
  CheckError(LoadOne("a.rules", "rule a.one\n  patern x\n"), "a.rules:2", "unknown keyword 'patern'");
  CheckError(LoadOne("a.rules", "pattern x\n"), "a.rules:1", "outside a rule");
  CheckError(LoadOne("a.rules", "rule a.one\n  priority high\n  pattern x\n"), "a.rules:2", "integer");
  CheckError(LoadOne("a.rules", "rule a.one\n  pattern x\n  example no arrow\n"), "a.rules:3", "=>");
  CheckError(LoadOne("a.rules", "rule a.one\n  type percent\n"), "a.rules:1", "no pattern");
  CheckError(LoadOne("a.rules", "define lower = x\n"), "a.rules:1", "upper case");
}

TEST_CASE("unknown names, builders and groups are load errors") {
  CheckError(LoadOne("percent.rules", "rule p.one\n  pattern {NOPE}%\n"), "percent.rules:2",
             "unknown name {NOPE}");
  CheckError(LoadOne("x.rules", "rule x.one\n  pattern \\d+\n"), "x.rules:1", "unknown builder 'x'");
  CheckError(LoadOne("percent.rules", "rule p.one\n  pattern (?P<nmu>\\d+)%\n"), "percent.rules:1",
             "no group 'nmu'");
  CheckError(LoadOne("percent.rules", "rule p.one\n  pattern \\d+%\nrule p.one\n  pattern \\d+ %\n"),
             "percent.rules:3", "duplicate rule id");
  CheckError(LoadOne("percent.rules", "define A = {B}\ndefine B = {A}\nrule p.one\n  pattern {A}%\n"),
             "percent.rules:4", "nest too deep");
  CheckError(LoadOne("a.rules", "define A = x\ndefine A = y\n"), "a.rules:2", "already defined at");
  CheckError(LoadOne("a.rules", "list L = lists/none.txt\n"), "a.rules:1", "cannot read");
}

TEST_CASE("a pattern over the memory budget is refused") {
  // 2^20 alternatives cannot fit 8 MiB of compiled program.
  const std::string huge = "rule p.one\n  pattern (?P<num>(?:\\d{1,3}[a-z]){100}){100}%\n";
  CheckError(LoadOne("percent.rules", huge), "percent.rules:2", "RE2 refuses");
}

TEST_CASE("definitions, lists and tone-mark styles expand as documented") {
  const std::string dir = TempDir("expand");
  std::filesystem::create_directories(dir + "/lists");
  WriteFile(dir + "/lists/units.txt", "# comment\nha\ntấn\nhoà\n");
  WriteFile(dir + "/quantity.rules",
            "define N = \\d+\nlist UNIT = lists/units.txt\n"
            "rule q.one\n  pattern (?P<num>{N})\\s(?P<unit>{UNIT})\n");
  auto normalizer = Normalizer::Create();
  auto set = RuleSet::Load(dir, **normalizer);
  REQUIRE(set.ok());
  const Rule& rule = (*set)->rules()[0];
  // Entries in alphabetical (byte) order, case-insensitive, tone marks
  // canonical (hoà -> hòa).
  CHECK(rule.pattern == "(?P<num>(?:\\d+))\\s(?P<unit>(?i:ha|hòa|tấn))");
  CHECK((*set)->Lookup("UNIT", "TẤN").empty());  // present, no value column
  CHECK((*set)->List("UNIT")->values.count("tấn") == 1);
}

TEST_CASE("an entry that extends another wins, though it comes after it") {
  const std::string dir = TempDir("longest");
  std::filesystem::create_directories(dir + "/lists");
  WriteFile(dir + "/lists/nouns.txt", "tổ chức cơ sở đảng\ntổ chức\n");
  WriteFile(dir + "/count.rules",
            "list NOUN = lists/nouns.txt\nrule c.one\n  pattern \\d+\\s+(?P<unit>{NOUN})\n");
  auto normalizer = Normalizer::Create();
  auto set = RuleSet::Load(dir, **normalizer);
  REQUIRE(set.ok());
  const Rule& rule = (*set)->rules()[0];
  CHECK(rule.pattern.find("(?i:tổ\\s+chức|tổ\\s+chức\\s+cơ") != std::string::npos);
  std::string unit;
  REQUIRE(RE2::PartialMatch("có 12 Tổ chức cơ sở Đảng mới", *rule.re, &unit));
  CHECK(unit == "Tổ chức cơ sở Đảng");
}

TEST_CASE("the gate reports exactly the rules that can match") {
  const std::string dir = TempDir("gate");
  WriteFile(dir + "/percent.rules",
            "rule p.sign\n  pattern (?P<num>\\d+)%\nrule p.words\n  pattern (?P<num>\\d+) phần trăm\n");
  auto normalizer = Normalizer::Create();
  auto set = RuleSet::Load(dir, **normalizer);
  REQUIRE(set.ok());
  std::vector<int> fired;
  REQUIRE((*set)->Gate(RuleFamily::kEntity, "đạt 12% và 15 phần trăm", &fired).ok());
  CHECK(fired == std::vector<int>{0, 1});
  REQUIRE((*set)->Gate(RuleFamily::kEntity, "không có gì", &fired).ok());
  CHECK(fired.empty());
}

TEST_CASE("groups that wrap the whole pattern are known to be the match") {
  const std::string dir = TempDir("wrapping");
  WriteFile(dir + "/count.rules",
            "rule c.wrapped\n  pattern (?P<span>(?P<num>\\d+) người)\n"
            "rule c.span_inside\n  pattern (?P<span>(?P<num>\\d+)) người\n"
            "rule c.two_groups\n  pattern (?P<num>\\d+)(?P<scale> nghìn)\n"
            "rule c.no_groups\n  pattern \\d+ hộ\n");
  auto normalizer = Normalizer::Create();
  auto set = RuleSet::Load(dir, **normalizer);
  REQUIRE(set.ok());
  const auto& rules = (*set)->rules();
  REQUIRE(rules.size() == 4);
  // A span that is the whole match is no separate span; "num" inside it is
  // still a group of its own to place.
  CHECK(rules[0].span_group == 0);
  CHECK_FALSE(rules[0].groups_are_match);
  CHECK(rules[1].span_group == 1);
  CHECK_FALSE(rules[1].groups_are_match);
  // "(" first and ")" last, but not one pair: the first group ends at "+".
  CHECK_FALSE(rules[2].groups_are_match);
  CHECK(rules[3].groups_are_match);
}

TEST_CASE("rules compiled on several threads make the same rule set and the same first error") {
  auto normalizer = Normalizer::Create();
  REQUIRE(normalizer.ok());
  RuleSetOptions one, four;
  four.threads = 4;
  auto serial = RuleSet::Load(testing::RulesDir(), **normalizer, one);
  auto threaded = RuleSet::Load(testing::RulesDir(), **normalizer, four);
  REQUIRE(serial.ok());
  REQUIRE(threaded.ok());
  const auto& a = (*serial)->rules();
  const auto& b = (*threaded)->rules();
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].pattern == b[i].pattern);
    CHECK(a[i].span_group == b[i].span_group);
    CHECK(a[i].groups_are_match == b[i].groups_are_match);
    CHECK((a[i].placer == nullptr) == (b[i].placer == nullptr));
    CHECK(a[i].builder_index == b[i].builder_index);
  }
  CHECK((*serial)->segment_rules() == (*threaded)->segment_rules());
  // Each family's gate fires the same rules, and the expected ones.
  const std::string sentence = "Năm 2023, tỉnh Kon Tum có 1.234 hộ nghèo, giảm 2,5% so với năm 2022";
  for (RuleFamily family : {RuleFamily::kEntity, RuleFamily::kPlace}) {
    std::vector<int> fired_serial, fired_threaded;
    REQUIRE((*serial)->Gate(family, sentence, &fired_serial).ok());
    REQUIRE((*threaded)->Gate(family, sentence, &fired_threaded).ok());
    CHECK_FALSE(fired_serial.empty());
    CHECK(fired_serial == fired_threaded);
  }

  // Three broken rules: the error reported is the first in file order,
  // though the later ones fail sooner (while expanding, not compiling).
  const std::string dir = TempDir("threads");
  WriteFile(dir + "/a.rules", "rule p.one\n  type percent\n  pattern (?P<num>\\d+%\n");
  WriteFile(dir + "/b.rules", "rule p.two\n  type percent\n  pattern {NOPE}%\n");
  WriteFile(dir + "/c.rules", "rule p.one\n  type percent\n  pattern \\d+%\n");
  for (int threads : {1, 2, 4}) {
    RuleSetOptions options;
    options.threads = threads;
    auto set = RuleSet::Load(dir, **normalizer, options);
    REQUIRE_FALSE(set.ok());
    CheckError(set.status(), "a.rules:3", "missing )");
  }
}

TEST_CASE("every bundled rule's inline examples pass") {
  const ExampleReport report = RunExamples(testing::BundledPipeline({"*"}));
  for (const ExampleFailure& f : report.failures) FAIL_CHECK(DescribeFailure(f));
  CHECK(report.examples > 100);
  MESSAGE(report.examples << " rule examples run");
}

}  // namespace
}  // namespace solieu
