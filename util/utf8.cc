#include "util/utf8.h"


namespace solieu::utf8 {

Decoded DecodeAt(std::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const size_t avail = s.size() - pos;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {b0, 1, true};
  size_t need;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {kReplacement, 1, false};
  }
  for (size_t i = 1; i <= need; ++i) {
    if (i >= avail) return {kReplacement, static_cast<uint8_t>(i), false};
    const unsigned char b = p[i];
    const unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) return {kReplacement, static_cast<uint8_t>(i), false};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, static_cast<uint8_t>(need + 1), true};
}

char32_t DecodeBefore(std::string_view s, size_t pos) {
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 &&
         (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  Decoded d = DecodeAt(s, start);
  return d.valid && start + d.length == pos ? d.cp : kReplacement;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The length of the valid sequence that starts with the lead byte p[0] (at
// least 0x80), `avail` bytes being left, or 0 when it is invalid.  Only
// validates: no code point is assembled.
size_t ValidSequenceLength(const unsigned char* p, size_t avail) {
  const unsigned char b0 = p[0];
  if (b0 < 0xC2) return 0;  // a continuation byte, or an overlong C0/C1 lead
  if (b0 < 0xE0) return avail >= 2 && IsContinuation(p[1]) ? 2 : 0;
  if (b0 < 0xF0) {
    // E0 must not be overlong, ED must not encode a surrogate.
    const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    return avail >= 3 && p[1] >= lo && p[1] <= hi && IsContinuation(p[2]) ? 3 : 0;
  }
  if (b0 > 0xF4) return 0;
  // F0 must not be overlong, F4 must not pass U+10FFFF.
  const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
  return avail >= 4 && p[1] >= lo && p[1] <= hi && IsContinuation(p[2]) && IsContinuation(p[3]) ? 4
                                                                                                : 0;
}

}  // namespace

size_t FirstInvalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = SkipAscii(s, 0); i < s.size(); i = SkipAscii(s, i)) {
    const size_t length = ValidSequenceLength(p + i, s.size() - i);
    if (length == 0) return i;
    i += length;
  }
  return s.size();
}

size_t CountCodePoints(std::string_view s) {
  // Counts continuation bytes (10xxxxxx) eight at a time, one counter per
  // byte lane, summed before a lane can overflow.
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const size_t n = s.size();
  size_t continuation = 0, i = 0;
  while (i + 8 <= n) {
    uint64_t lanes = 0;
    for (int k = 0; k < 255 && i + 8 <= n; ++k, i += 8) {
      uint64_t w;
      __builtin_memcpy(&w, s.data() + i, 8);
      lanes += (w & ~(w << 1) & kHigh) >> 7;
    }
    // Pairs of lanes into 16 bits, so that the sum of all eight fits.
    constexpr uint64_t kEven = 0x00FF00FF00FF00FFULL;
    const uint64_t pairs = (lanes & kEven) + ((lanes >> 8) & kEven);
    continuation += (pairs * 0x0001000100010001ULL) >> 48;
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return n - continuation;
}

}  // namespace solieu::utf8
