// Replays the fuzz seed corpora (fuzz/corpus/<target>/) and the inputs that
// once failed (fuzz/regressions/<target>/) through the fuzzers' own checks
// (fuzz/fuzz_checks.h), so that the normal build keeps them passing.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "fuzz/fuzz_checks.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace solieu::testing;

namespace {

// The files of fuzz/<kind>/<target>/, sorted; none when the folder is absent.
std::vector<fs::path> Inputs(const std::string& kind, const std::string& target) {
  std::vector<fs::path> files;
  std::error_code ec;
  const fs::path dir = fs::path(SourceDir()) / "fuzz" / kind / target;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

size_t Replay(const std::string& kind, const std::string& target) {
  const std::vector<fs::path> files = Inputs(kind, target);
  for (const fs::path& file : files) {
    const std::string error = solieu::fuzz::Check(target, ReadFile(file.string()));
    CHECK_MESSAGE(error.empty(), file.string() << ": " << error);
  }
  return files.size();
}

struct InitOnce {
  InitOnce() { solieu::fuzz::Init(RulesDir()); }
};
const InitOnce init_once;

}  // namespace

TEST_CASE("every fuzz target has a seed corpus that passes its checks") {
  for (const std::string& target : solieu::fuzz::TargetNames()) {
    CAPTURE(target);
    CHECK(Replay("corpus", target) >= 3);
  }
}

TEST_CASE("the inputs fuzzing found still pass the checks") {
  for (const std::string& target : solieu::fuzz::TargetNames()) {
    CAPTURE(target);
    Replay("regressions", target);
  }
}

TEST_CASE("the checks catch what they are meant to") {
  // An unknown target is an error, not a pass.
  CHECK_FALSE(solieu::fuzz::Check("nonsense", "x").empty());
  // Tiny inputs of every kind pass.
  for (const std::string& target : solieu::fuzz::TargetNames()) {
    CAPTURE(target);
    CHECK(solieu::fuzz::Check(target, "").empty());
    CHECK(solieu::fuzz::Check(target, std::string_view("\xff\xfe\x00", 3)).empty());
  }
  CHECK(solieu::fuzz::Check("jsonl", "{\"id\": \"a\", \"text\": \"35 người\"}\nnot json\n\n").empty());
  CHECK(solieu::fuzz::Check("rules", "rule x\n  pattern (\n").empty());
}
