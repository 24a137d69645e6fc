// Ingest: bytes as they come -> UTF-8 text with a map back to those bytes.
//
// Recognized encodings (the names Decoded::encoding reports):
//   utf-8, utf-8-bom   UTF-8, with or without a byte order mark;
//   utf-16le/-16be     with a BOM, or without one when the zero bytes make it
//                      plain;
//   windows-1258       cp1258 (ICU; letters come out partly decomposed);
//   tcvn3, vni         the 8-bit font encodings TCVN3 (ABC) and VNI-Windows;
//   viqr               ASCII mnemonics: "Vie^.t Nam", "ddo^`ng";
//   utf-8-double       UTF-8 read as Windows-1252 and saved as UTF-8 again
//                      ("Ä‘áº£ng" for "đảng"), repaired by mapping the text
//                      back to cp1252 bytes and reading those as UTF-8.
// tcvn3, vni, viqr and utf-8-double need DecodeOptions::legacy
// (pipeline/legacy.h); without it they are neither detected nor accepted
// when forced, and font residue is not repaired.
//
// Detection: valid UTF-8 stays UTF-8 (confidence 1) unless all of its
// non-ASCII text maps back to cp1252 bytes that are UTF-8 again
// (utf-8-double; a U+FFFD for a byte cp1252 leaves undefined is rebuilt when
// one choice makes its word a syllable), or it has no Vietnamese letter and
// at least a quarter of its words are VIQR spellings of syllables with a
// mark English does not put at a word's end ("Vie^.t", "ddo^`ng"; "So?" and
// "Me." are no evidence) (viqr).  Input that is not UTF-8 is decoded as
// windows-1258, tcvn3 and vni (its first 64 KiB), and the reading with the
// largest share of valid Vietnamese syllables (IsVietnameseSyllable) among
// its words with non-ASCII letters wins; below half, the input is read as
// UTF-8 with replacements (confidence 0.5).  The confidence of a legacy
// reading is its share, discounted when the runner-up is close or the
// evidence is a handful of words.
//
// Font residue: Unicode text (utf-8, utf-16) with TCVN3 bytes shown through
// Windows-1252 inside it ("Ngμ", "ngμnh", "®−îc", "tr−ờng", "D©n sè") is
// repaired word by word in Decoded::repaired, the text the rules read, while
// Decoded::text stays the faithful decoding of the input (so an entity's text
// is still its original bytes).  Only lines with a character that is no
// Vietnamese letter but a TCVN3 letter byte through cp1252 (or μ U+03BC for
// µ, − U+2212 for the soft hyphen) are looked at.  There a word is repaired
// when the repair is unambiguous: it holds such a character and mapping
// gives one valid syllable ("Q§" -> "QĐ" in an abbreviation too; "Ðảng" is
// a look-alike of Đ, left to normalization); or it is not a valid syllable
// and becomes one; or it is next to a repaired word on a line with no
// Unicode-only Vietnamese letters ("sè" in "D©n sè vµ").  Words that keep
// such characters are counted in a warning with the first position, when
// the document had repairs or a symbol sits between letters ("naïve",
// "5 µg" alone are foreign, not residue).
//
// Every character of the text maps to the input bytes it came from
// (Decoded::to_input): 1 or 2 bytes for tcvn3 and vni, 1 to 3 for viqr, for
// utf-8-double the bytes of the 2 to 4 characters it was rebuilt from.
// Invalid bytes never stop a document: each maximal invalid sequence becomes
// U+FFFD and the document gets a warning; offsets still point at the
// original bytes.
//
// Binary data (NUL bytes in text that is not UTF-16) is refused with a
// Corrupt status: it is not a document.
//
// Thread safety: Decode is reentrant; it keeps no state between calls.
#ifndef SOLIEU_PIPELINE_INGEST_H_
#define SOLIEU_PIPELINE_INGEST_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/offset_map.h"
#include "util/status.h"

namespace solieu {

class LegacyTables;

struct Decoded {
  // UTF-8 text. Points into the input when the input was valid UTF-8 without
  // a BOM (no copy), else into `storage`. Valid only while both live.
  std::string_view text;
  std::string storage;
  std::string encoding;     // one of the names above
  double confidence = 1.0;  // how sure the detection is, in [0, 1]
  OffsetMap to_input;       // text bytes -> input bytes
  std::vector<std::string> warnings;

  // The text the rules read: `text` with font residue repaired, and a map
  // from it back to `text`.  Without repairs, `text` itself and an identity
  // map.  Points into `text`'s buffers or `repaired_storage`.
  std::string_view repaired;
  std::string repaired_storage;
  OffsetMap repaired_to_text;
};

struct DecodeOptions {
  // Empty: detect. Otherwise one of the names Decoded::encoding reports.
  std::string encoding;
  // The tables of tcvn3, vni and viqr, and of font residue repair; null:
  // none of these (LegacyTables::Load(<rules_dir>/encodings) makes them).
  std::shared_ptr<const LegacyTables> legacy;
};

// Decodes `input` into `out`, reusing its buffers.  On error `out` is
// unspecified.  REQUIRES: input.size() < 2^31 (ICU indexes with int32_t).
Status Decode(std::string_view input, const DecodeOptions& options, Decoded* out);

// True when `name` is an encoding Decode can be forced to (tcvn3, vni,
// viqr and utf-8-double also need DecodeOptions::legacy).
bool IsKnownEncoding(std::string_view name);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_INGEST_H_
