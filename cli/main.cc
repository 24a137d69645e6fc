// solieu: figures out of Vietnamese news and official texts.
// This file only parses flags and calls the commands.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

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
  ex->add_option("paths", extract.paths, "files, folders (recursive *.txt) or - for stdin")->required();
  ex->add_option("-o,--output", extract.output, "output file (default: stdout); written whole or not at all");
  ex->add_flag("--jsonl-in", extract.jsonl_in, "inputs hold lines {\"id\": ..., \"text\": ...}");
  ex->add_option("--encoding", extract.encoding,
                 "force an input encoding: utf-8, utf-16le, utf-16be, windows-1258");
  ex->add_option("--max-doc-mb", extract.max_doc_mb, "largest document accepted, in MiB")
      ->capture_default_str();
  ex->add_flag("--profile-rules", extract.profile_rules, "print the time each rule takes, on stderr");
  ex->footer(kExitHelp);

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
  extract.common = parse.common = common;
  if (*ex) return RunExtract(extract);
  if (*pa) return RunParse(parse);
  if (*rules_test) return RunRulesTest(common);
  if (*rules_show) return RunRulesShow(common, show_prefix);
  return kExitUsage;
}
