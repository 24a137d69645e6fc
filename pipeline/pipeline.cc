#include "pipeline/pipeline.h"

#include <algorithm>

#include "util/utf8.h"

namespace solieu {
namespace {

// Maps each entity from normalized-text bytes to the decoded text and the
// input, and copies its original text.
void Locate(const Decoded& decoded, const Normalized& normalized, std::vector<Entity>* entities) {
  std::vector<Entity*> order;
  order.reserve(entities->size());
  for (Entity& e : *entities) {
    const size_t db = normalized.DecodedStart(e.match_begin);
    const size_t de = std::max(db, normalized.DecodedEnd(e.match_end));
    e.byte_start = decoded.to_input.SourceStart(db);
    e.byte_end = decoded.to_input.SourceEnd(de);
    e.text.assign(decoded.text.substr(db, de - db));
    // start/end carry decoded byte offsets until the counting below.
    e.start = db;
    e.end = de;
    order.push_back(&e);
  }
  // Code points: one pass over the decoded text, visiting offsets in order.
  std::vector<std::pair<size_t, size_t*>> marks;
  marks.reserve(order.size() * 2);
  for (Entity* e : order) {
    marks.emplace_back(e->start, &e->start);
    marks.emplace_back(e->end, &e->end);
  }
  std::sort(marks.begin(), marks.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t byte = 0, cps = 0;
  for (auto& [offset, slot] : marks) {
    cps += utf8::CountCodePoints(decoded.text.substr(byte, offset - byte));
    byte = offset;
    *slot = cps;
  }
}

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->options_ = options;
  auto normalizer = Normalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  p->normalizer_ = std::move(*normalizer);
  auto rules = RuleSet::Load(options.rules_dir, *p->normalizer_, options.rules);
  if (!rules.ok()) return rules.status();
  p->rules_ = std::move(*rules);
  auto segmenter = Segmenter::Create(*p->rules_);
  if (!segmenter.ok()) return segmenter.status();
  p->segmenter_ = std::move(*segmenter);
  p->extractor_ = std::make_unique<Extractor>(*p->rules_, RuleFamily::kEntity);
  auto linker = Linker::Create(*p->rules_);
  if (!linker.ok()) return linker.status();
  p->linker_ = std::move(*linker);
  return p;
}

std::unique_ptr<Workspace> Pipeline::NewWorkspace() const {
  auto w = std::make_unique<Workspace>();
  w->segment = segmenter_->NewScratch();
  return w;
}

void Pipeline::Process(std::string_view bytes, Workspace* w, Record* record,
                       const InputMeta* given) const {
  record->error.clear();
  record->entities.clear();
  record->warnings.clear();
  record->chars = 0;
  record->meta = DocumentMeta();
  record->indicators.clear();
  if (bytes.size() > options_.max_document_bytes) {
    record->error = "document of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                    std::to_string(options_.max_document_bytes) + " bytes (--max-doc-mb)";
    return;
  }
  if (Status s = Decode(bytes, options_.decode, &w->decoded); !s.ok()) {
    record->error = s.message();
    return;
  }
  record->encoding = w->decoded.encoding;
  record->confidence = w->decoded.confidence;
  record->warnings = w->decoded.warnings;
  record->chars = utf8::CountCodePoints(w->decoded.text);

  normalizer_->Normalize(w->decoded.text, &w->normalized);
  const std::string_view text = w->normalized.text;
  segmenter_->Segment(text, w->segment.get(), &w->paragraphs, &w->sentences);
  const NumberStyle style = DetectNumberStyle(text);
  if (style == NumberStyle::kEnglish) {
    record->warnings.push_back("numbers read in the English convention (1,234.5)");
  }
  if (Status s = extractor_->Extract(text, w->sentences, style, &w->extract, &record->entities);
      !s.ok()) {
    record->error = s.message();
    record->entities.clear();
    return;
  }
  Locate(w->decoded, w->normalized, &record->entities);

  LinkInput link;
  link.text = text;
  link.paragraphs = &w->paragraphs;
  link.sentences = &w->sentences;
  link.given = given;
  const Decoded& decoded = w->decoded;
  const Normalized& normalized = w->normalized;
  link.locate = [&decoded, &normalized](size_t begin, size_t end) {
    const size_t db = normalized.DecodedStart(begin);
    const size_t de = std::max(db, normalized.DecodedEnd(end));
    return OriginalSpan{std::string(decoded.text.substr(db, de - db)), decoded.to_input.SourceStart(db),
                        decoded.to_input.SourceEnd(de)};
  };
  linker_->Link(link, &w->link, record);
}

}  // namespace solieu
