// cli/batch.h: documents go through the pipeline in groups, a step at a time
// over the whole group; every record must still be the one the document gets
// on its own, in input order, whatever the number of workers.
#include "cli/batch.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/emit.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

namespace fs = std::filesystem;

// Documents held in memory, handed out in order like files would be.
class MemoryInputs : public InputSource {
 public:
  explicit MemoryInputs(const std::vector<InputDocument>& docs) : InputSource({}, false), docs_(docs) {}
  bool Next(InputDocument* doc) override {
    if (next_ == docs_.size()) return false;
    *doc = docs_[next_++];
    return true;
  }

 private:
  const std::vector<InputDocument>& docs_;
  size_t next_ = 0;
};

InputDocument Doc(std::string id, std::string bytes) {
  InputDocument doc;
  doc.id = std::move(id);
  doc.bytes = std::move(bytes);
  return doc;
}

// The bundled sample documents, small and large, with failures among them:
// enough documents and bytes to fill several groups and to close some
// groups on their size, and documents large enough to be given back after
// their group.
std::vector<InputDocument> MixedDocuments() {
  std::vector<std::string> samples;
  for (const auto& entry : fs::directory_iterator(std::string(SOLIEU_SOURCE_DIR) + "/corpus")) {
    if (entry.path().extension() == ".txt") samples.push_back(testing::ReadFile(entry.path().string()));
  }
  REQUIRE(samples.size() >= 3);
  std::vector<InputDocument> docs;
  for (int i = 0; i < 90; ++i) {
    std::string text = samples[i % samples.size()];
    // A few long documents (about 100 to 300 KB), built of the others.
    if (i % 17 == 3) {
      for (int k = 0; k < 100 * (1 + i % 3); ++k) text += "\n\n" + samples[k % samples.size()];
    }
    docs.push_back(Doc("doc" + std::to_string(i), text));
  }
  docs[5].bytes = "\xFF\xFE\x00";  // half a UTF-16 character: decoded with a warning
  docs[40].error = "cannot read: permission denied";
  docs[41].bytes = "<html><head><title>Tin</title></head><body><p>Ngày 5/8/2023, xã có 120 hộ "
                   "nghèo.</p></body></html>";
  docs[70].bytes.clear();  // empty
  return docs;
}

// Each document alone through Pipeline::Process, as JSON Lines.
std::vector<std::string> ProcessedAlone(const std::vector<InputDocument>& docs) {
  const Pipeline& pipeline = testing::BundledPipeline();
  std::vector<std::string> lines;
  for (const InputDocument& doc : docs) {
    Record record;
    record.doc = doc.id;
    if (doc.error.empty()) {
      auto workspace = pipeline.NewWorkspace();  // fresh: nothing left of another document
      pipeline.Process(doc.bytes, workspace.get(), &record);
    } else {
      record.error = doc.error;
    }
    std::string line;
    AppendRecordLine(record, &line);
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> Batched(const std::vector<InputDocument>& docs, int jobs) {
  MemoryInputs inputs(docs);
  BatchOptions options;
  options.jobs = jobs;
  options.render = [](const Record& record, std::string* out) { AppendRecordLine(record, out); };
  std::vector<std::string> lines;
  BatchTotals totals;
  const Status status = RunBatch(
      testing::BundledPipeline(), &inputs, options,
      [&](const Record&, std::string_view rendered, size_t) {
        lines.emplace_back(rendered);
        return Status::Ok();
      },
      &totals);
  CHECK(status.ok());
  CHECK(totals.documents == static_cast<int64_t>(docs.size()));
  return lines;
}

TEST_CASE("a batch gives every document the record it gets alone, in input order") {
  const std::vector<InputDocument> docs = MixedDocuments();
  const std::vector<std::string> alone = ProcessedAlone(docs);
  REQUIRE(alone.size() == docs.size());
  // The samples hold figures: the comparison is not between empty records.
  CHECK(alone[0].find("\"entities\":[{") != std::string::npos);
  CHECK(alone[40].find("permission denied") != std::string::npos);
  for (int jobs : {1, 2, 3}) {
    CAPTURE(jobs);
    const std::vector<std::string> batched = Batched(docs, jobs);
    REQUIRE(batched.size() == alone.size());
    for (size_t i = 0; i < alone.size(); ++i) {
      CAPTURE(i);
      CHECK(batched[i] == alone[i]);
    }
  }
}

TEST_CASE("with a renderer a record reaches its consumer as its name and error; without one, whole") {
  const std::vector<InputDocument> docs = MixedDocuments();
  for (const bool renders : {false, true}) {
    CAPTURE(renders);
    MemoryInputs inputs(docs);
    BatchOptions options;
    options.jobs = 2;
    if (renders) {
      options.render = [](const Record& record, std::string* out) { AppendRecordLine(record, out); };
    }
    size_t seen = 0, with_entities = 0;
    BatchTotals totals;
    const Status status = RunBatch(
        testing::BundledPipeline(), &inputs, options,
        [&](const Record& record, std::string_view rendered, size_t input_bytes) {
          CHECK(record.doc == docs[seen].id);
          CHECK(input_bytes == docs[seen].bytes.size());
          CHECK(record.error == (seen == 40 ? docs[40].error : ""));
          CHECK(rendered.empty() == !renders);
          if (!record.entities.empty()) ++with_entities;
          if (renders) CHECK(record.indicators.empty());
          ++seen;
          return Status::Ok();
        },
        &totals);
    CHECK(status.ok());
    CHECK(seen == docs.size());
    // Every sample holds figures, and so does the page; the three documents
    // without any are the broken one (5), the unreadable (40) and the empty (70).
    CHECK(with_entities == (renders ? 0 : docs.size() - 3));
  }
}

TEST_CASE("a consumer that stops the batch gets no further record") {
  const std::vector<InputDocument> docs = MixedDocuments();
  MemoryInputs inputs(docs);
  BatchOptions options;
  options.jobs = 2;
  int seen = 0;
  BatchTotals totals;
  const Status status = RunBatch(
      testing::BundledPipeline(), &inputs, options,
      [&](const Record& record, std::string_view, size_t) {
        ++seen;
        return record.doc == "doc7" ? Status::IoError("disk full") : Status::Ok();
      },
      &totals);
  CHECK(!status.ok());
  CHECK(status.message() == "disk full");
  CHECK(seen == 8);
}

}  // namespace
}  // namespace solieu
