// Figures: the value builders "percent", "count", "money", "quantity",
// "ratio" and "number".
//
// Every amount goes through ParseNumber (numbers.h), so digits, words and
// scale words read the same in every rule.  Capture groups read:
//   num, num2   the amount, and the upper end of a range ("60.000 - 80.000");
//               each may carry its own scale word ("2 tỷ 500 triệu")
//   scale       a scale word shared by both ends ("150-220 ngàn đồng"); a
//               range finds it by itself too (see below)
//   unit        the counted noun or unit of measure, as written
//   cur         the currency word, read through the list CURRENCIES (or the
//               list of the rule's arg currencies=LIST)
//   cur1        (money) the currency written after the first end of a range
//               ("từ 1000 đồng đến 2000 đồng"); the ends are then two amounts
//               by themselves, each in its own currency
//   cents       (money) hundredths after the currency ("2 đô la và 23 xen",
//               "hai đô 23" -> 2.23)
//   pp          present when the figure is in percentage points
//   qual        a qualifier ("khoảng", "hơn", "gần", ...); with the word
//               before it, a comparison of list COMPARATIVES qualifies as a
//               whole ("thấp hơn 2%"), and qualifies nothing before "so
//               với" ("thấp hơn 4% so với năm 2014" is a difference)
//   qual_after  (money) a qualifier after the figure ("từ 7000 đồng trở
//               xuống"); the value's qualifier holds both, as written
//   a, b        the parts of a ratio A/B
//   veto        (count, money, quantity, ratio) a context before the number
//               that makes it no figure: "ngày 2/9 người dân" is a date, "lớp
//               12 trường" a grade; a match with it yields nothing
// A range yields two entities only when it rises ("90 - 100"); "20-11" is
// no range.  A scale word after the second end alone belongs to both ends when
// the bare numbers rise ("150-220 ngàn" -> 150000, 220000).
// Rule args: currency=ISO for money rules whose cue is a word such as
// "kinh phí" rather than a currency; currencies=LIST for money rules whose
// currency words are read through list LIST instead of CURRENCIES; cue=LIST
// to demand a word of list LIST earlier in the clause (up to ten words back,
// no digit between); after_count=LIST (count) for an item of a breakdown in
// parentheses, which takes the noun (a phrase of LIST) of the count before
// the parenthesis and is none without one.
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
