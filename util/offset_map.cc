#include "util/offset_map.h"

#include <algorithm>

namespace solieu {

void OffsetMap::AddUnchanged(size_t length) {
  source_pos_ += length;
  derived_pos_ += length;
}

void OffsetMap::AddReplace(size_t source_length, size_t derived_length) {
  if (source_length == derived_length && source_length == 0) return;
  changes_.push_back({source_pos_, derived_pos_, source_length, derived_length});
  source_pos_ += source_length;
  derived_pos_ += derived_length;
}

void OffsetMap::Clear() {
  changes_.clear();
  source_pos_ = derived_pos_ = 0;
}

size_t OffsetMap::SourceStart(size_t pos) const {
  // The last change that begins at or before pos.
  auto it = std::upper_bound(changes_.begin(), changes_.end(), pos,
                             [](size_t p, const Change& c) { return p < c.derived; });
  if (it == changes_.begin()) return pos;
  const Change& c = *(it - 1);
  if (pos < c.derived + c.derived_length) return c.source;
  return c.source + c.source_length + (pos - c.derived - c.derived_length);
}

size_t OffsetMap::SourceEnd(size_t pos) const {
  // The last change that begins strictly before pos.
  auto it = std::lower_bound(changes_.begin(), changes_.end(), pos,
                             [](const Change& c, size_t p) { return c.derived < p; });
  if (it == changes_.begin()) return pos;
  const Change& c = *(it - 1);
  if (pos <= c.derived + c.derived_length) return c.source + c.source_length;
  return c.source + c.source_length + (pos - c.derived - c.derived_length);
}

}  // namespace solieu
