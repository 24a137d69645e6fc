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

// The scan for bytes to escape or replace is a deterministic automaton
// that reads UTF-8 and stops at a byte that needs an escape or at a
// sequence that is not valid.  It is "shift-based": each state is a bit
// offset, and kScan.next[byte] packs, at every state's offset, the offset of
// the state that byte leads to, so one step is a table load and a shift, with
// no branch.  Vietnamese has a letter of two or three bytes every few
// bytes, which a branch per letter mispredicts and a byte-at-a-time
// decoder spends a dozen instructions on.
enum ScanState : uint64_t {
  kAccept = 0,          // between characters
  kStop = 6,            // at a byte to escape or an invalid sequence; stays
  kNeed1 = 12,          // continuation bytes 80..BF still to come: one,
  kNeed2 = 18,          // two,
  kNeed3 = 24,          // three
  kAfterE0 = 30,        // then A0..BF, then one more (no overlong form)
  kAfterED = 36,        // then 80..9F, then one more (no surrogate)
  kAfterF0 = 42,        // then 90..BF, then two more (no overlong form)
  kAfterF4 = 48,        // then 80..8F, then two more (nothing past U+10FFFF)
};
constexpr ScanState kScanStates[] = {kAccept, kStop,    kNeed1,   kNeed2,  kNeed3,
                                     kAfterE0, kAfterED, kAfterF0, kAfterF4};

// The state after `byte` in `state`; the same validity as utf8::DecodeAt.
constexpr ScanState Step(ScanState state, unsigned byte) {
  const auto in = [byte](unsigned lo, unsigned hi) { return byte >= lo && byte <= hi; };
  switch (state) {
    case kAccept:
      if (byte < 0x20 || byte == '"' || byte == '\\') return kStop;
      if (byte < 0x80) return kAccept;
      if (in(0xC2, 0xDF)) return kNeed1;
      if (byte == 0xE0) return kAfterE0;
      if (byte == 0xED) return kAfterED;
      if (in(0xE1, 0xEF)) return kNeed2;
      if (byte == 0xF0) return kAfterF0;
      if (byte == 0xF4) return kAfterF4;
      if (in(0xF1, 0xF3)) return kNeed3;
      return kStop;
    case kNeed1: return in(0x80, 0xBF) ? kAccept : kStop;
    case kNeed2: return in(0x80, 0xBF) ? kNeed1 : kStop;
    case kNeed3: return in(0x80, 0xBF) ? kNeed2 : kStop;
    case kAfterE0: return in(0xA0, 0xBF) ? kNeed1 : kStop;
    case kAfterED: return in(0x80, 0x9F) ? kNeed1 : kStop;
    case kAfterF0: return in(0x90, 0xBF) ? kNeed2 : kStop;
    case kAfterF4: return in(0x80, 0x8F) ? kNeed2 : kStop;
    case kStop: return kStop;
  }
  return kStop;
}

struct ScanTable {
  consteval ScanTable() {
    for (unsigned byte = 0; byte < 256; ++byte) {
      for (const ScanState state : kScanStates) next[byte] |= uint64_t{Step(state, byte)} << state;
    }
  }
  uint64_t next[256] = {};
};
constexpr ScanTable kScan;

// One step from `state`, which only its low six bits hold: a shift on x86
// takes its count modulo 64, so the mask costs nothing.
inline uint64_t Next(uint64_t state, unsigned char byte) { return kScan.next[byte] >> (state & 63); }

// The first byte to escape or replace, from `i`, where a character starts:
// the start of the character the automaton stops in (for a byte to escape,
// the byte itself), or of a sequence the string ends in the middle of.
size_t FirstStop(const unsigned char* p, size_t i, size_t n) {
  uint64_t state = kAccept;
  size_t start = i;
  for (; i < n; ++i) {
    if ((state & 63) == kAccept) start = i;
    state = Next(state, p[i]);
    if ((state & 63) == kStop) return start;
  }
  return (state & 63) == kAccept ? n : start;
}

// The index of the first byte of s at or after `i` (where a character
// starts) that must be escaped or replaced; s.size() when there is none.
// Eight steps of the automaton run before one test of where it is; only
// when that test fails is the block read again, a byte at a time, from the
// start of the character it began inside.  (Letting plain ASCII through a
// word at a time first, as the writer did before, saved nothing on c10.)
// Not inlined: its eight loads in flight need registers that Quoted, mostly
// on short strings, would otherwise save and restore at every call.
__attribute__((noinline)) size_t NextToEscape(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  uint64_t state = kAccept;
  size_t block = i;          // where the block being read begins
  uint64_t entry = kAccept;  // the state there
  for (; i + 8 <= n; i += 8) {
    block = i;
    entry = state;
#pragma GCC unroll 8
    for (size_t k = 0; k < 8; ++k) state = Next(state, p[i + k]);
    if ((state & 63) == kStop) break;
  }
  if ((state & 63) != kStop) {
    block = i;
    entry = state;
    for (; i < n; ++i) state = Next(state, p[i]);
    if ((state & 63) == kAccept) return n;
  }
  // A character the block began inside started at its last lead byte.
  if ((entry & 63) != kAccept) {
    while ((p[block - 1] & 0xC0) == 0x80) --block;
    --block;
  }
  return FirstStop(p, block, n);
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
