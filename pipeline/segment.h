// Segment: normalized text -> paragraphs and sentences, each with a kind.
//
// Lines are joined into paragraphs where a line plainly continues the one
// before (no closing punctuation, and a lower-case start, a digit after a
// word, a dangling "-", "/" or ",", or a "%" opening the next line), so that a
// figure or a document symbol broken across lines ("16 -⏎HD/BTCTW", "12⏎%")
// stays in one sentence.
// Sentences come from ICU's sentence BreakIterator, then breaks after
// abbreviations (list ABBREVIATIONS: "TP.", "ThS.", "Q.") or inside numbers
// are undone.  A sentence longer than kMaxSentenceBytes is cut at spaces so
// that matching cost stays bounded.
//
// Paragraph kinds come from the rules of type "segment" (rules/segment.rules:
// captions, sources, chrome) and from position (title, lead, byline). A
// first line "url: ..." is metadata: nothing is extracted from it. A
// paragraph of 40 bytes or more that repeats an earlier one word for word is
// marked (Paragraph::duplicate_of): its figures are not counted twice.
//
// Thread safety: a Segmenter is immutable and shared; each thread passes
// its own SegmentScratch (it holds the ICU iterator, which is not
// thread-safe).
#ifndef SOLIEU_PIPELINE_SEGMENT_H_
#define SOLIEU_PIPELINE_SEGMENT_H_

#include <re2/set.h>
#include <unicode/brkiter.h>
#include <unicode/uniset.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/types.h"
#include "util/status.h"

namespace solieu {

inline constexpr size_t kMaxSentenceBytes = 16 * 1024;

// Paragraphs up to this size keep their UTF-16 buffers for the next one.
inline constexpr size_t kKeptParagraphBytes = size_t{1} << 20;

struct SegmentScratch {
  std::unique_ptr<icu::BreakIterator> breaker;
  const icu::UnicodeSet* sentence_ends = nullptr;  // the Segmenter's, see below
  std::u16string utf16;           // one paragraph, as ICU iterates it fastest
  std::vector<uint32_t> offsets;  // the byte each unit of utf16 starts at
  std::vector<size_t> breaks;     // sentence ends in that paragraph
};

// The byte offsets where ICU's sentence rules end the sentences of
// `paragraph` (valid UTF-8), in order, the last at paragraph.size(); line
// breaks read as spaces.  Breaks come only after sentence terminators and
// separators (UAX #29), and most of those settle by their neighbours alone
// ("đồng. Tổng", "1.234", "TP.HCM"); ICU runs only on the spans between
// settled breaks that hold one it must judge, each read as a text of its
// own, which gives the breaks ICU finds in the whole paragraph (segment_test
// checks).  ICU runs on a UTF-16 copy, where it takes half the instructions
// it takes on a UTF-8 UText, and gives the same breaks.  Empty input: none;
// if ICU fails, or the paragraph is past ICU's int32_t offsets (2 GiB), it is
// one sentence.
void FindSentenceBreaks(std::string_view paragraph, SegmentScratch* scratch);

class Segmenter {
 public:
  static Result<std::unique_ptr<Segmenter>> Create(const RuleSet& rules);

  std::unique_ptr<SegmentScratch> NewScratch() const;

  void Segment(std::string_view text, SegmentScratch* scratch, std::vector<Paragraph>* paragraphs,
               std::vector<Sentence>* sentences) const;

  // The kind the segment rules give one paragraph, or kBody.
  SegmentKind Classify(std::string_view paragraph) const;

 private:
  explicit Segmenter(const RuleSet& rules) : rules_(rules) {}
  bool EndsWithAbbreviation(std::string_view text) const;
  void CompileKinds();
  // The index into rules_.rules() of the rule that decides the kind, or -1.
  int DecidingRule(std::string_view paragraph) const;
  int DecidingRuleOneByOne(std::string_view paragraph) const;

  const RuleSet& rules_;
  // The segment rules as one RE2::Set, which finds all that match in one
  // pass (null when they do not share their options or do not fit in
  // memory: then each rule is matched in turn).
  std::unique_ptr<RE2::Set> kinds_;
  std::unique_ptr<icu::BreakIterator> prototype_;
  // The characters that may end a sentence: Sentence_Break ATerm, STerm, Sep.
  icu::UnicodeSet sentence_ends_;
  std::vector<std::string> abbreviations_;  // lower-cased, with their dot
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_SEGMENT_H_
