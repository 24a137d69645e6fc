// Exports (issue 4): the SQLite file opened with the sqlite3 library and
// queried as a dashboard would; CSV parsed back and compared with the JSON
// Lines; re-running never duplicates rows; nothing is ever half-written.
#include "pipeline/export.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "pipeline/emit.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Rows = std::vector<std::vector<std::string>>;

// A database opened read-only; Query returns every row, NULL as "NULL".
class Db {
 public:
  explicit Db(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  }
  ~Db() { sqlite3_close(db_); }
  Rows Query(const std::string& sql, const std::vector<std::string>& params = {}) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK, sqlite3_errmsg(db_));
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
    }
    Rows rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.push_back(text ? text : "NULL");
      }
      rows.push_back(row);
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::string One(const std::string& sql, const std::vector<std::string>& params = {}) {
    const Rows rows = Query(sql, params);
    REQUIRE(rows.size() == 1);
    return rows[0][0];
  }

 private:
  sqlite3* db_ = nullptr;
};

// RFC 4180: CRLF between records, quoted fields with doubled quotes.
Rows ParseCsv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      REQUIRE_MESSAGE(field.empty(), "a quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r') {
      const bool crlf = i + 1 < text.size() && text[i + 1] == '\n';
      REQUIRE_MESSAGE(crlf, "CR without LF");
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      ++i;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare LF ends a line");
      field.push_back(c);
    }
  }
  const bool ended = row.empty() && field.empty() && !was_quoted;
  REQUIRE_MESSAGE(ended, "the last line has no CRLF");
  return rows;
}

std::vector<std::string> Split(const std::string& header) {
  std::vector<std::string> out;
  std::stringstream in(header);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(item);
  return out;
}

std::vector<Json> JsonLines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(Json::parse(line));
  return out;
}

// Three years of one district, and two outlets disagreeing on one of them.
std::string Documents(const std::string& name) {
  const std::string dir = testing::TempDir(name);
  testing::WriteFile(dir + "/2021.txt",
                     "url: https://baomau.example.vn/a.html\n\nKon Rẫy tổng kết năm 2021\n\n"
                     "Tính đến ngày 31/12/2021, Đảng bộ huyện Kon Rẫy có 1.750 đảng viên.\n");
  testing::WriteFile(dir + "/2022.txt",
                     "url: https://baomau.example.vn/b.html\n\nKon Rẫy tổng kết năm 2022\n\n"
                     "Tính đến ngày 31/12/2022, Đảng bộ huyện Kon Rẫy có 1.801 đảng viên.\n");
  testing::WriteFile(dir + "/2023.txt",
                     "url: https://baomau.example.vn/c.html\n\nKon Rẫy tổng kết năm 2023\n\n"
                     "Tính đến ngày 31/12/2023, Đảng bộ huyện Kon Rẫy có 1.846 đảng viên.\n");
  testing::WriteFile(dir + "/2023-khac.txt",
                     "url: https://truyenhinhmau.example.vn/d.html\n\nKon Rẫy: công tác xây dựng Đảng năm 2023\n\n"
                     "Theo báo cáo \"Tổng kết công tác năm\", tính đến ngày 31/12/2023, Đảng bộ huyện Kon Rẫy "
                     "có 1.864 đảng viên, tăng 45 đảng viên so với năm 2022.\n");
  return dir;
}

TEST_CASE("ParseRecord reads extract output back: written again, every line is the same") {
  std::vector<std::string> args = {"extract", testing::SourceDir() + "/corpus", "/nonexistent/gone.txt"};
  if (const std::string shared = testing::SharedDir(); !shared.empty()) args.push_back(shared + "/eval/dev/corpus");
  const auto r = testing::RunSolieu(args);
  std::istringstream in(r.out);
  std::string line;
  size_t lines = 0;
  while (std::getline(in, line)) {
    Record record;
    REQUIRE(ParseRecord(Json::parse(line), &record).ok());
    std::string again;
    AppendRecordLine(record, &again);
    CHECK(again == line + "\n");
    ++lines;
  }
  CHECK(lines >= 5);
  Record record;
  CHECK(!ParseRecord(Json::array(), &record).ok());
  CHECK(!ParseRecord(Json{{"doc", "x"}, {"entities", Json::array()}, {"indicators", {{{"entity", 3}}}}}, &record).ok());
}

TEST_CASE("CsvField quotes what RFC 4180 says") {
  CHECK(CsvField("plain text") == "plain text");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvField("") == "");
}

TEST_CASE("extract --format sqlite: a dashboard's queries") {
  const std::string docs = Documents("sqlite-docs");
  const std::string db_path = testing::TempDir("sqlite-db") + "/solieu.sqlite";
  const auto r = testing::RunSolieu({"extract", docs, "/nonexistent/gone.txt", "--format", "sqlite", "-o", db_path});
  CHECK(r.status == 2);  // the missing file; still recorded
  const auto jsonl = JsonLines(testing::RunSolieu({"extract", docs, "/nonexistent/gone.txt"}).out);
  Db db(db_path);
  CHECK(db.One("PRAGMA user_version") == "1");
  CHECK(db.One("SELECT count(*) FROM documents") == "5");
  CHECK(db.One("SELECT error FROM documents WHERE doc = '/nonexistent/gone.txt'") == "no such file or folder");
  size_t indicators = 0, entities = 0;
  for (const Json& rec : jsonl) {
    if (rec.contains("error")) continue;
    indicators += rec["indicators"].size();
    entities += rec["entities"].size();
    const std::string doc = rec["doc"];
    CHECK(db.One("SELECT url FROM documents WHERE doc = ?", {doc}) == rec["meta"]["url"]);
    CHECK(db.One("SELECT count(*) FROM indicators WHERE doc = ?", {doc}) == std::to_string(rec["indicators"].size()));
    // Every indicator as in the JSON Lines, figure bytes included.
    for (size_t i = 0; i < rec["indicators"].size(); ++i) {
      const Json& ind = rec["indicators"][i];
      const Json& ent = rec["entities"][ind["entity"].get<size_t>()];
      const Rows row = db.Query(
          "SELECT kind, text, measure, role, evidence, evidence_start, byte_start FROM indicators "
          "WHERE doc = ? AND idx = ?",
          {doc, std::to_string(i)});
      REQUIRE(row.size() == 1);
      CHECK(row[0][0] == ind["kind"]);
      CHECK(row[0][1] == ind["text"]);
      CHECK(row[0][2] == (ind["measure"].is_null() ? "NULL" : ind["measure"].get<std::string>()));
      CHECK(row[0][3] == ind["role"]);
      CHECK(row[0][4] == ind["evidence"]["text"]);
      CHECK(row[0][5] == std::to_string(ind["evidence"]["byte_start"].get<int64_t>()));
      CHECK(row[0][6] == std::to_string(ent["byte_start"].get<int64_t>()));
    }
  }
  CHECK(indicators >= 4);
  CHECK(db.One("SELECT count(*) FROM indicators") == std::to_string(indicators));
  CHECK(db.One("SELECT count(*) FROM entities") == std::to_string(entities));

  // A scope over time: the district's party membership, ordered by period.
  const Rows series = db.Query(
      "SELECT COALESCE(period_completed, period) AS p, value, doc FROM indicators "
      "WHERE scope = 'huyện Kon Rẫy' AND kind = 'count' AND role = 'level' ORDER BY p, doc");
  REQUIRE(series.size() == 4);
  CHECK(series[0][0] == "2021-12-31");
  CHECK(series[0][1] == "1750.0");
  CHECK(series[1][0] == "2022-12-31");
  CHECK(series[2][0] == "2023-12-31");
  CHECK(series[3][0] == "2023-12-31");
  // The index serves it.
  const Rows plan = db.Query(
      "EXPLAIN QUERY PLAN SELECT * FROM indicators WHERE scope = 'x' AND measure = 'y' ORDER BY period");
  bool uses_index = false;
  for (const auto& row : plan) uses_index |= row.back().find("indicators_by_scope") != std::string::npos;
  CHECK(uses_index);
}

TEST_CASE("audit --format sqlite: findings per document, in the same database") {
  const std::string docs = Documents("sqlite-audit-docs");
  const std::string dir = testing::TempDir("sqlite-audit");
  const std::string records = dir + "/records.jsonl", db_path = dir + "/solieu.sqlite";
  REQUIRE(testing::RunSolieu({"extract", docs, "-o", records}).status == 0);
  REQUIRE(testing::RunSolieu({"extract", docs, "--format", "sqlite", "-o", db_path}).status == 0);
  const auto jsonl = testing::RunSolieu({"audit", records});
  REQUIRE(jsonl.status == 0);
  const auto findings = JsonLines(jsonl.out);
  REQUIRE(testing::RunSolieu({"audit", records, "--format", "sqlite", "-o", db_path}).status == 0);

  Db db(db_path);
  CHECK(db.One("SELECT count(*) FROM findings") == std::to_string(findings.size()));
  // 1.846 and 1.864 for the same date: a conflict between the two 2023 documents.
  const Rows conflict = db.Query(
      "SELECT f.id, f.\"values\", f.message FROM findings f JOIN finding_docs d ON d.finding_id = f.id "
      "WHERE d.doc = ? AND f.kind = 'conflict'",
      {docs + "/2023-khac.txt"});
  REQUIRE(conflict.size() == 1);
  CHECK(Json::parse(conflict[0][1]) == Json::array({1846, 1864}));
  CHECK(db.One("SELECT count(*) FROM finding_docs WHERE finding_id = ?", {conflict[0][0]}) == "2");
  // Findings per document, as a dashboard lists them.
  const Rows per_doc = db.Query(
      "SELECT doc, count(*) FROM finding_docs GROUP BY doc ORDER BY doc");
  std::map<std::string, std::string> counts;
  for (const auto& row : per_doc) counts[row[0]] = row[1];
  CHECK(counts[docs + "/2023.txt"] == "1");
  CHECK(counts.count(docs + "/2021.txt") == 0);
  // Rows as in the JSON Lines, in the same order.
  const Rows all = db.Query("SELECT id, kind, \"check\", key, docs, evidence FROM findings ORDER BY id");
  REQUIRE(all.size() == findings.size());
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i][0] == std::to_string(i + 1));
    CHECK(all[i][1] == findings[i]["kind"]);
    CHECK(all[i][2] == findings[i]["check"]);
    CHECK(Json::parse(all[i][3]) == findings[i]["key"]);
    CHECK(Json::parse(all[i][4]) == findings[i]["docs"]);
    CHECK(Json::parse(all[i][5]) == findings[i]["evidence"]);
  }
  // The documents audited are in the database too.
  CHECK(db.One("SELECT count(*) FROM documents") == "4");
}

TEST_CASE("re-running on the same input does not duplicate rows") {
  const std::string docs = Documents("sqlite-rerun-docs");
  const std::string dir = testing::TempDir("sqlite-rerun");
  const std::string records = dir + "/records.jsonl", db_path = dir + "/solieu.sqlite";
  REQUIRE(testing::RunSolieu({"extract", docs, "-o", records}).status == 0);
  auto counts = [&] {
    Db db(db_path);
    return db.One("SELECT count(*) FROM documents") + "/" + db.One("SELECT count(*) FROM entities") + "/" +
           db.One("SELECT count(*) FROM indicators") + "/" + db.One("SELECT count(*) FROM findings") + "/" +
           db.One("SELECT count(*) FROM finding_docs") + "/" + db.One("SELECT max(id) FROM findings");
  };
  REQUIRE(testing::RunSolieu({"extract", docs, "--format", "sqlite", "-o", db_path}).status == 0);
  REQUIRE(testing::RunSolieu({"audit", records, "--format", "sqlite", "-o", db_path}).status == 0);
  const std::string first = counts();
  REQUIRE(testing::RunSolieu({"extract", docs, "--format", "sqlite", "-o", db_path}).status == 0);
  REQUIRE(testing::RunSolieu({"audit", records, "--format", "sqlite", "-o", db_path}).status == 0);
  REQUIRE(testing::RunSolieu({"audit", records, "--format", "sqlite", "-o", db_path}).status == 0);
  CHECK(counts() == first);
  // The same input twice in one run: one row per document.
  REQUIRE(testing::RunSolieu({"audit", records, records, "--format", "sqlite", "-o", db_path}).status == 0);
  CHECK(counts() == first);
  // No journal or temporary file is left beside it.
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.path().filename() != "records.jsonl";
  CHECK(files == 1);
}

TEST_CASE("nothing half-written: a failed or unfinished export leaves the target as it was") {
  const std::string dir = testing::TempDir("sqlite-atomic");
  // Not a database: refused, untouched.
  testing::WriteFile(dir + "/notes.sqlite", "not a database\n");
  const auto r = testing::RunSolieu({"extract", testing::SourceDir() + "/corpus", "--format", "sqlite", "-o",
                                     dir + "/notes.sqlite"});
  CHECK(r.status == 1);
  CHECK(testing::ReadFile(dir + "/notes.sqlite") == "not a database\n");
  // A folder that does not exist: exit 1, nothing created.
  CHECK(testing::RunSolieu({"extract", testing::SourceDir() + "/corpus", "--format", "sqlite", "-o",
                            dir + "/no/such/db.sqlite"})
            .status == 1);
  CHECK(testing::RunSolieu({"extract", testing::SourceDir() + "/corpus", "--format", "sqlite"}).status == 1);

  Record record;
  record.doc = "new.txt";
  record.encoding = "utf-8";
  // A new database never finished: no file, no temporary left.
  {
    auto sink = NewSink(ExportFormat::kSqlite, SinkContent::kRecords, dir + "/fresh.sqlite");
    REQUIRE(sink.ok());
    REQUIRE((*sink)->Begin().ok());
    REQUIRE((*sink)->Add(record).ok());
  }
  CHECK(!fs::exists(dir + "/fresh.sqlite"));
  // An existing database, an unfinished run: rolled back.
  {
    auto sink = NewSink(ExportFormat::kSqlite, SinkContent::kRecords, dir + "/kept.sqlite");
    REQUIRE((*sink)->Begin().ok());
    record.doc = "first.txt";
    REQUIRE((*sink)->Add(record).ok());
    REQUIRE((*sink)->Finish().ok());
  }
  {
    auto sink = NewSink(ExportFormat::kSqlite, SinkContent::kRecords, dir + "/kept.sqlite");
    REQUIRE((*sink)->Begin().ok());
    record.doc = "second.txt";
    REQUIRE((*sink)->Add(record).ok());
  }
  {
    Db db(dir + "/kept.sqlite");
    CHECK(db.One("SELECT group_concat(doc) FROM documents") == "first.txt");
  }
  // CSV and JSON Lines: the same through OutputFile.
  {
    auto sink = NewSink(ExportFormat::kCsv, SinkContent::kRecords, dir + "/out.csv");
    REQUIRE((*sink)->Begin().ok());
    REQUIRE((*sink)->Add(record).ok());
  }
  CHECK(!fs::exists(dir + "/out.csv"));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.path().string().find(".tmp.") != std::string::npos;
  CHECK(files == 0);
  // A records sink refuses findings.
  auto sink = NewSink(ExportFormat::kJsonl, SinkContent::kRecords, dir + "/r.jsonl");
  REQUIRE((*sink)->Begin().ok());
  CHECK(!(*sink)->Add(Finding()).ok());
}

TEST_CASE("extract --format csv: one row per indicator, parsed back") {
  const std::string docs = Documents("csv-docs");
  const auto csv = testing::RunSolieu({"extract", docs, "--format", "csv"});
  REQUIRE(csv.status == 0);
  const Rows rows = ParseCsv(csv.out);
  REQUIRE(!rows.empty());
  const std::vector<std::string> header = Split(kRecordCsvColumns);
  CHECK(rows[0] == header);
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  const auto jsonl = JsonLines(testing::RunSolieu({"extract", docs}).out);
  size_t row = 1;
  bool quoted_evidence = false;
  for (const Json& rec : jsonl) {
    for (size_t i = 0; i < rec["indicators"].size(); ++i, ++row) {
      REQUIRE(row < rows.size());
      const auto& cells = rows[row];
      REQUIRE(cells.size() == header.size());
      const Json& ind = rec["indicators"][i];
      CHECK(cells[column["doc"]] == rec["doc"]);
      CHECK(cells[column["indicator"]] == std::to_string(i));
      CHECK(cells[column["kind"]] == ind["kind"]);
      CHECK(cells[column["text"]] == ind["text"]);
      CHECK(std::stod(cells[column["value"]]) == doctest::Approx(ind["value"].get<double>()));
      CHECK(cells[column["role"]] == ind["role"]);
      CHECK(cells[column["evidence"]] == ind["evidence"]["text"]);
      CHECK(cells[column["evidence_start"]] == std::to_string(ind["evidence"]["byte_start"].get<int64_t>()));
      CHECK(cells[column["url"]] == rec["meta"]["url"]);
      if (!ind["period"].is_null()) CHECK(cells[column["period"]] == ind["period"]["norm"]);
      quoted_evidence |= cells[column["evidence"]].find('"') != std::string::npos;
    }
  }
  CHECK(row == rows.size());
  CHECK(quoted_evidence);  // "Tổng kết công tác năm", with commas around: quoting exercised
}

// extract renders each record on the worker that made it and only writes on
// the calling thread: what Render gives must be exactly what Add writes.
TEST_CASE("Render then AddRendered writes the bytes Add writes; sqlite has no bytes of its own") {
  const std::string dir = testing::TempDir("render");
  const std::vector<Record> records = {
      testing::Process("Tính đến ngày 31/12/2023, Đảng bộ huyện Kon Rẫy có 1.864 đảng viên, \"tăng\" 45 "
                       "đảng viên, đạt 104,5% kế hoạch."),
      testing::Process("Không có số liệu nào.")};
  REQUIRE(!records[0].indicators.empty());
  for (const ExportFormat format : {ExportFormat::kJsonl, ExportFormat::kCsv}) {
    const std::string added = dir + "/added", rendered = dir + "/rendered";
    auto by_add = NewSink(format, SinkContent::kRecords, added);
    auto by_render = NewSink(format, SinkContent::kRecords, rendered);
    REQUIRE(by_add.ok());
    REQUIRE(by_render.ok());
    REQUIRE((*by_render)->CanRender());
    REQUIRE((*by_add)->Begin().ok());
    REQUIRE((*by_render)->Begin().ok());
    for (const Record& r : records) {
      REQUIRE((*by_add)->Add(r).ok());
      std::string bytes;
      (*by_render)->Render(r, &bytes);
      REQUIRE((*by_render)->AddRendered(bytes).ok());
    }
    REQUIRE((*by_add)->Finish().ok());
    REQUIRE((*by_render)->Finish().ok());
    const std::string written = testing::ReadFile(rendered);
    CHECK(written == testing::ReadFile(added));
    CHECK(written.find("1.864") != std::string::npos);
  }
  auto sqlite = NewSink(ExportFormat::kSqlite, SinkContent::kRecords, dir + "/db.sqlite");
  REQUIRE(sqlite.ok());
  CHECK(!(*sqlite)->CanRender());
}

TEST_CASE("audit --format csv: one row per finding") {
  const std::string docs = Documents("csv-audit-docs");
  const std::string records = testing::TempDir("csv-audit") + "/records.jsonl";
  REQUIRE(testing::RunSolieu({"extract", docs, "-o", records}).status == 0);
  const auto findings = JsonLines(testing::RunSolieu({"audit", records}).out);
  const auto csv = testing::RunSolieu({"audit", records, "--format", "csv"});
  REQUIRE(csv.status == 0);
  const Rows rows = ParseCsv(csv.out);
  REQUIRE(rows.size() == findings.size() + 1);
  CHECK(rows[0] == Split(kFindingCsvColumns));
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& cells = rows[i + 1];
    CHECK(cells[0] == std::to_string(i + 1));
    CHECK(cells[1] == findings[i]["kind"]);
    CHECK(cells[2] == findings[i]["check"]);
    CHECK(cells[3] == findings[i]["key"]["scope"]);
    CHECK(Json::parse(cells[9]) == findings[i]["values"]);
    CHECK(Json::parse(cells[10]) == findings[i]["docs"]);
    CHECK(cells[11] == findings[i]["message"]);
    CHECK(Json::parse(cells[12]) == findings[i]["evidence"]);
  }
}

}  // namespace
}  // namespace solieu
