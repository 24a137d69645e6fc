#include "pipeline/placement.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <unicode/uchar.h>

#include <algorithm>
#include <tuple>

#include "util/text.h"
#include "util/utf8.h"

namespace solieu {
namespace {

// RE2's \s: PCRE2's also holds the vertical tab.
constexpr std::string_view kSpaceClassBody = "\\t\\n\\f\\r ";

// Copies RE2's own braces after "\p", "\P" or "\x" ("\p{Lu}", "\x{1EF9}")
// from `pattern[i]`, the letter; returns the index of the last byte copied.
size_t CopyBraces(std::string_view pattern, size_t i, std::string* out) {
  if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
    const size_t close = pattern.find('}', i);
    if (close != std::string_view::npos) {
      out->append(pattern.substr(i + 1, close - i));
      return close;
    }
  }
  return i;
}

struct TrieNode {
  // The ways on, in RE2's order: a character and its node, or ("", -1)
  // where an entry ends.
  std::vector<std::pair<std::string, int>> ways;
};

void AppendTrieBranch(const std::vector<TrieNode>& trie, int node_index, std::string* out);

void AppendAlternatives(const std::vector<TrieNode>& trie, int node_index, std::string* out) {
  const auto& ways = trie[node_index].ways;
  for (size_t i = 0; i < ways.size(); ++i) {
    if (i > 0) out->push_back('|');
    const auto& [step, next] = ways[i];
    if (next < 0) continue;
    if (step == " ") {
      out->append("\\s+");
    } else {
      out->append(RE2::QuoteMeta(re2::StringPiece(step.data(), step.size())));
    }
    AppendTrieBranch(trie, next, out);
  }
}

void AppendTrieBranch(const std::vector<TrieNode>& trie, int node_index, std::string* out) {
  const auto& ways = trie[node_index].ways;
  if (ways.size() == 1) {
    AppendAlternatives(trie, node_index, out);
    return;
  }
  out->append("(?:");
  AppendAlternatives(trie, node_index, out);
  out->push_back(')');
}

// Adds `text` to the trie, each way appended where it first shows.
void AddToTrie(std::string_view text, std::vector<TrieNode>* trie) {
  int node = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t length = std::max<size_t>(1, utf8::DecodeAt(text, i).length);
    const std::string step(text.substr(i, length));
    i += length;
    auto& ways = (*trie)[node].ways;
    auto it = std::find_if(ways.begin(), ways.end(), [&](const auto& way) { return way.first == step; });
    if (it != ways.end()) {
      node = it->second;
      continue;
    }
    const int next = static_cast<int>(trie->size());
    ways.emplace_back(step, next);
    trie->emplace_back();
    node = next;
  }
  auto& ways = (*trie)[node].ways;
  if (std::none_of(ways.begin(), ways.end(), [](const auto& way) { return way.second < 0; })) {
    ways.emplace_back("", -1);
  }
}

int PcreCallout(pcre2_callout_block* block, void* data) {
  // Zero goes on (the match ends here); a positive value backtracks.
  return block->current_position == *static_cast<const size_t*>(data) ? 0 : 1;
}

}  // namespace

Result<std::string> ToPcreSyntax(std::string_view pattern, bool* looks_past_end) {
  *looks_past_end = false;
  std::string out;
  out.reserve(pattern.size() + pattern.size() / 8);
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 >= pattern.size()) return Status::InvalidArgument("a trailing backslash");
      const char next = pattern[++i];
      switch (next) {
        case 's':
          if (in_class) {
            out.append(kSpaceClassBody);
          } else {
            out.append("[").append(kSpaceClassBody).append("]");
          }
          continue;
        case 'S':
          if (in_class) return Status::InvalidArgument("\\S inside a class");
          out.append("[^").append(kSpaceClassBody).append("]");
          continue;
        case 'v':
          out.append("\\x0B");
          continue;
        case 'b':
        case 'B':
        case 'z':
          if (!in_class) *looks_past_end = true;
          break;
        case 'Q': {
          // Quoted text is the same in both.
          const size_t close = pattern.find("\\E", i + 1);
          const size_t stop = close == std::string_view::npos ? pattern.size() : close + 2;
          out.append(pattern.substr(i - 1, stop - (i - 1)));
          i = stop - 1;
          continue;
        }
        default:
          if (next >= '0' && next <= '9') {
            return Status::InvalidArgument("\\" + std::string(1, next) + " reads differently");
          }
          break;
      }
      out.push_back('\\');
      out.push_back(next);
      if (next == 'p' || next == 'P' || next == 'x') i = CopyBraces(pattern, i, &out);
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
        const size_t close = pattern.find(":]", i);
        if (close == std::string_view::npos) return Status::InvalidArgument("an open [:class:]");
        out.append(pattern.substr(i, close + 2 - i));
        i = close + 1;
        continue;
      }
      if (c == ']') in_class = false;
      out.push_back(c);
      continue;
    }
    switch (c) {
      case '[':
        in_class = true;
        out.push_back('[');
        if (i + 1 < pattern.size() && pattern[i + 1] == '^') out.push_back(pattern[++i]);
        // A ']' first in a class is a member in both; PCRE2 is spared the doubt.
        if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
          out.append("\\]");
          ++i;
        }
        break;
      case '^':
        out.append("\\A");
        break;
      case '$':
        out.append("\\z");
        *looks_past_end = true;
        break;
      case '(':
        if (pattern.substr(i, 2) == "(?" && i + 2 < pattern.size() && pattern[i + 2] != 'P' &&
            pattern[i + 2] != ':') {
          const size_t flags_end = pattern.find_first_of(":)", i + 2);
          if (flags_end != std::string_view::npos &&
              pattern.substr(i + 2, flags_end - i - 2).find('m') != std::string_view::npos) {
            return Status::InvalidArgument("(?m) reads differently");
          }
        }
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  if (in_class) return Status::InvalidArgument("an open class");
  return out;
}

// Each character case-folded on its own, as RE2's case-insensitive matching
// sees it: the same texts match, and entries that differ only in case share
// their prefixes.
std::string FoldEachCharacter(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::DecodeAt(text, i);
    utf8::Append(out, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(d.cp), U_FOLD_CASE_DEFAULT)));
    i += std::max<size_t>(1, d.length);
  }
  return out;
}

std::string PcreListPattern(const std::vector<std::string>& entries, bool case_sensitive) {
  struct Keyed {
    std::string lowered, entry;  // RE2's order: ListPattern in rules.cc
    std::string matched;         // the words joined by one space; folded unless case-sensitive
    bool operator<(const Keyed& other) const {
      return std::tie(lowered, entry) < std::tie(other.lowered, other.entry);
    }
  };
  std::vector<Keyed> keyed;
  keyed.reserve(entries.size());
  for (const std::string& entry : entries) {
    const std::string as_matched = case_sensitive ? entry : FoldEachCharacter(entry);
    std::string joined;
    for (std::string_view word : SplitWords(as_matched)) {
      if (!joined.empty()) joined.push_back(' ');
      joined.append(word);
    }
    keyed.push_back({ToLower(entry), entry, std::move(joined)});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<TrieNode> trie(1);
  for (const Keyed& k : keyed) AddToTrie(k.matched, &trie);
  std::string out = case_sensitive ? "(?:" : "(?i:";
  AppendAlternatives(trie, 0, &out);
  out.push_back(')');
  return out;
}

PlacementScratch::PlacementScratch(uint32_t match_limit)
    : match_data_(pcre2_match_data_create(64, nullptr)),
      context_(pcre2_match_context_create(nullptr)),
      jit_stack_(pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr)) {
  pcre2_jit_stack_assign(context_, nullptr, jit_stack_);
  pcre2_set_match_limit(context_, match_limit);
  pcre2_set_callout(context_, PcreCallout, &end_);
}

PlacementScratch::~PlacementScratch() {
  pcre2_jit_stack_free(jit_stack_);
  pcre2_match_context_free(context_);
  pcre2_match_data_free(match_data_);
}

Result<std::unique_ptr<GroupPlacer>> GroupPlacer::Create(const RE2& re, std::string_view pcre_pattern,
                                                         bool looks_past_end) {
  // Past its end a match is stopped by the callout, or else by PCRE2 itself
  // at the end of a text cut there.
  const std::string pattern =
      looks_past_end ? "(?:" + std::string(pcre_pattern) + ")(?C1)" : std::string(pcre_pattern);
  // The optimizations that skip ahead or give up backtracking positions are
  // off: the callout must see every way the match can end.
  const uint32_t options = PCRE2_UTF | PCRE2_ANCHORED | (looks_past_end ? 0 : PCRE2_ENDANCHORED) |
                           PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE |
                           PCRE2_NO_DOTSTAR_ANCHOR;
  pcre2_compile_context* compile_context = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(compile_context, PCRE2_NEWLINE_LF);
  int error = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &error, &error_offset, compile_context);
  pcre2_compile_context_free(compile_context);
  if (code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    return Status::InvalidArgument("PCRE2 refuses the pattern: " +
                                   std::string(reinterpret_cast<const char*>(message)) + " at " +
                                   std::to_string(error_offset));
  }
  uint32_t groups = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
  if (static_cast<int>(groups) != re.NumberOfCapturingGroups() ||
      pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) {
    pcre2_code_free(code);
    return Status::InvalidArgument(static_cast<int>(groups) != re.NumberOfCapturingGroups()
                                       ? "PCRE2 counts other capture groups"
                                       : "PCRE2 cannot compile the pattern to machine code");
  }
  return std::unique_ptr<GroupPlacer>(new GroupPlacer(re, code, looks_past_end));
}

GroupPlacer::~GroupPlacer() { pcre2_code_free(code_); }

bool GroupPlacer::Place(re2::StringPiece text, size_t begin, size_t end, re2::StringPiece* groups,
                        int n, PlacementScratch* scratch) const {
  scratch->end_ = end;
  const size_t subject_size = looks_past_end_ ? text.size() : end;
  const int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), subject_size, begin,
                             PCRE2_NO_UTF_CHECK, scratch->match_data_, scratch->context_);
  if (rc <= 0) {
    return re_.Match(text, begin, end, RE2::ANCHOR_BOTH, groups, n);
  }
  const PCRE2_SIZE* offsets = pcre2_get_ovector_pointer(scratch->match_data_);
  for (int i = 0; i < n; ++i) {
    if (i >= rc || offsets[2 * i] == PCRE2_UNSET) {
      groups[i] = re2::StringPiece();
    } else {
      groups[i] = re2::StringPiece(text.data() + offsets[2 * i], offsets[2 * i + 1] - offsets[2 * i]);
    }
  }
  return true;
}

}  // namespace solieu
