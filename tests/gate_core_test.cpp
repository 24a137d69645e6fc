// Gate cores: hand-checked reductions, and the claim itself, that a core
// fires exactly where its pattern does, on real text.
#include "pipeline/gate_core.h"

#include <doctest/doctest.h>
#include <re2/set.h>

#include <algorithm>

#include "tests/test_support.h"

namespace solieu {
namespace {

TEST_CASE("a gate core drops only what a match may leave out") {
  // Optional items at either end go; a repetition at an end keeps its minimum.
  CHECK(GateCore(R"((?:từ\s+)?\d+\s*%)") == R"(\d\s*%)");
  CHECK(GateCore(R"(\d{1,3}(?:[.,]\d{3})*)") == R"(\d{1})");
  // A group at an end opens up; an alternation there is reduced branch by
  // branch, at that end only ("b?" before "d" must stay).
  CHECK(GateCore(R"((?P<span>(?:khoảng\s+)?(?P<num>\d+)) người)") == R"(\d người)");
  CHECK(GateCore(R"((?:a?b|cb?)d)") == R"((?:b|cb?)d)");
  CHECK(GateCore(R"((?P<level>huyện|xã)\s+(?P<name>\p{Lu}[\p{L}']*(?:\s+\p{Lu}[\p{L}']*){0,4}|\d{1,2}))") ==
        R"((?:huyện|xã)\s+(?:\p{Lu}|\d{1}))");
  CHECK(GateCore(R"(a+b?|c*d)") == "a|d");
  // In an alternation at an end, a branch that holds another there adds
  // nothing: "điểm bán" at the back holds "điểm"; at the front "đồng" ends
  // "tiền đồng"; a flag group keeps its flags while its branches go.
  CHECK(GateCore(R"(\d+\s+(?i:điểm|điểm\s+bán|xe|điểm\s+bán\s+hàng))") == R"(\d\s+(?i:điểm|xe))");
  CHECK(GateCore(R"((?:tiền\s+đồng|đồng|USD)\s*\d+)") == R"((?:đồng|USD)\s*\d)");
  CHECK(GateCore(R"(\d+(?:ab|b)\s)") == R"(\d(?:ab|b)\s)");  // the middle is not pruned
  // Assertions, flag groups and the middle of a pattern stay as written.
  CHECK(GateCore(R"(\b(?:số\s+)?\d+)") == R"(\b(?:số\s+)?\d)");
  CHECK(GateCore(R"((?i:tỷ)+\s+đồng)") == R"((?i:tỷ)\s+đồng)");
  CHECK(GateCore(R"(x\s*(?:y)?z)") == R"(x\s*(?:y)?z)");
  // What matches everywhere, or sets flags for what follows, comes back whole.
  CHECK(GateCore(R"(x*)") == R"(x*)");
  CHECK(GateCore(R"((?i)abc?)") == R"((?i)abc?)");
  CHECK(GateCore(R"([(?]+\)?)") == R"([(?])");
}

TEST_CASE("a line holds a match of a rule exactly when it holds one of its gate core") {
  const Pipeline& pipeline = testing::BundledPipeline({"*"});
  const std::vector<Rule>& rules = pipeline.rules().rules();
  RE2::Options options;
  options.set_longest_match(true);
  options.set_max_mem(int64_t{512} << 20);
  RE2::Set whole(options, RE2::UNANCHORED), cores(options, RE2::UNANCHORED);
  int reduced = 0;
  for (const Rule& rule : rules) {
    REQUIRE(whole.Add(rule.pattern, nullptr) >= 0);
    const std::string core = GateCore(rule.pattern);
    REQUIRE_MESSAGE(cores.Add(core, nullptr) >= 0, rule.id << ": " << core);
    reduced += core != rule.pattern;
  }
  REQUIRE(whole.Compile());
  REQUIRE(cores.Compile());
  CHECK(reduced > static_cast<int>(rules.size()) / 2);
  const std::vector<std::string> lines = testing::SampleLines(pipeline, "the gate cores are");
  std::vector<int> by_whole, by_cores;
  int differing = 0;
  for (const std::string& line : lines) {
    whole.Match(line, &by_whole);
    cores.Match(line, &by_cores);
    std::sort(by_whole.begin(), by_whole.end());
    std::sort(by_cores.begin(), by_cores.end());
    if (by_whole != by_cores && ++differing <= 5) FAIL_CHECK("the cores fire differently on: " << line);
  }
  CHECK(differing == 0);
  MESSAGE(lines.size() << " lines, " << reduced << " of " << rules.size() << " rules reduced");
}

}  // namespace
}  // namespace solieu
