// The plain data that flows between stages. No behaviour lives here.
#ifndef SOLIEU_PIPELINE_TYPES_H_
#define SOLIEU_PIPELINE_TYPES_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace solieu {

// One typed field of an entity's `value`. Numbers keep their exact decimal
// spelling ("17443900000000", "74.4") and are written as JSON numbers.
struct Field {
  enum class Kind { kString, kNumber, kBool, kNull };
  std::string key;
  Kind kind = Kind::kString;
  std::string text;  // the string, the number literal, or "true"/"false"
};
using Fields = std::vector<Field>;

inline Field StringField(std::string key, std::string value) {
  return {std::move(key), Field::Kind::kString, std::move(value)};
}
inline Field NumberField(std::string key, std::string literal) {
  return {std::move(key), Field::Kind::kNumber, std::move(literal)};
}
inline Field BoolField(std::string key, bool value) {
  return {std::move(key), Field::Kind::kBool, value ? "true" : "false"};
}

// What a segment of a document is, for extraction and for linking.
enum class SegmentKind { kTitle, kLead, kBody, kCaption, kByline, kSource, kChrome, kMeta };
const char* SegmentKindName(SegmentKind kind);

// A sentence of the normalized text: bytes [begin, end).
struct Sentence {
  size_t begin = 0, end = 0;
  int paragraph = 0;
  SegmentKind kind = SegmentKind::kBody;
};

struct Paragraph {
  size_t begin = 0, end = 0;
  SegmentKind kind = SegmentKind::kBody;
};

// An extracted entity. Positions are filled in two steps: extraction sets
// [match_begin, match_end) in the normalized text; the pipeline then locates
// the entity in the original input.
struct Entity {
  std::string type;
  std::string norm;
  Fields value;
  std::string rule;
  int sentence = -1;
  size_t match_begin = 0, match_end = 0;  // bytes of the normalized text

  // In the original input:
  std::string text;                     // the decoded original substring
  size_t byte_start = 0, byte_end = 0;  // bytes of the input
  size_t start = 0, end = 0;            // code points of the decoded text
};

// Everything the tool reports about one input document.
struct Record {
  std::string doc;       // path, "-" or the --jsonl-in id
  std::string error;     // non-empty: the document could not be processed
  std::string encoding;
  double confidence = 1.0;
  size_t chars = 0;
  std::vector<Entity> entities;
  std::vector<std::string> warnings;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_TYPES_H_
