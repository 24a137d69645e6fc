// Places: the administrative units and organizations figures belong to.
//
// Mentions in text are found by rules of type "place" (rules/place.rules)
// through the value builder "place"; their norm is the scope as
// INDICATORS.md writes it: the level word in lower case, then the name
// ("huyện Kon Rẫy", "tỉnh Bà Rịa - Vũng Tàu"), or "Việt Nam".  Names are
// checked against the gazetteer lists PROVINCES and DISTRICTS (rules/lists)
// to cut what follows a name ("Huyện ủy Kon Rẫy Nguyễn Quang Thạch") and to
// give bare names a level ("Kon Rẫy:" in a title is a huyện).
//
// Capture groups read by the builder "place": level (a level word, read
// through the list ADMIN_LEVELS), organ (a Party or State organ named after
// its level: "Huyện ủy", read through ORGAN_LEVELS), name, country (any
// text: the whole country).
#ifndef SOLIEU_PIPELINE_PLACES_H_
#define SOLIEU_PIPELINE_PLACES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/types.h"
#include "util/text.h"

namespace solieu {

inline constexpr std::string_view kCountryLevel = "quốc gia";
inline constexpr std::string_view kCountryName = "Việt Nam";

// A scope from a level and a name: "huyện Kon Rẫy"; the country is "Việt Nam".
std::string ScopeName(std::string_view level, std::string_view name);

// The level of a bare place name by the gazetteer ("Kon Rẫy" -> huyện,
// "Quảng Bình" -> tỉnh, "Hà Nội" -> thành phố); provinces first. Empty when
// the name is in no list. `province`, when given, receives the province a
// district lies in.
std::string GazetteerLevel(const RuleSet& rules, std::string_view name, std::string* province = nullptr);

// The longest known place name at the start of `words` ("Kon Rẫy Nguyễn
// Quang" -> "Kon Rẫy"), or "" when none.
std::string LongestKnownName(const RuleSet& rules, std::string_view words);

// Places a web address names, most specific first: the host's labels
// ("bachthong.gov.vn" -> huyện Bạch Thông; "hiephoa.bacgiang.gov.vn" ->
// huyện Hiệp Hòa, then tỉnh Bắc Giang; "baokontum.com.vn" -> tỉnh Kon Tum;
// source "outlet") and then the words of its path ("/lang-son-90-dan-so..."
// -> tỉnh Lạng Sơn; a district only after its level word, "/huyen-vu-thu";
// source "url"). Names are compared ASCII-folded.
//
// Thread safety: immutable after construction, which folds every name once.
class UrlGazetteer {
 public:
  explicit UrlGazetteer(const RuleSet& rules);
  std::vector<Scope> Find(std::string_view url) const;

 private:
  struct Known {
    std::string compact, dashed;  // "kontum", "kon-tum"
    std::string name, level;
    bool province = false;  // from the list of provinces, else of districts
  };
  // A form -> the known_ that have it, in known_ order; asked about a piece
  // of an address without copying it.
  using FormIndex = std::unordered_map<std::string, std::vector<size_t>, ViewHash, std::equal_to<>>;

  const Known* LongestInLabel(std::string_view label) const;
  std::vector<std::pair<size_t, const Known*>> FirstInPath(std::string_view padded) const;

  std::vector<Known> known_;
  // Find looks up the pieces of an address in these, rather than searching
  // the address for each of the hundreds of names.
  FormIndex by_compact_;
  FormIndex by_dashed_;  // names of two words or more: a one-word one is too ambiguous in a slug
  size_t longest_form_ = 0;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_PLACES_H_
