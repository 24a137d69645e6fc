// The offset invariant (DESIGN.md, invariant 1) over every real document in
// ../shared and the bundled corpus, each in several encodings and forms: for
// every entity, the input bytes [byte_start, byte_end) decode to its text,
// and code points [start, end) of the decoded input are its text.  The
// entities themselves must not depend on the form (NFC or NFD, UTF-8 or
// UTF-16, no-break spaces, CRLF).
#include <doctest/doctest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "tests/test_support.h"

namespace solieu {
namespace {

namespace fs = std::filesystem;
using testing::BundledPipeline;

std::vector<std::string> Documents() {
  std::vector<std::string> paths;
  std::vector<std::string> dirs = {testing::SourceDir() + "/corpus",
                                   testing::SourceDir() + "/tests/data/html"};
  if (const std::string shared = testing::SharedDir(); !shared.empty()) {
    dirs.push_back(shared + "/eval/dev/corpus");
    dirs.push_back(shared + "/corpus");
    dirs.push_back(shared + "/corpus/legacy");
  } else {
    MESSAGE("../shared is absent: the offset property runs on the bundled corpus only");
  }
  for (const std::string& dir : dirs) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext == ".txt" || ext == ".html") paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string Nfd(const std::string& utf8) {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  icu::UnicodeString out = nfd->normalize(icu::UnicodeString::fromUTF8(utf8), ec);
  std::string s;
  return out.toUTF8String(s);
}

std::string Utf16Le(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string bytes;
  for (int32_t i = 0; i < u.length(); ++i) {
    bytes.push_back(static_cast<char>(u[i] & 0xFF));
    bytes.push_back(static_cast<char>(u[i] >> 8));
  }
  return bytes;
}

// Every other space a no-break space, every newline CRLF.
std::string Messy(const std::string& utf8) {
  std::string out;
  bool flip = false;
  for (char c : utf8) {
    if (c == ' ' && (flip = !flip)) out += "\xC2\xA0";
    else if (c == '\n') out += "\r\n";
    else out += c;
  }
  return out;
}

// Code points [start, end) of `decoded` (UTF-8).
std::string CodePoints(const std::string& decoded, size_t start, size_t end) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(decoded);
  const int32_t from = u.moveIndex32(0, static_cast<int32_t>(start));
  const int32_t to = u.moveIndex32(0, static_cast<int32_t>(end));
  std::string s;
  return u.tempSubStringBetween(from, to).toUTF8String(s);
}

struct Variant {
  std::string name, bytes, decoded;  // `decoded`: the input as UTF-8 text
  bool utf16 = false;
};

std::vector<Variant> Variants(const std::string& original) {
  return {
      {"original", original, original, false},
      {"NFD", Nfd(original), Nfd(original), false},
      {"UTF-8 BOM", "\xEF\xBB\xBF" + original, original, false},
      {"UTF-16LE", std::string("\xFF\xFE", 2) + Utf16Le(original), original, true},
      {"NBSP+CRLF", Messy(original), Messy(original), false},
  };
}

std::multiset<std::string> Keys(const Record& r) {
  std::multiset<std::string> keys;
  for (const Entity& e : r.entities) keys.insert(e.type + " " + e.norm);
  return keys;
}

TEST_CASE("every entity points back to its exact place in every form of every document") {
  const Pipeline& pipeline = BundledPipeline();
  auto workspace = pipeline.NewWorkspace();
  size_t documents = 0, entities = 0;
  for (const std::string& path : Documents()) {
    const std::string original = testing::ReadFile(path);
    std::multiset<std::string> reference;
    for (const Variant& v : Variants(original)) {
      Record r;
      pipeline.Process(v.bytes, workspace.get(), &r);
      INFO(path << " (" << v.name << ")");
      REQUIRE(r.error.empty());
      for (const Entity& e : r.entities) {
        INFO("entity " << e.type << " '" << e.text << "' " << e.byte_start << ".." << e.byte_end);
        REQUIRE(e.byte_start <= e.byte_end);
        REQUIRE(e.byte_end <= v.bytes.size());
        const std::string slice = v.bytes.substr(e.byte_start, e.byte_end - e.byte_start);
        CHECK(slice == (v.utf16 ? Utf16Le(e.text) : e.text));
        CHECK(CodePoints(v.decoded, e.start, e.end) == e.text);
        CHECK(!e.text.empty());
        ++entities;
      }
      // No-break spaces inside tags would change a page's markup, not its text.
      const bool page = path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0;
      if (v.name == "original") {
        reference = Keys(r);
      } else if (!(page && v.name == "NBSP+CRLF")) {
        CHECK(Keys(r) == reference);
      }
    }
    ++documents;
  }
  MESSAGE(documents << " documents, " << entities << " entities checked across 5 forms");
  CHECK(documents >= 4);
}

TEST_CASE("the output is a pure function of the input") {
  const Pipeline& pipeline = BundledPipeline();
  auto first = pipeline.NewWorkspace(), second = pipeline.NewWorkspace();
  const std::vector<std::string> docs = Documents();
  // The same documents through one reused workspace, forwards and backwards,
  // and through a fresh one, give the same records.
  std::map<std::string, std::multiset<std::string>> forward;
  for (const std::string& path : docs) {
    Record r;
    pipeline.Process(testing::ReadFile(path), first.get(), &r);
    forward[path] = Keys(r);
  }
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
    Record r;
    pipeline.Process(testing::ReadFile(*it), second.get(), &r);
    CHECK(Keys(r) == forward[*it]);
  }
}

TEST_CASE("a figure in a repeated paragraph is marked a duplicate and counted once") {
  const std::string passage =
      "Năm 2023, toàn huyện Kon Rẫy có 1.730 đảng viên, tăng 113 đảng viên so với đầu nhiệm kỳ.";
  const Record r = testing::Process("Kon Rẫy vững mạnh\n\n" + passage + "\n\nẢnh: tư liệu\n\n" + passage + "\n");
  std::vector<const Entity*> counts;
  for (const Entity& e : r.entities) {
    if (e.type == "count" && e.norm == "1730") counts.push_back(&e);
  }
  REQUIRE(counts.size() == 2);
  CHECK_FALSE(counts[0]->duplicate);
  CHECK(counts[1]->duplicate);
  CHECK(counts[1]->byte_start > counts[0]->byte_start);  // still located, in the second copy
  int indicators_of_1730 = 0;
  for (const Indicator& ind : r.indicators) {
    const Entity& e = r.entities[ind.entity];
    CHECK_FALSE(e.duplicate);
    indicators_of_1730 += e.norm == "1730";
  }
  CHECK(indicators_of_1730 == 1);
}

}  // namespace
}  // namespace solieu
