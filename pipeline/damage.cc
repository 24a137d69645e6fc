#include "pipeline/damage.h"


namespace solieu {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

size_t DigitsFrom(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && IsAsciiDigit(text[end])) ++end;
  return end - pos;
}

// "N places (first at bytes B-E: "text")", with line breaks shown as ⏎.
std::string Where(size_t count, const OriginalSpan& first) {
  std::string shown;
  for (char c : first.text) {
    if (c == '\n') shown += "\xE2\x8F\x8E";  // ⏎
    else if (c != '\r') shown.push_back(c);
  }
  return std::to_string(count) + (count == 1 ? " place" : " places") + " (first at bytes " +
         std::to_string(first.byte_start) + "-" + std::to_string(first.byte_end) + ": \"" + shown +
         "\")";
}

}  // namespace

std::vector<std::pair<size_t, size_t>> FindSplitFigures(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> found;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    size_t sep = nl;
    while (sep > 0 && IsBlank(text[sep - 1])) --sep;
    if (sep < 2 || (text[sep - 1] != ',' && text[sep - 1] != '.') || !IsAsciiDigit(text[sep - 2])) {
      continue;
    }
    const char mark = text[sep - 1];
    size_t next = nl + 1;
    while (next < text.size() && IsBlank(text[next])) ++next;
    const size_t digits = DigitsFrom(text, next);
    // What would continue the number: a group of three after a thousands
    // dot, one to three decimals after a comma. A longer run (a year in a
    // list, "2019,⏎2020") is a number of its own.
    if (digits == 0 || (mark == '.' ? digits != 3 : digits > 3)) continue;
    size_t begin = sep - 2;
    while (begin > 0 && IsAsciiDigit(text[begin - 1])) --begin;
    found.emplace_back(begin, next + digits);
  }
  return found;
}

std::vector<std::pair<size_t, size_t>> FindSpintax(std::string_view text) {
  constexpr size_t kMaxGroup = 300;
  std::vector<std::pair<size_t, size_t>> found;
  for (size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    size_t bars = 0;
    bool letters = false, alternative_empty = true, broken = false;
    size_t i = open + 1;
    for (; i < text.size() && i - open < kMaxGroup; ++i) {
      const char c = text[i];
      if (c == '}' || c == '{' || c == '\n') break;
      if (c == '|') {
        broken |= alternative_empty;
        alternative_empty = true;
        ++bars;
        continue;
      }
      if (c != ' ') alternative_empty = false;
      if (static_cast<unsigned char>(c) >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        letters = true;
      }
    }
    if (i < text.size() && text[i] == '}' && bars > 0 && letters && !broken && !alternative_empty) {
      found.emplace_back(open, i + 1);
      open = i;
    }
  }
  return found;
}

void ReportDamage(const DamageInput& in, std::vector<std::string>* warnings) {
  if (const auto split = FindSplitFigures(in.text); !split.empty()) {
    warnings->push_back("a figure may be split by a line break, read as two numbers: " +
                        Where(split.size(), in.locate(split[0].first, split[0].second)));
  }
  if (const auto spun = FindSpintax(in.text); !spun.empty()) {
    warnings->push_back("spun text, its wording (and figures) may be generated: spintax in " +
                        Where(spun.size(), in.locate(spun[0].first, spun[0].second)));
  }
  if (in.styled > 0) {
    warnings->push_back("styled letters or digits (small capitals, mathematical, full-width) read "
                        "as plain ones: " + std::to_string(in.styled));
  }
}

}  // namespace solieu
