#include "util/utf8.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

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


// Well-formed UTF-8 byte sequences, as Table 3-7 of the Unicode Standard
// lists them: an oracle for FirstInvalid that shares no code with it.
struct WellFormedRow {
  unsigned char lo[4], hi[4];
  size_t length;
};
constexpr WellFormedRow kTable37[] = {
    {{0x00}, {0x7F}, 1},
    {{0xC2, 0x80}, {0xDF, 0xBF}, 2},
    {{0xE0, 0xA0, 0x80}, {0xE0, 0xBF, 0xBF}, 3},
    {{0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF}, 3},
    {{0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}, 3},
    {{0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF}, 3},
    {{0xF0, 0x90, 0x80, 0x80}, {0xF0, 0xBF, 0xBF, 0xBF}, 4},
    {{0xF1, 0x80, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF}, 4},
    {{0xF4, 0x80, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, 4},
};

size_t FirstInvalidByTable(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t length = 0;
    for (const WellFormedRow& row : kTable37) {
      bool fits = i + row.length <= s.size();
      for (size_t k = 0; fits && k < row.length; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        fits = b >= row.lo[k] && b <= row.hi[k];
      }
      if (fits) length = row.length;
    }
    if (length == 0) return i;
    i += length;
  }
  return s.size();
}

TEST_CASE("SkipAscii stops at the first non-ASCII byte, from every position") {
  // Random bytes, mostly ASCII, so that a non-ASCII byte falls at every
  // place in an eight-byte block, or in none of a block; compared with a
  // byte-by-byte search.
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    std::string s(std::uniform_int_distribution<size_t>(0, 40)(rng), 'a');
    for (char& c : s) {
      const int r = std::uniform_int_distribution<int>(0, 15)(rng);
      c = static_cast<char>(r == 0 ? 0x80 + std::uniform_int_distribution<int>(0, 127)(rng)
                                   : std::uniform_int_distribution<int>(0, 127)(rng));
    }
    for (size_t pos = 0; pos <= s.size(); ++pos) {
      size_t expected = pos;
      while (expected < s.size() && static_cast<unsigned char>(s[expected]) < 0x80) ++expected;
      REQUIRE_MESSAGE(utf8::SkipAscii(s, pos) == expected, "round " << round << " from " << pos);
    }
  }
}

TEST_CASE("FirstInvalid agrees with Table 3-7 on every short sequence") {
  // Every byte pair, and every triple and quadruple of bytes at the edges of
  // the ranges, each truncated, after 0 to 9 ASCII bytes (every alignment of
  // the eight-byte blocks) and before ASCII, a letter, or nothing.
  static const unsigned char kEdges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                         0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                                         0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::vector<std::string> pieces;
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) pieces.push_back({static_cast<char>(a), static_cast<char>(b)});
  }
  for (unsigned char a : kEdges) {
    for (unsigned char b : kEdges) {
      for (unsigned char c : kEdges) {
        pieces.push_back({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        for (unsigned char d : {0x41, 0x80, 0xBF, 0xC0}) {
          pieces.push_back({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
        }
      }
    }
  }
  size_t checked = 0;
  for (const std::string& piece : pieces) {
    for (size_t lead = 0; lead <= 9; lead += (piece.size() == 2 ? 3 : 1)) {
      for (std::string_view tail : {"", "abcdefgh", "\xE1\xBB\x87"}) {
        const std::string s = std::string(lead, 'x') + piece + std::string(tail);
        if (FirstInvalidByTable(s) != utf8::FirstInvalid(s)) {
          FAIL_CHECK("FirstInvalid differs on " << lead << " ASCII bytes + piece of " << piece.size());
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 500000);
}

TEST_CASE("FirstInvalid agrees with Table 3-7 on random Vietnamese-like text") {
  static const char* kPieces[] = {"a", "b ", "ă", "ệ", "Đ", "ườ", "\xF0\x9D\x9F\x8F", "\u00A0",
                                  "\x80", "\xC3", "\xE1\xBB", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                  "\xC0\xAF", "12.345 ", "\xEF\xBF\xBD"};
  std::mt19937 rng(2024);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    // Mostly valid pieces, so that the first invalid byte falls anywhere.
    for (int k = std::uniform_int_distribution<int>(0, 60)(rng); k > 0; --k) {
      const size_t p = pick(rng);
      s += kPieces[p >= 8 && rng() % 8 != 0 ? p % 8 : p];
    }
    INFO(s.size());
    CHECK(utf8::FirstInvalid(s) == FirstInvalidByTable(s));
  }
}

}  // namespace solieu
