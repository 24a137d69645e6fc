// OffsetMap: where each byte of a derived text came from in its source text.
//
// A stage that rewrites text (decoding, normalization, entity decoding) records
// its work as a sequence of "unchanged" runs and "replaced" blocks, like
// icu::Edits. Spans found in the derived text are mapped back with
// SourceStart/SourceEnd, which widen a span to cover whole replaced blocks:
// a span never cuts a source character or an HTML entity in half.
//
// An empty map is the identity, the common case (valid NFC UTF-8 input),
// and costs nothing to query.
//
// Thread safety: const methods may be called concurrently.
#ifndef SOLIEU_UTIL_OFFSET_MAP_H_
#define SOLIEU_UTIL_OFFSET_MAP_H_

#include <cstddef>
#include <vector>

namespace solieu {

class OffsetMap {
 public:
  // Builders: describe the derived text from its start, in order.
  void AddUnchanged(size_t length);
  void AddReplace(size_t source_length, size_t derived_length);
  void Clear();

  bool identity() const { return changes_.empty(); }

  // REQUIRES: derived_pos <= derived length described so far.
  // The source position where a span starting at derived_pos starts.
  size_t SourceStart(size_t derived_pos) const;
  // The source position where a span ending at derived_pos ends.
  size_t SourceEnd(size_t derived_pos) const;

 private:
  struct Change {
    size_t source, derived, source_length, derived_length;
  };
  std::vector<Change> changes_;
  size_t source_pos_ = 0;
  size_t derived_pos_ = 0;
};

}  // namespace solieu

#endif  // SOLIEU_UTIL_OFFSET_MAP_H_
