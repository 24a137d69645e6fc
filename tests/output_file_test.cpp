#include "util/output_file.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace solieu {
namespace {

namespace fs = std::filesystem;

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST_CASE("a regular file appears whole at Commit, and not before") {
  const std::string dir = testing::TempDir("out");
  const std::string path = dir + "/records.jsonl";
  OutputFile out;
  REQUIRE(out.Open(path).ok());
  REQUIRE(out.Write("line 1\n").ok());
  CHECK_FALSE(fs::exists(path));
  REQUIRE(out.Commit().ok());
  CHECK(testing::ReadFile(path) == "line 1\n");
  CHECK(FilesIn(dir) == 1);
}

TEST_CASE("without Commit the old file stays and the temporary goes") {
  const std::string dir = testing::TempDir("out");
  const std::string path = dir + "/records.jsonl";
  testing::WriteFile(path, "old\n");
  {
    OutputFile out;
    REQUIRE(out.Open(path).ok());
    REQUIRE(out.Write("new, never committed\n").ok());
  }
  CHECK(testing::ReadFile(path) == "old\n");
  CHECK(FilesIn(dir) == 1);
}

TEST_CASE("a full disk is an error at Commit, not a silent loss") {
  OutputFile out;
  REQUIRE(out.Open("/dev/full").ok());  // a device: written directly
  std::string big(1 << 20, 'x');
  (void)out.Write(big);
  const Status s = out.Commit();
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("/dev/full") != std::string::npos);
}

TEST_CASE("a folder that does not exist is an error at Open") {
  OutputFile out;
  const Status s = out.Open("/nonexistent-dir/records.jsonl");
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("/nonexistent-dir/records.jsonl") != std::string::npos);
}

TEST_CASE("a symbolic link is written through, never replaced") {
  const std::string dir = testing::TempDir("out");
  testing::WriteFile(dir + "/target", "");
  fs::create_symlink(dir + "/target", dir + "/link");
  OutputFile out;
  REQUIRE(out.Open(dir + "/link").ok());
  REQUIRE(out.Write("through\n").ok());
  REQUIRE(out.Commit().ok());
  CHECK(fs::is_symlink(dir + "/link"));
  CHECK(testing::ReadFile(dir + "/target") == "through\n");
}

TEST_CASE("Resume continues a partial file after its last whole line") {
  const std::string dir = testing::TempDir("out");
  const std::string path = dir + "/records.jsonl";
  testing::WriteFile(path + ".partial", "one\ntwo\nthr");  // killed in the middle of a line
  std::vector<std::string> seen;
  OutputFile out;
  REQUIRE(out.Resume(path, [&](std::string_view line) {
                seen.emplace_back(line);
                return true;
              }).ok());
  CHECK(seen == std::vector<std::string>{"one", "two"});
  REQUIRE(out.Write("three\n").ok());
  REQUIRE(out.Commit().ok());
  CHECK(testing::ReadFile(path) == "one\ntwo\nthree\n");
  CHECK(FilesIn(dir) == 1);
}

TEST_CASE("Resume keeps lines only as long as they are accepted") {
  const std::string dir = testing::TempDir("out");
  const std::string path = dir + "/records.jsonl";
  testing::WriteFile(path + ".partial", "good\nbad\ngood again\n");
  OutputFile out;
  REQUIRE(out.Resume(path, [](std::string_view line) { return line != "bad"; }).ok());
  REQUIRE(out.Write("new\n").ok());
  REQUIRE(out.Commit().ok());
  CHECK(testing::ReadFile(path) == "good\nnew\n");
}

TEST_CASE("Resume without a partial file starts empty; a failed resumed run keeps its partial file") {
  const std::string dir = testing::TempDir("out");
  const std::string path = dir + "/records.jsonl";
  {
    OutputFile out;
    int lines = 0;
    REQUIRE(out.Resume(path, [&](std::string_view) { return ++lines > 0; }).ok());
    CHECK(lines == 0);
    REQUIRE(out.Write("first\n").ok());
    // Never committed: the next run may resume it.
  }
  CHECK(testing::ReadFile(path + ".partial") == "first\n");
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("two runs never write one output at the same time") {
  const std::string dir = testing::TempDir("out");
  const std::string path = dir + "/records.jsonl";
  OutputFile first, second;
  REQUIRE(first.Open(path).ok());
  const Status s = second.Open(path);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("another run") != std::string::npos);
  REQUIRE(first.Write("x\n").ok());
  REQUIRE(first.Commit().ok());
  CHECK(testing::ReadFile(path) == "x\n");
}

}  // namespace
}  // namespace solieu
