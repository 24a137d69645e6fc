#include "cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/inputs.h"
#include "pipeline/emit.h"
#include "pipeline/examples.h"
#include "pipeline/pipeline.h"
#include "util/output_file.h"

#ifndef SOLIEU_SOURCE_RULES_DIR
#define SOLIEU_SOURCE_RULES_DIR "rules"
#endif

namespace solieu {

namespace fs = std::filesystem;

std::string FindRulesDir(const CommonOptions& options) {
  if (!options.rules_dir.empty()) return options.rules_dir;
  if (const char* env = std::getenv("SOLIEU_RULES"); env != nullptr && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path().parent_path() / "rules",
                                      exe.parent_path().parent_path() / "share/solieu/rules"}) {
      if (fs::is_directory(candidate, ec)) return candidate.string();
    }
  }
  return SOLIEU_SOURCE_RULES_DIR;
}

namespace {

std::unique_ptr<Pipeline> MakePipeline(const CommonOptions& common, PipelineOptions options) {
  options.rules_dir = FindRulesDir(common);
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::cerr << "solieu: " << pipeline.status().message() << "\n";
    return nullptr;
  }
  return std::move(*pipeline);
}

// Rules by time spent, slowest first, on stderr.
void PrintRuleProfile(const Pipeline& pipeline, const ExtractScratch& scratch) {
  std::vector<size_t> order(scratch.rule_nanos.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return scratch.rule_nanos[a] > scratch.rule_nanos[b]; });
  std::cerr << "   ms    fired  rule\n";
  for (size_t i : order) {
    if (scratch.rule_fired[i] == 0) continue;
    std::fprintf(stderr, "%6.1f %8lld  %s\n", scratch.rule_nanos[i] / 1e6,
                 static_cast<long long>(scratch.rule_fired[i]), pipeline.rules().rules()[i].id.c_str());
  }
}

}  // namespace

int RunExtract(const ExtractOptions& options) {
  if (!options.encoding.empty() && !IsKnownEncoding(options.encoding)) {
    std::cerr << "solieu: unknown --encoding '" << options.encoding << "'\n";
    return kExitUsage;
  }
  PipelineOptions po;
  po.decode.encoding = options.encoding;
  po.max_document_bytes = static_cast<size_t>(options.max_doc_mb * 1024 * 1024);
  auto pipeline = MakePipeline(options.common, po);
  if (!pipeline) return kExitUsage;

  OutputFile out;
  if (Status s = out.Open(options.output); !s.ok()) {
    std::cerr << "solieu: " << s.message() << "\n";
    return kExitUsage;
  }
  InputSource inputs(options.paths, options.jsonl_in);
  auto workspace = pipeline->NewWorkspace();
  const size_t rule_count = pipeline->rules().rules().size();
  if (options.profile_rules) {
    workspace->extract.rule_nanos.assign(rule_count, 0);
    workspace->extract.rule_fired.assign(rule_count, 0);
  }
  InputDocument doc;
  Record record;
  std::string line;
  bool unreadable = false;
  while (inputs.Next(&doc)) {
    record.doc = doc.id;
    if (!doc.error.empty()) {
      record.error = doc.error;
    } else {
      pipeline->Process(doc.bytes, workspace.get(), &record);
    }
    if (!record.error.empty()) {
      unreadable = true;
      std::cerr << "solieu: " << record.doc << ": " << record.error << "\n";
    }
    line.clear();
    AppendRecordLine(record, &line);
    if (Status s = out.Write(line); !s.ok()) {
      std::cerr << "solieu: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  if (Status s = out.Commit(); !s.ok()) {
    std::cerr << "solieu: " << s.message() << "\n";
    return kExitUsage;
  }
  if (options.profile_rules) PrintRuleProfile(*pipeline, workspace->extract);
  return unreadable ? kExitUnreadable : kExitOk;
}

int RunParse(const ParseOptions& options) {
  PipelineOptions po;
  if (!options.type.empty()) po.rules.types = {options.type};
  auto pipeline = MakePipeline(options.common, po);
  if (!pipeline) return kExitUsage;
  auto workspace = pipeline->NewWorkspace();
  Record record;
  // Appends the entities of one phrase, of the requested type, to `out`.
  auto parse = [&](const std::string& phrase, std::string* out, bool as_array) -> bool {
    pipeline->Process(phrase, workspace.get(), &record);
    if (!record.error.empty()) {
      std::cerr << "solieu: " << record.error << "\n";
      return false;
    }
    JsonWriter w(out);
    if (as_array) {
      w.BeginObject();
      w.Key("text");
      w.String(phrase);
      w.Key("entities");
      w.BeginArray();
    }
    for (const Entity& e : record.entities) {
      if (!options.type.empty() && e.type != options.type) continue;
      if (as_array) {
        WriteEntity(e, &w);
      } else {
        AppendEntityLine(e, out);
      }
    }
    if (as_array) {
      w.EndArray();
      w.EndObject();
      out->push_back('\n');
    }
    return true;
  };
  std::string out;
  if (options.words.size() == 1 && options.words[0] == "-") {
    // One phrase per line of stdin, one JSON line per phrase: for running a
    // whole test suite through one process.
    std::string line;
    bool ok = true;
    while (std::getline(std::cin, line)) {
      ok &= parse(line, &out, true);
      std::cout << out;
      out.clear();
    }
    return ok ? kExitOk : kExitUnreadable;
  }
  std::string text;
  for (const std::string& w : options.words) text += (text.empty() ? "" : " ") + w;
  if (!parse(text, &out, false)) return kExitUnreadable;
  std::cout << out;
  return kExitOk;
}

int RunRulesTest(const CommonOptions& options) {
  PipelineOptions po;
  po.rules.types = {"*"};
  auto pipeline = MakePipeline(options, po);
  if (!pipeline) return kExitUsage;
  const ExampleReport report = RunExamples(*pipeline);
  for (const ExampleFailure& f : report.failures) std::cout << DescribeFailure(f) << "\n";
  std::cout << report.examples - report.failures.size() << "/" << report.examples
            << " rule examples pass (" << pipeline->rules().rules().size() << " rules in "
            << pipeline->rules().dir() << ")\n";
  return report.failures.empty() ? kExitOk : kExitUsage;
}

}  // namespace solieu

namespace solieu {

int RunRulesShow(const CommonOptions& options, const std::string& prefix) {
  PipelineOptions po;
  po.rules.types = {"*"};
  auto pipeline = MakePipeline(options, po);
  if (!pipeline) return kExitUsage;
  for (const Rule& rule : pipeline->rules().rules()) {
    if (rule.id.compare(0, prefix.size(), prefix) != 0) continue;
    std::cout << rule.file << ":" << rule.line << ": " << rule.id << " (type " << rule.type
              << ", builder " << rule.builder << ", priority " << rule.priority << ")\n  "
              << rule.pattern << "\n";
  }
  return kExitOk;
}

}  // namespace solieu
