#include "cli/report_command.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/inputs.h"
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
  const bool unreadable = !ReadJsonLines(options.paths, [&](const nlohmann::ordered_json& json, bool*) {
    return builder.AddRecord(json);
  });
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
