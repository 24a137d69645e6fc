#include "util/output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace solieu {

OutputFile::~OutputFile() {
  if (owns_file_ && file_ != nullptr) {
    std::fclose(file_);
    ::unlink(temp_path_.c_str());
  }
}

Status OutputFile::Open(const std::string& path) {
  path_ = path;
  if (path == "-") {
    file_ = stdout;
    return Status::Ok();
  }
  // lstat, not stat: a symbolic link (/dev/stdout is one) is written through,
  // never replaced by a rename.
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) return Status::IoError(path + ": " + std::strerror(errno));
    owns_file_ = false;
    return Status::Ok();
  }
  std::string templ = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(templ.data());
  if (fd < 0) return Status::IoError(path + ": cannot create a temporary file beside it: " + std::strerror(errno));
  ::fchmod(fd, 0644);
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    ::close(fd);
    ::unlink(templ.c_str());
    return Status::IoError(path + ": " + std::strerror(errno));
  }
  temp_path_ = templ;
  owns_file_ = true;
  return Status::Ok();
}

Status OutputFile::Write(std::string_view data) {
  if (!error_.ok()) return error_;
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    error_ = Status::IoError(path_ + ": write failed: " + std::strerror(errno));
  }
  return error_;
}

Status OutputFile::Commit() {
  if (file_ == nullptr) return Status::IoError(path_ + ": not open");
  if (error_.ok() && std::fflush(file_) != 0) {
    error_ = Status::IoError(path_ + ": write failed: " + std::strerror(errno));
  }
  if (!owns_file_) {
    if (file_ != stdout && std::fclose(file_) != 0 && error_.ok()) {
      error_ = Status::IoError(path_ + ": " + std::strerror(errno));
    }
    file_ = nullptr;
    return error_;
  }
  if (error_.ok() && ::fsync(::fileno(file_)) != 0) {
    error_ = Status::IoError(path_ + ": " + std::strerror(errno));
  }
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (error_.ok() && closed != 0) error_ = Status::IoError(path_ + ": " + std::strerror(errno));
  if (error_.ok() && std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    error_ = Status::IoError(path_ + ": cannot rename the temporary file: " + std::strerror(errno));
  }
  if (!error_.ok()) ::unlink(temp_path_.c_str());
  owns_file_ = false;
  return error_;
}

}  // namespace solieu
