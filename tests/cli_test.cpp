// The command line, run as a user runs it: exit statuses, bad inputs, the
// atomic output file, stdin and --jsonl-in.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "tests/test_support.h"

namespace solieu {
namespace {

namespace fs = std::filesystem;
using testing::RunSolieu;
using testing::TempDir;
using testing::WriteFile;

std::vector<nlohmann::json> Lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

constexpr const char* kDoc = "Ngày 30/8, huyện có 74,4% hộ dùng nước sạch.\n";

TEST_CASE("a folder is read recursively, text files and web pages only, in sorted order") {
  const std::string dir = TempDir("folder");
  fs::create_directories(dir + "/b");
  WriteFile(dir + "/b/z.txt", kDoc);
  WriteFile(dir + "/a.txt", kDoc);
  WriteFile(dir + "/c.html", std::string("<html><body><p>") + kDoc + "</p></body></html>");
  WriteFile(dir + "/d.htm", kDoc);
  WriteFile(dir + "/notes.md", kDoc);
  WriteFile(dir + "/data.csv", kDoc);
  const auto r = RunSolieu({"extract", dir});
  CHECK(r.status == 0);
  const auto lines = Lines(r.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["doc"] == dir + "/a.txt");
  CHECK(lines[1]["doc"] == dir + "/b/z.txt");
  CHECK(lines[2]["doc"] == dir + "/c.html");
  CHECK(lines[3]["doc"] == dir + "/d.htm");
  for (const auto& line : lines) CHECK(line["entities"].size() == 2);
}

TEST_CASE("a file named explicitly is read whatever its extension") {
  const std::string dir = TempDir("explicit");
  WriteFile(dir + "/page.html", kDoc);
  const auto r = RunSolieu({"extract", dir + "/page.html"});
  CHECK(r.status == 0);
  REQUIRE(Lines(r.out).size() == 1);
}

TEST_CASE("stdin with -") {
  const auto r = RunSolieu({"extract", "-"}, kDoc);
  CHECK(r.status == 0);
  const auto lines = Lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["doc"] == "-");
  CHECK(lines[0]["entities"][1]["norm"] == "74.4");
}

TEST_CASE("--jsonl-in reads one document per line, and names bad lines") {
  const std::string input =
      "{\"id\": \"a\", \"text\": \"tăng 12,5% so với cùng kỳ\"}\n"
      "not json\n"
      "\n"
      "{\"id\": 7, \"text\": \"năm 2022\"}\n"
      "{\"id\": \"no-text\"}\n";
  const auto r = RunSolieu({"extract", "--jsonl-in", "-"}, input);
  CHECK(r.status == 2);
  const auto lines = Lines(r.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["doc"] == "a");
  CHECK(lines[0]["entities"][0]["norm"] == "12.5");
  CHECK(lines[1].contains("error"));
  CHECK(lines[1]["doc"] == "-:2");
  CHECK(lines[2]["doc"] == "7");
  CHECK(lines[2]["entities"][0]["norm"] == "2022");
  CHECK(lines[3]["doc"] == "no-text");
  CHECK(lines[3].contains("error"));
  CHECK(r.err.find("line 2") != std::string::npos);
}

TEST_CASE("bad inputs: a message naming the path, an error line, the batch goes on, status 2") {
  const std::string dir = TempDir("bad");
  WriteFile(dir + "/good.txt", kDoc);
  WriteFile(dir + "/binary.txt", std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10));
  WriteFile(dir + "/empty.txt", "");
  fs::create_directories(dir + "/nodocs");
  WriteFile(dir + "/nodocs/readme.md", "x");
  fs::create_symlink(dir + "/gone.txt", dir + "/dangling.txt");
  const auto r = RunSolieu({"extract", dir + "/missing.txt", dir + "/binary.txt", dir + "/empty.txt",
                            dir + "/nodocs", dir + "/dangling.txt", dir + "/good.txt"});
  CHECK(r.status == 2);
  const auto lines = Lines(r.out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0]["doc"] == dir + "/missing.txt");
  CHECK(lines[0].contains("error"));
  CHECK(lines[1].contains("error"));
  CHECK(lines[1]["error"].get<std::string>().find("binary") != std::string::npos);
  // An empty file is simply a record with no entities.
  CHECK_FALSE(lines[2].contains("error"));
  CHECK(lines[2]["entities"].empty());
  CHECK(lines[2]["chars"] == 0);
  CHECK(lines[3]["doc"] == dir + "/nodocs");
  CHECK(lines[3].contains("error"));
  CHECK(lines[4].contains("error"));
  CHECK(lines[5]["entities"].size() == 2);
  for (const std::string name : {"missing.txt", "binary.txt", "nodocs", "dangling.txt"}) {
    CHECK_MESSAGE(r.err.find(dir + "/" + name) != std::string::npos, name << " not named on stderr");
  }
}

TEST_CASE("an unreadable file (skipped as root, who reads everything)") {
  if (::geteuid() == 0) {
    MESSAGE("running as root: file permissions cannot make a file unreadable; skipped");
    return;
  }
  const std::string dir = TempDir("unreadable");
  WriteFile(dir + "/secret.txt", kDoc);
  ::chmod((dir + "/secret.txt").c_str(), 0);
  const auto r = RunSolieu({"extract", dir + "/secret.txt"});
  CHECK(r.status == 2);
  CHECK(r.err.find("secret.txt") != std::string::npos);
}

TEST_CASE("all good documents: status 0; an empty file alone: status 0") {
  const std::string dir = TempDir("good");
  WriteFile(dir + "/empty.txt", "");
  const auto r = RunSolieu({"extract", dir + "/empty.txt"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
}

TEST_CASE("a 50 MB single-line document is processed") {
  const std::string dir = TempDir("huge");
  std::string line;
  line.reserve(50u << 20);
  // One line of many sentences, as a text dump without line breaks looks,
  // with about as many figures as real reports have.
  const std::string piece =
      "Tỷ lệ hộ dùng nước sạch đạt 74,4% và tăng 2,5 điểm phần trăm so với năm 2022. Ban Thường "
      "vụ Huyện ủy tập trung lãnh đạo, chỉ đạo công tác xây dựng Đảng và hệ thống chính trị, coi "
      "đây là nhiệm vụ then chốt để lãnh đạo nhân dân phát triển kinh tế - xã hội. ";
  while (line.size() < (50u << 20)) line += piece;
  WriteFile(dir + "/huge.txt", line);
  const auto r = RunSolieu({"extract", dir + "/huge.txt", "-o", dir + "/out.jsonl"});
  CHECK(r.status == 0);
  const auto lines = Lines(testing::ReadFile(dir + "/out.jsonl"));
  REQUIRE(lines.size() == 1);
  const size_t pieces = line.size() / piece.size();
  CHECK(lines[0]["entities"].size() == 3 * pieces);
}

TEST_CASE("-o writes a temporary file beside the target and renames it at the end") {
  const std::string dir = TempDir("atomic");
  WriteFile(dir + "/a.txt", kDoc);
  WriteFile(dir + "/out.jsonl", "old content\n");
  // A failing run (bad rules) leaves the old file as it was and no temporary.
  const auto bad = RunSolieu({"extract", dir + "/a.txt", "-o", dir + "/out.jsonl", "--rules", dir});
  CHECK(bad.status == 1);
  CHECK(testing::ReadFile(dir + "/out.jsonl") == "old content\n");
  const auto good = RunSolieu({"extract", dir + "/a.txt", "-o", dir + "/out.jsonl"});
  CHECK(good.status == 0);
  CHECK(Lines(testing::ReadFile(dir + "/out.jsonl")).size() == 1);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    ++files;
    CHECK(entry.path().filename().string().find(".partial") == std::string::npos);
  }
  CHECK(files == 2);
}

// A folder of documents whose figures differ from one to the next, with an
// empty folder and a document of three stray bytes among them.
std::string VariedFolder(int documents) {
  const std::string dir = TempDir("varied");
  for (int i = 0; i < documents; ++i) {
    std::string text = "Huyện Kon Rẫy\n\nNgày " + std::to_string(1 + i % 28) + "/8/2023, toàn huyện có " +
                       std::to_string(1000 + 7 * i) + " đảng viên, tăng " + std::to_string(i % 13) +
                       ",5% so với cùng kỳ.\n";
    // Some documents much longer than others, so that workers finish out of order.
    for (int k = 0; k < (i % 5 == 0 ? 400 : 1); ++k) text += "Thu ngân sách đạt 12,3 tỷ đồng.\n";
    char name[32];
    std::snprintf(name, sizeof name, "/d%03d.txt", i);
    WriteFile(dir + name, text);
  }
  fs::create_directories(dir + "/d010.txt.d");  // a folder among the files
  WriteFile(dir + "/d020.txt", "\xFF\xFE\x00");  // a UTF-16 BOM and half a character
  return dir;
}

TEST_CASE("-j N writes the same bytes as -j 1, in input order") {
  const std::string dir = VariedFolder(60);
  const auto one = RunSolieu({"extract", "-j", "1", dir, dir + "/missing.txt"});
  CHECK(one.status == 2);  // the missing file
  const auto lines = Lines(one.out);
  REQUIRE(lines.size() == 61);
  CHECK(lines[0]["doc"] == dir + "/d000.txt");
  CHECK(lines[59]["doc"] == dir + "/d059.txt");
  CHECK(lines[60]["doc"] == dir + "/missing.txt");
  CHECK(lines[60].contains("error"));
  for (const char* jobs : {"2", "3", "8"}) {
    const auto many = RunSolieu({"extract", "-j", jobs, dir, dir + "/missing.txt"});
    CHECK(many.status == 2);
    CHECK(many.out == one.out);
  }
}

TEST_CASE("progress goes to stderr when asked, never into the output") {
  const std::string dir = VariedFolder(5);
  const auto plain = RunSolieu({"extract", dir});
  CHECK(plain.err.find("documents") == std::string::npos);  // stderr is not a terminal here
  const auto shown = RunSolieu({"extract", "--progress", dir});
  CHECK(shown.err.find("6 documents") != std::string::npos);
  CHECK(shown.out == plain.out);
  const auto quiet = RunSolieu({"extract", "--quiet", dir});
  CHECK(quiet.err.find("documents") == std::string::npos);
  CHECK(RunSolieu({"extract", "--quiet", "--progress", dir}).status == 1);
}

TEST_CASE("a full disk or a closed stdout: a message and status 1, never a crash") {
  const auto full = RunSolieu({"extract", "-", "-o", "/dev/full"}, std::string(2000, 'x') + kDoc);
  CHECK(full.status == 1);
  CHECK(full.err.find("/dev/full") != std::string::npos);
  // Standard output closed before the program starts.
  const std::string dir = TempDir("closed");
  WriteFile(dir + "/in.txt", kDoc);
  const std::string cmd = std::string(SOLIEU_BINARY) + " extract " + dir + "/in.txt >&- 2>" + dir + "/err";
  const int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 1);
  CHECK_FALSE(testing::ReadFile(dir + "/err").empty());
}

TEST_CASE("--resume needs a JSON Lines output file and the same inputs") {
  const std::string dir = VariedFolder(6);
  CHECK(RunSolieu({"extract", "--resume", dir}).status == 1);
  CHECK(RunSolieu({"extract", "--resume", "--format", "csv", dir, "-o", dir + "/out.csv"}).status == 1);
  const auto whole = RunSolieu({"extract", dir});
  // What a killed run leaves: two whole lines and half of the third.
  const auto lines_end = [&](int n) {
    size_t pos = 0;
    for (int i = 0; i < n; ++i) pos = whole.out.find('\n', pos) + 1;
    return pos;
  };
  WriteFile(dir + "/out.jsonl.partial", whole.out.substr(0, lines_end(2) + 40));
  const auto resumed = RunSolieu({"extract", "--resume", dir, "-o", dir + "/out.jsonl"});
  CHECK(resumed.status == 0);
  CHECK(resumed.err.find("after 2 documents") != std::string::npos);
  CHECK(testing::ReadFile(dir + "/out.jsonl") == whole.out);
  CHECK_FALSE(fs::exists(dir + "/out.jsonl.partial"));
  // Other inputs than the interrupted run's: refused, the partial file kept.
  WriteFile(dir + "/out.jsonl.partial", whole.out.substr(0, lines_end(2)));
  const auto other = RunSolieu({"extract", "--resume", dir + "/d001.txt", "-o", dir + "/out.jsonl"});
  CHECK(other.status == 1);
  CHECK(other.err.find("cannot resume") != std::string::npos);
  CHECK(testing::ReadFile(dir + "/out.jsonl.partial") == whole.out.substr(0, lines_end(2)));
}

TEST_CASE("-o to a path that is not a regular file is written directly") {
  const auto r = RunSolieu({"extract", "-", "-o", "/dev/stdout"}, kDoc);
  CHECK(r.status == 0);
  CHECK(Lines(r.out).size() == 1);
}

TEST_CASE("usage errors: status 1 and a message") {
  CHECK(RunSolieu({}).status == 1);
  CHECK(RunSolieu({"extract"}).status == 1);
  CHECK(RunSolieu({"frobnicate"}).status == 1);
  const auto enc = RunSolieu({"extract", "-", "--encoding", "ebcdic"}, kDoc);
  CHECK(enc.status == 1);
  CHECK(enc.err.find("ebcdic") != std::string::npos);
  const auto help = RunSolieu({"extract", "--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("Exit status") != std::string::npos);
}

TEST_CASE("a bad rule file stops the run with file:line and RE2's message") {
  const std::string dir = TempDir("badrules");
  WriteFile(dir + "/x.rules", "# a comment\nrule x.one\n  pattern (?P<num>\\d+\n");
  const auto r = RunSolieu({"extract", "-", "--rules", dir}, kDoc);
  CHECK(r.status == 1);
  CHECK(r.err.find(dir + "/x.rules:3") != std::string::npos);
  CHECK(r.err.find("missing )") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("solieu parse prints one entity per line, filtered by --type") {
  const auto r = RunSolieu({"parse", "ngày 30/3/2007 đạt 74,4%"});
  CHECK(r.status == 0);
  const auto lines = Lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["type"] == "date");
  CHECK(lines[0]["norm"] == "2007-03-30");
  CHECK(lines[0]["text"] == "ngày 30/3/2007");
  const auto only = RunSolieu({"parse", "--type", "percent", "ngày 30/3/2007 đạt 74,4%"});
  REQUIRE(Lines(only.out).size() == 1);
  CHECK(Lines(only.out)[0]["norm"] == "74.4");
}

TEST_CASE("solieu rules test passes on the bundled rules and fails with file:line on a bad example") {
  const auto good = RunSolieu({"rules", "test"});
  CHECK_MESSAGE(good.status == 0, good.out);
  const std::string dir = TempDir("examples");
  WriteFile(dir + "/percent.rules",
            "rule percent.sign\n  pattern (?P<num>\\d+)%\n  example đạt 74% => 74\n"
            "  example đạt 75% => 74\n");
  const auto bad = RunSolieu({"rules", "test", "--rules", dir});
  CHECK(bad.status == 1);
  CHECK(bad.out.find(dir + "/percent.rules:4") != std::string::npos);
  CHECK(bad.out.find("1/2 rule examples pass") != std::string::npos);
}

}  // namespace
}  // namespace solieu
