#include "pipeline/placement.h"

#include <doctest/doctest.h>

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

// The groups a placer for the RE2 `pattern` gives the match [begin, end) of
// `text`, described.
std::vector<std::string> Placed(const std::string& pattern, re2::StringPiece text, size_t begin,
                                size_t end, PlacementScratch* scratch) {
  const RE2 re(pattern, LongestMatch());
  REQUIRE(re.ok());
  const auto placer = PlacerFor(re, pattern);
  std::vector<re2::StringPiece> groups(1 + re.NumberOfCapturingGroups());
  REQUIRE(placer->Place(text, begin, end, groups.data(), static_cast<int>(groups.size()), scratch));
  return Describe(text, groups);
}

using Groups = std::vector<std::string>;

TEST_CASE("a placer places groups as RE2 does, or lets RE2 do it") {
  PlacementScratch scratch;
  // "(?:\b|)" may end a match after the "a" of "ab"; the match RE2 found is "ab".
  CHECK(Placed(R"((?P<a>a|ab)(?:\b|))", "ab", 0, 2, &scratch) == Groups{"ab@0", "ab@0"});
  // "1" + "23" and "12" + "3" both span "123": the lazy group takes one digit.
  CHECK(Placed(R"((?P<a>\d+?)(?P<b>\d+))", "x 123", 2, 5, &scratch) ==
        Groups{"123@2", "1@2", "23@3"});
  // A group that takes no part is unset.
  CHECK(Placed(R"((?P<a>x)?(?P<b>y))", "y", 0, 1, &scratch) == Groups{"y@0", "-", "y@0"});
  // PCRE2 giving up leaves the placing to RE2, whose groups these are: with
  // a limit of 1, PCRE2 stops at its match limit before it backtracks to
  // "ab" (checked by hand with pcre2_match).
  PlacementScratch crippled(/*match_limit=*/1);
  CHECK(Placed(R"((?P<a>(?:a|aa)*)(?P<b>ab))", "aaaaaaaab", 0, 9, &crippled) ==
        Groups{"aaaaaaaab@0", "aaaaaaa@0", "ab@7"});
  // PCRE2 refuses what it cannot compile, or what counts other groups.
  const RE2 re(R"((?P<a>a))", LongestMatch());
  CHECK_FALSE(GroupPlacer::Create(re, "(?P<a>a", false).ok());
  CHECK_FALSE(GroupPlacer::Create(re, "(?P<a>a)(b)", false).ok());
}

// The bundled rules, compared with RE2 on every match in the sample lines.
TEST_CASE("every bundled rule's placer agrees with RE2 on every match") {
  const Pipeline& pipeline = testing::BundledPipeline({"*"});
  const std::vector<std::string> lines = testing::SampleLines(pipeline, "placement is");
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
