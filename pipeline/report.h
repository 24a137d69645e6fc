// Report: Records (lines of `solieu extract` output) -> one self-contained
// HTML page for people who check figures.
//
// The page (a single file: inline CSS, inline JavaScript, no fonts, images
// or scripts from anywhere, and a Content-Security-Policy that forbids every
// fetch, so it opens offline and never calls out):
//   - a header with counts and a table of contents by scope;
//   - per scope (indicators grouped by Auditor::FoldScope of their scope,
//     findings by the scope of their key), in folded order:
//       * the audit's findings of that scope (pipeline/audit.h computes
//         them; nothing is re-judged here), each with all its evidence
//         sentences side by side, the figure marked, its value, and links
//         to the source (its url when it is http or https, else the
//         document's id) and to the figure in the document list;
//       * a timeline chart per measure: indicators with a value, a scope and
//         a period, grouped by folded measure (Auditor::FoldMeasure), role
//         and unit (the audit's unit: "count", "%", "pp", "ratio", the
//         currency, the unit of measure), x the period (PeriodSpan: a dot at
//         its end, a bar over its length), y the value; points that take
//         part in a finding are ringed.  A period whose year is unknown
//         (XXXX, not completed) has no place on the axis: such figures are
//         listed in the chart's data table only.  The y axis starts at 0
//         unless the values lie close together far from it (2.105 and
//         2.150): then their difference is what shows.  The charts are
//         drawn in the browser, as SVG, from a JSON block embedded in the
//         page; every chart also has a plain data table;
//       * the documents that give its figures;
//   - the document list: every document (sorted by `doc`) with its meta and
//     its evidence sentences, each figure and other entity highlighted where
//     its byte offsets put it (LocateInSentence), with its input bytes in
//     the highlight's title: every highlight points back to its place in the
//     original input.  Records do not carry the whole text, so only the
//     sentences that hold a figure are shown.
// When the page's script has run it sets, on <body>, data-report-status
// ("ok", or "error" when any script error occurred, listed in
// data-report-errors), data-charts (charts drawn), data-charts-deferred
// (charts past the first 300, drawn when scrolled near) and data-findings
// (findings listed): tests/report_browser_test.sh reads them in headless
// Chromium.  A page can also be narrowed to some kinds of finding, and its
// document list to the documents holding a text.
//
// Text from the records is never trusted: it is HTML-escaped everywhere
// (attributes included), the embedded JSON has `<`, `>` and `&` escaped so
// that "</script>" in a sentence cannot end its block, only http(s) urls
// become links, and element ids are generated, never taken from the input.
//
// The page is a function of the set of records and the options: documents,
// scopes, charts and points are sorted, and nothing but the records and the
// options enters it (no clock, no file name).
//
// Cost: every document's evidence sentences and figures are kept until
// Build, and the page holds them all.  2,000 synthetic documents of 10
// figures (bench/audit_bench.sh's generator, 18.7 MB of records): 1.9 s,
// 86 MiB peak RSS, a 26 MB page with 19,766 charts.  A browser is the
// limit, not memory: beyond some thousands of documents, report on a part.
//
// Thread safety: a ReportBuilder is used by one thread at a time; the free
// functions are reentrant.
#ifndef SOLIEU_PIPELINE_REPORT_H_
#define SOLIEU_PIPELINE_REPORT_H_

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/audit.h"
#include "util/status.h"

namespace solieu {

namespace report_internal {
struct Documents;  // defined in report.cc
}  // namespace report_internal

struct ReportOptions {
  std::string title = "solieu report";  // the page's <title> and heading
  AuditOptions audit;                   // passed to the Auditor
};

class ReportBuilder {
 public:
  explicit ReportBuilder(ReportOptions options = {});
  ~ReportBuilder();
  ReportBuilder(const ReportBuilder&) = delete;
  ReportBuilder& operator=(const ReportBuilder&) = delete;

  // Adds one record (one parsed line of extract output) to the page and to
  // the audit.  Returns Corrupt, and adds nothing, when `record` is not an
  // object with a string `doc` (Auditor::AddRecord).  A record whose `doc`
  // was already added is skipped (the first wins, as in the audit); an
  // error record is listed with its error.  Fields of the wrong type are
  // treated as absent, never an error.
  Status AddRecord(const nlohmann::ordered_json& record);

  // Runs the audit over the records added so far and returns the page
  // (UTF-8).  May be called more than once.
  Result<std::string> Build();

  // The audit's counts (documents, indicators, ...), complete after Build.
  const AuditStats& audit_stats() const { return auditor_.stats(); }

 private:
  ReportOptions options_;
  Auditor auditor_;
  std::unique_ptr<report_internal::Documents> documents_;
};

// A stretch of the original input as a record gives it: its text (UTF-8, as
// decoded) and its input bytes [byte_start, byte_end).
struct InputSpan {
  std::string_view text;
  uint64_t byte_start = 0, byte_end = 0;
};

// Where `figure` (an entity) sits inside `sentence` (its evidence), as a
// byte range [first, second) of sentence.text, or nullopt when it does not
// lie inside it.  Both spans' offsets are bytes of the original input, in
// the document's `encoding`: for utf-8 (with or without BOM) the distance
// from the sentence's first byte is the distance in the text; for utf-16le/be
// it counts UTF-16 code units, for windows-1258 code points.  The place so
// found is used when the text there is figure.text.  Otherwise (the 8-bit
// font encodings and viqr, whose characters take 1 to 3 bytes, a sentence
// with replaced invalid bytes, or offsets that do not agree with the text)
// the occurrence of figure.text nearest to the same relative position is
// taken.  A figure whose input bytes are not within the sentence's is never
// placed by its text alone: nullopt.
std::optional<std::pair<size_t, size_t>> LocateInSentence(const InputSpan& sentence,
                                                          const InputSpan& figure,
                                                          std::string_view encoding);

// The time a period or date norm (ANNOTATION.md) covers, in fractional
// years: "2020" is [2020, 2021), "2024-Q1" [2024, 2024.25), "2015/2020"
// [2015, 2021), "2020-06-30" the 182nd day of 2020.  nullopt when the norm
// has an unknown year (XXXX) or is not a norm.
struct TimeSpan {
  double begin = 0, end = 0;  // end > begin
};
std::optional<TimeSpan> PeriodSpan(std::string_view norm);

// `text` for HTML text or a quoted attribute value: & < > " ' escaped,
// bytes that are not valid UTF-8 and control characters other than tab,
// line feed and carriage return replaced by U+FFFD.
void AppendHtmlEscaped(std::string_view text, std::string* out);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_REPORT_H_
