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

inline constexpr const char* kAuditExitHelp =
    "Exit status: 0 when every input was read (findings are results, not failures); "
    "1 on a usage error or an output that cannot be written; 2 when an input file "
    "could not be read or held lines that are not records (the others are still audited).";

struct CommonOptions {
  std::string rules_dir;  // empty: found next to the program
  std::string program;    // argv[0], to find the rules
};

struct ExtractOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string output = "-";
  std::string format = "jsonl";  // jsonl, csv, sqlite (pipeline/export.h)
  bool jsonl_in = false;
  std::string encoding;
  double max_doc_mb = 256;
  bool profile_rules = false;
  int jobs = 0;            // 0: one per core
  bool resume = false;
  bool progress = false;   // on stderr even when it is not a terminal
  bool quiet = false;      // no progress even on a terminal
};

struct AuditCommandOptions {
  CommonOptions common;
  std::vector<std::string> paths;  // files of extract output, "-" for stdin
  std::string output = "-";
  std::string format = "jsonl";
  std::string tolerance = "0.5";  // percent; "0.5%" is accepted too
  bool summary = false;           // a readable report instead of JSON Lines
};

struct ParseOptions {
  CommonOptions common;
  std::string type;
  std::vector<std::string> words;
};

int RunExtract(const ExtractOptions& options);
// Reads extract output and reports conflicts, corroborations and
// inconsistencies (pipeline/audit.h).  With --summary the report goes to -o
// (or stdout) for jsonl, and to stdout beside the csv or sqlite export.
int RunAudit(const AuditCommandOptions& options);
int RunParse(const ParseOptions& options);
int RunRulesTest(const CommonOptions& options);
// Prints rules whose id starts with `prefix`: file:line, type, priority and
// the expanded pattern, for rule authors.
int RunRulesShow(const CommonOptions& options, const std::string& prefix);

// --tolerance of audit and report: a percent, "0.5" or "0.5%", as a
// fraction; false when not a percent from 0 to 100.
bool ParseTolerance(std::string text, double* fraction);

// --rules, else $SOLIEU_RULES, else rules/ beside the program's folder,
// else the source tree's rules/.
std::string FindRulesDir(const CommonOptions& options);

}  // namespace solieu

#endif  // SOLIEU_CLI_COMMANDS_H_
