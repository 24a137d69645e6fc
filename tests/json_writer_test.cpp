#include "util/json_writer.h"

#include "util/utf8.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace solieu {
namespace {

using nlohmann::json;

// What JsonWriter writes for one string value, read back by nlohmann/json.
// Parsing throws (and fails the test) if the output is not valid JSON,
// including invalid UTF-8 inside strings.
json ReadString(std::string_view value) {
  std::string out;
  JsonWriter w(&out);
  w.String(value);
  // Whatever the input, the output holds no raw control character.
  for (unsigned char c : out) CHECK(c >= 0x20);
  return json::parse(out);
}

std::string Written(std::string_view value) {
  std::string out;
  JsonWriter w(&out);
  w.String(value);
  return out;
}

const std::string kFffd = "\xEF\xBF\xBD";

TEST_CASE("the documented example") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("n");
  w.Int(3);
  w.EndObject();
  CHECK(out == R"({"n":3})");
}

TEST_CASE("plain strings and the short escapes") {
  CHECK(Written("") == R"("")");
  CHECK(Written("abc") == R"("abc")");
  CHECK(Written("a\"b") == R"("a\"b")");
  CHECK(Written("a\\b") == R"("a\\b")");
  CHECK(Written("a/b") == R"("a/b")");  // "/" needs no escape
  CHECK(Written("\n\r\t\b\f") == R"("\n\r\t\b\f")");
  CHECK(ReadString("say \"1.730\" \\ C:\\dir") == "say \"1.730\" \\ C:\\dir");
}

TEST_CASE("every control character round-trips") {
  for (int c = 0; c < 0x20; ++c) {
    const std::string s = std::string("x") + static_cast<char>(c) + "y";
    INFO("control " << c);
    CHECK(ReadString(s) == s);
  }
  // U+0000 inside a string_view is a character like any other.
  const std::string nul("a\0b", 3);
  CHECK(Written(nul) == R"("a\u0000b")");
  CHECK(ReadString(nul) == nul);
  CHECK(Written("\x1F") == R"("\u001f")");
  // DEL (U+007F) is not a control character for JSON: it may stay raw.
  CHECK(ReadString("\x7F") == "\x7F");
}

TEST_CASE("all of Vietnamese is written as UTF-8 and read back") {
  const std::string letters =
      "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
      "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
  // Unchanged bytes: non-ASCII text is not \u-escaped.
  CHECK(Written(letters) == "\"" + letters + "\"");
  CHECK(ReadString(letters) == letters);
  // Decomposed letters (base + combining marks) are kept as they are.
  const std::string decomposed = "Vie\xCC\x82\xCC\xA3t";  // Việt, NFD
  CHECK(ReadString(decomposed) == decomposed);
  // Other planes: a mathematical digit (4 bytes), an emoji.
  CHECK(ReadString("\xF0\x9D\x9F\x8F \xF0\x9F\x98\x80") == "\xF0\x9D\x9F\x8F \xF0\x9F\x98\x80");
  // The highest code point and the last before the surrogates.
  CHECK(ReadString("\xF4\x8F\xBF\xBF\xED\x9F\xBF") == "\xF4\x8F\xBF\xBF\xED\x9F\xBF");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, one per maximal subpart") {
  // A lone continuation byte, a byte that never starts a sequence.
  CHECK(ReadString("a\x80z") == "a" + kFffd + "z");
  CHECK(ReadString("a\xFFz") == "a" + kFffd + "z");
  // Latin-1 "Việt" half-converted: 0xEA alone starts a 3-byte sequence that
  // "t" interrupts.
  CHECK(ReadString("Vi\xEAt") == "Vi" + kFffd + "t");
  // A truncated 3-byte sequence is one subpart: one U+FFFD.
  CHECK(ReadString("\xE1\xBB" "a") == kFffd + "a");
  // Truncated 4-byte sequences of 3 and 2 bytes, and at the very end.
  CHECK(ReadString("\xF0\x9F\x98" "a") == kFffd + "a");
  CHECK(ReadString("\xF0\x9F" "a") == kFffd + "a");
  CHECK(ReadString("x\xE1\xBB") == "x" + kFffd);
  CHECK(ReadString("x\xC3") == "x" + kFffd);
  // Overlong forms and surrogates are no sequence at all: each byte is one.
  CHECK(ReadString("\xC0\xAF") == kFffd + kFffd);
  CHECK(ReadString("\xE0\x80\x80") == kFffd + kFffd + kFffd);
  CHECK(ReadString("\xED\xA0\x80") == kFffd + kFffd + kFffd);
  // Beyond U+10FFFF.
  CHECK(ReadString("\xF4\x90\x80\x80") == kFffd + kFffd + kFffd + kFffd);
  // Invalid bytes next to characters that need escaping.
  CHECK(ReadString("\"\x80\\\n\xFE") == "\"" + kFffd + "\\\n" + kFffd);
  // Keys are escaped the same way.
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("k\x80\"\n");
  w.String("v");
  w.EndObject();
  const json j = json::parse(out);
  CHECK(j.size() == 1);
  CHECK(j.at("k" + kFffd + "\"\n") == "v");
}

TEST_CASE("nesting: commas and colons in the right places") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.EndArray();
  w.Key("b");
  w.BeginObject();
  w.EndObject();
  w.Key("c");
  w.BeginArray();
  w.Int(1);
  w.BeginArray();
  w.BeginArray();
  w.Null();
  w.EndArray();
  w.EndArray();
  w.BeginObject();
  w.Key("d");
  w.Bool(true);
  w.Key("e");
  w.Bool(false);
  w.EndObject();
  w.String("f");
  w.EndArray();
  w.Key("g");
  w.Null();
  w.EndObject();
  CHECK(out == R"({"a":[],"b":{},"c":[1,[[null]],{"d":true,"e":false},"f"],"g":null})");
  const json expected = {{"a", json::array()},
                         {"b", json::object()},
                         {"c", {1, {{nullptr}}, {{"d", true}, {"e", false}}, "f"}},
                         {"g", nullptr}};
  CHECK(json::parse(out) == expected);
}

TEST_CASE("a writer appends: several documents, one per line") {
  std::string out = "prefix\n";
  JsonWriter a(&out);
  a.BeginArray();
  a.Int(1);
  a.EndArray();
  out.push_back('\n');
  JsonWriter b(&out);
  b.BeginArray();
  b.Int(2);
  b.EndArray();
  CHECK(out == "prefix\n[1]\n[2]");
}

TEST_CASE("numbers") {
  auto write = [](auto&& emit) {
    std::string out;
    JsonWriter w(&out);
    w.BeginArray();
    emit(w);
    w.EndArray();
    return out;
  };
  SUBCASE("integers over the whole int64 range") {
    const std::string out = write([](JsonWriter& w) {
      w.Int(0);
      w.Int(-673);
      w.Int(1730);
      w.Int(std::numeric_limits<int64_t>::max());
      w.Int(std::numeric_limits<int64_t>::min());
    });
    CHECK(out == "[0,-673,1730,9223372036854775807,-9223372036854775808]");
    const json j = json::parse(out);
    CHECK(j[3].get<int64_t>() == std::numeric_limits<int64_t>::max());
    CHECK(j[4].get<int64_t>() == std::numeric_limits<int64_t>::min());
  }
  SUBCASE("exact literals are written as given") {
    const std::string out = write([](JsonWriter& w) {
      w.Number("17443900000000");
      w.Number("74.4");
      w.Number("-2.5");
      w.Number("1200000000000");
    });
    CHECK(out == "[17443900000000,74.4,-2.5,1200000000000]");
    const json j = json::parse(out);
    CHECK(j[0].get<uint64_t>() == 17443900000000ULL);
    CHECK(j[1].get<double>() == 74.4);
    CHECK(j[2].get<double>() == -2.5);
    CHECK(j[3].get<int64_t>() == 1200000000000LL);
  }
  SUBCASE("doubles: valid JSON for every value, non-finite as null") {
    const std::string out = write([](JsonWriter& w) {
      w.Double(0.9);
      w.Double(1.0);
      w.Double(0.5);
      w.Double(-0.25);
      w.Double(1e-7);
      w.Double(1e300);
      w.Double(-0.0);
      w.Double(std::numeric_limits<double>::quiet_NaN());
      w.Double(std::numeric_limits<double>::infinity());
      w.Double(-std::numeric_limits<double>::infinity());
      w.Double(1.0 / 3.0);
    });
    const json j = json::parse(out);
    REQUIRE(j.size() == 11);
    CHECK(j[0].get<double>() == 0.9);
    CHECK(j[1].get<double>() == 1.0);
    CHECK(j[2].get<double>() == 0.5);
    CHECK(j[3].get<double>() == -0.25);
    CHECK(j[4].get<double>() == 1e-7);
    CHECK(j[5].get<double>() == 1e300);
    CHECK(j[6].get<double>() == 0.0);
    CHECK(j[7].is_null());
    CHECK(j[8].is_null());
    CHECK(j[9].is_null());
    // Doubles (confidences) are written with 6 significant digits.
    CHECK(std::fabs(j[10].get<double>() - 1.0 / 3.0) < 1e-6);
  }
}

// ---- randomized ------------------------------------------------------------

// Pieces of random strings, each with what it reads back as. An invalid
// piece never ends in a bare lead byte, so that the next piece cannot
// complete it: each piece's reading does not depend on its neighbours.
struct Atom {
  std::string bytes, reads_as;
};

std::vector<Atom> Atoms() {
  const std::string f = "\xEF\xBF\xBD";
  std::vector<Atom> atoms = {
      {"a", "a"},          {"Z", "Z"},          {"7", "7"},         {" ", " "},
      {"\"", "\""},        {"\\", "\\"},        {"/", "/"},         {"\n", "\n"},
      {"\t", "\t"},        {"\r", "\r"},        {"\x01", "\x01"},   {"\x1F", "\x1F"},
      {std::string(1, '\0'), std::string(1, '\0')},                 {"\x7F", "\x7F"},
      {"đ", "đ"},          {"Ư", "Ư"},          {"ệ", "ệ"},         {"ỹ", "ỹ"},
      {"\xCC\x81", "\xCC\x81"},                 {"€", "€"},         {"\xEF\xBF\xBD", f},
      {"\xF0\x9D\x9F\x8F", "\xF0\x9D\x9F\x8F"}, {"\x80", f},        {"\xBF", f},
      {"\xFF", f},         {"\xC0\xAF", f + f}, {"\xE1\xBB" "a", f + "a"},
      {"\xF0\x9F\x98" "b", f + "b"},            {"\xED\xA0\x80", f + f + f},
      {"\xC3" " ", f + " "},
  };
  return atoms;
}

class RandomDocument {
 public:
  explicit RandomDocument(uint32_t seed) : rng_(seed), atoms_(Atoms()) {}

  // Writes a random value with `w` and returns what it should read back as.
  json Value(JsonWriter& w, int depth) {
    const int kind = Pick(depth > 3 ? 5 : 7);
    switch (kind) {
      case 0: {
        const auto [bytes, reads_as] = RandomString();
        w.String(bytes);
        return reads_as;
      }
      case 1: {
        const int64_t v = std::uniform_int_distribution<int64_t>(
            std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max())(rng_) >>
                          Pick(64);
        w.Int(v);
        return v;
      }
      case 2: {
        const bool b = Pick(2) == 1;
        w.Bool(b);
        return b;
      }
      case 3:
        w.Null();
        return nullptr;
      case 4: {
        // An exact decimal literal as the numbers component writes them.
        const int64_t whole = Pick(1000000);
        const int frac = Pick(100);
        std::string literal = std::to_string(whole);
        if (frac != 0) literal += "." + std::to_string(frac);
        w.Number(literal);
        return json::parse(literal);
      }
      case 5: {
        json array = json::array();
        w.BeginArray();
        for (int n = Pick(5); n > 0; --n) array.push_back(Value(w, depth + 1));
        w.EndArray();
        return array;
      }
      default: {
        json object = json::object();
        w.BeginObject();
        for (int n = Pick(5); n > 0; --n) {
          // A distinct prefix keeps keys unique whatever the random part.
          auto [bytes, reads_as] = RandomString();
          bytes = std::to_string(n) + ":" + bytes;
          reads_as = std::to_string(n) + ":" + reads_as;
          w.Key(bytes);
          object[reads_as] = Value(w, depth + 1);
        }
        w.EndObject();
        return object;
      }
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::pair<std::string, std::string> RandomString() {
    std::string bytes, reads_as;
    for (int n = Pick(12); n > 0; --n) {
      const Atom& a = atoms_[Pick(static_cast<int>(atoms_.size()))];
      bytes += a.bytes;
      reads_as += a.reads_as;
    }
    return {bytes, reads_as};
  }

  std::mt19937 rng_;
  std::vector<Atom> atoms_;
};

TEST_CASE("randomized: random documents read back as nlohmann/json reads them") {
  RandomDocument doc(1258);
  for (int round = 0; round < 3000; ++round) {
    std::string out;
    JsonWriter w(&out);
    const json expected = doc.Value(w, 0);
    INFO("round " << round << ": " << out);
    json parsed;
    REQUIRE_NOTHROW(parsed = json::parse(out));
    CHECK(parsed == expected);
    // What nlohmann writes back for it parses to the same value again.
    CHECK(json::parse(parsed.dump()) == parsed);
  }
}

TEST_CASE("randomized: arbitrary bytes always make valid JSON strings") {
  std::mt19937 rng(84);
  for (int round = 0; round < 3000; ++round) {
    std::string s(std::uniform_int_distribution<int>(0, 24)(rng), '\0');
    for (char& c : s) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    INFO("round " << round);
    json parsed;
    REQUIRE_NOTHROW(parsed = json::parse(Written(s)));
    REQUIRE(parsed.is_string());
    // Valid input comes back byte for byte; bytes are only ever replaced by
    // U+FFFD, so the ASCII characters all survive in order.
    const std::string back = parsed.get<std::string>();
    std::string ascii_in, ascii_out;
    for (char c : s) {
      if (static_cast<unsigned char>(c) < 0x80) ascii_in += c;
    }
    for (char c : back) {
      if (static_cast<unsigned char>(c) < 0x80) ascii_out += c;
    }
    CHECK(ascii_in == ascii_out);
  }
}

// JsonWriter::String escaped one byte at a time, as the writer did before it
// skipped plain runs in bulk: the slow path the fast one must agree with.
std::string WrittenByteByByte(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    if (c >= 0x80) {
      const utf8::Decoded d = utf8::DecodeAt(s, i);
      out.append(d.valid ? s.substr(i, d.length) : std::string_view("\xEF\xBF\xBD"));
      i += d.length;
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      const char* short_escape = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : nullptr;
      if (short_escape != nullptr) {
        out += short_escape;
      } else {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out + "\"";
}

TEST_CASE("the bulk scan agrees with escaping byte by byte") {
  // Every two-byte start, at each offset of an eight-byte word and across
  // the end of one, in plain ASCII, and at the very end of the string.
  const std::string frame = "abcdefghijklmnop";
  for (int b0 = 0; b0 < 256; ++b0) {
    for (int b1 = 0; b1 < 256; ++b1) {
      const std::string pair{static_cast<char>(b0), static_cast<char>(b1)};
      for (size_t at : {size_t{0}, size_t{5}, size_t{7}, frame.size()}) {
        const std::string s = frame.substr(0, at) + pair + frame.substr(at);
        if (Written(s) != WrittenByteByByte(s)) {
          FAIL_CHECK("bytes " << b0 << " " << b1 << " at " << at);
        }
      }
    }
  }
  // Three- and four-byte sequences, with every continuation byte at the
  // edges of the ranges DecodeAt allows after each lead byte.
  const int edges[] = {0x00, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (int b0 = 0xE0; b0 < 0x100; ++b0) {
    for (int b1 : edges) {
      for (int b2 : edges) {
        for (int b3 : edges) {
          const std::string seq{static_cast<char>(b0), static_cast<char>(b1), static_cast<char>(b2),
                                static_cast<char>(b3)};
          for (const std::string& s : {seq, "x" + seq + "yz", seq.substr(0, 3), "ab" + seq.substr(0, 2)}) {
            if (Written(s) != WrittenByteByByte(s)) FAIL_CHECK("bytes " << b0 << " " << b1 << " " << b2 << " " << b3);
          }
        }
      }
    }
  }
  // Longer strings mixing plain runs, escapes, Vietnamese and broken bytes.
  const std::vector<std::string> pieces = {"Sản lượng ", "đạt 47,5 tạ/ha", "\"", "\\", "\n", "\x01", "\x7F",
                                           "\xE1\xBB", "\xC3", "\xF0\x9F\x98\x80", "\xED\xA0\x80", "12345678", " "};
  std::mt19937 rng(7);
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (int k = std::uniform_int_distribution<int>(0, 12)(rng); k > 0; --k) {
      s += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    }
    INFO("round " << round);
    REQUIRE(Written(s) == WrittenByteByByte(s));
    // Keys take the same paths, short and long.
    std::string object;
    JsonWriter w(&object);
    w.BeginObject();
    w.Key(s);
    w.Int(1);
    w.EndObject();
    REQUIRE(object == "{" + WrittenByteByByte(s) + ":1}");
  }
  // Both sides of the one-append limit for short plain strings.
  for (size_t n : {63, 64, 65}) {
    const std::string plain(n, 'a'), quoted = std::string(n - 1, 'a') + "\"";
    CHECK(Written(plain) == WrittenByteByByte(plain));
    CHECK(Written(quoted) == WrittenByteByByte(quoted));
  }
}

TEST_CASE("the block scan agrees with escaping byte by byte at every offset and near the end") {
  // Plain and Vietnamese strings shorter than a block of eight bytes, of
  // one block and of blocks and a tail, with two pieces put at every pair
  // of offsets: a block may end inside a letter, and the tail, read a byte
  // at a time, begin inside one.
  const std::vector<std::string> pieces = {"\"",        "\\",           std::string(1, '\0'), "\x1F", "\x7F",
                                           "\xC3\xA1",   "\xE1\xBB\x87", "\xF0\x9F\x98\x80",  "\x80",     "\xE1\xBB",
                                           "\xED\xA0\x80", "\xFF",         "\xC3",              "\xE0\xA0\x80"};
  for (const std::string& frame : {std::string("a#c]e fghijk#m]o "), std::string("ng n\xC4\x83m 2013 th\xC3\xA1")}) {
    for (size_t size = 0; size <= frame.size(); ++size) {
      const std::string base = frame.substr(0, size);
      for (size_t a = 0; a <= size; ++a) {
        for (size_t b = a; b <= size; ++b) {
          for (const std::string& x : pieces) {
            for (const std::string& y : pieces) {
              const std::string s = base.substr(0, a) + x + base.substr(a, b - a) + y + base.substr(b);
              if (Written(s) != WrittenByteByByte(s)) FAIL_CHECK("size " << size << " at " << a << " " << b);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("the automaton agrees with escaping byte by byte on long strings at every alignment") {
  // Letters of one to four bytes, broken sequences and escapes, so that
  // characters straddle the eight-byte blocks the automaton reads in every
  // way, and a block may end inside a letter and stop on the next one.
  const std::vector<std::string> pieces = {"a", " ", "\xC3\xA1", "\xC4\x91", "\xE1\xBB\x87", "\xE2\x82\xAC",
                                           "\xE0\xA0\x80", "\xED\x9F\xBF", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
                                           "\xCC\x81", "\"", "\\", "\n", "\x80", "\xC3", "\xE1\xBB", "\xED\xA0\x80",
                                           "\xF0\x9F\x98", "\xF4\x90\x80\x80", "\xE0\x9F\xBF", "\xC1\xBF", "\xFF"};
  std::mt19937 rng(2028);
  for (int round = 0; round < 20000; ++round) {
    std::string body;
    // Mostly valid text, so that the stop, when there is one, comes late.
    const bool broken = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
    for (int k = std::uniform_int_distribution<int>(1, 30)(rng); k > 0; --k) {
      body += pieces[std::uniform_int_distribution<size_t>(0, broken ? pieces.size() - 1 : 10)(rng)];
    }
    // ASCII bytes before the body, and a letter then ASCII bytes, move it
    // across the automaton's blocks.
    for (const std::string& start : {std::string(), std::string("\xC3\xA1")}) {
      for (size_t shift = 0; shift < 8; ++shift) {
        const std::string s = start + std::string(shift, 'x') + body;
        if (Written(s) != WrittenByteByByte(s)) {
          FAIL_CHECK("round " << round << " shifted by " << start.size() + shift);
        }
      }
    }
  }
}

TEST_CASE("a _key key is written as the same key given at run time") {
  using namespace json_literals;
  std::string literal, runtime;
  JsonWriter a(&literal), b(&runtime);
  a.BeginObject();
  b.BeginObject();
  a.Key("type"_key);
  b.Key(std::string("type"));
  a.String("date");
  b.String("date");
  a.Key("published_from"_key);
  b.Key(std::string("published_from"));
  a.BeginArray();
  b.BeginArray();
  a.BeginObject();
  b.BeginObject();
  a.Key("a"_key);  // the first key of an object: no comma
  b.Key(std::string("a"));
  a.Null();
  b.Null();
  a.Key(std::string("b"));  // the two kinds of key mixed
  b.Key("b"_key);
  a.Int(1);
  b.Int(1);
  a.EndObject();
  b.EndObject();
  a.EndArray();
  b.EndArray();
  a.Key(""_key);
  b.Key(std::string(""));
  a.Bool(true);
  b.Bool(true);
  a.Key("with space/slash~"_key);
  b.Key(std::string("with space/slash~"));
  a.Int(2);
  b.Int(2);
  a.EndObject();
  b.EndObject();
  CHECK(literal == R"({"type":"date","published_from":[{"a":null,"b":1}],"":true,"with space/slash~":2})");
  CHECK(runtime == literal);
}

}  // namespace
}  // namespace solieu
