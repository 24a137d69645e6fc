// The plain data that flows between stages. No behaviour lives here.
#ifndef SOLIEU_PIPELINE_TYPES_H_
#define SOLIEU_PIPELINE_TYPES_H_

#include <cstddef>
#include <functional>
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
  bool duplicate = false;  // its paragraph repeats an earlier one
};

struct Paragraph {
  size_t begin = 0, end = 0;
  SegmentKind kind = SegmentKind::kBody;
  // The earlier paragraph this one repeats word for word (pages often carry a
  // lead twice, archives a paragraph pasted twice), or -1.
  int duplicate_of = -1;
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
  bool duplicate = false;  // in a paragraph that repeats an earlier one

  // In the original input:
  std::string text;                     // the decoded original substring
  size_t byte_start = 0, byte_end = 0;  // bytes of the input
  size_t start = 0, end = 0;            // code points of the decoded text
};

// Where a span of the normalized text lies in the original input.
struct OriginalSpan {
  std::string text;
  size_t byte_start = 0, byte_end = 0;
};
using LocateFn = std::function<OriginalSpan(size_t begin, size_t end)>;

// The place or organization a figure belongs to: "huyện Kon Rẫy", "Việt Nam".
struct Scope {
  std::string name;    // level word in lower case, then the name; empty: none known
  std::string level;   // "tỉnh", "huyện", "xã", ..., "quốc gia"; empty for an organization
  std::string source;  // "sentence", "paragraph", "document", "outlet"
};

// A time a figure refers to, as an ANNOTATION.md norm.
struct TimeRef {
  std::string norm;       // empty: none known
  std::string completed;  // norm with XXXX filled from the publication date, when it had XXXX
  std::string source;     // "clause", "sentence", "context", "document"
};

// One reported figure with what makes it comparable across documents
// (../shared/eval/INDICATORS.md).
struct Indicator {
  int entity = -1;  // index into Record::entities
  std::string measure;
  std::string role;  // level, flow, change, attainment, target, share
  Scope scope;
  TimeRef period;
  std::string baseline;            // "so với cùng kỳ năm 2022"
  int target = -1;                 // index into Record::indicators of the figure it qualifies
  std::vector<std::string> refs;   // norms of docrefs in the same sentence
  // Evidence: the sentence, located in the input like an entity.
  std::string evidence;
  size_t evidence_start = 0, evidence_end = 0;  // bytes of the input
};

// What the document itself says about where it comes from.
struct DocumentMeta {
  std::string url;
  std::string title;
  std::string published;       // a date norm
  std::string published_from;  // "input", "chrome", "marker", "text"
  std::string source;          // "Nguồn: ..."
  std::string byline;
  std::vector<std::string> captions;
  Scope scope;                 // the document's main place or organization
};

// Metadata given with a document (--jsonl-in fields) rather than found in it.
struct InputMeta {
  std::string url, title, published;
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
  DocumentMeta meta;
  std::vector<Indicator> indicators;
};

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_TYPES_H_
