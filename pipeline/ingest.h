// Ingest: bytes as they come -> UTF-8 text with a map back to those bytes.
//
// Recognized: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (and without,
// when the zero bytes make it plain), Windows-1258 when the bytes are not
// UTF-8 and read as Vietnamese in it. Invalid bytes never stop a document:
// each maximal invalid sequence becomes U+FFFD and the document gets a
// warning; offsets still point at the original bytes.
//
// Binary data (NUL bytes in text that is not UTF-16) is refused with a
// Corrupt status: it is not a document.
//
// Thread safety: Decode is reentrant; it keeps no state between calls.
#ifndef SOLIEU_PIPELINE_INGEST_H_
#define SOLIEU_PIPELINE_INGEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/offset_map.h"
#include "util/status.h"

namespace solieu {

struct Decoded {
  // UTF-8 text. Points into the input when the input was valid UTF-8 without
  // a BOM (no copy), else into `storage`. Valid only while both live.
  std::string_view text;
  std::string storage;
  std::string encoding;     // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258"
  double confidence = 1.0;  // how sure the detection is, in [0, 1]
  OffsetMap to_input;       // text bytes -> input bytes
  std::vector<std::string> warnings;
};

struct DecodeOptions {
  // Empty: detect. Otherwise one of the names Decoded::encoding reports.
  std::string encoding;
};

// Decodes `input` into `out`, reusing its buffers.  On error `out` is
// unspecified.  REQUIRES: input.size() < 2^31 (ICU indexes with int32_t).
Status Decode(std::string_view input, const DecodeOptions& options, Decoded* out);

// True when `name` is an encoding Decode can be forced to.
bool IsKnownEncoding(std::string_view name);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_INGEST_H_
