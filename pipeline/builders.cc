#include "pipeline/builders.h"

#include "pipeline/rules.h"

namespace solieu {
namespace {

using builder_internal::BuilderInfo;

void BuildNothing(const Match&, const BuildContext&, std::vector<Draft>*) {}

const std::vector<const BuilderInfo*>& Registry() {
  static const std::vector<BuilderInfo> kOwn = {
      {"block", &BuildNothing, {}},
      {"segment", &BuildNothing, {}},
  };
  static const std::vector<const BuilderInfo*> registry = [] {
    std::vector<const BuilderInfo*> all;
    for (const auto* list : {&kOwn, &builder_internal::DateBuilders(),
                             &builder_internal::DocrefBuilders(),
                             &builder_internal::FigureBuilders(),
                             &builder_internal::PlaceBuilders()}) {
      for (const BuilderInfo& b : *list) all.push_back(&b);
    }
    return all;
  }();
  return registry;
}

}  // namespace

// A rule names a handful of groups: a scan that compares lengths first beats
// the map's find, which builds a std::string key and compares at each node.
std::string_view Match::Group(std::string_view name) const {
  for (const auto& [group, index] : *rule->named_groups) {
    if (group != name) continue;
    if (static_cast<size_t>(index) >= groups.size()) return {};
    const re2::StringPiece g = groups[index];
    return g.data() ? std::string_view(g.data(), g.size()) : std::string_view();
  }
  return {};
}

size_t Match::Begin(std::string_view name) const { return Group(name).data() - text.data(); }
size_t Match::End(std::string_view name) const { return Begin(name) + Group(name).size(); }

void Build(const Match& match, const BuildContext& context, std::vector<Draft>* out) {
  Registry()[match.rule->builder_index]->fn(match, context, out);
}

Status ResolveBuilder(Rule* rule) {
  const auto& registry = Registry();
  for (size_t i = 0; i < registry.size(); ++i) {
    if (rule->builder != registry[i]->name) continue;
    for (const auto& [group, index] : rule->re->NamedCapturingGroups()) {
      if (group == "span") continue;
      bool known = false;
      for (std::string_view g : registry[i]->groups) known |= g == group;
      if (!known) {
        std::string allowed;
        for (std::string_view g : registry[i]->groups) allowed.append(" ").append(g);
        return Status::InvalidArgument("builder '" + rule->builder + "' reads no group '" +
                                       group + "' (it reads: span" + allowed + ")");
      }
    }
    if (rule->builder == "table_row" && rule->type != "count" && rule->type != "quantity" &&
        rule->type != "percent") {
      return Status::InvalidArgument("builder 'table_row' makes counts, quantities or percents, not " +
                                     rule->type);
    }
    rule->builder_index = static_cast<int>(i);
    return Status::Ok();
  }
  std::string names;
  for (const auto* b : registry) names.append(" ").append(b->name);
  return Status::InvalidArgument("unknown builder '" + rule->builder + "' (known:" + names + ")");
}

namespace builder_internal {

Draft MakeDraft(const Match&, const BuildContext& c, std::string type, std::string norm) {
  Draft d;
  d.type = std::move(type);
  d.norm = std::move(norm);
  d.begin = c.span_begin;
  d.end = c.span_end;
  // Growing by push_back (1, 2, 4) cost up to three allocations per draft.
  d.value.reserve(kDraftFields);
  return d;
}

}  // namespace builder_internal
}  // namespace solieu
