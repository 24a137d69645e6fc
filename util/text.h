// Small text helpers over UTF-8 that know nothing of Vietnamese.
#ifndef SOLIEU_UTIL_TEXT_H_
#define SOLIEU_UTIL_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace solieu {

// Full Unicode lower case (ICU), for look-ups. REQUIRES: valid UTF-8.
std::string ToLower(std::string_view text);

// Text with leading and trailing ASCII whitespace removed.
std::string_view Trim(std::string_view text);

// Splits on runs of ASCII whitespace; no empty pieces.
std::vector<std::string_view> SplitWords(std::string_view text);

// SplitWords(text).size() <= n, reading no further than word n + 1.
bool AtMostWords(std::string_view text, size_t n);

// Runs of whitespace (including newlines) replaced by one space, trimmed.
std::string CollapseSpaces(std::string_view text);

bool StartsWith(std::string_view text, std::string_view prefix);

// Lower case without diacritics, "đ" as "d": "Kon Rẫy" -> "kon ray". For
// comparing names whatever their tone-mark style, case or ASCII folding (as
// in web addresses).
std::string FoldDiacritics(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_UTIL_TEXT_H_
