// UTF-8 helpers that know nothing of Vietnamese: decoding one code point with
// validation, encoding, and counting code points.
//
// Decoding follows the Unicode "maximal subpart" practice: an invalid
// sequence is reported with the number of bytes to replace by one U+FFFD.
#ifndef SOLIEU_UTIL_UTF8_H_
#define SOLIEU_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
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

// The code point ending just before pos (for looking at left context).
// REQUIRES: pos > 0. Returns U+FFFD for bytes that do not end a valid sequence.
char32_t DecodeBefore(std::string_view s, size_t pos);

void Append(std::string& out, char32_t cp);

// Index of the first invalid byte, or s.size() when all of s is valid UTF-8.
size_t FirstInvalid(std::string_view s);

// Number of code points in s.  REQUIRES: s is valid UTF-8.
size_t CountCodePoints(std::string_view s);

}  // namespace solieu::utf8

#endif  // SOLIEU_UTIL_UTF8_H_
