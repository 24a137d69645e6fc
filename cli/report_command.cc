#include "cli/report_command.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "pipeline/report.h"
#include "util/output_file.h"

namespace solieu {

CLI::App* AddReportCommand(CLI::App* app, ReportCommandOptions* options) {
  CLI::App* report = app->add_subcommand(
      "report", "write one self-contained HTML page: charts per scope and measure, findings, documents");
  report->add_option("records", options->paths, "JSON Lines files written by extract, or - for stdin")
      ->required();
  report->add_option("-o,--output", options->output,
                     "the page (default: stdout); written whole or not at all");
  report->add_option("--title", options->title, "the page's title")->capture_default_str();
  report->add_option("--tolerance", options->tolerance,
                     "relative difference, in percent, under which two values agree (as for audit)")
      ->capture_default_str();
  report->footer(kReportExitHelp);
  return report;
}

int RunReport(const ReportCommandOptions& options) {
  ReportOptions report_options;
  report_options.title = options.title;
  if (!ParseTolerance(options.tolerance, &report_options.audit.tolerance)) {
    std::cerr << "solieu: --tolerance wants a percent from 0 to 100, such as 0.5\n";
    return kExitUsage;
  }
  // Opened first: an output that cannot be written is known before reading.
  OutputFile page;
  if (Status s = page.Open(options.output); !s.ok()) {
    std::cerr << "solieu: " << s.message() << "\n";
    return kExitUsage;
  }
  ReportBuilder builder(report_options);
  bool unreadable = false;
  std::string line;
  for (const std::string& path : options.paths) {
    std::ifstream file;
    if (path != "-") {
      file.open(path, std::ios::binary);
      if (!file) {
        std::cerr << "solieu: " << path << ": " << std::strerror(errno) << "\n";
        unreadable = true;
        continue;
      }
    }
    std::istream& in = path == "-" ? std::cin : file;
    size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
      const Status s = json.is_discarded() ? Status::Corrupt("not JSON") : builder.AddRecord(json);
      if (!s.ok()) {
        std::cerr << "solieu: " << path << ":" << line_number << ": " << s.message() << "\n";
        unreadable = true;
      }
    }
    if (in.bad()) {
      std::cerr << "solieu: " << path << ": read error\n";
      unreadable = true;
    }
  }
  Result<std::string> html = builder.Build();
  Status s = html.ok() ? page.Write(*html) : html.status();
  if (s.ok()) s = page.Commit();
  if (!s.ok()) {
    std::cerr << "solieu: " << s.message() << "\n";
    return kExitUsage;
  }
  return unreadable ? kExitUnreadable : kExitOk;
}

}  // namespace solieu
