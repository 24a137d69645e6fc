// Small text helpers over UTF-8 that know nothing of Vietnamese.
#ifndef SOLIEU_UTIL_TEXT_H_
#define SOLIEU_UTIL_TEXT_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace solieu {

// Hashes strings and views alike: an unordered map keyed by std::string,
// with this hash and std::equal_to<>, is looked up with a view without
// building a string.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Full Unicode lower case (ICU), for look-ups. REQUIRES: valid UTF-8.
std::string ToLower(std::string_view text);

// Turns text[0, size) into ToLower of it where it stands, when that takes
// as many bytes for each code point (ASCII and Vietnamese do); false, with
// the text partly lowered, otherwise. Lowering the words of a sentence in
// one buffer spares a string for each.
bool LowerInPlace(char* text, size_t size);

// Text with leading and trailing ASCII whitespace removed.
std::string_view Trim(std::string_view text);

// ASCII whitespace: space, \t, \n, \r, \f, \v.
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Splits on runs of ASCII whitespace; no empty pieces.
std::vector<std::string_view> SplitWords(std::string_view text);

// SplitWords(text).size() <= n, reading no further than word n + 1.
bool AtMostWords(std::string_view text, size_t n);

// Runs of whitespace (including newlines) replaced by one space, trimmed.
std::string CollapseSpaces(std::string_view text);

bool StartsWith(std::string_view text, std::string_view prefix);

// The first ASCII digit of `text` at or after `pos`, or text.size(). Passes
// eight bytes without one at a time: figures are a small part of a text.
size_t FindAsciiDigit(std::string_view text, size_t pos);

// Lower case without diacritics, "đ" as "d": "Kon Rẫy" -> "kon ray". For
// comparing names whatever their tone-mark style, case or ASCII folding (as
// in web addresses).
std::string FoldDiacritics(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_UTIL_TEXT_H_
