#include "pipeline/placement.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "tests/test_support.h"

namespace solieu {
namespace {

std::string Translated(std::string_view re2_pattern, bool* looks_past_end = nullptr) {
  bool past_end = false;
  Result<std::string> pcre = ToPcreSyntax(re2_pattern, &past_end);
  REQUIRE_MESSAGE(pcre.ok(), pcre.status().message());
  if (looks_past_end != nullptr) *looks_past_end = past_end;
  return *pcre;
}

RE2::Options LongestMatch() {
  RE2::Options options;
  options.set_longest_match(true);
  options.set_log_errors(false);
  return options;
}

std::unique_ptr<GroupPlacer> PlacerFor(const RE2& re, std::string_view pcre_flavoured) {
  bool looks_past_end = false;
  Result<std::string> pcre = ToPcreSyntax(pcre_flavoured, &looks_past_end);
  REQUIRE_MESSAGE(pcre.ok(), pcre.status().message());
  Result<std::unique_ptr<GroupPlacer>> placer = GroupPlacer::Create(re, *pcre, looks_past_end);
  REQUIRE_MESSAGE(placer.ok(), placer.status().message());
  return std::move(*placer);
}

// The groups as "text@offset" ("-" when unset), for readable failures.
std::vector<std::string> Describe(re2::StringPiece text, const std::vector<re2::StringPiece>& groups) {
  std::vector<std::string> out;
  for (const re2::StringPiece& g : groups) {
    out.push_back(g.data() == nullptr ? "-"
                                      : std::string(g.data(), g.size()) + "@" +
                                            std::to_string(g.data() - text.data()));
  }
  return out;
}

// The groups of `placer` and of RE2's own placement for every match RE2
// finds in `text`; how many matches differ.
int CountDifferences(const RE2& re, const GroupPlacer& placer, re2::StringPiece text,
                     PlacementScratch* scratch, int* compared, std::string* first_difference) {
  const int n = 1 + re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> expected(n), actual(n);
  int differences = 0;
  size_t pos = 0;
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, expected.data(), 1)) {
    const size_t begin = expected[0].data() - text.data(), end = begin + expected[0].size();
    REQUIRE(re.Match(text, begin, end, RE2::ANCHOR_BOTH, expected.data(), n));
    REQUIRE(placer.Place(text, begin, end, actual.data(), n, scratch));
    ++*compared;
    if (Describe(text, expected) != Describe(text, actual)) {
      if (differences++ == 0) {
        std::ostringstream message;
        message << "in \"" << text << "\": RE2";
        for (const std::string& g : Describe(text, expected)) message << " [" << g << "]";
        message << ", PCRE2";
        for (const std::string& g : Describe(text, actual)) message << " [" << g << "]";
        *first_difference = message.str();
      }
    }
    pos = end > begin ? end : begin + 1;
  }
  return differences;
}

}  // namespace

TEST_CASE("RE2 syntax is written for PCRE2 with RE2's meaning") {
  bool looks_past_end = true;
  // \s: RE2's has no vertical tab; \v is that one character in RE2.
  CHECK(Translated(R"(a\s+b)", &looks_past_end) == R"(a[\t\n\f\r ]+b)");
  CHECK_FALSE(looks_past_end);
  CHECK(Translated(R"([\s,]\S)") == R"([\t\n\f\r ,][^\t\n\f\r ])");
  CHECK(Translated(R"(x\vy)") == R"(x\x0By)");
  // ^ and $ are the edges of the text; $ and \b look past a match's end.
  CHECK(Translated(R"(^\d+$)", &looks_past_end) == R"(\A\d+\z)");
  CHECK(looks_past_end);
  CHECK(Translated(R"(\bso\b)", &looks_past_end) == R"(\bso\b)");
  CHECK(looks_past_end);
  // Inside a class, ^ and $ are themselves; RE2's braces and quoted text pass through.
  CHECK(Translated(R"([$^]x[^$])", &looks_past_end) == R"([$^]x[^$])");
  CHECK_FALSE(looks_past_end);
  CHECK(Translated(R"(\p{Lu}\pL\x{1EF9}[[:alpha:]\d]\Q$^\s\E)") ==
        R"(\p{Lu}\pL\x{1EF9}[[:alpha:]\d]\Q$^\s\E)");
  CHECK(Translated(R"((?P<num>\d)(?i:đ)(?:x))") == R"((?P<num>\d)(?i:đ)(?:x))");
  CHECK(Translated(R"([]a])") == R"([\]a])");
  bool unused = false;
  CHECK_FALSE(ToPcreSyntax(R"((?m:^a$))", &unused).ok());
  CHECK_FALSE(ToPcreSyntax(R"((?im)a)", &unused).ok());
  CHECK_FALSE(ToPcreSyntax(R"([\S])", &unused).ok());
  CHECK_FALSE(ToPcreSyntax(R"(\1)", &unused).ok());
}

TEST_CASE("a word list becomes a trie in RE2's order, case-folded unless case-sensitive") {
  // RE2 has "ab|ab\s+c|ad" (sorted lower-cased): "ab" is tried before "ab c".
  CHECK(PcreListPattern({"ad", "AB c", "ab"}, false) == R"((?i:a(?:b(?:|\s+c)|d)))");
  // Sorted as written, "ab  cd" (two spaces) comes before "ab c": RE2 tries
  // the longer one first here, and so does the trie.
  CHECK(PcreListPattern({"ab c", "ab  cd"}, false) == R"((?i:ab\s+c(?:d|)))");
  CHECK(PcreListPattern({"đảng viên", "Đảng bộ"}, false) == R"((?i:đảng\s+(?:bộ|viên)))");
  // Case-sensitive: "m" < "MW" < "mW" (lower-cased, then as written).
  CHECK(PcreListPattern({"MW", "mW", "m"}, true) == R"((?:m(?:|W)|MW))");
  CHECK(PcreListPattern({"a.b"}, false) == R"((?i:a\.b))");
}

TEST_CASE("a placer places groups as RE2 does, or lets RE2 do it") {
  const RE2::Options options = LongestMatch();
  SUBCASE("the first parse that spans the match, not the first that matches") {
    // "(?:\b|)" may end the match after "a" of "ab"; the match RE2 found is "ab".
    const RE2 re(R"((?P<a>a|ab)(?:\b|))", options);
    REQUIRE(re.ok());
    const auto placer = PlacerFor(re, re.pattern());
    PlacementScratch scratch;
    std::vector<re2::StringPiece> groups(2);
    const re2::StringPiece text("ab");
    REQUIRE(placer->Place(text, 0, 2, groups.data(), 2, &scratch));
    CHECK(groups[0] == "ab");
    CHECK(groups[1] == "ab");
  }
  SUBCASE("priority decides between parses of the same match") {
    // Both "1" + "23" and "12" + "3" span "123"; the lazy group takes one digit.
    const RE2 re(R"((?P<a>\d+?)(?P<b>\d+))", options);
    const auto placer = PlacerFor(re, re.pattern());
    PlacementScratch scratch;
    std::vector<re2::StringPiece> groups(3);
    REQUIRE(placer->Place("x 123", 2, 5, groups.data(), 3, &scratch));
    CHECK(groups[1] == "1");
    CHECK(groups[2] == "23");
  }
  SUBCASE("a group that takes no part is unset") {
    const RE2 re(R"((?P<a>x)?(?P<b>y))", options);
    const auto placer = PlacerFor(re, re.pattern());
    PlacementScratch scratch;
    std::vector<re2::StringPiece> groups(3);
    REQUIRE(placer->Place("y", 0, 1, groups.data(), 3, &scratch));
    CHECK(groups[1].data() == nullptr);
    CHECK(groups[2] == "y");
  }
  SUBCASE("PCRE2 giving up leaves the placing to RE2") {
    const RE2 re(R"((?P<a>(?:a|aa)*)(?P<b>b))", options);
    const auto placer = PlacerFor(re, re.pattern());
    PlacementScratch crippled(/*match_limit=*/1);
    std::vector<re2::StringPiece> groups(3), expected(3);
    const re2::StringPiece text("aaaaaaaab");
    REQUIRE(re.Match(text, 0, text.size(), RE2::ANCHOR_BOTH, expected.data(), 3));
    REQUIRE(placer->Place(text, 0, text.size(), groups.data(), 3, &crippled));
    CHECK(Describe(text, groups) == Describe(text, expected));
  }
  SUBCASE("PCRE2 refuses what it cannot compile") {
    const RE2 re(R"((?P<a>a))", options);
    CHECK_FALSE(GroupPlacer::Create(re, "(?P<a>a", false).ok());
    CHECK_FALSE(GroupPlacer::Create(re, "(?P<a>a)(b)", false).ok());
  }
}

// The bundled rules, compared with RE2 on every match in the lines of the
// rules' examples, the sample documents and, when present, ../shared.
TEST_CASE("every bundled rule's placer agrees with RE2 on every match") {
  const Pipeline& pipeline = testing::BundledPipeline({"*"});
  std::vector<std::string> lines;
  for (const Rule& rule : pipeline.rules().rules()) {
    for (const RuleExample& example : rule.examples) lines.push_back(example.text);
  }
  std::vector<std::string> dirs = {testing::SourceDir() + "/corpus"};
  if (const std::string shared = testing::SharedDir(); !shared.empty()) {
    dirs.push_back(shared + "/eval/dev/corpus");
  } else {
    MESSAGE("../shared is absent: placement is checked on corpus/ and the rules' examples only");
  }
  for (const std::string& dir : dirs) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".txt") continue;
      std::istringstream text(testing::ReadFile(entry.path().string()));
      for (std::string line; std::getline(text, line);) lines.push_back(line);
    }
  }
  for (std::string& line : lines) {
    Normalized normalized;
    pipeline.normalizer().Normalize(line, &normalized);
    line = normalized.text;
  }
  PlacementScratch scratch;
  int with_placer = 0, compared = 0;
  for (const Rule& rule : pipeline.rules().rules()) {
    if (!rule.placer) {
      // Only rules whose groups need no placing, or whose pattern reads
      // differently in PCRE2, do without.
      CHECK_MESSAGE((rule.groups_are_match || rule.re->NumberOfCapturingGroups() == 0 ||
                     rule.pattern.find("(?m") != std::string::npos),
                    rule.id);
      continue;
    }
    ++with_placer;
    int differences = 0;
    std::string first_difference;
    for (const std::string& line : lines) {
      differences += CountDifferences(*rule.re, *rule.placer, line, &scratch, &compared,
                                      &first_difference);
    }
    CHECK_MESSAGE(differences == 0, rule.id << ": " << differences << " matches differ, first "
                                            << first_difference);
  }
  CHECK(with_placer > 40);
  CHECK(compared > 1000);
}

}  // namespace solieu
