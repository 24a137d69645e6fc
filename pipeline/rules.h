// Rules: loading and compiling the rule files of rules/ (format: rules/README.md).
//
// A RuleSet is built once at start and is read-only afterwards: every thread
// shares it.  Loading checks everything it can before any document is read:
// syntax, unknown sub-pattern names, RE2 compile errors and memory budgets,
// unknown builders and capture groups, duplicate ids.  Each error names the
// file and line.
//
// Matching is gated: Gate() runs one RE2::Set over a sentence and reports
// which rules can match there, so that only those run in full.
#ifndef SOLIEU_PIPELINE_RULES_H_
#define SOLIEU_PIPELINE_RULES_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/normalize.h"
#include "pipeline/placement.h"
#include "util/status.h"

namespace solieu {

struct RuleExample {
  std::string text;                // as a user would write it; the pipeline normalizes
  std::vector<std::string> norms;  // expected norms of the rule's type, in order
  std::string file;
  int line = 0;
};

struct Rule {
  enum class Bounds { kBoth, kLeft, kRight, kNone };

  std::string id;
  // Entity type emitted; "block" emits nothing, "segment" classifies
  // paragraphs, "place" finds the places figures belong to (link.h).
  std::string type;
  std::string builder;  // value builder; defaults to the type
  int priority = 0;
  Bounds bounds = Bounds::kBoth;
  std::vector<std::pair<std::string, std::string>> args;
  std::vector<RuleExample> examples;
  std::string file;
  int line = 0;
  std::string pattern;  // expanded and normalized
  std::unique_ptr<RE2> re;
  int span_group = 0;   // capture group giving the entity span (0: the whole match)
  // re's named groups, looked up once: RE2 guards each NamedCapturingGroups
  // call with a once-flag, and builders ask for groups by name per match.
  const std::map<std::string, int>* named_groups = nullptr;
  // Every capture group wraps the whole pattern ("(?P<name>{PROVINCES})"), so
  // each one is the match itself and placing them needs no second search.
  bool groups_are_match = false;
  // Places the groups of a match in place of RE2's NFA; none when RE2 must
  // (see placement.h), or when groups_are_match.
  std::unique_ptr<GroupPlacer> placer;
  int builder_index = -1;  // set by ResolveBuilder

  std::string_view Arg(std::string_view key) const;  // "" when absent
};

// A word list from rules/lists/: one entry per line, optionally a tab and a
// value ("USD\tUSD", "đô la\tUSD"). Look-ups ignore case.
struct WordList {
  std::string name, file;
  bool case_sensitive = false;  // patterns match entries in any case unless set
  std::vector<std::string> entries;                      // normalized
  std::unordered_map<std::string, std::string> values;   // lower-cased entry -> value
  std::unordered_map<std::string, size_t> index;         // lower-cased entry -> entries index
};

struct RuleSetOptions {
  // Entity types to load; empty means every type but "number" (bare numbers
  // are for `solieu parse --type number`); "*" means every type. "block",
  // "segment" and "place" rules are always loaded.
  std::vector<std::string> types;
  int64_t max_mem_per_rule = 8 << 20;
  int64_t max_mem_gate = 256 << 20;
  // Threads that compile the rules: the rule set is the same whatever the
  // number, and `extract -j N` loads on its N.
  int threads = 1;
};

// Rules are matched in families, each with its own gate: entities (with the
// blocks that guard them) for extract.h, places for link.h.
enum class RuleFamily { kEntity = 0, kPlace = 1 };

class RuleSet {
 public:
  // Loads every *.rules file of `dir` in name order.
  static Result<std::unique_ptr<RuleSet>> Load(const std::string& dir, const Normalizer& normalizer,
                                               const RuleSetOptions& options = {});

  const std::vector<Rule>& rules() const { return rules_; }
  const std::string& dir() const { return dir_; }

  // Indices into rules() of the rules of `family` that may match in `text`,
  // ascending. Fails only when the gate's DFA runs out of memory.
  Status Gate(RuleFamily family, std::string_view text, std::vector<int>* fired) const;

  const WordList* List(std::string_view name) const;
  // The value column of `entry` in list `name`, looked up lower-cased; "" when absent.
  std::string_view Lookup(std::string_view name, std::string_view entry) const;
  // Whether list `name` holds `entry`, ignoring case.
  bool Contains(std::string_view name, std::string_view entry) const;
  // The list's own spelling of `entry` ("KON RẪY" -> "Kon Rẫy"); "" when absent.
  std::string_view Canonical(std::string_view name, std::string_view entry) const;

  // Rules of type "segment", in file order.
  const std::vector<int>& segment_rules() const { return segment_rules_; }

 private:
  RuleSet() = default;

  std::string dir_;
  std::vector<Rule> rules_;
  struct FamilyGate {
    std::unique_ptr<RE2::Set> set;
    std::vector<int> rules;  // set index -> rules_ index
  };
  FamilyGate gates_[2];
  std::vector<int> segment_rules_;
  std::map<std::string, WordList, std::less<>> lists_;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_RULES_H_
