#include "pipeline/ingest.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>

#include "pipeline/alphabet.h"
#include "pipeline/legacy.h"
#include "util/utf8.h"

namespace solieu {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// UTF-8 with each maximal invalid subsequence replaced by U+FFFD.
void DecodeUtf8Lossy(std::string_view in, size_t skip, Decoded* out) {
  out->storage.clear();
  out->storage.reserve(in.size() + 16);
  out->to_input.Clear();
  if (skip) out->to_input.AddReplace(skip, 0);
  size_t invalid = 0, first_invalid = 0;
  size_t run_start = skip;
  for (size_t i = skip; i < in.size();) {
    utf8::Decoded d = utf8::DecodeAt(in, i);
    if (d.valid) {
      i += d.length;
      continue;
    }
    if (invalid++ == 0) first_invalid = i;
    out->storage.append(in.substr(run_start, i - run_start));
    out->to_input.AddUnchanged(i - run_start);
    utf8::Append(out->storage, utf8::kReplacement);
    out->to_input.AddReplace(d.length, 3);
    i += d.length;
    run_start = i;
  }
  out->storage.append(in.substr(run_start));
  out->to_input.AddUnchanged(in.size() - run_start);
  out->text = out->storage;
  if (invalid) {
    out->warnings.push_back("invalid UTF-8: " + std::to_string(invalid) +
                            " byte sequence(s) replaced by U+FFFD, the first at byte " +
                            std::to_string(first_invalid));
  }
}

void DecodeUtf16(std::string_view in, size_t skip, bool little_endian, Decoded* out) {
  out->storage.clear();
  out->storage.reserve(in.size() * 3 / 2);
  out->to_input.Clear();
  if (skip) out->to_input.AddReplace(skip, 0);
  auto unit = [&](size_t i) -> char16_t {
    const auto lo = static_cast<unsigned char>(in[i + (little_endian ? 0 : 1)]);
    const auto hi = static_cast<unsigned char>(in[i + (little_endian ? 1 : 0)]);
    return static_cast<char16_t>(hi << 8 | lo);
  };
  size_t invalid = 0;
  size_t i = skip;
  for (; i + 1 < in.size();) {
    char32_t cp = unit(i);
    size_t used = 2;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < in.size()) {
      const char16_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        used = 4;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = utf8::kReplacement;
      ++invalid;
    }
    const size_t before = out->storage.size();
    utf8::Append(out->storage, cp);
    out->to_input.AddReplace(used, out->storage.size() - before);
    i += used;
  }
  if (i < in.size()) {  // an odd trailing byte
    utf8::Append(out->storage, utf8::kReplacement);
    out->to_input.AddReplace(1, 3);
    ++invalid;
  }
  out->text = out->storage;
  if (invalid) {
    out->warnings.push_back("invalid UTF-16: " + std::to_string(invalid) +
                            " unit(s) replaced by U+FFFD");
  }
}

// Decodes a single-byte ICU charset with a byte-exact map.
Status DecodeIcu8Bit(std::string_view in, const char* charset, Decoded* out) {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &ec));
  if (U_FAILURE(ec)) return Status::InvalidArgument(std::string("ICU has no converter ") + charset);
  std::u16string units(in.size() + 1, u'\0');
  std::vector<int32_t> offsets(in.size() + 1);
  UChar* target = reinterpret_cast<UChar*>(units.data());
  const char* source = in.data();
  ucnv_toUnicode(conv.get(), &target, target + units.size(), &source, in.data() + in.size(),
                 offsets.data(), true, &ec);
  if (U_FAILURE(ec)) return Status::Corrupt(std::string("cannot decode as ") + charset);
  const size_t n = target - reinterpret_cast<UChar*>(units.data());
  out->storage.clear();
  out->to_input.Clear();
  for (size_t k = 0; k < n; ++k) {
    // Single-byte charsets give one BMP unit per byte.
    const size_t before = out->storage.size();
    utf8::Append(out->storage, units[k]);
    const size_t produced = out->storage.size() - before;
    if (produced == 1 && static_cast<unsigned char>(in[offsets[k]]) == units[k]) {
      out->to_input.AddUnchanged(1);
    } else {
      out->to_input.AddReplace(1, produced);
    }
  }
  out->text = out->storage;
  return Status::Ok();
}

bool LooksLikeUtf16(std::string_view in, bool* little_endian) {
  if (in.size() < 8) return false;
  size_t even_zero = 0, odd_zero = 0;
  const size_t n = std::min<size_t>(in.size() & ~size_t{1}, 4096);
  for (size_t i = 0; i < n; i += 2) {
    even_zero += in[i] == 0;
    odd_zero += in[i + 1] == 0;
  }
  const size_t pairs = n / 2;
  if (odd_zero * 10 >= pairs * 3 && even_zero * 20 < pairs) {
    *little_endian = true;
    return true;
  }
  if (even_zero * 10 >= pairs * 3 && odd_zero * 20 < pairs) {
    *little_endian = false;
    return true;
  }
  return false;
}

Status RefuseBinary(std::string_view in) {
  const size_t nul = in.find('\0');
  if (nul == std::string_view::npos) return Status::Ok();
  return Status::Corrupt("binary data (a NUL byte at offset " + std::to_string(nul) +
                         "), not a text document");
}

// ---------------------------------------------------------------------------
// Reading a text as Vietnamese.

// Bytes of the input read to choose among 8-bit encodings.
constexpr size_t kSampleBytes = size_t{1} << 16;

bool IsCombining(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

// Characters between words: ASCII other than letters, spaces and the
// General Punctuation block (dashes, quotes, ...).
bool IsSeparator(char32_t cp) {
  if (cp < 0x80) return !IsLetter(cp);
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF;
}

const icu::Normalizer2* Nfc() {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  return U_SUCCESS(ec) ? nfc : nullptr;
}

// NFC of a word, when it holds combining marks (cp1258 gives them).
void ComposeWord(std::u32string* word) {
  if (std::none_of(word->begin(), word->end(), IsCombining)) return;
  const icu::Normalizer2* nfc = Nfc();
  if (nfc == nullptr) return;
  UErrorCode ec = U_ZERO_ERROR;
  const icu::UnicodeString composed = nfc->normalize(
      icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(word->data()),
                                    static_cast<int32_t>(word->size())),
      ec);
  if (U_FAILURE(ec)) return;
  word->resize(composed.countChar32());
  composed.toUTF32(reinterpret_cast<UChar32*>(word->data()), static_cast<int32_t>(word->size()), ec);
}

// Words that hold a non-ASCII character, and how many of them spell a
// Vietnamese syllable.  A word keeps non-letters glued to letters ("D©n"
// read as cp1258 is one word, and not a syllable).
struct Reading {
  size_t judged = 0, good = 0;
  double share() const { return judged ? static_cast<double>(good) / judged : 0.0; }
};

void JudgeWord(std::u32string* word, Reading* r) {
  ComposeWord(word);
  size_t b = 0, e = word->size();
  while (b < e && !IsLetter((*word)[b])) ++b;
  while (e > b && !IsLetter((*word)[e - 1])) --e;
  const std::u32string_view core(word->data() + b, e - b);
  if (std::all_of(core.begin(), core.end(), [](char32_t c) { return c < 0x80; })) return;
  ++r->judged;
  r->good += IsVietnameseSyllable(core);
}

Reading ReadAsVietnamese(std::string_view text) {
  Reading r;
  std::u32string word;
  for (size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    i += d.length;
    if (IsSeparator(d.cp)) {
      if (!word.empty()) JudgeWord(&word, &r);
      word.clear();
    } else {
      word.push_back(d.cp);
    }
  }
  if (!word.empty()) JudgeWord(&word, &r);
  return r;
}

// ---------------------------------------------------------------------------
// Rewriting a decoded text with a map composed onto the old one.

// Text bytes [begin, end) of the decoded text become `with`.
struct Piece {
  size_t begin, end;
  std::string with;
};

// out->text with `pieces` (sorted, disjoint) applied, as out->repaired with
// its map back to out->text.
void RebuildRepaired(const std::vector<Piece>& pieces, Decoded* out) {
  const std::string_view src = out->text;
  std::string text;
  text.reserve(src.size() + 16);
  OffsetMap map;
  size_t t = 0;
  for (const Piece& piece : pieces) {
    text.append(src.substr(t, piece.begin - t));
    map.AddUnchanged(piece.begin - t);
    text += piece.with;
    map.AddReplace(piece.end - piece.begin, piece.with.size());
    t = piece.end;
  }
  text.append(src.substr(t));
  map.AddUnchanged(src.size() - t);
  out->repaired_storage = std::move(text);
  out->repaired = out->repaired_storage;
  out->repaired_to_text = std::move(map);
}

// Replaces out->text by the text with `pieces` (sorted, disjoint) applied;
// out->to_input then maps the new text to the input through the old map.
void Rebuild(std::string_view input, const std::vector<Piece>& pieces, Decoded* out) {
  const std::string_view src = out->text;
  const OffsetMap& src_map = out->to_input;
  std::string text;
  text.reserve(src.size() + 16);
  OffsetMap map;
  size_t src_pos = 0;  // input bytes accounted for
  auto gap_to = [&](size_t s) {
    if (s > src_pos) map.AddReplace(s - src_pos, 0);
    src_pos = std::max(src_pos, s);
  };
  auto copy = [&](size_t from, size_t to) {
    if (from >= to) return;
    if (src_map.identity()) {
      gap_to(from);
      text.append(src.substr(from, to - from));
      map.AddUnchanged(to - from);
      src_pos = to;
      return;
    }
    for (size_t p = from; p < to;) {
      const size_t len = utf8::DecodeAt(src, p).length;
      const size_t s = src_map.SourceStart(p), e = src_map.SourceEnd(p + len);
      gap_to(s);
      text.append(src.substr(p, len));
      if (e - s == len && input.substr(s, len) == src.substr(p, len)) {
        map.AddUnchanged(len);
      } else {
        map.AddReplace(e - s, len);
      }
      src_pos = e;
      p += len;
    }
  };
  size_t t = 0;
  for (const Piece& piece : pieces) {
    copy(t, piece.begin);
    const size_t s = src_map.SourceStart(piece.begin), e = src_map.SourceEnd(piece.end);
    gap_to(s);
    text += piece.with;
    map.AddReplace(e - s, piece.with.size());
    src_pos = e;
    t = piece.end;
  }
  copy(t, src.size());
  if (src_pos < input.size()) map.AddReplace(input.size() - src_pos, 0);
  out->storage = std::move(text);
  out->text = out->storage;
  out->to_input = std::move(map);
}

std::string Utf8Of(char32_t cp) {
  std::string s;
  utf8::Append(s, cp);
  return s;
}

// ---------------------------------------------------------------------------
// UTF-8 read as Windows-1252 and written as UTF-8 again.

struct DoubleStats {
  size_t rebuilt = 0;   // characters rebuilt from two to four cp1252 characters
  size_t guessed = 0;   // ... of which one byte was lost (U+FFFD) and recovered
  size_t failures = 0;  // non-ASCII characters that do not map back to UTF-8
};

// Bytes that Windows-1252 leaves undefined: a decoder that loses them writes
// U+FFFD, one of these was there.
constexpr unsigned char kCp1252Holes[] = {0x81, 0x8D, 0x8F, 0x90, 0x9D};

// Rebuilds UTF-8 from the cp1252 bytes of out->text.  With `strict`, stops
// at the first failure (nothing changed) and returns false.
bool RepairDoubleUtf8(std::string_view input, const LegacyTables& tables, bool strict,
                      Decoded* out, DoubleStats* st) {
  struct Char {
    size_t begin, end;
    int byte;  // -1: no cp1252 byte; -2: U+FFFD
  };
  const std::string_view text = out->text;
  std::vector<Char> chars;
  for (size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    int byte = -1;
    if (d.cp < 0x80) {
      byte = static_cast<int>(d.cp);
    } else if (d.cp >= 0x80 && d.cp <= 0x9F) {
      byte = static_cast<int>(d.cp);
    } else if (d.cp == utf8::kReplacement) {
      byte = -2;
    } else {
      byte = tables.Cp1252Byte(d.cp);
      if (byte < 0 && strict) return false;  // most Unicode text stops here, early
    }
    if (d.cp >= 0x80 || chars.empty() || chars.back().byte >= 0x80 || chars.back().byte < 0) {
      chars.push_back({i, i + d.length, byte});
    } else {
      chars.back().end = i + d.length;  // ASCII runs are one entry: never rebuilt
      chars.back().byte = 0x41;
    }
    i += d.length;
  }
  // Rebuilt characters: one per UTF-8 sequence; `alternatives` when a lost
  // byte leaves several.
  struct Rebuilt {
    size_t first, last;  // chars[first..last]
    char32_t cp;
    std::vector<char32_t> alternatives;
  };
  std::vector<Rebuilt> rebuilt;
  for (size_t k = 0; k < chars.size();) {
    const int b = chars[k].byte;
    if (b >= 0 && b < 0x80) {
      ++k;
      continue;
    }
    size_t n = 0;
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    else if (b >= 0xE0 && b <= 0xEF) n = 3;
    else if (b >= 0xF0 && b <= 0xF4) n = 4;
    bool ok = n > 0 && k + n <= chars.size();
    std::vector<size_t> holes;
    std::string bytes;
    for (size_t j = 0; ok && j < n; ++j) {
      const int c = chars[k + j].byte;
      if (j > 0 && c == -2) {
        holes.push_back(j);
        bytes += '\x80';
      } else if (c < 0 || (j > 0 && (c < 0x80 || c > 0xBF))) {
        ok = false;
      } else {
        bytes += static_cast<char>(c);
      }
    }
    std::vector<char32_t> found;
    if (ok && holes.size() <= 1) {
      const std::vector<unsigned char> fills =
          holes.empty() ? std::vector<unsigned char>{0x80}
                        : std::vector<unsigned char>(std::begin(kCp1252Holes), std::end(kCp1252Holes));
      for (unsigned char fill : fills) {
        if (!holes.empty()) bytes[holes[0]] = static_cast<char>(fill);
        const utf8::Decoded d = utf8::DecodeAt(bytes, 0);
        if (d.valid && d.length == n) found.push_back(d.cp);
      }
    }
    if (found.empty()) {
      if (b != -2) {  // a U+FFFD of the text itself is no failure
        ++st->failures;
        if (strict) return false;
      }
      ++k;
      continue;
    }
    Rebuilt r{k, k + n - 1, found[0], {}};
    if (!holes.empty()) {
      // Keep the letters: a lost byte is decided by the word around it.
      std::vector<char32_t> letters;
      for (char32_t c : found) {
        if (IsVietnameseLetter(c)) letters.push_back(c);
      }
      r.alternatives = letters.empty() ? found : letters;
      r.cp = r.alternatives.size() == 1 ? r.alternatives[0] : utf8::kReplacement;
      if (r.alternatives.size() == 1) r.alternatives.clear();
      ++st->guessed;
    }
    rebuilt.push_back(std::move(r));
    k += n;
  }
  // Decide the lost bytes: the one alternative that makes its word a syllable.
  for (size_t i = 0; i < rebuilt.size(); ++i) {
    Rebuilt& r = rebuilt[i];
    if (r.alternatives.empty()) continue;
    // The word: neighbours rebuilt as letters, or ASCII letters.
    std::u32string word;
    std::vector<char32_t> valid;
    for (char32_t alt : r.alternatives) {
      word.clear();
      // Left context: rebuilt letters and ASCII letters of the text.
      std::u32string left, right;
      size_t k = r.first;
      size_t j = i;
      while (k > 0) {
        const Char& c = chars[k - 1];
        if (j > 0 && rebuilt[j - 1].last == k - 1) {
          if (!IsLetter(rebuilt[j - 1].cp)) break;
          left.insert(left.begin(), rebuilt[j - 1].cp);
          k = rebuilt[--j].first;
          continue;
        }
        if (c.byte < 0 || c.byte >= 0x80) break;
        // An ASCII run: take the letters at its end.
        const std::string_view run = text.substr(c.begin, c.end - c.begin);
        size_t e = run.size();
        while (e > 0 && IsLetter(static_cast<unsigned char>(run[e - 1]))) --e;
        for (size_t q = run.size(); q > e; --q) left.insert(left.begin(), static_cast<char32_t>(run[q - 1]));
        break;
      }
      k = r.last + 1;
      j = i + 1;
      while (k < chars.size()) {
        const Char& c = chars[k];
        if (j < rebuilt.size() && rebuilt[j].first == k) {
          if (!IsLetter(rebuilt[j].cp)) break;
          right.push_back(rebuilt[j].cp);
          k = rebuilt[j++].last + 1;
          continue;
        }
        if (c.byte < 0 || c.byte >= 0x80) break;
        const std::string_view run = text.substr(c.begin, c.end - c.begin);
        for (size_t q = 0; q < run.size() && IsLetter(static_cast<unsigned char>(run[q])); ++q) {
          right.push_back(static_cast<char32_t>(run[q]));
        }
        break;
      }
      word = left + alt + right;
      if (IsVietnameseSyllable(word)) valid.push_back(alt);
    }
    if (valid.size() == 1) {
      r.cp = valid[0];
    } else {
      r.cp = utf8::kReplacement;
      --st->guessed;
    }
  }
  std::vector<Piece> pieces;
  pieces.reserve(rebuilt.size());
  for (const Rebuilt& r : rebuilt) {
    pieces.push_back({chars[r.first].begin, chars[r.last].end, Utf8Of(r.cp)});
  }
  st->rebuilt = rebuilt.size();
  if (!pieces.empty()) Rebuild(input, pieces, out);
  return true;
}

// ---------------------------------------------------------------------------
// TCVN3 font residue in Unicode text.

struct ResidueStats {
  size_t repaired = 0, first_repaired = 0;
  size_t left = 0, first_left = 0;
};

// The TCVN3 byte a character of Unicode text stands for, when the text shows
// TCVN3 bytes through Windows-1252 (or through PDF fonts: μ for µ, − for the
// soft hyphen); -1 when none.
int ResidueByte(char32_t cp, const LegacyTables& tables, const LegacyTable& tcvn3) {
  if (cp < 0x80) return -1;
  if (cp == 0x3BC) return 0xB5;   // GREEK SMALL LETTER MU for MICRO SIGN: à
  if (cp == 0x2212) return 0xAD;  // MINUS SIGN for SOFT HYPHEN: ư
  const int b = tables.Cp1252Byte(cp);
  return b >= 0x80 && tcvn3.DecodeByte(static_cast<unsigned char>(b)) != 0 ? b : -1;
}

// Whether the character whose UTF-8 starts at p[i] may be TCVN3 residue and
// is no Vietnamese letter, composed or decomposed ("O" U+0308 is "Ö"):
// U+0080..U+00FF in `strong`, a combining mark Vietnamese letters never
// take, μ or −.
bool MayBeResidue(const unsigned char* p, size_t n, size_t i, const std::array<bool, 256>& strong) {
  auto at = [&](size_t k) { return k < n ? p[k] : 0; };
  switch (p[i]) {
    case 0xC2:
    case 0xC3:
      return strong[((p[i] & 0x1F) << 6) | (at(i + 1) & 0x3F)];
    case 0xCC: {
      // Diaeresis, ring, cedilla (ä å ç ë ï ö ü), or î û ñ.
      const unsigned char m = at(i + 1), base = i > 0 ? p[i - 1] | 0x20 : 0;
      return m == 0x88 || m == 0x8A || m == 0xA7 || (m == 0x82 && (base == 'i' || base == 'u')) ||
             (m == 0x83 && base == 'n');
    }
    case 0xCE:
      return at(i + 1) == 0xBC;  // μ
    case 0xE2:
      return at(i + 1) == 0x88 && at(i + 2) == 0x92;  // −
    default:
      return false;
  }
}

// The lines of `text` (byte ranges, without the newline) that hold a
// character MayBeResidue.  Those characters start with one of five bytes,
// each found with memchr: most text has none but C3 (à, é, ô, ...), and
// costs next to nothing more.
std::vector<std::pair<size_t, size_t>> ResidueLines(std::string_view text, const LegacyTable& tcvn3) {
  std::array<bool, 256> strong{};  // U+00A1..U+00FE: the cp1252 view of TCVN3's letter bytes
  for (int b = 0xA1; b < 0xFF; ++b) {
    strong[b] = tcvn3.DecodeByte(static_cast<unsigned char>(b)) != 0 &&
                !IsVietnameseLetter(static_cast<char32_t>(b));
  }
  std::vector<std::pair<size_t, size_t>> lines;
  const size_t n = text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (const unsigned char lead : {0xC2, 0xC3, 0xCC, 0xCE, 0xE2}) {
    for (const void* hit = std::memchr(p, lead, n); hit != nullptr;) {
      const size_t i = static_cast<const unsigned char*>(hit) - p;
      size_t next = i + 1;
      if (MayBeResidue(p, n, i, strong)) {
        const size_t before = text.rfind('\n', i), after = text.find('\n', i);
        const size_t begin = before == std::string_view::npos ? 0 : before + 1;
        const size_t end = after == std::string_view::npos ? n : after;
        lines.emplace_back(begin, end);
        next = end;  // the rest of the line is settled
      }
      hit = next < n ? std::memchr(p + next, lead, n - next) : nullptr;
    }
  }
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  return lines;
}

// Repairs the words of out->text that are TCVN3 residue (see ingest.h).
void RepairResidue(const LegacyTables& tables, Decoded* out, ResidueStats* st) {
  const LegacyTable* tcvn3 = tables.Find("tcvn3");
  if (tcvn3 == nullptr) return;
  const std::vector<std::pair<size_t, size_t>> lines = ResidueLines(out->text, *tcvn3);
  if (lines.empty()) return;
  const std::string_view text = out->text;
  struct Word {
    size_t begin, end;  // text bytes
    size_t line;
    std::u32string chars;
    std::vector<size_t> offsets;  // text byte of each char, and the end
    bool residue = false, strong = false, unicode_only = false;
    bool left = false;      // residue that no mapping makes a syllable
    std::u32string repair;  // empty: none
  };
  std::vector<Word> words;
  std::vector<bool> line_mixed(lines.size(), false);  // a line with letters only Unicode has
  for (size_t line = 0; line < lines.size(); ++line) {
  const size_t line_end = lines[line].second;
  for (size_t i = lines[line].first; i < line_end;) {
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    if (IsSeparator(d.cp)) {
      i += d.length;
      continue;
    }
    Word w;
    w.begin = i;
    w.line = line;
    while (i < line_end) {
      const utf8::Decoded c = utf8::DecodeAt(text, i);
      if (IsSeparator(c.cp)) break;
      // A letter and the combining marks after it count as one character
      // when they compose into one (decomposed input: "O" U+0308 is "Ö").
      size_t end = i + c.length;
      std::u32string cluster(1, c.cp);
      while (end < line_end) {
        const utf8::Decoded m = utf8::DecodeAt(text, end);
        if (!IsCombining(m.cp)) break;
        cluster.push_back(m.cp);
        end += m.length;
      }
      if (cluster.size() > 1) ComposeWord(&cluster);
      if (cluster.size() > 1) end = i + c.length;  // does not compose: one by one
      const char32_t cp = cluster[0];
      w.chars.push_back(cp);
      w.offsets.push_back(i);
      const int rb = ResidueByte(cp, tables, *tcvn3);
      w.residue |= rb >= 0;
      w.strong |= rb >= 0 && !IsVietnameseLetter(cp);
      w.unicode_only |= IsVietnameseLetter(cp) && tables.Cp1252Byte(cp) < 0;
      i = end;
    }
    w.end = i;
    w.offsets.push_back(i);
    line_mixed[line] = line_mixed[line] || w.unicode_only;
    words.push_back(std::move(w));
  }
  }
  // The word with residue characters mapped: all of them, or only those that
  // are no letters; capitals font convention as in TCVN3 decoding.
  auto mapped = [&](const Word& w, bool letters_too) {
    std::u32string m = w.chars;
    size_t others = 0, upper = 0;
    std::vector<size_t> toned;
    for (size_t k = 0; k < m.size(); ++k) {
      const int rb = ResidueByte(m[k], tables, *tcvn3);
      if (rb >= 0 && (letters_too || !IsVietnameseLetter(m[k]))) {
        m[k] = tcvn3->DecodeByte(static_cast<unsigned char>(rb));
        if (ToneOf(m[k])) toned.push_back(k);
      } else if (IsLetter(m[k])) {
        ++others;
        upper += IsUpperLetter(m[k]);
      }
    }
    if (others >= 2 && upper == others) {
      for (size_t k : toned) m[k] = ToUpperLetter(m[k]);
    }
    return m;
  };
  std::vector<bool> line_repaired(line_mixed.size(), false);
  std::vector<size_t> weak;  // valid words on pure lines, decided below
  for (size_t i = 0; i < words.size(); ++i) {
    Word& w = words[i];
    if (!w.residue || w.chars.size() < 2) continue;  // "»" alone is no word
    std::u32string eth = w.chars;  // Ð for Đ is a look-alike, not residue
    std::replace(eth.begin(), eth.end(), U'\u00D0', U'Đ');
    std::replace(eth.begin(), eth.end(), U'\u00F0', U'đ');
    if (eth != w.chars && IsVietnameseSyllable(eth)) continue;
    const std::u32string all = mapped(w, true);
    // "Q§" is "QĐ", "H§ND" is "HĐND": đ in an abbreviation in capitals.
    const bool abbreviation =
        all.size() >= 2 && std::all_of(all.begin(), all.end(), IsUpperLetter) &&
        std::count(all.begin(), all.end(), U'Đ') > std::count(w.chars.begin(), w.chars.end(), U'Đ') &&
        std::equal(all.begin(), all.end(), w.chars.begin(),
                   [](char32_t a, char32_t b) { return a == b || a == U'Đ'; });
    const bool all_ok = IsVietnameseSyllable(all) || abbreviation;
    if (w.strong) {
      const std::u32string symbols = mapped(w, false);
      const bool symbols_ok = symbols != all && IsVietnameseSyllable(symbols);
      if (all_ok || symbols_ok) {
        // Both: a line with Unicode-only letters has its Latin-1 letters
        // right too ("tr−ờng"); a line without them is residue throughout.
        w.repair = all_ok && (!symbols_ok || !line_mixed[w.line]) ? all : symbols;
        line_repaired[w.line] = true;
      } else {
        w.left = true;
      }
    } else if (all_ok && !IsVietnameseSyllable(w.chars)) {
      w.repair = all;
    } else if (all_ok && !line_mixed[w.line]) {
      weak.push_back(i);
    }
  }
  // A valid word on a line without Unicode-only letters, next to a repaired
  // word, is residue too ("D©n sè vµ": "sè" is "số").  Both directions.
  for (int round = 0; round < 2; ++round) {
    for (size_t n = 0; n < weak.size(); ++n) {
      const size_t i = round == 0 ? weak[n] : weak[weak.size() - 1 - n];
      Word& w = words[i];
      if (!w.repair.empty() || !line_repaired[w.line]) continue;
      const bool before = i > 0 && words[i - 1].line == w.line && !words[i - 1].repair.empty();
      const bool after = i + 1 < words.size() && words[i + 1].line == w.line && !words[i + 1].repair.empty();
      if (before || after) w.repair = mapped(w, true);
    }
  }
  // Words left as they are count when the text has residue for sure (a
  // repair), or when a symbol sits inside letters ("x©y"): "naïve", "5 µg"
  // alone are foreign words, not residue.
  bool any_repair = false;
  for (const Word& w : words) any_repair |= !w.repair.empty();
  for (const Word& w : words) {
    if (!w.left) continue;
    bool glued_symbol = false;
    for (size_t k = 1; k + 1 < w.chars.size(); ++k) {
      glued_symbol |= !IsLetter(w.chars[k]) && IsLetter(w.chars[k - 1]) && IsLetter(w.chars[k + 1]);
    }
    if ((any_repair || glued_symbol) && st->left++ == 0) st->first_left = out->to_input.SourceStart(w.begin);
  }
  std::vector<Piece> pieces;
  for (const Word& w : words) {
    if (w.repair.empty()) continue;
    if (st->repaired++ == 0) st->first_repaired = out->to_input.SourceStart(w.begin);
    for (size_t k = 0; k < w.chars.size(); ++k) {
      if (w.repair[k] != w.chars[k]) pieces.push_back({w.offsets[k], w.offsets[k + 1], Utf8Of(w.repair[k])});
    }
  }
  if (!pieces.empty()) RebuildRepaired(pieces, out);
}

// Unicode decodings get the residue repair and its warnings.
void AfterUnicode(const DecodeOptions& options, Decoded* out) {
  if (!options.legacy) return;
  ResidueStats st;
  RepairResidue(*options.legacy, out, &st);
  if (st.repaired) {
    out->warnings.push_back("TCVN3 font residue in Unicode text: " + std::to_string(st.repaired) +
                            " word(s) repaired, the first at byte " +
                            std::to_string(st.first_repaired));
  }
  if (st.left) {
    out->warnings.push_back("TCVN3 font residue in Unicode text: " + std::to_string(st.left) +
                            " word(s) left as they are (no unambiguous repair), the first at byte " +
                            std::to_string(st.first_left));
  }
}

// ---------------------------------------------------------------------------
// The encodings.

Status DecodeWithTable(std::string_view in, std::string_view name, const DecodeOptions& options,
                       Decoded* out) {
  const LegacyTable* table = options.legacy ? options.legacy->Find(name) : nullptr;
  if (table == nullptr) {
    return Status::InvalidArgument("encoding '" + std::string(name) +
                                   "' needs the tables of <rules>/encodings, which are not loaded");
  }
  out->storage.clear();
  out->to_input.Clear();
  LegacyDecodeInfo info;
  table->Decode(in, &out->storage, &out->to_input, &info);
  out->text = out->storage;
  if (info.toned_lower > 0) {
    out->warnings.push_back(
        "TCVN3 has no codes for capitals with tone marks; they decode as lower case: " +
        std::to_string(info.toned_lower) +
        " word(s) start with a toned letter that may have been a capital, the first at byte " +
        std::to_string(info.first_toned_lower));
  }
  if (info.recased > 0) {
    out->warnings.push_back("TCVN3 capitals with tone marks: " + std::to_string(info.recased) +
                            " letter(s) upper-cased in words written in capitals, the first at byte " +
                            std::to_string(info.first_recased));
  }
  if (info.invalid) {
    out->warnings.push_back("invalid UTF-8 in VIQR text: " + std::to_string(info.invalid) +
                            " byte sequence(s) replaced by U+FFFD");
  }
  return Status::Ok();
}

// `valid`: the caller knows that `in` is valid UTF-8 without a BOM.
Status DecodeUtf8(std::string_view in, Decoded* out, bool valid = false) {
  const size_t skip = in.substr(0, 3) == kUtf8Bom ? 3 : 0;
  out->encoding = skip ? "utf-8-bom" : "utf-8";
  if (skip == 0 && (valid || utf8::FirstInvalid(in) == in.size())) {
    out->text = in;
    out->to_input.Clear();
    return Status::Ok();
  }
  DecodeUtf8Lossy(in, skip, out);
  return Status::Ok();
}

void WarnDouble(const DoubleStats& st, Decoded* out) {
  if (st.guessed) {
    out->warnings.push_back("UTF-8 read as Windows-1252: " + std::to_string(st.guessed) +
                            " character(s) rebuilt from a lost byte");
  }
  if (st.failures) {
    out->warnings.push_back("UTF-8 read as Windows-1252: " + std::to_string(st.failures) +
                            " character(s) left as they are (no UTF-8 behind them)");
  }
}

Status DecodeAs(std::string_view in, std::string_view encoding, const DecodeOptions& options,
                Decoded* out) {
  out->encoding = std::string(encoding);
  if (encoding == "utf-8" || encoding == "utf-8-bom") {
    DecodeUtf8(in, out);
    AfterUnicode(options, out);
    return Status::Ok();
  }
  if (encoding == "utf-16le" || encoding == "utf-16be") {
    const bool le = encoding == "utf-16le";
    const bool bom = in.size() >= 2 && static_cast<unsigned char>(in[le ? 0 : 1]) == 0xFF &&
                     static_cast<unsigned char>(in[le ? 1 : 0]) == 0xFE;
    DecodeUtf16(in, bom ? 2 : 0, le, out);
    AfterUnicode(options, out);
    return Status::Ok();
  }
  if (encoding == "windows-1258") return DecodeIcu8Bit(in, "windows-1258", out);
  if (encoding == "tcvn3" || encoding == "vni" || encoding == "viqr") {
    return DecodeWithTable(in, encoding, options, out);
  }
  if (encoding == "utf-8-double") {
    if (!options.legacy) {
      return Status::InvalidArgument(
          "encoding 'utf-8-double' needs the tables of <rules>/encodings, which are not loaded");
    }
    DecodeUtf8(in, out);
    out->encoding = "utf-8-double";
    DoubleStats st;
    RepairDoubleUtf8(in, *options.legacy, /*strict=*/false, out, &st);
    WarnDouble(st, out);
    return Status::Ok();
  }
  return Status::InvalidArgument("unknown encoding '" + std::string(encoding) + "'");
}

// Confidence of the best of several readings: its share, discounted when the
// runner-up is close or there are few words to judge.
double Confidence(const Reading& best, double runner_up) {
  const double margin = std::max(0.0, best.share() - runner_up);
  const double evidence = 1.0 - std::exp(-static_cast<double>(best.judged) * margin / 2.0);
  return best.share() * (0.5 + 0.5 * evidence);
}

// A word ending in a vowel and a VIQR mark, cheap to look for.
bool MayBeViqr(std::string_view text) {
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (c != '^' && c != '(' && c != '+' && c != '\'' && c != '`' && c != '?' && c != '~' &&
        c != '.') {
      continue;
    }
    const char v = static_cast<char>(text[i - 1] | 0x20);
    const char next = static_cast<char>(text[i + 1] | 0x20);
    if ((v == 'a' || v == 'e' || v == 'i' || v == 'o' || v == 'u' || v == 'y') && next >= 'a' &&
        next <= 'z') {
      return true;
    }
  }
  return false;
}

bool HasVietnameseLetter(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    if (IsVietnameseLetter(d.cp)) return true;
    i += d.length;
  }
  return false;
}

// Words of an ASCII-like text: how many, and how many VIQR rewrote with a
// mark English does not use at the end of a word: a mark inside the word
// ("Vie^.t", "ho.c"), a shape mark (^ ( +), "dd", or a final ` or ~.  Final
// ". ? '" alone ("So?", "Me.", "ca'") are no evidence: English has them.
double ViqrShare(std::string_view sample, const LegacyTable& viqr, size_t* rewritten) {
  std::string text;
  OffsetMap map;
  LegacyDecodeInfo info;
  viqr.Decode(sample, &text, &map, &info);
  size_t words = 0, changed = 0;
  bool in_word = false, word_changed = false;
  for (size_t i = 0; i <= text.size();) {
    const utf8::Decoded d = i < text.size() ? utf8::DecodeAt(text, i) : utf8::Decoded{' ', 1, true};
    if (IsLetter(d.cp)) {
      in_word = true;
      if (IsVietnameseLetter(d.cp)) {
        const size_t s = map.SourceStart(i), e = map.SourceEnd(i + d.length);
        const std::string_view spelled = sample.substr(s, e - s);
        const char last = spelled.back();
        const bool inside = e < sample.size() && IsLetter(static_cast<unsigned char>(sample[e]));
        word_changed |= inside || spelled.find_first_of("^(+`~") != std::string_view::npos ||
                        (last | 0x20) == 'd';
      }
    } else if (in_word) {
      ++words;
      changed += word_changed;
      in_word = word_changed = false;
    }
    i += d.length;
  }
  *rewritten = changed;
  return words ? static_cast<double>(changed) / words : 0.0;
}

// Valid UTF-8: utf-8, utf-8-double or viqr.
Status DecodeValidUtf8(std::string_view in, const DecodeOptions& options, Decoded* out) {
  DecodeUtf8(in, out, /*valid=*/in.substr(0, 3) != kUtf8Bom);
  if (!options.legacy) return Status::Ok();
  const LegacyTables& tables = *options.legacy;
  bool ascii = true;
  for (char c : in) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    Decoded twice;
    twice.text = out->text;
    twice.to_input = out->to_input;
    DoubleStats st;
    if (RepairDoubleUtf8(in, tables, /*strict=*/true, &twice, &st) && st.rebuilt > 0) {
      *out = std::move(twice);
      out->text = out->storage;
      out->encoding = "utf-8-double";
      out->confidence = std::min(0.99, 1.0 - std::pow(0.5, static_cast<double>(st.rebuilt) + 1));
      WarnDouble(st, out);
      return Status::Ok();
    }
  }
  const LegacyTable* viqr = tables.Find("viqr");
  if (viqr != nullptr && MayBeViqr(in) && (ascii || !HasVietnameseLetter(in))) {
    size_t rewritten = 0;
    const double share = ViqrShare(in.substr(0, kSampleBytes), *viqr, &rewritten);
    if (rewritten > 0 && share >= 0.25) {
      if (Status s = DecodeWithTable(in, "viqr", options, out); !s.ok()) return s;
      out->encoding = "viqr";
      out->confidence = std::min(0.99, std::min(1.0, 2 * share) *
                                           (1.0 - std::pow(0.5, static_cast<double>(rewritten) + 1)));
      return Status::Ok();
    }
  }
  AfterUnicode(options, out);
  return Status::Ok();
}

// Not UTF-8: the 8-bit reading that is most Vietnamese.
bool DecodeEightBit(std::string_view in, const DecodeOptions& options, Decoded* out) {
  const std::string_view sample = in.substr(0, kSampleBytes);
  std::vector<std::string> names = {"windows-1258"};
  if (options.legacy) {
    names.push_back("tcvn3");
    names.push_back("vni");
  }
  std::vector<Reading> readings;
  for (const std::string& name : names) {
    Decoded candidate;
    Reading r;
    if (DecodeAs(sample, name, options, &candidate).ok()) r = ReadAsVietnamese(candidate.text);
    readings.push_back(r);
  }
  size_t best = 0;
  for (size_t k = 1; k < readings.size(); ++k) {
    const double a = readings[k].share(), b = readings[best].share();
    if (a > b || (a == b && readings[k].good > readings[best].good)) best = k;
  }
  if (readings[best].judged == 0 || readings[best].share() < 0.5) return false;
  double runner_up = 0.0;
  for (size_t k = 0; k < readings.size(); ++k) {
    if (k != best) runner_up = std::max(runner_up, readings[k].share());
  }
  if (!DecodeAs(in, names[best], options, out).ok()) return false;
  out->confidence = Confidence(readings[best], runner_up);
  return true;
}

Status DecodeDetected(std::string_view in, const DecodeOptions& options, Decoded* out) {
  if (!options.encoding.empty()) return DecodeAs(in, options.encoding, options, out);
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(in[i]); };
  if (in.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) return DecodeAs(in, "utf-16le", options, out);
  if (in.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) return DecodeAs(in, "utf-16be", options, out);
  if (in.substr(0, 3) == kUtf8Bom) return DecodeAs(in, "utf-8", options, out);
  bool little_endian = true;
  if (LooksLikeUtf16(in, &little_endian)) {
    out->confidence = 0.8;
    return DecodeAs(in, little_endian ? "utf-16le" : "utf-16be", options, out);
  }
  if (Status s = RefuseBinary(in); !s.ok()) return s;

  const size_t first_invalid = utf8::FirstInvalid(in);
  if (first_invalid == in.size()) return DecodeValidUtf8(in, options, out);

  // Not UTF-8 as a whole. Count valid multi-byte sequences against invalid
  // bytes: a few stray bytes in UTF-8 text stay UTF-8; text made of single
  // high bytes is an 8-bit charset. The count starts at 0, not at the first
  // invalid byte: the valid text before a stray byte is evidence too.
  size_t valid_multi = 0, invalid = 0;
  for (size_t i = 0; i < in.size();) {
    if (byte(i) < 0x80) {
      ++i;
      continue;
    }
    utf8::Decoded d = utf8::DecodeAt(in, i);
    (d.valid ? valid_multi : invalid)++;
    i += d.length;
  }
  if (valid_multi > 0 && invalid * 5 < valid_multi + invalid) {
    out->confidence = 0.9;
    return DecodeAs(in, "utf-8", options, out);
  }
  if (DecodeEightBit(in, options, out)) return Status::Ok();
  out->warnings.clear();
  out->confidence = 0.5;
  return DecodeAs(in, "utf-8", options, out);
}

}  // namespace

bool IsKnownEncoding(std::string_view name) {
  return name == "utf-8" || name == "utf-8-bom" || name == "utf-16le" || name == "utf-16be" ||
         name == "windows-1258" || name == "tcvn3" || name == "vni" || name == "viqr" ||
         name == "utf-8-double";
}

Status Decode(std::string_view in, const DecodeOptions& options, Decoded* out) {
  out->warnings.clear();
  out->confidence = 1.0;
  out->repaired = {};
  out->repaired_storage.clear();
  out->repaired_to_text.Clear();
  const Status s = DecodeDetected(in, options, out);
  if (out->repaired_storage.empty()) out->repaired = out->text;
  return s;
}

}  // namespace solieu
