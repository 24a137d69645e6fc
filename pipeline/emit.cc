#include "pipeline/emit.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace solieu {

using namespace json_literals;

namespace {

void WriteFields(const Fields& fields, JsonWriter* w) {
  w->BeginObject();
  for (const Field& f : fields) {
    w->Key(f.key);
    switch (f.kind) {
      case Field::Kind::kString: w->String(f.text); break;
      case Field::Kind::kNumber: w->Number(f.text); break;
      case Field::Kind::kBool: w->Bool(f.text == "true"); break;
      case Field::Kind::kNull: w->Null(); break;
    }
  }
  w->EndObject();
}

}  // namespace

void WriteEntity(const Entity& e, JsonWriter* w) {
  w->BeginObject();
  w->Key("type"_key);
  w->String(e.type);
  w->Key("text"_key);
  w->String(e.text);
  w->Key("norm"_key);
  w->String(e.norm);
  w->Key("value"_key);
  WriteFields(e.value, w);
  w->Key("start"_key);
  w->Int(static_cast<int64_t>(e.start));
  w->Key("end"_key);
  w->Int(static_cast<int64_t>(e.end));
  w->Key("byte_start"_key);
  w->Int(static_cast<int64_t>(e.byte_start));
  w->Key("byte_end"_key);
  w->Int(static_cast<int64_t>(e.byte_end));
  w->Key("sentence"_key);
  w->Int(e.sentence);
  w->Key("rule"_key);
  w->String(e.rule);
  if (e.duplicate) {
    w->Key("duplicate"_key);
    w->Bool(true);
  }
  w->EndObject();
}

namespace {

bool ParseDouble(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && errno == 0 && std::isfinite(*value);
}

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
void WriteValueAndUnit(const Figure& figure, JsonWriter* w) {
  w->Key("value"_key);
  if (figure.value.empty()) w->Null();
  else w->Number(figure.value);
  w->Key("unit"_key);
  StringOrNull(w, figure.unit);
}

void WriteScope(const Scope& s, JsonWriter* w) {
  if (s.name.empty()) {
    w->Null();
    return;
  }
  w->BeginObject();
  w->Key("name"_key);
  w->String(s.name);
  w->Key("level"_key);
  StringOrNull(w, s.level);
  w->Key("source"_key);
  w->String(s.source);
  w->EndObject();
}

void WriteMeta(const DocumentMeta& m, JsonWriter* w) {
  w->BeginObject();
  w->Key("url"_key);
  StringOrNull(w, m.url);
  w->Key("title"_key);
  StringOrNull(w, m.title);
  w->Key("published"_key);
  StringOrNull(w, m.published);
  w->Key("published_from"_key);
  StringOrNull(w, m.published_from);
  w->Key("source"_key);
  StringOrNull(w, m.source);
  w->Key("byline"_key);
  StringOrNull(w, m.byline);
  w->Key("captions"_key);
  w->BeginArray();
  for (const std::string& c : m.captions) w->String(c);
  w->EndArray();
  w->Key("scope"_key);
  WriteScope(m.scope, w);
  w->EndObject();
}

void WriteIndicator(const Record& r, const Indicator& ind, JsonWriter* w) {
  const Entity& e = r.entities[ind.entity];
  const Figure figure = FigureOf(e);
  w->BeginObject();
  w->Key("kind"_key);
  w->String(e.type);
  w->Key("norm"_key);
  w->String(e.norm);
  w->Key("text"_key);
  w->String(e.text);
  WriteValueAndUnit(figure, w);
  w->Key("measure"_key);
  StringOrNull(w, ind.measure);
  w->Key("role"_key);
  w->String(ind.role);
  w->Key("qualifier"_key);
  StringOrNull(w, figure.qualifier);
  w->Key("scope"_key);
  WriteScope(ind.scope, w);
  w->Key("period"_key);
  if (ind.period.norm.empty()) {
    w->Null();
  } else {
    w->BeginObject();
    w->Key("norm"_key);
    w->String(ind.period.norm);
    w->Key("completed"_key);
    StringOrNull(w, ind.period.completed);
    w->Key("source"_key);
    w->String(ind.period.source);
    w->EndObject();
  }
  w->Key("baseline"_key);
  StringOrNull(w, ind.baseline);
  w->Key("target"_key);
  if (ind.target >= 0) w->Int(ind.target);
  else w->Null();
  w->Key("refs"_key);
  w->BeginArray();
  for (const std::string& ref : ind.refs) w->String(ref);
  w->EndArray();
  w->Key("entity"_key);
  w->Int(ind.entity);
  w->Key("evidence"_key);
  w->BeginObject();
  w->Key("text"_key);
  w->String(ind.evidence);
  w->Key("byte_start"_key);
  w->Int(static_cast<int64_t>(ind.evidence_start));
  w->Key("byte_end"_key);
  w->Int(static_cast<int64_t>(ind.evidence_end));
  w->EndObject();
  w->EndObject();
}

}  // namespace

Figure FigureOf(const Entity& e) {
  Figure figure;
  const Field* number = nullptr;
  if (e.type == "count") {
    number = FindField(e, "value");
    if (const Field* u = FindField(e, "unit")) figure.unit = u->text;
  } else if (e.type == "money") {
    number = FindField(e, "amount");
    if (const Field* c = FindField(e, "currency")) figure.unit = c->text;
  } else if (e.type == "quantity") {
    number = FindField(e, "amount");
    if (const Field* u = FindField(e, "unit")) figure.unit = u->text;
  } else if (e.type == "percent") {
    number = FindField(e, "value");
    if (number == nullptr) number = FindField(e, "low");
    figure.unit = FindField(e, "points") ? "pp" : "%";
  } else if (e.type == "ratio") {
    const Field* num = FindField(e, "numerator");
    const Field* den = FindField(e, "denominator");
    double a = 0, b = 0;
    // Fields read back from a file may hold anything: only numbers divide.
    if (num && den && ParseDouble(num->text, &a) && ParseDouble(den->text, &b) && b != 0) {
      // As JsonWriter::Double writes it, so that every output agrees.
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.6g", a / b);
      figure.value = buffer;
    }
    if (const Field* u = FindField(e, "unit")) figure.unit = u->text;
  }
  if (number != nullptr && number->kind == Field::Kind::kNumber) figure.value = number->text;
  if (const Field* q = FindField(e, "qualifier")) figure.qualifier = q->text;
  return figure;
}

std::string EntityValueJson(const Entity& e) {
  std::string out;
  JsonWriter w(&out);
  WriteFields(e.value, &w);
  return out;
}

namespace {

// About the size of a record's line, a little over: the strings it quotes,
// and for each entity and indicator its keys, numbers and small strings
// (140 and 330 bytes on average on c10).  Reserved once, a line of 200 KB
// is not copied again at each doubling of its buffer.
size_t LineSizeHint(const Record& r) {
  size_t size = 512 + r.doc.size() + r.meta.url.size() + r.meta.title.size() + r.meta.byline.size();
  for (const std::string& c : r.meta.captions) size += c.size() + 3;
  for (const std::string& w : r.warnings) size += w.size() + 3;
  for (const Entity& e : r.entities) {
    size += 180 + e.type.size() + e.text.size() + e.norm.size() + e.rule.size();
    for (const Field& f : e.value) size += f.key.size() + f.text.size() + 6;
  }
  for (const Indicator& ind : r.indicators) {
    const Entity& e = r.entities[ind.entity];
    size += 400 + e.type.size() + e.text.size() + 2 * e.norm.size() + ind.evidence.size() + ind.measure.size() +
            ind.scope.name.size();
  }
  return size;
}

}  // namespace

void AppendRecordLine(const Record& r, std::string* out) {
  out->reserve(out->size() + LineSizeHint(r));
  JsonWriter w(out);
  w.BeginObject();
  w.Key("doc"_key);
  w.String(r.doc);
  if (!r.error.empty()) {
    w.Key("error"_key);
    w.String(r.error);
    w.EndObject();
    out->push_back('\n');
    return;
  }
  w.Key("encoding"_key);
  w.String(r.encoding);
  w.Key("confidence"_key);
  w.Double(r.confidence);
  w.Key("chars"_key);
  w.Int(static_cast<int64_t>(r.chars));
  w.Key("entities"_key);
  w.BeginArray();
  for (const Entity& e : r.entities) WriteEntity(e, &w);
  w.EndArray();
  w.Key("warnings"_key);
  w.BeginArray();
  for (const std::string& warning : r.warnings) w.String(warning);
  w.EndArray();
  w.Key("meta"_key);
  WriteMeta(r.meta, &w);
  w.Key("indicators"_key);
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

// ---------------------------------------------------------------------------
// Findings.

void WriteFindingKey(const FindingKey& k, JsonWriter* w) {
  w->BeginObject();
  for (const auto& [name, value] : {std::pair<JsonKey, const std::string*>{"scope"_key, &k.scope},
                                    {"measure"_key, &k.measure},
                                    {"period"_key, &k.period},
                                    {"role"_key, &k.role},
                                    {"unit"_key, &k.unit},
                                    {"baseline"_key, &k.baseline}}) {
    w->Key(name);
    StringOrNull(w, *value);
  }
  w->EndObject();
}

void WriteFindingEvidence(const FindingEvidence& e, JsonWriter* w) {
  w->BeginObject();
  w->Key("doc"_key);
  w->String(e.doc);
  w->Key("url"_key);
  StringOrNull(w, e.url);
  w->Key("title"_key);
  StringOrNull(w, e.title);
  w->Key("published"_key);
  StringOrNull(w, e.published);
  w->Key("indicator"_key);
  w->Int(e.indicator);
  w->Key("text"_key);
  w->String(e.text);
  w->Key("value"_key);
  w->Number(NumberLiteral(e.value));
  w->Key("scope"_key);
  StringOrNull(w, e.scope);
  w->Key("measure"_key);
  StringOrNull(w, e.measure);
  w->Key("sentence"_key);
  w->String(e.sentence);
  w->Key("byte_start"_key);
  w->Int(static_cast<int64_t>(e.byte_start));
  w->Key("byte_end"_key);
  w->Int(static_cast<int64_t>(e.byte_end));
  w->EndObject();
}

void AppendFindingLine(const Finding& f, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("kind"_key);
  w.String(f.kind);
  w.Key("check"_key);
  w.String(f.check);
  w.Key("key"_key);
  WriteFindingKey(f.key, &w);
  w.Key("values"_key);
  w.BeginArray();
  for (double v : f.values) w.Number(NumberLiteral(v));
  w.EndArray();
  w.Key("docs"_key);
  w.BeginArray();
  for (const std::string& d : f.docs) w.String(d);
  w.EndArray();
  w.Key("evidence"_key);
  w.BeginArray();
  for (const FindingEvidence& e : f.evidence) WriteFindingEvidence(e, &w);
  w.EndArray();
  w.Key("message"_key);
  w.String(f.message);
  w.EndObject();
  out->push_back('\n');
}

void AppendFindingText(const Finding& f, std::string* out) {
  std::string kind = f.kind;
  for (char& c : kind) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  out->append(kind + " (" + f.check + "): " + f.message + "\n");
  for (const FindingEvidence& e : f.evidence) {
    out->append("  " + NumberLiteral(e.value) + "  " + e.doc);
    std::string source;
    if (!e.title.empty()) source = e.title;
    if (!e.published.empty()) source += (source.empty() ? "" : ", ") + e.published;
    if (!source.empty()) out->append(" (" + source + ")");
    out->append("\n    \"" + e.text + "\" in: " + e.sentence + "\n");
  }
}

// ---------------------------------------------------------------------------
// Reading a record line back.

namespace {

using Json = nlohmann::ordered_json;

std::string Str(const Json& obj, const char* key) {
  if (!obj.is_object()) return "";
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t Int(const Json& obj, const char* key, int64_t fallback) {
  if (!obj.is_object()) return fallback;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

const Json& Member(const Json& obj, const char* key) {
  static const Json* const kNull = new Json();
  if (!obj.is_object()) return *kNull;
  const auto it = obj.find(key);
  return it != obj.end() ? *it : *kNull;
}

Scope ParseScope(const Json& j) {
  Scope s;
  s.name = Str(j, "name");
  s.level = Str(j, "level");
  s.source = Str(j, "source");
  return s;
}

size_t Offset(const Json& obj, const char* key) {
  return static_cast<size_t>(std::max<int64_t>(0, Int(obj, key, 0)));
}

}  // namespace

Status ParseRecord(const Json& line, Record* r) {
  *r = Record();
  if (!line.is_object()) return Status::Corrupt("a record line is not a JSON object");
  const auto doc = line.find("doc");
  if (doc == line.end() || !doc->is_string()) return Status::Corrupt("a record line has no string \"doc\"");
  r->doc = doc->get<std::string>();
  r->error = Str(line, "error");
  if (line.contains("error")) {
    if (r->error.empty()) r->error = "error";
    return Status::Ok();
  }
  r->encoding = Str(line, "encoding");
  if (const Json& c = Member(line, "confidence"); c.is_number()) r->confidence = c.get<double>();
  r->chars = Offset(line, "chars");
  for (const Json& e : Member(line, "entities")) {
    Entity entity;
    entity.type = Str(e, "type");
    entity.norm = Str(e, "norm");
    entity.text = Str(e, "text");
    entity.rule = Str(e, "rule");
    entity.sentence = static_cast<int>(Int(e, "sentence", -1));
    entity.start = Offset(e, "start");
    entity.end = Offset(e, "end");
    entity.byte_start = Offset(e, "byte_start");
    entity.byte_end = Offset(e, "byte_end");
    if (const Json& d = Member(e, "duplicate"); d.is_boolean()) entity.duplicate = d.get<bool>();
    const Json& value = Member(e, "value");
    if (value.is_object()) {
      for (const auto& [key, v] : value.items()) {
        if (v.is_string()) entity.value.push_back(StringField(key, v.get<std::string>()));
        else if (v.is_number()) entity.value.push_back(NumberField(key, v.dump()));
        else if (v.is_boolean()) entity.value.push_back(BoolField(key, v.get<bool>()));
        else entity.value.push_back({key, Field::Kind::kNull, ""});
      }
    }
    r->entities.push_back(std::move(entity));
  }
  for (const Json& w : Member(line, "warnings")) {
    if (w.is_string()) r->warnings.push_back(w.get<std::string>());
  }
  const Json& meta = Member(line, "meta");
  r->meta.url = Str(meta, "url");
  r->meta.title = Str(meta, "title");
  r->meta.published = Str(meta, "published");
  r->meta.published_from = Str(meta, "published_from");
  r->meta.source = Str(meta, "source");
  r->meta.byline = Str(meta, "byline");
  for (const Json& c : Member(meta, "captions")) {
    if (c.is_string()) r->meta.captions.push_back(c.get<std::string>());
  }
  r->meta.scope = ParseScope(Member(meta, "scope"));
  for (const Json& i : Member(line, "indicators")) {
    Indicator ind;
    ind.entity = static_cast<int>(Int(i, "entity", -1));
    if (ind.entity < 0 || static_cast<size_t>(ind.entity) >= r->entities.size()) {
      return Status::Corrupt(r->doc + ": an indicator's entity is not in its entities");
    }
    ind.measure = Str(i, "measure");
    ind.role = Str(i, "role");
    ind.scope = ParseScope(Member(i, "scope"));
    const Json& period = Member(i, "period");
    ind.period.norm = Str(period, "norm");
    ind.period.completed = Str(period, "completed");
    ind.period.source = Str(period, "source");
    ind.baseline = Str(i, "baseline");
    ind.target = static_cast<int>(Int(i, "target", -1));
    for (const Json& ref : Member(i, "refs")) {
      if (ref.is_string()) ind.refs.push_back(ref.get<std::string>());
    }
    const Json& evidence = Member(i, "evidence");
    ind.evidence = Str(evidence, "text");
    ind.evidence_start = Offset(evidence, "byte_start");
    ind.evidence_end = Offset(evidence, "byte_end");
    r->indicators.push_back(std::move(ind));
  }
  return Status::Ok();
}

}  // namespace solieu
