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

namespace {

const Field* FindField(const Entity& e, std::string_view key) {
  for (const Field& f : e.value) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

void StringOrNull(JsonWriter* w, const std::string& s) {
  if (s.empty()) w->Null();
  else w->String(s);
}

// The figure's number and unit as a dashboard reads them.
void WriteValueAndUnit(const Entity& e, JsonWriter* w) {
  const Field* number = nullptr;
  std::string unit;
  if (e.type == "count") {
    number = FindField(e, "value");
    if (const Field* u = FindField(e, "unit")) unit = u->text;
  } else if (e.type == "money") {
    number = FindField(e, "amount");
    if (const Field* c = FindField(e, "currency")) unit = c->text;
  } else if (e.type == "quantity") {
    number = FindField(e, "amount");
    if (const Field* u = FindField(e, "unit")) unit = u->text;
  } else if (e.type == "percent") {
    number = FindField(e, "value");
    if (number == nullptr) number = FindField(e, "low");
    unit = FindField(e, "points") ? "pp" : "%";
  } else if (e.type == "ratio") {
    const Field* num = FindField(e, "numerator");
    const Field* den = FindField(e, "denominator");
    w->Key("value");
    if (num && den && std::stod(den->text) != 0) w->Double(std::stod(num->text) / std::stod(den->text));
    else w->Null();
    w->Key("unit");
    const Field* u = FindField(e, "unit");
    StringOrNull(w, u ? u->text : "");
    return;
  }
  w->Key("value");
  if (number) w->Number(number->text);
  else w->Null();
  w->Key("unit");
  StringOrNull(w, unit);
}

void WriteScope(const Scope& s, JsonWriter* w) {
  if (s.name.empty()) {
    w->Null();
    return;
  }
  w->BeginObject();
  w->Key("name");
  w->String(s.name);
  w->Key("level");
  StringOrNull(w, s.level);
  w->Key("source");
  w->String(s.source);
  w->EndObject();
}

void WriteMeta(const DocumentMeta& m, JsonWriter* w) {
  w->BeginObject();
  w->Key("url");
  StringOrNull(w, m.url);
  w->Key("title");
  StringOrNull(w, m.title);
  w->Key("published");
  StringOrNull(w, m.published);
  w->Key("published_from");
  StringOrNull(w, m.published_from);
  w->Key("source");
  StringOrNull(w, m.source);
  w->Key("byline");
  StringOrNull(w, m.byline);
  w->Key("captions");
  w->BeginArray();
  for (const std::string& c : m.captions) w->String(c);
  w->EndArray();
  w->Key("scope");
  WriteScope(m.scope, w);
  w->EndObject();
}

void WriteIndicator(const Record& r, const Indicator& ind, JsonWriter* w) {
  const Entity& e = r.entities[ind.entity];
  w->BeginObject();
  w->Key("kind");
  w->String(e.type);
  w->Key("norm");
  w->String(e.norm);
  w->Key("text");
  w->String(e.text);
  WriteValueAndUnit(e, w);
  w->Key("measure");
  StringOrNull(w, ind.measure);
  w->Key("role");
  w->String(ind.role);
  w->Key("qualifier");
  const Field* q = FindField(e, "qualifier");
  StringOrNull(w, q ? q->text : "");
  w->Key("scope");
  WriteScope(ind.scope, w);
  w->Key("period");
  if (ind.period.norm.empty()) {
    w->Null();
  } else {
    w->BeginObject();
    w->Key("norm");
    w->String(ind.period.norm);
    w->Key("completed");
    StringOrNull(w, ind.period.completed);
    w->Key("source");
    w->String(ind.period.source);
    w->EndObject();
  }
  w->Key("baseline");
  StringOrNull(w, ind.baseline);
  w->Key("target");
  if (ind.target >= 0) w->Int(ind.target);
  else w->Null();
  w->Key("refs");
  w->BeginArray();
  for (const std::string& ref : ind.refs) w->String(ref);
  w->EndArray();
  w->Key("entity");
  w->Int(ind.entity);
  w->Key("evidence");
  w->BeginObject();
  w->Key("text");
  w->String(ind.evidence);
  w->Key("byte_start");
  w->Int(static_cast<int64_t>(ind.evidence_start));
  w->Key("byte_end");
  w->Int(static_cast<int64_t>(ind.evidence_end));
  w->EndObject();
  w->EndObject();
}

}  // namespace

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
  w.Key("meta");
  WriteMeta(r.meta, &w);
  w.Key("indicators");
  w.BeginArray();
  for (const Indicator& ind : r.indicators) WriteIndicator(r, ind, &w);
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
