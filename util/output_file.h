// OutputFile: where results go, never half-written.
//
// A regular file (or a new path) is written to a temporary file beside it
// and renamed over it by Commit(); if Commit() is never reached the
// temporary is removed and the old file, if any, is left as it was.  A path
// that exists and is not a regular file (/dev/stdout, a pipe, any symbolic
// link) is written directly and never replaced.  "-" is standard output.
//
// Every write error is kept and reported by Commit() (a full disk, a closed
// pipe), so a run never ends "successfully" with lost output.
#ifndef SOLIEU_UTIL_OUTPUT_FILE_H_
#define SOLIEU_UTIL_OUTPUT_FILE_H_

#include <cstdio>
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
  Status Write(std::string_view data);
  Status Commit();

 private:
  std::string path_, temp_path_;
  FILE* file_ = nullptr;
  bool owns_file_ = false;
  Status error_;
};

}  // namespace solieu

#endif  // SOLIEU_UTIL_OUTPUT_FILE_H_
