#include "pipeline/docrefs.h"

#include <doctest/doctest.h>

#include "tests/test_support.h"

namespace solieu {
namespace {

using testing::Norms;
using V = std::vector<std::string>;

TEST_CASE("symbol norms: upper case, no whitespace") {
  CHECK(SymbolNorm("-QĐi/TW") == "-QĐI/TW");
  CHECK(SymbolNorm(" - \nHD/BTCTW") == "-HD/BTCTW");
  CHECK(SymbolNorm("/2015/QĐ-TTg") == "/2015/QĐ-TTG");
}

TEST_CASE("what a symbol says") {
  DocSymbol party = ParseDocSymbol("-CT/TW");
  CHECK(party.type == "CT");
  CHECK(party.issuer == "TW");
  CHECK(party.year == 0);
  DocSymbol normative = ParseDocSymbol("/2020/NĐ-CP");
  CHECK(normative.type == "NĐ");
  CHECK(normative.issuer == "CP");
  CHECK(normative.year == 2020);
  DocSymbol law = ParseDocSymbol("/2024/QH15");
  CHECK(law.type.empty());
  CHECK(law.issuer == "QH15");
  CHECK(law.year == 2024);
  DocSymbol joint = ParseDocSymbol("/2004/TTLT-BNN-BNV");
  CHECK(joint.type == "TTLT");
  CHECK(joint.issuer == "BNN-BNV");
}

TEST_CASE("docrefs in the shapes of reference A.2 and B.2") {
  CHECK(Norms("theo Quyết định số 1234/QĐ-UBND ngày 3-1-2019", "docref") == V{"1234/QĐ-UBND"});
  CHECK(Norms("Số: 15/QĐ-UBND", "docref") == V{"15/QĐ-UBND"});
  CHECK(Norms("Chỉ thị số 45-CT/TW, ngày 20-6-2020 của Bộ Chính trị", "docref") == V{"45-CT/TW"});
  CHECK(Norms("Kế hoạch 94- KH/BTGDVTW", "docref") == V{"94-KH/BTGDVTW"});
  CHECK(Norms("Công văn 1467/UBND-NC", "docref") == V{"1467/UBND-NC"});
  CHECK(Norms("Thông tư liên tịch số 04/2015/TTLT-BKHĐT-BTC-BNV", "docref") ==
        V{"04/2015/TTLT-BKHĐT-BTC-BNV"});
  CHECK(Norms("Nghị quyết 30a/2008/NQ-CP", "docref") == V{"30A/2008/NQ-CP"});
  CHECK(Norms("Chỉ thị số 16 -\nHD/BTCTW", "docref") == V{"16-HD/BTCTW"});
  CHECK(Norms("các Nghị quyết số 18, 19-NQ/TW", "docref") == V{"18-NQ/TW", "19-NQ/TW"});
  // The year inside a symbol is no date; the issue date after it is one.
  CHECK(Norms("Nghị định số 15/2020/NĐ-CP ngày 03/02/2020", "date") == V{"2020-02-03"});
  // A symbol without a number, and a ratio, are no docrefs.
  CHECK(Norms("Số -/ĐU", "docref").empty());
  CHECK(Norms("123/128 chi bộ", "docref").empty());
}

TEST_CASE("value fields: type word over code, issuer, year, issue date") {
  const Record r = testing::Process("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương");
  REQUIRE(!r.entities.empty());
  const Entity& e = r.entities[0];
  REQUIRE(e.type == "docref");
  std::map<std::string, std::string> v;
  for (const Field& f : e.value) v[f.key] = f.text;
  CHECK(v["number"] == "8");
  CHECK(v["doc_type"] == "QĐ");
  CHECK(v["type_code"] == "QĐI");  // as in the norm, upper case
  CHECK(v["issuer"] == "TW");
  CHECK(v["date"] == "2018-10-25");
}

}  // namespace
}  // namespace solieu
