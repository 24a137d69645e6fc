#include "pipeline/pipeline.h"

#include <algorithm>
#include <filesystem>

#include "pipeline/damage.h"
#include "pipeline/legacy.h"
#include "util/utf8.h"

namespace solieu {
namespace {

// Maps spans of the normalized text back to the decoded text (through the
// HTML stage's map when the input was a page) and to the input bytes.
class SpanMapper {
 public:
  SpanMapper(const Decoded& decoded, const Normalized& normalized, const OffsetMap* markup)
      : decoded_(decoded), normalized_(normalized), markup_(markup) {}

  // [begin, end) of the normalized text -> bytes of the decoded text.
  std::pair<size_t, size_t> ToDecoded(size_t begin, size_t end) const {
    size_t db = normalized_.DecodedStart(begin);
    size_t de = std::max(db, normalized_.DecodedEnd(end));
    if (markup_ != nullptr) {
      db = markup_->SourceStart(db);
      de = std::max(db, markup_->SourceEnd(de));
    }
    db = decoded_.repaired_to_text.SourceStart(db);  // font residue repairs (ingest.h)
    de = std::max(db, decoded_.repaired_to_text.SourceEnd(de));
    return {db, de};
  }

  OriginalSpan Locate(size_t begin, size_t end) const {
    const auto [db, de] = ToDecoded(begin, end);
    return {std::string(decoded_.text.substr(db, de - db)), decoded_.to_input.SourceStart(db),
            decoded_.to_input.SourceEnd(de)};
  }

  const Decoded& decoded() const { return decoded_; }

 private:
  const Decoded& decoded_;
  const Normalized& normalized_;
  const OffsetMap* markup_;
};

// Maps each entity from normalized-text bytes to the decoded text and the
// input, and copies its original text.
void Locate(const SpanMapper& mapper, std::vector<Entity>* entities) {
  const Decoded& decoded = mapper.decoded();
  std::vector<Entity*> order;
  order.reserve(entities->size());
  for (Entity& e : *entities) {
    const auto [db, de] = mapper.ToDecoded(e.match_begin, e.match_end);
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

// A page's publication time as a date norm: "2023-05-01T08:00:00+07:00" ->
// "2023-05-01"; "" for anything else.
std::string PublishedDate(std::string_view written) {
  if (written.size() < 10) return "";
  const std::string_view date = written.substr(0, 10);
  for (size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? date[i] != '-' : (date[i] < '0' || date[i] > '9')) return "";
  }
  return std::string(date);
}

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->options_ = options;
  // Legacy encoding tables, when the rules folder has them (rules/encodings).
  if (std::error_code ec; !p->options_.decode.legacy &&
                          std::filesystem::is_directory(options.rules_dir + "/encodings", ec)) {
    auto legacy = LegacyTables::Load(options.rules_dir + "/encodings");
    if (!legacy.ok()) return legacy.status();
    p->options_.decode.legacy = std::move(*legacy);
  }
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
  DocumentState* document = &w->document;
  if (!Read(bytes, given, w, document, record)) return;
  ExtractEntities(w, std::span(&document, 1), std::span(&record, 1));
  if (!record->error.empty()) return;
  FindPlaces(w, std::span(&document, 1));
  Link(document, record);
}

bool Pipeline::Read(std::string_view bytes, const InputMeta* given, Workspace* w,
                    DocumentState* d, Record* record) const {
  record->error.clear();
  record->entities.clear();
  record->warnings.clear();
  record->chars = 0;
  record->meta = DocumentMeta();
  record->indicators.clear();
  if (bytes.size() > options_.max_document_bytes) {
    record->error = "document of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                    std::to_string(options_.max_document_bytes) + " bytes (--max-doc-mb)";
    return false;
  }
  if (Status s = Decode(bytes, options_.decode, &d->decoded); !s.ok()) {
    record->error = s.message();
    return false;
  }
  record->encoding = d->decoded.encoding;
  record->confidence = d->decoded.confidence;
  record->warnings = d->decoded.warnings;
  record->chars = utf8::CountCodePoints(d->decoded.text);

  // A web page yields its readable text, and what its head says.
  std::string_view source = d->decoded.repaired;
  // What came with the document (--jsonl-in) wins over what its page says.
  d->meta = InputMeta();
  if (given != nullptr) {
    d->meta = *given;
    d->meta.published = PublishedDate(given->published);
    if (d->meta.published.empty() && !given->published.empty()) {
      record->warnings.push_back("the given publication date is not a date (YYYY-MM-DD...)");
    }
  }
  d->is_page = LooksLikeHtml(source);
  if (d->is_page) {
    if (Status s = ExtractHtmlText(source, &d->html); !s.ok()) {
      record->error = s.message();
      return false;
    }
    source = d->html.text;
    if (d->meta.title.empty()) d->meta.title = d->html.title;
    if (d->meta.published.empty()) d->meta.published = PublishedDate(d->html.published);
    record->warnings.push_back("read as an HTML page");
  }

  normalizer_->Normalize(source, &d->normalized);
  const std::string_view text = d->normalized.text;
  segmenter_->Segment(text, w->segment.get(), &d->paragraphs, &d->sentences);
  d->style = DetectNumberStyle(text);
  if (d->style == NumberStyle::kEnglish) {
    record->warnings.push_back("numbers read in the English convention (1,234.5)");
  }
  return true;
}

void Pipeline::ExtractEntities(Workspace* w, std::span<DocumentState* const> documents,
                               std::span<Record* const> records) const {
  w->jobs.clear();
  for (size_t i = 0; i < documents.size(); ++i) {
    const DocumentState* d = documents[i];
    w->jobs.push_back({d->normalized.text, &d->sentences, d->style, &records[i]->entities, {}});
  }
  extractor_->ExtractGroup(w->jobs, &w->extract);
  for (size_t i = 0; i < documents.size(); ++i) {
    if (!w->jobs[i].status.ok()) records[i]->error = w->jobs[i].status.message();
  }
}

void Pipeline::FindPlaces(Workspace* w, std::span<DocumentState* const> documents) const {
  w->jobs.clear();
  for (DocumentState* d : documents) {
    // No style: the Linker reads places in one convention whatever the text's.
    w->jobs.push_back({d->normalized.text, &d->sentences, {}, &d->places, {}});
  }
  linker_->FindPlaces(w->jobs, &w->extract);
}

void Pipeline::Link(DocumentState* d, Record* record) const {
  const std::string_view text = d->normalized.text;
  const SpanMapper mapper(d->decoded, d->normalized, d->is_page ? &d->html.to_source : nullptr);
  Locate(mapper, &record->entities);
  const LocateFn locate = [&mapper](size_t begin, size_t end) { return mapper.Locate(begin, end); };
  ReportDamage({text, d->normalized.styled, locate}, &record->warnings);

  LinkInput link;
  link.text = text;
  link.paragraphs = &d->paragraphs;
  link.sentences = &d->sentences;
  link.given = &d->meta;
  link.places = &d->places;
  link.locate = locate;
  linker_->Link(link, record);
}

}  // namespace solieu
