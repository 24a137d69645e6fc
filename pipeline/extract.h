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

#include <span>
#include <string_view>
#include <vector>

#include "pipeline/builders.h"
#include "pipeline/numbers.h"
#include "pipeline/placement.h"
#include "pipeline/rules.h"
#include "pipeline/types.h"

namespace solieu {

struct ExtractScratch {
  std::vector<int> fired;
  std::vector<re2::StringPiece> groups;
  PlacementScratch placement;
  std::vector<Draft> drafts;
  // Where the gate fired a rule: a sentence of a job (ExtractGroup).
  struct Hit {
    int job, sentence;
  };
  // Indexed by rule, each in text order: the rules then run one after the
  // other, each over all its sentences, without sorting the hits.
  std::vector<std::vector<Hit>> hits_by_rule;
  struct Candidate {
    int job, sentence;
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

// One document of a group (Extractor::ExtractGroup).
struct ExtractJob {
  std::string_view text;
  const std::vector<Sentence>* sentences = nullptr;
  NumberStyle style = NumberStyle::kVietnamese;
  std::vector<Entity>* out = nullptr;  // replaced by the document's entities
  Status status;  // not ok when the gate ran out of memory; `out` is then empty
};

class Extractor {
 public:
  Extractor(const RuleSet& rules, RuleFamily family) : rules_(rules), family_(family) {}

  // Replaces each job's `out` with the entities of its sentences (indices
  // into them become Entity::sentence), in text order.  Sentences of kind
  // kMeta are skipped.  A job fails (its `status`) only when the gate runs
  // out of memory.  Every sentence is gated first, then each rule runs over
  // all the sentences it fired in, in a row: its automaton then stays in the
  // CPU's caches.  The entities do not depend on which jobs share a group.
  void ExtractGroup(std::span<ExtractJob> jobs, ExtractScratch* scratch) const;

 private:
  void MatchRule(int rule_index, const ExtractJob& job, const ExtractScratch::Hit& hit,
                 ExtractScratch* scratch) const;

  // Resolves the overlaps of candidates [first, last), all of one sentence
  // of `job`, and appends the winners' entities to its `out` in text order.
  void ResolveSentence(const ExtractJob& job, size_t first, size_t last,
                       ExtractScratch* scratch) const;

  // Places every group of `rule` for its match [begin, end) of
  // `sentence_text` into scratch->groups, as RE2 would.
  bool PlaceGroups(const Rule& rule, re2::StringPiece sentence_text, size_t begin, size_t end,
                   ExtractScratch* scratch) const;

  // Places the groups of a deferred candidate and builds its values;
  // whether it yields anything (a block always does).
  bool BuildCandidate(const ExtractJob& job, const Sentence& sentence, ExtractScratch* scratch,
                      ExtractScratch::Candidate* candidate) const;
  // The same, its time added to the rule's (--profile-rules): reading the
  // clock for every candidate costs when nobody asked.
  bool TimedBuildCandidate(const ExtractJob& job, const Sentence& sentence,
                           ExtractScratch* scratch, ExtractScratch::Candidate* candidate) const;

  const RuleSet& rules_;
  const RuleFamily family_;
};

// Which digit convention the text plainly uses (reference D.1): English
// only when its evidence clearly outweighs the Vietnamese.
NumberStyle DetectNumberStyle(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_EXTRACT_H_
