#include "pipeline/gate_core.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "util/utf8.h"

namespace solieu {
namespace {

// One item of a concatenation: an atom and the quantifier that follows it.
struct PatternItem {
  std::string_view atom, quantifier;
  bool is_group = false;
};

// Where the atom starting at `i` ends; npos when it cannot be told.
size_t AtomEnd(std::string_view p, size_t i) {
  const char c = p[i];
  if (c == '\\') {
    if (i + 1 >= p.size()) return std::string_view::npos;
    const char e = p[i + 1];
    if (e == 'Q') {
      const size_t end = p.find("\\E", i + 2);
      return end == std::string_view::npos ? p.size() : end + 2;
    }
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < p.size() && p[i + 2] == '{') {
      const size_t end = p.find('}', i + 3);
      return end == std::string_view::npos ? end : end + 1;
    }
    if ((e == 'p' || e == 'P') && i + 2 < p.size()) return i + 3;
    if (e == 'x') return std::min(p.size(), i + 4);
    return i + 1 + utf8::DecodeAt(p, i + 1).length;
  }
  if (c == '[') {
    size_t j = i + 1;
    if (j < p.size() && p[j] == '^') ++j;
    if (j < p.size() && p[j] == ']') ++j;  // a "]" first is a member
    for (; j < p.size(); ++j) {
      if (p[j] == '\\') {
        ++j;
      } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
        j = p.find(":]", j + 2);
        if (j == std::string_view::npos) return j;
        ++j;
      } else if (p[j] == ']') {
        return j + 1;
      }
    }
    return std::string_view::npos;
  }
  if (c == '(') {
    int depth = 0;
    for (size_t j = i; j < p.size(); ++j) {
      if (p[j] == '\\' || p[j] == '[') {
        j = AtomEnd(p, j);
        if (j == std::string_view::npos) return j;
        --j;
      } else if (p[j] == '(') {
        ++depth;
      } else if (p[j] == ')' && --depth == 0) {
        return j + 1;
      }
    }
    return std::string_view::npos;
  }
  return i + utf8::DecodeAt(p, i).length;
}

// Where the quantifier starting at `i` ends (i itself when there is none).
size_t QuantifierEnd(std::string_view p, size_t i) {
  size_t j = i;
  if (j < p.size() && (p[j] == '?' || p[j] == '*' || p[j] == '+')) {
    ++j;
  } else if (j < p.size() && p[j] == '{') {
    size_t k = j + 1;
    while (k < p.size() && ((p[k] >= '0' && p[k] <= '9') || p[k] == ',')) ++k;
    if (k == j + 1 || k >= p.size() || p[k] != '}') return i;  // a literal "{"
    j = k + 1;
  } else {
    return i;
  }
  if (j < p.size() && p[j] == '?') ++j;  // lazy
  return j;
}

// The items of `pattern` read as a concatenation; false when its top level
// is an alternation or holds something this reader does not know.
bool SplitConcatenation(std::string_view pattern, std::vector<PatternItem>* items) {
  items->clear();
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '|' || pattern[i] == ')') return false;
    const size_t atom_end = AtomEnd(pattern, i);
    if (atom_end == std::string_view::npos || atom_end > pattern.size()) return false;
    const std::string_view atom = pattern.substr(i, atom_end - i);
    // "(?i)" sets flags for the rest of the pattern: items cannot be moved.
    if (atom.size() > 2 && atom[0] == '(' && atom[1] == '?' && atom.find(':') == std::string_view::npos &&
        atom[2] != 'P') {
      return false;
    }
    const size_t end = QuantifierEnd(pattern, atom_end);
    items->push_back({atom, pattern.substr(atom_end, end - atom_end), atom[0] == '('});
    i = end;
  }
  return true;
}

// Whether the item can match the empty string by its quantifier alone.
bool Optional(const PatternItem& item) {
  const std::string_view q = item.quantifier;
  return !q.empty() && (q[0] == '?' || q[0] == '*' || q.substr(0, 2) == "{0");
}

// A group item: what opens it ("(?:", "(?P<num>", "(?i:") and what it
// encloses. A plain or capturing group may open up into the pattern around
// it; a flag group keeps its flags to itself.
struct Group {
  std::string_view open, contents;
  bool opens_up = false;
};

std::optional<Group> ReadGroup(const PatternItem& item) {
  if (!item.is_group) return std::nullopt;
  const std::string_view atom = item.atom;
  size_t open = 1;
  if (atom.substr(0, 4) == "(?P<") {
    open = atom.find('>') + 1;
  } else if (atom.substr(0, 2) == "(?") {
    open = atom.find(':') + 1;  // "(?:" or flags, "(?i:"
  }
  return Group{atom.substr(0, open), atom.substr(open, atom.size() - open - 1),
               open == 1 || atom.substr(0, 3) == "(?:" || atom.substr(0, 4) == "(?P<"};
}

// The branches of `pattern`'s top-level alternation (one when it has none);
// false when the pattern cannot be read.
bool SplitAlternation(std::string_view pattern, std::vector<std::string_view>* branches) {
  branches->clear();
  size_t begin = 0;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '|') {
      branches->push_back(pattern.substr(begin, i - begin));
      begin = ++i;
      continue;
    }
    const size_t end = AtomEnd(pattern, i);
    if (end == std::string_view::npos || end > pattern.size()) return false;
    i = end;
  }
  branches->push_back(pattern.substr(begin));
  return true;
}

// `item` at an end of the pattern, with only the repetitions a match must
// have there: "X+" is "X", "X{n,m}" is "X{n}", since a match with more
// repetitions contains one with fewer.
std::string MinimalItem(const PatternItem& item) {
  const std::string_view q = item.quantifier;
  const std::string atom(item.atom);
  if (q.empty() || q[0] == '+') return atom;
  if (q[0] != '{') return atom + std::string(q);
  const size_t comma = q.find(',');
  const size_t count_end = comma == std::string_view::npos ? q.find('}') : comma;
  return atom + "{" + std::string(q.substr(1, count_end - 1)) + "}";
}

std::string ReduceEnds(std::string_view pattern, bool front, bool back);

// An item of a branch being reduced: as read, and as it will be written.
struct ReducedItem {
  PatternItem item;
  std::string text;
  bool final = false;  // reduced already: `text` no longer follows `item`
};

std::vector<ReducedItem> ReadItems(const std::vector<PatternItem>& items) {
  std::vector<ReducedItem> out;
  for (const PatternItem& item : items) out.push_back({item, std::string(item.atom) + std::string(item.quantifier)});
  return out;
}

// One branch, a concatenation, reduced at its front and/or back; the texts
// of its items, or the branch whole as one item where it cannot be reduced.
std::vector<std::string> ReduceBranch(std::string_view branch, bool front, bool back) {
  std::vector<PatternItem> read;
  if (!SplitConcatenation(branch, &read)) return {std::string(branch)};
  std::vector<ReducedItem> items = ReadItems(read);
  const auto optional = [](const ReducedItem& r) { return !r.final && Optional(r.item); };
  for (bool changed = true; changed;) {
    changed = false;
    // Items that may match nothing go.
    while (front && !items.empty() && optional(items.front())) items.erase(items.begin()), changed = true;
    while (back && !items.empty() && optional(items.back())) items.pop_back(), changed = true;
    if (items.empty()) return {std::string(branch)};  // matches everywhere: kept whole
    // The item at each end keeps the repetitions a match must have; a group
    // there opens up, or has its own branches reduced at the same end.
    for (const bool at_front : {true, false}) {
      if (!(at_front ? front : back)) continue;
      const size_t k = at_front ? 0 : items.size() - 1;
      if (items[k].final) continue;
      const PatternItem item = items[k].item;
      const std::string minimal = MinimalItem(item);
      const std::optional<Group> group = ReadGroup(item);
      const bool bare = minimal.size() == item.atom.size();
      if (group && bare && group->opens_up && SplitConcatenation(group->contents, &read) && !read.empty()) {
        const std::vector<ReducedItem> opened = ReadItems(read);
        items.erase(items.begin() + k);
        items.insert(items.begin() + k, opened.begin(), opened.end());
        changed = true;
        break;
      }
      const bool both_ends = items.size() == 1 && front && back;
      // A reduced group keeps only the flags of its opening: the gate places
      // no captures.
      items[k].text = group && bare ? (group->opens_up ? std::string("(?:") : std::string(group->open)) +
                                          ReduceEnds(group->contents, at_front || both_ends,
                                                     !at_front || both_ends) +
                                          ")"
                                    : minimal;
      items[k].final = true;
      changed = true;
    }
  }
  std::vector<std::string> texts;
  for (const ReducedItem& r : items) texts.push_back(std::move(r.text));
  return texts;
}

// Whether every match of `longer` holds a match of `shorter` where the ends
// that are free allow it: at a free back end `shorter` need only begin
// `longer` ("điểm" in "điểm bán hàng"), at a free front end end it, with
// both free stand anywhere in it.
bool Subsumes(const std::vector<std::string>& shorter, const std::vector<std::string>& longer, bool front,
              bool back) {
  if (shorter.size() > longer.size()) return false;
  const size_t last_start = longer.size() - shorter.size();
  for (size_t start = 0; start <= last_start; ++start) {
    const bool placed = (start == 0 || front) && (start == last_start || back);
    if (placed && std::equal(shorter.begin(), shorter.end(), longer.begin() + start)) return true;
  }
  return false;
}

std::string ReduceEnds(std::string_view pattern, bool front, bool back) {
  std::vector<std::string_view> read;
  if (!SplitAlternation(pattern, &read)) return std::string(pattern);
  std::vector<std::vector<std::string>> branches;
  for (std::string_view branch : read) branches.push_back(ReduceBranch(branch, front, back));
  // A branch that holds another at a free end adds no match of its own:
  // "điểm bán hàng" after "điểm" at the back of a pattern.  Of two equal
  // branches, the first stays.
  std::string out;
  for (size_t i = 0; i < branches.size(); ++i) {
    bool subsumed = false;
    for (size_t j = 0; j < branches.size() && !subsumed; ++j) {
      if (j == i || (branches[j] == branches[i] && j > i)) continue;
      subsumed = Subsumes(branches[j], branches[i], front, back);
    }
    if (subsumed) continue;
    if (!out.empty()) out += '|';
    for (const std::string& item : branches[i]) out += item;
  }
  return out;
}

}  // namespace

std::string GateCore(std::string_view pattern) { return ReduceEnds(pattern, true, true); }

}  // namespace solieu
