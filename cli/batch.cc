#include "cli/batch.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace solieu {
namespace {

// A buffer that held a huge document is given back rather than kept for
// the next, small, one.
constexpr size_t kKeptBufferBytes = size_t{16} << 20;

void ProcessDocument(const Pipeline& pipeline, const InputDocument& doc, Workspace* workspace,
                     Record* record) {
  record->doc = doc.id;
  if (!doc.error.empty()) {
    // Nothing of the previous document may stay: every sink sees the record.
    *record = Record();
    record->doc = doc.id;
    record->error = doc.error;
    return;
  }
  try {
    pipeline.Process(doc.bytes, workspace, record, doc.has_meta ? &doc.meta : nullptr);
  } catch (const std::exception& e) {
    // One document that breaks the pipeline (out of memory, a bug) must not
    // take the batch down with it.
    *record = Record();
    record->doc = doc.id;
    record->error = std::string("internal error: ") + e.what();
  }
}

// The document's record, and what the consumer will write of it.
void ProcessAndRender(const Pipeline& pipeline, const BatchOptions& options, const InputDocument& doc,
                      Workspace* workspace, Record* record, std::string* rendered) {
  ProcessDocument(pipeline, doc, workspace, record);
  rendered->clear();
  if (options.render) options.render(*record, rendered);
}

void StartProfile(const Pipeline& pipeline, const BatchOptions& options, Workspace* workspace) {
  if (!options.profile_rules) return;
  const size_t rules = pipeline.rules().rules().size();
  workspace->extract.rule_nanos.assign(rules, 0);
  workspace->extract.rule_fired.assign(rules, 0);
}

void AddProfile(const Workspace& workspace, BatchTotals* totals) {
  const auto& nanos = workspace.extract.rule_nanos;
  const auto& fired = workspace.extract.rule_fired;
  if (nanos.empty()) return;
  totals->rule_nanos.resize(nanos.size());
  totals->rule_fired.resize(fired.size());
  for (size_t i = 0; i < nanos.size(); ++i) {
    totals->rule_nanos[i] += nanos[i];
    totals->rule_fired[i] += fired[i];
  }
}

void Release(InputDocument* doc, std::string* rendered) {
  if (doc->bytes.capacity() > kKeptBufferBytes) std::string().swap(doc->bytes);
  if (rendered->capacity() > kKeptBufferBytes) std::string().swap(*rendered);
}

Status RunOnCallingThread(const Pipeline& pipeline, InputSource* inputs,
                          const BatchOptions& options, const RecordConsumer& consume,
                          BatchTotals* totals) {
  auto workspace = pipeline.NewWorkspace();
  StartProfile(pipeline, options, workspace.get());
  InputDocument doc;
  Record record;
  std::string rendered;
  Status status;
  while (status.ok() && inputs->Next(&doc)) {
    ProcessAndRender(pipeline, options, doc, workspace.get(), &record, &rendered);
    ++totals->documents;
    totals->bytes += static_cast<int64_t>(doc.bytes.size());
    status = consume(record, rendered, doc.bytes.size());
    Release(&doc, &rendered);
  }
  AddProfile(*workspace, totals);
  return status;
}

// The threaded batch: documents sit in a ring of slots, numbered in input
// order.  The calling thread fills slots ahead of the one it waits for, the
// workers process them in any order, and the calling thread consumes them
// in order.  A slot belongs to one thread at a time: the reader until it is
// queued, a worker until `done`, the reader again once consumed.
class ThreadedBatch {
 public:
  ThreadedBatch(const Pipeline& pipeline, const BatchOptions& options)
      : pipeline_(pipeline), options_(options), ring_(4 * static_cast<size_t>(options.jobs)) {}

  Status Run(InputSource* inputs, const RecordConsumer& consume, BatchTotals* totals) {
    std::vector<std::unique_ptr<Workspace>> workspaces;
    std::vector<std::thread> workers;
    for (int i = 0; i < options_.jobs; ++i) {
      workspaces.push_back(pipeline_.NewWorkspace());
      StartProfile(pipeline_, options_, workspaces.back().get());
      workers.emplace_back([this, w = workspaces.back().get()] { Work(w); });
    }
    const Status status = Feed(inputs, consume, totals);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
      queue_.clear();
    }
    work_ready_.notify_all();
    for (std::thread& t : workers) t.join();
    for (const auto& w : workspaces) AddProfile(*w, totals);
    return status;
  }

 private:
  struct Slot {
    InputDocument doc;
    Record record;
    std::string rendered;
    bool done = false;
  };

  Slot& SlotOf(size_t seq) { return ring_[seq % ring_.size()]; }

  Status Feed(InputSource* inputs, const RecordConsumer& consume, BatchTotals* totals) {
    size_t next_read = 0, next_write = 0;
    bool inputs_left = true;
    while (true) {
      while (inputs_left && next_read - next_write < ring_.size()) {
        if (!inputs->Next(&SlotOf(next_read).doc)) {
          inputs_left = false;
          break;
        }
        {
          std::lock_guard<std::mutex> lock(mu_);
          queue_.push_back(next_read);
        }
        work_ready_.notify_one();
        ++next_read;
      }
      if (next_write == next_read) return Status::Ok();
      Slot& slot = SlotOf(next_write);
      {
        std::unique_lock<std::mutex> lock(mu_);
        slot_done_.wait(lock, [&] { return slot.done; });
        slot.done = false;
      }
      ++totals->documents;
      totals->bytes += static_cast<int64_t>(slot.doc.bytes.size());
      if (Status s = consume(slot.record, slot.rendered, slot.doc.bytes.size()); !s.ok()) return s;
      Release(&slot.doc, &slot.rendered);
      ++next_write;
    }
  }

  void Work(Workspace* workspace) {
    while (true) {
      size_t seq;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        seq = queue_.front();
        queue_.pop_front();
      }
      Slot& slot = SlotOf(seq);
      ProcessAndRender(pipeline_, options_, slot.doc, workspace, &slot.record, &slot.rendered);
      {
        std::lock_guard<std::mutex> lock(mu_);
        slot.done = true;
      }
      slot_done_.notify_all();
    }
  }

  const Pipeline& pipeline_;
  const BatchOptions& options_;
  std::vector<Slot> ring_;
  std::mutex mu_;
  std::condition_variable work_ready_, slot_done_;
  std::deque<size_t> queue_;
  bool stopping_ = false;
};

}  // namespace

Status RunBatch(const Pipeline& pipeline, InputSource* inputs, const BatchOptions& options,
                const RecordConsumer& consume, BatchTotals* totals) {
  if (options.jobs <= 1) return RunOnCallingThread(pipeline, inputs, options, consume, totals);
  ThreadedBatch batch(pipeline, options);
  return batch.Run(inputs, consume, totals);
}

}  // namespace solieu
