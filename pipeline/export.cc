#include "pipeline/export.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "pipeline/emit.h"
#include "util/json_writer.h"
#include "util/output_file.h"

namespace solieu {

bool ParseExportFormat(std::string_view name, ExportFormat* format) {
  if (name == "jsonl") *format = ExportFormat::kJsonl;
  else if (name == "csv") *format = ExportFormat::kCsv;
  else if (name == "sqlite") *format = ExportFormat::kSqlite;
  else return false;
  return true;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

namespace {

// JSON helpers for the columns that hold JSON.
std::string JsonStrings(const std::vector<std::string>& items) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const std::string& s : items) w.String(s);
  w.EndArray();
  return out;
}

std::string JsonNumbers(const std::vector<double>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + NumberLiteral(values[i]);
  return out + "]";
}

std::string JsonKey(const FindingKey& key) {
  std::string out;
  JsonWriter w(&out);
  WriteFindingKey(key, &w);
  return out;
}

std::string JsonEvidence(const std::vector<FindingEvidence>& evidence) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const FindingEvidence& e : evidence) WriteFindingEvidence(e, &w);
  w.EndArray();
  return out;
}

Status WrongContent(const char* what) {
  return Status::InvalidArgument(std::string("this output does not take ") + what);
}

}  // namespace

Status Sink::BeginResumed(const std::function<bool(std::string_view)>&) {
  return Status::InvalidArgument("only JSON Lines of records can be resumed (--format jsonl)");
}

void Sink::Render(const Record&, std::string*) const {}

Status Sink::AddRendered(std::string_view) {
  return Status::InvalidArgument("this sink renders no bytes of its own");
}

namespace {

// ---------------------------------------------------------------------------
// Text formats through OutputFile.

class TextSink : public Sink {
 public:
  TextSink(ExportFormat format, SinkContent content, std::string path)
      : format_(format), content_(content), path_(std::move(path)) {}

  Status Begin() override {
    if (Status s = out_.Open(path_); !s.ok()) return s;
    if (format_ == ExportFormat::kCsv) {
      return out_.Write(std::string(content_ == SinkContent::kRecords ? kRecordCsvColumns : kFindingCsvColumns) +
                        "\r\n");
    }
    return Status::Ok();
  }

  Status BeginResumed(const std::function<bool(std::string_view line)>& keep_line) override {
    if (format_ != ExportFormat::kJsonl || content_ != SinkContent::kRecords) {
      return Sink::BeginResumed(keep_line);
    }
    return out_.Resume(path_, keep_line);
  }

  Status Add(const Record& r) override {
    line_.clear();
    Render(r, &line_);
    return out_.Write(line_);
  }

  bool CanRender() const override { return true; }

  void Render(const Record& r, std::string* out) const override {
    if (content_ == SinkContent::kFindings) return;  // only findings go out
    if (format_ == ExportFormat::kJsonl) {
      AppendRecordLine(r, out);
    } else if (r.error.empty()) {
      for (size_t i = 0; i < r.indicators.size(); ++i) AppendCsvRow(r, i, out);
    }
  }

  Status AddRendered(std::string_view rendered) override { return out_.Write(rendered); }

  Status Add(const Finding& f) override {
    if (content_ == SinkContent::kRecords) return WrongContent("findings");
    line_.clear();
    ++findings_;
    if (format_ == ExportFormat::kJsonl) {
      AppendFindingLine(f, &line_);
    } else {
      const std::vector<std::string> fields = {
          std::to_string(findings_), f.kind,          f.check,          f.key.scope,        f.key.measure,
          f.key.period,              f.key.role,      f.key.unit,       f.key.baseline,     JsonNumbers(f.values),
          JsonStrings(f.docs),       f.message,       JsonEvidence(f.evidence)};
      AppendRow(fields, &line_);
    }
    return out_.Write(line_);
  }

  Status Finish() override { return out_.Commit(); }
  bool WantsRecords() const override { return content_ == SinkContent::kRecords; }

 private:
  static void AppendRow(const std::vector<std::string>& fields, std::string* out) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out->push_back(',');
      *out += CsvField(fields[i]);
    }
    *out += "\r\n";
  }

  static void AppendCsvRow(const Record& r, size_t i, std::string* out) {
    const Indicator& ind = r.indicators[i];
    if (ind.entity < 0 || static_cast<size_t>(ind.entity) >= r.entities.size()) return;
    const Entity& e = r.entities[ind.entity];
    const Figure figure = FigureOf(e);
    AppendRow({r.doc, std::to_string(i), e.type, e.norm, e.text, figure.value, figure.unit, ind.measure, ind.role,
               figure.qualifier, ind.scope.name, ind.scope.level, ind.period.norm, ind.period.completed,
               ind.baseline, ind.target >= 0 ? std::to_string(ind.target) : "", ind.evidence,
               std::to_string(ind.evidence_start), std::to_string(ind.evidence_end), std::to_string(e.byte_start),
               std::to_string(e.byte_end), r.meta.published, r.meta.url, r.meta.title},
              out);
  }

  ExportFormat format_;
  SinkContent content_;
  std::string path_;
  OutputFile out_;
  std::string line_;
  int64_t findings_ = 0;
};

// ---------------------------------------------------------------------------
// SQLite.

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS documents (
  doc TEXT PRIMARY KEY,
  error TEXT,
  encoding TEXT,
  confidence REAL,
  chars INTEGER,
  title TEXT,
  url TEXT,
  published TEXT,
  published_from TEXT,
  source TEXT,
  byline TEXT,
  scope TEXT,
  scope_level TEXT,
  scope_source TEXT,
  warnings TEXT,
  captions TEXT,
  entity_count INTEGER,
  indicator_count INTEGER
);
CREATE TABLE IF NOT EXISTS entities (
  doc TEXT NOT NULL,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  norm TEXT NOT NULL,
  text TEXT NOT NULL,
  value TEXT,
  char_start INTEGER,
  char_end INTEGER,
  byte_start INTEGER,
  byte_end INTEGER,
  sentence INTEGER,
  rule TEXT,
  PRIMARY KEY (doc, idx)
);
CREATE TABLE IF NOT EXISTS indicators (
  doc TEXT NOT NULL,
  idx INTEGER NOT NULL,
  entity INTEGER NOT NULL,
  kind TEXT NOT NULL,
  norm TEXT NOT NULL,
  text TEXT NOT NULL,
  value REAL,
  unit TEXT,
  measure TEXT,
  role TEXT NOT NULL,
  qualifier TEXT,
  scope TEXT,
  scope_level TEXT,
  scope_source TEXT,
  period TEXT,
  period_completed TEXT,
  period_source TEXT,
  baseline TEXT,
  target INTEGER,
  refs TEXT,
  evidence TEXT,
  evidence_start INTEGER,
  evidence_end INTEGER,
  byte_start INTEGER,
  byte_end INTEGER,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX IF NOT EXISTS indicators_by_scope ON indicators (scope, measure, period);
CREATE INDEX IF NOT EXISTS indicators_by_measure ON indicators (measure, period);
CREATE INDEX IF NOT EXISTS indicators_by_period ON indicators (period);
CREATE INDEX IF NOT EXISTS entities_by_type ON entities (type, norm);
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  "check" TEXT NOT NULL,
  scope TEXT,
  measure TEXT,
  period TEXT,
  role TEXT,
  unit TEXT,
  baseline TEXT,
  key TEXT NOT NULL,
  message TEXT NOT NULL,
  docs TEXT NOT NULL,
  "values" TEXT NOT NULL,
  evidence TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS finding_docs (
  finding_id INTEGER NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (finding_id, doc)
);
CREATE INDEX IF NOT EXISTS finding_docs_by_doc ON finding_docs (doc);
)sql";

// A prepared statement, finalized with its owner.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { Reset(); }
  void Reset() {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Binds columns in order: Text (empty -> NULL unless `keep_empty`), Int,
// Real, then Step().
class Binder {
 public:
  explicit Binder(sqlite3_stmt* stmt) : stmt_(stmt) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Binder& Text(const std::string& s, bool keep_empty = false) {
    if (s.empty() && !keep_empty) sqlite3_bind_null(stmt_, ++column_);
    else sqlite3_bind_text(stmt_, ++column_, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Binder& Int(int64_t v) {
    sqlite3_bind_int64(stmt_, ++column_, v);
    return *this;
  }
  Binder& IntOrNull(int64_t v) {
    if (v < 0) sqlite3_bind_null(stmt_, ++column_);
    else sqlite3_bind_int64(stmt_, ++column_, v);
    return *this;
  }
  Binder& Real(double v) {
    sqlite3_bind_double(stmt_, ++column_, v);
    return *this;
  }
  Binder& Null() {
    sqlite3_bind_null(stmt_, ++column_);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }

 private:
  sqlite3_stmt* stmt_;
  int column_ = 0;
};

class SqliteSink : public Sink {
 public:
  SqliteSink(SinkContent content, std::string path) : content_(content), path_(std::move(path)) {}

  ~SqliteSink() override {
    // Not finished: nothing of this run may remain.
    if (db_ != nullptr) {
      if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      Close();
    }
    if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  }

  Status Begin() override {
    struct stat st;
    const bool exists = ::stat(path_.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) return Status::InvalidArgument(path_ + ": not a regular file");
    std::string open_path = path_;
    if (!exists) {
      std::string templ = path_ + ".tmp.XXXXXX";
      const int fd = ::mkstemp(templ.data());
      if (fd < 0) {
        return Status::IoError(path_ + ": cannot create a temporary file beside it: " + std::strerror(errno));
      }
      ::fchmod(fd, 0644);
      ::close(fd);
      temp_path_ = open_path = templ;
    }
    if (sqlite3_open_v2(open_path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      return Error("cannot open");
    }
    sqlite3_extended_result_codes(db_, 1);
    if (!temp_path_.empty()) {
      // A file nobody else sees, renamed only once complete: no journal needed.
      if (Status s = Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF"); !s.ok()) return s;
    } else {
      sqlite3_busy_timeout(db_, 10000);
    }
    if (Status s = Exec(temp_path_.empty() ? "BEGIN IMMEDIATE" : "BEGIN"); !s.ok()) return s;
    in_transaction_ = true;
    if (Status s = CheckVersion(); !s.ok()) return s;
    if (Status s = Exec(kSchema); !s.ok()) return s;
    if (Status s = Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !s.ok()) return s;
    if (content_ == SinkContent::kFindings) {
      if (Status s = Exec("DELETE FROM finding_docs; DELETE FROM findings"); !s.ok()) return s;
    }
    return PrepareAll();
  }

  Status Add(const Record& r) override {
    for (Statement* st : {&delete_entities_, &delete_indicators_}) {
      if (Binder(st->get()).Text(r.doc, true).Step() != SQLITE_DONE) return Error("delete");
    }
    Binder doc(insert_document_.get());
    doc.Text(r.doc, true).Text(r.error);
    if (!r.error.empty()) {
      for (int i = 0; i < 16; ++i) doc.Null();
    } else {
      doc.Text(r.encoding)
          .Real(r.confidence)
          .Int(static_cast<int64_t>(r.chars))
          .Text(r.meta.title)
          .Text(r.meta.url)
          .Text(r.meta.published)
          .Text(r.meta.published_from)
          .Text(r.meta.source)
          .Text(r.meta.byline)
          .Text(r.meta.scope.name)
          .Text(r.meta.scope.level)
          .Text(r.meta.scope.source)
          .Text(JsonStrings(r.warnings))
          .Text(JsonStrings(r.meta.captions))
          .Int(static_cast<int64_t>(r.entities.size()))
          .Int(static_cast<int64_t>(r.indicators.size()));
    }
    if (doc.Step() != SQLITE_DONE) return Error("insert into documents");
    if (!r.error.empty()) return Status::Ok();  // an error record has nothing else
    for (size_t i = 0; i < r.entities.size(); ++i) {
      const Entity& e = r.entities[i];
      if (Binder(insert_entity_.get())
              .Text(r.doc, true)
              .Int(static_cast<int64_t>(i))
              .Text(e.type, true)
              .Text(e.norm, true)
              .Text(e.text, true)
              .Text(EntityValueJson(e))
              .Int(static_cast<int64_t>(e.start))
              .Int(static_cast<int64_t>(e.end))
              .Int(static_cast<int64_t>(e.byte_start))
              .Int(static_cast<int64_t>(e.byte_end))
              .Int(e.sentence)
              .Text(e.rule)
              .Step() != SQLITE_DONE) {
        return Error("insert into entities");
      }
    }
    for (size_t i = 0; i < r.indicators.size(); ++i) {
      const Indicator& ind = r.indicators[i];
      if (ind.entity < 0 || static_cast<size_t>(ind.entity) >= r.entities.size()) {
        return Status::InvalidArgument(r.doc + ": indicator " + std::to_string(i) + " has no entity");
      }
      const Entity& e = r.entities[ind.entity];
      const Figure figure = FigureOf(e);
      Binder b(insert_indicator_.get());
      b.Text(r.doc, true).Int(static_cast<int64_t>(i)).Int(ind.entity).Text(e.type, true).Text(e.norm, true).Text(
          e.text, true);
      if (figure.value.empty()) b.Null();
      else b.Real(std::strtod(figure.value.c_str(), nullptr));
      b.Text(figure.unit)
          .Text(ind.measure)
          .Text(ind.role, true)
          .Text(figure.qualifier)
          .Text(ind.scope.name)
          .Text(ind.scope.level)
          .Text(ind.scope.source)
          .Text(ind.period.norm)
          .Text(ind.period.completed)
          .Text(ind.period.source)
          .Text(ind.baseline)
          .IntOrNull(ind.target)
          .Text(JsonStrings(ind.refs))
          .Text(ind.evidence)
          .Int(static_cast<int64_t>(ind.evidence_start))
          .Int(static_cast<int64_t>(ind.evidence_end))
          .Int(static_cast<int64_t>(e.byte_start))
          .Int(static_cast<int64_t>(e.byte_end));
      if (b.Step() != SQLITE_DONE) return Error("insert into indicators");
    }
    return Status::Ok();
  }

  Status Add(const Finding& f) override {
    if (content_ == SinkContent::kRecords) return WrongContent("findings");
    const int64_t id = next_finding_++;
    if (Binder(insert_finding_.get())
            .Int(id)
            .Text(f.kind, true)
            .Text(f.check, true)
            .Text(f.key.scope)
            .Text(f.key.measure)
            .Text(f.key.period)
            .Text(f.key.role)
            .Text(f.key.unit)
            .Text(f.key.baseline)
            .Text(JsonKey(f.key))
            .Text(f.message, true)
            .Text(JsonStrings(f.docs))
            .Text(JsonNumbers(f.values))
            .Text(JsonEvidence(f.evidence))
            .Step() != SQLITE_DONE) {
      return Error("insert into findings");
    }
    for (const std::string& d : f.docs) {
      if (Binder(insert_finding_doc_.get()).Int(id).Text(d, true).Step() != SQLITE_DONE) {
        return Error("insert into finding_docs");
      }
    }
    return Status::Ok();
  }

  Status Finish() override {
    if (db_ == nullptr) return Status::IoError(path_ + ": not open");
    FinalizeAll();
    if (Status s = Exec("COMMIT"); !s.ok()) return s;
    in_transaction_ = false;
    if (sqlite3_close(db_) != SQLITE_OK) return Error("cannot close");
    db_ = nullptr;
    if (temp_path_.empty()) return Status::Ok();
    // Durable before it replaces anything: synchronous was off.
    const int fd = ::open(temp_path_.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0) {
      if (fd >= 0) ::close(fd);
      return Status::IoError(path_ + ": " + std::strerror(errno));
    }
    ::close(fd);
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      return Status::IoError(path_ + ": cannot rename the temporary file: " + std::strerror(errno));
    }
    temp_path_.clear();
    return Status::Ok();
  }

  bool WantsRecords() const override { return true; }

 private:
  Status Error(const std::string& what) {
    std::string message = path_ + ": sqlite: " + what;
    if (db_ != nullptr) message += ": " + std::string(sqlite3_errmsg(db_));
    return Status::IoError(message);
  }

  Status Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      Status s = Status::IoError(path_ + ": sqlite: " + (error ? error : "error"));
      sqlite3_free(error);
      return s;
    }
    return Status::Ok();
  }

  // An existing database must be one this program wrote (or empty).
  Status CheckVersion() {
    Statement version, tables;
    if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, version.out(), nullptr) != SQLITE_OK ||
        sqlite3_step(version.get()) != SQLITE_ROW) {
      return Error("not a database");
    }
    const int v = sqlite3_column_int(version.get(), 0);
    if (v == kSchemaVersion) return Status::Ok();
    if (v != 0) return Status::InvalidArgument(path_ + ": database schema version " + std::to_string(v) +
                                               ", this program writes version " + std::to_string(kSchemaVersion));
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM sqlite_master", -1, tables.out(), nullptr) != SQLITE_OK ||
        sqlite3_step(tables.get()) != SQLITE_ROW) {
      return Error("not a database");
    }
    if (sqlite3_column_int(tables.get(), 0) != 0) {
      return Status::InvalidArgument(path_ + ": a database solieu did not write; not touching it");
    }
    return Status::Ok();
  }

  Status Prepare(Statement* st, const char* sql) {
    if (sqlite3_prepare_v2(db_, sql, -1, st->out(), nullptr) != SQLITE_OK) return Error("prepare");
    return Status::Ok();
  }

  Status PrepareAll() {
    const std::pair<Statement*, const char*> statements[] = {
        {&delete_entities_, "DELETE FROM entities WHERE doc = ?"},
        {&delete_indicators_, "DELETE FROM indicators WHERE doc = ?"},
        {&insert_document_,
         "INSERT OR REPLACE INTO documents (doc, error, encoding, confidence, chars, title, url, published, "
         "published_from, source, byline, scope, scope_level, scope_source, warnings, captions, entity_count, "
         "indicator_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&insert_entity_,
         "INSERT OR REPLACE INTO entities (doc, idx, type, norm, text, value, char_start, char_end, byte_start, "
         "byte_end, sentence, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&insert_indicator_,
         "INSERT OR REPLACE INTO indicators (doc, idx, entity, kind, norm, text, value, unit, measure, role, "
         "qualifier, scope, scope_level, scope_source, period, period_completed, period_source, baseline, target, "
         "refs, evidence, evidence_start, evidence_end, byte_start, byte_end) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&insert_finding_,
         "INSERT INTO findings (id, kind, \"check\", scope, measure, period, role, unit, baseline, key, message, "
         "docs, \"values\", evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&insert_finding_doc_, "INSERT OR IGNORE INTO finding_docs (finding_id, doc) VALUES (?, ?)"},
    };
    for (const auto& [st, sql] : statements) {
      if (Status s = Prepare(st, sql); !s.ok()) return s;
    }
    return Status::Ok();
  }

  void FinalizeAll() {
    for (Statement* st : {&delete_entities_, &delete_indicators_, &insert_document_, &insert_entity_,
                          &insert_indicator_, &insert_finding_, &insert_finding_doc_}) {
      st->Reset();
    }
  }

  void Close() {
    FinalizeAll();
    sqlite3_close(db_);
    db_ = nullptr;
  }

  SinkContent content_;
  std::string path_, temp_path_;
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
  int64_t next_finding_ = 1;
  Statement delete_entities_, delete_indicators_, insert_document_, insert_entity_, insert_indicator_,
      insert_finding_, insert_finding_doc_;
};

}  // namespace

Result<std::unique_ptr<Sink>> NewSink(ExportFormat format, SinkContent content, const std::string& path) {
  if (format == ExportFormat::kSqlite) {
    if (path.empty() || path == "-") return Status::InvalidArgument("--format sqlite needs -o FILE");
    return std::unique_ptr<Sink>(new SqliteSink(content, path));
  }
  return std::unique_ptr<Sink>(new TextSink(format, content, path));
}

}  // namespace solieu
