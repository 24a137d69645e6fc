// Normalize: decoded text -> the text rules match against, with a map back.
//
// Three passes, each skipped when a scan shows it has nothing to do (most
// input needs none of them, and then the normalized text is the decoded text
// itself, with no copy):
//   1. characters: HTML entities decoded; dashes (U+2010-U+2015, U+2212, ...)
//      to "-"; no-break and other spaces to " "; zero-width characters and
//      soft hyphens removed; U+00D0 and other look-alikes to Đ/đ; smart quotes
//      to ASCII; styled digits and letters (full-width, mathematical, small
//      capitals "ᴛɪɴ") to ASCII;
//   2. NFC, with ICU (checked first: text whose characters NFC never changes
//      is left alone without asking ICU, then isNormalizedUTF8);
//   3. tone marks in one style: the "old" placement (hòa, khỏe, ủy), so that
//      rule files and text agree whichever style a writer used.
// Every pass records an OffsetMap; a span of the normalized text maps back
// to the decoded text with DecodedStart/DecodedEnd.
//
// Thread safety: a Normalizer is immutable after Create and may be shared;
// each thread uses its own Normalized.
#ifndef SOLIEU_PIPELINE_NORMALIZE_H_
#define SOLIEU_PIPELINE_NORMALIZE_H_

#include <unicode/normalizer2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/offset_map.h"
#include "util/status.h"

namespace solieu {

struct Normalized {
  std::string_view text;  // into the decoded text or one of the buffers below
  size_t styled = 0;      // styled letters and digits read as plain ones (pass 1)

  size_t DecodedStart(size_t pos) const {
    return chars_map.SourceStart(nfc_map.SourceStart(tone_map.SourceStart(pos)));
  }
  size_t DecodedEnd(size_t pos) const {
    return chars_map.SourceEnd(nfc_map.SourceEnd(tone_map.SourceEnd(pos)));
  }

  // Per-pass work areas, kept to be reused for the next document.
  OffsetMap chars_map, nfc_map, tone_map;
  std::string chars_buffer, nfc_buffer, tone_buffer;
};

class Normalizer {
 public:
  static Result<std::unique_ptr<Normalizer>> Create();

  // REQUIRES: `decoded` is valid UTF-8 and outlives out->text.
  void Normalize(std::string_view decoded, Normalized* out) const;

  // The normalized form of a string, for look-ups.
  std::string NormalizeString(std::string_view text) const;

  // Only passes 2 and 3 (NFC, tone placement), for rule patterns and word
  // lists, whose "&", dashes and quotes are syntax rather than text.
  std::string CanonicalizeLetters(std::string_view text) const;

 private:
  explicit Normalizer(const icu::Normalizer2* nfc) : nfc_(nfc) {}
  const icu::Normalizer2* nfc_;  // ICU's singleton, not owned
  // Bit c of word c / 64: U+c is NFC whatever surrounds it (NFC_Quick_Check
  // Yes, combining class 0), for the code points below 64 * size(): text
  // made of them alone is NFC without asking ICU, which takes longer.
  std::vector<uint64_t> stable_;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_NORMALIZE_H_
