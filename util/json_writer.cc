#include "util/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "util/utf8.h"

namespace solieu {

void JsonWriter::BeforeValue() {
  if (NeedsComma()) out_->push_back(',');
}

void JsonWriter::Open(char c) {
  BeforeValue();
  out_->push_back(c);
  has_items_.push_back(false);
}

void JsonWriter::Close(char c) {
  has_items_.pop_back();
  out_->push_back(c);
}

void JsonWriter::Key(std::string_view key) {
  Quoted(key, NeedsComma(), /*colon=*/true);
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) { Quoted(value, NeedsComma(), /*colon=*/false); }

void JsonWriter::Number(std::string_view literal) {
  BeforeValue();
  out_->append(literal);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_->append(buffer, end);
}

void JsonWriter::Double(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_->append("null");
    return;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  out_->append(buffer);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;

uint64_t Load8(const unsigned char* p) {
  uint64_t w;
  __builtin_memcpy(&w, p, 8);
  return w;
}

// 0x80 in each byte lane of `w` (eight bytes, the first in the lowest lane)
// that holds a byte to look at: a control byte, '"', '\\', or a byte of
// 0x80 and above (part of a multibyte sequence, or invalid).  The sums are
// on 7-bit values and stay below 0x100, so no lane carries into the next
// and every lane is exact: the test may be shifted and the first marked
// lane taken.
uint64_t LanesToLookAt(uint64_t w) {
  const uint64_t low = w & kLow7;
  const uint64_t not_control = low + kOnes * (0x80 - 0x20);  // top bit set when low >= 0x20
  const uint64_t not_quote = (low ^ (kOnes * '"')) + kLow7;   // top bit set when low != '"'
  const uint64_t not_backslash = (low ^ (kOnes * '\\')) + kLow7;
  return (w | ~(not_control & not_quote & not_backslash)) & kHigh;
}

uint32_t Load4(const unsigned char* p) {
  uint32_t w;
  __builtin_memcpy(&w, p, 4);
  return w;
}

// At a byte of 0x80 or above: steps `i` over its sequence when that is
// valid UTF-8; false, leaving `i` there, when it must be replaced.
bool StepOverSequence(std::string_view s, size_t* i) {
  const utf8::Decoded d = utf8::DecodeFast(s, *i);
  if (!d.valid) return false;
  *i += d.length;
  return true;
}

// NextToEscape for strings too short for a word: byte by byte, unless a
// string of four bytes or more is plain, which its first four and last four
// bytes (that may overlap) show in one test.
size_t NextToEscapeShort(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (i == 0 && s.size() >= 4 && LanesToLookAt(Load4(p) | uint64_t{Load4(p + s.size() - 4)} << 32) == 0) {
    return s.size();
  }
  while (i < s.size()) {
    const unsigned char c = p[i];
    if (c >= 0x80) {
      if (!StepOverSequence(s, &i)) return i;
    } else if (c < 0x20 || c == '"' || c == '\\') {
      return i;
    } else {
      ++i;
    }
  }
  return s.size();
}

// The index of the first byte of s at or after `i` that must be escaped or
// replaced; s.size() when there is none.  Each step reads the eight bytes
// from i and jumps to the first one to look at: a byte to escape ends the
// search, a valid sequence is stepped over.  In Vietnamese, where a letter
// of two or three bytes comes every few bytes, that is one step per letter
// rather than one per byte.
size_t NextToEscape(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  if (n < 8) return NextToEscapeShort(s, i);
  while (i < n) {
    // Near the end, the last eight bytes, less the lanes before i.
    const uint64_t lanes =
        i + 8 <= n ? LanesToLookAt(Load8(p + i)) : LanesToLookAt(Load8(p + n - 8)) >> (8 * (i + 8 - n));
    if (lanes == 0) {
      i += 8;
      continue;
    }
    i += static_cast<size_t>(__builtin_ctzll(lanes)) / 8;
    if (p[i] < 0x80 || !StepOverSequence(s, &i)) return i;
  }
  return n;
}

}  // namespace

// Most keys and values are short and need no escape: they go out quoted in
// one append, with the comma before and the colon after, rather than in
// three or four.
void JsonWriter::Quoted(std::string_view s, bool comma, bool colon) {
  constexpr size_t kShort = 64;
  if (s.size() <= kShort && NextToEscape(s, 0) == s.size()) {
    char buffer[kShort + 4];
    size_t length = 0;
    if (comma) buffer[length++] = ',';
    buffer[length++] = '"';
    std::memcpy(buffer + length, s.data(), s.size());
    length += s.size();
    buffer[length++] = '"';
    if (colon) buffer[length++] = ':';
    out_->append(buffer, length);
    return;
  }
  if (comma) out_->push_back(',');
  Escaped(s);
  if (colon) out_->push_back(':');
}

// Plain bytes are copied a run at a time; only the bytes NextToEscape stops
// at are looked at one by one.
void JsonWriter::Escaped(std::string_view s) {
  out_->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = NextToEscape(s, 0); i < s.size(); i = NextToEscape(s, run)) {
    out_->append(s.data() + run, i - run);
    run = i + EscapeOne(s, i);
  }
  out_->append(s.data() + run, s.size() - run);
  out_->push_back('"');
}

size_t JsonWriter::EscapeOne(std::string_view s, size_t i) {
  static constexpr char kHex[] = "0123456789abcdef";
  const unsigned char c = s[i];
  if (c >= 0x80) {
    out_->append("\xEF\xBF\xBD");
    return utf8::DecodeAt(s, i).length;
  }
  switch (c) {
    case '"': out_->append("\\\""); break;
    case '\\': out_->append("\\\\"); break;
    case '\n': out_->append("\\n"); break;
    case '\r': out_->append("\\r"); break;
    case '\t': out_->append("\\t"); break;
    case '\b': out_->append("\\b"); break;
    case '\f': out_->append("\\f"); break;
    default:
      out_->append("\\u00");
      out_->push_back(kHex[c >> 4]);
      out_->push_back(kHex[c & 15]);
  }
  return 1;
}

}  // namespace solieu
