#include "pipeline/segment.h"

#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "pipeline/alphabet.h"
#include "pipeline/gate_core.h"
#include "util/text.h"
#include "util/utf8.h"

namespace solieu {
namespace {

// The bytes of `text` that are not spaces (IsAsciiSpace), counted eight at a
// time: this count is what separates most paragraphs, and hashing every
// byte took as long as the rest of segmenting.
size_t CountNonSpace(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kLow7 = kOnes * 0x7F, kHigh = kOnes * 0x80;
  size_t spaces = 0, i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // Per byte, on its low seven bits, with no carry between bytes: the
    // high bit says "is 0x20", ">= 0x09", ">= 0x0E"; ASCII bytes only.
    const uint64_t low = w & kLow7;
    const uint64_t blank = ~((low ^ (kOnes * 0x20)) + kLow7);
    const uint64_t from_tab = low + kOnes * (0x80 - 0x09), past_cr = low + kOnes * (0x80 - 0x0E);
    const uint64_t space = (blank | (from_tab & ~past_cr)) & ~w & kHigh;
    spaces += ((space >> 7) * kOnes) >> 56;
  }
  for (; i < text.size(); ++i) spaces += IsAsciiSpace(text[i]);
  return text.size() - spaces;
}

// The first and last words of `text` (SplitWords), or empty ones.
std::pair<std::string_view, std::string_view> OuterWords(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && IsAsciiSpace(text[b])) ++b;
  while (e > b && IsAsciiSpace(text[e - 1])) --e;
  size_t first_end = b, last_begin = e;
  while (first_end < e && !IsAsciiSpace(text[first_end])) ++first_end;
  while (last_begin > b && !IsAsciiSpace(text[last_begin - 1])) --last_begin;
  return {text.substr(b, first_end - b), text.substr(last_begin, e - last_begin)};
}

// What paragraphs with the same words share whatever the spaces between
// them: their count of non-space bytes and their first and last words,
// hashed (FNV-1a).  Paragraphs with the same key are compared by SameWords.
uint64_t WordsKey(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325;
  auto mix = [&](uint64_t v) { hash = (hash ^ v) * 0x100000001b3; };
  const auto [first, last] = OuterWords(text);
  for (char c : first) mix(static_cast<unsigned char>(c));
  mix(' ');
  for (char c : last) mix(static_cast<unsigned char>(c));
  mix(CountNonSpace(text));
  return hash;
}

// Whether `a` and `b` have the same words (SplitWords(a) == SplitWords(b)),
// compared in place.
bool SameWords(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && IsAsciiSpace(a[i])) ++i;
    while (j < b.size() && IsAsciiSpace(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    for (; i < a.size() && j < b.size() && !IsAsciiSpace(a[i]); ++i, ++j) {
      if (a[i] != b[j]) return false;
    }
    // Both words end here, or they differ.
    if ((i < a.size() && !IsAsciiSpace(a[i])) || (j < b.size() && !IsAsciiSpace(b[j]))) return false;
  }
}

struct Line {
  size_t begin, end;  // without the newline
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    size_t end = nl;
    if (end > start && text[end - 1] == '\r') --end;
    lines.push_back({start, end});
    start = nl + 1;
  }
  return lines;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

char32_t FirstChar(std::string_view s) {
  s = Trim(s);
  return s.empty() ? 0 : utf8::DecodeAt(s, 0).cp;
}

char32_t LastChar(std::string_view s) {
  s = Trim(s);
  return s.empty() ? 0 : utf8::DecodeBefore(s, s.size());
}

bool IsLower(char32_t c) { return IsLetter(c) && u_islower(static_cast<UChar32>(c)); }

// Whether `next` continues the paragraph whose last line is `prev`.
bool Continues(std::string_view prev, std::string_view next) {
  const char32_t last = LastChar(prev), first = FirstChar(next);
  if (last == 0 || first == 0) return false;
  if (std::u32string_view(U".!?;:…").find(last) != std::u32string_view::npos) return false;
  if (last == '-' || last == '/' || last == ',' || last == '(') return true;
  if (first == '%' || first == U'‰') return true;  // "12⏎%": the sign of the figure before
  if (IsLower(first)) return true;
  return IsDigit(first) && (IsLetter(last) || IsDigit(last));
}

bool IsUrlLine(std::string_view line) {
  line = Trim(line);
  return StartsWith(line, "url:") || StartsWith(line, "URL:");
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t CountWords(std::string_view s) { return SplitWords(s).size(); }

bool LooksLikeByline(std::string_view s) {
  s = Trim(s);
  const auto words = SplitWords(s);
  if (words.empty() || words.size() > 6 || s.size() > 80) return false;
  const char32_t last = LastChar(s);
  if (last == '.' || last == ':' || last == ',') return false;
  for (std::string_view w : words) {
    const char32_t c = utf8::DecodeAt(w, 0).cp;
    if (IsDigit(c)) return false;
    if (IsLetter(c) && IsLower(c)) return false;
  }
  return true;
}

char16_t AsUnit(unsigned char ascii) { return ascii == '\n' || ascii == '\r' ? u' ' : ascii; }

// Writes `text` as UTF-16 over `utf16`, with line breaks as spaces so that
// a sentence runs on across the lines of its paragraph, and the byte offset
// each unit comes from over `offsets` (with text.size() after the last).
void ToUtf16(std::string_view text, std::u16string* utf16, std::vector<uint32_t>* offsets) {
  utf16->resize(text.size());  // never more UTF-16 units than UTF-8 bytes
  offsets->resize(text.size() + 1);
  char16_t* const first = utf16->data();
  char16_t* o = first;
  uint32_t* at = offsets->data();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char b = text[i];
    if (b < 0x80) {
      *at++ = static_cast<uint32_t>(i);
      *o++ = AsUnit(b);
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::DecodeFast(text, i);
    *at++ = static_cast<uint32_t>(i);
    if (d.cp >= 0x10000) {
      *at++ = static_cast<uint32_t>(i);  // ICU never breaks inside a pair
      *o++ = static_cast<char16_t>(0xD7C0 + (d.cp >> 10));
      *o++ = static_cast<char16_t>(0xDC00 | (d.cp & 0x3FF));
    } else {
      *o++ = static_cast<char16_t>(d.cp);
    }
    i += d.length;
  }
  *at = static_cast<uint32_t>(n);
  utf16->resize(o - first);
}

// ICU's breaks in paragraph[begin, end), appended to scratch->breaks as
// offsets into the paragraph; `begin` must be a break (or 0) and `end` a
// break (or the paragraph's end), so that ICU reads that span as a text of
// its own and finds the same breaks in it.
void AppendIcuBreaks(std::string_view paragraph, size_t begin, size_t end, SegmentScratch* scratch) {
  const std::string_view span = paragraph.substr(begin, end - begin);
  ToUtf16(span, &scratch->utf16, &scratch->offsets);
  UErrorCode ec = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUChars(&ut, scratch->utf16.data(), static_cast<int64_t>(scratch->utf16.size()), &ec);
  scratch->breaker->setText(&ut, ec);
  if (U_FAILURE(ec)) {
    scratch->breaks.push_back(end);
  } else {
    for (int32_t unit = scratch->breaker->next(); unit != icu::BreakIterator::DONE;
         unit = scratch->breaker->next()) {
      scratch->breaks.push_back(begin + scratch->offsets[unit]);
    }
  }
  utext_close(&ut);
  // The copy takes six bytes per byte of text; one huge paragraph must not
  // leave a worker holding that for the rest of the run.
  if (span.size() > kKeptParagraphBytes) {
    std::u16string().swap(scratch->utf16);
    std::vector<uint32_t>().swap(scratch->offsets);
  }
}

// The Sentence_Break class (UAX #29) of the character at `pos` as ICU sees
// it, line breaks being spaces there, and the character's length.
struct BreakClass {
  int32_t value;  // a USentenceBreak
  size_t length;
};

BreakClass BreakClassAt(std::string_view text, size_t pos) {
  const utf8::Decoded d = utf8::DecodeFast(text, pos);
  const char32_t c = d.cp == '\n' || d.cp == '\r' ? U' ' : d.cp;
  return {u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK), d.length};
}

// What the sentence terminator (or separator) at `t` does, when its
// neighbours alone settle it by the rules of UAX #29, which ICU implements.
// Every break follows a terminator (or a separator), after the closing
// punctuation and spaces behind it (SB9-SB11); SB6-SB8a keep some of those
// positions joined.  Anything less plain (an Extend or Format character
// nearby, a separator, what SB8 decides only further on) is left to ICU.
struct SentenceEnd {
  enum Kind { kNoBreak, kBreak, kAskIcu } kind;
  size_t at;  // for kBreak: where the next sentence starts
};

SentenceEnd JudgeSentenceEnd(std::string_view paragraph, size_t t) {
  const BreakClass term = BreakClassAt(paragraph, t);
  if (term.value != U_SB_ATERM && term.value != U_SB_STERM) return {SentenceEnd::kAskIcu, 0};
  const bool aterm = term.value == U_SB_ATERM;
  size_t i = t + term.length;
  bool gap = false;  // closing punctuation or spaces between the terminator and i
  BreakClass next{U_SB_OTHER, 0};
  while (i < paragraph.size() && (next = BreakClassAt(paragraph, i)).value == U_SB_CLOSE) {
    i += next.length;
    gap = true;
  }
  while (i < paragraph.size() && (next = BreakClassAt(paragraph, i)).value == U_SB_SP) {
    i += next.length;
    gap = true;
  }
  if (i == paragraph.size()) return {SentenceEnd::kNoBreak, 0};  // the break at the end
  switch (next.value) {
    case U_SB_SCONTINUE:
    case U_SB_ATERM:
    case U_SB_STERM:
      return {SentenceEnd::kNoBreak, 0};  // SB8a
    case U_SB_LOWER:
      return {aterm ? SentenceEnd::kNoBreak : SentenceEnd::kBreak, i};  // SB8
    case U_SB_NUMERIC:
      if (!aterm) return {SentenceEnd::kBreak, i};
      return {gap ? SentenceEnd::kAskIcu : SentenceEnd::kNoBreak, 0};  // SB8 reads on; SB6
    case U_SB_UPPER: {
      if (!aterm || gap) return {SentenceEnd::kBreak, i};
      // SB7: "TP.HCM" is one word, "5.A" two sentences.
      const int32_t before = t == 0 ? U_SB_OTHER
                                    : u_getIntPropertyValue(static_cast<UChar32>(utf8::DecodeBefore(paragraph, t)),
                                                            UCHAR_SENTENCE_BREAK);
      return {before == U_SB_UPPER || before == U_SB_LOWER ? SentenceEnd::kNoBreak : SentenceEnd::kAskIcu, 0};
    }
    case U_SB_OLETTER:
      return {SentenceEnd::kBreak, i};
    default:
      return {SentenceEnd::kAskIcu, 0};
  }
}

// Whether the letters before `end` make a word in lower case that is no
// abbreviation: one with a Vietnamese letter ("kỳ"), or of three letters or
// more ("nay"), where "Rs", "tr", "km" may abbreviate.
bool EndsWithPlainWord(std::string_view text, size_t end) {
  size_t letters = 0;
  bool vietnamese = false;
  while (end > 0) {
    const char32_t c = utf8::DecodeBefore(text, end);
    if (!IsLetter(c)) break;
    if (!IsLower(c)) return false;
    vietnamese = vietnamese || c >= 0x80;
    ++letters;
    do --end;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
  }
  return letters > 0 && (vietnamese || letters >= 3);
}

// Where in [begin, end) of `paragraph` a number opens a sentence after a
// word and a full stop ("... so cùng kỳ. 5 tháng đầu năm 2023, ..."), which
// UAX #29 joins, reading on to the next lower-case letter (SB8); `end` when
// none does.  After a number ("4. 401 nhân khẩu") or what may abbreviate a
// word ("Rs. 20", "tr. 5") the stop is none.
size_t NumberOpeningAfterWord(std::string_view paragraph, size_t begin, size_t end) {
  const std::string_view sentence = paragraph.substr(0, end);
  for (size_t dot = sentence.find(". ", begin); dot != std::string_view::npos;
       dot = sentence.find(". ", dot + 1)) {
    size_t next = dot + 1;
    while (next < end && paragraph[next] == ' ') ++next;
    if (next < end && paragraph[next] >= '0' && paragraph[next] <= '9' && dot > begin &&
        EndsWithPlainWord(paragraph, dot)) {
      return next;
    }
  }
  return end;
}

}  // namespace

void FindSentenceBreaks(std::string_view paragraph, SegmentScratch* scratch) {
  scratch->breaks.clear();
  if (paragraph.empty()) return;
  // Past ICU's int32_t offsets the paragraph is one sentence, which the
  // sentence-size cap then cuts.
  if (paragraph.size() >= size_t{1} << 31) {
    scratch->breaks.push_back(paragraph.size());
    return;
  }
  // ICU runs only on the spans between settled breaks that hold a sentence
  // end it alone can judge; most paragraphs have none.
  const icu::UnicodeSet& ends = *scratch->sentence_ends;
  const auto* bytes = paragraph.data();
  const auto n = static_cast<int32_t>(paragraph.size());
  size_t settled = 0;     // a break, or the start
  bool unsure = false;    // [settled, here) holds an end for ICU to judge
  for (int32_t t = ends.spanUTF8(bytes, n, USET_SPAN_NOT_CONTAINED); t < n;) {
    const SentenceEnd end = JudgeSentenceEnd(paragraph, static_cast<size_t>(t));
    if (end.kind == SentenceEnd::kAskIcu) {
      unsure = true;
    } else if (end.kind == SentenceEnd::kBreak) {
      if (unsure) {
        AppendIcuBreaks(paragraph, settled, end.at, scratch);
      } else {
        scratch->breaks.push_back(end.at);
      }
      settled = end.at;
      unsure = false;
    }
    t += utf8::DecodeFast(paragraph, static_cast<size_t>(t)).length;
    t += ends.spanUTF8(bytes + t, n - t, USET_SPAN_NOT_CONTAINED);
  }
  if (unsure) {
    AppendIcuBreaks(paragraph, settled, paragraph.size(), scratch);
  } else {
    scratch->breaks.push_back(paragraph.size());
  }
}

const char* SegmentKindName(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kTitle: return "title";
    case SegmentKind::kLead: return "lead";
    case SegmentKind::kBody: return "body";
    case SegmentKind::kCaption: return "caption";
    case SegmentKind::kByline: return "byline";
    case SegmentKind::kSource: return "source";
    case SegmentKind::kChrome: return "chrome";
    case SegmentKind::kMeta: return "meta";
  }
  return "body";
}

Result<std::unique_ptr<Segmenter>> Segmenter::Create(const RuleSet& rules) {
  std::unique_ptr<Segmenter> s(new Segmenter(rules));
  UErrorCode ec = U_ZERO_ERROR;
  s->prototype_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), ec));
  if (U_FAILURE(ec)) {
    return Status::IoError(std::string("ICU sentence break data unavailable: ") + u_errorName(ec));
  }
  s->sentence_ends_.applyPattern(u"[[:SB=ATerm:][:SB=STerm:][:SB=Sep:]]", ec);
  if (U_FAILURE(ec)) {
    return Status::IoError(std::string("ICU sentence break properties unavailable: ") + u_errorName(ec));
  }
  s->sentence_ends_.freeze();
  for (int index : rules.segment_rules()) {
    const std::string_view kind = rules.rules()[index].Arg("kind");
    static constexpr std::string_view kKinds[] = {"title", "lead", "body", "caption",
                                                  "byline", "source", "chrome", "meta"};
    if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds)) {
      const Rule& r = rules.rules()[index];
      return Status::InvalidArgument(r.file + ":" + std::to_string(r.line) + ": rule " + r.id +
                                     ": segment rules need 'arg kind=' one of title, lead, body, "
                                     "caption, byline, source, chrome, meta");
    }
  }
  s->CompileKinds();
  if (const WordList* list = rules.List("ABBREVIATIONS")) {
    for (const std::string& a : list->entries) s->abbreviations_.push_back(ToLower(a));
  }
  return s;
}

std::unique_ptr<SegmentScratch> Segmenter::NewScratch() const {
  auto scratch = std::make_unique<SegmentScratch>();
  scratch->breaker.reset(prototype_->clone());
  scratch->sentence_ends = &sentence_ends_;
  return scratch;
}

void Segmenter::CompileKinds() {
  const std::vector<int>& indices = rules_.segment_rules();
  if (indices.empty()) return;
  const RE2::Options& options = rules_.rules()[indices[0]].re->options();
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (int index : indices) {
    const RE2& re = *rules_.rules()[index].re;
    // Which rules match is all the set says, so each rule's gate core serves.
    if (re.options().ParseFlags() != options.ParseFlags() || set->Add(GateCore(re.pattern()), nullptr) < 0) {
      return;
    }
  }
  if (set->Compile()) kinds_ = std::move(set);
}

int Segmenter::DecidingRuleOneByOne(std::string_view paragraph) const {
  int best = -1, best_priority = 0;
  for (int index : rules_.segment_rules()) {
    const Rule& r = rules_.rules()[index];
    if ((best < 0 || r.priority > best_priority) &&
        RE2::PartialMatch(re2::StringPiece(paragraph.data(), paragraph.size()), *r.re)) {
      best = index;
      best_priority = r.priority;
    }
  }
  return best;
}

int Segmenter::DecidingRule(std::string_view paragraph) const {
  if (!kinds_) return DecidingRuleOneByOne(paragraph);
  std::vector<int> matched;
  RE2::Set::ErrorInfo error;
  if (!kinds_->Match(re2::StringPiece(paragraph.data(), paragraph.size()), &matched, &error)) {
    return error.kind == RE2::Set::kNoError ? -1 : DecidingRuleOneByOne(paragraph);
  }
  // As one by one: the first rule of the highest priority among those that match.
  std::sort(matched.begin(), matched.end());
  int best = -1, best_priority = 0;
  for (int k : matched) {
    const int index = rules_.segment_rules()[k];
    const int priority = rules_.rules()[index].priority;
    if (best < 0 || priority > best_priority) {
      best = index;
      best_priority = priority;
    }
  }
  return best;
}

SegmentKind Segmenter::Classify(std::string_view paragraph) const {
  const int best = DecidingRule(paragraph);
  if (best < 0) return SegmentKind::kBody;
  const std::string_view kind = rules_.rules()[best].Arg("kind");
  static constexpr std::pair<std::string_view, SegmentKind> kNames[] = {
      {"title", SegmentKind::kTitle},     {"lead", SegmentKind::kLead},
      {"caption", SegmentKind::kCaption}, {"byline", SegmentKind::kByline},
      {"source", SegmentKind::kSource},   {"chrome", SegmentKind::kChrome},
      {"meta", SegmentKind::kMeta}};
  for (const auto& [name, k] : kNames) {
    if (name == kind) return k;
  }
  return SegmentKind::kBody;
}

bool Segmenter::EndsWithAbbreviation(std::string_view text) const {
  text = Trim(text);
  if (text.empty() || text.back() != '.') return false;
  size_t start = text.size() - 1;
  while (start > 0 && !IsSpaceByte(text[start - 1])) --start;
  const std::string token = ToLower(text.substr(start));
  for (const std::string& a : abbreviations_) {
    // "TP." and also "PGS.TS." ending in a listed abbreviation.
    if (token.size() >= a.size() && token.compare(token.size() - a.size(), a.size(), a) == 0 &&
        (token.size() == a.size() || token[token.size() - a.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

void Segmenter::Segment(std::string_view text, SegmentScratch* scratch,
                        std::vector<Paragraph>* paragraphs, std::vector<Sentence>* sentences) const {
  paragraphs->clear();
  sentences->clear();
  const std::vector<Line> lines = SplitLines(text);
  auto line_text = [&](const Line& l) { return text.substr(l.begin, l.end - l.begin); };

  // Paragraphs from lines.
  size_t i = 0;
  if (!lines.empty() && IsUrlLine(line_text(lines[0]))) {
    paragraphs->push_back({lines[0].begin, lines[0].end, SegmentKind::kMeta});
    i = 1;
  }
  for (; i < lines.size(); ++i) {
    if (IsBlank(line_text(lines[i]))) continue;
    size_t j = i;
    while (j + 1 < lines.size() && !IsBlank(line_text(lines[j + 1])) &&
           Continues(line_text(lines[j]), line_text(lines[j + 1]))) {
      ++j;
    }
    Paragraph p{lines[i].begin, lines[j].end, SegmentKind::kBody};
    // Trim surrounding spaces so that kinds and sentences start on text.
    while (p.begin < p.end && IsSpaceByte(text[p.begin])) ++p.begin;
    while (p.end > p.begin && IsSpaceByte(text[p.end - 1])) --p.end;
    p.kind = Classify(text.substr(p.begin, p.end - p.begin));
    paragraphs->push_back(p);
    i = j;
  }

  // Paragraphs that repeat an earlier one: their figures are reported once.
  // `seen` holds the first paragraph of each distinct text.
  std::unordered_multimap<uint64_t, int> seen;
  for (size_t pi = 0; pi < paragraphs->size(); ++pi) {
    Paragraph& p = (*paragraphs)[pi];
    if (p.end - p.begin < 40 || p.kind == SegmentKind::kMeta) continue;
    const std::string_view words = text.substr(p.begin, p.end - p.begin);
    const uint64_t key = WordsKey(words);
    const auto [from, to] = seen.equal_range(key);
    for (auto it = from; it != to; ++it) {
      const Paragraph& first = (*paragraphs)[it->second];
      if (SameWords(words, text.substr(first.begin, first.end - first.begin))) {
        p.duplicate_of = it->second;
        break;
      }
    }
    if (p.duplicate_of < 0) seen.emplace(key, static_cast<int>(pi));
  }

  // Title, lead and byline by position.
  bool titled = false, led = false;
  for (Paragraph& p : *paragraphs) {
    if (p.kind != SegmentKind::kBody) continue;
    const std::string_view s = text.substr(p.begin, p.end - p.begin);
    const char32_t last = LastChar(s);
    if (!titled && !led && CountWords(s) <= 40 && last != '.' && last != ':' && last != '!') {
      p.kind = SegmentKind::kTitle;
      titled = true;
    } else if (!led && CountWords(s) >= 8) {  // a counter or a label is no lead
      p.kind = SegmentKind::kLead;
      led = true;
      break;
    }
  }
  if (paragraphs->size() > 2) {
    Paragraph& last = paragraphs->back();
    if (last.kind == SegmentKind::kBody && LooksLikeByline(text.substr(last.begin, last.end - last.begin))) {
      last.kind = SegmentKind::kByline;
    }
  }

  // Sentences, paragraph by paragraph.
  for (size_t pi = 0; pi < paragraphs->size(); ++pi) {
    const Paragraph& p = (*paragraphs)[pi];
    const size_t first_sentence = sentences->size();
    auto add = [&](size_t b, size_t e) {
      while (b < e && IsSpaceByte(text[b])) ++b;
      while (e > b && IsSpaceByte(text[e - 1])) --e;
      if (b >= e) return;
      if (sentences->size() > first_sentence) {
        Sentence& prev = sentences->back();
        const std::string_view prev_text = text.substr(prev.begin, prev.end - prev.begin);
        const char32_t next_first = FirstChar(text.substr(b, e - b));
        const bool inside_number = IsDigit(next_first) && prev_text.size() >= 2 &&
                                   (prev_text.back() == '.' || prev_text.back() == ',') &&
                                   IsDigit(static_cast<unsigned char>(prev_text[prev_text.size() - 2]));
        if (EndsWithAbbreviation(prev_text) || inside_number || IsLower(next_first)) {
          prev.end = e;
          return;
        }
      }
      sentences->push_back({b, e, static_cast<int>(pi), p.kind, p.duplicate_of >= 0});
    };
    if (p.kind == SegmentKind::kMeta) {
      sentences->push_back({p.begin, p.end, static_cast<int>(pi), p.kind});
      continue;
    }
    const std::string_view paragraph = text.substr(p.begin, p.end - p.begin);
    FindSentenceBreaks(paragraph, scratch);
    size_t start = 0;
    for (size_t end : scratch->breaks) {
      for (size_t cut = NumberOpeningAfterWord(paragraph, start, end); cut < end;
           cut = NumberOpeningAfterWord(paragraph, start, end)) {
        add(p.begin + start, p.begin + cut);
        start = cut;
      }
      add(p.begin + start, p.begin + end);
      start = end;
    }
  }

  // Bound the cost of matching: cut very long sentences at spaces.
  const bool all_short = std::all_of(sentences->begin(), sentences->end(), [](const Sentence& s) {
    return s.end - s.begin <= kMaxSentenceBytes;
  });
  if (all_short) return;
  std::vector<Sentence> bounded;
  bounded.reserve(sentences->size());
  for (const Sentence& s : *sentences) {
    size_t b = s.begin;
    while (s.end - b > kMaxSentenceBytes) {
      size_t cut = b + kMaxSentenceBytes;
      const size_t space = text.rfind(' ', cut);
      if (space != std::string_view::npos && space > b + kMaxSentenceBytes / 2) {
        cut = space;
        while (cut > b && IsSpaceByte(text[cut - 1])) --cut;  // a run of spaces
      } else {
        while (cut > b && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      }
      bounded.push_back({b, cut, s.paragraph, s.kind, s.duplicate});
      b = cut;
      // Like every sentence, the next piece starts on text, not on the space.
      while (b < s.end && IsSpaceByte(text[b])) ++b;
    }
    bounded.push_back({b, s.end, s.paragraph, s.kind, s.duplicate});
  }
  sentences->swap(bounded);
}

}  // namespace solieu
