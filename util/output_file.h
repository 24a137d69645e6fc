// OutputFile: where results go, never half-written.
//
// A regular file (or a new path) P is written to "P.partial" beside it and
// renamed over P by Commit(); if Commit() is never reached the partial file
// is removed and the old P, if any, is left as it was.  A process that is
// killed leaves P.partial behind, and Resume() continues it: the partial
// file is locked while written, so two runs never write one output.  A path
// that exists and is not a regular file (/dev/stdout, a pipe, any symbolic
// link) is written directly and never replaced.  "-" is standard output.
//
// Every write error is kept and reported by Commit() (a full disk, a closed
// pipe), so a run never ends "successfully" with lost output.
#ifndef SOLIEU_UTIL_OUTPUT_FILE_H_
#define SOLIEU_UTIL_OUTPUT_FILE_H_

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace solieu {

class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  Status Open(const std::string& path);
  // Like Open, but keeps what an interrupted run left in P.partial: its
  // complete lines, in order, for as long as `keep_line` accepts them (it
  // sees each line without its "\n"); writing continues after the last one
  // kept.  Without a partial file (or for a path written directly) nothing
  // is kept.  A resumed partial file is not removed when Commit() is never
  // reached: whatever stopped this run, the next may resume it again.
  Status Resume(const std::string& path, const std::function<bool(std::string_view line)>& keep_line);
  Status Write(std::string_view data);
  Status Commit();

 private:
  Status OpenPartial(const std::string& path,
                     const std::function<bool(std::string_view line)>* keep_line);

  std::string path_, temp_path_;
  FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool keep_partial_ = false;
  Status error_;
};

}  // namespace solieu

#endif  // SOLIEU_UTIL_OUTPUT_FILE_H_
