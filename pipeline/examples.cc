#include "pipeline/examples.h"

#include <algorithm>

namespace solieu {
namespace {

std::string JoinNorms(const std::vector<std::string>& norms) {
  if (norms.empty()) return "-";
  std::string out;
  for (size_t i = 0; i < norms.size(); ++i) out += (i ? " | " : "") + norms[i];
  return out;
}

}  // namespace

ExampleReport RunExamples(const Pipeline& pipeline) {
  ExampleReport report;
  auto workspace = pipeline.NewWorkspace();
  Record record;
  for (const Rule& rule : pipeline.rules().rules()) {
    for (const RuleExample& ex : rule.examples) {
      ++report.examples;
      ExampleFailure failure{ex.file + ":" + std::to_string(ex.line), rule.id, ex.text, ex.norms, {}, {}};
      if (rule.type == "segment") {
        const std::string normalized = pipeline.normalizer().NormalizeString(ex.text);
        failure.got = {SegmentKindName(pipeline.segmenter().Classify(normalized))};
        if (failure.got != ex.norms) {
          failure.reason = "wrong segment kind";
          report.failures.push_back(std::move(failure));
        }
        continue;
      }
      pipeline.Process(ex.text, workspace.get(), &record);
      bool fired = false;
      // A block rule's examples list what remains of every type; a place
      // rule's, the places the linker found.
      const bool block = rule.type == "block";
      const std::vector<Entity>& found =
          rule.type == "place" ? workspace->document.places : record.entities;
      for (const Entity& e : found) {
        if (block || e.type == rule.type) failure.got.push_back(e.norm);
        fired |= e.rule == rule.id;
      }
      if (!record.error.empty()) {
        failure.reason = "the document failed: " + record.error;
      } else if (failure.got != ex.norms) {
        failure.reason = "wrong norms";
      } else if (!block && !ex.norms.empty() && !fired) {
        failure.reason = "right norms, but another rule made them";
      } else {
        continue;
      }
      report.failures.push_back(std::move(failure));
    }
  }
  return report;
}

std::string DescribeFailure(const ExampleFailure& f) {
  return f.where + ": rule " + f.rule + ": " + f.reason + ": \"" + f.text + "\" => expected " +
         JoinNorms(f.expected) + ", got " + JoinNorms(f.got);
}

}  // namespace solieu
