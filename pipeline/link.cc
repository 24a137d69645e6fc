#include "pipeline/link.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <deque>
#include <forward_list>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <span>

#include <unicode/uchar.h>

#include "pipeline/alphabet.h"
#include "pipeline/dates.h"
#include "util/text.h"
#include "util/utf8.h"

namespace solieu {
namespace {

// Entity types, roles and field keys, as views: comparing a std::string
// with a view checks the sizes first, with a char* it measures the literal
// every time (and linking asks a figure's type and role a dozen times).
constexpr std::string_view kCount = "count", kPercent = "percent", kMoney = "money", kQuantity = "quantity",
                           kRatio = "ratio", kDate = "date", kPeriod = "period", kDocref = "docref";
constexpr std::string_view kArchiveMarker = "date.archive_marker";
constexpr std::string_view kTarget = "target";
constexpr std::string_view kShare = "share", kChange = "change", kAttainment = "attainment",
                           kSameRole = "same", kLevelRole = "level", kFlowRole = "flow";
constexpr std::string_view kLevel = "level", kQualifier = "qualifier";

constexpr std::string_view kFigureTypes[] = {kCount, kPercent, kMoney, kQuantity, kRatio};

bool IsFigure(const Entity& e) {
  return std::find(std::begin(kFigureTypes), std::end(kFigureTypes), e.type) != std::end(kFigureTypes);
}

bool IsTime(const Entity& e) { return e.type == kDate || e.type == kPeriod; }

// The time a page's address gives in its title slug
// ("...-san-luong-6-thang-dau-nam-2017-dat-...", "...-nam-2023-2023113016.htm"),
// as an ANNOTATION.md norm; "" when it gives none. Slugs drop tone marks, so
// the words are matched without them.
std::string TimeInUrl(std::string_view url) {
  const size_t query = url.find_first_of("?#");
  if (query != std::string_view::npos) url = url.substr(0, query);
  const size_t slash = url.rfind('/');
  std::string_view slug = slash == std::string_view::npos ? url : url.substr(slash + 1);
  if (const size_t dot = slug.rfind('.'); dot != std::string_view::npos) slug = slug.substr(0, dot);
  std::vector<std::string> words;
  for (size_t i = 0; i < slug.size();) {
    while (i < slug.size() && (slug[i] == '-' || slug[i] == '_')) ++i;
    size_t j = i;
    while (j < slug.size() && slug[j] != '-' && slug[j] != '_') ++j;
    if (j > i) words.push_back(ToLower(slug.substr(i, j - i)));
    i = j;
  }
  auto is_year = [](const std::string& w) {
    return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
           std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  auto small_number = [](const std::string& w, int low, int high) {
    if (w.empty() || w.size() > 2 || !std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return 0;
    }
    const int n = std::stoi(w);
    return n >= low && n <= high ? n : 0;
  };
  auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  auto at = [&](size_t k) -> const std::string& {
    static const std::string kNone;
    return k < words.size() ? words[k] : kNone;
  };
  for (size_t k = 0; k < words.size(); ++k) {
    // "6 thang dau nam 2017", "9 thang nam 2023"
    if (const int months = small_number(at(k), 1, 11); months > 0 && at(k + 1) == "thang") {
      size_t y = k + 2;
      if (at(y) == "dau") ++y;
      if (at(y) == "nam") ++y;
      if (is_year(at(y))) return at(y) + (months == 6 ? "-H1" : "-01/" + at(y) + "-" + two(months));
    }
    // "quy 3 nam 2023", "quy iii 2023"
    if (at(k) == "quy") {
      static const std::vector<std::string> kRoman = {"i", "ii", "iii", "iv"};
      int quarter = small_number(at(k + 1), 1, 4);
      for (size_t r = 0; r < kRoman.size(); ++r) {
        if (at(k + 1) == kRoman[r]) quarter = static_cast<int>(r) + 1;
      }
      size_t y = k + 2;
      if (at(y) == "nam") ++y;
      if (quarter > 0 && is_year(at(y))) return at(y) + "-Q" + std::to_string(quarter);
    }
    // "thang 8 nam 2023"
    if (const int month = small_number(at(k + 1), 1, 12); at(k) == "thang" && month > 0) {
      size_t y = k + 2;
      if (at(y) == "nam") ++y;
      if (is_year(at(y))) return at(y) + "-" + two(month);
    }
    // "nhiem ky 2020 2025", "giai doan 2021 2025", "nam 2023"
    if (is_year(at(k)) && is_year(at(k + 1)) && (at(k - 1) == "ky" || at(k - 1) == "doan" || at(k - 1) == "hoc")) {
      return at(k) + "/" + at(k + 1);
    }
    // "den nam 2030" (by 2030) is a horizon, not when the figures hold.
    const bool horizon = k > 0 && (at(k - 1) == "den" || at(k - 1) == "toi");
    if (at(k) == "nam" && is_year(at(k + 1)) && !horizon) return at(k + 1);
  }
  return "";
}

// What a byte of a phrase is to SplitWords: part of a word, the blank that
// joins words, or other whitespace; as a table, read for every byte of
// every measure.
enum class PhraseByte : uint8_t { kWord, kBlank, kOtherSpace };
constexpr std::array<PhraseByte, 256> kPhraseBytes = [] {
  std::array<PhraseByte, 256> table{};
  for (int b = 0; b < 256; ++b) {
    if (IsAsciiSpace(static_cast<char>(b))) table[b] = b == ' ' ? PhraseByte::kBlank : PhraseByte::kOtherSpace;
  }
  return table;
}();

// Appends `word` to a phrase, after a space unless it is the first.
void AppendWord(std::string* phrase, std::string_view word) {
  if (!phrase->empty()) phrase->push_back(' ');
  phrase->append(word);
}

// A word of the text, lower-cased, with its place. `lower` views the
// LoweredWords that holds the token.
struct Token {
  size_t begin, end;
  std::string_view lower;
};

// The words' lower case, joined by spaces: sized first, as measures are
// built of several words and appending them one by one grew the string as
// many times.
std::string JoinLower(std::span<const Token> words) {
  size_t size = words.empty() ? 0 : words.size() - 1;
  for (const Token& t : words) size += t.lower.size();
  std::string phrase;
  phrase.reserve(size);
  for (const Token& t : words) AppendWord(&phrase, t.lower);
  return phrase;
}

// Whether each byte may be part of a word, as a table: Tokenize asks it of
// every byte of every sentence that linking looks at.
constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '%' ||
               c == '/' || c == '.' || c == ',' || c == '-' || c == '\'';
  }
  return table;
}();

bool IsWordByte(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }

// Word bytes that end a sentence or a clause when they end a word.
bool IsTrailingMark(char c) { return c == ',' || c == '.' || c == '-'; }

// The next word of text[*at, end), as [*word_begin, *word_end), moving *at
// past it; false when none is left. Words are runs of letters, digits and
// the marks inside numbers; a trailing "," or "." is punctuation, not part
// of the word, and so is a leading "/".
bool NextWord(std::string_view text, size_t* at, size_t end, size_t* word_begin, size_t* word_end) {
  size_t i = *at;
  while (i < end) {
    // A slash never opens a word: "38.198 tấn/KH 41.000 tấn" reads "KH".
    while (i < end && (!IsWordByte(text[i]) || text[i] == '/')) ++i;
    size_t j = i;
    while (j < end && IsWordByte(text[j])) ++j;
    size_t k = j;
    while (k > i && IsTrailingMark(text[k - 1])) --k;
    if (k > i) {
      *at = j;
      *word_begin = i;
      *word_end = k;
      return true;
    }
    i = j;
  }
  *at = end;
  return false;
}

// The words of a stretch of text and the lower case they view: a copy of
// the stretch lowered word by word, or, for the few words whose lower case
// is not as long (LowerInPlace), a string of their own. Moving it moves
// neither.
struct LoweredWords {
  std::vector<Token> tokens;
  std::vector<char> lowered;
  std::forward_list<std::string> others;
};

// The words of text[begin, end) into `out`, replacing what it held.
void Tokenize(std::string_view text, size_t begin, size_t end, LoweredWords* out) {
  out->tokens.clear();
  out->others.clear();
  out->lowered.assign(text.begin() + begin, text.begin() + end);
  // Most stretches lower in place as a whole, in one call rather than one a
  // word: a word starts after an ASCII byte, and its last code point ends
  // in it, so it is lowered as it would be alone. Else, word by word.
  const bool whole = LowerInPlace(out->lowered.data(), out->lowered.size());
  if (!whole) out->lowered.assign(text.begin() + begin, text.begin() + end);
  size_t at = begin, word_begin, word_end;
  while (NextWord(text, &at, end, &word_begin, &word_end)) {
    char* lower = out->lowered.data() + (word_begin - begin);
    const size_t size = word_end - word_begin;
    if (whole || LowerInPlace(lower, size)) {
      out->tokens.push_back({word_begin, word_end, std::string_view(lower, size)});
    } else {
      out->others.push_front(ToLower(text.substr(word_begin, size)));
      out->tokens.push_back({word_begin, word_end, out->others.front()});
    }
  }
}

// Tokenize(text, begin, end).tokens.size(), counted up to `limit`: whether a few
// words come first needs neither their lower case nor the words after.
size_t CountWords(std::string_view text, size_t begin, size_t end, size_t limit) {
  size_t count = 0, word_begin, word_end;
  while (count < limit && NextWord(text, &begin, end, &word_begin, &word_end)) ++count;
  return count;
}

// Consecutive words of one Tokenize result.
using Tokens = std::span<const Token>;

// The words of a stretch of text: a slice of words cached elsewhere, or,
// when `own` holds some, its own.
struct Words {
  Tokens slice;
  LoweredWords own;
  Tokens get() const { return own.tokens.empty() ? slice : Tokens(own.tokens); }
};

// A cue list: phrases (lower case, split in words) with their values.
struct Cue {
  std::vector<std::string> words;
  std::string value;
};

// Whether a word may be one of a set, from its size and first and last
// bytes: a test of a few instructions, where hashing the word would find
// that most words of a sentence start or end no cue.
class WordFilter {
 public:
  void Add(std::string_view word) { bits_.set(Slot(word)); }
  bool MayHold(std::string_view word) const { return bits_.test(Slot(word)); }

 private:
  static constexpr size_t kSlots = 4096;
  static size_t Slot(std::string_view word) {
    if (word.empty()) return 0;
    return (word.size() * 961 + static_cast<unsigned char>(word.front()) * 31 +
            static_cast<unsigned char>(word.back())) % kSlots;
  }
  std::bitset<kSlots> bits_;
};

// A cue list, longer cues first, so that "tăng lên" is found before "tăng";
// indexed by first and last word, so that finding the cue at a position
// looks at the few cues that can fit there rather than at all of them.
struct CueList {
  std::vector<Cue> cues;
  // Into cues, in order; looked up with the views of Token::lower.
  std::unordered_map<std::string, std::vector<size_t>, ViewHash, std::equal_to<>> by_first, by_last;
  WordFilter firsts, lasts;  // the keys of by_first and by_last
};

CueList LoadCues(const RuleSet& rules, std::string_view list) {
  CueList out;
  const WordList* words = rules.List(list);
  if (words == nullptr) return out;
  for (const std::string& entry : words->entries) {
    Cue cue;
    const std::string lower = ToLower(entry);  // outlives the views SplitWords returns
    for (std::string_view w : SplitWords(lower)) cue.words.emplace_back(w);
    cue.value = words->values.at(lower);
    if (!cue.words.empty()) out.cues.push_back(std::move(cue));
  }
  std::stable_sort(out.cues.begin(), out.cues.end(),
                   [](const Cue& a, const Cue& b) { return a.words.size() > b.words.size(); });
  for (size_t i = 0; i < out.cues.size(); ++i) {
    out.by_first[out.cues[i].words.front()].push_back(i);
    out.by_last[out.cues[i].words.back()].push_back(i);
    out.firsts.Add(out.cues[i].words.front());
    out.lasts.Add(out.cues[i].words.back());
  }
  return out;
}

// CueEndingAt past its filter: the cues ending in tokens[end - 1].
const Cue* MatchEndingAt(const CueList& list, Tokens tokens, size_t end) {
  const auto it = list.by_last.find(tokens[end - 1].lower);
  if (it == list.by_last.end()) return nullptr;
  for (size_t index : it->second) {
    const Cue& cue = list.cues[index];
    if (cue.words.size() > end) continue;
    bool match = true;
    for (size_t k = 0; k < cue.words.size() && match; ++k) {
      match = tokens[end - cue.words.size() + k].lower == cue.words[k];
    }
    if (match) return &cue;
  }
  return nullptr;
}

// The cue whose words end at tokens[end - 1], if any; the longest, then the
// first listed. Asked at most words of most clauses, and the filter turns
// away most of them: asked inline, it costs less than a call.
inline const Cue* CueEndingAt(const CueList& list, Tokens tokens, size_t end) {
  if (end == 0 || !list.lasts.MayHold(tokens[end - 1].lower)) return nullptr;
  return MatchEndingAt(list, tokens, end);
}

// CueStartingAt past its filter: the cues starting with tokens[start].
const Cue* MatchStartingAt(const CueList& list, Tokens tokens, size_t start) {
  const auto it = list.by_first.find(tokens[start].lower);
  if (it == list.by_first.end()) return nullptr;
  for (size_t index : it->second) {
    const Cue& cue = list.cues[index];
    if (start + cue.words.size() > tokens.size()) continue;
    bool match = true;
    for (size_t k = 0; k < cue.words.size() && match; ++k) {
      match = tokens[start + k].lower == cue.words[k];
    }
    if (match) return &cue;
  }
  return nullptr;
}

// The cue whose words start at tokens[start], if any; the longest, then the
// first listed. Inline for the same reason as CueEndingAt.
inline const Cue* CueStartingAt(const CueList& list, Tokens tokens, size_t start) {
  if (start >= tokens.size() || !list.firsts.MayHold(tokens[start].lower)) return nullptr;
  return MatchStartingAt(list, tokens, start);
}

// A role value reads by figure type: "share/flow" is share for percents and
// ratios, flow for the others; "share/level/" adds a third part for
// quantities, and "share/level//" a fourth for money (empty: this cue says
// nothing of them).
std::string RoleFor(std::string_view value, std::string_view type) {
  std::array<std::string_view, 4> fields;
  size_t count = 0;
  for (size_t at = 0; count < fields.size(); ++count) {
    const size_t slash = value.find('/', at);
    fields[count] = value.substr(at, slash == std::string_view::npos ? value.npos : slash - at);
    if (slash == std::string_view::npos) {
      ++count;
      break;
    }
    at = slash + 1;
  }
  if (count == 1 || type == "percent" || type == "ratio") return std::string(fields[0]);
  if (type == "quantity" && count >= 3) return std::string(fields[2]);
  if (type == "money" && count >= 4) return std::string(fields[3]);
  return std::string(fields[1]);
}

std::string YearOf(std::string_view norm) {
  return norm.size() >= 4 && norm.substr(0, 4) != "XXXX" ? std::string(norm.substr(0, 4)) : "";
}

// Replaces every XXXX of a norm by `year`.
std::string CompleteYear(std::string norm, const std::string& year) {
  for (size_t at = norm.find("XXXX"); at != std::string::npos; at = norm.find("XXXX", at + 4)) {
    norm.replace(at, 4, year);
  }
  return norm;
}

// What a figure's unit says of it, from the rules' lists.
struct UnitCues {
  std::string_view role;            // ROLE_UNITS
  std::string_view dimension_word;  // MEASURE_DIMENSIONS of its UNITS column
};

// The cues of every unit that ROLE_UNITS or UNITS lists, by the key their
// WordList::values give it (lower case): read once, rather than through
// RuleSet::Lookup in each document, which lower-cases and re-spaces its
// key at every call. A unit listed in neither has no cues.
std::unordered_map<std::string_view, UnitCues> LoadUnitCues(const RuleSet& rules) {
  std::unordered_map<std::string_view, UnitCues> out;
  if (const WordList* roles = rules.List("ROLE_UNITS")) {
    for (const auto& [unit, role] : roles->values) out[unit].role = role;
  }
  if (const WordList* units = rules.List("UNITS")) {
    for (const auto& [unit, dimension] : units->values) {
      if (!dimension.empty()) out[unit].dimension_word = rules.Lookup("MEASURE_DIMENSIONS", dimension);
    }
  }
  return out;
}

}  // namespace

// A word list's lower-cased entries, as views into the RuleSet (which
// outlives the Linker). Linking asks about words it has lower-cased and
// joined by single spaces already; RuleSet::Contains would lower-case and
// re-space each into a new string first, which gives back the same key.
class WordSet {
 public:
  WordSet(const RuleSet& rules, std::string_view list) {
    if (const WordList* words = rules.List(list)) {
      for (const auto& entry : words->index) {
        entries_.insert(entry.first);
        filter_.Add(entry.first);
      }
    }
  }
  // REQUIRES: `lowered` is lower case, its words split by single spaces.
  bool Contains(std::string_view lowered) const {
    return filter_.MayHold(lowered) && entries_.count(lowered) > 0;
  }

 private:
  std::unordered_set<std::string_view> entries_;
  WordFilter filter_;  // of entries_, asked first: most words asked about are in no list
};

struct LinkCues {
  explicit LinkCues(const RuleSet& rules)
      : before(LoadCues(rules, "ROLE_BEFORE")), after(LoadCues(rules, "ROLE_AFTER")),
        subject(LoadCues(rules, "ROLE_SUBJECT")), verbs(LoadCues(rules, "MEASURE_VERBS")),
        skip(LoadCues(rules, "MEASURE_SKIP")), defaults(LoadCues(rules, "ROLE_DEFAULTS")),
        level_refs(LoadCues(rules, "LEVEL_REFERENCES")), breaks(LoadCues(rules, "MEASURE_BREAK_VERBS")),
        plans(LoadCues(rules, "ROLE_PLANS")), plan_headings(LoadCues(rules, "PLAN_HEADINGS")),
        role_before_words(rules, "ROLE_BEFORE"), verb_words(rules, "MEASURE_VERBS"),
        verb_nouns(rules, "MEASURE_VERB_NOUNS"), stop_before(rules, "MEASURE_STOP_BEFORE"),
        stop_after(rules, "MEASURE_STOP_AFTER"), stop_before_figure(rules, "MEASURE_STOP_BEFORE_FIGURE"),
        trailing(rules, "MEASURE_TRAILING"), determiners(rules, "TOPIC_DETERMINERS"),
        month_span_before(rules, "MONTH_SPAN_BEFORE"), month_span_after(rules, "MONTH_SPAN_AFTER"),
        rate_not_of(rules, "RATE_NOT_OF"), rate_of_whole(rules, "RATE_OF_WHOLE"),
        baselines(rules, "MEASURE_BASELINES"), admin_levels(rules, "ADMIN_LEVELS"),
        total_cues(rules, "COUNT_TOTAL_CUES"), baseline_time_before(rules, "BASELINE_TIME_BEFORE"),
        generic_counters(rules, "GENERIC_COUNTERS"), cue_noun_heads(rules, "CUE_NOUN_HEADS"),
        units(LoadUnitCues(rules)) {}

  CueList before, after, subject, verbs, skip, defaults, level_refs, breaks, plans, plan_headings;
  WordSet role_before_words, verb_words, verb_nouns, stop_before, stop_after, stop_before_figure, trailing,
      determiners, month_span_before, month_span_after, rate_not_of, rate_of_whole, baselines, admin_levels,
      total_cues, baseline_time_before, generic_counters, cue_noun_heads;
  std::unordered_map<std::string_view, UnitCues> units;
};

namespace {

// The state of linking one document.
class DocumentLinker {
 public:
  DocumentLinker(const RuleSet& rules, const LinkInput& in, const std::vector<Entity>& places,
                 Record* record, const LinkCues& cues)
      : rules_(rules), in_(in), places_(places), record_(record), cues_(cues), before_(cues.before),
        after_(cues.after), subject_(cues.subject), verbs_(cues.verbs), skip_(cues.skip),
        defaults_(cues.defaults.cues), level_refs_(cues.level_refs), breaks_(cues.breaks),
        plans_(cues.plans), plan_headings_(cues.plan_headings) {}

  void Run(const UrlGazetteer& urls) {
    Index();
    Meta(urls);
    published_year_ = YearOf(record_->meta.published);
    document_time_ = DocumentTime();
    url_time_ = TimeInUrl(record_->meta.url);
    // A figure in a paragraph that repeats an earlier one is counted once,
    // where it first appears.
    std::vector<int> figures;
    for (size_t i = 0; i < record_->entities.size(); ++i) {
      if (is_figure_[i] && !record_->entities[i].duplicate) figures.push_back(static_cast<int>(i));
    }
    // An Indicator holds a dozen strings, all moved each time the vector grows.
    record_->indicators.reserve(figures.size());
    for (int i : figures) Figure(i);
  }

 private:
  // Where each sentence's entities and places lie in their (text-ordered)
  // vectors, so that every look-up stays inside one sentence: linking is
  // linear in the size of the document.
  struct Range {
    size_t begin = 0, end = 0;
  };

  void Index() {
    const size_t sentences = in_.sentences->size();
    entities_in_.assign(sentences, Range());
    places_in_.assign(sentences, Range());
    auto fill = [](const std::vector<Entity>& items, std::vector<Range>* ranges) {
      for (size_t i = items.size(); i-- > 0;) {
        Range& r = (*ranges)[items[i].sentence];
        if (r.begin == r.end) r.end = i + 1;
        r.begin = i;
      }
    };
    fill(record_->entities, &entities_in_);
    fill(places_, &places_in_);
    indicator_of_.assign(record_->entities.size(), -1);
    is_figure_.resize(record_->entities.size());
    for (size_t i = 0; i < record_->entities.size(); ++i) is_figure_[i] = IsFigure(record_->entities[i]);
    counts_as_time_.assign(record_->entities.size(), -1);
    FindAcronyms();
    FindParentheses();
    FindPlanLists();
    FindPlaceLists();
    // The place that heads each paragraph's section: the last short paragraph
    // before it that opens with a place ("Hà Nam: 10,39%").
    heading_of_.assign(in_.paragraphs->size(), -1);
    int heading = -1;
    size_t next_place = 0;
    for (size_t pi = 0; pi < in_.paragraphs->size(); ++pi) {
      heading_of_[pi] = heading;
      const Paragraph& p = (*in_.paragraphs)[pi];
      while (next_place < places_.size() && places_[next_place].match_begin < p.begin) ++next_place;
      if (next_place < places_.size() && places_[next_place].match_begin == p.begin &&
          places_[next_place].norm != kCountryName && AtMostWords(Text(p.begin, p.end), 12)) {
        heading = static_cast<int>(next_place);
      }
    }
  }

  // A list of plans: from a sentence that opens with a heading of list
  // PLAN_HEADINGS ("Các chỉ tiêu chủ yếu năm 2025: 1. Tổng thu ngân sách 500
  // tỷ đồng ..."), every figure of the rest of its paragraph is planned.  A
  // heading that reports a result before its first number ("Các chỉ tiêu
  // đều đạt và vượt: ...", a word of ROLE_PLANS that is no plan) heads none.
  void FindPlanLists() {
    plan_list_from_.assign(in_.paragraphs->size(), std::string_view::npos);
    for (size_t si = 0; si < in_.sentences->size(); ++si) {
      const Sentence& s = (*in_.sentences)[si];
      if (plan_list_from_[s.paragraph] != std::string_view::npos) continue;
      // Most sentences hold no "tiêu" near their start: not worth splitting into words.
      const std::string_view opening = Text(s.begin, std::min(s.end, s.begin + 80));
      if (opening.find("tiêu") == std::string_view::npos && opening.find("TIÊU") == std::string_view::npos) continue;
      if (OpensPlanList(static_cast<int>(si))) plan_list_from_[s.paragraph] = s.begin;
    }
  }

  bool OpensPlanList(int sentence) const {
    const Sentence& s = (*in_.sentences)[sentence];
    const Words words_in = WordsIn(s.begin, s.end);
    const Tokens words = words_in.get();
    // The heading may follow a date marker or a list number ("I.", "2.").
    constexpr size_t kLead = 4;
    size_t start = 0;
    while (start < words.size() && start < kLead && !CueStartingAt(plan_headings_, words, start)) {
      const Token& t = words[start];
      if (!CoveredByEntity(sentence, t.begin, t.end) && !IsListNumber(t.lower)) return false;
      ++start;
    }
    const Cue* heading = CueStartingAt(plan_headings_, words, start);
    if (heading == nullptr) return false;
    for (size_t k = start + heading->words.size(); k < words.size(); ++k) {
      if (IsListNumber(words[k].lower) || CoveredByEntity(sentence, words[k].begin, words[k].end)) break;
      if (const Cue* cue = CueStartingAt(plans_, words, k); cue != nullptr && cue->value != kTarget) return false;
    }
    return true;
  }

  // "1", "12", "iv": the number of an item in a list.
  static bool IsListNumber(std::string_view lower) {
    return !lower.empty() && (lower.find_first_not_of("0123456789") == std::string_view::npos ||
                              (lower.size() <= 4 && lower.find_first_not_of("ivxl") == std::string_view::npos));
  }

  bool InPlanList(const Entity& e) const {
    const size_t from = plan_list_from_[SentenceOf(e).paragraph];
    return from != std::string_view::npos && e.match_begin >= from;
  }

  // Places named in a list ("ở các huyện Lạng Giang, Tân Yên và Việt Yên",
  // "thành lập từ các xã Bảo Thanh và Gia Thanh") are where something
  // happened, none of them the place a figure belongs to.  A list opens
  // after "các" or "những" and a level word, and goes on while places follow
  // each other, parted by a comma or "và" alone.
  void FindPlaceLists() {
    in_place_list_.assign(places_.size(), 0);
    for (size_t k = 0; k < places_.size(); ++k) {
      const Entity& p = places_[k];
      if (k > 0 && in_place_list_[k - 1] && places_[k - 1].sentence == p.sentence &&
          p.match_begin >= places_[k - 1].match_end) {
        const std::string_view gap = Trim(Text(places_[k - 1].match_end, p.match_begin));
        if (gap == "," || gap == "và" || gap == ", và") {
          in_place_list_[k] = 1;
          continue;
        }
      }
      in_place_list_[k] = OpensPlaceList(p);
    }
  }

  // Whether "các" or "những" stands before the place, its level word (if it
  // has none of its own) and a colon between.
  bool OpensPlaceList(const Entity& p) const {
    const Sentence& s = SentenceOf(p);
    const size_t from = p.match_begin > s.begin + 32 ? p.match_begin - 32 : s.begin;
    // Most places have neither word before them: not worth splitting into words.
    const std::string_view before = Text(from, p.match_begin);
    if (before.find("ác") == std::string_view::npos && before.find("ÁC") == std::string_view::npos &&
        before.find("hững") == std::string_view::npos && before.find("HỮNG") == std::string_view::npos) {
      return false;
    }
    const Words words_in = WordsIn(from, p.match_begin + 1);
    const Tokens words = words_in.get();
    // The words before the place, and its first word (its level word, if it has one).
    size_t k = words.size();
    if (k == 0) return false;
    if (words[k - 1].begin >= p.match_begin) --k;  // the place's own first word
    else return false;
    const bool own_level = words[k].begin == p.match_begin && cues_.admin_levels.Contains(words[k].lower);
    if (!own_level && k > 0 && cues_.admin_levels.Contains(words[k - 1].lower)) --k;
    return k > 0 && (words[k - 1].lower == "các" || words[k - 1].lower == "những");
  }

  // Acronyms the text defines: "sốt xuất huyết (SXH)", "tổ chức cơ sở đảng
  // (TCCSĐ)": the words before the parenthesis whose initials spell it.
  void FindAcronyms() {
    const std::string_view text = in_.text;
    for (size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
      const size_t close = text.find(')', open);
      if (close == std::string_view::npos || close - open > 24) continue;
      const std::string_view acronym = Trim(text.substr(open + 1, close - open - 1));
      if (!IsAcronym(acronym)) continue;
      const std::string letters = ToLower(acronym);
      const size_t letter_count = utf8::CountCodePoints(letters);
      LoweredWords lowered;
      Tokenize(text, open > 120 ? open - 120 : 0, open, &lowered);
      const std::vector<Token>& before = lowered.tokens;
      if (before.size() < letter_count) continue;
      std::string initials, expansion;
      for (size_t k = before.size() - letter_count; k < before.size(); ++k) {
        const utf8::Decoded first = utf8::DecodeAt(before[k].lower, 0);
        initials.append(before[k].lower.substr(0, first.length));
        AppendWord(&expansion, before[k].lower);
      }
      if (FoldDiacritics(initials) == FoldDiacritics(letters)) {
        acronym_filter_.Add(letters);
        acronyms_[letters] = expansion;
      }
    }
  }

  // Spells out the acronyms a measure uses that the text defines ("số ca
  // mắc sxh" -> "số ca mắc sốt xuất huyết"), so that documents that define
  // them alike agree. In place, like AddHeadOfList and AddDimension: every
  // measure passes through the three, and moving it in and out of each cost
  // more than most of them do.
  void ExpandAcronyms(std::string* measure) const {
    if (acronyms_.empty() || ReadsAsIs(*measure)) return;
    std::string out;
    for (std::string_view word : SplitWords(*measure)) {
      const auto it = acronyms_.find(word);
      AppendWord(&out, it == acronyms_.end() ? word : std::string_view(it->second));
    }
    *measure = std::move(out);
  }

  bool IsAcronymDefined(std::string_view word) const {
    return acronym_filter_.MayHold(word) && acronyms_.find(word) != acronyms_.end();
  }

  // Whether ExpandAcronyms leaves `measure` as it is: its words are
  // split by single spaces and none is a defined acronym. Most measures are,
  // and reading them in place, in one pass over the bytes, spares splitting
  // and joining them again.
  bool ReadsAsIs(std::string_view measure) const {
    const auto kind = [&](size_t i) { return kPhraseBytes[static_cast<unsigned char>(measure[i])]; };
    for (size_t i = 0;; ++i) {  // past the blank after each word
      const size_t word_begin = i;
      while (i < measure.size() && kind(i) == PhraseByte::kWord) ++i;
      if (i < measure.size() && kind(i) == PhraseByte::kOtherSpace) return false;
      const std::string_view word = measure.substr(word_begin, i - word_begin);
      if (word.empty() || IsAcronymDefined(word)) return false;
      if (i == measure.size()) return true;
    }
  }

  // Moves the running state up to the figure at `pos`: places that end
  // before it, and times that open sentences before `sentence_begin`.
  void Advance(size_t pos, size_t sentence_begin) {
    while (place_cursor_ < places_.size() && places_[place_cursor_].match_end <= pos) {
      const Entity& p = places_[place_cursor_];
      for (const Field& f : p.value) {
        if (f.key == kLevel) last_of_level_[f.text] = static_cast<int>(place_cursor_);
      }
      if (p.norm != kCountryName && !InParentheses(p.match_begin, p.sentence) &&
          !in_place_list_[place_cursor_]) {
        last_specific_ = static_cast<int>(place_cursor_);
      }
      ++place_cursor_;
    }
    const auto& entities = record_->entities;
    while (time_cursor_ < entities.size() && entities[time_cursor_].match_begin < sentence_begin) {
      const Entity& t = entities[time_cursor_];
      const SegmentKind kind = SentenceOf(t).kind;
      if ((kind == SegmentKind::kBody || kind == SegmentKind::kLead) && CountsAsTime(t) &&
          OpensSentence(t)) {
        last_opening_time_ = &t;
      }
      ++time_cursor_;
    }
  }

  const Sentence& SentenceOf(const Entity& e) const { return (*in_.sentences)[e.sentence]; }
  const Paragraph& ParagraphOf(const Sentence& s) const { return (*in_.paragraphs)[s.paragraph]; }
  std::string_view Text(size_t b, size_t e) const { return in_.text.substr(b, e - b); }

  // Tokenize(in_.text, begin, end). Linking looks at the same sentence's
  // words many times over (per figure, per time, per cue), so a stretch
  // inside one sentence that cuts no word is a slice of the sentence's words,
  // tokenized once; another stretch is tokenized afresh.
  Words WordsIn(size_t begin, size_t end) const {
    if (end <= begin) return {};
    const std::vector<Sentence>& sentences = *in_.sentences;
    if (const size_t index = SentenceAt(begin); index < sentences.size()) {
      const Sentence& s = sentences[index];
      if (end <= s.end && !CutsWord(begin, s) && !CutsWord(end, s)) {
        const std::vector<Token>& all = SentenceWords(index).tokens;
        const auto starting_at = [&](size_t pos) {
          return std::lower_bound(all.begin(), all.end(), pos,
                                  [](const Token& t, size_t p) { return t.begin < p; });
        };
        return {Tokens(starting_at(begin), starting_at(end)), {}};
      }
    }
    Words words;
    Tokenize(in_.text, begin, end, &words.own);
    return words;
  }

  // The last sentence that starts at or before `pos`, or sentences.size()
  // when none does. Mostly the figure's own, which needs no search.
  size_t SentenceAt(size_t pos) const {
    const std::vector<Sentence>& sentences = *in_.sentences;
    const size_t current = static_cast<size_t>(current_sentence_);
    if (current < sentences.size() && sentences[current].begin <= pos &&
        (current + 1 == sentences.size() || pos < sentences[current + 1].begin)) {
      return current;
    }
    const auto after = std::upper_bound(sentences.begin(), sentences.end(), pos,
                                        [](size_t p, const Sentence& s) { return p < s.begin; });
    return after == sentences.begin() ? sentences.size() : static_cast<size_t>(after - sentences.begin()) - 1;
  }

  // Whether `pos` falls between two bytes of one word of sentence `s`, so
  // that the words from or up to it differ from a slice of the sentence's.
  // Only marks the word drops at its end after `pos` ("tăng 5%.", "5%, so
  // với") cut nothing: sliced or not, the word ends before them. Figures
  // end so in most sentences, and slicing their words spares tokenizing the
  // rest of the clause afresh.
  bool CutsWord(size_t pos, const Sentence& s) const {
    if (pos <= s.begin || pos >= s.end || !IsWordByte(in_.text[pos - 1])) return false;
    for (size_t i = pos; i < s.end && IsWordByte(in_.text[i]); ++i) {
      if (!IsTrailingMark(in_.text[i])) return true;
    }
    return false;
  }

  const LoweredWords& SentenceWords(size_t index) const {
    // Few sentences are cached at a time (mostly the figure's own): a
    // linear search finds them sooner than hashing.
    const auto cached = std::find(sentence_of_slot_.begin(), sentence_of_slot_.end(), index);
    if (cached != sentence_of_slot_.end()) {
      return word_slots_[static_cast<size_t>(cached - sentence_of_slot_.begin())];
    }
    const size_t slot = sentence_of_slot_.size();
    sentence_of_slot_.push_back(index);
    if (slot == word_slots_.size()) word_slots_.emplace_back();
    LoweredWords& words = word_slots_[slot];
    const Sentence& s = (*in_.sentences)[index];
    Tokenize(in_.text, s.begin, s.end, &words);
    return words;
  }

  // Drops the cached words, so that they never outgrow what linking one
  // sentence looks at (a document of a hundred megabytes has millions of
  // words). Only between figures: no slice handed out is alive then. The
  // slots keep their capacity for the next sentences.
  void ForgetWords() {
    sentence_of_slot_.clear();
  }

  // ---- document meta ------------------------------------------------------

  void Meta(const UrlGazetteer& urls) {
    DocumentMeta& meta = record_->meta;
    const InputMeta* given = in_.given;
    for (const Paragraph& p : *in_.paragraphs) {
      const std::string_view t = Text(p.begin, p.end);
      switch (p.kind) {
        case SegmentKind::kMeta:
          if (meta.url.empty()) {
            const size_t colon = t.find(':');
            meta.url = std::string(Trim(t.substr(colon + 1)));
          }
          break;
        case SegmentKind::kTitle:
          if (meta.title.empty()) meta.title = CollapseSpaces(in_.locate(p.begin, p.end).text);
          break;
        case SegmentKind::kCaption:
          meta.captions.push_back(CollapseSpaces(in_.locate(p.begin, p.end).text));
          break;
        case SegmentKind::kSource:
          if (meta.source.empty()) meta.source = StripLabel(CollapseSpaces(in_.locate(p.begin, p.end).text));
          break;
        case SegmentKind::kByline:
          meta.byline = CollapseSpaces(in_.locate(p.begin, p.end).text);
          break;
        default:
          break;
      }
    }
    if (given != nullptr) {
      if (!given->url.empty()) meta.url = given->url;
      if (!given->title.empty()) meta.title = given->title;
    }
    Published();
    MainScope(urls);
  }

  static std::string StripLabel(std::string text) {
    for (std::string_view label : {"Nguồn:", "nguồn:", "Theo", "(Theo", "Nguồn"}) {
      if (StartsWith(text, label)) return std::string(Trim(std::string_view(text).substr(label.size())));
    }
    return text;
  }

  void Published() {
    DocumentMeta& meta = record_->meta;
    if (in_.given != nullptr && !in_.given->published.empty()) {
      meta.published = in_.given->published;
      meta.published_from = "input";
      return;
    }
    // A full date in the page chrome before the text proper, then the
    // archive's marker.
    for (const Entity& e : record_->entities) {
      if (e.type != kDate) continue;
      const SegmentKind kind = SentenceOf(e).kind;
      if ((kind == SegmentKind::kChrome || kind == SegmentKind::kTitle) && e.norm.size() == 10 &&
          e.norm.substr(0, 4) != "XXXX") {
        meta.published = e.norm;
        meta.published_from = "chrome";
        return;
      }
    }
    for (const Entity& e : record_->entities) {
      if (e.rule == kArchiveMarker) {
        meta.published = e.norm;
        meta.published_from = "marker";
        return;
      }
    }
  }

  // Place mentions that count for scopes: not inside parentheses: the last
  // "(" or ")" of `sentence` before `pos` (which lies in it) is a "(". Asked
  // of every place and of every word of a subject, so it is looked up among
  // the sentence's own parentheses, and most sentences have none.
  bool InParentheses(size_t pos, int sentence) const {
    const Range r = parens_in_[sentence];
    const auto first = parens_.begin() + static_cast<std::ptrdiff_t>(r.begin);
    const auto after = std::lower_bound(first, parens_.begin() + static_cast<std::ptrdiff_t>(r.end), pos);
    return after != first && in_.text[*(after - 1)] == '(';
  }

  // Whether `t` stands in parentheses that also hold a figure.
  bool InAsideWithFigure(const Entity& t) const {
    if (!InParentheses(t.match_begin, t.sentence)) return false;
    const std::string_view text = in_.text;
    const size_t open = text.rfind('(', t.match_begin);
    const size_t close = text.find(')', t.match_end);
    if (open == std::string_view::npos || close == std::string_view::npos) return false;
    return FigureBetween(t.sentence, open, close);
  }

  bool FigureBetween(int sentence, size_t begin, size_t end) const {
    for (size_t k = entities_in_[sentence].begin; k < entities_in_[sentence].end; ++k) {
      const Entity& f = record_->entities[k];
      if (is_figure_[k] && f.match_begin >= begin && f.match_end <= end) return true;
    }
    return false;
  }

  // Where the text's "(" and ")" are, in order, for InParentheses; two
  // memchr passes merged. Then which of them each sentence holds.
  void FindParentheses() {
    const std::string_view text = in_.text;
    parens_.clear();
    for (size_t open = text.find('('), close = text.find(')'); open != close;) {
      if (open < close) {
        parens_.push_back(open);
        open = text.find('(', open + 1);
      } else {
        parens_.push_back(close);
        close = text.find(')', close + 1);
      }
    }
    const std::vector<Sentence>& sentences = *in_.sentences;
    parens_in_.assign(sentences.size(), Range());
    size_t sentence = 0;
    for (size_t i = 0; i < parens_.size(); ++i) {
      while (sentence < sentences.size() && sentences[sentence].end <= parens_[i]) ++sentence;
      if (sentence == sentences.size()) break;
      if (parens_[i] < sentences[sentence].begin) continue;  // between sentences
      Range& r = parens_in_[sentence];
      if (r.begin == r.end) r.begin = i;
      r.end = i + 1;
    }
  }

  static Scope ScopeOf(const Entity& place, const char* source) {
    const Field* level = nullptr;  // the last, copied once
    for (const Field& f : place.value) {
      if (f.key == kLevel) level = &f;
    }
    return {place.norm, level != nullptr ? level->text : std::string(), source};
  }

  void MainScope(const UrlGazetteer& urls) {
    DocumentMeta& meta = record_->meta;
    // The title's first place, then a title opening with a bare name
    // ("Kon Rẫy: ..."), then the lead's, then the outlet's, then the path's.
    const Entity* title_place = nullptr;
    const Entity* lead_place = nullptr;
    for (const Entity& p : places_) {
      const SegmentKind kind = SentenceOf(p).kind;
      if (kind == SegmentKind::kTitle && title_place == nullptr) title_place = &p;
      if (kind == SegmentKind::kLead && lead_place == nullptr) lead_place = &p;
    }
    if (title_place != nullptr) {
      meta.scope = ScopeOf(*title_place, "document");
      return;
    }
    for (const Paragraph& p : *in_.paragraphs) {
      if (p.kind != SegmentKind::kTitle) continue;
      const std::string_view t = Text(p.begin, p.end);
      const size_t colon = t.find_first_of(":-");
      if (colon == std::string_view::npos || colon > 40) break;
      const std::string name = std::string(Trim(t.substr(0, colon)));
      std::string level = KnownLevelInText(name);
      if (level.empty()) level = GazetteerLevel(rules_, name);
      if (!level.empty()) {
        meta.scope = {ScopeName(level, name), level, "document"};
        return;
      }
      break;
    }
    if (lead_place != nullptr) {
      meta.scope = ScopeOf(*lead_place, "document");
      return;
    }
    const std::vector<Scope> from_url = urls.Find(meta.url);
    if (!from_url.empty()) {
      meta.scope = from_url.front();
      return;
    }
    // The most mentioned place, if any is mentioned twice.
    std::map<std::string, int> counts;
    const Entity* best = nullptr;
    for (const Entity& p : places_) {
      if (++counts[p.norm] >= 2 && (best == nullptr || counts[p.norm] > counts[best->norm])) best = &p;
    }
    if (best != nullptr) meta.scope = ScopeOf(*best, "document");
  }

  // The level the text itself gives a name somewhere ("huyện Kon Rẫy").
  std::string KnownLevelInText(const std::string& name) const {
    for (const Entity& p : places_) {
      for (const Field& f : p.value) {
        if (f.key == "name" && f.text == name) {
          for (const Field& g : p.value) {
            if (g.key == "level") return g.text;
          }
        }
      }
    }
    return "";
  }

  // ---- one figure ---------------------------------------------------------

  // The clause around a span: its sentence cut at ";". `semicolons`: where
  // the sentence's are.
  void ClauseOf(const Entity& e, const std::vector<size_t>& semicolons, size_t* begin, size_t* end) const {
    const Sentence& s = SentenceOf(e);
    const auto before = std::lower_bound(semicolons.begin(), semicolons.end(), e.match_begin);
    *begin = before == semicolons.begin() ? s.begin : *(before - 1) + 1;
    const auto after = std::lower_bound(semicolons.begin(), semicolons.end(), e.match_end);
    *end = after == semicolons.end() ? s.end : *after;
  }

  // The figure before `index` in the same clause, or -1.
  int PreviousFigure(int index, size_t clause_begin) const {
    const Entity& e = record_->entities[index];
    for (int j = index - 1; j >= 0; --j) {
      const Entity& p = record_->entities[j];
      if (p.sentence != e.sentence || p.match_end <= clause_begin) break;
      if (is_figure_[j]) return j;
    }
    return -1;
  }

  void Figure(int index) {
    const Entity& e = record_->entities[index];
    if (e.sentence != current_sentence_) ForgetWords();
    Advance(e.match_begin, SentenceOf(e).begin);
    current_sentence_ = e.sentence;
    const SentenceFacts& facts = FactsOf(e.sentence);
    Indicator ind;
    ind.entity = index;
    size_t clause_begin, clause_end;
    ClauseOf(e, facts.semicolons, &clause_begin, &clause_end);
    const int previous = PreviousFigure(index, clause_begin);
    // The stretch that belongs to this figure: from the previous figure (or
    // the clause start) to this one.
    size_t window_begin = clause_begin;
    if (previous >= 0) {
      // What follows the previous figure up to a comma is its own ("104% kế hoạch, tăng ...").
      window_begin = record_->entities[previous].match_end;
      const size_t comma = Text(window_begin, e.match_begin).find(',');
      if (comma != std::string_view::npos) window_begin += comma + 1;
    }
    // A qualifier inside the span ("ước đạt 47,5 tạ/ha") is context too.
    const size_t number_start = NumberStart(e);
    const Words left_words = WordsIn(window_begin, number_start);
    const Words right_words = WordsIn(e.match_end, clause_end);
    const Tokens left = left_words.get(), right = right_words.get();

    size_t verb_at = left.size();  // index of the verb cue in `left`, if any
    ind.role = Role(e, left, right, previous, &verb_at);
    if (ind.role != kTarget && (UnderPlan(facts, number_start) ||
                                (InPlanList(e) && !UnderResult(facts, number_start)))) {
      ind.role = kTarget;
    }
    ind.measure = Measure(e, left, right, verb_at);
    // "cho vay 197 tỷ đồng, thu nợ 184 tỷ đồng": an amount without a subject
    // of its own, after a verb of what was done, measures that doing.
    if (ind.measure.empty() && verb_at < left.size() && e.type == kMoney &&
        (ind.role == kFlowRole || ind.role == kLevelRole)) {
      // Not after a word that only links ("với số vốn đăng ký", "là").
      const std::string done = CueWords(left, verb_at);
      if (!cues_.verb_words.Contains(done) && !cues_.trailing.Contains(left[verb_at].lower)) ind.measure = done;
    }
    // A figure without a subject of its own ("..., tăng 10,35%") measures what
    // the figure before it in its clause measures; failing that, a percent
    // what follows it ("chiếm 45% số hộ").
    if (ind.measure.empty() && previous >= 0) {
      const int prior = FindIndicator(previous);
      if (prior >= 0) ind.measure = record_->indicators[prior].measure;
    }
    if (ind.measure.empty() && (e.type == kPercent || e.type == kQuantity)) {
      ind.measure = JoinTokens(VerbBefore(left, verb_at), QualifierAfter(right, e.match_end));
    }
    if (e.type == kPercent && ind.role == kShare && !e.norm.ends_with("pp")) {
      RateOfPhraseAfter(e, left, right, verb_at, &ind.measure);
    }
    // "tỷ lệ huy động trẻ đến trường ở nhà trẻ 43,5%": the rate word opens the
    // clause and the words after it, up to the figure, name the rate.
    if ((ind.measure == "tỷ lệ" || ind.measure == "tỉ lệ") && verb_at < left.size()) {
      std::string rate = ind.measure;
      for (size_t k = verb_at; k < left.size() && left[k].begin < e.match_begin; ++k) {
        if (!InsideOtherEntity(left[k])) AppendWord(&rate, left[k].lower);
      }
      ind.measure = std::move(rate);
    }
    AddHeadOfList(&ind.measure, e, previous);
    if (ind.measure.empty()) {
      ind.measure = SentenceSubject(e, verb_at < left.size() ? left[verb_at].begin : e.match_begin);
    }
    if (ind.measure.empty()) ind.measure = PreviousMeasureInParagraph(e);
    // "giải quyết việc làm cho 5.800 người, tăng 570 người": a change
    // counted in the bare noun of the figure before it changes that figure.
    if (e.type == kCount && ind.role == kChange && previous >= 0) {
      const Field* unit = FindUnit(e);
      const int prior = FindIndicator(previous);
      if (unit != nullptr && prior >= 0 && ind.measure == unit->text &&
          record_->entities[previous].type == kCount) {
        const Field* prior_unit = FindUnit(record_->entities[previous]);
        if (prior_unit != nullptr && prior_unit->text == ind.measure) {
          ind.measure = record_->indicators[prior].measure;
        }
      }
    }
    // "(so với 921 tỷ đồng năm 2022)", "đạt 43% kế hoạch tỉnh giao": words
    // that open with a baseline (list MEASURE_BASELINES) name what the figure
    // is held against; it measures what the figure before it does.
    if (OpensWithBaseline(ind.measure)) {
      const int prior = previous >= 0 ? FindIndicator(previous) : -1;
      ind.measure = prior >= 0 ? record_->indicators[prior].measure : PreviousMeasureInParagraph(e);
      if (OpensWithBaseline(ind.measure)) ind.measure.clear();
    }
    AddDimension(&ind.measure, e);
    ExpandAcronyms(&ind.measure);
    // A share of what a count counts is a rate of it: "9.604 hộ nghèo,
    // chiếm 3,14%" -> "tỷ lệ hộ nghèo".
    if (e.type == kPercent && ind.role == kShare && previous >= 0 &&
        (record_->entities[previous].type == kCount || record_->entities[previous].type == kRatio) &&
        !ind.measure.empty() && ind.measure.find("tỷ lệ") == std::string::npos &&
        ind.measure.find("tỉ lệ") == std::string::npos) {
      ind.measure = "tỷ lệ " + ind.measure;
    }
    if ((ind.role == kAttainment || ind.role == kChange) && previous >= 0 &&
        e.type == kPercent) {
      ind.target = FindIndicator(previous);
    }
    ind.baseline = Baseline(right);
    ind.scope = ScopeFor(e);
    PeriodFor(e, facts, &ind.period);
    if (FindField(e, "row") != nullptr || FindField(e, "row_year") != nullptr) TableCell(e, &ind);
    ind.refs = facts.refs;
    Evidence(e, &ind);
    indicator_of_[index] = static_cast<int>(record_->indicators.size());
    record_->indicators.push_back(std::move(ind));
  }

  // What every figure of a sentence reads from the sentence's entities.
  struct SentenceFacts {
    int sentence = -1;
    std::vector<const Entity*> times;  // those that CountsAsTime, in text order
    std::vector<const Entity*> month_counts;  // AddMonthCounts's, in text order
    // Where its cues of list ROLE_PLANS end, ascending, each with whether it
    // is a plan (else a result).
    std::vector<std::pair<size_t, bool>> plan_cues;
    std::vector<std::string> refs;     // docref norms, in text order
    std::vector<size_t> semicolons;    // where its ";" are, ascending
  };

  // The facts of `sentence`, gathered when its first figure asks: a table
  // row holds dozens of figures and entities, and scanning its entities or
  // its text again for each figure made linking it quadratic.
  const SentenceFacts& FactsOf(int sentence) {
    if (facts_.sentence == sentence) return facts_;
    facts_.sentence = sentence;
    facts_.times.clear();
    facts_.month_counts.clear();
    facts_.plan_cues.clear();
    facts_.refs.clear();
    facts_.semicolons.clear();
    const Sentence& s = (*in_.sentences)[sentence];
    const std::string_view text = Text(s.begin, s.end);
    for (size_t at = text.find(';'); at != std::string_view::npos; at = text.find(';', at + 1)) {
      facts_.semicolons.push_back(s.begin + at);
    }
    for (size_t k = entities_in_[sentence].begin; k < entities_in_[sentence].end; ++k) {
      const Entity& t = record_->entities[k];
      if (CountsAsTime(t)) facts_.times.push_back(&t);
      if (t.type == kDocref) facts_.refs.push_back(t.norm);
    }
    AddMonthCounts(sentence, &facts_.month_counts);
    FindPlanCues(sentence, &facts_.plan_cues);
    return facts_;
  }

  // "tổng sản phẩm 6 tháng của tỉnh tăng 2,41%", "lũy kế 10 tháng": a number
  // of months after a noun counts the first months of the year, as "6 tháng
  // đầu năm" does, unless a word of list MONTH_SPAN_BEFORE before it or of
  // MONTH_SPAN_AFTER after it makes it a stretch of time ("trong 6 tháng",
  // "6 tháng tuổi").  ANNOTATION.md leaves it out of the entities; it is a
  // time of the figures of its sentence all the same (INDICATORS.md), when
  // no other time is known: a context's time gives the year it leaves out.
  void AddMonthCounts(int sentence, std::vector<const Entity*>* times) {
    const Sentence& s = (*in_.sentences)[sentence];
    const Words words_in = WordsIn(s.begin, s.end);
    const Tokens words = words_in.get();
    for (size_t i = 1; i + 1 < words.size(); ++i) {
      if (words[i].lower != "tháng") continue;
      const std::string_view number = words[i - 1].lower;
      if (number.empty() || number.size() > 2 ||
          number.find_first_not_of("0123456789") != std::string_view::npos) {
        continue;
      }
      const int months = std::stoi(std::string(number));
      if (months < 2 || months > 11) continue;
      if (CoveredByEntity(sentence, words[i - 1].begin, words[i].end)) continue;
      if (i >= 2 && cues_.month_span_before.Contains(words[i - 2].lower)) continue;
      if (cues_.month_span_after.Contains(words[i + 1].lower)) continue;
      Entity& cue = month_counts_.emplace_back();
      cue.type = "period";
      cue.norm = *MonthsPeriod(months, false, 0);
      cue.sentence = sentence;
      cue.match_begin = words[i - 1].begin;
      cue.match_end = words[i].end;
      times->push_back(&cue);
    }
  }

  // The cues of list ROLE_PLANS in `sentence`, found once for all its figures.
  void FindPlanCues(int sentence, std::vector<std::pair<size_t, bool>>* cues) const {
    const Sentence& s = (*in_.sentences)[sentence];
    const Words words_in = WordsIn(s.begin, s.end);
    const Tokens words = words_in.get();
    for (size_t end = 1; end <= words.size(); ++end) {
      if (const Cue* cue = CueEndingAt(plans_, words, end)) {
        cues->emplace_back(words[end - 1].end, cue->value == kTarget);
      }
    }
  }

  // Whether an entity of `sentence` overlaps [begin, end).
  bool CoveredByEntity(int sentence, size_t begin, size_t end) const {
    for (size_t k = entities_in_[sentence].begin; k < entities_in_[sentence].end; ++k) {
      const Entity& t = record_->entities[k];
      if (t.match_begin < end && begin < t.match_end) return true;
    }
    return false;
  }

  // The figure's sentence in the original text. Figures of one sentence
  // follow each other, so the last indicator's copy spares locating again.
  void Evidence(const Entity& e, Indicator* ind) const {
    const auto& indicators = record_->indicators;
    if (!indicators.empty() && record_->entities[indicators.back().entity].sentence == e.sentence) {
      ind->evidence = indicators.back().evidence;
      ind->evidence_start = indicators.back().evidence_start;
      ind->evidence_end = indicators.back().evidence_end;
      return;
    }
    const Sentence& s = SentenceOf(e);
    OriginalSpan ev = in_.locate(s.begin, s.end);
    ind->evidence = std::move(ev.text);
    ind->evidence_start = ev.byte_start;
    ind->evidence_end = ev.byte_end;
  }

  // Where the figure's number starts: after its qualifier, if it has one.
  size_t NumberStart(const Entity& e) const {
    const Field* qualifier = nullptr;
    for (const Field& f : e.value) {
      if (f.key == kQualifier) qualifier = &f;
    }
    if (qualifier == nullptr) return e.match_begin;
    const Words span_words = WordsIn(e.match_begin, e.match_end);
    const Tokens span = span_words.get();
    const size_t words = SplitWords(qualifier->text).size();
    return words < span.size() ? span[words].begin : e.match_begin;
  }

  int FindIndicator(int entity) const { return indicator_of_[entity]; }

  // Whether a plan earlier in the sentence governs the figure ("phấn đấu kết
  // nạp trên 290 đảng viên", "đặt mục tiêu ..., tỷ lệ hộ nghèo giảm thêm
  // 1-1,5%"), the sentence reporting no result between the two (list
  // ROLE_PLANS).  A nearer verb does not undo it.
  static bool UnderPlan(const SentenceFacts& facts, size_t number_start) {
    for (auto cue = facts.plan_cues.rbegin(); cue != facts.plan_cues.rend(); ++cue) {
      if (cue->first <= number_start) return cue->second;
    }
    return false;
  }

  // Whether the sentence reports a result before the number (a cue of
  // ROLE_PLANS that is no plan).
  static bool UnderResult(const SentenceFacts& facts, size_t number_start) {
    for (auto cue = facts.plan_cues.rbegin(); cue != facts.plan_cues.rend(); ++cue) {
      if (cue->first <= number_start) return !cue->second;
    }
    return false;
  }

  std::string Role(const Entity& e, Tokens left, Tokens right,
                   int previous, size_t* verb_at) const {
    // The nearest cue before the figure; it also ends the figure's subject.
    constexpr size_t kNearest = 10;  // words searched back for it
    const Cue* before = nullptr;
    for (size_t end = left.size(); end > 0 && left.size() - end < kNearest && before == nullptr; --end) {
      before = CueEndingAt(before_, left, end);
      // "Tổng thu ngân sách ... 20,8 tỷ đồng": after a head of list
      // CUE_NOUN_HEADS the cue is part of a noun, no verb.
      if (before != nullptr && end > before->words.size() &&
          cues_.cue_noun_heads.Contains(left[end - before->words.size() - 1].lower)) {
        before = nullptr;
      }
      if (before != nullptr) *verb_at = end - before->words.size();
    }
    if (before == nullptr) FindVerb(left, std::min(left.size(), kNearest), verb_at);
    // Written as a difference: a sign ("(-673 ha)", "+443 ha") or points.
    if (!e.norm.empty() && e.norm[0] == '-') return "change";
    if (!e.text.empty() && e.text.find('+') != std::string::npos) return "change";
    std::string before_role = before ? RoleFor(before->value, e.type) : "";
    // Points are a difference, unless they are a part's share of one
    // ("đóng góp 0,49 điểm phần trăm vào mức tăng trưởng chung").
    if (e.type == kPercent && e.norm.size() > 2 && e.norm.compare(e.norm.size() - 2, 2, "pp") == 0) {
      return before_role == kShare ? "share" : "change";
    }
    // "tương đương 9,02%" restates the figure before it.
    // A percent that restates a stock or an amount ("1.746 hộ, tương đương
    // 24,28% tổng số hộ") is its share of the whole.
    if (before_role == kSameRole) {
      const int prior = previous >= 0 ? FindIndicator(previous) : -1;
      before_role = prior >= 0 ? record_->indicators[prior].role : "";
      if (e.type == kPercent && (before_role == kLevelRole || before_role == kFlowRole)) before_role = kShare;
      // "6,71% hộ nghèo, với hơn 2.500 hộ": a number of what a share is of is no share.
      if (e.type != kPercent && prior >= 0 && record_->entities[previous].type == kPercent) before_role.clear();
    }
    // "tăng", "giảm", "vượt" say change whatever follows ("vượt 29% so với kế hoạch").
    if (before_role == kChange) return before_role;
    // A plan after a percent: an attainment ("đạt 74,4% so với chỉ tiêu").
    for (size_t k = 0; k < std::min<size_t>(right.size(), 3); ++k) {
      // A plan the next figure states ("23,4%/KH 24,5%") is no baseline of this one.
      if (const Cue* cue = CueStartingAt(after_, right, k);
          cue != nullptr && !FigureWithin(right, k + cue->words.size(), 1)) {
        const std::string role = RoleFor(cue->value, e.type);
        if (!role.empty()) return role;
      }
    }
    // A growth rate that "đạt" a value is a change; a disbursement rate, an attainment.
    if (e.type == kPercent && (before_role.empty() || before_role == kShare)) {
      for (size_t k = 0; k < left.size(); ++k) {
        if (const Cue* cue = CueStartingAt(subject_, left, k)) return RoleFor(cue->value, e.type);
      }
    }
    // A rate per unit ("48,8 tạ/ha", "92.000 đồng/kg") is a level.
    if ((e.type == kQuantity || e.type == kMoney) && e.text.find('/') != std::string::npos) {
      return "level";
    }
    if (!before_role.empty()) return before_role;
    // What is counted may say it: cases and files come in flows, members in
    // levels. Not for a part of a whole ("277/302 vụ"): that is a share.
    if (const Field* unit = FindUnit(e); unit != nullptr && e.type != kRatio) {
      const std::string_view by_unit = CuesOfUnit(unit->text).role;
      if (!by_unit.empty()) return std::string(by_unit);
    }
    for (const Cue& d : defaults_) {
      if (d.words.size() == 1 && d.words[0] == e.type) return d.value;
    }
    return "level";
  }

  static const Field* FindField(const Entity& e, std::string_view key) {
    for (const Field& f : e.value) {
      if (f.key == key) return &f;
    }
    return nullptr;
  }
  // The builders write units lower case, their words parted by single spaces.
  static const Field* FindUnit(const Entity& e) { return FindField(e, "unit"); }

  // Remembered per unit: a document gives most of its figures in a few
  // units, and finding one in LinkCues::units takes its key as
  // RuleSet::Lookup makes it.
  const UnitCues& CuesOfUnit(const std::string& unit) const {
    const auto [it, added] = unit_cues_.try_emplace(unit);
    if (added) {
      const auto known = cues_.units.find(ToLower(CollapseSpaces(unit)));
      if (known != cues_.units.end()) it->second = known->second;
    }
    return it->second;
  }

  // A cell of a statistics table (builder table_row) measures what its row's
  // label says, at the time the header row gives its column ("Chỉ tiêu  ĐV
  // tính  2010  2011" over "Tổng số hộ  hộ  412204  421820"), or at its row's
  // year in a yearbook.
  void TableCell(const Entity& e, Indicator* ind) const {
    if (const Field* row = FindField(e, "row")) {
      ind->measure = ToLower(row->text);
      ExpandAcronyms(&ind->measure);
    }
    // A yearbook's row is a year: the cell holds for it.
    if (const Field* year = FindField(e, "row_year")) ind->period = TimeRef{year->text, "", "row"};
    const Field* column_field = FindField(e, "column");
    if (column_field == nullptr) return;
    const size_t column = std::stoul(column_field->text);
    constexpr int kRowsToHeader = 40;
    for (int s = e.sentence - 1; s >= 0 && s + kRowsToHeader >= e.sentence; --s) {
      // A header holds no figure, and two times or more: the rows between
      // are mostly figures, and their first one ends the look at them.
      size_t times = 0;
      const Entity* at_column = nullptr;
      bool header = true;
      for (size_t k = entities_in_[s].begin; k < entities_in_[s].end && header; ++k) {
        const Entity& t = record_->entities[k];
        header = !is_figure_[k];
        if (header && CountsAsTime(t) && times++ == column) at_column = &t;
      }
      if (!header || times < 2) continue;
      if (at_column != nullptr) {
        ind->period = {at_column->norm, "", "column"};
        Complete(&ind->period);
      }
      return;
    }
  }

  // The last verb that ends a subject, for measures when no role cue did;
  // Role found none at the last `searched` ends of `left`.
  void FindVerb(Tokens left, size_t searched, size_t* verb_at) const {
    for (size_t end = left.size(); end > 0; --end) {
      if (const Cue* cue = CueEndingAt(verbs_, left, end)) {
        *verb_at = end - cue->words.size();
        return;
      }
      if (left.size() - end < searched) continue;
      if (const Cue* cue = CueEndingAt(before_, left, end)) {
        *verb_at = end - cue->words.size();
        return;
      }
    }
  }

  // What the figure measures.
  std::string Measure(const Entity& e, Tokens left, Tokens right, size_t verb_at) const {
    const Field* unit = FindUnit(e);
    // A count measures what it counts: with the flow verb that produced it
    // ("kết nạp mới 186 đồng chí" -> "đồng chí kết nạp mới"), else with the
    // words that qualify it ("21 hồ sơ đề nghị kết nạp đảng viên mới").
    if ((e.type == kCount || e.type == kRatio) && unit != nullptr) {
      // "toàn tỉnh có tổng đàn trâu 115,7 nghìn con": a bare counter (list
      // GENERIC_COUNTERS) names nothing; the words right before the number
      // do.  With a noun after it ("2 con bò") it is no longer bare.
      if (cues_.generic_counters.Contains(unit->text) &&
          QualifierAfter(right, e.match_end).empty()) {
        size_t before_figure = left.size();  // its qualifier ("gần") left out
        while (before_figure > 0 && left[before_figure - 1].begin >= e.match_begin) --before_figure;
        // After a cue of a total ("Tổng đàn trâu, bò đạt 16.133 con") its subject.
        if (ReportsTotal(left, verb_at)) {
          if (std::string subject = SubjectBefore(e, left, verb_at); !subject.empty()) return subject;
        }
        const std::vector<const Token*> named = PredicateBefore(left.first(before_figure));
        if (!named.empty()) return JoinTokens("", named);
      }
      const std::string verb = VerbBefore(left, verb_at);
      if (!verb.empty()) return unit->text + " " + verb;
      // "Tổng lượng khách du lịch ... ước đạt 4,5 triệu lượt khách", "Ban
      // Chấp hành gồm 49 đồng chí": a total reported after a word of list
      // COUNT_TOTAL_CUES says what it measures before that word.
      if (ReportsTotal(left, verb_at)) {
        const std::string subject = SubjectBefore(e, left, verb_at);
        if (!subject.empty()) return subject;
      }
      const std::vector<const Token*> after = QualifierAfter(right, e.match_end);
      if (!after.empty()) return JoinTokens(unit->text, after);
      // A list of counts under a topic that names the noun ("Các ca mới ghi
      // nhận trong cộng đồng, tại TP. Đồng Hới có 07 ca, huyện Quảng Ninh 09
      // ca"): the topic says what each counts.
      if (std::string topic = TopicNaming(e, unit->text); !topic.empty()) return topic;
      // Nothing after the noun: what was done to it, just before the number
      // ("tổ chức Đại hội điểm ... đối với 15 Đảng bộ"), or the noun itself
      // with what qualifies it ("số hộ nghèo giảm còn 1.746 hộ").
      const std::vector<const Token*> predicate = PredicateBefore(left);
      if (HoldsWords(predicate, unit->text)) return JoinTokens("", predicate);
      return JoinTokens(unit->text, predicate);
    }
    // "công an đã thu giữ 157,88 gram ma túy dạng khay": an amount done with
    // the thing named after its unit measures that thing, not who did it
    // (with the verb when it names the measure: "gieo cấy 2.786 ha lúa").
    if (e.type != kQuantity) return SubjectBefore(e, left, verb_at);
    const std::vector<const Token*> after = QualifierAfter(right, e.match_end);
    if (!after.empty() && verb_at < left.size() && !ReportsTotal(left, verb_at)) {
      return JoinTokens(VerbBefore(left, verb_at), after);
    }
    // An item of a list without a subject of its own ("4.100 tấn tôm sú,
    // hơn 2.900 tấn ngao"): the same.
    std::string subject = SubjectBefore(e, left, verb_at);
    return subject.empty() ? JoinTokens("", after) : subject;
  }

  // Whether the words from `verb_at` to the figure report a total: they open
  // with a cue of list COUNT_TOTAL_CUES ("đạt", "ước đạt khoảng") and name
  // no place nor other entity ("là huyện Tây Hòa 77 ca" reports a part).
  bool ReportsTotal(Tokens left, size_t verb_at) const {
    if (verb_at >= left.size()) return false;
    for (size_t k = verb_at; k < left.size(); ++k) {
      if (InsideOtherEntity(left[k])) return false;
    }
    const std::string cue = CueWords(left, verb_at);
    return cues_.total_cues.Contains(cue) || OpensWith(cues_.total_cues, cue);
  }

  // Whether the words of `phrase` appear in a row among `tokens`.
  // REQUIRES: `phrase` is lower case, as units are.
  static bool HoldsWords(const std::vector<const Token*>& tokens, std::string_view phrase) {
    const std::vector<std::string_view> words = SplitWords(phrase);
    if (words.empty() || words.size() > tokens.size()) return false;
    for (size_t first = 0; first + words.size() <= tokens.size(); ++first) {
      size_t w = 0;
      while (w < words.size() && tokens[first + w]->lower == words[w]) ++w;
      if (w == words.size()) return true;
    }
    return false;
  }

  // The sentence's opening phrase (up to its first comma or colon, before the
  // figure) from the word `unit` on, when it names the unit: "Các ca mới ghi
  // nhận trong cộng đồng, ..." gives "ca mới ghi nhận trong cộng đồng" for a
  // count of "ca". At most eight words; "" when the phrase does not open with
  // the unit, or adds nothing to it.
  std::string TopicNaming(const Entity& e, const std::string& unit) const {
    const Sentence& s = SentenceOf(e);
    const std::string_view sentence = Text(s.begin, e.match_begin);
    const size_t stop = sentence.find_first_of(",:;");
    if (stop == std::string_view::npos) return "";
    const Words opening_words = WordsIn(s.begin, s.begin + stop);
    const Tokens opening = opening_words.get();
    const std::vector<std::string_view> unit_words = SplitWords(unit);
    if (unit_words.empty()) return "";
    // The noun opens the sentence, after at most a determiner ("Các", "Những").
    const size_t k = opening.size() > unit_words.size() && cues_.determiners.Contains(opening[0].lower) ? 1 : 0;
    if (k + unit_words.size() > opening.size()) return "";
    for (size_t w = 0; w < unit_words.size(); ++w) {
      if (opening[k + w].lower != ToLower(unit_words[w])) return "";
    }
    // The words after it that qualify it, up to a name (a capital: "tại TP.
    // Đồng Hới"), a word that starts something else ("giảm"), or an entity.
    std::string topic;
    size_t words = 0;
    for (size_t w = k; w < opening.size() && words < 8; ++w, ++words) {
      const Token& t = opening[w];
      if (InsideOtherEntity(t) || InsideFigure(t)) break;
      if (w >= k + unit_words.size()) {
        if (cues_.stop_after.Contains(t.lower) || cues_.stop_before_figure.Contains(t.lower) ||
            IsUpperLetter(utf8::DecodeAt(in_.text, t.begin).cp)) {
          break;
        }
      }
      AppendWord(&topic, t.lower);
    }
    return words > unit_words.size() ? topic : "";
  }

  // The words before a number back to punctuation or a clause word, without
  // the verbs that say nothing ("có", "là", "đạt"), at most six.
  std::vector<const Token*> PredicateBefore(Tokens left) const {
    std::vector<const Token*> words;
    for (size_t k = left.size(); k > 0 && words.size() < 6; --k) {
      const Token& t = left[k - 1];
      if (k < left.size() && PunctuationBetween(t, left[k])) break;
      if (cues_.stop_before.Contains(t.lower) || InsideFigure(t)) break;
      // "toàn tỉnh có 5 xã", "đến nay đã có 12 xã": a scope or a time of
      // several words opens no predicate; one word ("trong") may be part of it.
      if (const Cue* skip = CueEndingAt(skip_, left, k); skip != nullptr && skip->words.size() > 1) break;
      if (InsideOtherEntity(t) || cues_.verb_words.Contains(t.lower) ||
          cues_.trailing.Contains(t.lower) || cues_.stop_after.Contains(t.lower) ||
          cues_.stop_before_figure.Contains(t.lower)) {
        continue;
      }
      words.insert(words.begin(), &t);
    }
    return words;
  }

  // The subject of the sentence's last verb before the figure's own (which
  // starts at `own_verb`): "số ca mắc SXH tăng rất cao so với cùng kỳ, như Tây
  // Ninh tăng 274,3%" measures "số ca mắc sxh".
  std::string SentenceSubject(const Entity& e, size_t own_verb) const {
    const Words prefix_words = WordsIn(SentenceOf(e).begin, own_verb);
    const Tokens prefix = prefix_words.get();
    for (size_t end = prefix.size(); end > 0; --end) {
      const Cue* cue = CueEndingAt(before_, prefix, end);
      // "với", "là", "có" join phrases more often than they end a subject.
      if (cue != nullptr && RoleFor(cue->value, kCount) != kLevelRole) {
        const std::string subject = SubjectBefore(e, prefix, end - cue->words.size());
        if (!subject.empty()) return subject;
      }
    }
    return "";
  }

  // REQUIRES: `measure`'s words are parted by single spaces, as measures are.
  bool OpensWithBaseline(std::string_view measure) const { return OpensWith(cues_.baselines, measure); }

  // Whether the first word of `phrase`, or its first two, are of `list`.
  // REQUIRES: `phrase` is lower case, its words parted by single spaces.
  static bool OpensWith(const WordSet& list, std::string_view phrase) {
    const size_t first_end = phrase.find(' ');
    if (list.Contains(phrase.substr(0, first_end))) return true;
    if (first_end == std::string_view::npos) return false;
    return list.Contains(phrase.substr(0, phrase.find(' ', first_end + 1)));
  }

  // The measure of the last figure earlier in the paragraph that has one.
  std::string PreviousMeasureInParagraph(const Entity& e) const {
    const int paragraph = SentenceOf(e).paragraph;
    for (size_t i = record_->indicators.size(); i-- > 0;) {
      const Entity& prior = record_->entities[record_->indicators[i].entity];
      if (SentenceOf(prior).paragraph != paragraph) break;
      if (!record_->indicators[i].measure.empty()) return record_->indicators[i].measure;
    }
    return "";
  }

  // An amount of land measures an area: "6.194 ha" of "lúa" is "diện tích
  // lúa". The word for what a unit measures comes from list
  // MEASURE_DIMENSIONS, keyed by the unit's column in UNITS ("ha" -> "area").
  void AddDimension(std::string* measure, const Entity& e) const {
    const Field* unit = FindUnit(e);
    if (e.type != kQuantity || unit == nullptr) return;
    const std::string_view word = CuesOfUnit(unit->text).dimension_word;
    if (word.empty() || measure->find(word) != std::string::npos) return;
    if (!measure->empty()) measure->insert(0, 1, ' ');
    measure->insert(0, word);
  }

  // A report lists parts under a total: "Tổng diện tích gieo trồng ... 40.831
  // ha. Trong đó, lúa: 6.194 ha". A label alone ("lúa") measures the list's
  // head noun for that part: "diện tích lúa".
  // Likewise an item of a list parted by commas after the figure before it
  // ("ở nhà trẻ 43,5%, mẫu giáo 99,2%, tiểu học 99,6%").
  void AddHeadOfList(std::string* measure, const Entity& e, int previous) const {
    const std::string_view label_end = Text(e.match_begin >= 3 ? e.match_begin - 3 : 0, e.match_begin);
    const bool labelled = label_end.find(':') != std::string_view::npos || CommaItem(e, previous);
    if (measure->empty() || !labelled || SplitWords(*measure).size() > 2) return;
    for (size_t i = record_->indicators.size(); i-- > 0;) {
      const Indicator& prior = record_->indicators[i];
      if (record_->entities[prior.entity].sentence + 2 < e.sentence) break;
      const auto words = SplitWords(prior.measure);
      if (words.size() < 3) continue;
      // The head: the words before the first that the label repeats, at most two.
      std::string head;
      for (size_t k = 0; k < std::min<size_t>(words.size(), 2); ++k) {
        if (words[k] == "tổng") continue;
        AppendWord(&head, words[k]);
      }
      head.push_back(' ');
      measure->insert(0, head);
      return;
    }
  }

  // Whether only a comma and a short label stand between the percent before
  // `e` and `e`: ", mẫu giáo 99,2%".  Counts and amounts listed so name
  // places as often ("xã Ba Cụm Bắc 92 hộ, xã Sơn Bình 80 hộ").
  bool CommaItem(const Entity& e, int previous) const {
    if (previous < 0 || e.type != kPercent) return false;
    const Entity& before = record_->entities[previous];
    if (before.type != e.type || before.match_end > e.match_begin) return false;
    const std::string_view gap = Text(before.match_end, e.match_begin);
    const size_t comma = gap.find_first_not_of(' ');
    return comma != std::string_view::npos && gap[comma] == ',' && gap.size() <= 40 &&
           gap.find_first_of("0123456789;:()", comma) == std::string_view::npos &&
           CountWords(in_.text, before.match_end, e.match_begin, 5) <= 4;
  }

  // The verb before a figure when it names what is measured ("gieo cấy"
  // 2.786 ha, "đóng góp" 81% vào mức tăng chung); list MEASURE_VERB_NOUNS.
  std::string VerbBefore(Tokens left, size_t verb_at) const {
    const std::string verb = CueWords(left, verb_at);
    return cues_.verb_nouns.Contains(verb) ? verb : "";
  }

  // The words from the verb to the figure, without auxiliaries ("gieo cấy
  // được" -> "gieo cấy").
  std::string CueWords(Tokens left, size_t verb_at) const {
    std::string whole = JoinLower(left.subspan(verb_at));
    if (cues_.role_before_words.Contains(whole) || cues_.verb_nouns.Contains(whole)) {
      return whole;  // "kết nạp mới": the cue itself ends in "mới"
    }
    size_t end = left.size();
    while (end > verb_at && cues_.trailing.Contains(left[end - 1].lower)) --end;
    return JoinLower(left.subspan(verb_at, end - verb_at));
  }

  static std::string JoinTokens(std::string head, const std::vector<const Token*>& tokens) {
    for (const Token* t : tokens) AppendWord(&head, t->lower);
    return head;
  }

  bool PunctuationBetween(const Token& a, const Token& b) const {
    const std::string_view gap = Text(a.end, b.begin);
    return gap.find_first_of(",;:()\"") != std::string_view::npos;
  }

  // The words right after a figure that say what it counts, up to
  // punctuation, another entity or a word that starts something else.
  std::vector<const Token*> QualifierAfter(Tokens right, size_t first_gap_begin) const {
    std::vector<const Token*> words;
    for (size_t k = 0; k < right.size() && words.size() < 7; ++k) {
      if (k > 0 && PunctuationBetween(right[k - 1], right[k])) break;
      if (k == 0 && Text(first_gap_begin, right[0].begin).find_first_of(",;:(") != std::string_view::npos) break;
      if (InsideOtherEntity(right[k]) || InsideFigure(right[k])) break;
      if (cues_.stop_after.Contains(right[k].lower) || cues_.baselines.Contains(right[k].lower)) break;
      if (cues_.stop_before_figure.Contains(right[k].lower) && FigureWithin(right, k + 1, 2)) break;
      words.push_back(&right[k]);
    }
    // "2 xã có số hộ nghèo giảm ít là ...", "17/21 chỉ tiêu ... đạt và vượt":
    // a verb left at the end belongs to what follows.
    while (!words.empty() && (cues_.verb_words.Contains(words.back()->lower) ||
                              cues_.stop_before_figure.Contains(words.back()->lower))) {
      words.pop_back();
    }
    return words;
  }

  // Whether one of the `count` tokens from right[first] lies in a figure.
  bool FigureWithin(Tokens right, size_t first, size_t count) const {
    for (size_t k = first; k < right.size() && k < first + count; ++k) {
      if (InsideFigure(right[k])) return true;
    }
    return false;
  }

  // "đạt 82,5% dân số tham gia BHYT", "74% số doanh nghiệp được khảo sát":
  // a share of a noun phrase right after it is that phrase's rate ("tỷ lệ
  // dân số tham gia bhyt"), whatever the words before say; a leading "số"
  // goes.  A phrase that opens with a word of list RATE_NOT_OF ("vào mức
  // tăng chung", "là trường ...") is no noun phrase, and a rate the words
  // before name already says more than one bare noun ("tỷ lệ bao phủ bảo
  // hiểm y tế đạt 85,6% dân số").
  void RateOfPhraseAfter(const Entity& e, Tokens left, Tokens right, size_t verb_at,
                         std::string* measure) const {
    // "chiếm 45,2% dân số", "tương đương 24,28% tổng số hộ": after a word
    // of list RATE_OF_WHOLE the phrase is the whole, not the part.
    if (verb_at < left.size() && cues_.rate_of_whole.Contains(CueWords(left, verb_at))) return;
    std::vector<const Token*> of = QualifierAfter(right, e.match_end);
    if (!of.empty() && of.front()->lower == "số") of.erase(of.begin());
    if (of.size() < 2 || cues_.rate_not_of.Contains(of.front()->lower)) return;
    constexpr size_t kBareNounWords = 2;
    if (of.size() <= kBareNounWords && NamesRate(left)) return;
    *measure = JoinTokens("tỷ lệ", of);
  }

  // Whether "tỷ lệ" (or "tỉ lệ") stands among `words`.
  static bool NamesRate(Tokens words) {
    for (size_t k = 1; k < words.size(); ++k) {
      if (words[k].lower == "lệ" && (words[k - 1].lower == "tỷ" || words[k - 1].lower == "tỉ")) return true;
    }
    return false;
  }

  // The noun phrase before the verb: back from it to punctuation, a word
  // that joins clauses ("nên", "do"), another entity, or eight words.
  std::string SubjectBefore(const Entity& e, Tokens left, size_t verb_at) const {
    size_t end = std::min(verb_at, left.size());
    size_t begin = end;
    size_t kept = 0;  // words walked over that are not in an aside
    size_t entity_words = 0;  // of those, the words of other entities
    while (begin > 0 && kept - entity_words < 10) {
      const Token& t = left[begin - 1];
      if (begin < left.size() && PunctuationBetween(t, left[begin])) {
        const std::string_view gap = Text(t.end, left[begin].begin);
        // An aside in parentheses is stepped over ("Tổng sản phẩm (GRDP) 6
        // tháng (theo giá so sánh 2010) ước đạt"); the words in it are
        // dropped below.
        if (gap.find(')') != std::string_view::npos) {
          size_t open = begin - 1;
          while (open > 0 && Text(left[open - 1].end, left[open].begin).find('(') == std::string_view::npos) --open;
          if (open == 0) break;
          begin = open - 1;  // the word before "(" carries on the subject
          ++kept;
          continue;
        }
        // A comma inside a short phrase lists its parts ("nông, lâm nghiệp và
        // thủy sản"), and one right before the verb only sets it off ("..., ước
        // đạt"); other punctuation, or a comma after three words, ends it.
        // Words of a time or a place count for none ("Ban Chấp hành khóa XI,
        // nhiệm kỳ 2020 - 2025 gồm 49 đồng chí").
        if (gap.find_first_of(";:(\"") != std::string_view::npos) break;
        if (begin < end && end - begin - entity_words >= 3) break;
      }
      if (InsideOtherEntity(t)) ++entity_words;
      if (cues_.stop_before.Contains(t.lower)) break;
      // Reporting verbs end a subject: "... phía Nam ghi nhận | số ca mắc".
      if (begin < end && CueEndingAt(breaks_, left, begin) != nullptr) break;
      // "... vẫn duy trì ổn định và | đạt 7,2%": "và" joining two predicates.
      if (begin == end && t.lower == std::string_view("và")) break;
      if (InsideFigure(t)) break;
      --begin;
      ++kept;
    }
    // "Tổng sản phẩm trong tỉnh (GRDP)": the acronym the text defines for
    // its subject names the measure best, and the same way across documents.
    for (size_t k = begin; k < end; ++k) {
      const Token& t = left[k];
      if (k > begin && IsAcronym(Text(t.begin, t.end)) && Text(left[k - 1].end, t.begin).find('(') != std::string_view::npos &&
          k + 1 <= end && (k + 1 == left.size() || Text(t.end, left[k + 1].begin).find(')') != std::string_view::npos)) {
        return std::string(t.lower);
      }
    }
    const bool figure_in_aside = InParentheses(e.match_begin, e.sentence);
    const auto dropped = [&](const Token& t) {
      // Asides in parentheses are not the subject, unless the figure is in them too.
      return InsideOtherEntity(t) || (!figure_in_aside && InParentheses(t.begin, e.sentence));
    };
    // Mostly no word is dropped, and the words are read where they lie; a
    // copy holds them only when some are.
    size_t first_dropped = begin;
    while (first_dropped < end && !dropped(left[first_dropped])) ++first_dropped;
    std::vector<Token> some;
    if (first_dropped < end) {
      some.assign(left.begin() + begin, left.begin() + first_dropped);
      for (size_t k = first_dropped + 1; k < end; ++k) {
        if (!dropped(left[k])) some.push_back(left[k]);
      }
    }
    Tokens words = first_dropped < end ? Tokens(some) : left.subspan(begin, end - begin);
    // Connectives before ("theo đó", "riêng"), auxiliaries after ("đã", "ước").
    for (bool skipped = true; skipped && !words.empty();) {
      skipped = false;
      if (const Cue* cue = CueStartingAt(skip_, words, 0)) {
        words = words.subspan(cue->words.size());
        skipped = true;
      }
    }
    while (!words.empty() && cues_.trailing.Contains(words.back().lower)) {
      const std::string_view dropped = words.back().lower;
      words = words.first(words.size() - 1);
      // "Tổng thu ngân sách 9 tháng": the number of months goes with them.
      if ((dropped == "tháng" || dropped == "năm") && !words.empty() &&
          words.back().lower.find_first_not_of("0123456789") == std::string_view::npos) {
        words = words.first(words.size() - 1);
      }
    }
    // A name ("Ngân hàng Phát triển giải ngân đạt 100%") says whose figure it
    // is, not what it measures.
    if (words.size() >= 2 && std::all_of(words.begin(), words.end(), [&](const Token& t) {
          return u_isupper(static_cast<UChar32>(utf8::DecodeAt(in_.text, t.begin).cp));
        })) {
      return "";
    }
    return JoinLower(words);
  }

  // Two or more capitals and nothing else: "GRDP", "BHYT", "TCCSĐ".
  static bool IsAcronym(std::string_view word) {
    size_t letters = 0;
    for (size_t i = 0; i < word.size();) {
      const utf8::Decoded d = utf8::DecodeAt(word, i);
      if (!u_isupper(static_cast<UChar32>(d.cp))) return false;
      ++letters;
      i += d.length;
    }
    return letters >= 2;
  }

  // Entities, like places, come in text order: the scans below stop at the
  // first that starts past the token, as none after it can hold it. Table
  // rows give a sentence dozens of entities, and the words before a figure
  // are asked about one by one.
  bool InsideFigure(const Token& t) const {
    const Range r = entities_in_[current_sentence_];
    for (size_t k = r.begin; k < r.end && record_->entities[k].match_begin < t.end; ++k) {
      if (is_figure_[k] && t.begin < record_->entities[k].match_end) return true;
    }
    return false;
  }

  // Whether a token lies in an entity other than figures (a date, a period,
  // a docref) or in a place mention: not part of what is measured.
  bool InsideOtherEntity(const Token& t) const {
    const Range r = entities_in_[current_sentence_];
    for (size_t k = r.begin; k < r.end && record_->entities[k].match_begin <= t.begin; ++k) {
      if (!is_figure_[k] && t.end <= record_->entities[k].match_end) return true;
    }
    return InsidePlace(t);
  }

  std::string Baseline(Tokens right) const {
    for (size_t k = 0; k < std::min<size_t>(right.size(), 3); ++k) {
      if (right[k].lower == std::string_view("so")) {
        std::string text;
        for (size_t j = k; j < right.size() && j < k + 8; ++j) {
          // Stop at punctuation between tokens.
          if (j > k) {
            const std::string_view gap = Text(right[j - 1].end, right[j].begin);
            if (gap.find_first_of(",;()") != std::string_view::npos) break;
          }
          AppendWord(&text, right[j].lower);
        }
        return text;
      }
    }
    return "";
  }

  Scope ScopeFor(const Entity& e) const {
    const Sentence& s = SentenceOf(e);
    const Entity* nearest_left = nullptr;
    const Entity* country_left = nullptr;
    const Entity* nearest_right = nullptr;
    for (size_t k = places_in_[e.sentence].begin; k < places_in_[e.sentence].end; ++k) {
      const Entity& p = places_[k];
      if (InParentheses(p.match_begin, e.sentence) || in_place_list_[k] || AddressTail(k)) continue;
      const bool country = p.norm == kCountryName;
      if (p.match_end <= e.match_begin) {
        if (country) country_left = &p;
        else nearest_left = &p;
      } else if (p.match_begin >= e.match_end && nearest_right == nullptr && !country) {
        nearest_right = &p;
      }
    }
    if (nearest_left != nullptr) return ScopeOf(*nearest_left, "sentence");
    // "toàn tỉnh", "của huyện": the last place of that level named before.
    if (const std::string level = ReferredLevel(s.begin, e.match_begin); !level.empty()) {
      const auto it = last_of_level_.find(level);
      if (it != last_of_level_.end()) return ScopeOf(places_[it->second], "sentence");
      if (record_->meta.scope.level == level) return record_->meta.scope;
    }
    if (country_left != nullptr) return ScopeOf(*country_left, "sentence");
    if (nearest_right != nullptr) return ScopeOf(*nearest_right, "sentence");
    // The paragraph's: a place named in an earlier sentence of it.
    if (last_specific_ >= 0 && SentenceOf(places_[last_specific_]).paragraph == s.paragraph) {
      return ScopeOf(places_[last_specific_], "paragraph");
    }
    // The section's: a short heading paragraph that opens with a place ("Hà Nam: 10,39%").
    if (heading_of_[s.paragraph] >= 0) return ScopeOf(places_[heading_of_[s.paragraph]], "paragraph");
    if (!record_->meta.scope.name.empty()) return record_->meta.scope;
    return {std::string(kCountryName), std::string(kCountryLevel), "default"};
  }

  // Whether place k only says where the place before it lies: "huyện Hớn
  // Quản, tỉnh Bình Phước" belongs to the district.  Two places of one level
  // so parted are a list instead.
  bool AddressTail(size_t k) const {
    if (k == 0 || places_[k - 1].sentence != places_[k].sentence) return false;
    const Entity& before = places_[k - 1];
    const Entity& p = places_[k];
    if (before.match_end > p.match_begin || Trim(Text(before.match_end, p.match_begin)) != ",") return false;
    const Field* level = FindField(p, kLevel);
    const Field* before_level = FindField(before, kLevel);
    return level != nullptr && before_level != nullptr && level->text != before_level->text &&
           p.norm != kCountryName;
  }

  // The level a phrase such as "toàn tỉnh" refers to, in text[begin, end).
  std::string ReferredLevel(size_t begin, size_t end) const {
    const Words words = WordsIn(begin, end);
    const Tokens tokens = words.get();
    for (size_t k = tokens.size(); k > 0; --k) {
      if (const Cue* cue = CueEndingAt(level_refs_, tokens, k)) {
        // Not when a name follows the level word: that is a mention.
        if (k < tokens.size() && InsidePlace(tokens[k])) continue;
        return cue->value;
      }
    }
    return "";
  }

  bool InsidePlace(const Token& t) const {
    const Range r = places_in_[current_sentence_];
    for (size_t k = r.begin; k < r.end && places_[k].match_begin <= t.begin; ++k) {
      if (t.end <= places_[k].match_end) return true;
    }
    return false;
  }

  // A date right after a docref is its issue date; a time after "so với" is
  // a baseline: neither is the time of a figure.
  bool IsIssueDate(const Entity& t) const {
    for (size_t k = entities_in_[t.sentence].begin; k < entities_in_[t.sentence].end; ++k) {
      const Entity& d = record_->entities[k];
      if (d.type != kDocref || d.match_end > t.match_begin) continue;
      const std::string_view gap = Text(d.match_end, t.match_begin);
      if (gap.size() <= 12 && gap.find_first_not_of(" ,(\n") == std::string_view::npos) return true;
    }
    return false;
  }

  // Whether one of the five words before a time, or two in a row, are of
  // list BASELINE_TIME_BEFORE: "so với cùng kỳ năm 2023" and "mức tăng của
  // cùng kỳ năm 2016" are what figures are held against, "vượt mục tiêu năm
  // 2022" the plan they beat, "sang năm 2024" where work goes next; none is
  // when the figures hold.
  bool IsBaselineTime(const Entity& t) const {
    const Sentence& s = SentenceOf(t);
    const size_t from = t.match_begin > s.begin + 40 ? t.match_begin - 40 : s.begin;
    // The last words of the forty bytes before the time, read afresh rather
    // than sliced from the sentence's words (the time's sentence may hold no
    // figure, and a table row is long), lowered at once.
    const std::string lowered = ToLower(Text(from, t.match_begin));
    constexpr size_t kWords = 5;
    std::array<std::pair<size_t, size_t>, kWords> last;  // round robin of [begin, end)
    size_t count = 0, at = 0, word_begin, word_end;
    while (NextWord(lowered, &at, lowered.size(), &word_begin, &word_end)) {
      last[count++ % kWords] = {word_begin, word_end};
    }
    // Each word alone, and with the word before it ("cùng kỳ") when one
    // space parts them.
    const std::string_view words(lowered);
    const size_t first = count > kWords ? count - kWords : 0;
    for (size_t k = first; k < count; ++k) {
      const auto [begin, end] = last[k % kWords];
      if (cues_.baseline_time_before.Contains(words.substr(begin, end - begin))) return true;
      if (k == first) continue;
      const auto [previous_begin, previous_end] = last[(k - 1) % kWords];
      if (begin == previous_end + 1 && words[previous_end] == ' ' &&
          cues_.baseline_time_before.Contains(words.substr(previous_begin, end - previous_begin))) {
        return true;
      }
    }
    return false;
  }

  // The archive's date marker says when a page was stored, not when its
  // figures hold (INDICATORS.md).
  // Asked of every time in a sentence for every figure in it, so remembered
  // per entity. `t` is one of record_->entities.
  bool CountsAsTime(const Entity& t) const {
    int8_t& known = counts_as_time_[static_cast<size_t>(&t - record_->entities.data())];
    if (known < 0) {
      known = IsTime(t) && t.rule != kArchiveMarker && !IsIssueDate(t) && !IsBaselineTime(t);
    }
    return known;
  }

  // A time that opens a sentence ("Năm 2014 toàn huyện ...", "6 tháng đầu
  // năm 2023, ...") sets the time of what follows.
  bool OpensSentence(const Entity& t) const {
    return CountWords(in_.text, SentenceOf(t).begin, t.match_begin, 3) <= 2;
  }

  // Into `ref`, empty: moving a TimeRef out and in again costs as much as
  // finding it.
  void PeriodFor(const Entity& e, const SentenceFacts& facts, TimeRef* ref) const {
    const Entity* best = NearestTime(e, facts.times);
    if (best != nullptr) {
      ref->norm = best->norm;
      ref->source = "sentence";
    } else if (last_opening_time_ != nullptr) {
      ref->norm = last_opening_time_->norm;
      ref->source = "context";
    } else if (document_time_ != nullptr) {
      ref->norm = document_time_->norm;
      ref->source = "document";
    } else if (const Entity* months = NearestTime(e, facts.month_counts)) {
      ref->norm = months->norm;
      ref->source = "sentence";
    } else if (!url_time_.empty()) {
      ref->norm = url_time_;
      ref->source = "url";
    }
    Complete(ref);
  }

  // The time of `times` nearest the figure; those before it are nearer by
  // half: a clause usually opens with its time.
  // A time in parentheses that hold a figure of their own holds for the
  // figures in them alone: "sản lượng 9 tháng ước đạt 69 nghìn tấn (quý III
  // ước đạt 20 nghìn tấn)"; alone in them it restates the time before them
  // ("Trong 5 năm qua (2015 - 2020), ...").
  const Entity* NearestTime(const Entity& e, const std::vector<const Entity*>& times) const {
    const Entity* best = nullptr;
    size_t best_distance = 0;
    const bool figure_in_aside = InParentheses(e.match_begin, e.sentence);
    for (const Entity* time : times) {
      const Entity& t = *time;
      if (!figure_in_aside && InAsideWithFigure(t)) continue;
      const bool before = t.match_end <= e.match_begin;
      const size_t distance = before ? (e.match_begin - t.match_end) / 2 : t.match_begin - e.match_end;
      if (best == nullptr || distance < best_distance) {
        best = &t;
        best_distance = distance;
      }
    }
    return best;
  }

  // Fills `ref`'s completed: its norm with a year it leaves open (XXXX) filled
  // from the publication date.
  void Complete(TimeRef* ref) const {
    if (ref->norm.find("XXXX") != std::string::npos && !published_year_.empty()) {
      ref->completed = CompleteYear(ref->norm, published_year_);
    }
  }

  // The time the title names, or the first reporting time of the lead (a
  // term or plan span named there, "nhiệm kỳ 2020-2025", is more often part
  // of a name than the time of the figures).
  const Entity* DocumentTime() const {
    for (const Entity& t : record_->entities) {
      const SegmentKind kind = SentenceOf(t).kind;
      if (!CountsAsTime(t)) continue;
      if (kind == SegmentKind::kTitle) return &t;
      const bool year_span = t.norm.size() == 9 && t.norm[4] == '/';
      if (kind == SegmentKind::kLead && (OpensSentence(t) || !year_span)) return &t;
    }
    return nullptr;
  }

  const RuleSet& rules_;
  const LinkInput& in_;
  const std::vector<Entity>& places_;
  Record* record_;
  const LinkCues& cues_;
  std::vector<Range> entities_in_, places_in_;  // per sentence
  std::vector<char> in_place_list_;             // per place: FindPlaceLists
  std::vector<int> indicator_of_;               // entity -> indicator, or -1
  std::deque<Entity> month_counts_;             // AddMonthCounts's times, kept where facts_ point
  std::vector<size_t> parens_;                  // offsets of "(" and ")" in in_.text, ascending
  std::vector<Range> parens_in_;                // per sentence, into parens_
  // entity -> IsFigure, asked of every entity of a sentence for every word
  // that might belong to a measure.
  std::vector<char> is_figure_;
  // Sentence -> its words, tokenized when first asked for (WordsIn): a cache
  // that const look-ups fill, word_slots_[k] holding the words of sentence
  // sentence_of_slot_[k]. Slots move as word_slots_ grows but their buffers
  // do not, so the slices handed out stay valid until ForgetWords.
  mutable std::vector<size_t> sentence_of_slot_;
  mutable std::vector<LoweredWords> word_slots_;
  mutable std::unordered_map<std::string, UnitCues> unit_cues_;  // unit text -> CuesOfUnit
  mutable std::vector<int8_t> counts_as_time_;  // entity -> CountsAsTime, or -1 when not yet asked
  std::vector<int> heading_of_;                 // paragraph -> heading place, or -1
  std::vector<size_t> plan_list_from_;          // paragraph -> where its plan list opens, or npos
  SentenceFacts facts_;                         // FactsOf the last sentence asked about
  const Entity* document_time_ = nullptr;
  std::string url_time_;  // TimeInUrl of the page's address
  std::string published_year_;  // YearOf the publication date, for Completed
  int current_sentence_ = 0;
  // Running state, advanced figure by figure in text order.
  size_t place_cursor_ = 0, time_cursor_ = 0;
  std::map<std::string_view, int> last_of_level_;  // level (in places_) -> last place of it
  int last_specific_ = -1;                     // last place other than the country
  const Entity* last_opening_time_ = nullptr;
  // Lower-cased acronym -> its words; hashed, as every word of every
  // measure is looked up.
  std::unordered_map<std::string, std::string, ViewHash, std::equal_to<>> acronyms_;
  WordFilter acronym_filter_;  // of acronyms_' keys, asked first
  const CueList& before_;
  const CueList& after_;
  const CueList& subject_;
  const CueList& verbs_;
  const CueList& skip_;
  const std::vector<Cue>& defaults_;
  const CueList& level_refs_;
  const CueList& breaks_;
  const CueList& plans_;
  const CueList& plan_headings_;
};

}  // namespace

Linker::Linker(const RuleSet& rules)
    : rules_(rules), places_(rules, RuleFamily::kPlace), urls_(rules) {
  cues_ = std::make_shared<const LinkCues>(rules);
}

Result<std::unique_ptr<Linker>> Linker::Create(const RuleSet& rules) {
  // A rules folder without the linker's lists (one written for entities
  // only) still links, with every cue list empty: roles by type, no measures.
  return std::unique_ptr<Linker>(new Linker(rules));
}

void Linker::FindPlaces(std::span<ExtractJob> jobs, ExtractScratch* scratch) const {
  // A sentence too much for the gate's memory leaves its document without
  // places (ExtractJob::out is then empty), not without figures.
  for (ExtractJob& job : jobs) job.style = NumberStyle::kVietnamese;
  places_.ExtractGroup(jobs, scratch);
}

void Linker::Link(const LinkInput& input, Record* record) const {
  record->meta = DocumentMeta();
  record->indicators.clear();
  DocumentLinker(rules_, input, *input.places, record, *cues_).Run(urls_);
}

}  // namespace solieu
