// The Vietnamese alphabet: the 134 letters that carry diacritics (67 lower
// case, 67 upper case), and helpers that classify code points.  Encoding
// detection scores candidate decodings with it; tests use it to check legacy
// byte tables for round trips.
#ifndef SOLIEU_PIPELINE_ALPHABET_H_
#define SOLIEU_PIPELINE_ALPHABET_H_

#include <string_view>

namespace solieu {

// All 134 precomposed letters with diacritics, NFC, lower case first.
extern const std::u32string_view kVietnameseLetters;

bool IsVietnameseLetter(char32_t cp);   // one of kVietnameseLetters
bool IsToneMark(char32_t cp);           // U+0300 U+0301 U+0303 U+0309 U+0323
bool IsLetter(char32_t cp);             // Unicode letter (ICU u_isalpha)
bool IsDigit(char32_t cp);              // Unicode decimal digit

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_ALPHABET_H_
