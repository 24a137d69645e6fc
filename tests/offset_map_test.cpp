#include "util/offset_map.h"

#include <doctest/doctest.h>

#include <random>
#include <vector>

namespace solieu {
namespace {

// A brute-force model of an OffsetMap: the list of pieces, each an unchanged
// run or a replaced block, answered by walking every derived byte.
struct Piece {
  bool unchanged;
  size_t source_length, derived_length;
};

struct Model {
  std::vector<Piece> pieces;

  size_t DerivedLength() const {
    size_t n = 0;
    for (const Piece& p : pieces) n += p.derived_length;
    return n;
  }
  size_t SourceLength() const {
    size_t n = 0;
    for (const Piece& p : pieces) n += p.source_length;
    return n;
  }

  // Where derived byte `pos` comes from: the source position of that byte
  // (unchanged run) or the start of its whole block (replaced). A span
  // starting at the end starts at the end of the source.
  size_t Start(size_t pos) const {
    size_t s = 0, d = 0;
    for (const Piece& p : pieces) {
      if (pos < d + p.derived_length) return p.unchanged ? s + (pos - d) : s;
      s += p.source_length;
      d += p.derived_length;
    }
    return s;
  }

  // Where a span ending at `pos` ends: just after the source of derived byte
  // pos - 1 (its whole block when replaced); 0 for an empty prefix.
  size_t End(size_t pos) const {
    if (pos == 0) return 0;
    size_t s = 0, d = 0;
    for (const Piece& p : pieces) {
      if (pos - 1 < d + p.derived_length) {
        return p.unchanged ? s + (pos - d) : s + p.source_length;
      }
      s += p.source_length;
      d += p.derived_length;
    }
    return s;
  }
};

TEST_CASE("an empty map is the identity") {
  OffsetMap map;
  CHECK(map.identity());
  for (size_t pos : {size_t{0}, size_t{1}, size_t{7}, size_t{1000000}}) {
    CHECK(map.SourceStart(pos) == pos);
    CHECK(map.SourceEnd(pos) == pos);
  }
  // Unchanged runs alone record no change: still the identity.
  map.AddUnchanged(5);
  map.AddUnchanged(3);
  map.AddReplace(0, 0);
  CHECK(map.identity());
  CHECK(map.SourceStart(6) == 6);
  CHECK(map.SourceEnd(8) == 8);
}

TEST_CASE("a replacement maps whole and shifts what follows") {
  // Source "ab&amp;cd" (9 bytes) -> derived "ab&cd" (5 bytes).
  OffsetMap map;
  map.AddUnchanged(2);
  map.AddReplace(5, 1);
  map.AddUnchanged(2);
  CHECK_FALSE(map.identity());
  // Before the change: unchanged.
  CHECK(map.SourceStart(0) == 0);
  CHECK(map.SourceStart(1) == 1);
  CHECK(map.SourceEnd(1) == 1);
  CHECK(map.SourceEnd(2) == 2);
  // The "&" maps to the whole "&amp;".
  CHECK(map.SourceStart(2) == 2);
  CHECK(map.SourceEnd(3) == 7);
  // After: shifted by 4.
  CHECK(map.SourceStart(3) == 7);
  CHECK(map.SourceStart(4) == 8);
  CHECK(map.SourceEnd(4) == 8);
  CHECK(map.SourceEnd(5) == 9);
  CHECK(map.SourceStart(5) == 9);
}

TEST_CASE("a growing replacement: spans inside it widen to the whole block") {
  // A block that grows: "x" + 2 bytes + "abc" -> "x" + 4 bytes + "abc".
  OffsetMap map;
  map.AddUnchanged(1);
  map.AddReplace(2, 4);  // derived [1,5) <- source [1,3)
  map.AddUnchanged(3);   // derived [5,8) <- source [3,6)
  // Every span starting inside the block starts at the block (floor).
  for (size_t p = 1; p < 5; ++p) CHECK(map.SourceStart(p) == 1);
  // Every span ending inside the block or at its end ends after it (ceiling).
  for (size_t p = 2; p <= 5; ++p) CHECK(map.SourceEnd(p) == 3);
  CHECK(map.SourceEnd(1) == 1);
  CHECK(map.SourceStart(5) == 3);
  CHECK(map.SourceStart(7) == 5);
  CHECK(map.SourceEnd(8) == 6);
}

TEST_CASE("equal-length replacements are still whole blocks") {
  // "hoà" -> "hòa": the 3 bytes "oà" become the 3 bytes "òa".
  OffsetMap map;
  map.AddUnchanged(1);
  map.AddReplace(3, 3);
  CHECK_FALSE(map.identity());
  CHECK(map.SourceStart(2) == 1);  // inside "ò": back to the "o"
  CHECK(map.SourceEnd(3) == 4);    // after "ò": through the "à"
  CHECK(map.SourceEnd(2) == 4);
  CHECK(map.SourceStart(4) == 4);
}

TEST_CASE("deletions: zero-length derived blocks are left out of spans") {
  // Source "a<ZWSP>b" (1 + 3 + 1) -> derived "ab".
  OffsetMap map;
  map.AddUnchanged(1);
  map.AddReplace(3, 0);
  map.AddUnchanged(1);
  CHECK_FALSE(map.identity());
  // "a" is [0,1) in both.
  CHECK(map.SourceStart(0) == 0);
  CHECK(map.SourceEnd(1) == 1);
  // "b" is [1,2) derived, [4,5) source: the deleted bytes belong to neither.
  CHECK(map.SourceStart(1) == 4);
  CHECK(map.SourceEnd(2) == 5);
  // "ab" covers the deleted bytes.
  CHECK(map.SourceStart(0) == 0);
  CHECK(map.SourceEnd(2) == 5);
}

TEST_CASE("deletions at the start and at the end") {
  // A 3-byte BOM dropped, "abc" kept, then 2 trailing bytes dropped.
  OffsetMap map;
  map.AddReplace(3, 0);
  map.AddUnchanged(3);
  map.AddReplace(2, 0);
  CHECK(map.SourceStart(0) == 3);  // the text starts after the BOM
  CHECK(map.SourceEnd(0) == 0);
  CHECK(map.SourceStart(1) == 4);
  CHECK(map.SourceEnd(3) == 6);  // the trailing deletion is not part of "abc"
  CHECK(map.SourceStart(3) == 8);
}

TEST_CASE("consecutive deletions and a replacement at the same position") {
  OffsetMap map;
  map.AddUnchanged(2);
  map.AddReplace(1, 0);  // derived 2
  map.AddReplace(2, 0);  // derived 2
  map.AddReplace(3, 1);  // derived [2,3) <- source [5,8)
  map.AddUnchanged(1);
  CHECK(map.SourceEnd(2) == 2);    // a span ending before the deletions
  CHECK(map.SourceStart(2) == 5);  // a span starting at the replacement
  CHECK(map.SourceEnd(3) == 8);
  CHECK(map.SourceStart(3) == 8);
  CHECK(map.SourceEnd(4) == 9);
}

TEST_CASE("insertions: derived bytes with no source") {
  // Source "ab" -> derived "a--b": two bytes inserted at source position 1.
  OffsetMap map;
  map.AddUnchanged(1);
  map.AddReplace(0, 2);
  map.AddUnchanged(1);
  CHECK(map.SourceStart(1) == 1);
  CHECK(map.SourceStart(2) == 1);
  CHECK(map.SourceEnd(2) == 1);
  CHECK(map.SourceEnd(3) == 1);
  // A span of only inserted bytes maps to an empty source span.
  CHECK(map.SourceStart(1) == map.SourceEnd(3));
  // "b" is [3,4) derived, [1,2) source.
  CHECK(map.SourceStart(3) == 1);
  CHECK(map.SourceEnd(4) == 2);
}

TEST_CASE("Clear makes the identity again") {
  OffsetMap map;
  map.AddUnchanged(1);
  map.AddReplace(4, 1);
  CHECK(map.SourceEnd(2) == 5);
  map.Clear();
  CHECK(map.identity());
  map.AddReplace(2, 1);
  // Positions restart at 0 after Clear.
  CHECK(map.SourceStart(0) == 0);
  CHECK(map.SourceEnd(1) == 2);
  CHECK(map.SourceStart(1) == 2);
}

TEST_CASE("randomized: OffsetMap agrees with a brute-force model") {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 2000; ++round) {
    OffsetMap map;
    Model model;
    const int pieces = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int k = 0; k < pieces; ++k) {
      if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
        const size_t n = std::uniform_int_distribution<size_t>(1, 6)(rng);
        map.AddUnchanged(n);
        model.pieces.push_back({true, n, n});
      } else {
        const size_t s = std::uniform_int_distribution<size_t>(0, 5)(rng);
        const size_t d = std::uniform_int_distribution<size_t>(0, 5)(rng);
        map.AddReplace(s, d);
        if (s != 0 || d != 0) model.pieces.push_back({false, s, d});
      }
    }
    bool any_change = false;
    for (const Piece& p : model.pieces) any_change |= !p.unchanged;
    CHECK(map.identity() == !any_change);

    const size_t derived = model.DerivedLength(), source = model.SourceLength();
    for (size_t pos = 0; pos <= derived; ++pos) {
      INFO("round " << round << " pos " << pos);
      REQUIRE(map.SourceStart(pos) == model.Start(pos));
      REQUIRE(map.SourceEnd(pos) == model.End(pos));
      CHECK(map.SourceStart(pos) <= source);
      CHECK(map.SourceEnd(pos) <= source);
    }
    // A span reaching the end stops before trailing deletions.
    size_t trailing_deleted = 0;
    for (auto it = model.pieces.rbegin(); it != model.pieces.rend(); ++it) {
      if (it->unchanged || it->derived_length != 0) break;
      trailing_deleted += it->source_length;
    }
    if (derived > 0) CHECK(map.SourceEnd(derived) == source - trailing_deleted);
    // Monotone, and a non-empty span never maps to a reversed one.
    for (size_t a = 0; a < derived; ++a) {
      CHECK(map.SourceStart(a) <= map.SourceStart(a + 1));
      CHECK(map.SourceEnd(a) <= map.SourceEnd(a + 1));
      for (size_t b = a + 1; b <= derived; ++b) {
        REQUIRE(map.SourceStart(a) <= map.SourceEnd(b));
      }
    }
  }
}

}  // namespace
}  // namespace solieu
