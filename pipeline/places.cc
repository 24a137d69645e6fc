#include "pipeline/places.h"

#include <algorithm>

#include "pipeline/builders.h"
#include "util/text.h"

namespace solieu {
namespace {

using builder_internal::BuilderInfo;
using builder_internal::MakeDraft;

constexpr std::string_view kProvinces = "PROVINCES";
constexpr std::string_view kDistricts = "DISTRICTS";

// PROVINCES values: "level" or "level<TAB>canonical name".
void SplitProvinceValue(std::string_view value, std::string* level, std::string* canonical) {
  const size_t tab = value.find('\t');
  *level = std::string(Trim(value.substr(0, tab)));
  if (tab != std::string_view::npos) *canonical = std::string(Trim(value.substr(tab + 1)));
}

// Words of `text` as views, whatever the whitespace between them.
std::vector<std::string_view> Words(std::string_view text) { return SplitWords(text); }

std::string JoinWords(const std::vector<std::string_view>& words, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.append(i ? " " : "").append(words[i]);
  return out;
}

void BuildPlace(const Match& m, const BuildContext& c, std::vector<Draft>* out) {
  const RuleSet& rules = *c.rules;
  if (m.Has("country")) {
    Draft d = MakeDraft(m, c, "place", std::string(kCountryName));
    d.value.push_back(StringField("level", std::string(kCountryLevel)));
    d.value.push_back(StringField("name", std::string(kCountryName)));
    out->push_back(std::move(d));
    return;
  }
  std::string level;
  if (m.Has("level")) level = std::string(rules.Lookup("ADMIN_LEVELS", m.Group("level")));
  if (m.Has("organ")) level = std::string(rules.Lookup("ORGAN_LEVELS", m.Group("organ")));
  if (!m.Has("name")) return;
  std::string name = CollapseSpaces(m.Group("name"));
  // A known name cuts what follows it; an unknown one keeps at most three words.
  std::string known = LongestKnownName(rules, name);
  if (!known.empty()) {
    name = known;
  } else {
    const auto words = Words(name);
    name = JoinWords(words, std::min<size_t>(words.size(), 3));
  }
  if (level.empty()) {
    std::string canonical;
    SplitProvinceValue(rules.Lookup(kProvinces, name), &level, &canonical);
    if (!canonical.empty()) name = canonical;
    if (level.empty()) level = GazetteerLevel(rules, name);
  } else if (level == "tỉnh" || level == "thành phố") {
    std::string province_level, canonical;
    SplitProvinceValue(rules.Lookup(kProvinces, name), &province_level, &canonical);
    if (!canonical.empty()) name = canonical;
    // Every province is listed: after "tỉnh" or "Tỉnh ủy" an unknown name is
    // something else ("cơ quan Tỉnh Hội", "UBKT Tỉnh ủy Phan Xuân Lĩnh").
    if (level == "tỉnh" && province_level.empty()) return;
  }
  if (level.empty() || name.empty()) return;
  Draft d = MakeDraft(m, c, "place", ScopeName(level, name));
  // The span ends with the name, not with what the pattern allowed after it.
  const size_t name_at = m.Begin("name");
  const std::string_view raw = m.text.substr(name_at, m.End("name") - name_at);
  size_t consumed = 0, words = 0;
  const size_t want = Words(name).size();
  while (consumed < raw.size() && words < want) {
    while (consumed < raw.size() && raw[consumed] == ' ') ++consumed;
    while (consumed < raw.size() && raw[consumed] != ' ') ++consumed;
    ++words;
  }
  d.end = std::min(d.end, name_at + consumed);
  d.value.push_back(StringField("level", level));
  d.value.push_back(StringField("name", name));
  out->push_back(std::move(d));
}

}  // namespace

std::string ScopeName(std::string_view level, std::string_view name) {
  if (level == kCountryLevel) return std::string(kCountryName);
  if (level.empty()) return std::string(name);
  return std::string(level) + " " + std::string(name);
}

std::string GazetteerLevel(const RuleSet& rules, std::string_view name, std::string* province) {
  std::string level, canonical;
  SplitProvinceValue(rules.Lookup(kProvinces, name), &level, &canonical);
  if (!level.empty()) return level;
  const std::string_view districts = rules.Lookup(kDistricts, name);
  if (districts.empty()) return "";
  // "huyện|Kon Tum;thị xã|..." : the first reading.
  const std::string_view first = districts.substr(0, districts.find(';'));
  const size_t bar = first.find('|');
  if (province != nullptr && bar != std::string_view::npos) *province = std::string(first.substr(bar + 1));
  return std::string(first.substr(0, bar));
}

// RuleSet::Canonical would collapse and lower-case each of the (up to ten)
// candidates afresh; lowering the text once gives the same keys, since
// lowering neither makes nor removes a space between words.
std::string LongestKnownName(const RuleSet& rules, std::string_view text) {
  const std::string lowered = ToLower(text);
  const auto words = Words(lowered);
  const WordList* const lists[] = {rules.List(kProvinces), rules.List(kDistricts)};
  std::string key;
  for (size_t n = std::min<size_t>(words.size(), 5); n > 0; --n) {
    key.clear();
    for (size_t i = 0; i < n; ++i) key.append(i ? " " : "").append(words[i]);
    for (const WordList* list : lists) {
      if (list == nullptr) continue;
      const auto it = list->index.find(key);
      if (it != list->index.end() && !list->entries[it->second].empty()) return list->entries[it->second];
    }
  }
  return "";
}

UrlGazetteer::UrlGazetteer(const RuleSet& rules) {
  for (std::string_view list : {kDistricts, kProvinces}) {
    const WordList* words = rules.List(list);
    if (words == nullptr) continue;
    for (const std::string& entry : words->entries) {
      std::string compact, dashed;
      for (char ch : FoldDiacritics(entry)) {
        if (ch == ' ' || ch == '-' || ch == '\'') {
          if (!dashed.empty() && dashed.back() != '-') dashed.push_back('-');
          continue;
        }
        compact.push_back(ch);
        dashed.push_back(ch);
      }
      if (compact.size() < 4) continue;  // "lak" is too easy to find by chance
      std::string level = GazetteerLevel(rules, entry), name = entry, canonical;
      if (list == kProvinces) SplitProvinceValue(rules.Lookup(kProvinces, entry), &level, &canonical);
      if (!canonical.empty()) name = canonical;
      known_.push_back({compact, dashed, name, level, list == kProvinces});
    }
  }
  for (size_t i = 0; i < known_.size(); ++i) {
    const Known& k = known_[i];
    by_compact_[k.compact].push_back(i);
    if (k.dashed.find('-') != std::string::npos) by_dashed_[k.dashed].push_back(i);
    longest_form_ = std::max({longest_form_, k.compact.size(), k.dashed.size()});
  }
}

// The known name whose compact form `label` holds, the longest; of equally
// long ones, the first known.
const UrlGazetteer::Known* UrlGazetteer::LongestInLabel(std::string_view label) const {
  const Known* best = nullptr;
  size_t best_index = 0;
  for (size_t begin = 0; begin < label.size(); ++begin) {
    for (size_t size = 1; size <= longest_form_ && begin + size <= label.size(); ++size) {
      const auto it = by_compact_.find(label.substr(begin, size));
      if (it == by_compact_.end()) continue;
      const size_t index = it->second.front();
      if (best == nullptr || size > best->compact.size() || (size == best->compact.size() && index < best_index)) {
        best = &known_[index];
        best_index = index;
      }
    }
  }
  return best;
}

// Where in `padded` ("-" + path + "-") each known name first stands between
// separators, as its dashed form or, as a whole segment, its compact one: a
// name's first place for each of its forms, known by known, dashed form
// first.
std::vector<std::pair<size_t, const UrlGazetteer::Known*>> UrlGazetteer::FirstInPath(std::string_view padded) const {
  const auto boundary = [](char ch) { return ch == '-' || ch == '/' || ch == '_' || ch == '.' || ch == '?'; };
  std::vector<size_t> cuts;  // the separators' positions, then the end
  for (size_t i = 0; i < padded.size(); ++i) {
    if (boundary(padded[i])) cuts.push_back(i);
  }
  cuts.push_back(padded.size());
  struct Hit {
    size_t known;
    bool compact;  // the compact form, else the dashed one
    size_t at;
  };
  std::vector<Hit> hits;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    const size_t at = cuts[i] + 1;
    for (size_t j = i + 1; j < cuts.size() && cuts[j] - at <= longest_form_; ++j) {
      const size_t after = cuts[j];
      const std::string_view piece = padded.substr(at, after - at);
      if (const auto it = by_dashed_.find(piece); it != by_dashed_.end()) {
        for (size_t k : it->second) hits.push_back({k, false, at});
      }
      const bool segment = padded[at - 1] == '/' && (after >= padded.size() || padded[after] == '/');
      if (const auto it = by_compact_.find(piece); segment && it != by_compact_.end()) {
        for (size_t k : it->second) hits.push_back({k, true, at});
      }
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.known != b.known) return a.known < b.known;
    if (a.compact != b.compact) return b.compact;
    return a.at < b.at;
  });
  std::vector<std::pair<size_t, const Known*>> first;
  for (size_t h = 0; h < hits.size(); ++h) {
    if (h > 0 && hits[h].known == hits[h - 1].known && hits[h].compact == hits[h - 1].compact) continue;
    first.emplace_back(hits[h].at, &known_[hits[h].known]);
  }
  return first;
}

namespace {

// Whether a level word stands in `path` right before the piece at `at`
// ("/huyen-vu-thu-..." but not "/san-xuat-vu-thu-dong-2019": a district's two
// syllables, accents folded, are too often two ordinary words).
bool LevelWordBefore(std::string_view path, size_t at) {
  static constexpr std::string_view kLevels[] = {"huyen-", "quan-", "thi-xa-", "tx-", "thanh-pho-", "tp-"};
  const std::string_view before = path.substr(0, at);
  for (std::string_view level : kLevels) {
    if (!before.ends_with(level)) continue;
    const size_t word = before.size() - level.size();
    if (word == 0 || std::string_view("-/_.").find(before[word - 1]) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<Scope> UrlGazetteer::Find(std::string_view url) const {
  std::vector<Scope> found;
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  const size_t path_at = url.find('/', start);
  const std::string host =
      ToLower(url.substr(start, path_at == std::string_view::npos ? url.npos : path_at - start));
  const std::string path = path_at == std::string_view::npos ? "" : ToLower(url.substr(path_at));
  auto add = [&](const Known& k, const char* source) {
    const std::string scope = ScopeName(k.level, k.name);
    for (const Scope& s : found) {
      if (s.name == scope) return;
    }
    found.push_back({scope, k.level, source});
  };
  // Host labels, left to right: the most specific unit comes first
  // ("hiephoa.bacgiang.gov.vn"). A label holding a name counts ("baokontum").
  size_t label_start = 0;
  while (label_start < host.size()) {
    const size_t dot = host.find('.', label_start);
    const std::string_view label = std::string_view(host).substr(
        label_start, dot == std::string::npos ? std::string::npos : dot - label_start);
    if (const Known* best = LongestInLabel(label)) add(*best, "outlet");
    if (dot == std::string::npos) break;
    label_start = dot + 1;
  }
  // Path words: a name between separators, dashed ("/lang-son-90-...") or,
  // as a whole segment, compact ("/khanhhoa/"). One-word dashed names are too
  // ambiguous in a slug.
  std::vector<std::pair<size_t, const Known*>> in_path = FirstInPath("-" + path + "-");
  std::erase_if(in_path, [&](const auto& m) {
    return !m.second->province && !LevelWordBefore(path, m.first - 1);
  });
  // At one place the longer name wins ("ba-ria-vung-tau" over "ba-ria").
  std::sort(in_path.begin(), in_path.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second->dashed.size() > b.second->dashed.size();
  });
  std::vector<std::pair<size_t, const Known*>> kept;
  for (const auto& m : in_path) {
    if (!kept.empty() && m.first < kept.back().first + kept.back().second->dashed.size()) continue;
    kept.push_back(m);
  }
  in_path.swap(kept);
  for (const auto& [at, k] : in_path) add(*k, "url");
  return found;
}

namespace builder_internal {
const std::vector<BuilderInfo>& PlaceBuilders() {
  static const std::vector<BuilderInfo> kBuilders = {
      {"place", &BuildPlace, {"level", "organ", "name", "country"}},
  };
  return kBuilders;
}
}  // namespace builder_internal

}  // namespace solieu
