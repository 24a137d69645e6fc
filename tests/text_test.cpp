#include "util/text.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <ios>
#include <random>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace solieu {
namespace {

std::string IcuLower(const std::string& text) {
  std::string out;
  UErrorCode ec = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  icu::CaseMap::utf8ToLower("", 0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                            sink, nullptr, ec);
  return U_SUCCESS(ec) ? out : "(ICU failed)";
}

std::string Utf8(char32_t c) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(c));
  return std::string(buffer, static_cast<size_t>(length));
}

}  // namespace

TEST_CASE("ToLower agrees with ICU's full lower case on every code point") {
  // ToLower maps Latin text one code point at a time and hands the rest to
  // ICU: the shortcut must never give another answer than ICU would.
  int checked = 0, differ = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string one = Utf8(c);
    if (ToLower(one) != IcuLower(one)) {
      ++differ;
      FAIL_CHECK("U+" << std::hex << static_cast<uint32_t>(c));
    }
    ++checked;
  }
  CHECK(checked == 0x110000 - 0x800);
  CHECK(differ == 0);
}

TEST_CASE("ToLower on Vietnamese words and on mixed scripts") {
  CHECK(ToLower("ĐẢNG BỘ HUYỆN KON RẪY") == "đảng bộ huyện kon rẫy");
  CHECK(ToLower("Ủy Ban Nhân Dân") == "ủy ban nhân dân");
  CHECK(ToLower("UBND") == "ubnd");
  // "İ" lowercases to two code points, a final sigma by context: ICU's job.
  CHECK(ToLower("İSTANBUL") == "i\xCC\x87stanbul");
  CHECK(ToLower("ΟΔΟΣ") == "οδος");
  CHECK(ToLower("") == "");
}

TEST_CASE("ToLower gives up lowering in place for any letter of another length or script") {
  // Vietnamese is lowered in place; these leave it midway, after letters
  // already lowered, and must still lower the whole word.
  CHECK(ToLower("ĐẢNG\u1E9E") == "đảng\u00DF");   // "ẞ" (three bytes) -> "ß" (two)
  CHECK(ToLower("HỘI\u023A") == "hội\u2C65");     // "Ⱥ" (two bytes) -> "ⱥ" (three)
  CHECK(ToLower("ĐÀ İ") == "đà i\xCC\x87");
  CHECK(ToLower("ĐƯỜNG ΟΔΟΣ") == IcuLower("ĐƯỜNG ΟΔΟΣ"));
  CHECK(ToLower("Số\xE1\xBA") == IcuLower("Số\xE1\xBA"));  // cut short: not valid UTF-8
}

namespace {

// LowerInPlace on a copy of `text`: the copy when it says it lowered it,
// "(not in place)" when it gives up.
std::string LoweredInPlace(std::string text) {
  return LowerInPlace(text.data(), text.size()) ? text : "(not in place)";
}

}  // namespace

TEST_CASE("LowerInPlace lowers ASCII and Vietnamese where they stand, and nothing else") {
  CHECK(LoweredInPlace("ĐẢNG BỘ HUYỆN KON RẪY") == "đảng bộ huyện kon rẫy");
  CHECK(LoweredInPlace("Ủy Ban, 12,5%") == "ủy ban, 12,5%");
  CHECK(LoweredInPlace("") == "");
  // Letters whose lower case is longer or shorter, and other scripts.
  CHECK(LoweredInPlace("ĐẢNG\u1E9E") == "(not in place)");  // "ẞ" -> "ß": three bytes to two
  CHECK(LoweredInPlace("HỘI\u023A") == "(not in place)");   // "Ⱥ" -> "ⱥ": two bytes to three
  CHECK(LoweredInPlace("İ") == "(not in place)");           // to two code points
  CHECK(LoweredInPlace("\u201CSố") == "(not in place)");    // a quotation mark
  CHECK(LoweredInPlace("ΟΔΟΣ") == "(not in place)");
  CHECK(LoweredInPlace("Số\xE1\xBA") == "(not in place)");  // cut short: not valid UTF-8
  // Only [0, size) is lowered.
  std::string text = "ABC";
  CHECK(LowerInPlace(text.data(), 2));
  CHECK(text == "abC");
}

TEST_CASE("Trim, SplitWords and CollapseSpaces work on ASCII whitespace") {
  CHECK(Trim("  \t số liệu \n") == "số liệu");
  CHECK(Trim(" \n ") == "");
  const auto words = SplitWords("  1.730\tđảng  viên\n");
  REQUIRE(words.size() == 3);
  CHECK(words[0] == "1.730");
  CHECK(words[1] == "đảng");
  CHECK(words[2] == "viên");
  CHECK(CollapseSpaces(" Kon \n\n Rẫy  ") == "Kon Rẫy");
  CHECK(StartsWith("tỷ lệ hộ nghèo", "tỷ lệ"));
  CHECK_FALSE(StartsWith("tỷ", "tỷ lệ"));
}

TEST_CASE("AtMostWords counts words as SplitWords splits them") {
  CHECK(AtMostWords("  Hà Nam:\t10,39%\n", 3));
  CHECK_FALSE(AtMostWords("  Hà Nam:\t10,39%\n", 2));
  CHECK(AtMostWords("", 0));
  CHECK(AtMostWords(" \n ", 0));
  CHECK_FALSE(AtMostWords("a", 0));
  CHECK(AtMostWords("a", 1));
}

TEST_CASE("FindAsciiDigit finds what a byte-by-byte search finds") {
  // Bytes beside the digits ('/' 0x2F, ':' 0x3A), bytes whose low seven bits
  // are digits (0xB0-0xB9, 0xF0), and digits at every offset of a block.
  static constexpr unsigned char kBytes[] = {'0', '5', '9', '/', ':', 'a', ' ', 0xB0, 0xB5, 0xB9,
                                             0xBA, 0xAF, 0xF0, 0xC3, 0x80, 0x00, 0xFF};
  std::mt19937 rng(1986);
  std::uniform_int_distribution<size_t> pick(0, std::size(kBytes) - 1);
  std::bernoulli_distribution digit_free(0.7);
  for (int round = 0; round < 5000; ++round) {
    std::string text(std::uniform_int_distribution<size_t>(0, 40)(rng), 'x');
    const bool sparse = digit_free(rng);
    for (char& c : text) {
      const unsigned char b = kBytes[pick(rng)];
      c = static_cast<char>(sparse && b >= '0' && b <= '9' ? 'x' : b);
    }
    if (sparse && !text.empty()) text[text.size() / 2] = '7';
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      const size_t expected = static_cast<size_t>(
          std::find_if(text.begin() + pos, text.end(), [](char c) { return c >= '0' && c <= '9'; }) -
          text.begin());
      REQUIRE(FindAsciiDigit(text, pos) == expected);
    }
  }
  CHECK(FindAsciiDigit("", 0) == 0);
  CHECK(FindAsciiDigit("số liệu năm 2023", 0) == std::string_view("số liệu năm ").size());
  CHECK(FindAsciiDigit("không có số", 0) == std::string_view("không có số").size());
}

TEST_CASE("FoldDiacritics drops tone and vowel marks in any tone-mark style") {
  CHECK(FoldDiacritics("Kon Rẫy") == "kon ray");
  CHECK(FoldDiacritics("Đắk Glei") == "dak glei");
  // Decomposed input and the old tone placement fold the same way.
  CHECK(FoldDiacritics("ho\xCC\x80\x61") == "hoa");
  CHECK(FoldDiacritics("hòa") == FoldDiacritics("hoà"));
  // ASCII only lowers.
  CHECK(FoldDiacritics("GRDP") == "grdp");
  CHECK(FoldDiacritics("Kon-Tum 2, (TP.HCM)") == "kon-tum 2, (tp.hcm)");
  CHECK(FoldDiacritics("").empty());
}

}  // namespace solieu
