// Extract: sentences of normalized text -> entities, by the rules.
//
// Per sentence, the RuleSet's gate says which rules can match; only those
// run, each over the whole sentence.  Every match is checked against its
// rule's bounds (no letter or digit glued to either end) and handed to its
// value builder; matches that build nothing are dropped.  Overlaps are then
// resolved deterministically: the longest span (in characters) wins, then the higher
// priority, then the earlier start, then the rule listed first.  Rules of
// type "block" win like any other and emit nothing: that is how a web
// address, a time of day or "Quốc lộ 14" keeps its digits to itself.
//
// Thread safety: an Extractor is immutable and shared; each thread passes its
// own ExtractScratch.
#ifndef SOLIEU_PIPELINE_EXTRACT_H_
#define SOLIEU_PIPELINE_EXTRACT_H_

#include <string_view>
#include <vector>

#include "pipeline/builders.h"
#include "pipeline/numbers.h"
#include "pipeline/rules.h"
#include "pipeline/types.h"

namespace solieu {

struct ExtractScratch {
  std::vector<int> fired;
  std::vector<re2::StringPiece> groups;
  std::vector<Draft> drafts;
  struct Candidate {
    size_t begin, end;
    size_t length;  // in code points: "longest" must not favour letters with diacritics
    int priority, rule;
    size_t first_draft, draft_count;
    bool deferred;  // groups not placed nor values built yet
  };
  std::vector<Candidate> candidates;
  std::vector<std::pair<size_t, size_t>> taken;
  // When non-empty (sized to the rule count), time spent per rule, in
  // nanoseconds, and how often the gate fired it: `solieu extract --profile-rules`.
  std::vector<int64_t> rule_nanos;
  std::vector<int64_t> rule_fired;
};

class Extractor {
 public:
  Extractor(const RuleSet& rules, RuleFamily family) : rules_(rules), family_(family) {}

  // Appends the entities of `sentences` (indices into it become
  // Entity::sentence) to `out`, in text order. Sentences of kind kMeta are
  // skipped.  Fails only when the gate runs out of memory.
  Status Extract(std::string_view text, const std::vector<Sentence>& sentences, NumberStyle style,
                 ExtractScratch* scratch, std::vector<Entity>* out) const;

 private:
  void MatchRule(std::string_view text, const Sentence& sentence, int rule_index,
                 const BuildContext& base, ExtractScratch* scratch) const;

  // Places the groups of a deferred candidate and builds its values;
  // whether it yields anything (a block always does).
  bool BuildCandidate(std::string_view text, const Sentence& sentence, const BuildContext& base,
                      ExtractScratch* scratch, ExtractScratch::Candidate* candidate) const;

  const RuleSet& rules_;
  const RuleFamily family_;
};

// Which digit convention the text plainly uses (reference D.1): English
// only when its evidence clearly outweighs the Vietnamese.
NumberStyle DetectNumberStyle(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_EXTRACT_H_
