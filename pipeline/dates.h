// Dates and periods: the value builders "date" and "period".
//
// norm forms (ANNOTATION.md): YYYY-MM-DD, YYYY-MM, YYYY, with XXXX for a
// year the text does not write; periods START/END, YYYY-Qn, YYYY-H1/H2,
// YYYY-Wnn.  Builders reject impossible values (31/2, month 13, a "year"
// 0042) so that a slash read as a date in the wrong place yields nothing.
//
// Capture groups read (all optional; rules/README.md lists them):
//   date:   day, month, year, days (a list of days sharing month and year)
//   period: y1, y2 (year range); d1, m1, d2, m2 (day or month range, with
//           y1/y2 or year); quarter, half, months + part ("đầu"/"cuối"),
//           week; year
#ifndef SOLIEU_PIPELINE_DATES_H_
#define SOLIEU_PIPELINE_DATES_H_

#include <optional>
#include <string>

namespace solieu {

struct DateParts {
  int year = 0;  // 0: not written
  int month = 0;
  int day = 0;
};

// True when the parts name a real calendar day (month, or year) in the
// supported range 1800-2199; a missing year allows 29 February.
bool IsValidDate(const DateParts& date);

// ISO norm of a date: "2007-03-30", "XXXX-08-30", "2023-08", "2022".
std::string DateNorm(const DateParts& date);

// The norm of the first (or, with `last`, the last) `months` months of
// `year` (0: not written): "XXXX-H1", "2023-Q4", "2023-01/2023-09", "2022"
// for twelve; nullopt outside 1-12.
std::optional<std::string> MonthsPeriod(int months, bool last, int year);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_DATES_H_
