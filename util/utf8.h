// UTF-8 helpers that know nothing of Vietnamese: decoding one code point with
// validation, encoding, and counting code points.
//
// Decoding follows the Unicode "maximal subpart" practice: an invalid
// sequence is reported with the number of bytes to replace by one U+FFFD.
#ifndef SOLIEU_UTIL_UTF8_H_
#define SOLIEU_UTIL_UTF8_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace solieu::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t cp;      // kReplacement when !valid
  uint8_t length;   // bytes consumed, at least 1
  bool valid;
};

// REQUIRES: pos < s.size()
Decoded DecodeAt(std::string_view s, size_t pos);

// DecodeAt, with the two- and three-byte sequences of nearly every
// Vietnamese letter decoded inline, for loops that visit every letter; the
// leads that narrow their second byte (E0, ED, F0-F4) and anything invalid
// go to DecodeAt.  The same results as DecodeAt.  REQUIRES: pos < s.size()
inline Decoded DecodeFast(std::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char b0 = p[pos];
  if (b0 < 0x80) return {b0, 1, true};
  const auto continues = [&](size_t k) { return k < n && (p[k] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF && continues(pos + 1)) {
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | (p[pos + 1] & 0x3F)), 2, true};
  }
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && continues(pos + 1) && continues(pos + 2)) {
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | ((p[pos + 1] & 0x3F) << 6) | (p[pos + 2] & 0x3F)), 3,
            true};
  }
  return DecodeAt(s, pos);
}

// The code point ending just before pos (for looking at left context).
// REQUIRES: pos > 0. Returns U+FFFD for bytes that do not end a valid sequence.
char32_t DecodeBefore(std::string_view s, size_t pos);

void Append(std::string& out, char32_t cp);

// The first byte at or after `pos` that is not ASCII, or s.size(). Eight
// bytes at a time: in Vietnamese text the letters between marks are ASCII.
// Inline, as loops call it once per non-ASCII character.
inline size_t SkipAscii(std::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = pos;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const uint64_t high = w & 0x8080808080808080ULL;
    if (high != 0) {
      const int skipped = std::endian::native == std::endian::little ? std::countr_zero(high)
                                                                       : std::countl_zero(high);
      return i + static_cast<size_t>(skipped) / 8;
    }
  }
  while (i < s.size() && p[i] < 0x80) ++i;
  return i;
}

// Index of the first invalid byte, or s.size() when all of s is valid UTF-8.
size_t FirstInvalid(std::string_view s);

// Number of code points in s.  REQUIRES: s is valid UTF-8.
size_t CountCodePoints(std::string_view s);

}  // namespace solieu::utf8

#endif  // SOLIEU_UTIL_UTF8_H_
