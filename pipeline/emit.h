// Emit: Records -> JSON Lines (output/SCHEMA.md documents the format).
//
// One line per document, in input order; a document that could not be read
// is one line {"doc": ..., "error": ...}.  Written with the streaming
// JsonWriter; tests read every line back with nlohmann/json.
#ifndef SOLIEU_PIPELINE_EMIT_H_
#define SOLIEU_PIPELINE_EMIT_H_

#include <string>

#include "pipeline/types.h"
#include "util/json_writer.h"

namespace solieu {

// Appends the record's line, with its trailing newline, to `out`.
void AppendRecordLine(const Record& record, std::string* out);

// Appends one entity as a JSON object (for `solieu parse`, one per line).
void AppendEntityLine(const Entity& entity, std::string* out);

void WriteEntity(const Entity& entity, JsonWriter* w);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_EMIT_H_
