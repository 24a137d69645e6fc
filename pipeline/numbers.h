// Numbers: reading Vietnamese numbers, in digits and in words.
//
// One component that every rule's value builder uses, so that "1.730",
// "1,2 triệu", "2 tỷ 500 triệu", "hai mươi mốt", "ba phẩy năm" and
// "một trăm linh năm" mean the same everywhere.
//
// Values are exact decimals (Decimal), never binary floating point: money
// norms such as 17443900000000 must not drift.
//
// Digit conventions (reference D.1): Vietnamese text groups thousands with
// "." and marks decimals with ","; English-style text does the reverse. A
// separator followed by other than exactly three digits is always a decimal
// mark; two or more separators of one kind always group thousands; the one
// ambiguous shape ("1.500", "2,500") is read by the document's style.
//
// Thread safety: free functions without state.
#ifndef SOLIEU_PIPELINE_NUMBERS_H_
#define SOLIEU_PIPELINE_NUMBERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace solieu {

// mantissa * 10^-scale, exact.
struct Decimal {
  __int128 mantissa = 0;
  int scale = 0;

  static Decimal Integer(int64_t v) { return {v, 0}; }
  // Plain digits with "." as decimal mark, no trailing zeros: "1730", "74.4", "-2.5".
  std::string ToString() const;
  double ToDouble() const;
  bool IsInteger() const;
  bool IsNegative() const { return mantissa < 0; }
  // REQUIRES: IsInteger(); saturates at the int64 range.
  int64_t ToInteger() const;

  Decimal Times(const Decimal& other) const;
  Decimal Plus(const Decimal& other) const;
  Decimal Negated() const { return {-mantissa, scale}; }
  bool operator==(const Decimal& other) const;
  bool operator<(const Decimal& other) const;
};

enum class NumberStyle {
  kVietnamese,  // 1.234,5
  kEnglish,     // 1,234.5
};

// Digits with optional sign and separators: "1.730", "74,4", "-673", "01",
// ",77". Returns nullopt for anything else (letters, doubled separators).
std::optional<Decimal> ParseDigits(std::string_view text, NumberStyle style);

// The multiplier of a scale word ("nghìn", "ngàn", "vạn", "triệu", "tr",
// "tỷ", "tỉ"), or nullopt. REQUIRES: lower case.
std::optional<Decimal> ScaleWord(std::string_view word);

// Whether the word at `pos` of `text`, after spaces, is a scale word in any
// letter case ("2,37triệu" at 4, "74.3 ngàn" at 4); a word ends at a space,
// "," or ".".
bool ScaleWordAt(std::string_view text, size_t pos);

// A number written with digits, words or both, with scale words:
// "1.730", "2 tỷ 500 triệu", "1,2 triệu", "hai mươi mốt", "mười lăm",
// "một trăm linh năm", "ba phẩy năm", "âm bốn mươi", "hai phẩy năm triệu",
// "một triệu rưỡi". Words must be lower case NFC (the normalized text);
// callers lower-case first. Returns nullopt when the text is not one number.
std::optional<Decimal> ParseNumber(std::string_view text, NumberStyle style);

// Roman numerals I..MMM (upper or lower case), for quarters and terms.
std::optional<int> ParseRoman(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_NUMBERS_H_
