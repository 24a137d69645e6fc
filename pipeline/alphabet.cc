#include "pipeline/alphabet.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

namespace solieu {

const std::u32string_view kVietnameseLetters =
    U"àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    U"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";

namespace {

std::array<char32_t, 134> SortedLetters() {
  std::array<char32_t, 134> sorted{};
  std::copy(kVietnameseLetters.begin(), kVietnameseLetters.end(), sorted.begin());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

}  // namespace

bool IsVietnameseLetter(char32_t cp) {
  static const std::array<char32_t, 134> sorted = SortedLetters();
  if (cp < 0xC0) return false;
  return std::binary_search(sorted.begin(), sorted.end(), cp);
}

bool IsToneMark(char32_t cp) {
  return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(cp));
}

bool IsDigit(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_isdigit(static_cast<UChar32>(cp));
}

}  // namespace solieu
