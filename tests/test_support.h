// Helpers shared by the tests: paths, the bundled rules, and running the
// real `solieu` binary.
#ifndef SOLIEU_TESTS_TEST_SUPPORT_H_
#define SOLIEU_TESTS_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace solieu::testing {

std::string SourceDir();
std::string RulesDir();
// ../shared, or "" when it is absent (tests then skip with a message).
std::string SharedDir();

// A pipeline over the bundled rules; `types` as in RuleSetOptions.
const Pipeline& BundledPipeline(const std::vector<std::string>& types = {});

// Processes `text` as one document with the bundled rules.
Record Process(const std::string& text);
// The norms of `type` that come out of `text`, in order.
std::vector<std::string> Norms(const std::string& text, const std::string& type);

// Normalized lines to check rules on: every rule's examples, the sample
// documents of corpus/ and, when present, ../shared's documents (a message
// says when they are absent, naming `checked`, what the caller checks).
std::vector<std::string> SampleLines(const Pipeline& pipeline, const std::string& checked);

struct CommandResult {
  int status = -1;
  std::string out, err;
};
// Runs the solieu binary with `args` (shell-quoted here), feeding `input`
// on stdin.
CommandResult RunSolieu(const std::vector<std::string>& args, const std::string& input = "");

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);
// A fresh empty folder in the temporary space, removed with the others of
// this process when it exits.
std::string TempDir(const std::string& name);

}  // namespace solieu::testing

#endif  // SOLIEU_TESTS_TEST_SUPPORT_H_
