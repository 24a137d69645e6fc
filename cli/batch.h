// Batch: every input document through the pipeline, on N threads, with the
// records handed back in input order.
//
// The calling thread reads the inputs and consumes the records; N worker
// threads (none when N is 1: the calling thread does the work) each own a
// Workspace.  Documents travel in groups (1 MB of input at -j 1, shared
// out among the workers above that, never under 256 KB), which a worker
// takes through each step of the pipeline before the next (Pipeline::Read):
// that keeps each step's automata in the CPU's caches.  At most N + 1
// groups are in flight, read ahead or waiting for their turn, so memory
// does not grow with the input.  The sequence of records `consume` sees is
// the same whatever N is, and so is everything written from it.
//
// A document that cannot be read becomes a Record with `error` set, like one
// the pipeline cannot process: every input yields exactly one record.
#ifndef SOLIEU_CLI_BATCH_H_
#define SOLIEU_CLI_BATCH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/inputs.h"
#include "pipeline/pipeline.h"
#include "util/status.h"

namespace solieu {

// Turns a record into the bytes the consumer will write.  It runs on the
// thread that processed the record, so with N workers the calling thread's
// serial share of the work is only writing (the -j speedup); it must be safe
// to call from several threads at once.
using RecordRenderer = std::function<void(const Record& record, std::string* rendered)>;

struct BatchOptions {
  int jobs = 1;               // worker threads; 1 runs on the calling thread
  bool profile_rules = false; // collect time per rule (ExtractScratch::rule_nanos)
  RecordRenderer render;      // optional; without it `rendered` is empty
};

// What a batch did, for --profile-rules and the progress line.
struct BatchTotals {
  int64_t documents = 0;
  int64_t bytes = 0;  // of input documents
  std::vector<int64_t> rule_nanos, rule_fired;  // summed over workers, when profiled
};

// Called once per document, in input order, on the calling thread, with the
// document's record, what BatchOptions::render made of it, and its size in
// bytes.  With a renderer, the record keeps only `doc` and `error`: the rest
// is given back once rendered, so that records waiting for their turn hold
// their output and not their entities as well.  A non-ok Status stops the
// batch: no further document is read, and RunBatch returns that Status.
using RecordConsumer =
    std::function<Status(const Record& record, std::string_view rendered, size_t input_bytes)>;

Status RunBatch(const Pipeline& pipeline, InputSource* inputs, const BatchOptions& options,
                const RecordConsumer& consume, BatchTotals* totals);

}  // namespace solieu

#endif  // SOLIEU_CLI_BATCH_H_
