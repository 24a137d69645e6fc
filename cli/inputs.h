// Inputs: the documents named on the command line, one at a time.
//
// Paths are files (read whatever their extension), folders (walked
// recursively, *.txt, *.html and *.htm only, entries in byte order of their
// names within each folder) and "-" (standard input).  With --jsonl-in each line of each input
// is one document {"id": ..., "text": ...}, optionally with "url", "title"
// and "published" (the page's metadata, used when the text lacks it).  Problems with an input (a
// missing path, an unreadable file, a folder without documents, a line that
// is not JSON) become documents with `error` set, so that the batch goes on
// and every input is accounted for.
//
// Documents stream: only one is held at a time, and folders are walked
// lazily, so memory does not grow with the size of the input.
#ifndef SOLIEU_CLI_INPUTS_H_
#define SOLIEU_CLI_INPUTS_H_

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/types.h"
#include "util/status.h"

namespace solieu {

struct InputDocument {
  std::string id;
  std::string bytes;
  std::string error;  // non-empty: could not be read
  // --jsonl-in fields "url", "title", "published" (has_meta: any of them).
  InputMeta meta;
  bool has_meta = false;
};

class InputSource {
 public:
  InputSource(std::vector<std::string> paths, bool jsonl_in);
  virtual ~InputSource();

  // The next document; false at the end.
  virtual bool Next(InputDocument* doc);

 private:
  bool NextPath(std::string* path, std::string* error);
  bool NextJsonLine(InputDocument* doc);

  std::vector<std::string> paths_;
  size_t next_path_ = 0;
  bool jsonl_in_;
  // Folders being walked: each level's entry names sorted, and the position
  // in them.  The names share one buffer: a folder of a million documents
  // then takes tens of megabytes, where std::filesystem::path objects (each
  // holding its parsed components) took 21 MB for 59,793 files.
  struct Level {
    std::filesystem::path folder;
    std::string name_bytes;
    std::vector<std::pair<size_t, size_t>> names;  // offset and length in name_bytes
    size_t next = 0;
  };
  static Level SortedEntries(const std::filesystem::path& folder, std::string* error);
  std::vector<Level> walk_;
  std::string walk_root_;
  bool walk_found_ = false;
  // The --jsonl-in file being read.
  std::unique_ptr<std::istream> jsonl_stream_;
  std::string jsonl_name_;
  size_t jsonl_line_ = 0;
};

// Reads a whole file; false with `error` set when it cannot.
bool ReadWholeFile(const std::string& path, std::string* bytes, std::string* error);

// Hands every non-blank line of the JSON Lines files `paths` ("-": standard
// input), parsed, to `take`, in order (the record files `audit` and `report`
// read). A file that cannot be read, a line that is not JSON and a line
// `take` refuses are reported on stderr ("path:line: why") and reading goes
// on; `take` ends it early by setting *stop (after reporting why itself).
// Returns false when something was reported.
using JsonLineFn = std::function<Status(const nlohmann::ordered_json& line, bool* stop)>;
bool ReadJsonLines(const std::vector<std::string>& paths, const JsonLineFn& take);

}  // namespace solieu

#endif  // SOLIEU_CLI_INPUTS_H_
