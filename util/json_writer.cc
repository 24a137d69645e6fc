#include "util/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "util/utf8.h"

namespace solieu {

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_->push_back(',');
    has_items_.back() = true;
  }
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
  BeforeValue();
  Quoted(key, /*colon=*/true);
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quoted(value, /*colon=*/false);
}

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

// Whether any of the eight bytes in `w` may need escaping: a control byte,
// '"', '\\', or the start of a multi-byte sequence (checked one at a time).
// The classic "has a byte less than n" and "has a zero byte" tricks.
bool AnyToLookAt(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t quote_zero = (quote - kOnes) & ~quote;
  const uint64_t backslash_zero = (backslash - kOnes) & ~backslash;
  return ((below_space | quote_zero | backslash_zero | w) & kHigh) != 0;
}

// The index of the first byte of s at or after `i` that must be escaped or
// replaced; s.size() when there is none. Eight plain ASCII bytes are passed
// at once; the bytes of a word that holds anything else are looked at one
// by one, up to its end (a sequence may run past it), before the next word.
size_t NextToEscape(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  while (i < n) {
    size_t stop = n;
    if (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (!AnyToLookAt(w)) {
        i += 8;
        continue;
      }
      stop = i + 8;
    }
    while (i < stop) {
      const unsigned char c = p[i];
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') return i;
        ++i;
        continue;
      }
      const utf8::Decoded d = utf8::DecodeFast(s, i);
      if (!d.valid) return i;
      i += d.length;
    }
  }
  return n;
}

}  // namespace

// Most keys and values are short and need no escape: they go out quoted in
// one append rather than in three or four.
void JsonWriter::Quoted(std::string_view s, bool colon) {
  constexpr size_t kShort = 64;
  if (s.size() <= kShort && NextToEscape(s, 0) == s.size()) {
    char buffer[kShort + 3];
    buffer[0] = '"';
    std::memcpy(buffer + 1, s.data(), s.size());
    size_t length = s.size() + 1;
    buffer[length++] = '"';
    if (colon) buffer[length++] = ':';
    out_->append(buffer, length);
    return;
  }
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
