#include "util/text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace solieu {
namespace {

// Latin letters, Vietnamese ones included, lowercase one code point at a
// time (U+0130 "İ" excepted: it lowercases to two), so the common case needs
// no ICU string call; other scripts take the full, context-aware mapping.
bool LowercasesCharByChar(char32_t c) {
  return (c < 0x250 && c != 0x130) || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x300 && c <= 0x36F);
}

bool LowerLatin(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out->push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    UChar32 c;
    int32_t next = static_cast<int32_t>(i);
    U8_NEXT(text.data(), next, static_cast<int32_t>(text.size()), c);
    if (c < 0 || !LowercasesCharByChar(static_cast<char32_t>(c))) return false;
    const UChar32 lower = u_tolower(c);
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, lower);
    out->append(buffer, static_cast<size_t>(length));
    i = static_cast<size_t>(next);
  }
  return true;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The simple lower case of the code points below U+0370 and in
// U+1E00..U+1EFF, asked of ICU once: a look-up here spares u_tolower's
// property trie for every letter of every word lower-cased.
struct LatinLowerTable {
  std::array<char32_t, 0x370> basic;     // U+0000..U+036F
  std::array<char32_t, 0x100> extended;  // U+1E00..U+1EFF
};

const LatinLowerTable& LatinLower() {
  static const LatinLowerTable table = [] {
    LatinLowerTable t;
    for (char32_t c = 0; c < t.basic.size(); ++c) {
      t.basic[c] = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    }
    for (char32_t c = 0; c < t.extended.size(); ++c) {
      t.extended[c] = static_cast<char32_t>(u_tolower(static_cast<UChar32>(0x1E00 + c)));
    }
    return t;
  }();
  return table;
}

}  // namespace

// As LowerLatin would, for code points that LowercasesCharByChar takes in
// two or three bytes: they need neither decoding into a new string nor ICU.
bool LowerInPlace(char* s, size_t n) {
  const LatinLowerTable& table = LatinLower();
  for (size_t i = 0; i < n;) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') s[i] = static_cast<char>(b + ('a' - 'A'));
      ++i;
    } else if (b >= 0xC2 && b <= 0xCD && i + 1 < n && IsContinuation(s[i + 1])) {
      const char32_t c = (static_cast<char32_t>(b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
      if (!LowercasesCharByChar(c)) return false;
      const char32_t lower = table.basic[c];
      if (lower < 0x80 || lower >= 0x800) return false;
      s[i] = static_cast<char>(0xC0 | (lower >> 6));
      s[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
      i += 2;
    } else if (b == 0xE1 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) >= 0xB8 &&
               static_cast<unsigned char>(s[i + 1]) <= 0xBB && IsContinuation(s[i + 2])) {
      const char32_t c =
          ((static_cast<unsigned char>(s[i + 1]) & 0x03) << 6) | (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      const char32_t lower = table.extended[c];
      if (lower < 0x800 || lower > 0xFFFF || (lower >= 0xD800 && lower <= 0xDFFF)) return false;
      s[i] = static_cast<char>(0xE0 | (lower >> 12));
      s[i + 1] = static_cast<char>(0x80 | ((lower >> 6) & 0x3F));
      s[i + 2] = static_cast<char>(0x80 | (lower & 0x3F));
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  if (LowerInPlace(out.data(), out.size())) return out;
  if (LowerLatin(text, &out)) return out;
  out.clear();
  UErrorCode ec = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  icu::CaseMap::utf8ToLower("", 0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                            sink, nullptr, ec);
  if (U_FAILURE(ec)) out.assign(text);
  return out;
}

std::string_view Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && IsAsciiSpace(text[b])) ++b;
  while (e > b && IsAsciiSpace(text[e - 1])) --e;
  return text.substr(b, e - b);
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsAsciiSpace(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !IsAsciiSpace(text[j])) ++j;
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

bool AtMostWords(std::string_view text, size_t n) {
  size_t words = 0;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && IsAsciiSpace(text[i])) ++i;
    if (i == text.size()) break;
    if (++words > n) return false;
    while (i < text.size() && !IsAsciiSpace(text[i])) ++i;
  }
  return true;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  for (std::string_view w : SplitWords(text)) {
    if (!out.empty()) out.push_back(' ');
    out.append(w);
  }
  return out;
}

size_t FindAsciiDigit(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kLow7 = kOnes * 0x7F, kHigh = kOnes * 0x80;
  size_t i = pos;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // Per byte, with no carry between bytes: the high bit is set exactly
    // when the byte is below 0x80 and within '0'..'9'.
    const uint64_t low = w & kLow7;
    const uint64_t digits = (kOnes * (127 + '9' + 1) - low) & ~w & (low + kOnes * (127 - ('0' - 1))) & kHigh;
    if (digits != 0) {
      const int skipped = std::endian::native == std::endian::little ? std::countr_zero(digits)
                                                                     : std::countl_zero(digits);
      return i + static_cast<size_t>(skipped) / 8;
    }
  }
  while (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) ++i;
  return i;
}

std::string FoldDiacritics(std::string_view text) {
  // ASCII has no marks to drop: only its case to lower, without ICU (the
  // acronyms linking checks are mostly ASCII).
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    return out;
  }
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  if (U_FAILURE(ec)) return ToLower(text);
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), ec);
  icu::UnicodeString folded;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const char16_t c = decomposed[i];
    if (u_getCombiningClass(c) != 0 || (c >= 0x300 && c <= 0x36F)) continue;
    folded.append(c == u'đ' || c == u'Đ' ? u'd' : c);
  }
  folded.toLower();
  std::string out;
  return folded.toUTF8String(out);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace solieu
