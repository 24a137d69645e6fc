#include "pipeline/extract.h"

#include <algorithm>
#include <chrono>

#include <unicode/uchar.h>

#include "pipeline/alphabet.h"
#include "pipeline/numbers.h"
#include "util/text.h"
#include "util/utf8.h"

namespace solieu {
namespace {

// Whether the letters right before `pos` end a word written with a letter
// beyond ASCII ("tăng", "loại"): a code is ASCII ("F0", "x2").
bool GluedWordIsVietnamese(std::string_view text, size_t pos) {
  while (pos > 0) {
    const char32_t c = utf8::DecodeBefore(text, pos);
    if (!IsLetter(c)) return false;
    if (c >= 0x80) return true;
    --pos;  // an ASCII letter is one byte
  }
  return false;
}

// A Vietnamese word glued to a figure ("là73,59%", "tạotăng1,36%" in text
// pasted from PDFs) does not make the figure part of a code; ASCII letters
// alone do ("F0", "H5N1", "m2").  A span never starts inside a number or a
// date typed with dashes: after "1," the "36%" of "1,36%" is no figure of its
// own, nor the "08 Khách" of "2022-08 Khách du lịch".
bool GluedBefore(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  const char32_t c = utf8::DecodeBefore(text, pos);
  if ((c == ',' || c == '.' || c == '-') && pos >= 2 && IsDigit(utf8::DecodeBefore(text, pos - 1))) {
    return true;
  }
  if (IsLetter(c) && u_islower(static_cast<UChar32>(c)) && pos < text.size() &&
      IsDigit(utf8::DecodeAt(text, pos).cp) && GluedWordIsVietnamese(text, pos)) {
    return false;
  }
  return IsLetter(c) || IsDigit(c);
}

// Whether the letters from `pos` on make a word written with a letter beyond
// ASCII ("ngày", "và").
bool WordAfterIsVietnamese(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    const utf8::Decoded d = utf8::DecodeAt(text, pos);
    if (!IsLetter(d.cp)) return false;
    if (d.cp >= 0x80) return true;
    pos += d.length;
  }
  return false;
}

// Whether the two characters before `pos` are capitals: the end of a code
// ("TW"), not the capital that opens a word ("Học").
bool TwoCapitalsBefore(std::string_view text, size_t pos) {
  for (int k = 0; k < 2; ++k) {
    if (pos == 0) return false;
    const char32_t c = utf8::DecodeBefore(text, pos);
    if (!u_isupper(static_cast<UChar32>(c))) return false;
    pos -= c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return true;
}

// A code in capitals run into a Vietnamese word ("70-TB/TWngày 06 tháng
// 01") ends where the word begins; a capital that opens a word is no code
// ("tiêu chuẩn 1/Học vấn").
bool GluedAfter(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const char32_t c = utf8::DecodeAt(text, pos).cp;
  if (IsLetter(c) && u_islower(static_cast<UChar32>(c)) && TwoCapitalsBefore(text, pos) &&
      WordAfterIsVietnamese(text, pos)) {
    return false;
  }
  return IsLetter(c) || IsDigit(c);
}

int64_t NanosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
      .count();
}

size_t NextCharStart(std::string_view text, size_t pos) {
  if (pos >= text.size()) return pos + 1;
  return pos + utf8::DecodeAt(text, pos).length;
}

}  // namespace

void Extractor::MatchRule(int rule_index, const ExtractJob& job, const ExtractScratch::Hit& hit,
                          ExtractScratch* scratch) const {
  const std::string_view text = job.text;
  const Rule& rule = rules_.rules()[rule_index];
  const Sentence& sentence = (*job.sentences)[hit.sentence];
  scratch->groups.assign(1, re2::StringPiece());
  // Matching sees the sentence alone, so "^" and "$" are its edges.
  const re2::StringPiece sentence_text(text.data() + sentence.begin, sentence.end - sentence.begin);
  // Placing capture groups costs several times what finding a match with
  // RE2's DFA does. When the span is the whole match, the groups are placed
  // later, and only for the spans that win their overlaps (BuildCandidate).
  // Otherwise they are placed over the match, as RE2's own search would.
  const bool deferred = rule.span_group == 0;
  size_t pos = 0;
  while (pos <= sentence_text.size()) {
    if (!rule.re->Match(sentence_text, pos, sentence_text.size(), RE2::UNANCHORED,
                        scratch->groups.data(), 1)) {
      return;
    }
    if (!deferred) {
      const size_t match_begin = scratch->groups[0].data() - sentence_text.data();
      if (!PlaceGroups(rule, sentence_text, match_begin, match_begin + scratch->groups[0].size(),
                       scratch)) {
        return;
      }
    }
    const re2::StringPiece whole = scratch->groups[0];
    const re2::StringPiece span = scratch->groups[rule.span_group].data()
                                      ? scratch->groups[rule.span_group]
                                      : whole;
    const size_t begin = span.data() - text.data(), end = begin + span.size();
    const size_t match_start = whole.data() - sentence_text.data();
    const bool left_ok = rule.bounds == Rule::Bounds::kNone || rule.bounds == Rule::Bounds::kRight ||
                         !GluedBefore(text, begin);
    const bool right_ok = rule.bounds == Rule::Bounds::kNone || rule.bounds == Rule::Bounds::kLeft ||
                          !GluedAfter(text, end);
    if (!left_ok || !right_ok || span.empty()) {
      pos = NextCharStart(sentence_text, match_start);
      continue;
    }
    const size_t length = utf8::CountCodePoints(text.substr(begin, end - begin));
    ExtractScratch::Candidate candidate{hit.job, hit.sentence, begin, end, length, rule.priority,
                                        rule_index, 0, 0, deferred};
    if (deferred || BuildCandidate(job, sentence, scratch, &candidate)) {
      scratch->candidates.push_back(candidate);
    }
    const size_t span_end_in_sentence = end - sentence.begin;
    pos = span_end_in_sentence > match_start ? span_end_in_sentence
                                             : NextCharStart(sentence_text, match_start);
  }
}

bool Extractor::PlaceGroups(const Rule& rule, re2::StringPiece sentence_text, size_t begin,
                            size_t end, ExtractScratch* scratch) const {
  const int ngroups = 1 + rule.re->NumberOfCapturingGroups();
  scratch->groups.assign(ngroups, re2::StringPiece());
  if (rule.placer) {
    return rule.placer->Place(sentence_text, begin, end, scratch->groups.data(), ngroups,
                              &scratch->placement);
  }
  return rule.re->Match(sentence_text, begin, end, RE2::ANCHOR_BOTH, scratch->groups.data(), ngroups);
}

bool Extractor::BuildCandidate(const ExtractJob& job, const Sentence& sentence,
                               ExtractScratch* scratch, ExtractScratch::Candidate* candidate) const {
  const std::string_view text = job.text;
  const Rule& rule = rules_.rules()[candidate->rule];
  if (candidate->deferred) {
    // The same groups the unanchored search would have placed: RE2 places
    // them by an anchored match over the span its DFA found, in the same
    // context (the sentence) for "^", "$" and "\b".
    const re2::StringPiece sentence_text(text.data() + sentence.begin, sentence.end - sentence.begin);
    if (rule.groups_are_match) {
      const re2::StringPiece span(text.data() + candidate->begin, candidate->end - candidate->begin);
      scratch->groups.assign(1 + rule.re->NumberOfCapturingGroups(), span);
    } else if (!PlaceGroups(rule, sentence_text, candidate->begin - sentence.begin,
                            candidate->end - sentence.begin, scratch)) {
      return false;
    }
    candidate->deferred = false;
  }
  Match m;
  m.rule = &rule;
  m.text = text;
  m.groups = scratch->groups;
  BuildContext context;
  context.rules = &rules_;
  context.style = job.style;
  context.span_begin = candidate->begin;
  context.span_end = candidate->end;
  candidate->first_draft = scratch->drafts.size();
  Build(m, context, &scratch->drafts);
  candidate->draft_count = scratch->drafts.size() - candidate->first_draft;
  return candidate->draft_count > 0 || rule.type == "block";
}

bool Extractor::TimedBuildCandidate(const ExtractJob& job, const Sentence& sentence,
                                    ExtractScratch* scratch,
                                    ExtractScratch::Candidate* candidate) const {
  const auto t0 = std::chrono::steady_clock::now();
  const bool built = BuildCandidate(job, sentence, scratch, candidate);
  scratch->rule_nanos[candidate->rule] += NanosSince(t0);
  return built;
}

void Extractor::ExtractGroup(std::span<ExtractJob> jobs, ExtractScratch* scratch) const {
  // Gate every sentence first, then search rule by rule: each automaton then
  // runs over all the sentences that need it while it is in the caches.
  auto& hits_by_rule = scratch->hits_by_rule;
  hits_by_rule.resize(rules_.rules().size());
  for (auto& hits : hits_by_rule) hits.clear();
  for (size_t ji = 0; ji < jobs.size(); ++ji) {
    ExtractJob& job = jobs[ji];
    job.out->clear();
    job.status = Status::Ok();
    const std::vector<Sentence>& sentences = *job.sentences;
    for (size_t si = 0; si < sentences.size(); ++si) {
      const Sentence& sentence = sentences[si];
      if (sentence.kind == SegmentKind::kMeta) continue;
      const std::string_view sentence_text =
          job.text.substr(sentence.begin, sentence.end - sentence.begin);
      job.status = rules_.Gate(family_, sentence_text, &scratch->fired);
      if (!job.status.ok()) break;
      for (int rule_index : scratch->fired) {
        hits_by_rule[rule_index].push_back({static_cast<int>(ji), static_cast<int>(si)});
      }
    }
  }
  auto& cands = scratch->candidates;
  cands.clear();
  scratch->drafts.clear();
  const bool profiled = !scratch->rule_nanos.empty();
  for (int rule_index = 0; rule_index < static_cast<int>(hits_by_rule.size()); ++rule_index) {
    for (const ExtractScratch::Hit& hit : hits_by_rule[rule_index]) {
      const ExtractJob& job = jobs[hit.job];
      // A job the gate failed on yields nothing, not the sentences before.
      if (!job.status.ok()) continue;
      if (!profiled) {
        MatchRule(rule_index, job, hit, scratch);
        continue;
      }
      const auto t0 = std::chrono::steady_clock::now();
      MatchRule(rule_index, job, hit, scratch);
      scratch->rule_nanos[rule_index] += NanosSince(t0);
      ++scratch->rule_fired[rule_index];
    }
  }

  std::sort(cands.begin(), cands.end(), [](const auto& a, const auto& b) {
    if (a.job != b.job) return a.job < b.job;
    if (a.sentence != b.sentence) return a.sentence < b.sentence;
    if (a.length != b.length) return a.length > b.length;
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.rule < b.rule;
  });
  for (size_t first = 0; first < cands.size();) {
    size_t last = first;
    while (last < cands.size() && cands[last].job == cands[first].job &&
           cands[last].sentence == cands[first].sentence) {
      ++last;
    }
    ResolveSentence(jobs[cands[first].job], first, last, scratch);
    first = last;
  }
}

void Extractor::ResolveSentence(const ExtractJob& job, size_t first, size_t last,
                                ExtractScratch* scratch) const {
  const int si = scratch->candidates[first].sentence;
  const Sentence& sentence = (*job.sentences)[si];
  std::vector<Entity>* out = job.out;
  auto& taken = scratch->taken;
  taken.clear();
  const size_t first_entity = out->size();
  // Drafts built here (for deferred candidates) serve this sentence alone:
  // dropped at the end, they do not pile up over the whole group.
  const size_t first_sentence_draft = scratch->drafts.size();
  for (size_t i = first; i < last; ++i) {
    auto& c = scratch->candidates[i];
    const bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const auto& t) {
      return c.begin < t.second && t.first < c.end;
    });
    if (overlaps) continue;
    if (c.deferred && !(scratch->rule_nanos.empty() ? BuildCandidate(job, sentence, scratch, &c)
                                                    : TimedBuildCandidate(job, sentence, scratch, &c))) {
      continue;
    }
    taken.emplace_back(c.begin, c.end);
    const Rule& rule = rules_.rules()[c.rule];
    for (size_t k = 0; k < c.draft_count; ++k) {
      Draft& d = scratch->drafts[c.first_draft + k];
      Entity e;
      e.type = std::move(d.type);
      e.norm = std::move(d.norm);
      e.value = std::move(d.value);
      e.rule = rule.id;
      e.sentence = si;
      e.duplicate = sentence.duplicate;
      e.match_begin = d.begin;
      e.match_end = d.end;
      out->push_back(std::move(e));
    }
  }
  scratch->drafts.resize(first_sentence_draft);
  std::stable_sort(out->begin() + first_entity, out->end(),
                   [](const Entity& a, const Entity& b) { return a.match_begin < b.match_begin; });
}

namespace {

// Whether a word or a sign ("%", "$") follows `pos` on its line, after spaces.
bool WordOrSignAt(std::string_view text, size_t pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0 || c == '%' || c == '$';
}

}  // namespace

NumberStyle DetectNumberStyle(std::string_view text) {
  int vietnamese = 0, english = 0;
  for (size_t i = FindAsciiDigit(text, 0); i < text.size(); i = FindAsciiDigit(text, i)) {
    // A token of digits and separators.
    size_t j = i;
    int dots = 0, commas = 0;
    size_t last_sep = 0;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') ||
                               ((text[j] == '.' || text[j] == ',') && j + 1 < text.size() &&
                                text[j + 1] >= '0' && text[j + 1] <= '9'))) {
      if (text[j] == '.') ++dots, last_sep = j;
      if (text[j] == ',') ++commas, last_sep = j;
      ++j;
    }
    const size_t tail = last_sep ? j - last_sep - 1 : 0;
    if (dots >= 2 && commas == 0) ++vietnamese;
    // A counter at the foot of a page ("Total visited: 2,740,113") groups
    // its digits as its software does, not as the text does: only a number
    // followed by a word or a sign ("80,605,651 visits") is evidence.
    if (commas >= 2 && dots == 0 && WordOrSignAt(text, j)) ++english;
    if (dots == 1 && commas == 1) (text.find(',', i) < text.find('.', i) ? english : vietnamese) += 2;
    if (commas == 1 && dots == 0 && tail != 3) ++vietnamese;
    if (dots == 1 && commas == 0 && tail != 3 && j < text.size() && text[j] == '%') ++english;
    // "74.3 ngàn tỷ", "1.2 triệu": a scale word takes an amount, never a day
    // and month ("16.6") or a version ("4.0 ha" does not occur).
    if (dots == 1 && commas == 0 && tail < 3 && ScaleWordAt(text, j)) ++english;
    i = j;
  }
  return english >= 2 && english > 2 * vietnamese ? NumberStyle::kEnglish : NumberStyle::kVietnamese;
}

}  // namespace solieu
