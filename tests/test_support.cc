#include "tests/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace solieu::testing {

namespace fs = std::filesystem;

std::string SourceDir() { return SOLIEU_SOURCE_DIR; }
std::string RulesDir() { return SourceDir() + "/rules"; }

std::string SharedDir() {
  std::error_code ec;
  if (fs::is_directory(std::string(SOLIEU_SHARED_DIR) + "/eval", ec)) return SOLIEU_SHARED_DIR;
  return "";
}

std::vector<std::string> SampleLines(const Pipeline& pipeline, const std::string& checked) {
  std::vector<std::string> lines;
  for (const Rule& rule : pipeline.rules().rules()) {
    for (const RuleExample& example : rule.examples) lines.push_back(example.text);
  }
  std::vector<std::string> dirs = {SourceDir() + "/corpus"};
  if (const std::string shared = SharedDir(); !shared.empty()) {
    dirs.push_back(shared + "/corpus");
    dirs.push_back(shared + "/eval/dev/corpus");
  } else {
    MESSAGE("../shared is absent: " << checked << " checked on corpus/ and the rules' examples only");
  }
  for (const std::string& dir : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".txt") continue;
      std::istringstream text(ReadFile(entry.path().string()));
      for (std::string line; std::getline(text, line);) lines.push_back(line);
    }
  }
  for (std::string& line : lines) {
    Normalized normalized;
    pipeline.normalizer().Normalize(line, &normalized);
    line = normalized.text;
  }
  return lines;
}

const Pipeline& BundledPipeline(const std::vector<std::string>& types) {
  static std::mutex mu;
  static std::map<std::vector<std::string>, std::unique_ptr<Pipeline>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[types];
  if (!slot) {
    PipelineOptions options;
    options.rules_dir = RulesDir();
    options.rules.types = types;
    auto p = Pipeline::Create(options);
    if (!p.ok()) throw std::runtime_error(p.status().message());
    slot = std::move(*p);
  }
  return *slot;
}

Record Process(const std::string& text) {
  const Pipeline& p = BundledPipeline();
  auto w = p.NewWorkspace();
  Record r;
  p.Process(text, w.get(), &r);
  return r;
}

std::vector<std::string> Norms(const std::string& text, const std::string& type) {
  std::vector<std::string> norms;
  for (const Entity& e : Process(text).entities) {
    if (e.type == type) norms.push_back(e.norm);
  }
  return norms;
}

namespace {
std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}
}  // namespace

CommandResult RunSolieu(const std::vector<std::string>& args, const std::string& input) {
  const std::string dir = TempDir("run");
  const std::string in = dir + "/stdin", out = dir + "/stdout", err = dir + "/stderr";
  WriteFile(in, input);
  std::string cmd = Quote(SOLIEU_BINARY);
  for (const std::string& a : args) cmd += " " + Quote(a);
  cmd += " <" + Quote(in) + " >" + Quote(out) + " 2>" + Quote(err);
  const int raw = std::system(cmd.c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

namespace {

// One folder per test process holds every TempDir; it goes when the process
// exits, so repeated runs do not fill the temporary space (one test alone
// writes 275 MB: a 50 MB document and its output).
class TempRoot {
 public:
  TempRoot()
      : path_(fs::temp_directory_path() / ("solieu-test-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempRoot() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::string TempDir(const std::string& name) {
  static const TempRoot root;
  static std::atomic<int> counter = 0;
  const fs::path dir = root.path() / (name + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  return dir.string();
}

}  // namespace solieu::testing
