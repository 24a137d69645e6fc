// Pipeline: the stages chained for one document.
//
//   bytes -> ingest -> [html] -> normalize -> segment -> extract -> places -> locate -> link -> Record
//                                                                            `-> damage (warnings)
//
// A page (LooksLikeHtml) goes through the HTML stage: entities are found in
// its readable text and located in the page's own bytes, tags included.
//
// A Pipeline holds what is compiled once (normalizer, rules, segmenter,
// extractor) and is shared read-only by all threads; a Workspace holds one
// thread's reusable buffers, a DocumentState what one document carries from
// one step to the next (Read ... Link, below).  Process never fails as a whole: a document that
// cannot be read yields a Record with `error` set, and every other document
// goes on (DESIGN.md, invariant 2).
//
// Every entity leaves Process located in the original input: byte offsets
// into the input, code-point offsets into the decoded text, and `text`, the
// decoded original substring (never the normalized form).
#ifndef SOLIEU_PIPELINE_PIPELINE_H_
#define SOLIEU_PIPELINE_PIPELINE_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/extract.h"
#include "pipeline/html.h"
#include "pipeline/ingest.h"
#include "pipeline/link.h"
#include "pipeline/normalize.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"
#include "pipeline/types.h"

namespace solieu {

struct PipelineOptions {
  std::string rules_dir;
  RuleSetOptions rules;
  DecodeOptions decode;
  // Documents larger than this get an error record instead of results.
  size_t max_document_bytes = size_t{256} << 20;
};

// What one document carries from one step of Process to the next.
struct DocumentState {
  Decoded decoded;
  HtmlText html;  // when the input is a page
  bool is_page = false;
  Normalized normalized;
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Entity> places;
  InputMeta meta;
  NumberStyle style = NumberStyle::kVietnamese;
};

// One thread's buffers, reused from document to document.
struct Workspace {
  DocumentState document;  // Process's own
  std::unique_ptr<SegmentScratch> segment;
  ExtractScratch extract;
  std::vector<ExtractJob> jobs;  // one per document of the group in a step
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);

  std::unique_ptr<Workspace> NewWorkspace() const;

  // Fills `record` (whose `doc` the caller sets) from the document's bytes;
  // `given` is metadata that came with the document (may be null).
  // REQUIRES: `bytes` stays alive and unchanged during the call.
  void Process(std::string_view bytes, Workspace* workspace, Record* record,
               const InputMeta* given = nullptr) const;

  // Process in steps, for a caller that takes a group of documents through
  // each step before the next (cli/batch.h).  A step's automata then stay in
  // the CPU's caches rather than being evicted by the other steps' at every
  // document, and the rules run each over all the group's sentences in a
  // row.  Process(bytes, w, record, given) is Read, then ExtractEntities,
  // FindPlaces and Link on that one document while its record has no
  // error; a step that fails sets record->error (Read also returns false).
  // The records are the same whatever the grouping.
  bool Read(std::string_view bytes, const InputMeta* given, Workspace* workspace,
            DocumentState* document, Record* record) const;
  // documents[i]'s entities go to records[i].
  void ExtractEntities(Workspace* workspace, std::span<DocumentState* const> documents,
                       std::span<Record* const> records) const;
  void FindPlaces(Workspace* workspace, std::span<DocumentState* const> documents) const;
  void Link(DocumentState* document, Record* record) const;

  const RuleSet& rules() const { return *rules_; }
  const Normalizer& normalizer() const { return *normalizer_; }
  const Segmenter& segmenter() const { return *segmenter_; }

 private:
  Pipeline() = default;

  PipelineOptions options_;
  std::unique_ptr<Normalizer> normalizer_;
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<Segmenter> segmenter_;
  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<Linker> linker_;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_PIPELINE_H_
