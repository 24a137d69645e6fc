#include "util/output_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace solieu {

OutputFile::~OutputFile() {
  if (owns_file_ && file_ != nullptr) {
    std::fclose(file_);
    if (!keep_partial_) ::unlink(temp_path_.c_str());
  }
}

Status OutputFile::Open(const std::string& path) { return OpenPartial(path, nullptr); }

Status OutputFile::Resume(const std::string& path,
                          const std::function<bool(std::string_view line)>& keep_line) {
  return OpenPartial(path, &keep_line);
}

namespace {

// The length of the prefix of the file at `fd` made of complete lines that
// `keep_line` accepts.
Result<off_t> KeptPrefix(int fd, const std::function<bool(std::string_view)>& keep_line) {
  std::string pending;
  off_t kept = 0;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) return Status::IoError(std::strerror(errno));
    if (n == 0) return kept;
    pending.append(buffer, static_cast<size_t>(n));
    size_t start = 0;
    for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      if (!keep_line(std::string_view(pending).substr(start, nl - start))) return kept;
      kept += static_cast<off_t>(nl + 1 - start);
    }
    pending.erase(0, start);
  }
}

}  // namespace

Status OutputFile::OpenPartial(const std::string& path,
                               const std::function<bool(std::string_view line)>* keep_line) {
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
  const std::string partial = path + ".partial";
  const int fd = ::open(partial.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(partial + ": cannot create it: " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::IoError(partial + ": another run is writing " + path);
  }
  off_t kept = 0;
  if (keep_line != nullptr) {
    Result<off_t> prefix = KeptPrefix(fd, *keep_line);
    if (!prefix.ok()) {
      ::close(fd);
      return Status::IoError(partial + ": " + prefix.status().message());
    }
    kept = *prefix;
    keep_partial_ = true;
  }
  if (::ftruncate(fd, kept) != 0 || ::lseek(fd, kept, SEEK_SET) != kept) {
    const Status error = Status::IoError(partial + ": " + std::strerror(errno));
    ::close(fd);
    return error;
  }
  file_ = ::fdopen(fd, "wb");  // "w" on a descriptor truncates nothing
  if (file_ == nullptr) {
    ::close(fd);
    return Status::IoError(partial + ": " + std::strerror(errno));
  }
  temp_path_ = partial;
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
