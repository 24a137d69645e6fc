#include "pipeline/numbers.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace solieu {
namespace {

constexpr NumberStyle kVi = NumberStyle::kVietnamese;
constexpr NumberStyle kEn = NumberStyle::kEnglish;

// The exact decimal spelling of a parse, or "none".
std::string Digits(std::string_view text, NumberStyle style = kVi) {
  const std::optional<Decimal> d = ParseDigits(text, style);
  return d ? d->ToString() : "none";
}

std::string Number(std::string_view text, NumberStyle style = kVi) {
  const std::optional<Decimal> d = ParseNumber(text, style);
  return d ? d->ToString() : "none";
}

TEST_CASE("Decimal: exact spelling") {
  CHECK(Decimal::Integer(0).ToString() == "0");
  CHECK(Decimal::Integer(1730).ToString() == "1730");
  CHECK(Decimal::Integer(-673).ToString() == "-673");
  CHECK((Decimal{744, 1}).ToString() == "74.4");
  CHECK((Decimal{7440, 2}).ToString() == "74.4");  // no trailing zeros
  CHECK((Decimal{77, 2}).ToString() == "0.77");
  CHECK((Decimal{-5, 1}).ToString() == "-0.5");
  CHECK((Decimal{5, 3}).ToString() == "0.005");
  CHECK((Decimal{1000, 3}).ToString() == "1");
  CHECK((Decimal{744, 1}) == (Decimal{74400, 3}));
  CHECK((Decimal{744, 1}) < Decimal::Integer(75));
  CHECK(Decimal::Integer(-1) < (Decimal{5, 1}));
  CHECK((Decimal{25, 1}).Times(Decimal::Integer(1000000)).ToString() == "2500000");
  CHECK((Decimal{25, 1}).Plus(Decimal{75, 2}).ToString() == "3.25");
  CHECK((Decimal{15, 1}).IsInteger() == false);
  CHECK((Decimal{150, 2}).Negated().ToString() == "-1.5");
  CHECK((Decimal{2000, 3}).IsInteger());
  CHECK((Decimal{2000, 3}).ToInteger() == 2);
  CHECK((Decimal{744, 1}).ToDouble() == doctest::Approx(74.4));
}

TEST_CASE("Decimal: large money values stay exact") {
  // 17.443,9 tỷ = 17443.9 * 10^9 = 17 443 900 000 000: a double would still
  // hold it, but 14 significant digits times 10^9 must not pass through one.
  const std::optional<Decimal> d = ParseNumber("17.443,9 tỷ", kVi);
  REQUIRE(d);
  CHECK(d->ToString() == "17443900000000");
  CHECK(d->IsInteger());
  CHECK(d->ToInteger() == 17443900000000LL);
  // 1 234 567 891 234,56 đồng: 18 significant digits, beyond a double's 15-17.
  CHECK(Digits("1.234.567.891.234,56") == "1234567891234.56");
  // 9 876 543,21 tỷ: 9 876 543 210 000 000, more than 2^53.
  CHECK(Number("9.876.543,21 tỷ") == "9876543210000000");
  // 123 456 789 123 456 789: beyond double precision entirely.
  CHECK(Digits("123.456.789.123.456.789") == "123456789123456789");
  // ToInteger saturates beyond the int64 range (10^20 > 9.2 * 10^18).
  const Decimal huge = Decimal::Integer(1000000000000LL).Times(Decimal::Integer(100000000));
  CHECK(huge.ToString() == "100000000000000000000");
  CHECK(huge.ToInteger() == INT64_MAX);
  CHECK(huge.Negated().ToInteger() == INT64_MIN);
}

TEST_CASE("ParseDigits: Vietnamese style") {
  CHECK(Digits("1.730") == "1730");        // "." groups thousands
  CHECK(Digits("74,4") == "74.4");         // "," marks decimals
  CHECK(Digits("1.234,5") == "1234.5");
  CHECK(Digits("1.234.567") == "1234567");
  CHECK(Digits("1.234.567,89") == "1234567.89");
  CHECK(Digits("2,500") == "2.5");         // ambiguous shape: decimal comma here
  CHECK(Digits("1.500") == "1500");        // ambiguous shape: grouping dot here
  CHECK(Digits("01") == "1");
  CHECK(Digits("0") == "0");
  CHECK(Digits("-673") == "-673");
  CHECK(Digits("+5") == "5");
  CHECK(Digits(",77") == "0.77");
  CHECK(Digits("0,5") == "0.5");
  CHECK(Digits("3,14159") == "3.14159");   // not three digits after: a decimal
  CHECK(Digits("12.5") == "12.5");         // one digit after "." : a decimal
  CHECK(Digits("1.2345") == "1.2345");     // four digits after "." : a decimal
  CHECK(Digits(" 42 ") == "42");
  // Two or more of one separator always group thousands, in either style.
  CHECK(Digits("1,234,567") == "1234567");
}

TEST_CASE("ParseDigits: English style") {
  CHECK(Digits("1,234.5", kEn) == "1234.5");
  CHECK(Digits("1,234,567", kEn) == "1234567");
  CHECK(Digits("2,500", kEn) == "2500");   // the ambiguous shape the other way
  CHECK(Digits("1.500", kEn) == "1.5");
  CHECK(Digits("74.4", kEn) == "74.4");
  CHECK(Digits("74,4", kEn) == "74.4");    // not three digits: a decimal mark anyway
  CHECK(Digits(".5", kEn) == "0.5");
  // With both separators the last one is the decimal mark, whatever the style.
  CHECK(Digits("1.234,5", kEn) == "1234.5");
  CHECK(Digits("1,234.5", kVi) == "1234.5");
}

TEST_CASE("ParseDigits: refusals") {
  for (const char* bad : {"", "-", ".", ",", "abc", "12a", "1 2", "12.11.2019", "1.23.4",
                          "1..2", "1,,2", "1.234,5,6", "1,234.567,8", "1.5,234", "12.34.567",
                          "1234.567.890", "--5", "1.2.3,4.5", "٣"}) {
    INFO("input: " << bad);
    CHECK_FALSE(ParseDigits(bad, kVi));
    CHECK_FALSE(ParseDigits(bad, kEn));
  }
  // A leading separator cannot start a group: ".730" is 0.73, never 730.
  CHECK(Digits(".730") == "0.73");
}

TEST_CASE("ScaleWordAt: the word at a place, after spaces, in any case") {
  CHECK(ScaleWordAt("2,37triệu lượt", 4));
  CHECK(ScaleWordAt("74.3  Ngàn tỷ", 4));
  CHECK(ScaleWordAt("5tỷ.", 1));
  CHECK_FALSE(ScaleWordAt("10k đồng", 2));
  CHECK_FALSE(ScaleWordAt("5 triệuđồng", 1));  // the word runs on
  CHECK_FALSE(ScaleWordAt("5   ", 1));
}

TEST_CASE("ScaleWord") {
  CHECK(ScaleWord("nghìn")->ToString() == "1000");
  CHECK(ScaleWord("ngàn")->ToString() == "1000");
  CHECK(ScaleWord("vạn")->ToString() == "10000");
  CHECK(ScaleWord("triệu")->ToString() == "1000000");
  CHECK(ScaleWord("tr")->ToString() == "1000000");
  CHECK(ScaleWord("tỷ")->ToString() == "1000000000");
  CHECK(ScaleWord("tỉ")->ToString() == "1000000000");
  CHECK_FALSE(ScaleWord("trăm"));  // a place in a group, not a scale
  CHECK_FALSE(ScaleWord("nghin"));
  CHECK_FALSE(ScaleWord(""));
}

TEST_CASE("ParseNumber: digits with scale words") {
  CHECK(Number("1.730") == "1730");
  CHECK(Number("2 tỷ 500 triệu") == "2500000000");
  CHECK(Number("1,2 triệu") == "1200000");
  CHECK(Number("1 nghìn tỷ") == "1000000000000");
  CHECK(Number("17.443,9 tỷ") == "17443900000000");
  CHECK(Number("3 triệu 200 nghìn") == "3200000");
  CHECK(Number("1 triệu 200 nghìn") == "1200000");
  CHECK(Number("45 ngàn") == "45000");
  CHECK(Number("5 vạn") == "50000");
  CHECK(Number("2,5 tỉ") == "2500000000");
  CHECK(Number("12 tr") == "12000000");
  CHECK(Number("100k") == "100000");
  CHECK(Number("1,2M") == "1200000");
  CHECK(Number("1,2m") == "1200000");
  CHECK(Number("3G") == "3000000000");
  CHECK(Number("- 1.200.000") == "-1200000");
  CHECK(Number("2,500", kEn) == "2500");
  CHECK(Number("1.5 triệu", kEn) == "1500000");
  CHECK(Number("Hai Mươi Mốt") == "21");  // lower-cased first
}

// Duckling's numeral forms (../shared/peers/duckling_vi_numeral.tsv) that
// rules/number.rules hands to the reader as they are written.
TEST_CASE("ParseNumber: Duckling's digit forms") {
  CHECK(Number(",77") == "0.77");
  CHECK(Number("01,10") == "1.1");
  CHECK(Number("100K") == "100000");
  CHECK(Number("3M") == "3000000");
  CHECK(Number("3000K") == "3000000");
  CHECK(Number(",0012G") == "1200000");
  CHECK(Number("-1,2M") == "-1200000");
  CHECK(Number("-1200K") == "-1200000");
  CHECK(Number("-,0012G") == "-1200000");
  CHECK(Number("âm 1.200.000") == "-1200000");
  CHECK(Number("trăm") == "100");  // a place word alone: one of it
  CHECK(Number("chục") == "10");
  CHECK(Number("nghìn") == "1000");
  CHECK(Number("năm") == "5");
  CHECK(Number("2 chấm 23") == "2.23");
  CHECK(Number("hai phẩy 23") == "2.23");
  CHECK(Number("1 phẩy 1") == "1.1");
  CHECK(Number("một chấm ba") == "1.3");
  CHECK(Number("3 tỷ") == "3000000000");
  CHECK_FALSE(ParseNumber("100X", kVi));
  CHECK_FALSE(ParseNumber("K", kVi));
  CHECK_FALSE(ParseNumber("1,2,M", kVi));
}

TEST_CASE("ParseNumber: numbers in words") {
  CHECK(Number("không") == "0");
  CHECK(Number("một") == "1");
  CHECK(Number("mười") == "10");
  CHECK(Number("mười lăm") == "15");
  CHECK(Number("mười một") == "11");
  CHECK(Number("hai mươi") == "20");
  CHECK(Number("hai mươi mốt") == "21");
  CHECK(Number("hai mươi tư") == "24");
  CHECK(Number("hai mươi bốn") == "24");
  CHECK(Number("ba mươi nhăm") == "35");
  CHECK(Number("ba mươi lăm") == "35");
  CHECK(Number("bảy mươi bảy") == "77");
  CHECK(Number("bẩy mươi") == "70");
  CHECK(Number("chín mươi chín") == "99");
  CHECK(Number("một trăm") == "100");
  CHECK(Number("một trăm linh năm") == "105");
  CHECK(Number("một trăm lẻ năm") == "105");
  CHECK(Number("hai trăm năm mươi") == "250");
  CHECK(Number("chín trăm chín mươi chín") == "999");
  CHECK(Number("một trăm linh tư") == "104");  // "tư" after "linh" too
  CHECK(Number("hai trăm lẻ tư") == "204");
  CHECK(Number("một nghìn không trăm linh năm") == "1005");
  CHECK(Number("hai nghìn linh năm") == "2005");
  CHECK(Number("hai mươi mốt nghìn không trăm mười một") == "21011");
  CHECK(Number("bảy trăm hai mươi mốt nghìn không trăm mười hai") == "721012");
  CHECK(Number("một tỷ") == "1000000000");
  CHECK(Number("ba triệu") == "3000000");
  CHECK(Number("năm trăm nghìn tỷ") == "500000000000000");
  CHECK(Number("một triệu triệu") == "1000000000000");  // consecutive scales compound
  CHECK(Number("3 nghìn tỷ 200 tỷ") == "3200000000000");
  CHECK(Number("một triệu rưỡi") == "1500000");
  CHECK(Number("hai nghìn rưỡi") == "2500");
  CHECK(Number("một trăm rưỡi") == "150");
  CHECK(Number("ba chục") == "30");
  CHECK(Number("âm bốn mươi") == "-40");
  CHECK(Number("âm 5") == "-5");
}

TEST_CASE("ParseNumber: decimals in words") {
  CHECK(Number("ba phẩy năm") == "3.5");
  CHECK(Number("hai phẩy năm triệu") == "2500000");
  CHECK(Number("ba phẩy không năm") == "3.05");
  CHECK(Number("bảy mươi tư phẩy bốn") == "74.4");
  CHECK(Number("không phẩy năm") == "0.5");
  CHECK(Number("một chấm hai") == "1.2");
  CHECK(Number("ba phẩy mười bốn") == "3.14");  // the fraction read as a number
  CHECK(Number("ba phẩy một bốn") == "3.14");   // ... or digit by digit
  CHECK(Number("1 phẩy 5 tỷ") == "1500000000");
}

TEST_CASE("ParseNumber: refusals") {
  for (const char* bad : {"", "  ", "abc", "tư", "mốt", "lăm", "nhăm", "hai ba", "mươi",
                          "âm", "-", "phẩy năm", "ba phẩy", "hai 3", "3 hai", "rưỡi",
                          "một linh", "hai mươi ba bốn", "năm abc", "năm mươi mươi", "12a", "một linh tư"}) {
    INFO("input: " << bad);
    CHECK_FALSE(ParseNumber(bad, kVi));
  }
}

// Digits and separators alone take a short cut past the word reader; it must
// read them as the word reader did: trimmed, by style, refusing bad grouping.
TEST_CASE("ParseNumber: plain digits read as ParseDigits reads them") {
  for (const char* text : {"1.730", " 74,4 ", "\t1.500\n", ",77", "01", "1.234.567,5", "1..2", ".", ",",
                           "12.34.567", "1000000000000000000000000000000000000000"}) {
    INFO("input: " << text);
    for (NumberStyle style : {kVi, kEn}) CHECK(Number(text, style) == Digits(text, style));
  }
  CHECK(Number("1.500", kVi) == "1500");
  CHECK(Number("1.500", kEn) == "1.5");
  CHECK(Number("1..2") == "none");
}

TEST_CASE("ParseRoman") {
  const char* kRomans[] = {"I",   "II",  "III",  "IV",  "V",  "VI",  "VII",
                           "VIII", "IX", "X",    "XI",  "XII", "XIII", "XIV",
                           "XV",  "XVI", "XVII", "XVIII", "XIX"};
  for (int i = 0; i < 19; ++i) {
    INFO(kRomans[i]);
    CHECK(ParseRoman(kRomans[i]) == i + 1);
  }
  CHECK(ParseRoman("iv") == 4);
  CHECK(ParseRoman("xiv") == 14);
  CHECK(ParseRoman("XL") == 40);
  CHECK(ParseRoman("MMXXIV") == 2024);
  CHECK(ParseRoman("MMM") == 3000);
  CHECK(ParseRoman("MCMXCIX") == 1999);
  for (const char* bad : {"", "IIII", "VX", "IIV", "VV", "IC", "XXXX", "MMMM", "A", "I I", "1",
                          "IVI"}) {
    INFO("input: " << bad);
    CHECK_FALSE(ParseRoman(bad));
  }
}

}  // namespace
}  // namespace solieu
