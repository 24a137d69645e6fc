#include "cli/inputs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

namespace solieu {

namespace fs = std::filesystem;

bool ReadWholeFile(const std::string& path, std::string* bytes, std::string* error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    *error = "is a folder";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return false;
  }
  // In blocks, into the buffer the previous document left (not a character
  // at a time through istreambuf_iterator): the reading thread feeds every
  // worker, so its time is everyone's.
  constexpr size_t kBlock = 1 << 16;
  bytes->clear();
  while (in) {
    const size_t used = bytes->size();
    bytes->resize(used + kBlock);
    in.read(bytes->data() + used, kBlock);
    bytes->resize(used + static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  return true;
}

bool ReadJsonLines(const std::vector<std::string>& paths, const JsonLineFn& take) {
  bool clean = true;
  std::string line;
  for (const std::string& path : paths) {
    std::ifstream file;
    if (path != "-") {
      file.open(path, std::ios::binary);
      if (!file) {
        std::cerr << "solieu: " << path << ": " << std::strerror(errno) << "\n";
        clean = false;
        continue;
      }
    }
    std::istream& in = path == "-" ? std::cin : file;
    size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const nlohmann::ordered_json json = nlohmann::ordered_json::parse(line, nullptr, false);
      bool stop = false;
      const Status s = json.is_discarded() ? Status::Corrupt("not JSON") : take(json, &stop);
      if (stop) return false;
      if (!s.ok()) {
        std::cerr << "solieu: " << path << ":" << line_number << ": " << s.message() << "\n";
        clean = false;
      }
    }
    if (in.bad()) {
      std::cerr << "solieu: " << path << ": read error\n";
      clean = false;
    }
  }
  return clean;
}

InputSource::InputSource(std::vector<std::string> paths, bool jsonl_in)
    : paths_(std::move(paths)), jsonl_in_(jsonl_in) {}

InputSource::~InputSource() = default;

namespace {

// What a folder walk picks up: text files and saved web pages.
bool IsDocumentName(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".txt" || extension == ".html" || extension == ".htm";
}

}  // namespace

InputSource::Level InputSource::SortedEntries(const fs::path& folder, std::string* error) {
  Level level;
  level.folder = folder;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    level.names.emplace_back(level.name_bytes.size(), name.size());
    level.name_bytes += name;
  }
  if (ec) *error = ec.message();
  const std::string_view bytes = level.name_bytes;
  std::sort(level.names.begin(), level.names.end(), [bytes](const auto& a, const auto& b) {
    return bytes.substr(a.first, a.second) < bytes.substr(b.first, b.second);
  });
  return level;
}

// The next file to read, walking folders; `error` set for a bad input.
bool InputSource::NextPath(std::string* path, std::string* error) {
  error->clear();
  while (true) {
    while (!walk_.empty()) {
      Level& level = walk_.back();
      if (level.next >= level.names.size()) {
        walk_.pop_back();
        if (walk_.empty() && !walk_found_) {
          *path = walk_root_;
          *error = "folder holds no documents (*.txt, *.html, *.htm)";
          return true;
        }
        continue;
      }
      const auto [offset, length] = level.names[level.next++];
      const fs::path entry = level.folder / std::string_view(level.name_bytes).substr(offset, length);
      std::error_code ec;
      if (fs::is_directory(entry, ec)) {
        std::string list_error;
        Level sub = SortedEntries(entry, &list_error);
        if (!list_error.empty()) {
          *path = entry.string();
          *error = list_error;
          return true;
        }
        walk_.push_back(std::move(sub));
        continue;
      }
      if (IsDocumentName(entry)) {
        walk_found_ = true;
        *path = entry.string();
        return true;
      }
    }
    if (next_path_ >= paths_.size()) return false;
    const std::string p = paths_[next_path_++];
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      std::string list_error;
      Level top = SortedEntries(p, &list_error);
      if (!list_error.empty()) {
        *path = p;
        *error = list_error;
        return true;
      }
      walk_root_ = p;
      walk_found_ = false;
      walk_.push_back(std::move(top));
      continue;
    }
    if (p != "-" && !fs::exists(p, ec)) {
      *path = p;
      *error = "no such file or folder";
      return true;
    }
    *path = p;
    return true;
  }
}

bool InputSource::NextJsonLine(InputDocument* doc) {
  std::string line;
  while (jsonl_stream_ && std::getline(*jsonl_stream_, line)) {
    ++jsonl_line_;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    doc->id = jsonl_name_ + ":" + std::to_string(jsonl_line_);
    doc->bytes.clear();
    doc->error.clear();
    doc->meta = InputMeta();
    doc->has_meta = false;
    const nlohmann::json obj = nlohmann::json::parse(line, nullptr, false);
    if (obj.is_discarded() || !obj.is_object()) {
      doc->error = "line " + std::to_string(jsonl_line_) + " is not a JSON object";
      return true;
    }
    const auto id = obj.find("id");
    if (id != obj.end() && id->is_string() && !id->get<std::string>().empty()) doc->id = id->get<std::string>();
    else if (id != obj.end() && id->is_number()) doc->id = id->dump();
    const auto text = obj.find("text");
    if (text == obj.end() || !text->is_string()) {
      doc->error = "line " + std::to_string(jsonl_line_) + " has no string \"text\"";
      return true;
    }
    doc->bytes = text->get<std::string>();
    for (auto [key, field] : {std::pair{"url", &InputMeta::url}, std::pair{"title", &InputMeta::title},
                              std::pair{"published", &InputMeta::published}}) {
      const auto value = obj.find(key);
      if (value == obj.end() || !value->is_string()) continue;
      doc->meta.*field = value->get<std::string>();
      doc->has_meta = true;
    }
    return true;
  }
  jsonl_stream_.reset();
  return false;
}

bool InputSource::Next(InputDocument* doc) {
  while (true) {
    if (jsonl_in_ && NextJsonLine(doc)) return true;
    std::string path, error;
    if (!NextPath(&path, &error)) return false;
    doc->id = path;
    doc->bytes.clear();
    doc->error = error;
    doc->meta = InputMeta();
    doc->has_meta = false;
    if (!error.empty()) return true;
    if (jsonl_in_) {
      jsonl_name_ = path;
      jsonl_line_ = 0;
      if (path == "-") {
        jsonl_stream_ = std::make_unique<std::istream>(std::cin.rdbuf());
      } else {
        auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (!*file) {
          doc->error = std::strerror(errno);
          return true;
        }
        jsonl_stream_ = std::move(file);
      }
      continue;
    }
    if (path == "-") {
      doc->bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      return true;
    }
    if (!ReadWholeFile(path, &doc->bytes, &doc->error)) return true;
    return true;
  }
}

}  // namespace solieu
