// Other projects' Vietnamese test suites, run through `solieu parse`:
// Duckling's numeral and amount-of-money examples (../shared/peers). At
// least 95% must pass; every example we fail is listed, with the reason we
// differ, in tests/data/peers_expected_failures.tsv, and a listed example
// that starts passing must leave the list.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/numbers.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

struct Example {
  std::string phrase, expected;
};

std::vector<Example> ReadTsv(const std::string& path) {
  std::vector<Example> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    rows.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return rows;
}

// (file, phrase) -> reason
std::map<std::pair<std::string, std::string>, std::string> ExpectedFailures() {
  std::map<std::pair<std::string, std::string>, std::string> known;
  std::ifstream in(testing::SourceDir() + "/tests/data/peers_expected_failures.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string file, phrase, reason;
    std::getline(fields, file, '\t');
    std::getline(fields, phrase, '\t');
    std::getline(fields, reason);
    known[{file, phrase}] = reason;
  }
  return known;
}

// Runs every phrase through one `solieu parse --type TYPE -` process.
std::vector<nlohmann::json> ParseAll(const std::vector<Example>& rows, const std::string& type) {
  std::string input;
  for (const Example& e : rows) input += e.phrase + "\n";
  const auto r = testing::RunSolieu({"parse", "--type", type, "-"}, input);
  REQUIRE(r.status == 0);
  std::vector<nlohmann::json> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) out.push_back(nlohmann::json::parse(line));
  REQUIRE(out.size() == rows.size());
  return out;
}

// Numbers compare by value: Duckling writes "1.1", we may write "1.1" too,
// but compare exactly as decimals, not as text.
bool SameNumber(const std::string& a, const std::string& b) {
  auto x = ParseDigits(a, NumberStyle::kEnglish), y = ParseDigits(b, NumberStyle::kEnglish);
  return x && y && *x == *y;
}

std::string Currency(const std::string& duckling) {
  static const std::map<std::string, std::string> kMap = {
      {"VND", "VND"}, {"Dollar", "USD"}, {"USD", "USD"}, {"EUR", "EUR"}, {"INR", "INR"},
      {"Pound", "GBP"}, {"GBP", "GBP"}, {"AED", "AED"}};
  auto it = kMap.find(duckling);
  return it == kMap.end() ? "?" + duckling : it->second;
}

bool NumeralPasses(const Example& ex, const nlohmann::json& got) {
  const auto& ents = got["entities"];
  return ents.size() == 1 && SameNumber(ents[0]["norm"].get<std::string>(), ex.expected);
}

// "VND 10000", "between VND 1000 2000", "under VND 7000", "above Dollar 1.42"
bool MoneyPasses(const Example& ex, const nlohmann::json& got) {
  std::istringstream words(ex.expected);
  std::vector<std::string> w;
  for (std::string s; words >> s;) w.push_back(s);
  std::string bound;
  if (w[0] == "between" || w[0] == "under" || w[0] == "above") {
    bound = w[0];
    w.erase(w.begin());
  }
  const std::string currency = Currency(w[0]);
  const std::vector<std::string> amounts(w.begin() + 1, w.end());
  const auto& ents = got["entities"];
  if (ents.size() != amounts.size()) return false;
  for (size_t i = 0; i < amounts.size(); ++i) {
    const auto& v = ents[i]["value"];
    if (v["currency"] != currency || !SameNumber(v["amount"].dump(), amounts[i])) return false;
  }
  // An open bound must be visible as a qualifier.
  if ((bound == "under" || bound == "above") && !ents[0]["value"].contains("qualifier")) return false;
  return true;
}

void RunSuite(const std::string& file, const std::string& type,
              bool (*passes)(const Example&, const nlohmann::json&)) {
  const std::string shared = testing::SharedDir();
  if (shared.empty()) {
    MESSAGE("../shared is absent: the Duckling suite " << file << " is skipped");
    return;
  }
  const auto rows = ReadTsv(shared + "/peers/" + file);
  REQUIRE(!rows.empty());
  const auto results = ParseAll(rows, type);
  const auto known = ExpectedFailures();
  size_t passed = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const bool ok = passes(rows[i], results[i]);
    passed += ok;
    const bool listed = known.count({file, rows[i].phrase}) > 0;
    INFO(file << ": \"" << rows[i].phrase << "\" expected " << rows[i].expected << ", got "
              << results[i]["entities"].dump());
    if (listed) {
      CHECK_MESSAGE(!ok, "passes now: remove it from tests/data/peers_expected_failures.tsv");
    } else {
      CHECK_MESSAGE(ok, "fails and is not listed in tests/data/peers_expected_failures.tsv");
    }
  }
  MESSAGE(file << ": " << passed << "/" << rows.size() << " pass");
  CHECK(passed * 100 >= rows.size() * 95);
}

TEST_CASE("Duckling's Vietnamese numerals") {
  RunSuite("duckling_vi_numeral.tsv", "number", &NumeralPasses);
}

TEST_CASE("Duckling's Vietnamese amounts of money") {
  RunSuite("duckling_vi_amountofmoney.tsv", "money", &MoneyPasses);
}

}  // namespace
}  // namespace solieu
