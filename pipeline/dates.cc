#include "pipeline/dates.h"

#include "pipeline/builders.h"
#include "pipeline/numbers.h"
#include "util/text.h"

namespace solieu {
namespace {

using builder_internal::BuilderInfo;
using builder_internal::MakeDraft;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int month, int year) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && year != 0 && !IsLeap(year)) return 28;
  return kDays[month - 1];
}

// A small non-negative integer written in digits or words ("06", "sáu").
std::optional<int> SmallNumber(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (auto roman = ParseRoman(text)) return roman;
  auto n = ParseNumber(text, NumberStyle::kVietnamese);
  if (!n || !n->IsInteger() || n->IsNegative() || n->ToInteger() > 100000) return std::nullopt;
  return static_cast<int>(n->ToInteger());
}

// A year as written: four digits, or two digits completed from `context`
// (the other year of a range).  Spaces between the digits are a typo whose
// meaning is plain ("16/7/20 21", ANNOTATION.md); only a pattern that
// allows them lets them through.
std::optional<int> Year(std::string_view text, int context = 0) {
  text = Trim(text);
  int value = 0;
  size_t digits = 0;
  for (char c : text) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    ++digits;
  }
  if (digits == 2 && context >= 1800) return context / 100 * 100 + value;
  if (digits != 4 || value < 1800 || value > 2199) return std::nullopt;
  return value;
}

std::string YearNorm(int year) { return year ? std::to_string(year) : "XXXX"; }

// printf's "%02d", without its format parsing: months, days and weeks are
// below 100.
void AppendTwoDigits(int v, std::string* out) {
  if (v < 0 || v >= 100) {
    out->append(std::to_string(v));
    return;
  }
  out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

std::string TwoDigits(int v) {
  std::string out;
  AppendTwoDigits(v, &out);
  return out;
}

void AddDateFields(const DateParts& d, Fields* value) {
  if (d.year) value->push_back(NumberField("year", std::to_string(d.year)));
  if (d.month) value->push_back(NumberField("month", std::to_string(d.month)));
  if (d.day) value->push_back(NumberField("day", std::to_string(d.day)));
}

// Reads day/month/year groups named with an optional suffix ("d1", "m1").
bool ReadDate(const Match& m, std::string_view day, std::string_view month, std::string_view year,
              DateParts* out) {
  if (m.Has(day)) {
    auto v = SmallNumber(m.Group(day));
    if (!v) return false;
    out->day = *v;
  }
  if (m.Has(month)) {
    auto v = SmallNumber(m.Group(month));
    if (!v) return false;
    out->month = *v;
  }
  if (m.Has(year)) {
    auto v = Year(m.Group(year));
    if (!v) return false;
    out->year = *v;
  }
  return true;
}

void BuildDate(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  DateParts shared;
  if (!ReadDate(m, "day", "month", "year", &shared)) return;
  if (!m.Has("days")) {
    if (!IsValidDate(shared)) return;
    Draft d = MakeDraft(m, c, "date", DateNorm(shared));
    AddDateFields(shared, &d.value);
    out->push_back(std::move(d));
    return;
  }
  // "ngày 3, 4 và 5/8/2020": each listed day takes the month and year.
  const std::string_view days = m.Group("days");
  const size_t base = m.Begin("days");
  std::vector<Draft> drafts;
  for (size_t i = 0; i < days.size();) {
    if (days[i] < '0' || days[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < days.size() && days[j] >= '0' && days[j] <= '9') ++j;
    DateParts d = shared;
    const std::optional<int> day = SmallNumber(days.substr(i, j - i));
    if (!day) return;
    d.day = *day;
    if (!IsValidDate(d)) return;
    Draft draft = MakeDraft(m, c, "date", DateNorm(d));
    AddDateFields(d, &draft.value);
    draft.begin = base + i;
    draft.end = base + j;
    drafts.push_back(std::move(draft));
    i = j;
  }
  if (shared.day) {  // the last day, written with its month
    if (!IsValidDate(shared)) return;
    Draft draft = MakeDraft(m, c, "date", DateNorm(shared));
    AddDateFields(shared, &draft.value);
    draft.begin = m.Has("day") ? m.Begin("day") : c.span_begin;
    drafts.push_back(std::move(draft));
  }
  for (Draft& d : drafts) out->push_back(std::move(d));
}

std::string PeriodOf(const DateParts& a, const DateParts& b) { return DateNorm(a) + "/" + DateNorm(b); }

bool IsFirstHalfWord(std::string_view w) {
  const std::string lower = ToLower(Trim(w));
  return lower == "đầu" || lower == "nhất" || lower == "i" || lower == "1" || lower == "trước";
}

bool IsSecondHalfWord(std::string_view w) {
  const std::string lower = ToLower(Trim(w));
  return lower == "cuối" || lower == "hai" || lower == "ii" || lower == "2" || lower == "sau";
}

std::optional<std::string> PeriodNorm(const Match& m) {
  int year = 0;
  if (m.Has("year")) {
    auto y = Year(m.Group("year"));
    if (!y) return std::nullopt;
    year = *y;
  }
  if (m.Has("quarter")) {
    auto q = SmallNumber(m.Group("quarter"));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    return YearNorm(year) + "-Q" + std::to_string(*q);
  }
  if (m.Has("half")) {
    if (IsFirstHalfWord(m.Group("half"))) return YearNorm(year) + "-H1";
    if (IsSecondHalfWord(m.Group("half"))) return YearNorm(year) + "-H2";
    return std::nullopt;
  }
  if (m.Has("months")) {
    auto n = SmallNumber(m.Group("months"));
    if (!n) return std::nullopt;
    const bool last = m.Has("part") && IsSecondHalfWord(m.Group("part"));
    return MonthsPeriod(*n, last, year);
  }
  if (m.Has("week")) {
    auto w = SmallNumber(m.Group("week"));
    if (!w || *w < 1 || *w > 53) return std::nullopt;
    return YearNorm(year) + "-W" + TwoDigits(*w);
  }
  // Ranges: the later end lends its month and year to the earlier one.
  DateParts a, b;
  if (m.Has("y1") && !m.Has("d1") && !m.Has("m1") && !m.Has("d2") && !m.Has("m2")) {
    auto y1 = Year(m.Group("y1"));
    if (!y1) return std::nullopt;
    auto y2 = Year(m.Group("y2"), *y1);
    if (!y2 || *y2 < *y1 || *y2 - *y1 > 50) return std::nullopt;
    return std::to_string(*y1) + "/" + std::to_string(*y2);
  }
  if (!ReadDate(m, "d1", "m1", "y1", &a) || !ReadDate(m, "d2", "m2", "y2", &b)) return std::nullopt;
  if (b.year == 0) b.year = year;
  if (a.month == 0) a.month = b.month;
  if (a.year == 0) a.year = b.year;
  if ((a.day == 0) != (b.day == 0) || a.month == 0 || b.month == 0) return std::nullopt;
  if (!IsValidDate(a) || !IsValidDate(b)) return std::nullopt;
  return PeriodOf(a, b);
}

void BuildPeriod(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  if (auto norm = PeriodNorm(m)) out->push_back(MakeDraft(m, c, "period", *norm));
}

}  // namespace

std::optional<std::string> MonthsPeriod(int months, bool last, int year) {
  const std::string y = YearNorm(year);
  if (months < 1 || months > 12) return std::nullopt;
  if (months == 12) return y;
  if (!last) {
    if (months == 3) return y + "-Q1";
    if (months == 6) return y + "-H1";
    return y + "-01/" + y + "-" + TwoDigits(months);
  }
  if (months == 3) return y + "-Q4";
  if (months == 6) return y + "-H2";
  return y + "-" + TwoDigits(13 - months) + "/" + y + "-12";
}

bool IsValidDate(const DateParts& d) {
  if (d.year != 0 && (d.year < 1800 || d.year > 2199)) return false;
  if (d.month == 0) return d.day == 0 && d.year != 0;
  if (d.month < 1 || d.month > 12) return false;
  if (d.day == 0) return true;
  return d.day >= 1 && d.day <= DaysIn(d.month, d.year);
}

std::string DateNorm(const DateParts& d) {
  std::string norm = YearNorm(d.year);
  for (const int part : {d.month, d.day}) {
    if (part == 0) continue;
    norm.push_back('-');
    AppendTwoDigits(part, &norm);
  }
  return norm;
}

namespace builder_internal {
const std::vector<BuilderInfo>& DateBuilders() {
  static const std::vector<BuilderInfo> kBuilders = {
      {"date", &BuildDate, {"day", "month", "year", "days"}},
      {"period",
       &BuildPeriod,
       {"y1", "y2", "d1", "m1", "d2", "m2", "year", "quarter", "half", "months", "part", "week"}},
  };
  return kBuilders;
}
}  // namespace builder_internal

}  // namespace solieu
