#include "pipeline/numbers.h"

#include <algorithm>
#include <array>

#include "util/text.h"

namespace solieu {
namespace {

// Values beyond this are not figures anyone reports; refusing them keeps
// every product inside __int128.
constexpr __int128 kLimit = static_cast<__int128>(1000000000000000000LL) * 1000000000000LL;

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

Decimal Normalized(Decimal d) {
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  return d;
}

bool InRange(const Decimal& d) { return d.mantissa < kLimit && d.mantissa > -kLimit && d.scale <= 18; }

}  // namespace

std::string Decimal::ToString() const {
  const Decimal d = Normalized(*this);
  __int128 m = d.mantissa < 0 ? -d.mantissa : d.mantissa;
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m > 0);
  while (static_cast<int>(digits.size()) <= d.scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (d.scale > 0) digits.insert(digits.size() - d.scale, ".");
  if (d.mantissa < 0) digits.insert(0, "-");
  return digits;
}

double Decimal::ToDouble() const {
  return static_cast<double>(mantissa) / static_cast<double>(Pow10(scale));
}

bool Decimal::IsInteger() const { return Normalized(*this).scale == 0; }

int64_t Decimal::ToInteger() const {
  const __int128 v = Normalized(*this).mantissa / Pow10(Normalized(*this).scale);
  if (v > INT64_MAX) return INT64_MAX;
  if (v < INT64_MIN) return INT64_MIN;
  return static_cast<int64_t>(v);
}

Decimal Decimal::Times(const Decimal& o) const {
  return Normalized({mantissa * o.mantissa, scale + o.scale});
}

Decimal Decimal::Plus(const Decimal& o) const {
  const int s = std::max(scale, o.scale);
  return Normalized({mantissa * Pow10(s - scale) + o.mantissa * Pow10(s - o.scale), s});
}

bool Decimal::operator==(const Decimal& o) const {
  const Decimal a = Normalized(*this), b = Normalized(o);
  return a.mantissa == b.mantissa && a.scale == b.scale;
}

bool Decimal::operator<(const Decimal& o) const {
  const int s = std::max(scale, o.scale);
  return mantissa * Pow10(s - scale) < o.mantissa * Pow10(s - o.scale);
}

std::optional<Decimal> ParseDigits(std::string_view text, NumberStyle style) {
  text = Trim(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text = Trim(text.substr(1));
  }
  if (text.empty()) return std::nullopt;
  size_t dots = 0, commas = 0, digits = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (c == ',') ++commas;
    else if (c >= '0' && c <= '9') ++digits;
    else return std::nullopt;
  }
  if (digits == 0) return std::nullopt;
  // Decide which separator, if any, is the decimal mark.
  char decimal = 0;
  if (dots && commas) {
    decimal = text.find_last_of(".,") == text.rfind('.') ? '.' : ',';
    if ((decimal == '.' ? dots : commas) != 1) return std::nullopt;
  } else if (dots + commas == 1) {
    const char sep = dots ? '.' : ',';
    const size_t after = text.size() - text.find(sep) - 1;
    const bool vietnamese = style == NumberStyle::kVietnamese;
    if (after != 3 || text.find(sep) == 0) {
      decimal = sep;
    } else {
      decimal = (sep == ',') == vietnamese ? sep : 0;
    }
  }
  const char group = decimal == '.' ? ',' : (decimal == ',' ? '.' : (dots ? '.' : ','));
  // Grouping must be 1-3 digits, then groups of exactly 3.
  const size_t int_end = decimal ? text.find(decimal) : text.size();
  const std::string_view int_part = text.substr(0, int_end);
  if (int_part.find(group) != std::string_view::npos) {
    size_t pos = 0, first = int_part.find(group);
    if (first == 0 || first > 3) return std::nullopt;
    pos = first;
    while (pos != std::string_view::npos) {
      const size_t next = int_part.find(group, pos + 1);
      const size_t len = (next == std::string_view::npos ? int_part.size() : next) - pos - 1;
      if (len != 3) return std::nullopt;
      pos = next;
    }
  }
  Decimal d;
  bool in_fraction = false;
  for (char c : text) {
    if (c == decimal) {
      in_fraction = true;
    } else if (c >= '0' && c <= '9') {
      d.mantissa = d.mantissa * 10 + (c - '0');
      if (in_fraction) ++d.scale;
      if (!InRange(d)) return std::nullopt;
    }
  }
  d = Normalized(d);
  return negative ? d.Negated() : d;
}

std::optional<Decimal> ScaleWord(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, int>, 7> kScales = {{
      {"nghìn", 3}, {"ngàn", 3}, {"vạn", 4}, {"triệu", 6}, {"tr", 6}, {"tỷ", 9}, {"tỉ", 9},
  }};
  for (const auto& [w, exp] : kScales) {
    if (word == w) return Decimal{Pow10(exp), 0};
  }
  return std::nullopt;
}

bool ScaleWordAt(std::string_view text, size_t pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  size_t end = pos;
  while (end < text.size() && text[end] != ' ' && text[end] != ',' && text[end] != '.') ++end;
  return end > pos && ScaleWord(ToLower(text.substr(pos, end - pos))).has_value();
}

namespace {

enum class Kind { kDigit, kTen, kTens, kHundred, kScale, kZeroTens, kHalf, kPoint, kMinus, kNone };

struct Word {
  Kind kind;
  int value;
  bool needs_tens;  // "mốt", "lăm", "tư", "nhăm" read as digits only after mười/mươi
};

Word Classify(std::string_view w) {
  struct Entry {
    std::string_view word;
    Word info;
  };
  static constexpr Entry kWords[] = {
      {"không", {Kind::kDigit, 0, false}}, {"một", {Kind::kDigit, 1, false}},
      {"mốt", {Kind::kDigit, 1, true}},    {"hai", {Kind::kDigit, 2, false}},
      {"ba", {Kind::kDigit, 3, false}},    {"bốn", {Kind::kDigit, 4, false}},
      {"tư", {Kind::kDigit, 4, true}},     {"năm", {Kind::kDigit, 5, false}},
      {"lăm", {Kind::kDigit, 5, true}},    {"nhăm", {Kind::kDigit, 5, true}},
      {"sáu", {Kind::kDigit, 6, false}},   {"bảy", {Kind::kDigit, 7, false}},
      {"bẩy", {Kind::kDigit, 7, false}},   {"tám", {Kind::kDigit, 8, false}},
      {"chín", {Kind::kDigit, 9, false}},  {"mười", {Kind::kTen, 10, false}},
      {"mươi", {Kind::kTens, 10, false}},  {"chục", {Kind::kTens, 10, false}},
      {"trăm", {Kind::kHundred, 100, false}}, {"linh", {Kind::kZeroTens, 0, false}},
      {"lẻ", {Kind::kZeroTens, 0, false}}, {"rưỡi", {Kind::kHalf, 0, false}},
      {"rưởi", {Kind::kHalf, 0, false}},   {"phẩy", {Kind::kPoint, 0, false}},
      {"chấm", {Kind::kPoint, 0, false}},  {"âm", {Kind::kMinus, 0, false}},
  };
  for (const Entry& e : kWords) {
    if (e.word == w) return e.info;
  }
  if (ScaleWord(w)) return {Kind::kScale, 0, false};
  return {Kind::kNone, 0, false};
}

// A digit token, possibly with a k/M/G suffix ("100k", "1,2M").
std::optional<Decimal> DigitToken(std::string_view token, NumberStyle style) {
  if (auto d = ParseDigits(token, style)) return d;
  if (token.size() < 2) return std::nullopt;
  const char last = static_cast<char>(token.back() | 0x20);
  const int exponent = last == 'k' ? 3 : last == 'm' ? 6 : last == 'g' ? 9 : 0;
  if (exponent == 0) return std::nullopt;
  auto d = ParseDigits(token.substr(0, token.size() - 1), style);
  if (!d) return std::nullopt;
  return d->Times({Pow10(exponent), 0});
}

// The fraction after "phẩy": digit words read digit by digit ("một bốn" ->
// 14), a digit string as written, or a number in words ("hai mươi ba").
std::optional<std::string> FractionDigits(const std::vector<std::string_view>& tokens,
                                          NumberStyle style) {
  if (tokens.size() == 1 && std::all_of(tokens[0].begin(), tokens[0].end(),
                                        [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(tokens[0]);
  }
  std::string digits;
  bool all_single = true;
  for (std::string_view t : tokens) {
    const Word w = Classify(t);
    if (w.kind != Kind::kDigit || w.needs_tens) all_single = false;
    else digits.push_back(static_cast<char>('0' + w.value));
  }
  if (all_single && !digits.empty()) return digits;
  std::string joined;
  for (std::string_view t : tokens) joined.append(t).push_back(' ');
  auto n = ParseNumber(joined, style);
  if (!n || !n->IsInteger() || n->IsNegative()) return std::nullopt;
  return n->ToString();
}

}  // namespace

namespace {

// Digits and separators alone ("1.730", "74,4"): most amounts.  Such a token
// reads the same through ParseDigits alone, so it skips lower-casing and
// splitting into words.
bool IsPlainDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',';
  });
}

}  // namespace

std::optional<Decimal> ParseNumber(std::string_view raw, NumberStyle style) {
  if (const std::string_view trimmed = Trim(raw); IsPlainDigits(trimmed)) return ParseDigits(trimmed, style);
  const std::string lowered = ToLower(raw);
  std::vector<std::string_view> tokens = SplitWords(lowered);
  if (tokens.empty()) return std::nullopt;
  // "- 1.200.000": a detached sign.
  bool negative = false;
  if (tokens[0] == "-" || tokens[0] == "âm") {
    negative = true;
    tokens.erase(tokens.begin());
    if (tokens.empty()) return std::nullopt;
  }
  Decimal total, group;
  std::optional<Decimal> pending;
  Decimal last_scale;  // 0 until a scale word is applied
  Kind previous = Kind::kNone;
  bool seen_number = false;

  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view t = tokens[i];
    if (auto d = DigitToken(t, style)) {
      if (pending || previous == Kind::kTen || previous == Kind::kTens) return std::nullopt;
      pending = d;
      previous = Kind::kDigit;
      seen_number = true;
      continue;
    }
    const Word w = Classify(t);
    switch (w.kind) {
      case Kind::kDigit:
        if (pending) return std::nullopt;
        // "tư" also reads 4 after "linh"/"lẻ": "một trăm linh tư" is 104.
        if (w.needs_tens && previous != Kind::kTen && previous != Kind::kTens &&
            !(previous == Kind::kZeroTens && w.value == 4)) {
          return std::nullopt;
        }
        pending = Decimal::Integer(w.value);
        seen_number = true;
        break;
      case Kind::kTen:
        if (pending) return std::nullopt;
        group = group.Plus(Decimal::Integer(10));
        seen_number = true;
        break;
      case Kind::kTens:
        if (!pending && t == "mươi") return std::nullopt;
        group = group.Plus(pending.value_or(Decimal::Integer(1)).Times(Decimal::Integer(10)));
        pending.reset();
        seen_number = true;
        break;
      case Kind::kHundred:
        group = group.Plus(pending.value_or(Decimal::Integer(1)).Times(Decimal::Integer(100)));
        pending.reset();
        seen_number = true;
        break;
      case Kind::kZeroTens:
        if (previous != Kind::kHundred && previous != Kind::kScale) return std::nullopt;
        break;
      case Kind::kScale: {
        if (!seen_number && i != 0) return std::nullopt;
        const Decimal scale = *ScaleWord(t);
        Decimal x = group.Plus(pending.value_or(Decimal{}));
        if (x == Decimal{} && total == Decimal{}) x = Decimal::Integer(1);
        // A larger scale, or one right after another, scales everything
        // before it: "năm trăm nghìn tỷ", "một triệu triệu" (10^12).
        if (last_scale.mantissa != 0 && (last_scale < scale || previous == Kind::kScale)) {
          total = total.Plus(x).Times(scale);
        } else {
          total = total.Plus(x.Times(scale));
        }
        last_scale = scale;
        group = Decimal{};
        pending.reset();
        seen_number = true;
        break;
      }
      case Kind::kHalf:
        if (previous == Kind::kScale) {
          total = total.Plus(last_scale.Times(Decimal{5, 1}));
        } else if (previous == Kind::kHundred) {
          group = group.Plus(Decimal::Integer(50));
        } else {
          return std::nullopt;
        }
        break;
      case Kind::kPoint: {
        // The fraction runs to the next scale word or the end.
        size_t j = i + 1;
        while (j < tokens.size() && !ScaleWord(tokens[j])) ++j;
        if (j == i + 1 || (!pending && group == Decimal{})) return std::nullopt;
        auto digits = FractionDigits({tokens.begin() + i + 1, tokens.begin() + j}, style);
        if (!digits) return std::nullopt;
        Decimal whole = group.Plus(pending.value_or(Decimal{}));
        if (!whole.IsInteger()) return std::nullopt;
        Decimal frac;
        for (char c : *digits) frac.mantissa = frac.mantissa * 10 + (c - '0');
        frac.scale = static_cast<int>(digits->size());
        if (!InRange(frac)) return std::nullopt;
        pending = whole.Plus(frac);
        group = Decimal{};
        i = j - 1;
        previous = Kind::kDigit;
        continue;
      }
      case Kind::kMinus:
      case Kind::kNone:
        return std::nullopt;
    }
    previous = w.kind;
    if (!InRange(total) || !InRange(group)) return std::nullopt;
  }
  if (!seen_number) return std::nullopt;
  Decimal result = total.Plus(group).Plus(pending.value_or(Decimal{}));
  if (!InRange(result)) return std::nullopt;
  return negative ? result.Negated() : result;
}

std::optional<int> ParseRoman(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  auto value = [](char c) {
    switch (c | 0x20) {
      case 'i': return 1;
      case 'v': return 5;
      case 'x': return 10;
      case 'l': return 50;
      case 'c': return 100;
      case 'd': return 500;
      case 'm': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const int v = value(text[i]);
    if (v == 0) return std::nullopt;
    const int next = i + 1 < text.size() ? value(text[i + 1]) : 0;
    total += next > v ? -v : v;
  }
  // Reject non-canonical spellings such as "IIII" or "VX" by round trip.
  static constexpr std::pair<int, std::string_view> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string canonical;
  for (int rest = total; rest > 0;) {
    for (const auto& [v, s] : kParts) {
      if (rest >= v) {
        canonical.append(s);
        rest -= v;
        break;
      }
    }
  }
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(c | 0x20);
  if (total <= 0 || total > 3999 || canonical != lowered) return std::nullopt;
  return total;
}

}  // namespace solieu
