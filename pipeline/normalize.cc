#include "pipeline/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/utf8.h"

namespace solieu {
namespace {

// ---- pass 1: characters -------------------------------------------------

// What a code point becomes in the matching text: nullptr when it stays,
// "" when it is removed.
const char* CharReplacement(char32_t cp) {
  if (cp < 0xA0) return nullptr;
  switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return "";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return "-";
    case 0x00D0: case 0x0189:
      return "\xC4\x90";  // Đ
    case 0x00F0: case 0x0256:
      return "\xC4\x91";  // đ
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x2032:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
      return "\"";
    case 0x2026:
      return "...";
    case 0xFF05:
      return "%";
    case 0xFF0F: case 0x2044: case 0x2215:
      return "/";
    case 0xFF0C:
      return ",";
    case 0xFF0E:
      return ".";
    default:
      break;
  }
  static constexpr const char* kDigits[10] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  if (cp >= 0xFF10 && cp <= 0xFF19) return kDigits[cp - 0xFF10];   // full-width
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return kDigits[(cp - 0x1D7CE) % 10];  // mathematical
  static constexpr const char* kLetters[26] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
                                               "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                               "s", "t", "u", "v", "w", "x", "y", "z"};
  static constexpr const char* kCapitals[26] = {"A", "B", "C", "D", "E", "F", "G", "H", "I",
                                                "J", "K", "L", "M", "N", "O", "P", "Q", "R",
                                                "S", "T", "U", "V", "W", "X", "Y", "Z"};
  // Full-width and mathematical letters (bold, italic, script, ... : 13 alphabets
  // of 52 from U+1D400) are styled ASCII.
  if (cp >= 0xFF21 && cp <= 0xFF3A) return kCapitals[cp - 0xFF21];
  if (cp >= 0xFF41 && cp <= 0xFF5A) return kLetters[cp - 0xFF41];
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {
    const char32_t k = (cp - 0x1D400) % 52;
    return k < 26 ? kCapitals[k] : kLetters[k - 26];
  }
  // Small capitals used to dodge filters ("ᴛɪɴ sáɴɢ", reference L002) read as
  // the lower-case letters they imitate.
  switch (cp) {
    case 0x1D00: return "a";
    case 0x0299: return "b";
    case 0x1D04: return "c";
    case 0x1D05: return "d";
    case 0x1D07: return "e";
    case 0x0493: return "f";
    case 0x0262: return "g";
    case 0x029C: return "h";
    case 0x026A: return "i";
    case 0x1D0A: return "j";
    case 0x1D0B: return "k";
    case 0x029F: return "l";
    case 0x1D0D: return "m";
    case 0x0274: return "n";
    case 0x1D0F: return "o";
    case 0x1D18: return "p";
    case 0x0280: return "r";
    case 0xA731: return "s";
    case 0x1D1B: return "t";
    case 0x1D1C: return "u";
    case 0x1D20: return "v";
    case 0x1D21: return "w";
    case 0x028F: return "y";
    case 0x1D22: return "z";
    default: return nullptr;
  }
}

struct NamedEntity {
  const char* name;
  char32_t cp;
};

// HTML 4 Latin-1 letters and the symbols Vietnamese pages use; sorted by name.
constexpr NamedEntity kNamedEntities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1}, {"Acirc", 0xC2},  {"Agrave", 0xC0}, {"Atilde", 0xC3},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},  {"Egrave", 0xC8}, {"Iacute", 0xCD}, {"Igrave", 0xCC},
    {"Oacute", 0xD3},  {"Ocirc", 0xD4},  {"Ograve", 0xD2}, {"Otilde", 0xD5}, {"Uacute", 0xDA},
    {"Ugrave", 0xD9},  {"Yacute", 0xDD}, {"aacute", 0xE1}, {"acirc", 0xE2},  {"agrave", 0xE0},
    {"amp", '&'},      {"apos", '\''},   {"atilde", 0xE3}, {"bull", 0x2022}, {"deg", 0xB0},
    {"eacute", 0xE9},  {"ecirc", 0xEA},  {"egrave", 0xE8}, {"gt", '>'},      {"hellip", 0x2026},
    {"iacute", 0xED},  {"igrave", 0xEC}, {"laquo", 0xAB},  {"ldquo", 0x201C}, {"lsquo", 0x2018},
    {"lt", '<'},       {"mdash", 0x2014}, {"middot", 0xB7}, {"nbsp", 0xA0},  {"ndash", 0x2013},
    {"oacute", 0xF3},  {"ocirc", 0xF4},  {"ograve", 0xF2}, {"otilde", 0xF5}, {"percnt", '%'},
    {"quot", '"'},     {"raquo", 0xBB},  {"rdquo", 0x201D}, {"rsquo", 0x2019}, {"sol", '/'},
    {"sup2", 0xB2},    {"sup3", 0xB3},   {"times", 0xD7},  {"uacute", 0xFA}, {"ugrave", 0xF9},
    {"yacute", 0xFD},
};

// Parses an HTML character reference at text[pos] == '&'. Returns its length
// (0 when there is none) and sets *cp.
size_t ParseEntity(std::string_view text, size_t pos, char32_t* cp) {
  size_t i = pos + 1;
  const size_t limit = std::min(text.size(), pos + 34);
  if (i < limit && text[i] == '#') {
    ++i;
    const bool hex = i < limit && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    char32_t value = 0;
    size_t digits = 0;
    for (; i < limit; ++i, ++digits) {
      const char c = text[i];
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
      else break;
      value = value * (hex ? 16 : 10) + d;
      if (value > 0x10FFFF) return 0;
    }
    if (digits == 0 || i >= text.size() || text[i] != ';') return 0;
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    // Pages written in Windows-1252 habits use "&#150;" for a dash and
    // "&#147;" for a quote; HTML reads the C1 range so (HTML5 13.2.5.80).
    // 0 marks the five numbers Windows-1252 leaves undefined: kept as is.
    static constexpr char16_t kC1[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    if (value >= 0x80 && value <= 0x9F && kC1[value - 0x80] != 0) value = kC1[value - 0x80];
    *cp = value;
    return i + 1 - pos;
  }
  size_t j = i;
  while (j < limit && (((text[j] | 0x20) >= 'a' && (text[j] | 0x20) <= 'z') ||
                       (text[j] >= '0' && text[j] <= '9'))) {
    ++j;
  }
  if (j == i || j >= text.size() || text[j] != ';') return 0;
  const std::string_view name = text.substr(i, j - i);
  const auto* end = std::end(kNamedEntities);
  const auto* it = std::lower_bound(std::begin(kNamedEntities), end, name,
                                    [](const NamedEntity& e, std::string_view n) {
                                      return std::string_view(e.name) < n;
                                    });
  if (it == end || name != it->name) return 0;
  *cp = it->cp;
  return j + 1 - pos;
}

// Whether `cp` is a styled form of an ASCII letter or digit: full-width,
// mathematical, or a small capital.
bool IsStyled(char32_t cp) {
  if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
      (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0x1D400 && cp <= 0x1D7FF)) {
    return true;
  }
  const bool small_capital_block = (cp >= 0x0250 && cp <= 0x02AF && cp != 0x0256) ||
                                   (cp >= 0x1D00 && cp <= 0x1D2B) || cp == 0x0493 || cp == 0xA731;
  return small_capital_block && CharReplacement(cp) != nullptr;
}

// Appends what `cp` becomes to `out`.
void AppendMapped(char32_t cp, std::string& out) {
  if (const char* r = CharReplacement(cp)) {
    out.append(r);
  } else {
    utf8::Append(out, cp);
  }
}

// How the characters that may need pass 1 or count as styled start in
// UTF-8: a lead byte, and the second byte where Vietnamese letters share the
// lead (0: any).  A necessary check, so that the letters of most text are
// never decoded; continuation bytes never pass.
struct MappedStart {
  unsigned char lead, second;
};
constexpr MappedStart kMappedStarts[] = {
    {0xC2, 0}, {0xC9, 0}, {0xCA, 0}, {0xD2, 0},  // U+0080-00BF, U+0240-02BF, U+0480-04BF
    {0xE2, 0}, {0xE3, 0}, {0xEA, 0}, {0xEF, 0}, {0xF0, 0},
    {0xC3, 0x90}, {0xC3, 0xB0},  // Ð ð
    {0xC6, 0x89},                // Ɖ
    {0xE1, 0xB4},                // U+1D00-1D3F, small capitals
};

bool MayMap(unsigned char b0, unsigned char b1) {
  return std::any_of(std::begin(kMappedStarts), std::end(kMappedStarts), [&](const MappedStart& s) {
    return s.lead == b0 && (s.second == 0 || s.second == b1);
  });
}

// The first position at or after `pos` where a character may change in
// pass 1: an '&' or a byte MayMap lets through.  Sixteen bytes are tested
// at a time where SSE2 is there; then blocks of eight ASCII bytes without
// '&' are skipped whole, the others looked at byte by byte.
size_t NextCandidate(std::string_view in, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = pos;
#if defined(__SSE2__)
  // Vietnamese is half non-ASCII, which the eight-byte blocks below do not
  // skip: sixteen bytes at a time, MayMap's test on each byte and the one
  // after it.
  const auto is = [](__m128i v, unsigned char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
  };
  for (; i + 17 <= n; i += 16) {
    const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i hit = is(b0, '&');
    for (const MappedStart& s : kMappedStarts) {
      const __m128i lead = is(b0, s.lead);
      hit = _mm_or_si128(hit, s.second == 0 ? lead : _mm_and_si128(lead, is(b1, s.second)));
    }
    if (const int mask = _mm_movemask_epi8(hit); mask != 0) return i + __builtin_ctz(mask);
  }
#endif
  constexpr uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t amp = w ^ (kOnes * '&');
      if (((w | ((amp - kOnes) & ~amp)) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    for (const size_t block_end = std::min(n, i + 8); i < block_end; ++i) {
      const unsigned char b = p[i];
      if (b == '&' || (b >= 0xC2 && MayMap(b, i + 1 < n ? p[i + 1] : 0))) return i;
    }
  }
  return n;
}

// Returns false (and leaves `out` alone) when no character needs a change.
bool MapCharacters(std::string_view in, std::string& out, OffsetMap& map, size_t* styled) {
  const size_t n = in.size();
  auto needs_change = [&](size_t pos, size_t* length) {
    const unsigned char b = in[pos];
    if (b < 0x80) {
      *length = 1;
      char32_t cp;
      return b == '&' && ParseEntity(in, pos, &cp) > 0;
    }
    utf8::Decoded d = utf8::DecodeAt(in, pos);
    *length = d.length;
    return CharReplacement(d.cp) != nullptr;
  };
  size_t i = NextCandidate(in, 0), length = 0;
  while (i < n && !needs_change(i, &length)) i = NextCandidate(in, i + length);
  if (i == n) return false;

  out.clear();
  map.Clear();
  out.reserve(n);
  out.append(in.substr(0, i));
  map.AddUnchanged(i);
  while (i < n) {
    // Up to the next candidate every character stays, and none is styled.
    const size_t next = NextCandidate(in, i);
    out.append(in.substr(i, next - i));
    map.AddUnchanged(next - i);
    i = next;
    if (i == n) break;
    const unsigned char b = in[i];
    char32_t cp;
    size_t consumed;
    if (b == '&') {
      consumed = ParseEntity(in, i, &cp);
      if (consumed == 0) {
        out.push_back('&');
        map.AddUnchanged(1);
        ++i;
        continue;
      }
    } else {
      utf8::Decoded d = utf8::DecodeAt(in, i);
      cp = d.cp;
      consumed = d.length;
    }
    const size_t before = out.size();
    AppendMapped(cp, out);
    if (IsStyled(cp)) ++*styled;
    const size_t produced = out.size() - before;
    if (produced == consumed && std::memcmp(out.data() + before, in.data() + i, consumed) == 0) {
      map.AddUnchanged(consumed);
    } else {
      map.AddReplace(consumed, produced);
    }
    i += consumed;
  }
  return true;
}

// ---- pass 2: NFC -------------------------------------------------------------

// Code points below U+3000 (Latin, Vietnamese, combining marks, General
// Punctuation) get a bit in Normalizer::stable_; the rest go to ICU.
constexpr char32_t kStableEnd = 0x3000;

std::vector<uint64_t> StableCodePoints() {
  std::vector<uint64_t> bits(kStableEnd / 64, 0);
  for (char32_t c = 0; c < kStableEnd; ++c) {
    const auto cp = static_cast<UChar32>(c);
    if (u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(cp) == 0) {
      bits[c / 64] |= uint64_t{1} << (c % 64);
    }
  }
  return bits;
}

// Whether every character of `text` has its bit in `stable` (then `text` is
// NFC: the quick check of UAX #15 answers yes); false also for invalid
// UTF-8.
bool AllStable(std::string_view text, const std::vector<uint64_t>& stable) {
  const size_t limit = stable.size() * 64;
  for (size_t i = utf8::SkipAscii(text, 0); i < text.size(); i = utf8::SkipAscii(text, i)) {
    const utf8::Decoded d = utf8::DecodeFast(text, i);
    if (!d.valid || d.cp >= limit || ((stable[d.cp / 64] >> (d.cp % 64)) & 1) == 0) return false;
    i += d.length;
  }
  return true;
}

// ---- pass 3: tone-mark placement -------------------------------------------

// Toned forms of a, e, y, o, u (lower, then upper case), in the order
// grave, acute, hook above, tilde, dot below.
constexpr std::array<std::u32string_view, 10> kToned = {
    U"àáảãạ", U"èéẻẽẹ", U"ỳýỷỹỵ", U"òóỏõọ", U"ùúủũụ",
    U"ÀÁẢÃẠ", U"ÈÉẺẼẸ", U"ỲÝỶỸỴ", U"ÒÓỎÕỌ", U"ÙÚỦŨỤ"};
constexpr char32_t kBase[10] = {'a', 'e', 'y', 'o', 'u', 'A', 'E', 'Y', 'O', 'U'};

// For a toned a/e/y: which row of kToned and which tone.
bool ToneOf(char32_t cp, int* row, int* tone) {
  for (int r : {0, 1, 2, 5, 6, 7}) {
    const size_t t = kToned[r].find(cp);
    if (t != std::u32string_view::npos) {
      *row = r;
      *tone = static_cast<int>(t);
      return true;
    }
  }
  return false;
}

bool IsAsciiLetter(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsWordChar(char32_t c) {
  return IsAsciiLetter(c) || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000);
}

// The first position at or after `pos` whose byte is 0xC3 or above and
// follows an "o" or "u" of either case: where PlaceTones has a pair to look
// at.  Sixteen bytes at a time where SSE2 is there.
size_t NextAfterOU(std::string_view in, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  // Nothing comes before the first byte, so the scans start at the second.
  size_t i = std::max<size_t>(pos, 1);
#if defined(__SSE2__)
  const __m128i c3 = _mm_set1_epi8(static_cast<char>(0xC3));
  for (; i + 16 <= n; i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i before = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i - 1)),
                                        _mm_set1_epi8(0x20));
    const __m128i high = _mm_cmpeq_epi8(_mm_max_epu8(b, c3), b);
    const __m128i ou = _mm_or_si128(_mm_cmpeq_epi8(before, _mm_set1_epi8('o')),
                                    _mm_cmpeq_epi8(before, _mm_set1_epi8('u')));
    if (const int mask = _mm_movemask_epi8(_mm_and_si128(high, ou)); mask != 0) {
      return i + __builtin_ctz(mask);
    }
  }
#endif
  for (; i < n; ++i) {
    const int before = p[i - 1] | 0x20;
    if (p[i] >= 0xC3 && (before == 'o' || before == 'u')) return i;
  }
  return n;
}

// In "oa", "oe", "uy" (not after q) with nothing after the pair, new-style
// writing puts the tone on the second vowel (hoà, khoẻ, uỷ); old style puts
// it on the first (hòa, khỏe, ủy). Rewrites new style to old.
bool PlaceTones(std::string_view in, std::string& out, OffsetMap& map) {
  bool changed = false;
  size_t copied = 0;
  for (size_t i = 0; i < in.size();) {
    // Every toned a/e/y is at least U+00C0, encoded from 0xC3, and only one
    // after "o" or "u" can end a pair: most bytes go no further, and the
    // continuation bytes they skip are below 0xC3.
    i = NextAfterOU(in, i);
    if (i == in.size()) break;
    utf8::Decoded d = utf8::DecodeAt(in, i);
    int row, tone;
    if (!ToneOf(d.cp, &row, &tone)) {
      i += d.length;
      continue;
    }
    const char32_t first = static_cast<unsigned char>(in[i - 1]);
    const char32_t want = (row % 5 == 2) ? 'u' : 'o';  // y pairs with u; a, e with o
    const size_t end = i + d.length;
    const char32_t next = end < in.size() ? utf8::DecodeAt(in, end).cp : 0;
    const char32_t before_prev = i >= 2 ? utf8::DecodeBefore(in, i - 1) : 0;
    const bool pair_ok = (first | 0x20) == want;
    const bool after_q = (before_prev | 0x20) == 'q';
    const bool vowel_before =
        before_prev != 0 && std::u32string_view(U"aeiouyAEIOUY").find(before_prev) !=
                                std::u32string_view::npos;
    if (!pair_ok || (want == 'u' && after_q) || vowel_before || IsWordChar(next)) {
      i = end;
      continue;
    }
    if (!changed) {
      out.clear();
      map.Clear();
      out.reserve(in.size());
      changed = true;
    }
    out.append(in.substr(copied, i - 1 - copied));
    map.AddUnchanged(i - 1 - copied);
    const bool first_upper = first < 'a';
    const int toned_row = (want == 'o' ? 3 : 4) + (first_upper ? 5 : 0);
    const size_t before = out.size();
    utf8::Append(out, kToned[toned_row][tone]);
    utf8::Append(out, kBase[row]);
    map.AddReplace(end - (i - 1), out.size() - before);
    copied = end;
    i = end;
  }
  if (!changed) return false;
  out.append(in.substr(copied));
  map.AddUnchanged(in.size() - copied);
  return true;
}

}  // namespace

Result<std::unique_ptr<Normalizer>> Normalizer::Create() {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  if (U_FAILURE(ec)) {
    return Status::IoError(std::string("ICU NFC data unavailable: ") + u_errorName(ec));
  }
  std::unique_ptr<Normalizer> normalizer(new Normalizer(nfc));
  normalizer->stable_ = StableCodePoints();
  return normalizer;
}

void Normalizer::Normalize(std::string_view decoded, Normalized* out) const {
  out->chars_map.Clear();
  out->nfc_map.Clear();
  out->tone_map.Clear();
  out->styled = 0;
  std::string_view text = decoded;
  if (MapCharacters(text, out->chars_buffer, out->chars_map, &out->styled)) {
    text = out->chars_buffer;
  }

  UErrorCode ec = U_ZERO_ERROR;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (!AllStable(text, stable_) && !nfc_->isNormalizedUTF8(piece, ec) && U_SUCCESS(ec)) {
    out->nfc_buffer.clear();
    icu::StringByteSink<std::string> sink(&out->nfc_buffer);
    icu::Edits edits;
    nfc_->normalizeUTF8(0, piece, sink, &edits, ec);
    if (U_SUCCESS(ec)) {
      icu::Edits::Iterator it = edits.getFineIterator();
      while (it.next(ec)) {
        if (it.hasChange()) {
          out->nfc_map.AddReplace(it.oldLength(), it.newLength());
        } else {
          out->nfc_map.AddUnchanged(it.oldLength());
        }
      }
      text = out->nfc_buffer;
    } else {
      out->nfc_map.Clear();
    }
  }
  if (PlaceTones(text, out->tone_buffer, out->tone_map)) text = out->tone_buffer;
  out->text = text;
}

std::string Normalizer::CanonicalizeLetters(std::string_view text) const {
  UErrorCode ec = U_ZERO_ERROR;
  std::string nfc;
  icu::StringByteSink<std::string> sink(&nfc);
  nfc_->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                      nullptr, ec);
  if (U_FAILURE(ec)) nfc.assign(text);
  std::string toned;
  OffsetMap unused;
  return PlaceTones(nfc, toned, unused) ? toned : nfc;
}

std::string Normalizer::NormalizeString(std::string_view text) const {
  Normalized n;
  Normalize(text, &n);
  return std::string(n.text);
}

}  // namespace solieu
