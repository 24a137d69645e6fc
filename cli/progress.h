// Progress: one line on stderr, redrawn in place, for long runs:
//   "1,204 documents  61.3 MB  24.8 MB/s  ETA 0:42"
// Drawn at most a few times a second, so it costs nothing per document.
#ifndef SOLIEU_CLI_PROGRESS_H_
#define SOLIEU_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace solieu {

class Progress {
 public:
  // `total_bytes` of input, for the ETA: 0 when unknown (standard input).
  Progress(bool enabled, int64_t total_bytes);

  void Update(int64_t documents, int64_t bytes);
  // The last line, kept on screen.
  void Finish(int64_t documents, int64_t bytes);

 private:
  void Draw(int64_t documents, int64_t bytes, bool final);

  const bool enabled_;
  const int64_t total_bytes_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// The bytes of input that `paths` name, walked as InputSource walks them
// (folders: *.txt, *.html, *.htm); "-" counts 0.  For the ETA only: never
// fails.
int64_t InputBytes(const std::vector<std::string>& paths);

}  // namespace solieu

#endif  // SOLIEU_CLI_PROGRESS_H_
