// `solieu report RECORDS... -o report.html`: extract output -> one
// self-contained HTML page (pipeline/report.h), the audit's findings
// included.
//
// Inputs are read as `solieu audit` reads them: each file (or - for stdin)
// line by line; a line that is not a record, or a file that cannot be read,
// is reported on stderr with its file and line, and the others are still
// used.  Exit status: 0 when every input was read, 1 on a usage error or an
// output that cannot be written, 2 when an input could not be read or held
// lines that are not records (the page is still written).
#ifndef SOLIEU_CLI_REPORT_COMMAND_H_
#define SOLIEU_CLI_REPORT_COMMAND_H_

#include <string>
#include <vector>

#include "cli/commands.h"

namespace CLI {
class App;
}  // namespace CLI

namespace solieu {

inline constexpr const char* kReportExitHelp =
    "Exit status: 0 when every input was read; 1 on a usage error or an output that "
    "cannot be written; 2 when an input file could not be read or held lines that are "
    "not records (the page is still written from the others).";

struct ReportCommandOptions {
  CommonOptions common;
  std::vector<std::string> paths;  // files of extract output, "-" for stdin
  std::string output = "-";        // the page; "-" is stdout
  std::string title = "solieu report";
  std::string tolerance = "0.5";   // percent, as for audit
};

// Adds the `report` subcommand to `app`, its flags stored in `*options`
// (which must outlive the parse).  Returns the subcommand, to test whether
// it was chosen.
CLI::App* AddReportCommand(CLI::App* app, ReportCommandOptions* options);

// Reads the records, audits them and writes the page through OutputFile
// (util/output_file.h: a temporary file renamed at the end).
int RunReport(const ReportCommandOptions& options);

}  // namespace solieu

#endif  // SOLIEU_CLI_REPORT_COMMAND_H_
