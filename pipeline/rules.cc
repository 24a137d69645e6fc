#include "pipeline/rules.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "pipeline/builders.h"
#include "pipeline/gate_core.h"
#include "pipeline/placement.h"
#include "util/text.h"

namespace solieu {
namespace {

namespace fs = std::filesystem;

Status LineError(const std::string& file, int line, const std::string& message) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + message);
}

bool IsDefinitionName(std::string_view name) {
  if (name.empty() || !(name[0] >= 'A' && name[0] <= 'Z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

struct Definition {
  std::string pattern;  // for `define`; the file for `list`
  bool is_list = false;
  bool case_sensitive = false;  // `list NAME = FILE case-sensitive`
  std::string file;
  int line = 0;
};

// A rule as written, before expansion and compilation.
struct RawRule {
  Rule rule;
  std::string pattern;
  int pattern_line = 0;
  std::optional<std::string> pcre_flavoured;  // the pattern expanded for PCRE2 (placement.h)
};

struct ParsedFile {
  std::vector<RawRule> rules;
};

Result<std::string> ReadFile(const fs::path& path) {
  // Only regular files: a device or a pipe ("list X = /dev/zero") may never end.
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::IoError(path.string() + ": not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Splits "NAME = VALUE".
bool SplitAssignment(std::string_view rest, std::string_view* name, std::string_view* value) {
  const size_t eq = rest.find('=');
  if (eq == std::string_view::npos) return false;
  *name = Trim(rest.substr(0, eq));
  *value = Trim(rest.substr(eq + 1));
  return true;
}

Status ParseExample(std::string_view rest, const std::string& file, int line, RuleExample* out) {
  const size_t arrow = rest.find(" => ");
  if (arrow == std::string_view::npos) {
    return LineError(file, line, "an example needs 'TEXT => NORM | NORM ...' or 'TEXT => -'");
  }
  out->text = std::string(Trim(rest.substr(0, arrow)));
  out->file = file;
  out->line = line;
  const std::string_view norms = Trim(rest.substr(arrow + 4));
  if (out->text.empty()) return LineError(file, line, "an example needs a text");
  if (norms == "-") return Status::Ok();
  size_t start = 0;
  while (start <= norms.size()) {
    const size_t bar = norms.find(" | ", start);
    const std::string_view one =
        Trim(norms.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (one.empty()) return LineError(file, line, "empty norm in example");
    out->norms.emplace_back(one);
    if (bar == std::string_view::npos) break;
    start = bar + 3;
  }
  return Status::Ok();
}

Status ParseRuleAttribute(std::string_view keyword, std::string_view rest, const std::string& file,
                          int line, RawRule* raw) {
  Rule& rule = raw->rule;
  if (keyword == "pattern") {
    if (rest.empty()) return LineError(file, line, "empty pattern");
    if (raw->pattern_line == 0) raw->pattern_line = line;
    raw->pattern.append(rest);  // repeated pattern lines concatenate
  } else if (keyword == "type") {
    rule.type = std::string(rest);
  } else if (keyword == "builder") {
    rule.builder = std::string(rest);
  } else if (keyword == "priority") {
    try {
      size_t used = 0;
      rule.priority = std::stoi(std::string(rest), &used);
      if (used != rest.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      return LineError(file, line, "priority must be an integer, not '" + std::string(rest) + "'");
    }
  } else if (keyword == "bounds") {
    if (rest == "both") rule.bounds = Rule::Bounds::kBoth;
    else if (rest == "left") rule.bounds = Rule::Bounds::kLeft;
    else if (rest == "right") rule.bounds = Rule::Bounds::kRight;
    else if (rest == "none") rule.bounds = Rule::Bounds::kNone;
    else return LineError(file, line, "bounds must be both, left, right or none");
  } else if (keyword == "arg") {
    std::string_view key, value;
    if (!SplitAssignment(rest, &key, &value) || key.empty()) {
      return LineError(file, line, "arg needs 'KEY=VALUE'");
    }
    rule.args.emplace_back(key, value);
  } else if (keyword == "example") {
    RuleExample example;
    if (Status s = ParseExample(rest, file, line, &example); !s.ok()) return s;
    rule.examples.push_back(std::move(example));
  } else {
    return LineError(file, line, "unknown keyword '" + std::string(keyword) + "'");
  }
  return Status::Ok();
}

Status ParseFile(const fs::path& path, std::map<std::string, Definition, std::less<>>* defs,
                 ParsedFile* out) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.status();
  const std::string file = path.string();
  const std::string stem = path.stem().string();
  std::istringstream in(*content);
  std::string raw_line;
  int line = 0;
  RawRule* current = nullptr;
  std::string file_type = stem;  // a `type` line before the first rule changes it
  while (std::getline(in, raw_line)) {
    ++line;
    const std::string_view text = Trim(raw_line);
    if (text.empty() || text[0] == '#') continue;
    const size_t space = text.find_first_of(" \t");
    const std::string_view keyword = text.substr(0, space);
    const std::string_view rest = space == std::string_view::npos ? "" : Trim(text.substr(space));
    if (keyword == "define" || keyword == "list") {
      std::string_view name, value;
      if (!SplitAssignment(rest, &name, &value) || value.empty()) {
        return LineError(file, line, std::string(keyword) + " needs 'NAME = VALUE'");
      }
      if (!IsDefinitionName(name)) {
        return LineError(file, line, "name '" + std::string(name) +
                                         "' must be upper case letters, digits and _");
      }
      if (auto it = defs->find(name); it != defs->end()) {
        return LineError(file, line, "'" + std::string(name) + "' is already defined at " +
                                         it->second.file + ":" + std::to_string(it->second.line));
      }
      Definition def{std::string(value), keyword == "list", false, file, line};
      constexpr std::string_view kCaseFlag = " case-sensitive";
      if (def.is_list && value.size() > kCaseFlag.size() &&
          value.substr(value.size() - kCaseFlag.size()) == kCaseFlag) {
        def.pattern = std::string(Trim(value.substr(0, value.size() - kCaseFlag.size())));
        def.case_sensitive = true;
      }
      (*defs)[std::string(name)] = std::move(def);
      current = nullptr;
    } else if (keyword == "type" && current == nullptr) {
      if (!out->rules.empty()) {
        return LineError(file, line, "a file's 'type' must come before its first rule");
      }
      file_type = std::string(rest);
    } else if (keyword == "rule") {
      if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos) {
        return LineError(file, line, "rule needs one id without spaces");
      }
      out->rules.emplace_back();
      current = &out->rules.back();
      current->rule.id = std::string(rest);
      current->rule.type = file_type;
      current->rule.file = file;
      current->rule.line = line;
    } else {
      if (current == nullptr) {
        return LineError(file, line, "'" + std::string(keyword) + "' outside a rule");
      }
      if (Status s = ParseRuleAttribute(keyword, rest, file, line, current); !s.ok()) return s;
    }
  }
  for (RawRule& raw : out->rules) {
    if (raw.pattern.empty()) {
      return LineError(file, raw.rule.line, "rule '" + raw.rule.id + "' has no pattern");
    }
    if (raw.rule.builder.empty()) raw.rule.builder = raw.rule.type;
  }
  return Status::Ok();
}

Status LoadList(const std::string& dir, const std::string& name, const Definition& def,
                const Normalizer& normalizer, WordList* out) {
  const fs::path path = fs::path(dir) / def.pattern;
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) {
    return LineError(def.file, def.line, "list " + name + ": cannot read " + path.string());
  }
  out->name = name;
  out->file = path.string();
  out->case_sensitive = def.case_sensitive;
  std::istringstream in(*content);
  std::string raw_line;
  std::set<std::string> seen;
  while (std::getline(in, raw_line)) {
    std::string_view text = Trim(raw_line);
    if (text.empty() || text[0] == '#') continue;
    const size_t tab = text.find('\t');
    std::string entry = normalizer.CanonicalizeLetters(CollapseSpaces(text.substr(0, tab)));
    const std::string value =
        tab == std::string_view::npos ? "" : std::string(Trim(text.substr(tab + 1)));
    if (!seen.insert(entry).second) continue;
    out->values[ToLower(entry)] = value;
    out->index[ToLower(entry)] = out->entries.size();
    out->entries.push_back(std::move(entry));
  }
  if (out->entries.empty()) {
    return LineError(def.file, def.line, "list " + name + ": " + path.string() + " is empty");
  }
  return Status::Ok();
}

// A word list as an RE2 alternation, case-insensitive unless the list says
// otherwise. Matching is leftmost-longest, so the order of the entries never
// decides a match ("tổ chức cơ sở đảng" beats "tổ chức" either way); entries
// in alphabetical order let RE2 share the prefixes of neighbours ("đảng bộ",
// "đảng viên"), which makes the program smaller and the matching faster.
std::string ListPattern(const WordList& list) {
  std::vector<std::pair<std::string, std::string>> entries;  // (lower case, entry)
  entries.reserve(list.entries.size());
  for (const std::string& entry : list.entries) entries.emplace_back(ToLower(entry), entry);
  std::sort(entries.begin(), entries.end());
  std::string pattern = list.case_sensitive ? "(?:" : "(?i:";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i) pattern.push_back('|');
    bool first_word = true;
    for (std::string_view word : SplitWords(entries[i].second)) {
      if (!first_word) pattern.append("\\s+");
      pattern.append(RE2::QuoteMeta(re2::StringPiece(word.data(), word.size())));
      first_word = false;
    }
  }
  pattern.push_back(')');
  return pattern;
}

// RE2 compiles at most max_mem / 32 instructions (about 170,000 with the
// default 8 MiB), so a longer pattern could never load; the cap stops
// definitions that nest many copies of each other ("{A}{A}{A}{A}" sixteen
// levels deep) from expanding into gigabytes first.
constexpr size_t kMaxExpandedPattern = size_t{1} << 20;

class Expander {
 public:
  // How word lists are written: for RE2, or as tries for PCRE2 (placement.h).
  enum class ListStyle { kRe2, kPcreTrie };

  Expander(const std::map<std::string, Definition, std::less<>>& defs,
           const std::map<std::string, WordList, std::less<>>& lists, ListStyle list_style)
      : defs_(defs), lists_(lists), list_style_(list_style) {}

  // Replaces every {NAME} (upper case) by its definition, recursively.
  Status Expand(std::string_view pattern, int depth, std::string* out) const {
    if (depth > 16) return Status::InvalidArgument("definitions nest too deep (a cycle?)");
    for (size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        // \C matches one byte: a span could begin or end inside a character.
        if (pattern[i + 1] == 'C') {
          return Status::InvalidArgument("\\C (any byte) may split a character");
        }
        out->push_back(c);
        out->push_back(pattern[++i]);
        // \p{L}, \P{Lu}, \x{1EF9}: RE2's own braces, not a definition.
        if ((pattern[i] == 'p' || pattern[i] == 'P' || pattern[i] == 'x') && i + 1 < pattern.size() &&
            pattern[i + 1] == '{') {
          const size_t close = pattern.find('}', i);
          if (close != std::string_view::npos) {
            out->append(pattern.substr(i + 1, close - i));
            i = close;
          }
        }
        continue;
      }
      if (c == '{') {
        const size_t close = pattern.find('}', i);
        if (close != std::string_view::npos && IsDefinitionName(pattern.substr(i + 1, close - i - 1))) {
          const std::string_view name = pattern.substr(i + 1, close - i - 1);
          if (auto list = lists_.find(name); list != lists_.end()) {
            out->append(list_style_ == ListStyle::kRe2
                            ? ListPattern(list->second)
                            : PcreListPattern(list->second.entries, list->second.case_sensitive));
          } else if (auto def = defs_.find(name); def != defs_.end() && !def->second.is_list) {
            out->append("(?:");
            if (Status s = Expand(def->second.pattern, depth + 1, out); !s.ok()) {
              return Status::InvalidArgument("in {" + std::string(name) + "} (" + def->second.file +
                                             ":" + std::to_string(def->second.line) +
                                             "): " + s.message());
            }
            out->push_back(')');
          } else {
            return Status::InvalidArgument("unknown name {" + std::string(name) + "}");
          }
          if (out->size() > kMaxExpandedPattern) {
            return Status::ResourceExhausted("the pattern expands to more than " +
                                             std::to_string(kMaxExpandedPattern >> 20) + " MiB");
          }
          i = close;
          continue;
        }
      }
      out->push_back(c);
    }
    return Status::Ok();
  }

 private:
  const std::map<std::string, Definition, std::less<>>& defs_;
  const std::map<std::string, WordList, std::less<>>& lists_;
  const ListStyle list_style_;
};

// A placer for the groups of `rule`, or none when RE2 must place them: the
// pattern reads differently in PCRE2 ("(?m)"), or has no group to place.
std::unique_ptr<GroupPlacer> NewPlacer(const Rule& rule, std::string_view pcre_flavoured) {
  if (rule.groups_are_match || rule.re->NumberOfCapturingGroups() == 0) return nullptr;
  bool looks_past_end = false;
  Result<std::string> pcre = ToPcreSyntax(pcre_flavoured, &looks_past_end);
  if (!pcre.ok()) return nullptr;
  Result<std::unique_ptr<GroupPlacer>> placer = GroupPlacer::Create(*rule.re, *pcre, looks_past_end);
  return placer.ok() ? std::move(*placer) : nullptr;
}

// The names of the groups that wrap the whole of `pattern`, outermost first:
// "(?P<span>(?P<name>X))" gives span and name.  Such a group is the whole
// match wherever the pattern matches.  The outer parentheses pair up exactly
// when RE2 also accepts what they enclose on its own: were the first "(" closed
// earlier, the enclosed text would hold an unmatched ")" and an unmatched "(".
std::vector<std::string> GroupsWrappingPattern(std::string_view pattern, const RE2::Options& options) {
  std::vector<std::string> names;
  constexpr std::string_view kOpen = "(?P<";
  while (pattern.substr(0, kOpen.size()) == kOpen && pattern.back() == ')') {
    const size_t name_end = pattern.find('>', kOpen.size());
    if (name_end == std::string_view::npos) break;
    const std::string_view inner = pattern.substr(name_end + 1, pattern.size() - name_end - 2);
    if (!RE2(inner, options).ok()) break;
    names.emplace_back(pattern.substr(kOpen.size(), name_end - kOpen.size()));
    pattern = inner;
  }
  return names;
}

bool TypeSelected(const std::string& type, const RuleSetOptions& options) {
  if (type == "block" || type == "segment" || type == "place") return true;
  if (options.types.empty()) return type != "number";
  if (std::find(options.types.begin(), options.types.end(), "*") != options.types.end()) return true;
  return std::find(options.types.begin(), options.types.end(), type) != options.types.end();
}

// Compiles a rule whose pattern is expanded: its RE2, the groups that
// wrap it, its placer and its builder.
Status CompileRule(const RE2::Options& re_options, RawRule* raw) {
  Rule& rule = raw->rule;
  rule.re = std::make_unique<RE2>(rule.pattern, re_options);
  if (!rule.re->ok()) {
    return LineError(rule.file, raw->pattern_line,
                     "rule " + rule.id + ": RE2 refuses the pattern: " + rule.re->error() +
                         (rule.re->error_arg().empty() ? "" : " at '" + rule.re->error_arg() + "'"));
  }
  const auto& names = rule.re->NamedCapturingGroups();
  rule.named_groups = &names;
  const std::vector<std::string> wrapping = GroupsWrappingPattern(rule.pattern, re_options);
  const bool span_wraps = std::find(wrapping.begin(), wrapping.end(), "span") != wrapping.end();
  if (auto it = names.find("span"); it != names.end() && !span_wraps) rule.span_group = it->second;
  rule.groups_are_match = static_cast<int>(wrapping.size()) == rule.re->NumberOfCapturingGroups();
  if (raw->pcre_flavoured) rule.placer = NewPlacer(rule, *raw->pcre_flavoured);
  if (Status s = ResolveBuilder(&rule); !s.ok()) {
    return LineError(rule.file, rule.line, "rule " + rule.id + ": " + s.message());
  }
  return Status::Ok();
}

// The gate of one family of rules: an RE2::Set of their cores (gate_core.h),
// in the order given.
Status BuildGate(const std::vector<const Rule*>& rules, const RE2::Options& options,
                 const std::string& dir, std::unique_ptr<RE2::Set>* gate) {
  *gate = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const Rule* rule : rules) {
    std::string error;
    if ((*gate)->Add(GateCore(rule->pattern), &error) < 0) {
      return LineError(rule->file, rule->line, "rule " + rule->id + ": RE2::Set refuses it: " + error);
    }
  }
  if (!rules.empty() && !(*gate)->Compile()) {
    return Status::ResourceExhausted(dir + ": the rules do not fit the gate's memory budget of " +
                                     std::to_string(options.max_mem() >> 20) + " MiB");
  }
  return Status::Ok();
}

// Runs each task once, on up to `threads` threads, this one among them.
// An exception a task throws is rethrown here once all have stopped.
void RunTasks(const std::vector<std::function<void()>>& tasks, int threads) {
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (size_t i; !failed && (i = next.fetch_add(1)) < tasks.size();) {
      try {
        tasks[i]();
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads && static_cast<size_t>(t) < tasks.size(); ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::string_view Rule::Arg(std::string_view key) const {
  for (const auto& [k, v] : args) {
    if (k == key) return v;
  }
  return {};
}

Result<std::unique_ptr<RuleSet>> RuleSet::Load(const std::string& dir, const Normalizer& normalizer,
                                               const RuleSetOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": no such rules directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".rules") files.push_back(entry.path());
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  if (files.empty()) return Status::NotFound(dir + ": no *.rules files");
  std::sort(files.begin(), files.end());

  std::map<std::string, Definition, std::less<>> defs;
  std::vector<ParsedFile> parsed(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (Status s = ParseFile(files[i], &defs, &parsed[i]); !s.ok()) return s;
  }

  std::unique_ptr<RuleSet> set(new RuleSet());
  set->dir_ = dir;
  for (const auto& [name, def] : defs) {
    if (!def.is_list) continue;
    WordList list;
    if (Status s = LoadList(dir, name, def, normalizer, &list); !s.ok()) return s;
    set->lists_.emplace(name, std::move(list));
  }
  for (auto& [name, def] : defs) {
    if (!def.is_list) def.pattern = normalizer.CanonicalizeLetters(def.pattern);
  }

  const Expander expander(defs, set->lists_, Expander::ListStyle::kRe2);
  const Expander pcre_expander(defs, set->lists_, Expander::ListStyle::kPcreTrie);
  RE2::Options re_options;
  re_options.set_log_errors(false);
  re_options.set_max_mem(options.max_mem_per_rule);
  // Leftmost-longest: the order of alternatives in a pattern never decides
  // what matches ("1[0-2]|0?[1-9]" and "0?[1-9]|1[0-2]" read "12" alike).
  re_options.set_longest_match(true);

  // Expanding is quick and stays on this thread; compiling, most of the
  // load, is shared out among options.threads.  Each rule keeps its first
  // error, so the one reported is the first in file order, whatever the
  // threads.  Every rule is compiled, those of types not asked for too: a
  // rules folder loads or fails whatever the types.
  std::vector<RawRule*> all;
  std::vector<Status> errors;
  std::set<std::string> ids;
  for (ParsedFile& file : parsed) {
    for (RawRule& raw : file.rules) {
      Rule& rule = raw.rule;
      Status status;
      const std::string canonical = normalizer.CanonicalizeLetters(raw.pattern);
      std::string pcre_flavoured;
      if (!ids.insert(rule.id).second) {
        status = LineError(rule.file, rule.line, "duplicate rule id '" + rule.id + "'");
      } else if (Status s = expander.Expand(canonical, 0, &rule.pattern); !s.ok()) {
        status = LineError(rule.file, raw.pattern_line, "rule " + rule.id + ": " + s.message());
      } else if (pcre_expander.Expand(canonical, 0, &pcre_flavoured).ok()) {
        raw.pcre_flavoured = std::move(pcre_flavoured);
      }
      all.push_back(&raw);
      errors.push_back(std::move(status));
    }
  }
  const bool all_expanded = std::all_of(errors.begin(), errors.end(), [](const Status& e) { return e.ok(); });

  std::vector<std::function<void()>> tasks;
  RE2::Options gate_options = re_options;
  gate_options.set_max_mem(options.max_mem_gate);
  std::vector<const Rule*> gated[2];
  Status gate_errors[2];
  std::vector<RawRule*> selected;
  if (all_expanded) {
    for (RawRule* raw : all) {
      const Rule& rule = raw->rule;
      if (!TypeSelected(rule.type, options)) continue;
      const int index = static_cast<int>(selected.size());
      selected.push_back(raw);
      if (rule.type == "segment") {
        set->segment_rules_.push_back(index);
        continue;
      }
      const int family = static_cast<int>(rule.type == "place" ? RuleFamily::kPlace : RuleFamily::kEntity);
      gated[family].push_back(&rule);
      set->gates_[family].rules.push_back(index);
    }
    // The gates first: each is one long compile.
    for (int family = 0; family < 2; ++family) {
      tasks.push_back([&, family] {
        gate_errors[family] = BuildGate(gated[family], gate_options, dir, &set->gates_[family].set);
      });
    }
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (errors[i].ok()) tasks.push_back([&, i] { errors[i] = CompileRule(re_options, all[i]); });
  }
  RunTasks(tasks, options.threads);
  for (const Status& error : errors) {
    if (!error.ok()) return error;
  }
  for (const Status& error : gate_errors) {
    if (!error.ok()) return error;
  }
  set->rules_.reserve(selected.size());
  for (RawRule* raw : selected) set->rules_.push_back(std::move(raw->rule));
  return set;
}

Status RuleSet::Gate(RuleFamily family, std::string_view text, std::vector<int>* fired) const {
  fired->clear();
  const FamilyGate& gate = gates_[static_cast<int>(family)];
  if (gate.rules.empty()) return Status::Ok();
  RE2::Set::ErrorInfo info;
  if (!gate.set->Match(re2::StringPiece(text.data(), text.size()), fired, &info)) {
    if (info.kind == RE2::Set::kOutOfMemory) {
      return Status::ResourceExhausted("the rule gate ran out of memory on a sentence of " +
                                       std::to_string(text.size()) + " bytes");
    }
    return Status::Ok();
  }
  for (int& index : *fired) index = gate.rules[index];
  std::sort(fired->begin(), fired->end());
  return Status::Ok();
}

bool RuleSet::Contains(std::string_view name, std::string_view entry) const {
  const WordList* list = List(name);
  return list != nullptr && list->index.count(ToLower(CollapseSpaces(entry))) > 0;
}

std::string_view RuleSet::Canonical(std::string_view name, std::string_view entry) const {
  const WordList* list = List(name);
  if (list == nullptr) return {};
  auto it = list->index.find(ToLower(CollapseSpaces(entry)));
  return it == list->index.end() ? std::string_view() : std::string_view(list->entries[it->second]);
}

const WordList* RuleSet::List(std::string_view name) const {
  auto it = lists_.find(name);
  return it == lists_.end() ? nullptr : &it->second;
}

std::string_view RuleSet::Lookup(std::string_view name, std::string_view entry) const {
  const WordList* list = List(name);
  if (list == nullptr) return {};
  auto it = list->values.find(ToLower(CollapseSpaces(entry)));
  return it == list->values.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace solieu
