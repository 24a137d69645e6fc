// Placement: where the capture groups of a match lie, once RE2 has found it.
//
// RE2 finds a match with its DFA, then places the groups with its NFA over
// the match whenever a pattern is longer than 512 instructions, which every
// pattern with a word list is.  At a few microseconds per match that was a
// fifth of all run time.  A GroupPlacer compiles the same pattern for
// PCRE2's JIT, with RE2's meaning (ToPcreSyntax), and places the groups of
// a known match [begin, end) by an anchored match that must end at `end`.
//
// Both engines then report the same groups: of the parses that span the
// match, each takes the first in priority order (alternatives left to right,
// greedy repeats longest first).  RE2's NFA does because it keeps the first
// thread to reach each instruction, which is a thread of higher priority;
// PCRE2 does because it backtracks in that order.  Should PCRE2 give up
// (match limit, JIT stack) or find no parse, RE2 places the groups.
//
// Thread safety: a GroupPlacer is immutable and shared; each thread passes
// its own PlacementScratch.
#ifndef SOLIEU_PIPELINE_PLACEMENT_H_
#define SOLIEU_PIPELINE_PLACEMENT_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;
struct pcre2_real_match_context_8;
struct pcre2_real_jit_stack_8;

namespace solieu {

// An RE2 pattern (UTF-8, leftmost-longest, the default flags) written for
// PCRE2 with the same meaning: "\s" without the vertical tab PCRE2 adds,
// "\v" as that one character, "^" and "$" as the edges of the text ("\A",
// "\z").  Sets `looks_past_end` when a match's last position can depend on
// the text after it ("$", "\z", "\b", "\B").  Fails on what it does not
// translate with certainty ("(?m)", back-reference-like "\1", "\S" inside a
// class).
Result<std::string> ToPcreSyntax(std::string_view re2_pattern, bool* looks_past_end);

// A word list as a PCRE2 trie: the entries (each character case-folded
// unless `case_sensitive`), words joined by "\s+", prefixes shared.  A
// backtracking matcher tries an alternation's branches one by one, so the
// flat alternation RE2 is given (rules.cc) would cost a try per entry; the
// trie costs one per letter.  Each branch keeps the place in RE2's order of
// the first entry through it, and where an entry ends is a branch too, so
// the priority order of two entries that can both match is RE2's.
std::string PcreListPattern(const std::vector<std::string>& entries, bool case_sensitive);

class PlacementScratch {
 public:
  // `match_limit` bounds PCRE2's backtracking per placement (tests lower it).
  explicit PlacementScratch(uint32_t match_limit = 1'000'000);
  ~PlacementScratch();
  PlacementScratch(const PlacementScratch&) = delete;
  PlacementScratch& operator=(const PlacementScratch&) = delete;

 private:
  friend class GroupPlacer;
  pcre2_real_match_data_8* match_data_ = nullptr;
  pcre2_real_match_context_8* context_ = nullptr;
  pcre2_real_jit_stack_8* jit_stack_ = nullptr;
  size_t end_ = 0;  // where the match being placed must end (the end callout)
};

class GroupPlacer {
 public:
  // `pcre_pattern` is ToPcreSyntax's translation of `re`'s pattern (word
  // lists may be written as PcreListPattern tries).  Fails when PCRE2
  // refuses it or counts other groups than RE2.
  static Result<std::unique_ptr<GroupPlacer>> Create(const RE2& re, std::string_view pcre_pattern,
                                                     bool looks_past_end);
  ~GroupPlacer();
  GroupPlacer(const GroupPlacer&) = delete;
  GroupPlacer& operator=(const GroupPlacer&) = delete;

  // Places groups 0..n-1 of `re` for the match [begin, end) of `text` that
  // RE2 found (byte offsets; "^", "$" and "\b" see the whole of `text`):
  // groups[i] as RE2::Match(text, begin, end, ANCHOR_BOTH, groups, n) would
  // set it.  False when there is no such match.
  bool Place(re2::StringPiece text, size_t begin, size_t end, re2::StringPiece* groups, int n,
             PlacementScratch* scratch) const;

 private:
  GroupPlacer(const RE2& re, pcre2_real_code_8* code, bool looks_past_end)
      : re_(re), code_(code), looks_past_end_(looks_past_end) {}

  const RE2& re_;
  pcre2_real_code_8* const code_;
  // Whether the match runs over the whole text, stopped at `end` by a
  // callout, or over the text cut at `end` (cheaper) with PCRE2 anchoring
  // the end.
  const bool looks_past_end_;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_PLACEMENT_H_
