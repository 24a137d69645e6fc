// solieu: figures out of Vietnamese news and official texts.
// This file only parses flags and calls the commands.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/report_command.h"

int main(int argc, char** argv) {
  using namespace solieu;
  CLI::App app{"solieu: every reported figure out of Vietnamese news and official texts, "
               "as structured, auditable records.\n"};
  app.footer(kExitHelp);
  app.require_subcommand(1);
  app.fallthrough();  // subcommands inherit it: --rules may follow them too
  CommonOptions common;
  common.program = argv[0];
  app.add_option("--rules", common.rules_dir, "folder of rule files (default: the bundled rules/)");

  ExtractOptions extract;
  CLI::App* ex = app.add_subcommand("extract", "extract entities from documents, one JSON line each");
  ex->add_option("paths", extract.paths, "files, folders (recursive *.txt, *.html, *.htm) or - for stdin")->required();
  ex->add_option("-o,--output", extract.output, "output file (default: stdout); written whole or not at all");
  ex->add_option("--format", extract.format, "jsonl, csv (one row per indicator) or sqlite (needs -o)")
      ->capture_default_str();
  ex->add_flag("--jsonl-in", extract.jsonl_in, "inputs hold lines {\"id\": ..., \"text\": ...}");
  ex->add_option("--encoding", extract.encoding,
                 "force an input encoding: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1258, tcvn3, "
                 "vni, viqr, utf-8-double (default: detect)");
  ex->add_option("--max-doc-mb", extract.max_doc_mb, "largest document accepted, in MiB")
      ->capture_default_str();
  ex->add_flag("--profile-rules", extract.profile_rules, "print the time each rule takes, on stderr");
  ex->add_option("-j,--jobs", extract.jobs, "worker threads (default: all cores); the output is the same for any number")
      ->check(CLI::Range(0, 1024));
  ex->add_flag("--resume", extract.resume,
               "continue the interrupted run that was writing -o FILE (jsonl): documents already written are "
               "not processed again");
  CLI::App* progress_group = ex->add_option_group("progress");
  progress_group->add_flag("--progress", extract.progress, "show progress on stderr even when it is not a terminal");
  progress_group->add_flag("--quiet", extract.quiet, "no progress on stderr, even on a terminal");
  progress_group->require_option(0, 1);
  ex->footer(kExitHelp);

  AuditCommandOptions audit;
  CLI::App* au = app.add_subcommand(
      "audit", "find conflicting, corroborating and inconsistent figures in extract output");
  au->add_option("records", audit.paths, "JSON Lines files written by extract, or - for stdin")->required();
  au->add_option("-o,--output", audit.output, "output file (default: stdout); written whole or not at all");
  au->add_option("--format", audit.format, "jsonl (one finding per line), csv or sqlite (needs -o)")
      ->capture_default_str();
  au->add_option("--tolerance", audit.tolerance, "relative difference, in percent, under which two values agree")
      ->capture_default_str();
  au->add_flag("--summary", audit.summary, "print a readable report instead of JSON Lines");
  au->footer(kAuditExitHelp);

  ReportCommandOptions report;
  CLI::App* re = AddReportCommand(&app, &report);

  ParseOptions parse;
  CLI::App* pa = app.add_subcommand("parse", "print the entities found in one phrase, one JSON object per line");
  pa->add_option("--type", parse.type, "only this entity type (number: every bare number)");
  pa->add_option("text", parse.words,
                 "the phrase; - reads one phrase per line of stdin and prints "
                 "{\"text\": ..., \"entities\": [...]} for each")
      ->required();

  CLI::App* rules = app.add_subcommand("rules", "work with the rule files");
  rules->require_subcommand(1);
  CLI::App* rules_test = rules->add_subcommand("test", "run every rule's inline examples");
  std::string show_prefix;
  CLI::App* rules_show = rules->add_subcommand("show", "print rules with their expanded patterns");
  rules_show->add_option("prefix", show_prefix, "only rules whose id starts with this");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  extract.common = parse.common = audit.common = common;
  if (*ex) return RunExtract(extract);
  if (*au) return RunAudit(audit);
  if (*re) {
    report.common = common;
    return RunReport(report);
  }
  if (*pa) return RunParse(parse);
  if (*rules_test) return RunRulesTest(common);
  if (*rules_show) return RunRulesShow(common, show_prefix);
  return kExitUsage;
}
