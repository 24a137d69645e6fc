#include "pipeline/docrefs.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>

#include "pipeline/builders.h"
#include "pipeline/dates.h"
#include "pipeline/rules.h"
#include "util/text.h"

namespace solieu {
namespace {

// The value of a group of 1 to 4 digits ("30", " 08"); 0 (no such day,
// month or year, so no date) for anything else.
int DigitsValue(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > 4) return 0;
  int value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return 0;
    value = value * 10 + (ch - '0');
  }
  return value;
}

using builder_internal::BuilderInfo;
using builder_internal::MakeDraft;

std::string ToUpper(std::string_view text) {
  std::string out;
  UErrorCode ec = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  icu::CaseMap::utf8ToUpper("", 0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                            sink, nullptr, ec);
  if (U_FAILURE(ec)) out.assign(text);
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos
                                                                     : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

std::string Join(const std::vector<std::string_view>& parts, size_t from, char sep) {
  std::string out;
  for (size_t i = from; i < parts.size(); ++i) {
    if (i > from) out.push_back(sep);
    out.append(parts[i]);
  }
  return out;
}

bool IsYear(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Lists from rules/: type words -> codes ("Nghị quyết" -> NQ), and the codes.
constexpr std::string_view kTypeWords = "DOCTYPE_WORDS";
constexpr std::string_view kTypeCodes = "DOCTYPE_CODES";

void BuildDocref(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  const RuleSet& rules = *c.rules;
  const std::string kind_code =
      m.Has("kind") ? std::string(rules.Lookup(kTypeWords, m.Group("kind"))) : std::string();
  DateParts issued;
  const bool has_date = m.Has("day") && m.Has("month") && m.Has("year");
  if (has_date) {
    issued.day = DigitsValue(m.Group("day"));
    issued.month = DigitsValue(m.Group("month"));
    issued.year = DigitsValue(m.Group("year"));
  }

  std::string sym = m.Has("sym") ? SymbolNorm(m.Group("sym")) : std::string();
  DocSymbol parsed;
  if (!sym.empty()) {
    parsed = ParseDocSymbol(sym);
    // A symbol's first code is a type only when the list knows it as one.
    if (!parsed.type.empty() && rules.List(kTypeCodes) != nullptr &&
        rules.List(kTypeCodes)->values.count(ToLower(parsed.type)) == 0) {
      parsed.issuer = parsed.type + (parsed.issuer.empty() ? "" : "-" + parsed.issuer);
      parsed.type.clear();
    }
  }

  auto make = [&](std::string_view number, size_t begin, size_t end) {
    const std::string num = SymbolNorm(number);
    std::string norm;
    if (!sym.empty()) {
      norm = num + sym;
    } else if (!kind_code.empty()) {
      norm = kind_code + " " + num;
    } else {
      return;
    }
    Draft d = MakeDraft(m, c, "docref", norm);
    d.begin = begin;
    d.end = end;
    const bool numeric =
        !num.empty() && std::all_of(num.begin(), num.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (numeric && num.size() < 16) {
      d.value.push_back(NumberField("number", std::to_string(std::stoll(num))));
    } else {
      d.value.push_back(StringField("number", num));
    }
    // The type word names the document better than the code: Party "QĐ"
    // is Quyết định or Quy định (reference B.3).
    const std::string& doc_type = !kind_code.empty() ? kind_code : parsed.type;
    if (!doc_type.empty()) d.value.push_back(StringField("doc_type", doc_type));
    if (!parsed.type.empty()) d.value.push_back(StringField("type_code", parsed.type));
    if (!parsed.issuer.empty()) d.value.push_back(StringField("issuer", parsed.issuer));
    if (parsed.year) d.value.push_back(NumberField("year", std::to_string(parsed.year)));
    if (has_date && IsValidDate(issued)) d.value.push_back(StringField("date", DateNorm(issued)));
    out->push_back(std::move(d));
  };

  if (m.Has("nums")) {
    // "các Nghị quyết số 18, 19-NQ/TW": every listed number takes the symbol.
    const std::string_view nums = m.Group("nums");
    const size_t base = m.Begin("nums");
    for (size_t i = 0; i < nums.size();) {
      if (!(nums[i] >= '0' && nums[i] <= '9')) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < nums.size() && ((nums[j] >= '0' && nums[j] <= '9') || (nums[j] >= 'a' && nums[j] <= 'z'))) ++j;
      make(nums.substr(i, j - i), base + i, base + j);
      i = j;
    }
  }
  // A listed number's span is its own; a single reference spans its type word too.
  if (m.Has("num")) make(m.Group("num"), m.Has("nums") ? m.Begin("num") : c.span_begin, c.span_end);
}

}  // namespace

std::string SymbolNorm(std::string_view text) {
  std::string compact;
  for (char ch : text) {
    if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') compact.push_back(ch);
  }
  return ToUpper(compact);
}

DocSymbol ParseDocSymbol(std::string_view symbol) {
  DocSymbol out;
  if (symbol.empty()) return out;
  if (symbol[0] == '-') {  // Party: N-TYPE/ISSUER
    const std::vector<std::string_view> parts = Split(symbol.substr(1), '/');
    out.type = std::string(parts[0]);
    out.issuer = Join(parts, 1, '/');
    return out;
  }
  std::vector<std::string_view> parts = Split(symbol.substr(symbol[0] == '/' ? 1 : 0), '/');
  size_t i = 0;
  if (i < parts.size() && IsYear(parts[i])) out.year = std::stoi(std::string(parts[i++]));
  if (i >= parts.size()) return out;
  const std::string rest = Join(parts, i, '/');
  const size_t dash = rest.find('-');
  if (dash == std::string::npos) {
    out.issuer = rest;  // "QH15", or a code the caller may read as a type
  } else {
    out.type = rest.substr(0, dash);
    out.issuer = rest.substr(dash + 1);
  }
  return out;
}

namespace builder_internal {
const std::vector<BuilderInfo>& DocrefBuilders() {
  static const std::vector<BuilderInfo> kBuilders = {
      {"docref", &BuildDocref, {"kind", "num", "nums", "sym", "day", "month", "year"}},
  };
  return kBuilders;
}
}  // namespace builder_internal

}  // namespace solieu
