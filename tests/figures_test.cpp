// Figures: what the builders of pipeline/figures.* make of a match, beyond
// the norms the rules' examples check: the qualifier and where the figure
// starts.
#include "pipeline/figures.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/test_support.h"

namespace solieu {
namespace {

using testing::Process;

// The one figure with norm `norm` in `text`: its text and its qualifier (""
// for none).
struct Figure {
  std::string text, qualifier;
  bool operator==(const Figure&) const = default;
};
Figure FigureOf(const std::string& text, const std::string& norm) {
  const Record r = Process(text);
  Figure out;
  int found = 0;
  for (const Entity& e : r.entities) {
    if (e.norm != norm) continue;
    ++found;
    out.text = e.text;
    for (const Field& f : e.value) {
      if (f.key == "qualifier") out.qualifier = f.text;
    }
  }
  REQUIRE_MESSAGE(found == 1, text);
  return out;
}

TEST_CASE("a qualifier bounds the figure and is part of it") {
  CHECK(FigureOf("tăng hơn 4% so với cùng kỳ", "4") == Figure{"hơn 4%", "hơn"});
  CHECK(FigureOf("khoảng 45% số hộ", "45") == Figure{"khoảng 45%", "khoảng"});
  CHECK(FigureOf("có gần 1.200 hộ dân", "1200") == Figure{"gần 1.200 hộ dân", "gần"});
}

TEST_CASE("a comparison is no 'more than': the adjective and 'hơn' qualify together") {
  // "thấp hơn 2%" is below 2%, not above it.
  CHECK(FigureOf("lạm phát thấp hơn 2%.", "2") == Figure{"thấp hơn 2%", "thấp hơn"});
  CHECK(FigureOf("tuyến đường dài hơn 3,8 km, rộng 12 m", "3.8 km").qualifier == "dài hơn");
  CHECK(FigureOf("đón nhiều hơn 500 lượt khách", "500") == Figure{"nhiều hơn 500 lượt khách",
                                                                      "nhiều hơn"});
}

TEST_CASE("a comparison against a baseline is a difference, with no qualifier") {
  CHECK(FigureOf("tỷ lệ đỗ là 95,8%, thấp hơn 4% so với năm 2014", "4") == Figure{"4%", ""});
  CHECK(FigureOf("đạt 9,02%, cao hơn 3,57%  so với năm trước", "3.57") == Figure{"3,57%", ""});
  // "tăng hơn" is no comparison: "hơn" bounds the increase.
  CHECK(FigureOf("tăng hơn 4% so với cùng kỳ", "4").qualifier == "hơn");
}

// The units of the counts in `text`, in order.
std::vector<std::string> CountUnits(const std::string& text) {
  std::vector<std::string> units;
  for (const Entity& e : Process(text).entities) {
    if (e.type != "count") continue;
    std::string unit;
    for (const Field& f : e.value) {
      if (f.key == "unit") unit = f.text;
    }
    units.push_back(e.norm + " " + unit);
  }
  return units;
}

TEST_CASE("a breakdown in parentheses counts what the count before it counts") {
  CHECK(CountUnits("làm 82 người bị thương (Lào Cai 2, TP. Huế 1).") ==
        std::vector<std::string>{"82 người bị thương", "2 người bị thương", "1 người bị thương"});
  // No count before the parenthesis: the names' numbers count nothing.
  CHECK(CountUnits("tại các quận (Quận 1, Quận 3) và huyện (Bình Chánh 2, Củ Chi 4)").empty());
  // The parenthesis closed before the item: it belongs to no breakdown.
  CHECK(CountUnits("có 5 hộ (nghèo), Tân Lập 3, Tân Hòa 4)") == std::vector<std::string>{"5 hộ"});
}

}  // namespace
}  // namespace solieu
