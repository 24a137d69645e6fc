// Link: entities, segments and metadata -> document meta and indicators.
//
// One indicator per reported figure (count, percent, money, quantity,
// ratio), with what makes it comparable across documents
// (../shared/eval/INDICATORS.md): what is measured, its role, the place or
// organization it belongs to, the time it refers to, the baseline of a
// change, the figure an attainment qualifies, the documents cited beside it
// and the sentence that says it.
//
// All of it is read from the text with cue lists kept as data in rules/
// (lists/role_cues_*.tsv, lists/measure_*.txt) and place rules
// (rules/place.rules); the decisions, in order:
//   role     a cue after the figure ("so với kế hoạch" -> attainment), else
//            the nearest cue before it in its clause ("tăng" -> change,
//            "chiếm" -> share, "phấn đấu" -> target), else the type's default;
//   measure  the subject before the clause's verb, cleaned of connectives,
//            times and places; for counts, the counted noun; an attainment
//            or change without its own subject takes its figure's measure;
//   scope    the nearest place named before the figure in its sentence
//            (outside parentheses; a specific place over the whole country),
//            else after it, else the paragraph's, else the document's;
//   period   the nearest date or period in its sentence that is not a
//            document's issue date nor a baseline ("so với cùng kỳ năm
//            2023"), else the time a previous sentence of the paragraph
//            opened with, else the document's; partial dates are completed
//            from the publication date in `completed`, never in `norm`.
//
// Thread safety: a Linker is immutable and shared; each thread passes its
// own ExtractScratch to FindPlaces.
#ifndef SOLIEU_PIPELINE_LINK_H_
#define SOLIEU_PIPELINE_LINK_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/extract.h"
#include "pipeline/places.h"
#include "pipeline/rules.h"
#include "pipeline/types.h"

namespace solieu {

struct LinkInput {
  std::string_view text;  // normalized
  const std::vector<Paragraph>* paragraphs = nullptr;
  const std::vector<Sentence>* sentences = nullptr;
  const InputMeta* given = nullptr;  // may be null
  const std::vector<Entity>* places = nullptr;  // what FindPlaces found in `text`
  LocateFn locate;
};

struct LinkCues;  // the cue lists, read once (link.cc)

class Linker {
 public:
  // The cue lists are read from `rules` (lists ROLE_*, MEASURE_*,
  // LEVEL_REFERENCES, PROVINCES, DISTRICTS); a missing list reads as empty.
  static Result<std::unique_ptr<Linker>> Create(const RuleSet& rules);

  // For each job, the places mentioned in its text, found with the place
  // rules sentence by sentence (like entities), in text order, into its
  // `out`, for LinkInput::places.  A step of its own so that a caller can
  // run it over many documents in a row: each place rule then runs over all
  // their sentences at once.
  void FindPlaces(std::span<ExtractJob> jobs, ExtractScratch* scratch) const;

  // Fills record->meta and record->indicators from record->entities, which
  // must be in text order and carry their normalized-text spans.
  void Link(const LinkInput& input, Record* record) const;

 private:
  explicit Linker(const RuleSet& rules);

  const RuleSet& rules_;
  Extractor places_;
  UrlGazetteer urls_;
  std::shared_ptr<const LinkCues> cues_;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_LINK_H_
