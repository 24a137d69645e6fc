// Emit: Records and Findings -> JSON Lines (output/SCHEMA.md documents the
// format), and back.
//
// One line per document, in input order; a document that could not be read
// is one line {"doc": ..., "error": ...}.  One line per audit finding.
// Written with the streaming JsonWriter; tests read every line back with
// nlohmann/json.  ParseRecord reads a record line back (for `solieu audit`,
// which loads what extract wrote).  The sinks of export.h write through
// these functions; nothing here touches a file.
#ifndef SOLIEU_PIPELINE_EMIT_H_
#define SOLIEU_PIPELINE_EMIT_H_

#include <nlohmann/json_fwd.hpp>

#include <string>

#include "pipeline/audit.h"
#include "pipeline/types.h"
#include "util/json_writer.h"
#include "util/status.h"

namespace solieu {

// Appends the record's line, with its trailing newline, to `out`.
void AppendRecordLine(const Record& record, std::string* out);

// Appends one entity as a JSON object (for `solieu parse`, one per line).
void AppendEntityLine(const Entity& entity, std::string* out);

void WriteEntity(const Entity& entity, JsonWriter* w);

// The figure of an entity as a dashboard reads it, as in an indicator's
// `value`, `unit` and `qualifier` (SCHEMA.md, "Indicator").
struct Figure {
  std::string value;      // a JSON number literal; empty when the entity gives none
  std::string unit;       // empty when none
  std::string qualifier;  // empty when none
};
Figure FigureOf(const Entity& entity);

// The entity's `value` fields as one JSON object.
std::string EntityValueJson(const Entity& entity);

// Appends one finding's line (SCHEMA.md, "Finding"), with its newline.
void AppendFindingLine(const Finding& finding, std::string* out);
void WriteFindingKey(const FindingKey& key, JsonWriter* w);
void WriteFindingEvidence(const FindingEvidence& evidence, JsonWriter* w);

// Appends a few readable lines about one finding (`audit --summary`).
void AppendFindingText(const Finding& finding, std::string* out);

// Reads one parsed line of extract output back into `record` (cleared
// first): the inverse of AppendRecordLine (parsed as ordered_json, so that
// the fields of an entity's value keep their order).
// Returns Corrupt when the line is not a record or an error record, or when
// an indicator's `entity` is not in its `entities` (a sink could not write
// it); other fields of a wrong type are left empty rather than refused.
Status ParseRecord(const nlohmann::ordered_json& line, Record* record);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_EMIT_H_
