#include "util/utf8.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace solieu {

TEST_CASE("decoding valid sequences of every length") {
  const std::string s = "a\xC3\xA1\xE1\xBB\x87\xF0\x9D\x9F\x8F";  // a á ệ 𝟏
  utf8::Decoded d = utf8::DecodeAt(s, 0);
  CHECK(d.valid);
  CHECK(d.cp == U'a');
  d = utf8::DecodeAt(s, 1);
  CHECK(d.cp == U'á');
  CHECK(d.length == 2);
  d = utf8::DecodeAt(s, 3);
  CHECK(d.cp == U'ệ');
  CHECK(d.length == 3);
  d = utf8::DecodeAt(s, 6);
  CHECK(d.cp == 0x1D7CF);
  CHECK(d.length == 4);
  CHECK(utf8::FirstInvalid(s) == s.size());
  CHECK(utf8::CountCodePoints(s) == 4);
  CHECK(utf8::DecodeBefore(s, s.size()) == 0x1D7CF);
  CHECK(utf8::DecodeBefore(s, 3) == U'á');
}

TEST_CASE("invalid sequences are maximal subparts") {
  // A truncated 3-byte sequence followed by ASCII: two bytes replaced as one.
  const std::string truncated = "\xE1\xBB" "a";
  utf8::Decoded d = utf8::DecodeAt(truncated, 0);
  CHECK_FALSE(d.valid);
  CHECK(d.length == 2);
  CHECK(utf8::FirstInvalid(truncated) == 0);
  // Overlong encodings and surrogates are invalid.
  CHECK_FALSE(utf8::DecodeAt(std::string("\xC0\xAF"), 0).valid);
  CHECK_FALSE(utf8::DecodeAt(std::string("\xED\xA0\x80"), 0).valid);
  CHECK_FALSE(utf8::DecodeAt(std::string("\xF5\x80\x80\x80"), 0).valid);
  // A lone continuation byte.
  CHECK(utf8::FirstInvalid(std::string("abc\x80")) == 3);
}

TEST_CASE("encoding round-trips every plane") {
  for (char32_t cp : {U'a', U'đ', U'Ỹ', char32_t(0xFFFD), char32_t(0x1D7CE)}) {
    std::string s;
    utf8::Append(s, cp);
    utf8::Decoded d = utf8::DecodeAt(s, 0);
    CHECK(d.valid);
    CHECK(d.cp == cp);
    CHECK(d.length == s.size());
  }
}

TEST_CASE("word-at-a-time scans agree with decoding one character at a time") {
  // Byte strings of every length up to 600 (blocks of eight, their tails,
  // and the 255-word lanes of CountCodePoints) mixing ASCII, valid
  // sequences of every length and broken ones.
  static const char* kValid[] = {" ", "\n", "ă", "ệ", "Đ", "\xF0\x9D\x9F\x8F", "\u00A0",
                                 "\xE0\xA4\x85", "\xED\x9F\xBF", "\xEF\xBF\xBD"};
  static const char* kBroken[] = {"\x80", "\xC3", "\xE1\xBB", "\xED\xA0\x80",
                                  "\xF4\x90\x80\x80", "\xC0\xAF", "\xFF", "\xE1\x80"};
  std::mt19937 rng(8);
  std::uniform_int_distribution<size_t> valid(0, std::size(kValid) - 1);
  std::uniform_int_distribution<size_t> invalid(0, std::size(kBroken) - 1);
  std::discrete_distribution<int> kind({600, 397, 3});  // ASCII, valid, broken
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const size_t length = std::uniform_int_distribution<size_t>(0, 600)(rng);
    while (s.size() < length) {
      switch (kind(rng)) {
        case 0: s += 'x'; break;
        case 1: s += kValid[valid(rng)]; break;
        default: s += kBroken[invalid(rng)]; break;
      }
    }
    INFO("round " << round);
    size_t first_invalid = 0;
    while (first_invalid < s.size()) {
      const utf8::Decoded d = utf8::DecodeAt(s, first_invalid);
      if (!d.valid) break;
      first_invalid += d.length;
    }
    CHECK(utf8::FirstInvalid(s) == first_invalid);
    size_t starts = 0;
    for (unsigned char c : s) starts += (c & 0xC0) != 0x80;
    CHECK(utf8::CountCodePoints(s) == starts);
  }
}

}  // namespace solieu
