#include "pipeline/figures.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "pipeline/alphabet.h"
#include "pipeline/builders.h"
#include "pipeline/numbers.h"
#include "pipeline/rules.h"
#include "util/text.h"
#include "util/utf8.h"

namespace solieu {
namespace {

using builder_internal::BuilderInfo;
using builder_internal::kDraftFields;
using builder_internal::MakeDraft;

// Whether `ch` may start a letter: an ASCII one, or a UTF-8 lead byte.
bool IsLetterStart(char ch) {
  const auto byte = static_cast<unsigned char>(ch);
  const auto lower = static_cast<unsigned char>(byte | 0x20);
  return (lower >= 'a' && lower <= 'z') || byte >= 0xC0;
}

// A number as the reader takes it, with two typos undone.  "167, 2 tấn",
// "4. 401 nhân khẩu": a space typed after a separator inside a number
// (reference D.1, noise).  Rules admit the shape only right before a unit,
// where a list ("2, 3 người") is implausible; the reader gets the number
// without the space.  "2,37triệu", "5tỷ": a scale word typed against its
// digits, which the reader gets apart from them.
std::string RepairedNumber(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == ' ' && i > 1 && (text[i - 1] == '.' || text[i - 1] == ',') &&
        text[i - 2] >= '0' && text[i - 2] <= '9' && i + 1 < text.size() && text[i + 1] >= '0' &&
        text[i + 1] <= '9') {
      continue;
    }
    if (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9' && IsLetterStart(ch) && ScaleWordAt(text, i)) {
      out.push_back(' ');
    }
    out.push_back(ch);
  }
  return out;
}

std::optional<Decimal> Amount(const Match& m, const BuildContext& c, std::string_view group) {
  if (!m.Has(group)) return std::nullopt;
  auto value = ParseNumber(RepairedNumber(m.Group(group)), c.style);
  if (!value) return std::nullopt;
  if (m.Has("scale")) {
    // A shared scale may be two words ("150 - 220 nghìn tỷ"): the number
    // reader gives "nghìn tỷ" alone its value, 10^12.
    auto scale = ParseNumber(ToLower(Trim(m.Group("scale"))), c.style);
    if (!scale) return std::nullopt;
    value = value->Times(*scale);
  }
  return value;
}

// A rule may match a context that makes its number no figure ("ngày 2/9
// người dân": a date, not a ratio; "lớp 12 trường": a grade).  The optional
// group `veto` captures that context, so the match wins nothing and the date
// or block rule that reads the same digits keeps them.
bool Vetoed(const Match& m) { return m.Has("veto"); }

// Whether an entry of word list `list_name` stands in the clause before the
// match: the words back to the nearest clause mark (". ; : ! ? ( )", a line
// break) or digit, at most kCueWords of them.  "tổng mức đầu tư của dự án là
// 1.500 tỷ": the cue "tổng mức đầu tư" makes the amount money (ANNOTATION.md).
// This look-back lives here, not in the pattern: a pattern with a long gap
// before its number keeps a thread alive through most sentences, which slows
// the rule gate for every rule.
bool CueBefore(const Match& m, const BuildContext& c, std::string_view list_name) {
  constexpr int kCueWords = 10;
  const WordList* list = c.rules->List(list_name);
  if (list == nullptr) return false;
  const size_t end = m.Begin("num") < c.span_begin ? m.Begin("num") : c.span_begin;
  size_t begin = end;
  int spaces = 0;
  for (; begin > 0; --begin) {
    const char ch = m.text[begin - 1];
    if (std::string_view(".;:!?()\n").find(ch) != std::string_view::npos) break;
    if (ch >= '0' && ch <= '9') break;
    if (ch == ' ' && ++spaces > kCueWords) break;
  }
  // Words of the clause, lower case, without the punctuation around them.
  const std::string clause = ToLower(m.text.substr(begin, end - begin));
  std::vector<std::string_view> words;
  for (std::string_view w : SplitWords(clause)) {
    while (!w.empty() && std::string_view(",\"'-").find(w.back()) != std::string_view::npos) {
      w.remove_suffix(1);
    }
    while (!w.empty() && std::string_view(",\"'-").find(w.front()) != std::string_view::npos) {
      w.remove_prefix(1);
    }
    if (!w.empty()) words.push_back(w);
  }
  for (const std::string& entry : list->entries) {
    const std::string lowered = ToLower(entry);
    const std::vector<std::string_view> cue = SplitWords(lowered);
    if (cue.empty() || cue.size() > words.size()) continue;
    for (size_t i = 0; i + cue.size() <= words.size(); ++i) {
      if (std::equal(cue.begin(), cue.end(), words.begin() + i)) return true;
    }
  }
  return false;
}

// Where the comparison a qualifier completes begins: "thấp hơn 4%" is not
// "hơn 4%" (more than 4%) but lower than 4%, and "thấp hơn 4% so với cùng
// kỳ" is 4% lower.  The word before the qualifier and the qualifier form a
// phrase of list COMPARATIVES; npos when they do not.
size_t ComparisonBegin(const Match& m, const BuildContext& c) {
  size_t begin = m.Begin("qual");
  while (begin > 0 && IsAsciiSpace(m.text[begin - 1])) --begin;
  while (begin > 0 && !IsAsciiSpace(m.text[begin - 1])) --begin;
  const bool listed = c.rules->Contains("COMPARATIVES", m.text.substr(begin, m.End("qual") - begin));
  return listed ? begin : std::string_view::npos;
}

// Whether "so với" (against) follows the figure: a comparison then states a
// difference from that baseline, not a bound.
bool BaselineFollows(const Match& m) {
  std::string_view rest = m.text.substr(m.groups[0].data() + m.groups[0].size() - m.text.data());
  rest = rest.substr(0, std::min<size_t>(rest.size(), 24));
  return StartsWith(ToLower(CollapseSpaces(Trim(rest))), "so với");
}

// The qualifier before the number ("khoảng", "không quá"), the one after it
// ("từ 7000 đồng trở xuống": "trở xuống"), or both, in the order written.  A
// comparison is a qualifier as a whole ("thấp hơn 4%": "thấp hơn", and the
// figure starts at "thấp"), and none before a baseline ("cao hơn 3,57% so
// với năm trước": the figure is the difference, and starts at its number).
void AddQualifier(const Match& m, const BuildContext& c, Draft* draft) {
  std::string qualifier;
  for (std::string_view group : {"qual", "qual_after"}) {
    if (!m.Has(group)) continue;
    size_t begin = m.Begin(group);
    if (group == "qual") {
      const size_t comparison = ComparisonBegin(m, c);
      const bool starts_figure = draft->begin == m.Begin("qual");
      if (comparison != std::string_view::npos && BaselineFollows(m)) {
        if (starts_figure) {
          draft->begin = m.End("qual");
          while (draft->begin < draft->end && IsAsciiSpace(m.text[draft->begin])) ++draft->begin;
        }
        continue;
      }
      if (comparison != std::string_view::npos) {
        begin = comparison;
        if (starts_figure) draft->begin = comparison;
      }
    }
    if (!qualifier.empty()) qualifier.push_back(' ');
    qualifier += ToLower(CollapseSpaces(m.text.substr(begin, m.End(group) - begin)));
  }
  if (!qualifier.empty()) draft->value.push_back(StringField("qualifier", qualifier));
}

// One draft per end of a range; the first ends where its number ends.
// The scale words that end an amount ("triệu" of "1,5 triệu", "nghìn tỷ" of
// "2 nghìn tỷ"), and the amount without them; nullopt when it ends otherwise.
struct TrailingScale {
  Decimal bare, scale;
};
std::optional<TrailingScale> SplitTrailingScale(std::string_view text, NumberStyle style) {
  const std::string lowered = ToLower(text);
  std::vector<std::string_view> words = SplitWords(lowered);
  size_t first_scale = words.size();
  while (first_scale > 0 && ScaleWord(words[first_scale - 1])) --first_scale;
  if (first_scale == words.size() || first_scale == 0) return std::nullopt;
  std::string bare, scale;
  for (size_t i = 0; i < words.size(); ++i) (i < first_scale ? bare : scale).append(words[i]).push_back(' ');
  auto b = ParseNumber(bare, style);
  auto s = ParseNumber(scale, style);
  if (!b || !s) return std::nullopt;
  return TrailingScale{*b, *s};
}

bool HasScaleWord(std::string_view text) {
  const std::string lowered = ToLower(text);
  for (std::string_view w : SplitWords(lowered)) {
    if (ScaleWord(w)) return true;
  }
  return false;
}

template <typename MakeFn>
void EachAmount(const Match& m, const BuildContext& c, std::vector<Draft>* out, MakeFn make) {
  auto first = Amount(m, c, "num");
  if (!first) return;
  auto second = Amount(m, c, "num2");
  if (m.Has("num2") && !second) return;
  // A scale written once at the end of a range belongs to both ends when the
  // bare numbers rise: "150-220 ngàn" is 150000..220000, "1,2 - 1,5 triệu"
  // 1200000..1500000; "từ 500 đến 1 triệu" is not 500 triệu.
  if (second && !m.Has("scale") && !HasScaleWord(m.Group("num"))) {
    if (auto split = SplitTrailingScale(m.Group("num2"), c.style); split && *first < split->bare) {
      first = first->Times(split->scale);
    }
  }
  // A range runs from low to high: "20-11 người" after "ngày" is a date.
  if (second && !(*first < *second)) return;
  std::optional<Draft> a = make(*first);
  if (!a) return;
  if (second) {
    std::optional<Draft> b = make(*second);
    if (!b) return;
    a->end = m.End("num");
    b->begin = m.Begin("num2");
    out->push_back(std::move(*a));
    out->push_back(std::move(*b));
  } else {
    out->push_back(std::move(*a));
  }
}

void BuildPercent(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  auto low = Amount(m, c, "num");
  if (!low) return;
  auto high = Amount(m, c, "num2");
  if (m.Has("num2") && !high) return;
  const bool points = m.Has("pp");
  std::string norm = low->ToString();
  if (high) norm += ".." + high->ToString();
  if (points) norm += "pp";
  Draft d = MakeDraft(m, c, "percent", norm);
  d.value.push_back(NumberField(high ? "low" : "value", low->ToString()));
  if (high) d.value.push_back(NumberField("high", high->ToString()));
  if (points) d.value.push_back(BoolField("points", true));
  AddQualifier(m, c, &d);
  out->push_back(std::move(d));
}

// Whether the match is the base of a rate, which is no figure (ANNOTATION.md):
// a power of ten right after a slash ("ca mắc/100.000 dân", "giường
// bệnh/10.000 dân", "/1 triệu dân") or a word that says "per" ("bình quân 1
// vạn dân").  "266,35ha/295 ha kế hoạch" is done against planned, and both
// are figures.
bool BaseOfRate(const Match& m, const BuildContext& c) {
  size_t begin = m.groups[0].data() - m.text.data();
  while (begin > 0 && m.text[begin - 1] == ' ') --begin;
  if (begin == 0) return false;
  if (m.text[begin - 1] != '/') {
    // "bình quân 1 vạn dân có 8 bác sĩ", "cứ 1.000 dân": a word of list
    // RATE_BASE_BEFORE before it.
    size_t word = begin;
    while (word > 0 && m.text[word - 1] != ' ') --word;
    if (!c.rules->Contains("RATE_BASE_BEFORE", m.text.substr(word, begin - word))) return false;
  }
  const std::string_view num = Trim(m.Group("num"));
  if (num.empty() || num.front() != '1') return false;
  const size_t digits_end = num.find_first_not_of("0123456789.,");
  const std::string_view digits = num.substr(0, digits_end);
  return digits.find_first_not_of("0.,", 1) == std::string_view::npos &&
         (digits_end == std::string_view::npos || HasScaleWord(num.substr(digits_end)));
}

// "727,215", "3,528": digits in groups of three parted by commas alone.
bool CommaGrouped(std::string_view number) {
  const size_t comma = number.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma > 3) return false;
  for (size_t i = 0; i < number.size(); ++i) {
    const bool separator = (i >= comma && (i - comma) % 4 == 0);
    if (separator ? number[i] != ',' : !(number[i] >= '0' && number[i] <= '9')) return false;
  }
  return (number.size() - comma) % 4 == 0;
}

// arg after_count=LIST: the number at `from` is an item of a breakdown in
// parentheses that follows a count ("82 người bị thương (Lào Cai 2, Quảng
// Ninh 9)", "518 chi bộ cơ sở (giảm 3)").  The count's noun, a phrase of
// LIST after a number in the clause before the parenthesis, is the item's
// noun too; "" when no such count opens the list.
std::string NounOfCountBefore(const Match& m, const BuildContext& c, std::string_view list, size_t from) {
  constexpr size_t kFarthest = 400;  // bytes back to the parenthesis
  size_t open = from;
  const size_t stop = open > kFarthest ? open - kFarthest : 0;
  while (open > stop && m.text[open - 1] != '(') {
    if (m.text[open - 1] == ')' || m.text[open - 1] == '\n') return "";
    --open;
  }
  if (open == stop) return "";
  // The words of the clause before the parenthesis, nearest last.
  constexpr size_t kClauseWords = 8, kNounWords = 4, kClauseBytes = 200;
  const size_t clause = open - 1 > kClauseBytes ? open - 1 - kClauseBytes : 0;
  const std::vector<std::string_view> words = SplitWords(m.text.substr(clause, open - 1 - clause));
  size_t first = words.size();
  // A comma may part the count from the parenthesis ("6 tàu bị chìm, hỏng
  // (Cà Mau 2, ...)"); a stronger mark ends the clause.
  while (first > 0 && words.size() - first < kClauseWords &&
         std::string_view(";:.!?()").find(words[first - 1].back()) == std::string_view::npos) {
    --first;
  }
  for (size_t i = words.size(); i-- > first;) {
    const std::string_view number = words[i];
    if (!(number.front() >= '0' && number.front() <= '9') ||
        number.find_first_not_of("0123456789.,") != std::string_view::npos) {
      continue;
    }
    for (size_t n = std::min(kNounWords, words.size() - 1 - i); n >= 1; --n) {
      const char* begin = words[i + 1].data();
      const std::string_view phrase(begin, words[i + n].data() + words[i + n].size() - begin);
      if (c.rules->Contains(list, phrase)) return ToLower(CollapseSpaces(phrase));
    }
    return "";
  }
  return "";
}

void BuildCount(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  if (Vetoed(m) || BaseOfRate(m, c)) return;
  std::string noun;
  if (const std::string_view list = m.rule->Arg("after_count"); !list.empty()) {
    noun = NounOfCountBefore(m, c, list, m.Begin("num"));
    if (noun.empty()) return;
  }
  // A count has no fraction: "727,215 người" groups thousands with commas
  // whatever the document's style (ANNOTATION.md: the value it means).
  BuildContext context = c;
  if (CommaGrouped(m.Group("num")) && (!m.Has("num2") || CommaGrouped(m.Group("num2")))) {
    context.style = NumberStyle::kEnglish;
  }
  EachAmount(m, context, out, [&](const Decimal& v) -> std::optional<Draft> {
    if (!v.IsInteger()) return std::nullopt;
    Draft d = MakeDraft(m, c, "count", v.ToString());
    d.value.push_back(NumberField("value", v.ToString()));
    if (m.Has("unit")) d.value.push_back(StringField("unit", ToLower(CollapseSpaces(m.Group("unit")))));
    if (!noun.empty()) d.value.push_back(StringField("unit", noun));
    AddQualifier(m, c, &d);
    return d;
  });
}

// "82 người bị thương (Lào Cai 2, Quảng Ninh 9, TP Huế 1)": group `items`
// holds a list whose items each end in a whole number, a count of the noun
// of the count before the parenthesis (arg after_count=LIST); none without
// one.  One match per list keeps the rule out of the way of the rule gate,
// which a pattern starting at every comma would slow.
void BuildBreakdown(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  const std::string noun = NounOfCountBefore(m, c, m.rule->Arg("after_count"), m.Begin("items"));
  if (noun.empty()) return;
  const size_t end = m.End("items");
  std::vector<Draft> drafts;
  for (size_t item = m.Begin("items"); item < end;) {
    const size_t stop = std::min(m.text.find_first_of(",;", item), end);
    size_t number_end = stop;
    while (number_end > item && m.text[number_end - 1] == ' ') --number_end;
    size_t number_begin = number_end;
    while (number_begin > item && ((m.text[number_begin - 1] >= '0' && m.text[number_begin - 1] <= '9') ||
                                   m.text[number_begin - 1] == '.')) {
      --number_begin;
    }
    const auto value = ParseNumber(m.text.substr(number_begin, number_end - number_begin), c.style);
    if (!value || !value->IsInteger()) return;
    Draft d = MakeDraft(m, c, "count", value->ToString());
    d.begin = number_begin;
    d.end = number_end;
    d.value.push_back(NumberField("value", value->ToString()));
    d.value.push_back(StringField("unit", noun));
    drafts.push_back(std::move(d));
    item = stop + 1;
  }
  for (Draft& d : drafts) out->push_back(std::move(d));
}

// "1995", "2020": four digits 1900-2099, nothing else.
bool IsYearShaped(std::string_view text) {
  text = Trim(text);
  return text.size() == 4 && (text.substr(0, 2) == "19" || text.substr(0, 2) == "20") &&
         std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// The ISO code of the currency word in `group`, read through the list
// CURRENCIES or the list the rule names (arg currencies=LIST); "" when the
// list lacks it.
std::string CurrencyOf(const Match& m, const BuildContext& c, std::string_view group) {
  std::string_view list = m.rule->Arg("currencies");
  if (list.empty()) list = "CURRENCIES";
  return std::string(c.rules->Lookup(list, m.Group(group)));
}

// "2 đô la và 23 xen", "hai đô 23": whole units and hundredths.  The cents
// are a whole number below 100 and the units a whole number.
std::optional<Decimal> WithCents(const Decimal& units, const Match& m, const BuildContext& c) {
  auto cents = ParseNumber(m.Group("cents"), c.style);
  if (!cents || !cents->IsInteger() || cents->IsNegative() || !(*cents < Decimal::Integer(100)) ||
      !units.IsInteger() || units.IsNegative()) {
    return std::nullopt;
  }
  return units.Plus(cents->Times(Decimal{1, 2}));
}

void BuildMoney(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  if (Vetoed(m)) return;
  // arg cue=LIST: the amount is money only after a word of LIST in its clause.
  if (const std::string_view cue = m.rule->Arg("cue"); !cue.empty() && !CueBefore(m, c, cue)) {
    return;
  }
  std::string currency(m.rule->Arg("currency"));
  if (m.Has("cur")) currency = CurrencyOf(m, c, "cur");
  if (currency.empty()) return;
  auto make = [&](const Decimal& v, const std::string& iso) {
    Draft d = MakeDraft(m, c, "money", v.ToString() + " " + iso);
    d.value.push_back(NumberField("amount", v.ToString()));
    d.value.push_back(StringField("currency", iso));
    AddQualifier(m, c, &d);
    return d;
  };
  if (m.Has("cents")) {
    auto units = Amount(m, c, "num");
    if (!units) return;
    auto v = WithCents(*units, m, c);
    if (v) out->push_back(make(*v, currency));
    return;
  }
  // Both ends with their own currency ("từ 1000 đồng đến 2000 đồng", "từ
  // 100 USD đến 2 triệu đồng"): each end is an amount by itself, in its own
  // currency; no scale is shared and the two need not rise.
  if (m.Has("cur1") && m.Has("num2")) {
    const std::string first_currency = CurrencyOf(m, c, "cur1");
    auto first = ParseNumber(RepairedNumber(m.Group("num")), c.style);
    auto second = ParseNumber(RepairedNumber(m.Group("num2")), c.style);
    if (first_currency.empty() || !first || !second) return;
    Draft a = make(*first, first_currency), b = make(*second, currency);
    a.end = m.End("cur1");
    b.begin = m.Begin("num2");
    out->push_back(std::move(a));
    out->push_back(std::move(b));
    return;
  }
  // Money rules admit a year-shaped upper end ("1000-2000 đồng"); after a
  // lower end below 100, a day or a month, it is a date ("ngày 5 - 2020
  // đồng chí ...").
  if (m.Has("num2") && IsYearShaped(m.Group("num2"))) {
    auto first = Amount(m, c, "num");
    if (!first || *first < Decimal::Integer(100)) return;
  }
  // A sign before the number is written the English way ("$2,000"), and so
  // is the number: commas between groups of three part thousands.
  BuildContext context = c;
  if (m.Has("cur") && m.Begin("cur") < m.Begin("num") && CommaGrouped(m.Group("num"))) {
    context.style = NumberStyle::kEnglish;
  }
  EachAmount(m, context, out, [&](const Decimal& v) -> std::optional<Draft> { return make(v, currency); });
}

void BuildQuantity(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  if (Vetoed(m) || BaseOfRate(m, c) || !m.Has("unit")) return;
  const std::string unit = UnitNorm(m.Group("unit"));
  EachAmount(m, c, out, [&](const Decimal& v) -> std::optional<Draft> {
    Draft d = MakeDraft(m, c, "quantity", v.ToString() + " " + unit);
    d.value.push_back(NumberField("amount", v.ToString()));
    d.value.push_back(StringField("unit", unit));
    AddQualifier(m, c, &d);
    return d;
  });
}

void BuildRatio(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  if (Vetoed(m)) return;
  auto a = m.Has("a") ? ParseNumber(m.Group("a"), c.style) : std::nullopt;
  auto b = m.Has("b") ? ParseNumber(m.Group("b"), c.style) : std::nullopt;
  if (!a || !b || b->mantissa == 0 || *b < *a) return;
  Draft d = MakeDraft(m, c, "ratio", a->ToString() + "/" + b->ToString());
  d.value.push_back(NumberField("numerator", a->ToString()));
  d.value.push_back(NumberField("denominator", b->ToString()));
  if (m.Has("unit")) d.value.push_back(StringField("unit", ToLower(CollapseSpaces(m.Group("unit")))));
  AddQualifier(m, c, &d);
  out->push_back(std::move(d));
}

// Whether `unit` is a unit the table rule accepts: an entry of its list
// (arg units=LIST), or, with arg per=LIST, a rate of such entries ("tạ/ha").
bool IsTableUnit(const Match& m, const BuildContext& c, std::string_view unit) {
  const std::string_view units = m.rule->Arg("units"), per = m.rule->Arg("per");
  if (c.rules->Contains(units, unit)) return true;
  const size_t slash = unit.find('/');
  if (per.empty() || slash == std::string_view::npos) return false;
  const std::string_view rest = Trim(unit.substr(slash + 1));
  return c.rules->Contains(units, Trim(unit.substr(0, slash))) &&
         (c.rules->Contains(units, rest) || c.rules->Contains(per, rest));
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// The unit column of a row: the last words of `before` (at most six) that
// are a unit of the rule, and the label before them (no digits, starting
// with a letter). False when the row has no such unit and label.
bool UnitInRow(const Match& m, const BuildContext& c, std::string_view before, std::string_view* unit,
               std::string_view* label) {
  const std::vector<std::string_view> words = SplitWords(before);
  constexpr size_t kMaxUnitWords = 6;
  for (size_t k = std::min(kMaxUnitWords, words.empty() ? 0 : words.size() - 1); k > 0; --k) {
    const std::string_view& first = words[words.size() - k];
    const std::string_view& last = words.back();
    const std::string_view candidate(first.data(), last.data() + last.size() - first.data());
    if (!IsTableUnit(m, c, candidate)) continue;
    *unit = candidate;
    *label = Trim(before.substr(0, first.data() - before.data()));
    return !label->empty() && !HasDigit(*label) && IsLetter(utf8::DecodeAt(*label, 0).cp);
  }
  return false;
}

// A yearbook table puts the unit in a header line above rows of years
// ("Người - Person", "So với dân số (%)"): back from the row at `line_begin`,
// over blank lines, other year rows and English glosses (no letter outside
// ASCII), the first other line is the header. It gives the unit when its
// Vietnamese part (before " - ") is one, or when it ends in "(unit)"; the
// words before that are the label.
bool UnitInHeader(const Match& m, const BuildContext& c, size_t line_begin, std::string_view* unit,
                  std::string_view* label) {
  constexpr int kMaxLines = 16;
  size_t below = line_begin;  // where the line below the one looked at starts
  for (int lines = 0; below > 0 && lines < kMaxLines; ++lines) {
    const size_t line_end = below - 1;  // its line break
    const size_t newline = line_end == 0 ? std::string_view::npos : m.text.rfind('\n', line_end - 1);
    const size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
    const std::string_view line = Trim(m.text.substr(begin, line_end - begin));
    below = begin;
    if (line.empty()) continue;
    const bool letters = std::any_of(line.begin(), line.end(), [](char ch) {
      return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
    });
    const bool ascii = std::all_of(line.begin(), line.end(), [](char ch) { return (ch & 0x80) == 0; });
    if (HasDigit(line) || (letters && ascii)) continue;  // a row, or a gloss
    std::string_view vietnamese = line.substr(0, line.find(" - "));
    vietnamese = Trim(vietnamese);
    if (IsTableUnit(m, c, vietnamese)) {
      *unit = vietnamese;
      *label = {};
      return true;
    }
    const size_t open = vietnamese.rfind('(');
    if (vietnamese.ends_with(')') && open != std::string_view::npos) {
      const std::string_view inside = vietnamese.substr(open, vietnamese.size() - open);
      const std::string_view bare = Trim(inside.substr(1, inside.size() - 2));
      if (IsTableUnit(m, c, inside) || IsTableUnit(m, c, bare)) {
        *unit = bare;
        *label = Trim(vietnamese.substr(0, open));
        return true;
      }
    }
    return false;
  }
  return false;
}

// A row of a statistics table: a label, the unit column, then one figure
// per column ("Tổng số hộ   hộ   412204.00   421820.00"), or, in a yearbook,
// a year, then one figure per column under a header line that gives the
// unit ("Người - Person" over "2017   540.985   76.051"). The pattern finds
// the cells at the end of a line; the unit and the label are found here,
// since "any words, then a unit" in a pattern costs the rule gate dearly.
// Each cell is an entity of the rule's type (count, quantity or percent)
// with the row's unit, the row's label when there is one (value "row": what
// the linker measures), and the cell's column in a labelled row (value
// "column": the linker reads the header's time over it) or the row's year in
// a yearbook (value "row_year"); a "-" cell (no data) and a cell its type cannot hold (a count of
// 10.98) yield nothing.
void BuildTableRow(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  const size_t cells_begin = m.Begin("cells");
  const size_t newline = cells_begin == 0 ? std::string_view::npos : m.text.rfind('\n', cells_begin - 1);
  const size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
  const std::string_view before = m.text.substr(line_begin, cells_begin - line_begin);
  const std::string_view cells = m.Group("cells");
  std::string_view unit, label;
  const bool labelled = UnitInRow(m, c, before, &unit, &label);
  std::string_view year;
  if (!labelled) {
    // A yearbook row: a year (TABLE_CELLS leaves years out of the cells), then the cells.
    const std::vector<std::string_view> words = SplitWords(before);
    if (words.empty() || !IsYearShaped(words.back()) || !UnitInHeader(m, c, line_begin, &unit, &label)) return;
    year = words.back();
  }

  const std::string& type = m.rule->type;
  const std::string unit_norm = type == "quantity" ? UnitNorm(unit) : ToLower(CollapseSpaces(unit));
  const std::string row(label);
  auto is_space = [](char ch) { return ch == ' ' || ch == '\t'; };
  int column = -1;
  for (size_t i = 0; i < cells.size();) {
    while (i < cells.size() && is_space(cells[i])) ++i;
    size_t j = i;
    while (j < cells.size() && !is_space(cells[j])) ++j;
    if (j == i) break;
    const auto v = ParseNumber(cells.substr(i, j - i), c.style);
    Draft d;
    d.value.reserve(kDraftFields);
    d.type = type;
    d.begin = cells_begin + i;
    d.end = cells_begin + j;
    i = j;
    ++column;
    if (!v) continue;
    if (type == "count") {
      if (!v->IsInteger()) continue;
      d.norm = v->ToString();
      d.value.push_back(NumberField("value", d.norm));
      d.value.push_back(StringField("unit", unit_norm));
    } else if (type == "quantity") {
      d.norm = v->ToString() + " " + unit_norm;
      d.value.push_back(NumberField("amount", v->ToString()));
      d.value.push_back(StringField("unit", unit_norm));
    } else if (type == "percent") {
      d.norm = v->ToString();
      d.value.push_back(NumberField("value", d.norm));
    } else {
      continue;
    }
    if (!row.empty()) d.value.push_back(StringField("row", row));
    if (!year.empty()) d.value.push_back(NumberField("row_year", std::string(year)));
    // A yearbook's columns are parts of a whole, not times: no column.
    if (labelled) d.value.push_back(NumberField("column", std::to_string(column)));
    out->push_back(std::move(d));
  }
}

void BuildNumber(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  auto v = Amount(m, c, "num");
  if (!v) return;
  Draft d = MakeDraft(m, c, "number", v->ToString());
  d.value.push_back(NumberField("value", v->ToString()));
  out->push_back(std::move(d));
}

}  // namespace

std::string UnitNorm(std::string_view unit) {
  // "tấn/ ha" and "tấn/ha" are one unit.
  std::string u;
  for (char ch : ToLower(CollapseSpaces(unit))) {
    if (ch == ' ' && !u.empty() && u.back() == '/') continue;
    if (ch == '/' && !u.empty() && u.back() == ' ') u.pop_back();
    u.push_back(ch);
  }
  std::string out;
  for (size_t i = 0; i < u.size(); ++i) {
    const char ch = u[i];
    const bool after_letter = i > 0 && ((u[i - 1] >= 'a' && u[i - 1] <= 'z'));
    const bool at_end = i + 1 == u.size() || u[i + 1] == '/' || u[i + 1] == ' ';
    if ((ch == '2' || ch == '3') && after_letter && at_end) {
      out.append(ch == '2' ? "²" : "³");
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

namespace builder_internal {
const std::vector<BuilderInfo>& FigureBuilders() {
  static const std::vector<BuilderInfo> kBuilders = {
      {"percent", &BuildPercent, {"num", "num2", "scale", "pp", "qual"}},
      {"count", &BuildCount, {"num", "num2", "scale", "unit", "qual", "veto"}},
      {"money",
       &BuildMoney,
       {"num", "num2", "scale", "cur", "cur1", "cents", "qual", "qual_after", "veto"}},
      {"quantity", &BuildQuantity, {"num", "num2", "scale", "unit", "qual", "veto"}},
      {"ratio", &BuildRatio, {"a", "b", "unit", "qual", "veto"}},
      {"number", &BuildNumber, {"num", "scale"}},
      {"table_row", &BuildTableRow, {"cells"}},
      {"breakdown", &BuildBreakdown, {"items"}},
  };
  return kBuilders;
}
}  // namespace builder_internal

}  // namespace solieu
