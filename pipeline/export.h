// Export: where records (extract) and findings (audit) go: JSON Lines, CSV
// or SQLite, through one Sink interface.
//
// A Sink receives Begin(), then any number of Add(Record) and Add(Finding),
// then Finish().  Nothing reaches the destination for good before Finish()
// returns OK; a sink destroyed without a successful Finish (an error, an
// interrupted run) leaves the destination as it was: no half-written
// results (DESIGN.md, invariant 4):
//   jsonl, csv  through OutputFile: a temporary file beside the target,
//               renamed over it by Finish ("-" is standard output, written as
//               it goes; a path that is not a regular file is written
//               directly).
//   sqlite      when the target does not exist, the database is built in a
//               temporary file beside it and renamed over it by Finish.  When
//               it exists (a database solieu wrote), it is updated in ONE
//               transaction (BEGIN IMMEDIATE ... COMMIT): another reader sees
//               the old rows or the new, never a mix, and a failed run rolls
//               back.  Requires a file path (not "-").
//
// What a sink is opened for (SinkContent):
//   kRecords   `extract`: Add(Record) for every document; Add(Finding) is an
//              error.
//   kFindings  `audit`: Add(Finding) for every finding.  jsonl and csv ignore
//              Add(Record); sqlite stores the records too (the documents
//              audited: WantsRecords()), so one database holds documents,
//              entities, indicators and findings.
//
// Formats (output/SCHEMA.md documents every field):
//   jsonl   records: one line per document ("Record"); findings: one line
//           per finding ("Finding").
//   csv     RFC 4180: a header row, CRLF line ends, a field quoted (quotes
//           doubled) when it holds a comma, a quote, CR or LF; UTF-8.
//           records: one row per indicator (documents without indicators,
//           and error records, give no row), columns kRecordCsvColumns;
//           findings: one row per finding, columns kFindingCsvColumns,
//           `values`, `docs` and `evidence` as JSON arrays.
//   sqlite  schema below (PRAGMA user_version = 1).  Re-running never
//           duplicates rows: a document's row is replaced (INSERT OR
//           REPLACE on `doc`) and its entities and indicators deleted and
//           written again; an audit replaces the whole `findings` and
//           `finding_docs` tables (they hold the last audit's findings, `id`
//           numbering them in output order from 1).
//
//   documents   (doc PRIMARY KEY, error, encoding, confidence, chars, title,
//                url, published, published_from, source, byline, scope,
//                scope_level, scope_source, warnings JSON, captions JSON,
//                entity_count, indicator_count)
//   entities    (doc, idx, type, norm, text, value JSON, char_start, char_end,
//                byte_start, byte_end, sentence, rule; PRIMARY KEY (doc, idx))
//   indicators  (doc, idx, entity, kind, norm, text, value REAL, unit,
//                measure, role, qualifier, scope, scope_level, scope_source,
//                period, period_completed, period_source, baseline, target,
//                refs JSON, evidence, evidence_start, evidence_end,
//                byte_start, byte_end; PRIMARY KEY (doc, idx))
//   findings    (id PRIMARY KEY, kind, "check", scope, measure, period, role,
//                unit, baseline, key JSON, message, docs JSON, "values" JSON,
//                evidence JSON)
//   finding_docs (finding_id, doc; PRIMARY KEY (finding_id, doc))
//   indexes: indicators (scope, measure, period), (measure, period),
//            (period); entities (type, norm); finding_docs (doc).
//   Absent values are NULL.  `check` and `values` are SQL keywords: quote
//   them in queries.
//
// Thread safety: a Sink is used by one thread.
#ifndef SOLIEU_PIPELINE_EXPORT_H_
#define SOLIEU_PIPELINE_EXPORT_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/audit.h"
#include "pipeline/types.h"
#include "util/status.h"

namespace solieu {

enum class ExportFormat { kJsonl, kCsv, kSqlite };
enum class SinkContent { kRecords, kFindings };

// "jsonl", "csv", "sqlite"; false for anything else.
bool ParseExportFormat(std::string_view name, ExportFormat* format);

inline constexpr const char* kRecordCsvColumns =
    "doc,indicator,kind,norm,text,value,unit,measure,role,qualifier,scope,scope_level,period,"
    "period_completed,baseline,target,evidence,evidence_start,evidence_end,byte_start,byte_end,"
    "published,url,title";
inline constexpr const char* kFindingCsvColumns =
    "id,kind,check,scope,measure,period,role,unit,baseline,values,docs,message,evidence";

class Sink {
 public:
  virtual ~Sink() = default;
  // Opens the destination (the temporary file, the transaction).
  virtual Status Begin() = 0;
  // Begin, continuing the output an interrupted run left (util/output_file.h,
  // Resume): its lines are offered to `keep_line` in order.  Only JSON Lines
  // of records can be continued (one line per document); other sinks fail
  // (InvalidArgument).
  virtual Status BeginResumed(const std::function<bool(std::string_view line)>& keep_line);
  virtual Status Add(const Record& record) = 0;
  virtual Status Add(const Finding& finding) = 0;
  // Whether Render works: the format is bytes of its own per record (jsonl,
  // csv, not sqlite).
  virtual bool CanRender() const { return false; }
  // The bytes Add(record) would write, appended to `out` without touching
  // the sink, so that several threads may render records at once while one
  // writes them (extract renders on its workers).  REQUIRES: CanRender().
  virtual void Render(const Record& record, std::string* out) const;
  // Add(record), given what Render(record) appended.  REQUIRES: CanRender().
  virtual Status AddRendered(std::string_view rendered);
  // Makes everything added visible at the destination at once.
  virtual Status Finish() = 0;
  // Whether Add(Record) keeps anything: callers may skip building records.
  virtual bool WantsRecords() const = 0;
};

// A sink for `format` writing to `path` ("-": standard output, jsonl and csv
// only).  Fails (InvalidArgument) only on a bad combination; problems with
// the path itself come out of Begin().
Result<std::unique_ptr<Sink>> NewSink(ExportFormat format, SinkContent content, const std::string& path);

// One CSV field as RFC 4180 writes it.
std::string CsvField(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_EXPORT_H_
