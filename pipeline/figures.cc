#include "pipeline/figures.h"

#include <optional>

#include "pipeline/builders.h"
#include "pipeline/numbers.h"
#include "pipeline/rules.h"
#include "util/text.h"

namespace solieu {
namespace {

using builder_internal::BuilderInfo;
using builder_internal::MakeDraft;

std::optional<Decimal> Amount(const Match& m, const BuildContext& c, std::string_view group) {
  if (!m.Has(group)) return std::nullopt;
  auto value = ParseNumber(m.Group(group), c.style);
  if (!value) return std::nullopt;
  if (m.Has("scale")) {
    auto scale = ScaleWord(ToLower(Trim(m.Group("scale"))));
    if (!scale) return std::nullopt;
    value = value->Times(*scale);
  }
  return value;
}

void AddQualifier(const Match& m, Fields* value) {
  if (m.Has("qual")) value->push_back(StringField("qualifier", ToLower(CollapseSpaces(m.Group("qual")))));
}

// One draft per end of a range; the first ends where its number ends.
template <typename MakeFn>
void EachAmount(const Match& m, const BuildContext& c, std::vector<Draft>* out, MakeFn make) {
  auto first = Amount(m, c, "num");
  if (!first) return;
  auto second = Amount(m, c, "num2");
  if (m.Has("num2") && !second) return;
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
  AddQualifier(m, &d.value);
  out->push_back(std::move(d));
}

void BuildCount(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  EachAmount(m, c, out, [&](const Decimal& v) -> std::optional<Draft> {
    if (!v.IsInteger()) return std::nullopt;
    Draft d = MakeDraft(m, c, "count", v.ToString());
    d.value.push_back(NumberField("value", v.ToString()));
    if (m.Has("unit")) d.value.push_back(StringField("unit", ToLower(CollapseSpaces(m.Group("unit")))));
    AddQualifier(m, &d.value);
    return d;
  });
}

void BuildMoney(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  std::string currency(m.rule->Arg("currency"));
  if (m.Has("cur")) currency = std::string(c.rules->Lookup("CURRENCIES", m.Group("cur")));
  if (currency.empty()) return;
  EachAmount(m, c, out, [&](const Decimal& v) -> std::optional<Draft> {
    Draft d = MakeDraft(m, c, "money", v.ToString() + " " + currency);
    d.value.push_back(NumberField("amount", v.ToString()));
    d.value.push_back(StringField("currency", currency));
    AddQualifier(m, &d.value);
    return d;
  });
}

void BuildQuantity(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  if (!m.Has("unit")) return;
  const std::string unit = UnitNorm(m.Group("unit"));
  EachAmount(m, c, out, [&](const Decimal& v) -> std::optional<Draft> {
    Draft d = MakeDraft(m, c, "quantity", v.ToString() + " " + unit);
    d.value.push_back(NumberField("amount", v.ToString()));
    d.value.push_back(StringField("unit", unit));
    AddQualifier(m, &d.value);
    return d;
  });
}

void BuildRatio(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  auto a = m.Has("a") ? ParseNumber(m.Group("a"), c.style) : std::nullopt;
  auto b = m.Has("b") ? ParseNumber(m.Group("b"), c.style) : std::nullopt;
  if (!a || !b || b->mantissa == 0 || *b < *a) return;
  Draft d = MakeDraft(m, c, "ratio", a->ToString() + "/" + b->ToString());
  d.value.push_back(NumberField("numerator", a->ToString()));
  d.value.push_back(NumberField("denominator", b->ToString()));
  if (m.Has("unit")) d.value.push_back(StringField("unit", ToLower(CollapseSpaces(m.Group("unit")))));
  AddQualifier(m, &d.value);
  out->push_back(std::move(d));
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
  std::string u = ToLower(CollapseSpaces(unit));
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
      {"count", &BuildCount, {"num", "num2", "scale", "unit", "qual"}},
      {"money", &BuildMoney, {"num", "num2", "scale", "cur", "qual"}},
      {"quantity", &BuildQuantity, {"num", "num2", "scale", "unit", "qual"}},
      {"ratio", &BuildRatio, {"a", "b", "unit", "qual"}},
      {"number", &BuildNumber, {"num", "scale"}},
  };
  return kBuilders;
}
}  // namespace builder_internal

}  // namespace solieu
