#include "pipeline/audit.h"

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "util/text.h"

namespace solieu {

std::string NumberLiteral(double value) {
  if (!std::isfinite(value)) return "null";
  if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

using Json = nlohmann::ordered_json;

namespace audit_internal {

// ---------------------------------------------------------------------------
// Storage: interned strings and an arena of sentences.

// Interned strings; id 0 is "" (a missing field).  Ids are stable.
class StringPool {
 public:
  StringPool() { Intern(""); }
  uint32_t Intern(std::string_view s) {
    if (auto it = index_.find(s); it != index_.end()) return it->second;
    const auto id = static_cast<uint32_t>(strings_.size());
    strings_.emplace_back(s);
    index_.emplace(strings_.back(), id);
    return id;
  }
  const std::string& Get(uint32_t id) const { return strings_[id]; }

 private:
  std::deque<std::string> strings_;  // a deque: views into it stay valid as it grows
  std::unordered_map<std::string_view, uint32_t> index_;
};

// Sentences, appended into fixed chunks so that growing never copies what is
// stored (a doubling std::string would briefly need twice the memory).
class Arena {
 public:
  static constexpr size_t kChunk = size_t{4} << 20;
  // Returns the handle of a copy of `s`.
  uint64_t Add(std::string_view s) {
    if (chunks_.empty() || chunks_.back().size() + s.size() > chunks_.back().capacity()) {
      chunks_.emplace_back();
      chunks_.back().reserve(std::max(kChunk, s.size()));
    }
    const uint64_t handle = (static_cast<uint64_t>(chunks_.size() - 1) << 40) | chunks_.back().size();
    chunks_.back().append(s);
    return handle;
  }
  std::string_view Get(uint64_t handle, uint32_t length) const {
    return std::string_view(chunks_[handle >> 40]).substr(handle & ((uint64_t{1} << 40) - 1), length);
  }

 private:
  std::vector<std::string> chunks_;
};

}  // namespace audit_internal

namespace {

// ---------------------------------------------------------------------------
// Folding of scopes, measures and baselines into keys.

std::vector<std::string_view> Tokens(std::string_view folded) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t j = i;
    while (j < folded.size() && folded[j] != ' ') ++j;
    if (j > i) tokens.push_back(folded.substr(i, j - i));
    i = j;
  }
  return tokens;
}

std::string Join(const std::vector<std::string_view>& tokens, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < tokens.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(tokens[i]);
  }
  return out;
}

// FoldDiacritics, then every character that is not a letter or a digit
// (ICU) as a space, runs of spaces as one: "Bà Rịa – Vũng Tàu" -> "ba ria
// vung tau".
std::string FoldPhrase(std::string_view text) {
  const std::string folded = FoldDiacritics(text);
  std::string out;
  out.reserve(folded.size());
  bool space = true;
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  const auto length = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isalnum(c)) {
      out.append(folded, begin, i - begin);
      space = false;
    } else if (!space) {
      out.push_back(' ');
      space = true;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

using Abbreviations = std::map<std::string, std::string, std::less<>>;

// Abbreviations every document may use without defining them, folded.
const Abbreviations& BuiltinAbbreviations() {
  static const Abbreviations* const kTable = new Abbreviations{
      {"tp", "thanh pho"},
      {"tx", "thi xa"},
      {"ubnd", "uy ban nhan dan"},
      {"hdnd", "hoi dong nhan dan"},
      {"mttq", "mat tran to quoc"},
      {"hcm", "ho chi minh"},
  };
  return *kTable;
}

// Expands abbreviation tokens: the document's definitions first.
std::string Expand(std::string_view folded, const Abbreviations& defined) {
  std::string out;
  for (std::string_view token : Tokens(folded)) {
    if (!out.empty()) out.push_back(' ');
    if (auto it = defined.find(token); it != defined.end()) {
      out.append(it->second);
    } else if (auto b = BuiltinAbbreviations().find(token); b != BuiltinAbbreviations().end()) {
      out.append(b->second);
    } else {
      out.append(token);
    }
  }
  return out;
}

bool StartsWithTokens(const std::vector<std::string_view>& tokens, size_t at,
                      std::initializer_list<std::string_view> words) {
  if (tokens.size() < at + words.size()) return false;
  size_t i = at;
  for (std::string_view w : words) {
    if (tokens[i++] != w) return false;
  }
  return true;
}

bool IsLevelWord(std::string_view token) {
  return token == "tinh" || token == "thanh" || token == "huyen" || token == "quan" || token == "thi" ||
         token == "xa" || token == "phuong";
}

// An expanded, folded scope with the organ in front of the place dropped.
std::string ScopeKey(std::string_view expanded) {
  std::vector<std::string_view> tokens = Tokens(expanded);
  for (std::initializer_list<std::string_view> organ :
       {std::initializer_list<std::string_view>{"uy", "ban", "nhan", "dan"},
        {"hoi", "dong", "nhan", "dan"},
        {"mat", "tran", "to", "quoc"},
        {"dang", "bo"},
        {"dang", "uy"}}) {
    if (StartsWithTokens(tokens, 0, organ) && tokens.size() > organ.size() && IsLevelWord(tokens[organ.size()])) {
      return Join(tokens, organ.size());
    }
  }
  // "Huyện ủy X" -> "huyện X": the party committee stands for its place.
  if (tokens.size() > 2 && tokens[1] == "uy") {
    const std::string_view level = tokens[0];
    std::string rest = Join(tokens, 2);
    if (level == "huyen" || level == "tinh" || level == "quan" || level == "xa" || level == "phuong") {
      return std::string(level) + " " + rest;
    }
    if (level == "thanh") return "thanh pho " + rest;
    if (level == "thi") return "thi xa " + rest;
  }
  return std::string(expanded);
}

std::string MeasureKey(std::string_view expanded, bool count) {
  std::vector<std::string_view> tokens = Tokens(expanded);
  if (count) {
    size_t drop = 0;
    if (StartsWithTokens(tokens, 0, {"tong", "so"}) || StartsWithTokens(tokens, 0, {"so", "luong"})) {
      drop = 2;
    } else if (StartsWithTokens(tokens, 0, {"so"})) {
      drop = 1;
    }
    if (tokens.size() > drop) return Join(tokens, drop);
  }
  return std::string(expanded);
}

bool ContainsTokens(const std::vector<std::string_view>& tokens, std::initializer_list<std::string_view> words) {
  for (size_t i = 0; i + words.size() <= tokens.size(); ++i) {
    if (StartsWithTokens(tokens, i, words)) return true;
  }
  return false;
}

std::string BaselineKey(std::string_view baseline) {
  const std::string folded = FoldPhrase(baseline);
  std::vector<std::string_view> tokens = Tokens(folded);
  if (tokens.empty()) return "";
  for (auto words : {std::initializer_list<std::string_view>{"chi", "tieu"},
                     {"ke", "hoach"}, {"du", "toan"}, {"muc", "tieu"}, {"nghi", "quyet"}}) {
    if (ContainsTokens(tokens, words)) return "plan";
  }
  if (ContainsTokens(tokens, {"cung", "ky"})) return "same period";
  for (auto words : {std::initializer_list<std::string_view>{"dau", "nhiem", "ky"},
                     {"dau", "nam"}, {"dau", "ky"}}) {
    if (ContainsTokens(tokens, words)) return "start";
  }
  size_t from = 0;
  if (StartsWithTokens(tokens, 0, {"so", "voi"})) from = 2;
  else if (StartsWithTokens(tokens, 0, {"so"}) || StartsWithTokens(tokens, 0, {"bang"})) from = 1;
  return Join(tokens, from);
}

// "X (ABBR)" definitions in `text`: ABBR of 2 to 10 capital letters (A-Z,
// Đ), digits, '-' or '&'; X the words just before the parenthesis whose
// initials, folded, spell ABBR's letters.
void FindDefinitions(std::string_view text, Abbreviations* out, size_t* found) {
  size_t open = 0;
  while ((open = text.find('(', open)) != std::string_view::npos) {
    const size_t close = text.find(')', open + 1);
    if (close == std::string_view::npos) return;
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    bool ok = inside.size() >= 2 && inside.size() <= 24;
    size_t letters = 0;
    for (size_t i = 0; ok && i < inside.size(); ++i) {
      const auto c = static_cast<unsigned char>(inside[i]);
      if (c >= 'A' && c <= 'Z') {
        ++letters;
      } else if (c == 0xC4 && i + 1 < inside.size() && static_cast<unsigned char>(inside[i + 1]) == 0x90) {
        ++letters;  // Đ
        ++i;
      } else if (!((c >= '0' && c <= '9') || c == '-' || c == '&')) {
        ok = false;
      }
    }
    if (ok && letters >= 2 && letters <= 10) {
      std::string abbr;
      for (char c : FoldPhrase(inside)) {
        if (c >= 'a' && c <= 'z') abbr.push_back(c);
      }
      const std::string before = FoldPhrase(text.substr(0, open));
      const std::vector<std::string_view> words = Tokens(before);
      if (words.size() >= abbr.size()) {
        std::string initials;
        const size_t from = words.size() - abbr.size();
        for (size_t i = from; i < words.size(); ++i) initials.push_back(words[i][0]);
        if (initials == abbr && !out->count(abbr)) {
          (*out)[abbr] = Join(words, from);
          ++*found;
        }
      }
    }
    open = close;
  }
}

// ---------------------------------------------------------------------------
// Reading fields of a parsed line without trusting their types.

std::string_view StringAt(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

bool NumberAt(const Json& obj, const char* key, double* out) {
  if (!obj.is_object()) return false;
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return false;
  *out = it->get<double>();
  return std::isfinite(*out);
}

int64_t IntAt(const Json& obj, const char* key, int64_t fallback) {
  if (!obj.is_object()) return fallback;
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return fallback;
  return it->get<int64_t>();
}

// Digits after the decimal point of the first number in a percent's norm
// ("74.4" -> 1): how finely the text wrote it.
int Decimals(std::string_view norm) {
  const size_t dot = norm.find('.');
  if (dot == std::string_view::npos) return 0;
  for (size_t i = 0; i < dot; ++i) {
    if (norm[i] < '0' || norm[i] > '9') return 0;  // the dot is past the first number
  }
  int n = 0;
  for (size_t i = dot + 1; i < norm.size() && norm[i] >= '0' && norm[i] <= '9'; ++i) ++n;
  return n;
}

// When a period norm (ANNOTATION.md) begins, as "YYYY-MM-DD", and the year it
// ends in; false for one without a known year ("XXXX-08-30") or not a norm.
bool PeriodBounds(std::string_view norm, std::string* begin, int* end_year) {
  const size_t slash = norm.find('/');
  const std::string_view first = norm.substr(0, slash);
  const std::string_view last = slash == std::string_view::npos ? norm : norm.substr(slash + 1);
  auto year = [](std::string_view p, int* y) {
    if (p.size() < 4) return false;
    *y = 0;
    for (size_t i = 0; i < 4; ++i) {
      if (p[i] < '0' || p[i] > '9') return false;
      *y = *y * 10 + (p[i] - '0');
    }
    return p.size() == 4 || p[4] == '-';
  };
  int y0 = 0;
  if (!year(first, &y0) || !year(last, end_year)) return false;
  std::string_view rest = first.size() > 5 ? first.substr(5) : std::string_view();
  std::string month_day = "01-01";
  if (rest == "H2") month_day = "07-01";
  else if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    month_day = std::string(rest[1] == '1' ? "01" : rest[1] == '2' ? "04" : rest[1] == '3' ? "07" : "10") + "-01";
  } else if (rest.size() >= 2 && rest[0] >= '0' && rest[0] <= '9') {
    month_day = std::string(rest.substr(0, 2)) + (rest.size() >= 5 ? "-" + std::string(rest.substr(3, 2)) : "-01");
  }
  *begin = std::to_string(y0) + "-" + month_day;
  return true;
}

// Whether period `a` can be the start that `b` is reached from: it begins
// earlier and does not end in a later year ("2015/2020" before "2020-08-30";
// "2020/2025" not).
bool Before(std::string_view a, std::string_view b) {
  std::string begin_a, begin_b;
  int end_a = 0, end_b = 0;
  if (!PeriodBounds(a, &begin_a, &end_a) || !PeriodBounds(b, &begin_b, &end_b)) return false;
  return begin_a < begin_b && end_a <= end_b;
}

// Half a unit in the last written place: the rounding of a written value.
double HalfUnit(int decimals) { return 0.5 * std::pow(10.0, -decimals); }

}  // namespace

namespace audit_internal {

enum class Kind : uint8_t { kConflict, kCorroboration, kInconsistency };
enum class Check : uint8_t { kDifferentValues, kSameValue, kAttainment, kTotal, kShares, kRepeated };

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kConflict: return "conflict";
    case Kind::kCorroboration: return "corroboration";
    case Kind::kInconsistency: return "inconsistency";
  }
  return "";
}

const char* CheckName(Check c) {
  switch (c) {
    case Check::kDifferentValues: return "different_values";
    case Check::kSameValue: return "same_value";
    case Check::kAttainment: return "attainment_vs_target";
    case Check::kTotal: return "total_vs_change";
    case Check::kShares: return "shares_over_100";
    case Check::kRepeated: return "repeated_figure";
  }
  return "";
}

enum KeyPart { kScope, kMeasure, kPeriod, kRole, kUnit, kBaseline, kKeyParts };
using KeyIds = std::array<uint32_t, kKeyParts>;

// One indicator, as much of it as the checks and the findings need.
struct Fact {
  double value = 0;
  uint64_t byte_start = 0, byte_end = 0;  // the figure in the input
  uint64_t sentence = 0;                  // Arena handle
  uint32_t sentence_length = 0;
  uint32_t doc = 0;    // index into State::docs
  uint32_t index = 0;  // in the record's indicators
  int32_t target = -1;
  KeyIds key{};        // interned folded parts; 0 when missing
  uint32_t scope_text = 0, measure_text = 0;  // interned originals
  uint64_t text = 0;          // Arena handle of the figure's text: inside its
  uint32_t text_length = 0;   // sentence when found there (nearly always)
  uint8_t decimals = 0;  // of a percent as written
  int8_t sign = 0;       // +1 "tăng", -1 "giảm" just before the figure, 0 unknown
  bool part_of_whole = false;  // "chiếm" just before it, or a "tỷ trọng"/"cơ cấu" measure
  bool keyed = false;          // every key part needed is present
};

// audit.h promises this size (1M indicators in well under 1 GB).
static_assert(sizeof(Fact) <= 96, "Fact grew: update audit.h and re-run bench/audit_bench.sh");

struct DocInfo {
  uint32_t name = 0, url = 0, title = 0, published = 0;
};

// A finding before its strings are gathered.
struct Pending {
  Kind kind;
  Check check;
  KeyIds key;
  std::vector<uint32_t> facts;  // evidence, in order
  std::vector<double> values;
  std::vector<uint32_t> docs;   // name ids, sorted by name
  std::string message;
};

struct State {
  StringPool pool;
  Arena arena;
  std::vector<DocInfo> docs;
  std::unordered_set<uint32_t> doc_names;
  std::vector<Fact> facts;
  std::vector<Pending> inside;  // inconsistencies, found as documents are added
  // Folded (not yet expanded) form of each raw scope or measure string.
  std::unordered_map<uint32_t, uint32_t> folded;
  uint32_t role_level, role_change, role_attainment, role_target, role_share;
  uint32_t unit_percent, unit_pp;

  State() {
    role_level = pool.Intern("level");
    role_change = pool.Intern("change");
    role_attainment = pool.Intern("attainment");
    role_target = pool.Intern("target");
    role_share = pool.Intern("share");
    unit_percent = pool.Intern("%");
    unit_pp = pool.Intern("pp");
  }

  const std::string& Str(uint32_t id) const { return pool.Get(id); }
  uint32_t Folded(uint32_t raw) {
    if (auto it = folded.find(raw); it != folded.end()) return it->second;
    const uint32_t id = pool.Intern(FoldPhrase(pool.Get(raw)));
    folded.emplace(raw, id);
    return id;
  }
  std::string_view Sentence(const Fact& f) const { return arena.Get(f.sentence, f.sentence_length); }
  std::string_view Text(const Fact& f) const { return arena.Get(f.text, f.text_length); }
  const std::string& DocName(const Fact& f) const { return Str(docs[f.doc].name); }

  bool Agree(double a, double b, double tolerance) const {
    return std::fabs(a - b) <= tolerance * std::max(std::fabs(a), std::fabs(b));
  }

  void Finish(Pending* p) {
    for (uint32_t f : p->facts) p->docs.push_back(docs[facts[f].doc].name);
    std::sort(p->docs.begin(), p->docs.end(),
              [&](uint32_t a, uint32_t b) { return Str(a) < Str(b); });
    p->docs.erase(std::unique(p->docs.begin(), p->docs.end()), p->docs.end());
  }

  // "đảng viên" of huyện Đăk Glei, 2020-06-30 (level)
  std::string Describe(const Fact& f) const {
    std::string s = "\"" + Str(f.measure_text) + "\" of " + Str(f.scope_text);
    if (f.key[kPeriod]) s += ", " + Str(f.key[kPeriod]);
    s += " (" + Str(f.key[kRole]) + ")";
    return s;
  }
};

}  // namespace audit_internal

namespace {

using audit_internal::Fact;

// Where the figure is in its sentence (npos when it is not), by its bytes
// when the input was UTF-8, else by searching.
size_t FindFigure(std::string_view sentence, std::string_view figure, uint64_t figure_start,
                  uint64_t sentence_start) {
  if (figure.empty()) return std::string_view::npos;
  if (figure_start >= sentence_start) {
    const uint64_t rel = figure_start - sentence_start;
    if (rel + figure.size() <= sentence.size() && sentence.substr(rel, figure.size()) == figure) return rel;
  }
  return sentence.find(figure);
}

// The words just before the figure (at `pos`) in its sentence, folded: its
// sign ("tăng", "giảm") and whether it is a part of a whole ("chiếm").
void ReadContext(std::string_view sentence, size_t pos, Fact* fact) {
  if (pos == std::string_view::npos) return;
  const size_t from = pos > 48 ? pos - 48 : 0;
  const std::string before = FoldPhrase(sentence.substr(from, pos - from));
  std::vector<std::string_view> tokens = Tokens(before);
  if (from > 0 && !tokens.empty()) tokens.erase(tokens.begin());  // maybe cut in the middle
  const size_t first = tokens.size() > 3 ? tokens.size() - 3 : 0;
  for (size_t i = tokens.size(); i-- > first;) {
    const std::string_view t = tokens[i];
    const std::string_view next = i + 1 < tokens.size() ? tokens[i + 1] : std::string_view();
    if (t == "chiem") fact->part_of_whole = true;
    if (fact->sign != 0) continue;
    if (t == "tang" || t == "them" || t == "vuot" || ((t == "cao" || t == "nhieu") && next == "hon")) {
      fact->sign = 1;
    } else if (t == "giam" || t == "bot" || ((t == "thap" || t == "it") && next == "hon")) {
      fact->sign = -1;
    }
  }
}

std::string Number(double v) {
  if (std::fabs(v) >= 1e6 || v == std::floor(v)) return NumberLiteral(v);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

}  // namespace

Auditor::Auditor(AuditOptions options)
    : state_(std::make_unique<audit_internal::State>()), options_(options) {}
Auditor::~Auditor() = default;

std::string Auditor::FoldScope(std::string_view name) {
  return ScopeKey(Expand(FoldPhrase(name), Abbreviations()));
}

std::string Auditor::FoldMeasure(std::string_view measure, bool count) {
  return MeasureKey(Expand(FoldPhrase(measure), Abbreviations()), count);
}

namespace audit_internal {

// The inconsistency checks of one document, over facts [first, end).
class DocumentChecks {
 public:
  DocumentChecks(State* s, size_t first, double tolerance)
      : s_(*s), first_(first), tolerance_(tolerance) {
    for (size_t i = first; i < s_.facts.size(); ++i) by_index_[s_.facts[i].index] = i;
  }

  void Run() {
    Repeated();
    Attainment();
    Total();
    Shares();
  }

 private:
  Fact& F(size_t i) { return s_.facts[i]; }

  Pending Make(Check check, const KeyIds& key) {
    Pending p;
    p.kind = Kind::kInconsistency;
    p.check = check;
    p.key = key;
    return p;
  }

  void Add(Pending p) {
    for (uint32_t f : p.facts) p.values.push_back(F(f).value);
    s_.Finish(&p);
    s_.inside.push_back(std::move(p));
  }

  // The same key in two sentences with values that do not agree.
  void Repeated() {
    std::vector<size_t> keyed;
    for (size_t i = first_; i < s_.facts.size(); ++i) {
      if (F(i).keyed) keyed.push_back(i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](size_t a, size_t b) {
      if (F(a).key != F(b).key) return F(a).key < F(b).key;
      return F(a).value < F(b).value;
    });
    for (size_t g = 0; g < keyed.size();) {
      size_t end = g;
      while (end < keyed.size() && F(keyed[end]).key == F(keyed[g]).key) ++end;
      // Clusters of agreeing values; keep the first-written figure of each.
      std::vector<std::vector<size_t>> clusters;
      for (size_t i = g; i < end; ++i) {
        if (clusters.empty() || !s_.Agree(F(clusters.back()[0]).value, F(keyed[i]).value, tolerance_)) {
          clusters.emplace_back();
        }
        clusters.back().push_back(keyed[i]);
      }
      bool apart = false;  // two clusters with a figure each in different sentences
      for (size_t a = 0; a < clusters.size() && !apart; ++a) {
        for (size_t b = a + 1; b < clusters.size() && !apart; ++b) {
          for (size_t x : clusters[a]) {
            for (size_t y : clusters[b]) apart |= F(x).sentence != F(y).sentence;
          }
        }
      }
      if (clusters.size() >= 2 && apart) {
        Pending p = Make(Check::kRepeated, F(keyed[g]).key);
        for (const auto& c : clusters) {
          p.facts.push_back(static_cast<uint32_t>(*std::min_element(
              c.begin(), c.end(), [&](size_t a, size_t b) { return F(a).index < F(b).index; })));
        }
        std::sort(p.facts.begin(), p.facts.end(),
                  [&](uint32_t a, uint32_t b) { return F(a).index < F(b).index; });
        p.message = s_.Describe(F(keyed[g])) + " is stated with different values in one document:";
        for (uint32_t f : p.facts) p.message += " " + Number(F(f).value);
        Add(std::move(p));
      }
      g = end;
    }
  }

  // An attainment percent of a figure implies the target figure / percent.
  void Attainment() {
    for (size_t a = first_; a < s_.facts.size(); ++a) {
      const Fact& att = F(a);
      if (att.key[kRole] != s_.role_attainment || att.key[kUnit] != s_.unit_percent || att.value <= 0) continue;
      const std::string& baseline = s_.Str(att.key[kBaseline]);
      if (!baseline.empty() && baseline != "plan") continue;  // of last year, not of a target
      const auto t = by_index_.find(static_cast<uint32_t>(att.target));
      if (att.target < 0 || t == by_index_.end()) continue;
      const Fact& fig = F(t->second);
      if (fig.key[kScope] == 0 || fig.key[kUnit] == s_.unit_percent || fig.key[kUnit] == s_.unit_pp) continue;
      std::vector<size_t> stated;
      for (size_t i = first_; i < s_.facts.size(); ++i) {
        const Fact& tg = F(i);
        if (tg.key[kRole] != s_.role_target || tg.key[kUnit] != fig.key[kUnit] ||
            tg.key[kScope] != fig.key[kScope] || tg.key[kPeriod] != fig.key[kPeriod] || tg.key[kMeasure] == 0 ||
            (tg.key[kMeasure] != fig.key[kMeasure] && tg.key[kMeasure] != att.key[kMeasure])) {
          continue;
        }
        stated.push_back(i);
      }
      if (stated.empty()) continue;
      const double half = HalfUnit(att.decimals);
      const double lo = fig.value * 100 / (att.value + half) * (1 - tolerance_);
      const double hi = att.value > half ? fig.value * 100 / (att.value - half) * (1 + tolerance_) : INFINITY;
      bool agrees = false;
      for (size_t i : stated) agrees |= F(i).value >= lo && F(i).value <= hi;
      if (agrees) continue;
      Pending p = Make(Check::kAttainment, F(stated[0]).key);
      p.facts = {static_cast<uint32_t>(a), static_cast<uint32_t>(t->second)};
      for (size_t i : stated) p.facts.push_back(static_cast<uint32_t>(i));
      p.message = Number(fig.value) + " at " + Number(att.value) + "% implies a target of " +
                  Number(fig.value * 100 / att.value) + ", but the stated target of " + s_.Describe(F(stated[0])) +
                  " is " + Number(F(stated[0]).value);
      Add(std::move(p));
    }
  }

  // start + change = total, for a change with a baseline and two levels.
  void Total() {
    for (size_t c = first_; c < s_.facts.size(); ++c) {
      const Fact& ch = F(c);
      if (ch.key[kRole] != s_.role_change || ch.key[kBaseline] == 0 || ch.key[kScope] == 0 ||
          ch.key[kMeasure] == 0) {
        continue;
      }
      const bool pp = ch.key[kUnit] == s_.unit_pp;
      const bool relative = ch.key[kUnit] == s_.unit_percent;
      // The levels the change can be between.
      std::vector<size_t> levels;
      for (size_t i = first_; i < s_.facts.size(); ++i) {
        const Fact& l = F(i);
        const bool role_ok = l.key[kRole] == s_.role_level || (pp && l.key[kRole] == s_.role_share);
        if (!role_ok || l.key[kScope] != ch.key[kScope] || l.key[kMeasure] != ch.key[kMeasure]) continue;
        if (pp ? l.key[kUnit] != s_.unit_percent
               : relative ? (l.key[kUnit] == s_.unit_percent || l.key[kUnit] == s_.unit_pp)
                          : l.key[kUnit] != ch.key[kUnit]) {
          continue;
        }
        levels.push_back(i);
      }
      if (levels.size() < 2) continue;
      if (relative) {
        // All levels in one unit, or the arithmetic means nothing.
        bool same = true;
        for (size_t i : levels) same &= F(i).key[kUnit] == F(levels[0]).key[kUnit];
        if (!same) continue;
      }
      // The total: the figure the change qualifies, else the one level of its period.
      size_t total = SIZE_MAX;
      if (auto t = by_index_.find(static_cast<uint32_t>(ch.target));
          ch.target >= 0 && t != by_index_.end() && std::count(levels.begin(), levels.end(), t->second)) {
        total = t->second;
      } else {
        total = OneValue(levels, [&](const Fact& l) { return l.key[kPeriod] == ch.key[kPeriod]; });
      }
      if (total == SIZE_MAX) continue;
      const size_t start = OneValue(levels, [&](const Fact& l) {
        return Before(s_.Str(l.key[kPeriod]), s_.Str(F(total).key[kPeriod])) &&
               !s_.Agree(l.value, F(total).value, tolerance_);
      });
      if (start == SIZE_MAX) continue;
      const double s0 = F(start).value, t1 = F(total).value, d = ch.value;
      const double half = HalfUnit(ch.decimals);
      bool consistent = false;
      double expected = 0;
      for (int sign : {1, -1}) {
        if (ch.sign != 0 && sign != ch.sign) continue;
        if (relative) {
          const double a = s0 * (1 + sign * (d - half) / 100), b = s0 * (1 + sign * (d + half) / 100);
          consistent |= t1 >= std::min(a, b) * (1 - tolerance_) && t1 <= std::max(a, b) * (1 + tolerance_);
          expected = s0 * (1 + sign * d / 100);
        } else {
          expected = s0 + sign * d;
          const double slack = pp ? half + HalfUnit(F(start).decimals) + HalfUnit(F(total).decimals) : 0;
          consistent |= std::fabs(t1 - expected) <= tolerance_ * std::max(std::fabs(t1), std::fabs(expected)) + slack;
        }
        if (consistent) break;
      }
      if (consistent) continue;
      Pending p = Make(Check::kTotal, F(total).key);
      p.facts = {static_cast<uint32_t>(start), static_cast<uint32_t>(c), static_cast<uint32_t>(total)};
      const std::string unit = relative ? "%" : pp ? "pp" : "";
      const std::string from = Number(s0) + " (" + s_.Str(F(start).key[kPeriod]) + ")";
      p.message = s_.Describe(F(total)) + " is " + Number(t1) + ", but ";
      if (ch.sign != 0) {
        p.message += from + (ch.sign > 0 ? " + " : " - ") + Number(d) + unit + " gives " + Number(expected);
      } else {
        const double up = relative ? s0 * (1 + d / 100) : s0 + d, down = relative ? s0 * (1 - d / 100) : s0 - d;
        p.message += from + " +/- " + Number(d) + unit + " gives " + Number(up) + " or " + Number(down);
      }
      Add(std::move(p));
    }
  }

  // The one value among `levels` that pass `pred` (agreeing values count as
  // one: the first-written is returned); SIZE_MAX when none or several.
  template <typename Pred>
  size_t OneValue(const std::vector<size_t>& levels, Pred pred) {
    size_t found = SIZE_MAX;
    for (size_t i : levels) {
      if (!pred(F(i))) continue;
      if (found == SIZE_MAX) found = i;
      else if (!s_.Agree(F(found).value, F(i).value, tolerance_)) return SIZE_MAX;
    }
    return found;
  }

  // Parts of one whole: shares in % of the same scope and period whose
  // measures begin with the same two words, and are parts ("chiếm", or a
  // "tỷ trọng"/"cơ cấu" measure).  A rate ("tỷ lệ") is not a part.
  void Shares() {
    std::map<std::tuple<uint32_t, uint32_t, std::string>, std::vector<size_t>> groups;
    for (size_t i = first_; i < s_.facts.size(); ++i) {
      const Fact& f = F(i);
      if (f.key[kRole] != s_.role_share || f.key[kUnit] != s_.unit_percent || !f.part_of_whole ||
          f.key[kScope] == 0 || f.key[kPeriod] == 0 || f.key[kMeasure] == 0) {
        continue;
      }
      const std::vector<std::string_view> words = Tokens(s_.Str(f.key[kMeasure]));
      if (words.size() < 2) continue;
      std::vector<size_t>& parts = groups[{f.key[kScope], f.key[kPeriod], std::string(words[0]) + " " + std::string(words[1])}];
      // A part stated twice counts once.
      bool seen = false;
      for (size_t p : parts) seen |= F(p).key[kMeasure] == f.key[kMeasure];
      if (!seen) parts.push_back(i);
    }
    for (const auto& [group, parts] : groups) {
      if (parts.size() < 2) continue;
      double sum = 0, slack = 0;
      for (size_t p : parts) {
        sum += F(p).value;
        slack += HalfUnit(F(p).decimals);
      }
      if (sum <= 100 + std::max(slack, tolerance_ * 100)) continue;
      KeyIds key = F(parts[0]).key;
      key[kMeasure] = s_.pool.Intern(std::get<2>(group));
      Pending p = Make(Check::kShares, key);
      for (size_t i : parts) p.facts.push_back(static_cast<uint32_t>(i));
      p.message = "parts of one whole (\"" + std::get<2>(group) + "\", " + s_.Str(F(parts[0]).scope_text) + ", " +
                  s_.Str(key[kPeriod]) + ") add up to " + Number(sum) + "%";
      Add(std::move(p));
    }
  }

  State& s_;
  size_t first_;
  double tolerance_;
  std::unordered_map<uint32_t, size_t> by_index_;  // indicator index -> fact
};

}  // namespace audit_internal

using audit_internal::DocInfo;
using audit_internal::DocumentChecks;
using audit_internal::Kind;
using audit_internal::Check;
using audit_internal::KeyIds;
using audit_internal::Pending;
using audit_internal::State;
using audit_internal::kKeyParts;
using audit_internal::kScope;
using audit_internal::kMeasure;
using audit_internal::kPeriod;
using audit_internal::kRole;
using audit_internal::kUnit;
using audit_internal::kBaseline;

Status Auditor::AddRecord(const Json& record) {
  State& s = *state_;
  if (!record.is_object()) return Status::Corrupt("not a JSON object");
  const std::string_view doc = StringAt(record, "doc");
  if (doc.empty()) return Status::Corrupt("no string \"doc\"");
  if (record.contains("error")) {
    ++stats_.error_records;
    return Status::Ok();
  }
  const uint32_t name = s.pool.Intern(doc);
  if (!s.doc_names.insert(name).second) {
    ++stats_.duplicate_docs;
    return Status::Ok();
  }
  ++stats_.documents;
  DocInfo info;
  info.name = name;
  const Json empty = Json::object();
  const auto meta_it = record.find("meta");
  const Json& meta = meta_it != record.end() && meta_it->is_object() ? *meta_it : empty;
  info.url = s.pool.Intern(StringAt(meta, "url"));
  info.title = s.pool.Intern(StringAt(meta, "title"));
  info.published = s.pool.Intern(StringAt(meta, "published"));
  const auto doc_index = static_cast<uint32_t>(s.docs.size());
  s.docs.push_back(info);

  const auto ind_it = record.find("indicators");
  if (ind_it == record.end() || !ind_it->is_array()) return Status::Ok();
  const Json& indicators = *ind_it;
  const auto ent_it = record.find("entities");
  const Json* entities = ent_it != record.end() && ent_it->is_array() ? &*ent_it : nullptr;

  // Definitions first: an abbreviation may be used before it is defined.
  Abbreviations defined;
  FindDefinitions(StringAt(meta, "title"), &defined, &stats_.abbreviations);
  for (const Json& ind : indicators) {
    if (ind.is_object() && ind.contains("evidence")) {
      FindDefinitions(StringAt(ind["evidence"], "text"), &defined, &stats_.abbreviations);
    }
  }
  std::unordered_map<uint32_t, uint32_t> expanded;  // folded -> expanded, for this document
  auto expand = [&](uint32_t folded) {
    if (defined.empty()) return folded;
    auto [it, fresh] = expanded.emplace(folded, 0);
    if (fresh) it->second = s.pool.Intern(Expand(s.Str(folded), defined));
    return it->second;
  };
  // This document's sentences, stored once each (several figures share one).
  std::unordered_map<std::string_view, uint64_t> sentences;  // views into the arena

  const size_t first = s.facts.size();
  for (size_t i = 0; i < indicators.size(); ++i) {
    const Json& ind = indicators[i];
    if (!ind.is_object()) continue;
    ++stats_.indicators;
    Fact f;
    if (!NumberAt(ind, "value", &f.value)) continue;
    f.doc = doc_index;
    f.index = static_cast<uint32_t>(i);
    f.target = static_cast<int32_t>(IntAt(ind, "target", -1));
    const std::string_view kind = StringAt(ind, "kind");
    const std::string_view unit = StringAt(ind, "unit");
    const bool count = kind == "count";
    if (kind == "percent") f.decimals = static_cast<uint8_t>(Decimals(StringAt(ind, "norm")));

    const Json& scope = ind.contains("scope") ? ind["scope"] : empty;
    f.scope_text = s.pool.Intern(StringAt(scope, "name"));
    if (f.scope_text) {
      const uint32_t folded = expand(s.Folded(f.scope_text));
      f.key[kScope] = s.pool.Intern(ScopeKey(s.Str(folded)));
    }
    f.measure_text = s.pool.Intern(StringAt(ind, "measure"));
    if (f.measure_text) {
      const uint32_t folded = expand(s.Folded(f.measure_text));
      f.key[kMeasure] = s.pool.Intern(MeasureKey(s.Str(folded), count));
    }
    const Json& period = ind.contains("period") ? ind["period"] : empty;
    std::string_view when = StringAt(period, "completed");
    if (when.empty()) when = StringAt(period, "norm");
    f.key[kPeriod] = s.pool.Intern(when);
    const std::string_view role = StringAt(ind, "role");
    f.key[kRole] = s.pool.Intern(role);
    std::string unit_key;
    if (count) unit_key = "count";
    else if (kind == "percent") unit_key = unit == "pp" ? "pp" : "%";
    else if (kind == "ratio") unit_key = "ratio";
    else if (kind == "money") unit_key = std::string(unit);
    else unit_key = FoldPhrase(unit);
    if (unit_key.empty()) unit_key = std::string(kind);
    f.key[kUnit] = s.pool.Intern(unit_key);
    if (role == "change" || role == "attainment") f.key[kBaseline] = s.pool.Intern(BaselineKey(StringAt(ind, "baseline")));

    const Json& evidence = ind.contains("evidence") ? ind["evidence"] : empty;
    const std::string_view sentence = StringAt(evidence, "text");
    const auto sentence_start = static_cast<uint64_t>(std::max<int64_t>(0, IntAt(evidence, "byte_start", 0)));
    f.sentence_length = static_cast<uint32_t>(sentence.size());
    if (auto known = sentences.find(sentence); known != sentences.end()) {
      f.sentence = known->second;
    } else {
      f.sentence = s.arena.Add(sentence);
      sentences.emplace(s.arena.Get(f.sentence, f.sentence_length), f.sentence);
    }
    const int64_t entity = IntAt(ind, "entity", -1);
    if (entities != nullptr && entity >= 0 && static_cast<size_t>(entity) < entities->size()) {
      const Json& e = (*entities)[entity];
      f.byte_start = static_cast<uint64_t>(std::max<int64_t>(0, IntAt(e, "byte_start", 0)));
      f.byte_end = static_cast<uint64_t>(std::max<int64_t>(0, IntAt(e, "byte_end", 0)));
    }
    const std::string_view text = StringAt(ind, "text");
    const std::string_view stored = s.arena.Get(f.sentence, f.sentence_length);
    const size_t pos = FindFigure(stored, text, f.byte_start, sentence_start);
    f.text = pos == std::string_view::npos ? s.arena.Add(text) : f.sentence + pos;
    f.text_length = static_cast<uint32_t>(text.size());
    ReadContext(stored, pos, &f);
    if (s.Str(f.key[kMeasure]).rfind("ty trong ", 0) == 0 || s.Str(f.key[kMeasure]).rfind("co cau ", 0) == 0) {
      f.part_of_whole = true;
    }
    f.keyed = f.key[kScope] && f.key[kMeasure] && f.key[kPeriod] && f.key[kRole];
    if (f.keyed) ++stats_.keyed;
    s.facts.push_back(f);
  }
  DocumentChecks(&s, first, options_.tolerance).Run();
  return Status::Ok();
}

Status Auditor::Run(const std::function<Status(const Finding&)>& emit) {
  State& s = *state_;
  const double tolerance = options_.tolerance;
  std::vector<Pending> findings = s.inside;

  // Across documents: keyed facts sorted by key, then value, document, index.
  std::vector<uint32_t> order;
  for (size_t i = 0; i < s.facts.size(); ++i) {
    if (s.facts[i].keyed) order.push_back(static_cast<uint32_t>(i));
  }
  auto fact = [&](uint32_t i) -> const Fact& { return s.facts[i]; };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Fact& x = fact(a);
    const Fact& y = fact(b);
    if (x.key != y.key) return x.key < y.key;
    if (x.value != y.value) return x.value < y.value;
    if (x.doc != y.doc) return s.DocName(x) < s.DocName(y);
    return x.index < y.index;
  });
  for (size_t g = 0; g < order.size();) {
    size_t end = g;
    bool several_docs = false;
    while (end < order.size() && fact(order[end]).key == fact(order[g]).key) {
      several_docs |= fact(order[end++]).doc != fact(order[g]).doc;
    }
    if (!several_docs) {
      g = end;
      continue;
    }
    // Clusters of agreeing values; in each, the first-written figure per document.
    std::vector<std::vector<uint32_t>> clusters;
    double cluster_min = 0;
    for (size_t i = g; i < end; ++i) {
      const Fact& f = fact(order[i]);
      if (clusters.empty() || !s.Agree(cluster_min, f.value, tolerance)) {
        clusters.emplace_back();
        cluster_min = f.value;
      }
      auto& c = clusters.back();
      auto same_doc = std::find_if(c.begin(), c.end(), [&](uint32_t x) { return fact(x).doc == f.doc; });
      if (same_doc == c.end()) c.push_back(order[i]);
      else if (f.index < fact(*same_doc).index) *same_doc = order[i];
    }
    const KeyIds& key = fact(order[g]).key;
    auto values_of = [&](const std::vector<uint32_t>& facts) {
      std::vector<double> values;
      for (uint32_t f : facts) values.push_back(fact(f).value);
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      return values;
    };
    for (const auto& c : clusters) {
      if (c.size() < 2) continue;
      Pending p{Kind::kCorroboration, Check::kSameValue, key, c, {}, {}, {}};
      p.values = values_of(c);
      s.Finish(&p);
      p.message = s.Describe(fact(c[0])) + ": " + Number(p.values[0]) + " in " + std::to_string(p.docs.size()) +
                  " documents";
      findings.push_back(std::move(p));
    }
    if (clusters.size() >= 2) {
      Pending p{Kind::kConflict, Check::kDifferentValues, key, {}, {}, {}, {}};
      for (const auto& c : clusters) p.facts.insert(p.facts.end(), c.begin(), c.end());
      p.values = values_of(p.facts);
      s.Finish(&p);
      p.message = s.Describe(fact(p.facts[0])) + ":";
      for (size_t i = 0; i < clusters.size(); ++i) {
        p.message += (i ? ";" : "") + std::string(" ") + Number(fact(clusters[i][0]).value) + " in ";
        for (size_t j = 0; j < clusters[i].size(); ++j) {
          p.message += (j ? ", " : "") + s.DocName(fact(clusters[i][j]));
        }
      }
      findings.push_back(std::move(p));
    }
    g = end;
  }

  // Deterministic order: key strings, kind, check, documents, values.
  auto key_less = [&](const KeyIds& a, const KeyIds& b) {
    for (int i = 0; i < kKeyParts; ++i) {
      if (a[i] == b[i]) continue;
      const int c = s.Str(a[i]).compare(s.Str(b[i]));
      if (c != 0) return c < 0;
    }
    return false;
  };
  std::vector<size_t> sorted(findings.size());
  for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
  std::sort(sorted.begin(), sorted.end(), [&](size_t ia, size_t ib) {
    const Pending& a = findings[ia];
    const Pending& b = findings[ib];
    if (key_less(a.key, b.key)) return true;
    if (key_less(b.key, a.key)) return false;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.check != b.check) return a.check < b.check;
    for (size_t i = 0; i < std::min(a.docs.size(), b.docs.size()); ++i) {
      if (a.docs[i] != b.docs[i]) return s.Str(a.docs[i]) < s.Str(b.docs[i]);
    }
    if (a.docs.size() != b.docs.size()) return a.docs.size() < b.docs.size();
    if (a.values != b.values) return a.values < b.values;
    return a.message < b.message;
  });

  Finding out;
  for (size_t i : sorted) {
    const Pending& p = findings[i];
    out.kind = KindName(p.kind);
    out.check = CheckName(p.check);
    out.key = {s.Str(p.key[kScope]), s.Str(p.key[kMeasure]), s.Str(p.key[kPeriod]),
               s.Str(p.key[kRole]),  s.Str(p.key[kUnit]),    s.Str(p.key[kBaseline])};
    out.values = p.values;
    out.docs.clear();
    for (uint32_t d : p.docs) out.docs.push_back(s.Str(d));
    out.evidence.clear();
    for (uint32_t fi : p.facts) {
      const Fact& f = s.facts[fi];
      const DocInfo& d = s.docs[f.doc];
      FindingEvidence e;
      e.doc = s.Str(d.name);
      e.url = s.Str(d.url);
      e.title = s.Str(d.title);
      e.published = s.Str(d.published);
      e.indicator = static_cast<int>(f.index);
      e.text = std::string(s.Text(f));
      e.value = f.value;
      e.scope = s.Str(f.scope_text);
      e.measure = s.Str(f.measure_text);
      e.sentence = std::string(s.Sentence(f));
      e.byte_start = f.byte_start;
      e.byte_end = f.byte_end;
      out.evidence.push_back(std::move(e));
    }
    out.message = p.message;
    if (Status st = emit(out); !st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace solieu
