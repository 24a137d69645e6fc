// Indicator records from whole documents (pipeline/link.h). The fine points
// of measures, roles and scopes are scored on ../shared/eval by
// indicator_quality_test; these cases pin mechanisms that do not depend on
// wording.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/test_support.h"

namespace solieu {
namespace {

struct Row {
  std::string norm, measure, period;
};

std::vector<Row> Rows(const Record& r) {
  std::vector<Row> rows;
  for (const Indicator& ind : r.indicators) {
    rows.push_back({r.entities[ind.entity].norm, ind.measure, ind.period.norm});
  }
  return rows;
}

TEST_CASE("a table cell measures its row's label at its column's time") {
  // The third cell of the second row is "-" (no data): the next cell is
  // still in the fourth column.
  const Record r = testing::Process(
      "Giảm nghèo toàn tỉnh\n\n"
      "Chỉ tiêu   ĐV tính   2019   2020   2021   2022\n"
      "Tổng số hộ   hộ   412204   421820   423400   432487\n"
      "Số hộ thoát nghèo   hộ   13558   12370   -   10150\n"
      "Tỷ lệ hộ nghèo   %   15,40   12,11   10,44   8,88\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 11);
  CHECK(rows[0].norm == "412204");
  CHECK(rows[0].measure == "tổng số hộ");
  CHECK(rows[0].period == "2019");
  CHECK(rows[3].period == "2022");
  CHECK(rows[6].norm == "10150");
  CHECK(rows[6].measure == "số hộ thoát nghèo");
  CHECK(rows[6].period == "2022");
  CHECK(rows[7].norm == "15.4");
  CHECK(rows[7].measure == "tỷ lệ hộ nghèo");
  CHECK(rows[10].norm == "8.88");
  CHECK(rows[10].period == "2022");
}

}  // namespace
}  // namespace solieu
