#include "pipeline/emit.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace solieu {
namespace {

TEST_CASE("a record line is one JSON object with typed values") {
  Record r;
  r.doc = "a \"quoted\"\npath.txt";
  r.encoding = "utf-8";
  r.chars = 12;
  Entity e;
  e.type = "money";
  e.norm = "17443900000000 VND";
  e.text = "17.443,9 tỷ đồng";
  e.value = {NumberField("amount", "17443900000000"), StringField("currency", "VND"),
             BoolField("estimated", true)};
  e.start = 3;
  e.end = 19;
  e.byte_start = 3;
  e.byte_end = 25;
  e.sentence = 0;
  e.rule = "money.currency";
  r.entities.push_back(e);
  r.warnings.push_back("invalid UTF-8: 1 byte sequence(s) replaced");
  std::string line;
  AppendRecordLine(r, &line);
  REQUIRE(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  const auto j = nlohmann::json::parse(line);
  CHECK(j["doc"] == r.doc);
  CHECK(j["chars"] == 12);
  const auto& ent = j["entities"][0];
  CHECK(ent["text"] == "17.443,9 tỷ đồng");
  CHECK(ent["value"]["amount"].is_number_integer());
  CHECK(ent["value"]["amount"].get<int64_t>() == 17443900000000);
  CHECK(ent["value"]["estimated"] == true);
  CHECK(ent["byte_end"] == 25);
  CHECK(j["warnings"].size() == 1);
}

TEST_CASE("a record line goes after what the buffer holds, however long the record") {
  // The room reserved for a line is a guess from the record's strings: a
  // record it underestimates (escapes take six bytes for one) still comes
  // out whole, after the lines before it.
  Record r;
  r.doc = "many.txt";
  r.encoding = "utf-8";
  for (int i = 0; i < 50; ++i) {
    Entity e;
    e.type = "count";
    e.text = std::string(40, '\x01') + "nh\xC3\xA0 " + std::to_string(i);
    e.norm = std::to_string(i);
    e.value = {NumberField("value", std::to_string(i))};
    e.rule = "count.unit";
    r.entities.push_back(e);
  }
  std::string alone;
  AppendRecordLine(r, &alone);
  std::string after = "{\"doc\":\"before\"}\n";
  const std::string before = after;
  AppendRecordLine(r, &after);
  CHECK(after == before + alone);
  const auto j = nlohmann::json::parse(alone);
  REQUIRE(j["entities"].size() == 50);
  CHECK(j["entities"][49]["text"] == r.entities[49].text);
}

TEST_CASE("an error record has only doc and error") {
  Record r;
  r.doc = "missing.txt";
  r.error = "no such file or folder";
  std::string line;
  AppendRecordLine(r, &line);
  const auto j = nlohmann::json::parse(line);
  CHECK(j.size() == 2);
  CHECK(j["error"] == "no such file or folder");
}

TEST_CASE("a duplicate entity says so, and reads back as one") {
  Record r;
  r.doc = "d.txt";
  Entity e;
  e.type = "count";
  e.norm = "1730";
  e.text = "1.730 đảng viên";
  e.rule = "count.noun";
  r.entities.push_back(e);
  e.duplicate = true;
  r.entities.push_back(e);
  std::string line;
  AppendRecordLine(r, &line);
  const auto j = nlohmann::json::parse(line);
  CHECK_FALSE(j["entities"][0].contains("duplicate"));
  CHECK(j["entities"][1]["duplicate"] == true);
  Record back;
  REQUIRE(ParseRecord(j, &back).ok());
  REQUIRE(back.entities.size() == 2);
  CHECK_FALSE(back.entities[0].duplicate);
  CHECK(back.entities[1].duplicate);
}

}  // namespace
}  // namespace solieu
