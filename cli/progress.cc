#include "cli/progress.h"

#include <cstdio>
#include <filesystem>

namespace solieu {
namespace {

namespace fs = std::filesystem;

constexpr auto kRedrawEvery = std::chrono::milliseconds(250);

std::string Clock(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  }
  return buffer;
}

}  // namespace

Progress::Progress(bool enabled, int64_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::Update(int64_t documents, int64_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  Draw(documents, bytes, false);
}

void Progress::Finish(int64_t documents, int64_t bytes) {
  if (enabled_) Draw(documents, bytes, true);
}

void Progress::Draw(int64_t documents, int64_t bytes, bool final) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
  std::string eta;
  if (final) {
    eta = "in " + Clock(seconds);
  } else if (total_bytes_ > bytes && rate > 0) {
    eta = "ETA " + Clock((total_bytes_ - bytes) / 1e6 / rate);
  }
  std::fprintf(stderr, "\r%lld documents  %.1f MB  %.1f MB/s  %s\033[K%s", static_cast<long long>(documents),
               bytes / 1e6, rate, eta.c_str(), final ? "\n" : "");
  std::fflush(stderr);
}

int64_t InputBytes(const std::vector<std::string>& paths) {
  int64_t total = 0;
  std::error_code ec;
  for (const std::string& path : paths) {
    if (path == "-") continue;
    if (fs::is_directory(path, ec)) {
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string extension = it->path().extension().string();
        if (it->is_regular_file(ec) && (extension == ".txt" || extension == ".html" || extension == ".htm")) {
          total += static_cast<int64_t>(it->file_size(ec));
        }
      }
    } else if (fs::is_regular_file(path, ec)) {
      total += static_cast<int64_t>(fs::file_size(path, ec));
    }
  }
  return total;
}

}  // namespace solieu
