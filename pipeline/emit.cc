#include "pipeline/emit.h"

namespace solieu {

void WriteEntity(const Entity& e, JsonWriter* w) {
  w->BeginObject();
  w->Key("type");
  w->String(e.type);
  w->Key("text");
  w->String(e.text);
  w->Key("norm");
  w->String(e.norm);
  w->Key("value");
  w->BeginObject();
  for (const Field& f : e.value) {
    w->Key(f.key);
    switch (f.kind) {
      case Field::Kind::kString: w->String(f.text); break;
      case Field::Kind::kNumber: w->Number(f.text); break;
      case Field::Kind::kBool: w->Bool(f.text == "true"); break;
      case Field::Kind::kNull: w->Null(); break;
    }
  }
  w->EndObject();
  w->Key("start");
  w->Int(static_cast<int64_t>(e.start));
  w->Key("end");
  w->Int(static_cast<int64_t>(e.end));
  w->Key("byte_start");
  w->Int(static_cast<int64_t>(e.byte_start));
  w->Key("byte_end");
  w->Int(static_cast<int64_t>(e.byte_end));
  w->Key("sentence");
  w->Int(e.sentence);
  w->Key("rule");
  w->String(e.rule);
  w->EndObject();
}

void AppendRecordLine(const Record& r, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("doc");
  w.String(r.doc);
  if (!r.error.empty()) {
    w.Key("error");
    w.String(r.error);
    w.EndObject();
    out->push_back('\n');
    return;
  }
  w.Key("encoding");
  w.String(r.encoding);
  w.Key("confidence");
  w.Double(r.confidence);
  w.Key("chars");
  w.Int(static_cast<int64_t>(r.chars));
  w.Key("entities");
  w.BeginArray();
  for (const Entity& e : r.entities) WriteEntity(e, &w);
  w.EndArray();
  w.Key("warnings");
  w.BeginArray();
  for (const std::string& warning : r.warnings) w.String(warning);
  w.EndArray();
  w.EndObject();
  out->push_back('\n');
}

void AppendEntityLine(const Entity& entity, std::string* out) {
  JsonWriter w(out);
  WriteEntity(entity, &w);
  out->push_back('\n');
}

}  // namespace solieu
