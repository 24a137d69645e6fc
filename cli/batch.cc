#include "cli/batch.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>

namespace solieu {
namespace {

// Documents go through the pipeline in groups, each step over the whole
// group before the next (Pipeline::Read): one step's automata then stay in
// the CPU's caches, and each rule runs over all the group's sentences it
// fired in at once.  A group closes at kGroupDocuments documents or once it
// holds GroupBytes(jobs).  The bigger the group, the faster: on a 40 MB
// sample of news (documents of 33 KB on average, both builds side by side,
// medians of 3), groups of 512 KB took 0.92 times the user time of groups
// of 256 KB, and groups of 1 MB 0.86 times.  But a group being processed
// holds about 13 times its size (text, sentences, candidates, entities),
// and N + 1 groups are in flight: so the workers share about 1 MB of input
// between them, and a group never shrinks below 256 KB.
constexpr size_t kGroupDocuments = 64;

size_t GroupBytes(int jobs) {
  return std::max(size_t{256} << 10, (size_t{1} << 20) / static_cast<size_t>(std::max(jobs, 1)));
}

struct Group {
  std::vector<InputDocument> docs = std::vector<InputDocument>(kGroupDocuments);
  std::vector<DocumentState> states = std::vector<DocumentState>(kGroupDocuments);
  std::vector<Record> records = std::vector<Record>(kGroupDocuments);
  std::vector<std::string> rendered = std::vector<std::string>(kGroupDocuments);
  std::vector<char> live = std::vector<char>(kGroupDocuments);
  std::vector<size_t> input_bytes = std::vector<size_t>(kGroupDocuments);  // once retired
  size_t max_bytes = GroupBytes(1);  // of input, once reached the group closes
  size_t size = 0;  // documents in use, from the front
  // The live documents' states and records, for a step that takes them together.
  std::vector<DocumentState*> live_states;
  std::vector<Record*> live_records;
};

// Fills `group` with the next documents; false when there were none left.
bool ReadGroup(InputSource* inputs, Group* group) {
  group->size = 0;
  size_t bytes = 0;
  while (group->size < kGroupDocuments && bytes < group->max_bytes &&
         inputs->Next(&group->docs[group->size])) {
    bytes += group->docs[group->size].bytes.size();
    ++group->size;
  }
  return group->size > 0;
}

// Runs one step on document `i`, turning an exception into its error record:
// one document that breaks the pipeline (out of memory, a bug) must not take
// the batch down with it.  The document drops out of the later steps when
// the step fails.
template <typename Step>
void Guarded(Group* group, size_t i, Step step) {
  if (!group->live[i]) return;
  try {
    group->live[i] = step();
  } catch (const std::exception& e) {
    Record& record = group->records[i];
    record = Record();
    record.doc = group->docs[i].id;
    record.error = std::string("internal error: ") + e.what();
    group->live[i] = false;
  }
}

// Runs `step` on the group's live documents together.  When it throws, it
// runs again document by document, so that the exception falls on the one
// document that raised it (Guarded).  A document whose record gets an error
// drops out of the later steps.
template <typename Step>
void GuardedTogether(Group* group, Step step) {
  group->live_states.clear();
  group->live_records.clear();
  for (size_t i = 0; i < group->size; ++i) {
    if (!group->live[i]) continue;
    group->live_states.push_back(&group->states[i]);
    group->live_records.push_back(&group->records[i]);
  }
  try {
    step(group->live_states, group->live_records);
  } catch (const std::exception&) {
    for (size_t k = 0; k < group->live_states.size(); ++k) {
      const size_t i = group->live_states[k] - group->states.data();
      Guarded(group, i, [&] {
        step(std::span(&group->live_states[k], 1), std::span(&group->live_records[k], 1));
        return group->records[i].error.empty();
      });
    }
    return;
  }
  for (size_t k = 0; k < group->live_states.size(); ++k) {
    group->live[group->live_states[k] - group->states.data()] = group->live_records[k]->error.empty();
  }
}

// Gives back what a linked and rendered document no longer needs: its
// bytes and the text, sentences and places made from them; with a renderer,
// also all of its record but `doc` and `error`, the rest being in its
// rendered output (BatchOptions::render).  A group waiting for its turn then
// holds its output alone, not the document three times over as well.
void Retire(const BatchOptions& options, Group* group, size_t i) {
  group->input_bytes[i] = group->docs[i].bytes.size();
  std::string().swap(group->docs[i].bytes);
  group->states[i] = DocumentState();
  if (!options.render) return;
  Record& record = group->records[i];
  Record kept;
  kept.doc = std::move(record.doc);
  kept.error = std::move(record.error);
  record = std::move(kept);
}

// Every document of the group through the pipeline, step by step, and
// rendered for the consumer; `finished(i)` is called as soon as document i
// is, in order, so that it can be consumed while the next ones are linked.
template <typename Finished>
void ProcessGroup(const Pipeline& pipeline, const BatchOptions& options, Workspace* workspace,
                  Group* group, Finished finished) {
  const size_t n = group->size;
  for (size_t i = 0; i < n; ++i) {
    const InputDocument& doc = group->docs[i];
    Record& record = group->records[i];
    group->live[i] = doc.error.empty();
    if (!group->live[i]) {
      // Nothing of the previous document may stay: every sink sees the record.
      record = Record();
      record.error = doc.error;
    }
    record.doc = doc.id;
    Guarded(group, i, [&] {
      return pipeline.Read(doc.bytes, doc.has_meta ? &doc.meta : nullptr, workspace,
                           &group->states[i], &record);
    });
  }
  // The rule steps take the live documents together (Pipeline::ExtractEntities).
  GuardedTogether(group, [&](std::span<DocumentState* const> states, std::span<Record* const> records) {
    pipeline.ExtractEntities(workspace, states, records);
  });
  GuardedTogether(group, [&](std::span<DocumentState* const> states, std::span<Record* const>) {
    pipeline.FindPlaces(workspace, states);
  });
  for (size_t i = 0; i < n; ++i) {
    Guarded(group, i, [&] {
      pipeline.Link(&group->states[i], &group->records[i]);
      return true;
    });
    group->rendered[i].clear();
    if (options.render) options.render(group->records[i], &group->rendered[i]);
    Retire(options, group, i);
    finished(i);
  }
}

// Gives back a document's buffers once it is consumed, rather than keeping
// them for the next document in the same slot: slots kept at the largest
// document they had seen made memory creep up with the corpus (13 MB more at
// `-j 2` on 40 MB), and allocating afresh made no measurable difference.
void Release(Group* group, size_t i) {
  std::string().swap(group->rendered[i]);
  group->records[i] = Record();
}

// Hands document i of the group to `consume`, unless an earlier one stopped
// the batch (`status`), and releases it.
void ConsumeDocument(const RecordConsumer& consume, Group* group, size_t i, BatchTotals* totals,
                     Status* status) {
  if (status->ok()) {
    ++totals->documents;
    totals->bytes += static_cast<int64_t>(group->input_bytes[i]);
    *status = consume(group->records[i], group->rendered[i], group->input_bytes[i]);
  }
  Release(group, i);
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

Status RunOnCallingThread(const Pipeline& pipeline, InputSource* inputs,
                          const BatchOptions& options, const RecordConsumer& consume,
                          BatchTotals* totals) {
  auto workspace = pipeline.NewWorkspace();
  StartProfile(pipeline, options, workspace.get());
  Group group;
  Status status;
  while (status.ok() && ReadGroup(inputs, &group)) {
    ProcessGroup(pipeline, options, workspace.get(), &group,
                 [&](size_t i) { ConsumeDocument(consume, &group, i, totals, &status); });
  }
  AddProfile(*workspace, totals);
  return status;
}

// The threaded batch: groups of documents sit in a ring of slots, numbered
// in input order, one per worker and one more being read or written.  The
// calling thread fills slots ahead of the one it waits for, the workers
// process them in any order, and the calling thread consumes them in order.
// A slot belongs to one thread at a time: the reader until it is queued, a
// worker until `done`, the reader again once consumed.
class ThreadedBatch {
 public:
  ThreadedBatch(const Pipeline& pipeline, const BatchOptions& options)
      : pipeline_(pipeline), options_(options), ring_(static_cast<size_t>(options.jobs) + 1) {
    for (Slot& slot : ring_) slot.group.max_bytes = GroupBytes(options.jobs);
  }

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
    Group group;
    bool done = false;
  };

  Slot& SlotOf(size_t seq) { return ring_[seq % ring_.size()]; }

  Status Feed(InputSource* inputs, const RecordConsumer& consume, BatchTotals* totals) {
    size_t next_read = 0, next_write = 0;
    bool inputs_left = true;
    while (true) {
      while (inputs_left && next_read - next_write < ring_.size()) {
        if (!ReadGroup(inputs, &SlotOf(next_read).group)) {
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
      // Consumed whole once done: handing each document over as it was
      // finished (a wake-up per document) saved about 1 MB at -j 2 and
      // was no faster.
      Status status;
      for (size_t i = 0; i < slot.group.size; ++i) {
        ConsumeDocument(consume, &slot.group, i, totals, &status);
      }
      if (!status.ok()) return status;
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
      // Rendering reserves from an estimate; output that waits for its turn
      // gives the slack back (at -j 1 it is written at once instead).
      ProcessGroup(pipeline_, options_, workspace, &slot.group,
                   [&slot](size_t i) { slot.group.rendered[i].shrink_to_fit(); });
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
