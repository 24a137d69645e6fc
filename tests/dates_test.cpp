// Dates and periods: the calendar checks and norms of pipeline/dates.*, and
// the bundled rules on the forms ANNOTATION.md and reference C list.
#include "pipeline/dates.h"

#include <doctest/doctest.h>

#include "tests/test_support.h"

namespace solieu {
namespace {

using testing::Norms;
using V = std::vector<std::string>;

TEST_CASE("calendar validity") {
  CHECK(IsValidDate({2020, 2, 29}));
  CHECK_FALSE(IsValidDate({2021, 2, 29}));
  CHECK(IsValidDate({0, 2, 29}));  // the year is unknown: 29 February may exist
  CHECK_FALSE(IsValidDate({2020, 4, 31}));
  CHECK_FALSE(IsValidDate({2020, 13, 1}));
  CHECK_FALSE(IsValidDate({1700, 1, 1}));
  CHECK(IsValidDate({2022, 0, 0}));
  CHECK_FALSE(IsValidDate({0, 0, 5}));  // a day needs a month
  CHECK(DateNorm({2007, 3, 30}) == "2007-03-30");
  CHECK(DateNorm({0, 8, 30}) == "XXXX-08-30");
  CHECK(DateNorm({2023, 8, 0}) == "2023-08");
  CHECK(DateNorm({2022, 0, 0}) == "2022");
  // Two digits padded as "%02d" pads them, and wider numbers as they are.
  CHECK(DateNorm({2020, 1, 9}) == "2020-01-09");
  CHECK(DateNorm({2020, 12, 31}) == "2020-12-31");
  CHECK(DateNorm({2020, 0, 5}) == "2020-05");
  CHECK(DateNorm({2020, 123, 0}) == "2020-123");
}

TEST_CASE("dates in the shapes Vietnamese texts use") {
  CHECK(Norms("ngày 30 tháng 3 năm 2007", "date") == V{"2007-03-30"});
  CHECK(Norms("Ngày 04-7-1904", "date") == V{"1904-07-04"});
  CHECK(Norms("Cập nhật lúc 17:33, Thứ Ba, 08/01/2019 (GMT+7)", "date") == V{"2019-01-08"});
  CHECK(Norms("sáng 8/11 và chiều 7/11", "date") == V{"XXXX-11-08", "XXXX-11-07"});
  CHECK(Norms("tháng 8-2023", "date") == V{"2023-08"});
  // Day-first, always: never 2 March.
  CHECK(Norms("ngày 03/02/2020", "date") == V{"2020-02-03"});
  // A slash read by context: a fraction, a ratio and a symbol are no dates.
  CHECK(Norms("2/3 số xã đạt chuẩn", "date").empty());
  CHECK(Norms("Nghị định 15/2020/NĐ-CP", "date").empty());
  // "11 tháng" is a duration, "tháng 11" a month.
  CHECK(Norms("trong tháng 11 và 11 tháng qua", "date") == V{"XXXX-11"});
}

TEST_CASE("periods: terms, plans, quarters, halves, first and last months, weeks, ranges") {
  CHECK(Norms("nhiệm kỳ 2020-2025", "period") == V{"2020/2025"});
  CHECK(Norms("giai đoạn 2016 – 2020", "period") == V{"2016/2020"});
  CHECK(Norms("quý IV/2022 và quý 2 năm 2023", "period") == V{"2022-Q4", "2023-Q2"});
  CHECK(Norms("6 tháng cuối năm 2019", "period") == V{"2019-H2"});
  CHECK(Norms("11 tháng đầu năm 2020", "period") == V{"2020-01/2020-11"});
  CHECK(Norms("từ 1/1 đến 30/6/2023", "period") == V{"2023-01-01/2023-06-30"});
  CHECK(Norms("từ ngày 10-11/3/2020", "period") == V{"2020-03-10/2020-03-11"});
  // The dates inside a period are not dates of their own.
  CHECK(Norms("từ 1/1 đến 30/6/2023", "date").empty());
  // "đến nay" has no end: a date, not a period.
  CHECK(Norms("từ ngày 27/4/2021 đến nay", "period").empty());
  CHECK(Norms("từ ngày 27/4/2021 đến nay", "date") == V{"2021-04-27"});
}

}  // namespace
}  // namespace solieu
