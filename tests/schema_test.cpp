// Real output of `solieu extract` and `solieu audit` checked against
// output/SCHEMA.md: the test reads the key tables from the document itself,
// so the two cannot drift.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "tests/test_support.h"

namespace solieu {
namespace {

struct KeySpec {
  std::string type;
  bool required;
};
using Table = std::map<std::string, KeySpec>;

// The tables under "## <heading>" of SCHEMA.md: | `key` | type | yes/no | ...
std::map<std::string, Table> SchemaTables() {
  std::map<std::string, Table> tables;
  std::istringstream in(testing::ReadFile(testing::SourceDir() + "/output/SCHEMA.md"));
  std::string line, heading;
  const std::regex row(R"(^\|\s*`([a-z_]+)`\s*\|\s*(string|integer|number|array|object)\s*\|\s*(yes|no)\s*\|)");
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) heading = line.substr(3);
    std::smatch m;
    if (std::regex_search(line, m, row)) tables[heading][m[1]] = {m[2], m[3] == "yes"};
  }
  return tables;
}

bool HasType(const nlohmann::json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  return false;
}

void CheckAgainst(const nlohmann::json& obj, const Table& table, const std::string& what) {
  REQUIRE(obj.is_object());
  for (const auto& [key, spec] : table) {
    INFO(what << " key " << key << " in " << obj.dump().substr(0, 300));
    if (spec.required) CHECK(obj.contains(key));
    // An optional key may be null; otherwise it has its type.
    if (obj.contains(key) && !(obj[key].is_null() && !spec.required)) CHECK(HasType(obj[key], spec.type));
  }
  for (const auto& [key, value] : obj.items()) {
    INFO(what << " has a key SCHEMA.md does not document: " << key);
    CHECK(table.count(key) == 1);
  }
}

TEST_CASE("SCHEMA.md documents the record, error record and entity") {
  const auto tables = SchemaTables();
  REQUIRE(tables.count("Record") == 1);
  REQUIRE(tables.count("Entity") == 1);
  REQUIRE(tables.count("Error record") == 1);
  for (const char* table : {"Meta", "Indicator", "Scope", "Period"}) CHECK(tables.count(table) == 1);
  CHECK(tables.at("Entity").count("byte_start") == 1);
  for (const char* table : {"Finding", "Finding key", "Finding evidence"}) CHECK(tables.count(table) == 1);
}

TEST_CASE("real output follows SCHEMA.md") {
  const auto tables = SchemaTables();
  std::vector<std::string> args = {"extract", testing::SourceDir() + "/corpus", "/nonexistent/x.txt"};
  if (const std::string shared = testing::SharedDir(); !shared.empty()) {
    args.push_back(shared + "/eval/dev/corpus");
  } else {
    MESSAGE("../shared is absent: checking the bundled corpus only");
  }
  const auto r = testing::RunSolieu(args);
  CHECK(r.status == 2);  // the nonexistent path
  std::istringstream in(r.out);
  std::string line;
  size_t records = 0, errors = 0, entities = 0, indicators = 0;
  while (std::getline(in, line)) {
    const nlohmann::json obj = nlohmann::json::parse(line);
    if (obj.contains("error")) {
      CheckAgainst(obj, tables.at("Error record"), "error record");
      ++errors;
      continue;
    }
    CheckAgainst(obj, tables.at("Record"), "record");
    CheckAgainst(obj["meta"], tables.at("Meta"), "meta");
    if (!obj["meta"]["scope"].is_null()) CheckAgainst(obj["meta"]["scope"], tables.at("Scope"), "scope");
    for (const auto& ind : obj["indicators"]) {
      CheckAgainst(ind, tables.at("Indicator"), "indicator");
      if (!ind["scope"].is_null()) CheckAgainst(ind["scope"], tables.at("Scope"), "scope");
      if (!ind["period"].is_null()) CheckAgainst(ind["period"], tables.at("Period"), "period");
      CHECK(ind["entity"].get<size_t>() < obj["entities"].size());
      ++indicators;
    }
    for (const auto& e : obj["entities"]) {
      CheckAgainst(e, tables.at("Entity"), "entity");
      CHECK(e["start"].get<int64_t>() <= e["end"].get<int64_t>());
      CHECK(e["byte_start"].get<int64_t>() < e["byte_end"].get<int64_t>());
      ++entities;
    }
    ++records;
  }
  CHECK(errors == 1);
  CHECK(records >= 4);
  CHECK(entities > 20);
  CHECK(indicators > 10);
}

TEST_CASE("real audit output follows SCHEMA.md") {
  const auto tables = SchemaTables();
  REQUIRE(tables.count("Finding") == 1);
  const std::string records = testing::TempDir("schema-audit") + "/records.jsonl";
  std::vector<std::string> args = {"extract", testing::SourceDir() + "/corpus", "-o", records};
  if (const std::string shared = testing::SharedDir(); !shared.empty()) args.push_back(shared + "/eval/dev/corpus");
  REQUIRE(testing::RunSolieu(args).status == 0);
  const auto r = testing::RunSolieu({"audit", records});
  CHECK(r.status == 0);
  std::istringstream in(r.out);
  std::string line;
  std::map<std::string, size_t> kinds;
  std::map<std::string, std::string> files;  // doc -> bytes, to check the evidence's offsets
  while (std::getline(in, line)) {
    const nlohmann::json obj = nlohmann::json::parse(line);
    CheckAgainst(obj, tables.at("Finding"), "finding");
    CheckAgainst(obj["key"], tables.at("Finding key"), "finding key");
    ++kinds[obj["kind"]];
    for (const auto& v : obj["values"]) CHECK(v.is_number());
    for (const auto& d : obj["docs"]) CHECK(d.is_string());
    CHECK(!obj["evidence"].empty());
    for (const auto& e : obj["evidence"]) {
      CheckAgainst(e, tables.at("Finding evidence"), "finding evidence");
      // The figure's bytes in the input are its text (these inputs are UTF-8 files).
      const std::string doc = e["doc"];
      if (!files.count(doc)) files[doc] = testing::ReadFile(doc);
      const auto begin = e["byte_start"].get<size_t>(), end = e["byte_end"].get<size_t>();
      REQUIRE(end <= files[doc].size());
      CHECK(files[doc].substr(begin, end - begin) == e["text"].get<std::string>());
      CHECK(e["sentence"].get<std::string>().find(e["text"].get<std::string>()) != std::string::npos);
    }
  }
  // The bundled corpus holds two outlets that disagree (corpus/README.md).
  CHECK(kinds["conflict"] >= 1);
}

}  // namespace
}  // namespace solieu
