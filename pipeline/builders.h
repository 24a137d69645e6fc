// Value builders: the only code that knows what a rule's captures mean.
//
// A rule names its builder (rules/README.md); the builder reads the named
// groups of a match and makes zero or more entity drafts with `norm` and
// typed `value` fields.  Returning no draft rejects the match (a day 31 in
// February, a year outside any plausible range), and the match then takes
// part in no overlap resolution.
//
// Builders are pure functions of the match and the context.
#ifndef SOLIEU_PIPELINE_BUILDERS_H_
#define SOLIEU_PIPELINE_BUILDERS_H_

#include <re2/re2.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/numbers.h"
#include "pipeline/types.h"
#include "util/status.h"

namespace solieu {

class RuleSet;
struct Rule;

// One match of a rule in a sentence.
struct Match {
  const Rule* rule = nullptr;
  std::string_view text;                        // the document's normalized text
  std::span<const re2::StringPiece> groups;     // [0] is the whole match; a view, not a copy

  // The named group's text; empty when the group did not take part.
  std::string_view Group(std::string_view name) const;
  bool Has(std::string_view name) const { return Group(name).data() != nullptr; }
  // Offsets of a named group in `text`; REQUIRES: Has(name).
  size_t Begin(std::string_view name) const;
  size_t End(std::string_view name) const;
};

struct Draft {
  std::string type;
  std::string norm;
  Fields value;
  size_t begin = 0, end = 0;  // in the normalized text
};

struct BuildContext {
  const RuleSet* rules = nullptr;
  NumberStyle style = NumberStyle::kVietnamese;
  size_t span_begin = 0, span_end = 0;  // the rule's span in the text
};

// Appends the drafts the rule's builder makes of `match`.
void Build(const Match& match, const BuildContext& context, std::vector<Draft>* out);

// At load time: checks that `rule` names a known builder and only capture
// groups that builder reads, and records the builder in the rule.
Status ResolveBuilder(Rule* rule);

// Helpers shared by the builders' files.
namespace builder_internal {
using BuildFn = void (*)(const Match&, const BuildContext&, std::vector<Draft>*);
struct BuilderInfo {
  const char* name;
  BuildFn fn;
  std::vector<std::string_view> groups;  // the capture names it reads
};
const std::vector<BuilderInfo>& DateBuilders();
const std::vector<BuilderInfo>& DocrefBuilders();
const std::vector<BuilderInfo>& FigureBuilders();
const std::vector<BuilderInfo>& PlaceBuilders();

// The value fields a draft holds at most but for a docref's (up to six).
inline constexpr size_t kDraftFields = 4;
Draft MakeDraft(const Match& m, const BuildContext& c, std::string type, std::string norm);
}  // namespace builder_internal

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_BUILDERS_H_
