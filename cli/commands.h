// The commands of `solieu`, called by main.cc once flags are parsed.
// Each returns the process exit status (see kExitHelp).
#ifndef SOLIEU_CLI_COMMANDS_H_
#define SOLIEU_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace solieu {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;        // bad flags, bad rules, unwritable output
inline constexpr int kExitUnreadable = 2;   // some documents could not be read

inline constexpr const char* kExitHelp =
    "Exit status: 0 when every document was processed; 1 on a usage or rule error "
    "(or when the output cannot be written); 2 when some documents could not be read "
    "(each still has a line {\"doc\": ..., \"error\": ...}).";

struct CommonOptions {
  std::string rules_dir;  // empty: found next to the program
  std::string program;    // argv[0], to find the rules
};

struct ExtractOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string output = "-";
  bool jsonl_in = false;
  std::string encoding;
  double max_doc_mb = 256;
  bool profile_rules = false;
};

struct ParseOptions {
  CommonOptions common;
  std::string type;
  std::vector<std::string> words;
};

int RunExtract(const ExtractOptions& options);
int RunParse(const ParseOptions& options);
int RunRulesTest(const CommonOptions& options);
// Prints rules whose id starts with `prefix`: file:line, type, priority and
// the expanded pattern, for rule authors.
int RunRulesShow(const CommonOptions& options, const std::string& prefix);

// --rules, else $SOLIEU_RULES, else rules/ beside the program's folder,
// else the source tree's rules/.
std::string FindRulesDir(const CommonOptions& options);

}  // namespace solieu

#endif  // SOLIEU_CLI_COMMANDS_H_
