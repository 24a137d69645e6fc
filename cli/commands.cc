#include "cli/commands.h"

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/batch.h"
#include "cli/inputs.h"
#include "cli/progress.h"
#include "pipeline/audit.h"
#include "pipeline/emit.h"
#include "pipeline/examples.h"
#include "pipeline/export.h"
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
#ifdef __GLIBC__
  // Compiling the rules leaves about 6 MB of freed heap in the main arena,
  // which worker threads (each allocating in its own arena) would never
  // reuse: given back, it is 6 MB off the peak RSS of a run.
  malloc_trim(0);
#endif
  return std::move(*pipeline);
}

// Rules by time spent, slowest first, on stderr.
void PrintRuleProfile(const Pipeline& pipeline, const BatchTotals& scratch) {
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

namespace {

// --resume: the documents an interrupted run already wrote, from the lines it
// left (each line's "doc"), checked against the inputs as they come again.
class ResumedDocuments {
 public:
  // For OutputFile::Resume: keeps lines that are whole records.
  bool Keep(std::string_view line) {
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object() || !record.contains("doc") ||
        !record["doc"].is_string()) {
      return false;
    }
    docs_.push_back(record["doc"].get<std::string>());
    return true;
  }

  size_t size() const { return docs_.size(); }

  // After the last input: every document written before was met again.
  Status CheckAllMet() const {
    if (next_ == docs_.size()) return Status::Ok();
    return Status::InvalidArgument("cannot resume: the interrupted run wrote " + std::to_string(docs_.size()) +
                                   " documents, the inputs now hold " + std::to_string(next_) +
                                   " (same inputs, in the same order, are needed)");
  }

  // Skips the next input when it was written already; an input that is not
  // the one written in its place means the inputs changed: no resume.
  Result<bool> Skip(const InputDocument& doc) {
    if (next_ >= docs_.size()) return false;
    if (doc.id != docs_[next_]) {
      return Status::InvalidArgument("cannot resume: document " + std::to_string(next_ + 1) + " is now " +
                                     doc.id + ", the interrupted run wrote " + docs_[next_] +
                                     " (same inputs, in the same order, are needed)");
    }
    ++next_;
    return true;
  }

 private:
  std::vector<std::string> docs_;
  size_t next_ = 0;
};

// An InputSource that leaves out the documents a resumed run already wrote.
class ResumingInputs : public InputSource {
 public:
  ResumingInputs(std::vector<std::string> paths, bool jsonl_in, ResumedDocuments* resumed)
      : InputSource(std::move(paths), jsonl_in), resumed_(resumed) {}

  bool Next(InputDocument* doc) override {
    while (InputSource::Next(doc)) {
      Result<bool> skip = resumed_->Skip(*doc);
      if (!skip.ok()) {
        error_ = skip.status();
        return false;
      }
      if (!*skip) return true;
    }
    return false;
  }

  const Status& error() const { return error_; }

 private:
  ResumedDocuments* resumed_;
  Status error_;
};

void PrintError(const Status& s) { std::cerr << "solieu: " << s.message() << "\n"; }

}  // namespace

int RunExtract(const ExtractOptions& options) {
  if (!options.encoding.empty() && !IsKnownEncoding(options.encoding)) {
    std::cerr << "solieu: unknown --encoding '" << options.encoding << "'\n";
    return kExitUsage;
  }
  ExportFormat format;
  if (!ParseExportFormat(options.format, &format)) {
    std::cerr << "solieu: unknown --format '" << options.format << "' (jsonl, csv, sqlite)\n";
    return kExitUsage;
  }
  if (options.resume && options.output == "-") {
    std::cerr << "solieu: --resume continues an output file: give it with -o FILE\n";
    return kExitUsage;
  }
  auto sink = NewSink(format, SinkContent::kRecords, options.output);
  if (!sink.ok()) {
    PrintError(sink.status());
    return kExitUsage;
  }
  PipelineOptions po;
  po.decode.encoding = options.encoding;
  po.max_document_bytes = static_cast<size_t>(options.max_doc_mb * 1024 * 1024);
  const int jobs =
      options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  po.rules.threads = jobs;
  auto pipeline = MakePipeline(options.common, po);
  if (!pipeline) return kExitUsage;

  ResumedDocuments resumed;
  const Status begun = options.resume
                           ? (*sink)->BeginResumed([&](std::string_view line) { return resumed.Keep(line); })
                           : (*sink)->Begin();
  if (!begun.ok()) {
    PrintError(begun);
    return kExitUsage;
  }
  if (options.resume) {
    std::cerr << "solieu: resuming " << options.output << " after " << resumed.size() << " documents\n";
  }
  ResumingInputs inputs(options.paths, options.jsonl_in, &resumed);

  BatchOptions batch;
  batch.jobs = jobs;
  batch.profile_rules = options.profile_rules;
  const bool renders = (*sink)->CanRender();
  if (renders) batch.render = [&sink](const Record& r, std::string* out) { (*sink)->Render(r, out); };
  const bool show_progress = !options.quiet && (options.progress || ::isatty(STDERR_FILENO));
  Progress progress(show_progress, show_progress ? InputBytes(options.paths) : 0);
  bool unreadable = false;
  BatchTotals totals;
  const Status run = RunBatch(
      *pipeline, &inputs, batch,
      [&](const Record& record, std::string_view rendered, size_t) -> Status {
        if (!record.error.empty()) {
          unreadable = true;
          std::cerr << (show_progress ? "\r\033[K" : "") << "solieu: " << record.doc << ": " << record.error << "\n";
        }
        if (Status s = renders ? (*sink)->AddRendered(rendered) : (*sink)->Add(record); !s.ok()) {
          return s;
        }
        progress.Update(totals.documents, totals.bytes);
        return Status::Ok();
      },
      &totals);
  Status finished = run.ok() ? inputs.error() : run;
  if (finished.ok()) finished = resumed.CheckAllMet();
  if (finished.ok()) finished = (*sink)->Finish();
  progress.Finish(totals.documents, totals.bytes);
  if (!finished.ok()) {
    PrintError(finished);
    return kExitUsage;
  }
  if (options.profile_rules) PrintRuleProfile(*pipeline, totals);
  return unreadable ? kExitUnreadable : kExitOk;
}

bool ParseTolerance(std::string text, double* fraction) {
  if (!text.empty() && text.back() == '%') text.pop_back();
  if (text.empty()) return false;
  char* end = nullptr;
  const double percent = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !(percent >= 0) || percent >= 100) return false;
  *fraction = percent / 100;
  return true;
}

int RunAudit(const AuditCommandOptions& options) {
  ExportFormat format;
  if (!ParseExportFormat(options.format, &format)) {
    std::cerr << "solieu: unknown --format '" << options.format << "' (jsonl, csv, sqlite)\n";
    return kExitUsage;
  }
  AuditOptions audit_options;
  if (!ParseTolerance(options.tolerance, &audit_options.tolerance)) {
    std::cerr << "solieu: --tolerance wants a percent from 0 to 100, such as 0.5\n";
    return kExitUsage;
  }
  // The report replaces JSON Lines; beside csv or sqlite it goes to stdout.
  const bool report_only = options.summary && format == ExportFormat::kJsonl;
  if (options.summary && !report_only && options.output == "-") {
    std::cerr << "solieu: --summary with --format " << options.format << " needs -o FILE\n";
    return kExitUsage;
  }
  std::unique_ptr<Sink> sink;
  if (!report_only) {
    auto made = NewSink(format, SinkContent::kFindings, options.output);
    if (!made.ok()) {
      std::cerr << "solieu: " << made.status().message() << "\n";
      return kExitUsage;
    }
    sink = std::move(*made);
  }
  std::unique_ptr<OutputFile> report;  // the --summary report
  if (options.summary) {
    report = std::make_unique<OutputFile>();
    if (Status s = report->Open(report_only ? options.output : "-"); !s.ok()) {
      std::cerr << "solieu: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  if (sink) {
    if (Status s = sink->Begin(); !s.ok()) {
      std::cerr << "solieu: " << s.message() << "\n";
      return kExitUsage;
    }
  }

  Auditor auditor(audit_options);
  Record record;
  bool sink_failed = false;
  const bool unreadable = !ReadJsonLines(options.paths, [&](const nlohmann::ordered_json& json, bool* stop) {
    const AuditStats before = auditor.stats();
    if (Status s = auditor.AddRecord(json); !s.ok()) return s;
    // Records go to a database too; a duplicate document is skipped there as well.
    const bool added = auditor.stats().documents + auditor.stats().error_records !=
                       before.documents + before.error_records;
    if (!sink || !sink->WantsRecords() || !added) return Status::Ok();
    if (Status s = ParseRecord(json, &record); !s.ok()) return s;
    if (Status s = sink->Add(record); !s.ok()) {
      std::cerr << "solieu: " << s.message() << "\n";
      sink_failed = *stop = true;
    }
    return Status::Ok();
  });
  if (sink_failed) return kExitUsage;

  const AuditStats& stats = auditor.stats();
  size_t counts[3] = {0, 0, 0};  // conflict, corroboration, inconsistency
  std::string text;
  if (report) {
    text = "solieu audit: " + std::to_string(stats.documents) + " documents, " + std::to_string(stats.indicators) +
           " indicators (" + std::to_string(stats.keyed) + " with scope, measure and period)";
    if (stats.error_records) text += ", " + std::to_string(stats.error_records) + " error records skipped";
    if (stats.duplicate_docs) text += ", " + std::to_string(stats.duplicate_docs) + " repeated documents skipped";
    text += "; tolerance " + options.tolerance + (options.tolerance.back() == '%' ? "" : "%") + "\n\n";
  }
  Status s = auditor.Run([&](const Finding& f) -> Status {
    counts[f.kind == "conflict" ? 0 : f.kind == "corroboration" ? 1 : 2]++;
    if (sink) {
      if (Status st = sink->Add(f); !st.ok()) return st;
    }
    if (report) {
      AppendFindingText(f, &text);
      text.push_back('\n');
      if (Status st = report->Write(text); !st.ok()) return st;
      text.clear();
    }
    return Status::Ok();
  });
  if (s.ok() && sink) s = sink->Finish();
  if (s.ok() && report) {
    text += std::to_string(counts[0]) + " conflicts, " + std::to_string(counts[1]) + " corroborations, " +
            std::to_string(counts[2]) + " inconsistencies\n";
    s = report->Write(text);
    if (s.ok()) s = report->Commit();
  }
  if (!s.ok()) {
    std::cerr << "solieu: " << s.message() << "\n";
    return kExitUsage;
  }
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
              << ", builder " << rule.builder << ", priority " << rule.priority
              << ", program size " << rule.re->ProgramSize()
              << ")\n  "
              << rule.pattern << "\n";
  }
  return kExitOk;
}

}  // namespace solieu
