#include "pipeline/legacy.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "pipeline/alphabet.h"
#include "util/utf8.h"

namespace solieu {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

Status LoadCp1252(std::array<char32_t, 256>* table) {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open("windows-1252", &ec));
  if (U_FAILURE(ec) || !conv) return Status::InvalidArgument("ICU has no converter windows-1252");
  for (int b = 0; b < 256; ++b) {
    const char in[1] = {static_cast<char>(b)};
    UChar out[2] = {0, 0};
    const char* source = in;
    UChar* target = out;
    ec = U_ZERO_ERROR;
    ucnv_reset(conv.get());
    ucnv_toUnicode(conv.get(), &target, out + 2, &source, in + 1, nullptr, true, &ec);
    (*table)[b] = U_SUCCESS(ec) && target == out + 1 ? out[0] : static_cast<char32_t>(b);
  }
  return Status::Ok();
}

bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The VIQR mark characters: shapes ^ ( + and tones ' ` ? ~ .
bool IsViqrMark(char c) {
  return c == '^' || c == '(' || c == '+' || c == '\'' || c == '`' || c == '?' || c == '~' ||
         c == '.';
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
  return cols;
}

}  // namespace

int LegacyTables::Cp1252Byte(char32_t cp) const {
  if (cp < 0x80) return static_cast<int>(cp);
  auto it = cp1252_bytes_.find(cp);
  return it == cp1252_bytes_.end() ? -1 : it->second;
}

const LegacyTable* LegacyTables::Find(std::string_view name) const {
  for (const auto& t : tables_) {
    if (t->name() == name) return t.get();
  }
  return nullptr;
}

Result<std::shared_ptr<const LegacyTables>> LegacyTables::Load(const std::string& dir) {
  std::shared_ptr<LegacyTables> tables(new LegacyTables());
  if (Status s = LoadCp1252(&tables->cp1252_); !s.ok()) return s;
  for (int b = 0x80; b < 256; ++b) tables->cp1252_bytes_[tables->cp1252_[b]] = static_cast<unsigned char>(b);

  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  if (U_FAILURE(ec)) return Status::InvalidArgument("ICU has no NFC normalizer");

  const std::pair<const char*, LegacyTable::Kind> kFiles[] = {
      {"tcvn3", LegacyTable::Kind::kTcvn3},
      {"vni", LegacyTable::Kind::kVni},
      {"viqr", LegacyTable::Kind::kViqr},
  };
  for (const auto& [name, kind] : kFiles) {
    const std::string path = dir + "/" + name + ".tsv";
    std::ifstream f(path, std::ios::binary);
    if (!f) return Status::NotFound(path + ": cannot open the encoding table");
    std::unique_ptr<LegacyTable> table(new LegacyTable());
    table->kind_ = kind;
    table->name_ = name;
    table->cp1252_ = &tables->cp1252_;
    std::vector<std::pair<std::string, char32_t>> encode_only;
    std::string line;
    for (size_t number = 1; std::getline(f, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      const std::string where = path + ":" + std::to_string(number) + ": ";
      const std::vector<std::string> cols = SplitTabs(line);
      if (cols.size() < 4) return Status::Corrupt(where + "expected bytes, character, code point, use");
      std::string bytes;
      std::stringstream hex(cols[0]);
      for (std::string h; hex >> h;) {
        if (h.size() != 2 || h.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
          return Status::Corrupt(where + "'" + h + "' is not a byte in hex");
        }
        bytes += static_cast<char>(std::stoi(h, nullptr, 16));
      }
      if (bytes.empty() || bytes.size() > 4) return Status::Corrupt(where + "expected 1 to 4 bytes");
      const std::string& ch = cols[1];
      if (ch.empty() || utf8::FirstInvalid(ch) != ch.size() || utf8::CountCodePoints(ch) != 1) {
        return Status::Corrupt(where + "the character column must hold one UTF-8 character");
      }
      const char32_t cp = utf8::DecodeAt(ch, 0).cp;
      char expected[16];
      std::snprintf(expected, sizeof expected, "U+%04X", static_cast<unsigned>(cp));
      if (cols[2] != expected) {
        return Status::Corrupt(where + "'" + ch + "' is " + expected + ", not " + cols[2]);
      }
      if (!nfc->isNormalized(icu::UnicodeString(static_cast<UChar32>(cp)), ec) || U_FAILURE(ec)) {
        return Status::Corrupt(where + "'" + ch + "' is not NFC");
      }
      const std::string& use = cols[3];
      if (use != "both" && use != "encode" && use != "decode") {
        return Status::Corrupt(where + "use must be both, encode or decode, not '" + use + "'");
      }
      if (use != "encode") {
        const auto first = static_cast<unsigned char>(bytes[0]);
        const bool taken = bytes.size() == 1 ? table->single_[first] != 0 : table->multi_.count(bytes) > 0;
        if (taken) return Status::Corrupt(where + "bytes " + cols[0] + " already decode to another character");
        if (bytes.size() == 1) {
          table->single_[first] = cp;
        } else {
          table->multi_[bytes] = cp;
        }
        table->longest_from_[first] =
            std::max<uint8_t>(table->longest_from_[first], static_cast<uint8_t>(bytes.size()));
      } else {
        encode_only.emplace_back(bytes, cp);
      }
      if (use != "decode" && !table->encode_.count(cp)) table->encode_[cp] = bytes;
    }
    if (table->encode_.empty()) return Status::Corrupt(path + ": no rows");
    // A byte that both decodes to a lower-case letter and encodes a capital
    // (TCVN3's capitals font convention) decodes lower case only.
    for (const auto& [bytes, cp] : encode_only) {
      const auto first = static_cast<unsigned char>(bytes[0]);
      if (bytes.size() == 1 && ToLowerLetter(cp) == table->single_[first]) {
        table->lower_only_[first] = true;
      }
    }
    tables->tables_.push_back(std::move(table));
  }
  return std::shared_ptr<const LegacyTables>(std::move(tables));
}

std::pair<char32_t, size_t> LegacyTable::Match(std::string_view in, size_t pos) const {
  const auto first = static_cast<unsigned char>(in[pos]);
  const size_t longest = std::min<size_t>(longest_from_[first], in.size() - pos);
  for (size_t len = longest; len >= 2; --len) {
    auto it = multi_.find(std::string(in.substr(pos, len)));
    if (it != multi_.end()) return {it->second, len};
  }
  if (single_[first] != 0) return {single_[first], 1};
  return {0, 0};
}

void LegacyTable::DecodeBytes(std::string_view in, std::string* text, OffsetMap* map,
                              std::vector<size_t>* lower_only_at, LegacyDecodeInfo* info) const {
  for (size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80 && longest_from_[b] == 0) {  // ASCII: itself
      text->push_back(static_cast<char>(b));
      map->AddUnchanged(1);
      ++i;
      continue;
    }
    auto [cp, len] = longest_from_[b] != 0 ? Match(in, i) : std::pair<char32_t, size_t>{0, 0};
    if (len) {
      ++info->letters;
      if (len == 1 && lower_only_[b]) lower_only_at->push_back(text->size());
    } else {
      cp = (*cp1252_)[b];
      len = 1;
      info->fallback += b >= 0x80;
    }
    const size_t before = text->size();
    utf8::Append(*text, cp);
    map->AddReplace(len, text->size() - before);
    i += len;
  }
}

void LegacyTable::RecaseTcvn3(std::string* text, const OffsetMap& map,
                              const std::vector<size_t>& lower_only_at,
                              LegacyDecodeInfo* info) const {
  const std::string_view t = *text;
  // A toned lower-case letter: one a capitals font may have shown as a
  // capital (tell by the character: cheaper than looking its offset up).
  auto lower_only = [&](char32_t cp) { return cp >= 0xE0 && ToneOf(cp) != 0 && !IsUpperLetter(cp); };
  auto prev_start = [&](size_t pos) {  // the character before pos; REQUIRES pos > 0
    size_t p = pos - 1;
    while (p > 0 && (static_cast<unsigned char>(t[p]) & 0xC0) == 0x80) --p;
    return p;
  };
  auto letter_at = [&](size_t pos) { return IsLetter(utf8::DecodeAt(t, pos).cp); };
  // A word: its letters other than the lower-only ones, and how many of
  // those are capitals.
  struct Word {
    size_t begin = 0, end = 0;
    size_t others = 0, other_upper = 0;
    bool caps() const { return others >= 2 && other_upper == others; }
  };
  auto word_at = [&](size_t pos) {  // REQUIRES: a letter at pos
    Word w;
    w.begin = pos;
    while (w.begin > 0 && letter_at(prev_start(w.begin))) w.begin = prev_start(w.begin);
    for (w.end = w.begin; w.end < t.size();) {
      const utf8::Decoded d = utf8::DecodeAt(t, w.end);
      if (!IsLetter(d.cp)) break;
      if (!lower_only(d.cp)) {
        ++w.others;
        w.other_upper += IsUpperLetter(d.cp);
      }
      w.end += d.length;
    }
    return w;
  };
  // The words before and after `w` on its line, in capitals?
  auto neighbour_caps = [&](const Word& w) {
    size_t p = w.begin;
    while (p > 0) {
      p = prev_start(p);
      if (t[p] == '\n') break;
      if (letter_at(p)) {
        if (word_at(p).caps()) return true;
        break;
      }
    }
    for (p = w.end; p < t.size() && t[p] != '\n';) {
      const utf8::Decoded d = utf8::DecodeAt(t, p);
      if (IsLetter(d.cp)) return word_at(p).caps();
      p += d.length;
    }
    return false;
  };
  size_t done = 0;  // words before this text offset are decided
  for (const size_t pos : lower_only_at) {
    if (pos < done) continue;
    const Word w = word_at(pos);
    done = w.end;
    if (w.caps() || (w.other_upper == w.others && neighbour_caps(w))) {
      for (auto it = std::lower_bound(lower_only_at.begin(), lower_only_at.end(), w.begin);
           it != lower_only_at.end() && *it < w.end; ++it) {
        const utf8::Decoded d = utf8::DecodeAt(*text, *it);
        std::string upper;
        utf8::Append(upper, ToUpperLetter(d.cp));
        if (upper.size() != d.length) continue;  // never: cases have equal lengths
        text->replace(*it, upper.size(), upper);
        if (info->recased++ == 0) info->first_recased = map.SourceStart(*it);
      }
    } else if (lower_only(utf8::DecodeAt(t, w.begin).cp)) {
      if (info->toned_lower++ == 0) info->first_toned_lower = map.SourceStart(w.begin);
    }
  }
}

void LegacyTable::DecodeViqr(std::string_view in, std::vector<Unit>* units,
                             LegacyDecodeInfo* info) const {
  std::vector<Unit> word;
  std::u32string letters;
  // Decodes in[begin, end) as one syllable into `word`; false when a mark is
  // left over or the result is no syllable.
  auto try_decode = [&](size_t begin, size_t end, bool* changed) {
    word.clear();
    letters.clear();
    *changed = false;
    const std::string_view part = in.substr(0, end);
    for (size_t p = begin; p < end;) {
      if (!IsAsciiLetter(part[p])) return false;
      const auto [cp, len] = Match(part, p);
      if (len >= 2) {
        word.push_back({cp, static_cast<uint32_t>(p), static_cast<uint8_t>(len)});
        *changed = true;
        p += len;
      } else {
        word.push_back({static_cast<char32_t>(part[p]), static_cast<uint32_t>(p), 1});
        ++p;
      }
      letters.push_back(word.back().cp);
    }
    if (!*changed || IsVietnameseSyllable(letters)) return true;
    // "dd" alone (đồng after a sum), "QDD", "HDDND": đ outside a syllable.
    bool only_dd = true, capitals = true;
    for (const Unit& u : word) {
      only_dd &= u.length == 1 || ToLowerLetter(u.cp) == U'đ';
      capitals &= IsUpperLetter(u.cp) && in[u.source] != 'd';
    }
    return only_dd && ((capitals && word.size() >= 2) || word.size() == 1);
  };
  // Words that close a question when "?" ends them.
  static constexpr std::u32string_view kQuestionWords[] = {U"không", U"chưa", U"sao", U"đâu",
                                                           U"ai", U"ư", U"hông", U"nhé"};
  auto question_word = [&](size_t begin, size_t end) {
    bool changed = false;
    if (!try_decode(begin, end, &changed)) return false;
    std::u32string lower;
    for (char32_t c : letters) lower.push_back(ToLowerLetter(c));
    for (std::u32string_view q : kQuestionWords) {
      if (lower == q) return true;
    }
    return false;
  };
  auto key_of = [&](size_t begin, size_t end) {
    std::string key(in.substr(begin, end - begin));
    for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return key;
  };
  // Spellings whose final "." or "?" the context showed to be a tone.
  std::unordered_set<std::string> toned;
  // Is the final mark of in[begin, chosen) a tone?  `sure` tells whether the
  // context decided it (what follows), rather than defaults.
  auto final_is_tone = [&](size_t begin, size_t chosen, size_t end, bool* sure) {
    *sure = true;
    const char mark = in[chosen - 1];
    if (chosen < end) {
      // "vu.." "ba.?": the next mark is the punctuation; but "giao..." ends
      // in an ellipsis.
      size_t dots = 0;
      while (chosen - 1 + dots < end && in[chosen - 1 + dots] == '.') ++dots;
      return dots != 3 || chosen - 1 + dots != end;
    }
    if (end < in.size()) {
      const char n = in[end];
      if (n != ' ' && n != '\t' && n != '\n' && n != '\r' && n != '"' && n != '\'' && n != ')' &&
          n != ']') {
        return true;  // glued to what follows: "ta./ha", "ho.,"
      }
    }
    size_t next = end;
    while (next < in.size() && (in[next] == ' ' || in[next] == '\t')) ++next;
    const char n = next < in.size() ? in[next] : '\0';
    if ((n >= 'a' && n <= 'z') || (n >= '0' && n <= '9')) return true;  // the sentence goes on
    *sure = false;
    if (mark == '?') return !question_word(begin, chosen - 1);  // questions are rare in reports
    // "Bo^. Ta`i chi'nh", "Vu. To^? chu+'c", "Thi. Mai": a capitalized word
    // before another is a name or a title, not the end of a sentence (but
    // "I." and "A." are numbers and initials).
    const bool capitalized = in[begin] >= 'A' && in[begin] <= 'Z' && chosen - begin >= 3;
    if (capitalized && n >= 'A' && n <= 'Z') return true;
    bool capitals = chosen - begin >= 3;  // "TRO+." in a heading
    for (size_t p = begin; p < chosen; ++p) capitals &= !(in[p] >= 'a' && in[p] <= 'z');
    if (capitals) return true;
    return toned.count(key_of(begin, chosen)) > 0;
  };
  // One word in[i, end): the units of its decoding, or nothing when `learn`
  // (then only `toned` grows).
  auto decode_word = [&](size_t i, size_t end, bool learn) {
    size_t trailing = 0;
    while (trailing < end - i && IsViqrMark(in[end - 1 - trailing])) ++trailing;
    // The longest prefix that decodes, giving up trailing marks one by one.
    size_t chosen = end + 1;
    bool changed = false;
    for (size_t k = 0; k <= trailing; ++k) {
      if (try_decode(i, end - k, &changed)) {
        chosen = end - k;
        break;
      }
    }
    if (chosen <= end && changed && (in[chosen - 1] == '.' || in[chosen - 1] == '?')) {
      bool shorter_changed = false;
      if (try_decode(i, chosen - 1, &shorter_changed)) {  // "ho." is "họ" or "ho" + "."
        bool sure = false;
        const bool tone = final_is_tone(i, chosen, end, &sure);
        if (learn && tone && sure) toned.insert(key_of(i, chosen));
        if (!tone) chosen -= 1;
      }
      try_decode(i, chosen, &changed);  // leaves the chosen decoding in `word`
    }
    if (learn) return;
    if (chosen > end) chosen = i;  // nothing decodes: all as written
    if (chosen > i) {
      for (const Unit& u : word) {
        units->push_back(u);
        info->letters += u.length > 1;
      }
    }
    for (size_t p = chosen; p < end; ++p) {
      units->push_back({static_cast<char32_t>(in[p]), static_cast<uint32_t>(p), 1});
    }
  };
  for (const bool learn : {true, false}) {
    for (size_t i = 0; i < in.size();) {
      const char c = in[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        const utf8::Decoded d = utf8::DecodeAt(in, i);
        if (!learn) {
          if (!d.valid) ++info->invalid;
          units->push_back({d.cp, static_cast<uint32_t>(i), d.length});
        }
        i += d.length;
        continue;
      }
      if (c == '\\' && i + 1 < in.size() && IsViqrMark(in[i + 1])) {  // RFC 1456: "\." is "."
        if (!learn) units->push_back({static_cast<char32_t>(in[i + 1]), static_cast<uint32_t>(i), 2});
        i += 2;
        continue;
      }
      if (!IsAsciiLetter(c)) {
        if (!learn) units->push_back({static_cast<char32_t>(c), static_cast<uint32_t>(i), 1});
        ++i;
        continue;
      }
      size_t end = i;
      while (end < in.size() && (IsAsciiLetter(in[end]) || IsViqrMark(in[end]))) ++end;
      decode_word(i, end, learn);
      i = end;
    }
  }
}

void LegacyTable::Decode(std::string_view in, std::string* text, OffsetMap* map,
                         LegacyDecodeInfo* info) const {
  text->reserve(text->size() + in.size() + in.size() / 4);
  if (kind_ != Kind::kViqr) {
    std::vector<size_t> lower_only_at;
    DecodeBytes(in, text, map, &lower_only_at, info);
    if (kind_ == Kind::kTcvn3) RecaseTcvn3(text, *map, lower_only_at, info);
    return;
  }
  std::vector<Unit> units;
  units.reserve(in.size());
  DecodeViqr(in, &units, info);
  for (const Unit& u : units) {
    const size_t before = text->size();
    utf8::Append(*text, u.cp);
    const size_t produced = text->size() - before;
    if (u.length == 1 && produced == 1 && static_cast<unsigned char>(in[u.source]) == u.cp) {
      map->AddUnchanged(1);
    } else {
      map->AddReplace(u.length, produced);
    }
  }
}

std::string LegacyTable::Encode(std::string_view text, bool escape_marks,
                                size_t* unencodable) const {
  std::string out;
  bool after_letter = false;
  for (size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    const std::string_view raw = text.substr(i, d.length);
    i += d.length;
    auto it = encode_.find(d.cp);
    if (it != encode_.end()) {
      out += it->second;
    } else if (d.cp < 0x80) {
      if (kind_ == Kind::kViqr && escape_marks && after_letter && IsViqrMark(static_cast<char>(d.cp))) {
        out += '\\';
      }
      out += static_cast<char>(d.cp);
    } else if (kind_ == Kind::kViqr) {
      out += raw;
    } else {
      int byte = -1;
      for (int b = 0x80; b < 256; ++b) {
        if ((*cp1252_)[b] == d.cp) byte = b;
      }
      if (byte >= 0 && single_[byte] == 0 && longest_from_[byte] == 0) {
        out += static_cast<char>(byte);
      } else {
        out += '?';
        if (unencodable) ++*unencodable;
      }
    }
    after_letter = IsLetter(d.cp);
  }
  return out;
}

}  // namespace solieu
