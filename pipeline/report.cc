#include "pipeline/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "util/json_writer.h"
#include "util/text.h"
#include "util/utf8.h"

namespace solieu {

namespace report_internal {

// An evidence sentence of a document, as its records give it.
struct Sentence {
  std::string text;
  uint64_t byte_start = 0, byte_end = 0;
};

// An indicator: the fields the page shows, and where its entity is.
struct Figure {
  int index = -1;     // in the record's `indicators`
  int sentence = -1;  // in Document::sentences; -1 when it has none
  std::string kind, text, unit, measure, role, qualifier, baseline;
  std::string scope;                      // the scope's name as written
  std::string period, period_completed;   // norms
  bool has_value = false;
  double value = 0;
  bool has_bytes = false;                 // its entity was found in `entities`
  uint64_t byte_start = 0, byte_end = 0;  // the entity's input bytes
};

// An entity that is no figure (a date, a period, a docref) inside one of the
// evidence sentences: highlighted too, in another style.
struct Mention {
  std::string type, text, norm;
  int sentence = -1;
  uint64_t byte_start = 0, byte_end = 0;
};

struct Document {
  std::string doc, error;
  std::string url, title, published, encoding, scope;
  std::vector<Sentence> sentences;  // by byte_start
  std::vector<Figure> figures;      // in record order
  std::vector<Mention> mentions;    // in record order
};

struct Documents {
  std::vector<Document> list;  // in the order added
  std::unordered_set<std::string> seen;
};

}  // namespace report_internal

using report_internal::Document;
using report_internal::Figure;
using report_internal::Mention;
using report_internal::Sentence;

// ---------------------------------------------------------------------------
// Free functions.

void AppendHtmlEscaped(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out->append("&amp;"); break;
        case '<': out->append("&lt;"); break;
        case '>': out->append("&gt;"); break;
        case '"': out->append("&quot;"); break;
        case '\'': out->append("&#39;"); break;
        case '\t': case '\n': case '\r': out->push_back(static_cast<char>(c)); break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out->append("\xEF\xBF\xBD");
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    if (!d.valid || (d.cp >= 0x80 && d.cp < 0xA0)) {
      out->append("\xEF\xBF\xBD");
    } else {
      out->append(text.substr(i, d.length));
    }
    i += d.length;
  }
}

namespace {

std::string Escaped(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(text, &out);
  return out;
}

// The byte offset in `text` after `count` characters as the input counted
// them (UTF-16 code units when `utf16`, else code points), or npos when
// `text` is shorter or the count ends inside a surrogate pair.
size_t AdvanceUnits(std::string_view text, uint64_t count, bool utf16) {
  size_t pos = 0;
  uint64_t seen = 0;
  while (seen < count) {
    if (pos >= text.size()) return std::string_view::npos;
    const utf8::Decoded d = utf8::DecodeAt(text, pos);
    seen += utf16 && d.cp > 0xFFFF ? 2 : 1;
    pos += d.length;
  }
  return seen == count ? pos : std::string_view::npos;
}

}  // namespace

std::optional<std::pair<size_t, size_t>> LocateInSentence(const InputSpan& sentence,
                                                          const InputSpan& figure,
                                                          std::string_view encoding) {
  const std::string_view text = sentence.text, needle = figure.text;
  if (needle.empty() || needle.size() > text.size()) return std::nullopt;
  if (figure.byte_start < sentence.byte_start || figure.byte_end > sentence.byte_end ||
      figure.byte_start > figure.byte_end) {
    return std::nullopt;
  }
  const uint64_t delta = figure.byte_start - sentence.byte_start;
  size_t at = std::string_view::npos;
  if (encoding == "utf-8" || encoding == "utf-8-bom") {
    at = delta <= text.size() ? static_cast<size_t>(delta) : std::string_view::npos;
  } else if (encoding == "utf-16le" || encoding == "utf-16be") {
    if (delta % 2 == 0) at = AdvanceUnits(text, delta / 2, true);
  } else if (encoding == "windows-1258") {
    at = AdvanceUnits(text, delta, false);
  }
  if (at != std::string_view::npos && text.compare(at, needle.size(), needle) == 0) {
    return std::make_pair(at, at + needle.size());
  }
  // The occurrence nearest to where the offsets put it, in proportion.
  const uint64_t input_length = sentence.byte_end - sentence.byte_start;
  const double estimate =
      input_length == 0 ? 0 : static_cast<double>(delta) * static_cast<double>(text.size()) / input_length;
  size_t best = std::string_view::npos;
  double best_distance = 0;
  for (size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) {
    const double distance = std::fabs(static_cast<double>(p) - estimate);
    if (best == std::string_view::npos || distance < best_distance) {
      best = p;
      best_distance = distance;
    }
  }
  if (best == std::string_view::npos) return std::nullopt;
  return std::make_pair(best, best + needle.size());
}

namespace {

// Reads `digits` ASCII digits at text[*pos]; false when they are not there.
bool ReadNumber(std::string_view text, size_t* pos, size_t digits, int* value) {
  if (*pos + digits > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += digits;
  *value = v;
  return true;
}

bool LeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && LeapYear(year) ? 29 : kDays[month - 1];
}

// One date-like norm without "/": YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn,
// YYYY-Hn, YYYY-Wnn.
std::optional<TimeSpan> SingleSpan(std::string_view norm) {
  size_t pos = 0;
  int year = 0;
  if (!ReadNumber(norm, &pos, 4, &year)) return std::nullopt;
  if (pos == norm.size()) return TimeSpan{static_cast<double>(year), year + 1.0};
  if (norm[pos] != '-' || pos + 1 >= norm.size()) return std::nullopt;
  ++pos;
  const char tag = norm[pos];
  int n = 0;
  if (tag == 'Q' || tag == 'H' || tag == 'W') {
    ++pos;
    const size_t digits = norm.size() - pos;
    if (digits < 1 || digits > 2 || !ReadNumber(norm, &pos, digits, &n)) return std::nullopt;
    const int parts = tag == 'Q' ? 4 : tag == 'H' ? 2 : 53;
    if (n < 1 || n > parts) return std::nullopt;
    if (tag == 'W') {
      // Weeks as sevenths of 365 days: the axis is in years, a day either
      // way is below what a chart shows.
      return TimeSpan{year + (n - 1) * 7 / 365.0, year + std::min(1.0, n * 7 / 365.0)};
    }
    return TimeSpan{year + static_cast<double>(n - 1) / parts, year + static_cast<double>(n) / parts};
  }
  int month = 0;
  if (!ReadNumber(norm, &pos, 2, &month) || month < 1 || month > 12) return std::nullopt;
  if (pos == norm.size()) return TimeSpan{year + (month - 1) / 12.0, year + month / 12.0};
  int day = 0;
  if (norm[pos] != '-') return std::nullopt;
  ++pos;
  if (!ReadNumber(norm, &pos, 2, &day) || pos != norm.size()) return std::nullopt;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  int day_of_year = day;
  for (int m = 1; m < month; ++m) day_of_year += DaysInMonth(year, m);
  const double days = LeapYear(year) ? 366 : 365;
  return TimeSpan{year + (day_of_year - 1) / days, year + day_of_year / days};
}

}  // namespace

std::optional<TimeSpan> PeriodSpan(std::string_view norm) {
  const size_t slash = norm.find('/');
  if (slash == std::string_view::npos) return SingleSpan(norm);
  if (norm.find('/', slash + 1) != std::string_view::npos) return std::nullopt;
  const auto first = SingleSpan(norm.substr(0, slash));
  const auto last = SingleSpan(norm.substr(slash + 1));
  if (!first || !last || last->end <= first->begin) return std::nullopt;
  return TimeSpan{first->begin, last->end};
}

// ---------------------------------------------------------------------------
// Reading records.

namespace {

using Json = nlohmann::ordered_json;

const Json& Member(const Json& obj, const char* key) {
  static const Json* const kNull = new Json();
  if (!obj.is_object()) return *kNull;
  const auto it = obj.find(key);
  return it != obj.end() ? *it : *kNull;
}

std::string Str(const Json& obj, const char* key) {
  const Json& v = Member(obj, key);
  return v.is_string() ? v.get<std::string>() : "";
}

// A non-negative integer field; false when absent or of another type.
bool Offset(const Json& obj, const char* key, uint64_t* value) {
  const Json& v = Member(obj, key);
  if (v.is_number_unsigned()) {
    *value = v.get<uint64_t>();
    return true;
  }
  if (v.is_number_integer() && v.get<int64_t>() >= 0) {
    *value = static_cast<uint64_t>(v.get<int64_t>());
    return true;
  }
  return false;
}

Document ReadDocument(const Json& record) {
  Document d;
  d.doc = Str(record, "doc");
  if (record.contains("error")) {
    d.error = Str(record, "error");
    if (d.error.empty()) d.error = "error";
    return d;
  }
  d.encoding = Str(record, "encoding");
  const Json& meta = Member(record, "meta");
  d.url = Str(meta, "url");
  d.title = Str(meta, "title");
  d.published = Str(meta, "published");
  d.scope = Str(Member(meta, "scope"), "name");

  const Json& entities = Member(record, "entities");
  const size_t entity_count = entities.is_array() ? entities.size() : 0;
  std::vector<bool> is_figure(entity_count, false);
  // Sentences are shared by the figures of one sentence.
  std::map<std::tuple<uint64_t, uint64_t, std::string>, int> sentence_index;
  const Json& indicators = Member(record, "indicators");
  if (indicators.is_array()) {
    for (size_t k = 0; k < indicators.size(); ++k) {
      const Json& i = indicators[k];
      if (!i.is_object()) continue;
      Figure f;
      f.index = static_cast<int>(k);
      f.kind = Str(i, "kind");
      f.text = Str(i, "text");
      f.unit = Str(i, "unit");
      f.measure = Str(i, "measure");
      f.role = Str(i, "role");
      f.qualifier = Str(i, "qualifier");
      f.baseline = Str(i, "baseline");
      f.scope = Str(Member(i, "scope"), "name");
      f.period = Str(Member(i, "period"), "norm");
      f.period_completed = Str(Member(i, "period"), "completed");
      if (const Json& v = Member(i, "value"); v.is_number()) {
        f.value = v.get<double>();
        f.has_value = std::isfinite(f.value);
      }
      if (const Json& e = Member(i, "entity"); e.is_number_integer()) {
        const int64_t at = e.get<int64_t>();
        if (at >= 0 && static_cast<size_t>(at) < entity_count) {
          const Json& entity = entities[static_cast<size_t>(at)];
          f.has_bytes = Offset(entity, "byte_start", &f.byte_start) && Offset(entity, "byte_end", &f.byte_end);
          if (f.text.empty()) f.text = Str(entity, "text");
          is_figure[static_cast<size_t>(at)] = true;
        }
      }
      const Json& evidence = Member(i, "evidence");
      Sentence s;
      s.text = Str(evidence, "text");
      if (!s.text.empty() && Offset(evidence, "byte_start", &s.byte_start) &&
          Offset(evidence, "byte_end", &s.byte_end) && s.byte_start <= s.byte_end) {
        auto [it, added] = sentence_index.try_emplace({s.byte_start, s.byte_end, s.text},
                                                      static_cast<int>(d.sentences.size()));
        if (added) d.sentences.push_back(std::move(s));
        f.sentence = it->second;
      }
      d.figures.push_back(std::move(f));
    }
  }

  // Sentences in text order; figures re-pointed.
  std::vector<int> order(d.sentences.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const Sentence &x = d.sentences[a], &y = d.sentences[b];
    return std::tie(x.byte_start, x.byte_end, x.text) < std::tie(y.byte_start, y.byte_end, y.text);
  });
  std::vector<int> new_index(order.size());
  std::vector<Sentence> sorted;
  sorted.reserve(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = static_cast<int>(i);
    sorted.push_back(std::move(d.sentences[order[i]]));
  }
  d.sentences = std::move(sorted);
  for (Figure& f : d.figures) {
    if (f.sentence >= 0) f.sentence = new_index[f.sentence];
  }

  // Other entities, when they lie inside a sentence shown.
  for (size_t k = 0; k < entity_count && !d.sentences.empty(); ++k) {
    if (is_figure[k]) continue;
    const Json& e = entities[k];
    Mention m;
    m.type = Str(e, "type");
    m.text = Str(e, "text");
    m.norm = Str(e, "norm");
    if (m.text.empty() || !Offset(e, "byte_start", &m.byte_start) || !Offset(e, "byte_end", &m.byte_end)) {
      continue;
    }
    // The sentence that holds it: looking back from the last one starting
    // at or before it.  Sentences do not overlap in extract output; in a
    // record that says they do, a few steps back are enough to try.
    auto it = std::upper_bound(d.sentences.begin(), d.sentences.end(), m.byte_start,
                               [](uint64_t at, const Sentence& s) { return at < s.byte_start; });
    for (int steps = 0; it != d.sentences.begin() && steps < 8; ++steps) {
      --it;
      if (m.byte_end <= it->byte_end) {
        m.sentence = static_cast<int>(it - d.sentences.begin());
        break;
      }
    }
    if (m.sentence >= 0) d.mentions.push_back(std::move(m));
  }
  return d;
}

}  // namespace

ReportBuilder::ReportBuilder(ReportOptions options)
    : options_(std::move(options)),
      auditor_(options_.audit),
      documents_(std::make_unique<report_internal::Documents>()) {}

ReportBuilder::~ReportBuilder() = default;

Status ReportBuilder::AddRecord(const nlohmann::ordered_json& record) {
  if (Status s = auditor_.AddRecord(record); !s.ok()) return s;
  const std::string doc = Str(record, "doc");
  if (!documents_->seen.insert(doc).second) return Status::Ok();
  documents_->list.push_back(ReadDocument(record));
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Building the page.

namespace {

constexpr int kConflict = 1, kCorroboration = 2, kInconsistency = 4;

int KindBit(const std::string& kind) {
  return kind == "conflict" ? kConflict : kind == "corroboration" ? kCorroboration : kInconsistency;
}

// The audit's unit key (pipeline/audit.h, THE KEY): what a value is in.
std::string UnitKey(const Figure& f) {
  if (f.kind == "count") return "count";
  if (f.kind == "ratio") return "ratio";
  if (f.kind == "percent") return f.unit == "pp" ? "pp" : "%";
  if (f.kind == "quantity") return ToLower(f.unit);
  return f.unit;
}

// The most frequent of the names counted; the smallest among equals.
std::string MostCommon(const std::map<std::string, int>& counts) {
  std::string best;
  int best_count = 0;
  for (const auto& [name, count] : counts) {
    if (count > best_count) {
      best = name;
      best_count = count;
    }
  }
  return best;
}

std::string Number(double value) { return NumberLiteral(value); }

// "1 finding", "2 findings".
std::string Count(size_t n, std::string_view noun) {
  std::string out = std::to_string(n) + " ";
  out += noun;
  if (n != 1) out += "s";
  return out;
}

bool IsWebAddress(const std::string& url) {
  auto starts = [&](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != scheme[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

// A highlight inside a sentence: bytes [begin, end) of its text, wrapped in
// `open` ... `close`.
struct Highlight {
  size_t begin = 0, end = 0;
  std::string open;
  const char* close = "</mark>";
};

// `text` escaped with the highlights inserted; overlapping highlights after
// the first are dropped (entities never overlap; a located copy might).
void AppendHighlighted(std::string_view text, std::vector<Highlight> highlights, std::string* out) {
  std::sort(highlights.begin(), highlights.end(), [](const Highlight& a, const Highlight& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  size_t at = 0;
  for (const Highlight& h : highlights) {
    if (h.begin < at || h.end > text.size() || h.begin >= h.end) continue;
    AppendHtmlEscaped(text.substr(at, h.begin - at), out);
    out->append(h.open);
    AppendHtmlEscaped(text.substr(h.begin, h.end - h.begin), out);
    out->append(h.close);
    at = h.end;
  }
  AppendHtmlEscaped(text.substr(at), out);
}

std::string BytesText(uint64_t start, uint64_t end) {
  return std::to_string(start) + "-" + std::to_string(end);
}

// One chart: the figures of one scope, measure, role and unit.
struct Point {
  int doc = 0;  // position in the sorted document list
  const Figure* figure = nullptr;
  std::string period;            // the completed norm, else the norm
  std::optional<TimeSpan> span;  // nullopt: not on the axis
};

struct Series {
  std::string measure_key, role, unit_key;      // folded measure, role, the audit's unit
  std::map<std::string, int> measures, units;  // as written, counted
  std::vector<Point> points;
  std::string id;  // "chart-N", given when rendered
};

struct ScopeGroup {
  std::map<std::string, int> names;  // as written, counted
  // Keyed by folded measure, role, unit key.
  std::map<std::tuple<std::string, std::string, std::string>, Series> series;
  std::vector<int> findings;  // indexes into the findings
  std::set<int> docs;         // positions in the sorted document list
};

class PageWriter {
 public:
  PageWriter(const ReportOptions& options, const std::vector<const Document*>& docs,
             const std::vector<Finding>& findings, const AuditStats& stats)
      : options_(options), docs_(docs), findings_(findings), stats_(stats) {
    for (size_t i = 0; i < docs_.size(); ++i) doc_position_.emplace(docs_[i]->doc, static_cast<int>(i));
    Group();
  }

  std::string Write() {
    std::string out;
    out.reserve(1 << 16);
    Head(&out);
    Header(&out);
    out += "<main>\n";
    Controls(&out);
    int scope_number = 0;
    for (auto& [key, group] : scopes_) ScopeSection(++scope_number, key, group, &out);
    DocumentList(&out);
    out += "</main>\n";
    DataBlock(&out);
    out += "<script>\n";
    out += kScript;
    out += "</script>\n</body>\n</html>\n";
    return out;
  }

 private:
  // Figures into scopes and series; findings into scopes; finding marks on
  // the figures they rest on.
  void Group() {
    for (size_t f = 0; f < findings_.size(); ++f) {
      const Finding& finding = findings_[f];
      for (const FindingEvidence& e : finding.evidence) {
        auto it = doc_position_.find(e.doc);
        if (it == doc_position_.end()) continue;
        const auto key = std::make_pair(it->second, e.indicator);
        marks_[key] |= KindBit(finding.kind);
        auto& list = findings_of_[key];
        if (list.empty() || list.back() != static_cast<int>(f)) list.push_back(static_cast<int>(f));
      }
    }
    for (size_t p = 0; p < docs_.size(); ++p) {
      for (const Figure& f : docs_[p]->figures) {
        const std::string period = f.period_completed.empty() ? f.period : f.period_completed;
        if (!f.has_value || f.scope.empty() || period.empty()) continue;
        ScopeGroup& group = scopes_[Auditor::FoldScope(f.scope)];
        group.names[f.scope]++;
        group.docs.insert(static_cast<int>(p));
        const std::string measure_key = Auditor::FoldMeasure(f.measure, f.kind == "count");
        Series& series = group.series[{measure_key, f.role, UnitKey(f)}];
        series.measure_key = measure_key;
        series.role = f.role;
        series.unit_key = UnitKey(f);
        series.measures[f.measure]++;
        series.units[f.kind == "count" ? f.unit : UnitKey(f)]++;
        series.points.push_back({static_cast<int>(p), &f, period, PeriodSpan(period)});
      }
    }
    for (size_t f = 0; f < findings_.size(); ++f) {
      const Finding& finding = findings_[f];
      ScopeGroup& group = scopes_[finding.key.scope];
      group.findings.push_back(static_cast<int>(f));
      for (const FindingEvidence& e : finding.evidence) {
        if (!e.scope.empty()) group.names[e.scope]++;
        auto it = doc_position_.find(e.doc);
        if (it != doc_position_.end()) group.docs.insert(it->second);
      }
    }
    for (auto& [key, group] : scopes_) {
      for (auto& [series_key, series] : group.series) {
        std::sort(series.points.begin(), series.points.end(), [](const Point& a, const Point& b) {
          const double ax = a.span ? a.span->end : 1e18, bx = b.span ? b.span->end : 1e18;
          return std::tie(ax, a.figure->value, a.doc, a.figure->index) <
                 std::tie(bx, b.figure->value, b.doc, b.figure->index);
        });
      }
    }
  }

  std::string DocName(const Document& d) const { return d.title.empty() ? d.doc : d.title; }
  std::string FigureAnchor(int doc, int indicator) const {
    return "d" + std::to_string(doc) + "-i" + std::to_string(indicator);
  }

  void Head(std::string* out) const {
    *out +=
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing may be fetched: the page is whole, and a hostile text that
        // got past the escaping could not call out either.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"generator\" content=\"solieu report\">\n<title>";
    AppendHtmlEscaped(options_.title, out);
    *out += "</title>\n<style>\n";
    *out += kStyle;
    *out += "</style>\n<script>\n";
    *out += kErrorTrap;
    *out += "</script>\n</head>\n<body data-report-status=\"loading\">\n";
  }

  void Header(std::string* out) const {
    int kinds[3] = {0, 0, 0};
    for (const Finding& f : findings_) {
      kinds[f.kind == "conflict" ? 0 : f.kind == "corroboration" ? 1 : 2]++;
    }
    size_t figures = 0;
    for (const Document* d : docs_) figures += d->figures.size();
    *out += "<header>\n<h1>";
    AppendHtmlEscaped(options_.title, out);
    *out += "</h1>\n<p class=\"summary\">" + Count(docs_.size(), "document") + ", " + Count(figures, "figure") +
            ", " + Count(findings_.size(), "finding") + " (" + Count(kinds[0], "conflict") + ", " +
            Count(kinds[1], "corroboration") + ", " + std::to_string(kinds[2]) +
            (kinds[2] == 1 ? " inconsistency" : " inconsistencies") + "); audit tolerance " +
            Number(options_.audit.tolerance * 100) + "%";
    if (stats_.error_records) *out += "; " + Count(stats_.error_records, "unreadable document");
    *out += "</p>\n<nav id=\"toc\">\n<h2>Contents</h2>\n<ol>\n";
    int number = 0;
    for (const auto& [key, group] : scopes_) {
      *out += "<li><a href=\"#scope-" + std::to_string(++number) + "\">";
      AppendHtmlEscaped(ScopeName(key, group), out);
      *out += "</a> <span class=\"counts\">" + Count(group.findings.size(), "finding") + ", " +
              Count(group.series.size(), "chart") + ", " + Count(group.docs.size(), "document") + "</span></li>\n";
    }
    *out += "<li><a href=\"#documents\">Documents</a> <span class=\"counts\">" + std::to_string(docs_.size()) +
            "</span></li>\n</ol>\n</nav>\n</header>\n";
    if (docs_.empty()) *out += "<p class=\"empty\">No documents: nothing to report.</p>\n";
  }

  static std::string ScopeName(const std::string& key, const ScopeGroup& group) {
    std::string name = MostCommon(group.names);
    if (name.empty()) name = key;
    if (name.empty()) name = "(no scope)";
    return name;
  }

  void Controls(std::string* out) const {
    if (docs_.empty()) return;
    *out +=
        // Not a <form>: Enter in the search box must not try to submit.
        "<div class=\"controls\" role=\"search\">\n"
        "<span>Show findings:</span>\n"
        "<label><input type=\"checkbox\" data-kind=\"conflict\" checked> conflicts</label>\n"
        "<label><input type=\"checkbox\" data-kind=\"corroboration\" checked> corroborations</label>\n"
        "<label><input type=\"checkbox\" data-kind=\"inconsistency\" checked> inconsistencies</label>\n"
        "<label>Filter documents: <input type=\"search\" id=\"doc-filter\" placeholder=\"text, title, figure\"></label>\n"
        "</div>\n";
  }

  void ScopeSection(int number, const std::string& key, ScopeGroup& group, std::string* out) {
    *out += "<section class=\"scope\" id=\"scope-" + std::to_string(number) + "\">\n<h2>";
    AppendHtmlEscaped(ScopeName(key, group), out);
    *out += "</h2>\n";
    // Charts with the most points first: those are the timelines.
    std::vector<Series*> series;
    for (auto& [k, s] : group.series) series.push_back(&s);
    std::stable_sort(series.begin(), series.end(),
                     [](const Series* a, const Series* b) { return a->points.size() > b->points.size(); });
    // Findings first: they are what a reader checks; the charts put them in
    // their time.
    if (!group.findings.empty()) {
      *out += "<h3>Findings</h3>\n<ol class=\"findings\">\n";
      for (int f : group.findings) FindingItem(f, out);
      *out += "</ol>\n";
    }
    if (!series.empty()) {
      *out += "<h3>Figures over time</h3>\n<div class=\"charts\">\n";
      for (Series* s : series) Chart(s, out);
      *out += "</div>\n";
    }
    *out += "<h3>Documents of this scope</h3>\n<ul class=\"scope-docs\">\n";
    for (int p : group.docs) {
      *out += "<li><a href=\"#d" + std::to_string(p) + "\">";
      AppendHtmlEscaped(DocName(*docs_[p]), out);
      *out += "</a> <code>";
      AppendHtmlEscaped(docs_[p]->doc, out);
      *out += "</code></li>\n";
    }
    *out += "</ul>\n</section>\n";
  }

  void Chart(Series* s, std::string* out) {
    s->id = "chart-" + std::to_string(charts_.size() + 1);
    charts_.push_back(s);
    std::string measure = MostCommon(s->measures);
    if (measure.empty()) measure = s->measure_key.empty() ? "(measure not stated)" : s->measure_key;
    std::string unit = MostCommon(s->units);
    if (unit.empty()) unit = s->unit_key;
    size_t placed = 0;
    for (const Point& p : s->points) placed += p.span.has_value();
    *out += "<figure class=\"chart\" id=\"" + s->id + "\">\n<figcaption><b>";
    AppendHtmlEscaped(measure, out);
    *out += "</b> <span class=\"role\">";
    AppendHtmlEscaped(s->role, out);
    *out += "</span> <span class=\"unit\">";
    AppendHtmlEscaped(unit, out);
    *out += "</span></figcaption>\n";
    if (placed > 0) {
      *out += "<div class=\"plot\" data-chart=\"" + s->id + "\" aria-label=\"";
      AppendHtmlEscaped(measure + " (" + unit + ")", out);
      *out += "\"></div>\n";
    }
    if (placed < s->points.size()) {
      *out += "<p class=\"note\">" + Count(s->points.size() - placed, "figure") +
              " with a period of unknown year: in the table only.</p>\n";
    }
    *out += "<details><summary>" + Count(s->points.size(), "figure") + "</summary>\n<table>\n<thead><tr><th>period</th><th>value</th><th>figure</th>"
            "<th>document</th></tr></thead>\n<tbody>\n";
    for (const Point& p : s->points) {
      const Figure& f = *p.figure;
      const int mark = MarkOf(p.doc, f.index);
      *out += "<tr" + std::string(mark & kConflict ? " class=\"in-conflict\"" : "") + "><td>";
      AppendHtmlEscaped(p.period, out);
      *out += "</td><td class=\"num\">" + Number(f.value) + "</td><td><a href=\"#" + FigureAnchor(p.doc, f.index) +
              "\">";
      AppendHtmlEscaped(f.text, out);
      *out += "</a></td><td>";
      AppendHtmlEscaped(DocName(*docs_[p.doc]), out);
      *out += "</td></tr>\n";
    }
    *out += "</tbody>\n</table>\n</details>\n</figure>\n";
  }

  int MarkOf(int doc, int indicator) const {
    auto it = marks_.find({doc, indicator});
    return it == marks_.end() ? 0 : it->second;
  }

  void FindingItem(int f, std::string* out) const {
    const Finding& finding = findings_[f];
    *out += "<li class=\"finding " + Escaped(finding.kind) + "\" id=\"finding-" + std::to_string(f + 1) +
            "\" data-kind=\"" + Escaped(finding.kind) + "\">\n<p class=\"fhead\"><span class=\"badge\">";
    AppendHtmlEscaped(finding.kind, out);
    *out += "</span> <code>";
    AppendHtmlEscaped(finding.check, out);
    *out += "</code> <span class=\"fkey\">";
    std::string key = finding.key.measure;
    for (const std::string* part : {&finding.key.period, &finding.key.role, &finding.key.unit, &finding.key.baseline}) {
      if (!part->empty()) key += " · " + *part;
    }
    AppendHtmlEscaped(key, out);
    *out += "</span></p>\n<p class=\"message\">";
    AppendHtmlEscaped(finding.message, out);
    *out += "</p>\n<p class=\"values\">values: ";
    for (size_t i = 0; i < finding.values.size(); ++i) {
      if (i) *out += ", ";
      *out += Number(finding.values[i]);
    }
    *out += "</p>\n<div class=\"evidence\">\n";
    for (const FindingEvidence& e : finding.evidence) EvidenceCard(e, finding.kind, out);
    *out += "</div>\n</li>\n";
  }

  // One evidence item: its value, its sentence with the figure marked, its
  // source.
  void EvidenceCard(const FindingEvidence& e, const std::string& finding_kind, std::string* out) const {
    *out += "<div class=\"ev\">\n<p class=\"ev-value\">" + Number(e.value) + "</p>\n<blockquote>";
    const auto it = doc_position_.find(e.doc);
    const int position = it == doc_position_.end() ? -1 : it->second;
    const Document* doc = position >= 0 ? docs_[position] : nullptr;
    const Figure* figure = nullptr;
    if (doc != nullptr) {
      for (const Figure& f : doc->figures) {
        if (f.index == e.indicator) figure = &f;
      }
    }
    std::vector<Highlight> highlights;
    std::optional<std::pair<size_t, size_t>> at;
    if (figure != nullptr && figure->sentence >= 0 && doc->sentences[figure->sentence].text == e.sentence) {
      const Sentence& s = doc->sentences[figure->sentence];
      at = LocateInSentence({s.text, s.byte_start, s.byte_end}, {e.text, e.byte_start, e.byte_end}, doc->encoding);
    } else if (const size_t p = e.sentence.find(e.text); !e.text.empty() && p != std::string::npos) {
      at = std::make_pair(p, p + e.text.size());  // no record to place it by: its first occurrence
    }
    if (at) {
      highlights.push_back({at->first, at->second,
                            "<mark class=\"fig in-" + Escaped(finding_kind) + "\" data-bytes=\"" + BytesText(e.byte_start, e.byte_end) +
                                "\" title=\"input bytes " + BytesText(e.byte_start, e.byte_end) + "\">"});
    }
    AppendHighlighted(e.sentence, std::move(highlights), out);
    *out += "</blockquote>\n<p class=\"src\">";
    if (!at) {
      *out += "figure <q>";
      AppendHtmlEscaped(e.text, out);
      *out += "</q> (input bytes " + BytesText(e.byte_start, e.byte_end) + ")<br>";
    }
    if (!e.measure.empty() || !e.scope.empty()) {
      AppendHtmlEscaped(e.measure, out);
      if (!e.measure.empty() && !e.scope.empty()) *out += ", ";
      AppendHtmlEscaped(e.scope, out);
      *out += "<br>";
    }
    SourceLink(e.url, e.title.empty() ? e.doc : e.title, out);
    *out += " <code>";
    AppendHtmlEscaped(e.doc, out);
    *out += "</code>";
    if (!e.published.empty()) {
      *out += " ";
      AppendHtmlEscaped(e.published, out);
    }
    if (figure != nullptr) {
      *out += " <a class=\"jump\" href=\"#" + FigureAnchor(position, e.indicator) + "\">in the document</a>";
    }
    *out += "</p>\n</div>\n";
  }

  // `name`, linked to `url` when it is a web address.
  static void SourceLink(const std::string& url, const std::string& name, std::string* out) {
    if (IsWebAddress(url)) {
      *out += "<a class=\"source\" href=\"";
      AppendHtmlEscaped(url, out);
      *out += "\" rel=\"noopener noreferrer\" target=\"_blank\">";
      AppendHtmlEscaped(name, out);
      *out += "</a>";
    } else {
      *out += "<span class=\"source\">";
      AppendHtmlEscaped(name, out);
      *out += "</span>";
      if (!url.empty()) {
        *out += " <span class=\"url\">";
        AppendHtmlEscaped(url, out);
        *out += "</span>";
      }
    }
  }

  void DocumentList(std::string* out) const {
    *out += "<section id=\"documents\">\n<h2>Documents</h2>\n";
    for (size_t p = 0; p < docs_.size(); ++p) DocumentItem(static_cast<int>(p), out);
    *out += "</section>\n";
  }

  void DocumentItem(int p, std::string* out) const {
    const Document& d = *docs_[p];
    *out += "<article class=\"doc\" id=\"d" + std::to_string(p) + "\">\n<h3>";
    SourceLink(d.url, DocName(d), out);
    *out += "</h3>\n<p class=\"docmeta\"><code>";
    AppendHtmlEscaped(d.doc, out);
    *out += "</code>";
    if (!d.error.empty()) {
      *out += " <span class=\"error\">could not be read: ";
      AppendHtmlEscaped(d.error, out);
      *out += "</span></p>\n</article>\n";
      return;
    }
    for (const std::string* field : {&d.published, &d.scope, &d.encoding}) {
      if (field->empty()) continue;
      *out += " · ";
      AppendHtmlEscaped(*field, out);
    }
    *out += " · " + Count(d.figures.size(), "figure") + "</p>\n";
    // The findings that involve it.
    std::set<int> findings;
    for (const Figure& f : d.figures) {
      auto it = findings_of_.find({p, f.index});
      if (it != findings_of_.end()) findings.insert(it->second.begin(), it->second.end());
    }
    if (!findings.empty()) {
      *out += "<p class=\"docfindings\">Findings:";
      for (int f : findings) {
        *out += " <a class=\"" + Escaped(findings_[f].kind) + "\" href=\"#finding-" + std::to_string(f + 1) + "\">";
        AppendHtmlEscaped(findings_[f].kind, out);
        *out += " " + std::to_string(f + 1) + "</a>";
      }
      *out += "</p>\n";
    }
    // Sentences with their highlights; figures that could not be placed.
    std::vector<std::vector<Highlight>> highlights(d.sentences.size());
    std::vector<const Figure*> unplaced;
    for (const Figure& f : d.figures) {
      std::optional<std::pair<size_t, size_t>> at;
      if (f.sentence >= 0 && f.has_bytes) {
        const Sentence& s = d.sentences[f.sentence];
        at = LocateInSentence({s.text, s.byte_start, s.byte_end}, {f.text, f.byte_start, f.byte_end}, d.encoding);
      }
      if (!at) {
        unplaced.push_back(&f);
        continue;
      }
      highlights[f.sentence].push_back({at->first, at->second, FigureMark(p, f)});
    }
    for (const Mention& m : d.mentions) {
      const Sentence& s = d.sentences[m.sentence];
      const auto at = LocateInSentence({s.text, s.byte_start, s.byte_end}, {m.text, m.byte_start, m.byte_end}, d.encoding);
      if (!at) continue;
      std::string open = "<span class=\"ent t-" + Escaped(m.type) + "\" data-bytes=\"" +
                         BytesText(m.byte_start, m.byte_end) + "\" title=\"";
      AppendHtmlEscaped(m.type + " " + m.norm + ", input bytes " + BytesText(m.byte_start, m.byte_end), &open);
      open += "\">";
      highlights[m.sentence].push_back({at->first, at->second, std::move(open), "</span>"});
    }
    if (!d.sentences.empty()) {
      *out += "<ol class=\"sentences\">\n";
      for (size_t s = 0; s < d.sentences.size(); ++s) {
        *out += "<li id=\"d" + std::to_string(p) + "-s" + std::to_string(s) + "\" data-bytes=\"" +
                BytesText(d.sentences[s].byte_start, d.sentences[s].byte_end) + "\">";
        AppendHighlighted(d.sentences[s].text, std::move(highlights[s]), out);
        *out += "</li>\n";
      }
      *out += "</ol>\n";
    }
    if (!unplaced.empty()) {
      *out += "<p class=\"note\">Figures not found in their sentence:</p>\n<ul class=\"unplaced\">\n";
      for (const Figure* f : unplaced) {
        *out += "<li>" + FigureMark(p, *f);
        AppendHtmlEscaped(f->text, out);
        *out += "</mark>";
        if (f->has_bytes) *out += " (input bytes " + BytesText(f->byte_start, f->byte_end) + ")";
        *out += "</li>\n";
      }
      *out += "</ul>\n";
    }
    *out += "</article>\n";
  }

  // The opening <mark> of a figure in the document list: its anchor, what
  // it is, where it is in the input.
  std::string FigureMark(int p, const Figure& f) const {
    const int mark = MarkOf(p, f.index);
    std::string open = "<mark class=\"fig k-" + Escaped(f.kind);
    if (mark & kConflict) open += " in-conflict";
    if (mark & kCorroboration) open += " in-corroboration";
    if (mark & kInconsistency) open += " in-inconsistency";
    open += "\" id=\"" + FigureAnchor(p, f.index) + "\"";
    if (f.has_bytes) open += " data-bytes=\"" + BytesText(f.byte_start, f.byte_end) + "\"";
    open += " title=\"";
    std::string title = f.kind;
    if (f.has_value) title += " " + Number(f.value);
    if (!f.unit.empty()) title += " " + f.unit;
    for (const std::string* part : {&f.measure, &f.role, &f.scope}) {
      if (!part->empty()) title += ", " + *part;
    }
    const std::string& period = f.period_completed.empty() ? f.period : f.period_completed;
    if (!period.empty()) title += ", " + period;
    if (f.has_bytes) title += "; input bytes " + BytesText(f.byte_start, f.byte_end);
    AppendHtmlEscaped(title, &open);
    open += "\">";
    return open;
  }

  // The charts' points, for the script; every string escaped for a
  // <script> block (JsonWriter, then < > & as \u escapes, which JSON reads
  // back as the same characters).
  void DataBlock(std::string* out) const {
    std::string json;
    JsonWriter w(&json);
    w.BeginObject();
    w.Key("charts");
    w.BeginObject();
    for (const Series* s : charts_) {
      w.Key(s->id);
      w.BeginObject();
      w.Key("points");
      w.BeginArray();
      std::map<int, int> colour;  // document -> colour, in order of first point
      for (const Point& p : s->points) {
        if (!p.span) continue;
        const Figure& f = *p.figure;
        colour.try_emplace(p.doc, static_cast<int>(colour.size()));
        w.BeginObject();
        w.Key("x0");
        w.Number(Number(p.span->begin));
        w.Key("x1");
        w.Number(Number(p.span->end));
        w.Key("y");
        w.Number(Number(f.value));
        w.Key("period");
        w.String(p.period);
        w.Key("text");
        w.String(f.text);
        w.Key("doc");
        w.String(DocName(*docs_[p.doc]));
        w.Key("href");
        w.String("#" + FigureAnchor(p.doc, f.index));
        w.Key("mark");
        w.Int(MarkOf(p.doc, f.index));
        w.Key("colour");
        w.Int(colour[p.doc]);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    *out += "<script type=\"application/json\" id=\"report-data\">";
    for (const char c : json) {
      switch (c) {
        case '<': *out += "\\u003c"; break;
        case '>': *out += "\\u003e"; break;
        case '&': *out += "\\u0026"; break;
        default: out->push_back(c);
      }
    }
    *out += "</script>\n";
  }

  static const char* const kStyle;
  static const char* const kErrorTrap;
  static const char* const kScript;

  const ReportOptions& options_;
  const std::vector<const Document*>& docs_;
  const std::vector<Finding>& findings_;
  const AuditStats& stats_;
  std::unordered_map<std::string, int> doc_position_;
  std::map<std::string, ScopeGroup> scopes_;  // by folded scope
  std::map<std::pair<int, int>, int> marks_;  // (document, indicator) -> finding kinds
  std::map<std::pair<int, int>, std::vector<int>> findings_of_;
  std::vector<const Series*> charts_;  // in page order
};

const char* const PageWriter::kStyle = R"css(
:root { --ink: #1d2330; --muted: #5b6472; --line: #d9dde5; --paper: #ffffff; --band: #f4f6f9;
        --conflict: #c62828; --corroboration: #2e7d32; --inconsistency: #b26a00; --mark: #fff1a8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
       color: var(--ink); background: var(--paper); }
header { background: var(--band); border-bottom: 1px solid var(--line); padding: 16px 24px; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 8px; color: var(--muted); }
main { padding: 0 24px 48px; max-width: 1400px; }
.summary, .counts, .note, .docmeta, .src, .role, .unit { color: var(--muted); }
#toc h2 { font-size: 16px; border: 0; margin: 10px 0 4px; }
#toc ol { margin: 0; padding-left: 22px; columns: 2 320px; }
.controls { position: sticky; top: 0; z-index: 2; background: var(--paper); border-bottom: 1px solid var(--line);
            padding: 8px 0; display: flex; gap: 14px; flex-wrap: wrap; align-items: center; }
.controls input[type=search] { width: 240px; padding: 3px 6px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 14px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
figcaption { font-size: 14px; }
.plot { aspect-ratio: 640 / 250; }
.plot svg { width: 100%; height: auto; display: block; }
.plot .axis { stroke: #9aa3b2; stroke-width: 1; }
.plot .grid { stroke: #eceef2; stroke-width: 1; }
.plot text { font-size: 11px; fill: var(--muted); }
.plot .span { stroke-width: 5; stroke-linecap: round; opacity: .3; }
.plot .trend { fill: none; stroke: #9aa3b2; stroke-width: 1.5; stroke-dasharray: 4 3; }
.plot circle { stroke: #fff; stroke-width: 1.5; }
.plot circle.in-conflict { stroke: var(--conflict); stroke-width: 3; }
.plot circle.in-corroboration { stroke: var(--corroboration); stroke-width: 3; }
table { border-collapse: collapse; font-size: 13px; margin-top: 6px; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 2px 6px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.in-conflict td { color: var(--conflict); }
ol.findings { padding-left: 0; list-style: none; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--inconsistency); border-radius: 6px;
           padding: 8px 12px; margin-bottom: 12px; }
.finding.conflict { border-left-color: var(--conflict); }
.finding.corroboration { border-left-color: var(--corroboration); }
.finding p { margin: 4px 0; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 12px;
         background: var(--inconsistency); text-transform: uppercase; letter-spacing: .03em; }
.conflict .badge { background: var(--conflict); }
.corroboration .badge { background: var(--corroboration); }
.evidence { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 10px; margin-top: 8px; }
.ev { background: var(--band); border-radius: 6px; padding: 8px 10px; }
.ev-value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 3px solid var(--line); }
mark { background: var(--mark); padding: 0 2px; border-radius: 3px; }
mark.in-conflict { background: #ffd0d0; outline: 1px solid var(--conflict); }
mark.in-corroboration { background: #d4f2d4; }
mark.in-inconsistency { background: #ffe2b8; }
mark:target { outline: 3px solid #3367d6; }
.ent { border-bottom: 2px dotted #7a8aa8; }
.ent.t-docref { border-bottom-color: #6a1b9a; }
article.doc { border-top: 1px solid var(--line); padding: 6px 0 10px; }
article.doc h3 { color: var(--ink); margin: 8px 0 0; }
ol.sentences { padding-left: 22px; margin: 6px 0; }
ol.sentences li:target { background: #eef3ff; }
.error { color: var(--conflict); }
.url { word-break: break-all; }
.docfindings a { margin-right: 6px; }
a.conflict { color: var(--conflict); }
[hidden] { display: none !important; }
/* Sections far off screen are not laid out until scrolled near: a page of
   thousands of documents opens in seconds instead of a minute. */
section.scope, article.doc { content-visibility: auto; contain-intrinsic-size: auto 800px; }
)css";

// Runs first: records every script error, so that a broken page says so
// (data-report-status) instead of silently drawing nothing.
const char* const PageWriter::kErrorTrap = R"js(
window.solieuErrors = [];
window.addEventListener('error', function (e) {
  window.solieuErrors.push(String(e && e.message ? e.message : 'error'));
  document.documentElement.setAttribute('data-report-errors', window.solieuErrors.join(' | '));
}, true);
)js";

const char* const PageWriter::kScript = R"js(
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 640, H = 250, L = 78, R = 16, T = 14, B = 34;
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  var CONFLICT = 1, CORROBORATION = 2, INCONSISTENCY = 4;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function niceStep(range, parts) {
    var raw = range / parts, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }
  function short(v) { return (Math.round(v * 100) / 100).toLocaleString('vi-VN'); }
  function fmt(v) {
    var a = Math.abs(v);
    if (a >= 1e9) return short(v / 1e9) + ' tỷ';
    if (a >= 1e6) return short(v / 1e6) + ' triệu';
    return v.toLocaleString('vi-VN', { maximumFractionDigits: 3 });
  }

  // One chart: a dot per figure at the end of its period, a bar over the
  // period, a dashed line through the median of each period.
  function draw(chart, host) {
    var pts = chart.points;
    if (!pts.length) return false;
    var x0 = Infinity, x1 = -Infinity, lo = Infinity, hi = -Infinity;
    pts.forEach(function (p) {
      x0 = Math.min(x0, p.x0); x1 = Math.max(x1, p.x1);
      lo = Math.min(lo, p.y); hi = Math.max(hi, p.y);
    });
    // From zero, unless the values are close together far from it (2.105
    // and 2.150 members): then the difference is what must show.
    var y0 = Math.min(0, lo), y1 = hi;
    if (lo > 0 && hi > lo && hi - lo < hi / 2) { y0 = lo - (hi - lo); y1 = hi + (hi - lo) / 2; }
    if (x1 - x0 < 1) { var mid = (x0 + x1) / 2; x0 = mid - 0.5; x1 = mid + 0.5; }
    var pad = (x1 - x0) * 0.04; x0 -= pad; x1 += pad;
    if (!(y1 > y0)) y1 = y0 + 1;
    var step = niceStep(y1 - y0, 4);
    y0 = Math.floor(y0 / step) * step; y1 = Math.ceil((y1 + (y1 - y0) * 0.05) / step) * step;
    function sx(x) { return L + (x - x0) / (x1 - x0) * (W - L - R); }
    function sy(y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); }

    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    svg.setAttribute('aria-label', host.getAttribute('aria-label') || 'chart');
    for (var y = y0; y <= y1 + step / 2; y += step) {
      el('line', { x1: L, x2: W - R, y1: sy(y), y2: sy(y), 'class': 'grid' }, svg);
      var t = el('text', { x: L - 6, y: sy(y) + 4, 'text-anchor': 'end' }, svg);
      t.textContent = fmt(y);
    }
    var years = x1 - x0, ystep = Math.max(1, niceStep(years, 6));
    for (var yr = Math.ceil(x0 / ystep) * ystep; yr <= x1; yr += ystep) {
      el('line', { x1: sx(yr), x2: sx(yr), y1: H - B, y2: H - B + 4, 'class': 'axis' }, svg);
      var lt = el('text', { x: sx(yr), y: H - B + 17, 'text-anchor': 'middle' }, svg);
      lt.textContent = String(Math.round(yr));
    }
    el('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, 'class': 'axis' }, svg);
    el('line', { x1: L, x2: L, y1: T, y2: H - B, 'class': 'axis' }, svg);

    var byX = {}, xs = [];
    pts.forEach(function (p) {
      var k = String(p.x1);
      if (!byX[k]) { byX[k] = []; xs.push(p.x1); }
      byX[k].push(p.y);
    });
    if (xs.length > 1) {
      xs.sort(function (a, b) { return a - b; });
      var d = xs.map(function (x, i) {
        var v = byX[String(x)].slice().sort(function (a, b) { return a - b; });
        var m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return (i ? 'L' : 'M') + sx(x).toFixed(1) + ' ' + sy(m).toFixed(1);
      }).join(' ');
      el('path', { d: d, 'class': 'trend' }, svg);
    }
    pts.forEach(function (p) {
      var colour = PALETTE[p.colour % PALETTE.length];
      if (sx(p.x1) - sx(p.x0) > 2) {
        el('line', { x1: sx(p.x0), x2: sx(p.x1), y1: sy(p.y), y2: sy(p.y), stroke: colour, 'class': 'span' }, svg);
      }
      var a = el('a', { href: p.href }, svg);
      var cls = (p.mark & CONFLICT ? 'in-conflict ' : '') + (p.mark & CORROBORATION ? 'in-corroboration' : '');
      var c = el('circle', { cx: sx(p.x1), cy: sy(p.y), r: 5, fill: colour, 'class': cls.trim() }, a);
      var title = el('title', {}, c);
      title.textContent = p.text + ' = ' + fmt(p.y) + ' (' + p.period + ')\n' + p.doc;
    });
    host.appendChild(svg);
    return true;
  }

  var body = document.body;
  try {
    var data = JSON.parse(document.getElementById('report-data').textContent);
    var drawHost = function (host) {
      var chart = data.charts[host.getAttribute('data-chart')];
      return !!chart && draw(chart, host);
    };
    // A page of thousands of charts would take minutes to draw at once:
    // past the first EAGER, a chart is drawn when it comes near the view.
    var EAGER = 300, drawn = 0, deferred = [];
    var hosts = document.querySelectorAll('.plot[data-chart]');
    for (var i = 0; i < hosts.length; i++) {
      if (i < EAGER) { if (drawHost(hosts[i])) drawn++; } else deferred.push(hosts[i]);
    }
    if (deferred.length && 'IntersectionObserver' in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          drawHost(entry.target);
        });
      }, { rootMargin: '800px 0px' });
      deferred.forEach(function (host) { observer.observe(host); });
    } else {
      deferred.forEach(function (host) { if (drawHost(host)) drawn++; });
      deferred = [];
    }
    body.setAttribute('data-charts', String(drawn));
    body.setAttribute('data-charts-deferred', String(deferred.length));
    body.setAttribute('data-findings', String(document.querySelectorAll('li.finding').length));

    var boxes = document.querySelectorAll('.controls input[data-kind]');
    function applyKinds() {
      var hide = {};
      for (var j = 0; j < boxes.length; j++) hide[boxes[j].getAttribute('data-kind')] = !boxes[j].checked;
      var items = document.querySelectorAll('li.finding');
      for (var k = 0; k < items.length; k++) items[k].hidden = !!hide[items[k].getAttribute('data-kind')];
    }
    for (var b = 0; b < boxes.length; b++) boxes[b].addEventListener('change', applyKinds);
    var filter = document.getElementById('doc-filter');
    if (filter) {
      filter.addEventListener('input', function () {
        var q = filter.value.normalize('NFC').toLowerCase().trim();
        var docs = document.querySelectorAll('article.doc');
        for (var k = 0; k < docs.length; k++) {
          docs[k].hidden = q !== '' && docs[k].textContent.normalize('NFC').toLowerCase().indexOf(q) < 0;
        }
      });
    }
  } catch (e) {
    window.solieuErrors.push(String(e && e.message ? e.message : e));
  }
  body.setAttribute('data-report-errors', window.solieuErrors.join(' | '));
  body.setAttribute('data-report-status', window.solieuErrors.length ? 'error' : 'ok');
})();
)js";

}  // namespace

Result<std::string> ReportBuilder::Build() {
  std::vector<Finding> findings;
  Status s = auditor_.Run([&](const Finding& f) {
    findings.push_back(f);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::vector<const Document*> docs;
  docs.reserve(documents_->list.size());
  for (const Document& d : documents_->list) docs.push_back(&d);
  std::sort(docs.begin(), docs.end(), [](const Document* a, const Document* b) { return a->doc < b->doc; });
  PageWriter writer(options_, docs, findings, auditor_.stats());
  return writer.Write();
}

}  // namespace solieu
