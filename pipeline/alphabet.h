// The Vietnamese alphabet: the 134 letters that carry diacritics (67 lower
// case, 67 upper case), helpers that classify code points, and a check that a
// word spells one Vietnamese syllable.  Encoding detection scores candidate
// decodings with them; tests use them to check legacy byte tables for round
// trips.
//
// Thread safety: all functions are pure; the tables behind them are built
// once, on first use, and never change.
#ifndef SOLIEU_PIPELINE_ALPHABET_H_
#define SOLIEU_PIPELINE_ALPHABET_H_

#include <string>
#include <string_view>

namespace solieu {

// All 134 precomposed letters with diacritics, NFC, lower case first.
extern const std::u32string_view kVietnameseLetters;

bool IsVietnameseLetter(char32_t cp);   // one of kVietnameseLetters
bool IsToneMark(char32_t cp);           // U+0300 U+0301 U+0303 U+0309 U+0323
bool IsLetter(char32_t cp);             // Unicode letter (ICU u_isalpha)
bool IsDigit(char32_t cp);              // Unicode decimal digit

// Case of ASCII letters and of the 134 letters; other code points are
// returned unchanged (ToLower/ToUpper) or are not upper case (IsUpper).
char32_t ToLowerLetter(char32_t cp);
char32_t ToUpperLetter(char32_t cp);
bool IsUpperLetter(char32_t cp);

// The tone a letter carries: 0 none, 1 huyền (grave), 2 sắc (acute), 3 hỏi
// (hook above), 4 ngã (tilde), 5 nặng (dot below).  0 for anything that is
// not one of the 134 letters.
int ToneOf(char32_t cp);

// True when `word` (NFC, nothing but letters) spells one Vietnamese
// syllable: an onset, a rime from the closed list of Vietnamese rimes, at
// most one tone mark, and a stop final (c ch p t) only with sắc or nặng.
// Letter case must be one of lower, Capitalized or UPPER.  The ASCII onset
// clusters and the final "k" of Central Highlands names (Krông, Plông, Đắk)
// are accepted.  Tone placement is not checked (old and new styles both
// pass).  Cost: linear in the word, no allocation for words up to 8 letters.
bool IsVietnameseSyllable(std::u32string_view word);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_ALPHABET_H_
