#include "pipeline/damage.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace solieu {
namespace {

std::vector<std::string> Pieces(std::string_view text,
                                 const std::vector<std::pair<size_t, size_t>>& spans) {
  std::vector<std::string> out;
  for (auto [b, e] : spans) out.emplace_back(text.substr(b, e - b));
  return out;
}

// The normalized text is the input: spans locate to themselves.
std::vector<std::string> Warnings(std::string_view text, size_t styled = 0) {
  std::vector<std::string> warnings;
  ReportDamage({text, styled,
                [text](size_t b, size_t e) {
                  return OriginalSpan{std::string(text.substr(b, e - b)), b, e};
                }},
               &warnings);
  return warnings;
}

TEST_CASE("a number that may run on past a line break is found") {
  const std::string text = "tỷ lệ đạt 3,\n14% kế hoạch; dân số 12.\n345 người";
  CHECK(Pieces(text, FindSplitFigures(text)) == std::vector<std::string>{"3,\n14", "12.\n345"});
}

TEST_CASE("a line break after a finished number is not a split figure") {
  // A year list, a sentence end, a thousands dot not followed by a group of
  // three, a comma before words.
  for (const char* text : {"các năm 2019,\n2020 và 2021", "đạt 95.\nNăm 2021", "tăng 12.\n34 hộ",
                           "có 12,\nnhiều hộ", "ngày 3,\n\n4 tháng", "không có số,\n14%"}) {
    CAPTURE(text);
    CHECK(FindSplitFigures(text).empty());
  }
}

TEST_CASE("spintax groups are found, braces of other kinds are not") {
  const std::string text = "Giá {tăng|gia tăng|leo thang} mạnh, {a} {|x} {1|2} {ô|}";
  CHECK(Pieces(text, FindSpintax(text)) == std::vector<std::string>{"{tăng|gia tăng|leo thang}"});
}

TEST_CASE("warnings name the count and the first place in the input") {
  const auto warnings = Warnings("đạt 3,\n14% và 7,\n5%. {Hà Nội|Thủ đô} có 12.\n345 hộ", 4);
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0] ==
        "a figure may be split by a line break, read as two numbers: 3 places (first at bytes "
        "7-12: \"3,\xE2\x8F\x8E" "14\")");
  CHECK(warnings[1].find("spintax in 1 place (first at bytes 25-") != std::string::npos);
  CHECK(warnings[2].find(": 4") != std::string::npos);
}

TEST_CASE("clean text gets no warning") { CHECK(Warnings("Năm 2023, tỷ lệ đạt 74,4%.").empty()); }

}  // namespace
}  // namespace solieu
