// Figures: the value builders "percent", "count", "money", "quantity",
// "ratio" and "number".
//
// Every amount goes through ParseNumber (numbers.h), so digits, words and
// scale words read the same in every rule.  Capture groups read:
//   num, num2   the amount, and the upper end of a range ("60.000 - 80.000");
//               each may carry its own scale word ("2 tỷ 500 triệu")
//   scale       a scale word shared by both ends ("150-220 ngàn đồng")
//   unit        the counted noun or unit of measure, as written
//   cur         the currency word, read through the list CURRENCIES
//   pp          present when the figure is in percentage points
//   qual        a qualifier ("khoảng", "hơn", "gần", ...)
//   a, b        the parts of a ratio A/B
// Rule args: currency=ISO for money rules whose cue is a word such as
// "kinh phí" rather than a currency.
//
// Norms (ANNOTATION.md): percent "74.4", "1.2pp", "5..7"; count "1730";
// money "1200000000000 VND"; quantity "45.5 km", "2000 m²"; ratio "123/128";
// number "21".
#ifndef SOLIEU_PIPELINE_FIGURES_H_
#define SOLIEU_PIPELINE_FIGURES_H_

#include <string>
#include <string_view>

namespace solieu {

// A unit as the norm writes it: lower case, "m2" -> "m²", "km3" -> "km³",
// inner spaces collapsed.
std::string UnitNorm(std::string_view unit);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_FIGURES_H_
