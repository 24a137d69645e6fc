#include "fuzz/fuzz_checks.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/inputs.h"
#include "pipeline/emit.h"
#include "pipeline/ingest.h"
#include "pipeline/legacy.h"
#include "pipeline/normalize.h"
#include "pipeline/pipeline.h"
#include "util/utf8.h"

namespace solieu::fuzz {
namespace {

namespace fs = std::filesystem;

// What the checks share across inputs: built once, on first use.
struct State {
  std::string rules_dir;
  std::unique_ptr<Normalizer> normalizer;
  std::shared_ptr<const LegacyTables> legacy;
  bool legacy_loaded = false;
  std::unique_ptr<Pipeline> pipeline;
  std::unique_ptr<Workspace> workspace;
  std::string temp_dir;
  // Reused from input to input, as the pipeline's workspaces are.
  Decoded reused_decoded;
  Normalized reused_normalized;

  ~State() {
    if (!temp_dir.empty()) {
      std::error_code ec;
      fs::remove_all(temp_dir, ec);
    }
  }
};

State& S() {
  static State state;
  return state;
}

std::string Setup(const std::string& what, const std::string& message) {
  return "setup: " + what + ": " + message;
}

const Normalizer* GetNormalizer(std::string* error) {
  State& s = S();
  if (!s.normalizer) {
    auto n = Normalizer::Create();
    if (!n.ok()) {
      *error = Setup("Normalizer::Create", n.status().message());
      return nullptr;
    }
    s.normalizer = std::move(*n);
  }
  return s.normalizer.get();
}

// The tables of <rules>/encodings, as Pipeline::Create loads them; null when absent.
std::shared_ptr<const LegacyTables> GetLegacy(std::string* error) {
  State& s = S();
  if (!s.legacy_loaded) {
    s.legacy_loaded = true;
    std::error_code ec;
    const std::string dir = s.rules_dir + "/encodings";
    if (fs::is_directory(dir, ec)) {
      auto legacy = LegacyTables::Load(dir);
      if (!legacy.ok()) {
        *error = Setup("LegacyTables::Load", legacy.status().message());
        return nullptr;
      }
      s.legacy = std::move(*legacy);
    }
  }
  return s.legacy;
}

const Pipeline* GetPipeline(Workspace** workspace, std::string* error) {
  State& s = S();
  if (!s.pipeline) {
    PipelineOptions options;
    options.rules_dir = s.rules_dir;
    auto p = Pipeline::Create(options);
    if (!p.ok()) {
      *error = Setup("Pipeline::Create(" + s.rules_dir + ")", p.status().message());
      return nullptr;
    }
    s.pipeline = std::move(*p);
    s.workspace = s.pipeline->NewWorkspace();
  }
  *workspace = s.workspace.get();
  return s.pipeline.get();
}

// A folder of this process's own for the files the rules and jsonl targets read.
const std::string& TempDir() {
  State& s = S();
  if (s.temp_dir.empty()) {
    const fs::path dir =
        fs::temp_directory_path() / ("solieu-fuzz-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir / "rules", ec);
    s.temp_dir = dir.string();
  }
  return s.temp_dir;
}

bool WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f);
}

bool IsValidUtf8(std::string_view s) { return utf8::FirstInvalid(s) == s.size(); }

bool IsBoundary(std::string_view s, size_t pos) {
  return pos >= s.size() || (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80;
}

// A short, printable excerpt of bytes for messages.
std::string Show(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < 80; ++i) {
    const unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out.append(hex);
    }
  }
  if (s.size() > 80) out.append("...");
  return out + "\"";
}

std::string N(size_t n) { return std::to_string(n); }

// `s` with each maximal invalid UTF-8 sequence replaced by U+FFFD.
std::string MakeValid(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const utf8::Decoded d = utf8::DecodeAt(s, i);
    if (d.valid) out.append(s.substr(i, d.length));
    else utf8::Append(out, utf8::kReplacement);
    i += d.length;
  }
  return out;
}

// A small deterministic generator seeded from the input, for choosing spans.
struct Chooser {
  explicit Chooser(std::string_view data) {
    for (unsigned char c : data) state = (state ^ c) * 1099511628211ull;
  }
  size_t Below(size_t n) {
    state ^= state >> 33;
    state *= 0xff51afd7ed558ccdull;
    state ^= state >> 33;
    return n == 0 ? 0 : static_cast<size_t>(state % n);
  }
  uint64_t state = 14695981039346656037ull;
};

// ---- ingest ----------------------------------------------------------------

std::string CheckDecoded(std::string_view input, const Decoded& d) {
  if (!IsValidUtf8(d.text)) {
    return "text is not valid UTF-8 at byte " + N(utf8::FirstInvalid(d.text));
  }
  if (!IsKnownEncoding(d.encoding)) return "unknown encoding name '" + d.encoding + "'";
  if (!(d.confidence >= 0.0 && d.confidence <= 1.0)) {
    return "confidence " + std::to_string(d.confidence) + " outside [0, 1]";
  }
  for (const std::string& w : d.warnings) {
    if (!IsValidUtf8(w)) return "warning is not valid UTF-8: " + Show(w);
  }
  size_t prev_start = 0, prev_end = 0;
  for (size_t pos = 0; pos <= d.text.size(); ++pos) {
    const size_t start = d.to_input.SourceStart(pos), end = d.to_input.SourceEnd(pos);
    if (start > input.size() || end > input.size()) {
      return "to_input maps text byte " + N(pos) + " to [" + N(start) + ", " + N(end) +
             "], beyond the input's " + N(input.size()) + " bytes";
    }
    if (start < prev_start || end < prev_end) {
      return "to_input is not monotone at text byte " + N(pos) + ": start " + N(prev_start) +
             " -> " + N(start) + ", end " + N(prev_end) + " -> " + N(end);
    }
    prev_start = start;
    prev_end = end;
  }
  // The map describes the whole input: what follows the text's last byte
  // starts at the input's end (a span ending there may end earlier, before
  // bytes that gave no text, such as a lone BOM).
  if (d.to_input.SourceStart(d.text.size()) != input.size()) {
    return "the end of the text (" + N(d.text.size()) + " bytes) starts at input byte " +
           N(d.to_input.SourceStart(d.text.size())) + ", not at the input's end " +
           N(input.size());
  }
  return "";
}

std::string SameDecoded(const Decoded& a, const Decoded& b) {
  if (a.text != b.text) return "text differs: " + Show(a.text) + " vs " + Show(b.text);
  if (a.encoding != b.encoding) return "encoding differs: " + a.encoding + " vs " + b.encoding;
  if (a.confidence != b.confidence) return "confidence differs";
  if (a.warnings != b.warnings) return "warnings differ";
  for (size_t pos = 0; pos <= a.text.size(); ++pos) {
    if (!IsBoundary(a.text, pos)) continue;
    if (a.to_input.SourceStart(pos) != b.to_input.SourceStart(pos) ||
        a.to_input.SourceEnd(pos) != b.to_input.SourceEnd(pos)) {
      return "to_input differs at text byte " + N(pos);
    }
  }
  return "";
}

// ---- records ---------------------------------------------------------------

// Checks a record that Process made of `input`; `decoded` is the input
// decoded with the pipeline's options (null when Decode failed).
std::string CheckRecord(std::string_view input, const Record& r, const Decoded* decoded) {
  if (!r.error.empty() && (!r.entities.empty() || !r.indicators.empty())) {
    return "a record with an error has entities or indicators";
  }
  if (decoded == nullptr && r.error.empty()) return "Decode failed but the record has no error";
  // Whether the decoded text is the input itself: then invariant 1 is plain
  // byte equality.
  const bool identical = decoded != nullptr && decoded->text == input;
  // Code point -> byte of the decoded text.
  std::vector<size_t> cp_byte;
  if (decoded != nullptr && r.error.empty()) {
    if (r.chars != utf8::CountCodePoints(decoded->text)) {
      return "chars " + N(r.chars) + " is not the decoded text's code points";
    }
    cp_byte.reserve(r.chars + 1);
    for (size_t i = 0; i < decoded->text.size(); ++i) {
      if (IsBoundary(decoded->text, i)) cp_byte.push_back(i);
    }
    cp_byte.push_back(decoded->text.size());
  }
  for (size_t i = 0; i < r.entities.size(); ++i) {
    const Entity& e = r.entities[i];
    const std::string which = "entity " + N(i) + " (" + e.type + " " + Show(e.text) + ", rule " +
                              e.rule + "): ";
    if (e.byte_start > e.byte_end || e.byte_end > input.size()) {
      return which + "bytes [" + N(e.byte_start) + ", " + N(e.byte_end) + ") outside the input's " +
             N(input.size());
    }
    if (!IsValidUtf8(e.text)) return which + "text is not valid UTF-8";
    if (e.start > e.end || e.end > r.chars) {
      return which + "code points [" + N(e.start) + ", " + N(e.end) + ") outside the text's " +
             N(r.chars);
    }
    if (!cp_byte.empty()) {
      const size_t b0 = cp_byte[e.start], b1 = cp_byte[e.end];
      if (decoded->text.substr(b0, b1 - b0) != e.text) {
        return which + "text is not the decoded text at its code points: " +
               Show(decoded->text.substr(b0, b1 - b0));
      }
      if (decoded->to_input.SourceStart(b0) != e.byte_start ||
          decoded->to_input.SourceEnd(b1) != e.byte_end) {
        return which + "bytes [" + N(e.byte_start) + ", " + N(e.byte_end) +
               ") are not where its code points map: [" + N(decoded->to_input.SourceStart(b0)) +
               ", " + N(decoded->to_input.SourceEnd(b1)) + ")";
      }
    }
    if (identical && input.substr(e.byte_start, e.byte_end - e.byte_start) != e.text) {
      return which + "input bytes [" + N(e.byte_start) + ", " + N(e.byte_end) + ") are " +
             Show(input.substr(e.byte_start, e.byte_end - e.byte_start));
    }
  }
  for (size_t i = 0; i < r.indicators.size(); ++i) {
    const Indicator& ind = r.indicators[i];
    const std::string which = "indicator " + N(i) + ": ";
    if (ind.entity < -1 || ind.entity >= static_cast<int>(r.entities.size())) {
      return which + "entity " + std::to_string(ind.entity) + " out of range";
    }
    if (ind.target < -1 || ind.target >= static_cast<int>(r.indicators.size())) {
      return which + "target " + std::to_string(ind.target) + " out of range";
    }
    if (ind.evidence_start > ind.evidence_end || ind.evidence_end > input.size()) {
      return which + "evidence bytes [" + N(ind.evidence_start) + ", " + N(ind.evidence_end) +
             ") outside the input's " + N(input.size());
    }
    if (!IsValidUtf8(ind.evidence)) return which + "evidence is not valid UTF-8";
    if (identical &&
        input.substr(ind.evidence_start, ind.evidence_end - ind.evidence_start) != ind.evidence) {
      return which + "evidence " + Show(ind.evidence) + " is not the input bytes at its offsets " +
             Show(input.substr(ind.evidence_start, ind.evidence_end - ind.evidence_start));
    }
  }
  std::string line;
  AppendRecordLine(r, &line);
  if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1) {
    return "the record line is not one line ending in a newline";
  }
  const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return "the record line is not a JSON object: " + Show(line);
  }
  return "";
}

// Processes `input` with `pipeline` and checks the record.
std::string ProcessAndCheck(const Pipeline& pipeline, Workspace* workspace,
                            std::shared_ptr<const LegacyTables> legacy, std::string_view input) {
  Record record;
  record.doc = "fuzz";
  pipeline.Process(input, workspace, &record);
  DecodeOptions options;
  options.legacy = std::move(legacy);
  Decoded decoded;
  const bool ok = input.size() <= PipelineOptions().max_document_bytes &&
                  Decode(input, options, &decoded).ok();
  return CheckRecord(input, record, ok ? &decoded : nullptr);
}

// ---- normalize -------------------------------------------------------------

std::string CheckNormalized(std::string_view decoded, const Normalized& n) {
  if (!IsValidUtf8(n.text)) return "normalized text is not valid UTF-8";
  size_t prev_start = 0, prev_end = 0;
  for (size_t pos = 0; pos <= n.text.size(); ++pos) {
    const size_t start = n.DecodedStart(pos), end = n.DecodedEnd(pos);
    const std::string at = "normalized byte " + N(pos) + " of " + Show(n.text) + ": ";
    if (start > decoded.size() || end > decoded.size()) {
      return at + "maps to [" + N(start) + ", " + N(end) + "], beyond the decoded " +
             N(decoded.size()) + " bytes";
    }
    if (start < prev_start || end < prev_end) return at + "the map is not monotone";
    if (pos < n.text.size() && n.DecodedStart(pos) > n.DecodedEnd(pos + 1)) {
      return at + "a one-byte span maps backwards";
    }
    if (IsBoundary(n.text, pos) && (!IsBoundary(decoded, start) || !IsBoundary(decoded, end))) {
      return at + "a character boundary maps into a decoded character: [" + N(start) + ", " +
             N(end) + ") of " + Show(decoded);
    }
    prev_start = start;
    prev_end = end;
  }
  return "";
}

}  // namespace

const std::vector<std::string>& TargetNames() {
  static const std::vector<std::string> names = {"ingest", "normalize", "pipeline", "rules",
                                                 "jsonl"};
  return names;
}

void Init(const std::string& rules_dir) { S().rules_dir = rules_dir; }

std::string Check(std::string_view target, std::string_view data) {
  if (target == "ingest") return CheckIngest(data);
  if (target == "normalize") return CheckNormalize(data);
  if (target == "pipeline") return CheckPipeline(data);
  if (target == "rules") return CheckRules(data);
  if (target == "jsonl") return CheckJsonl(data);
  return "unknown fuzz target '" + std::string(target) + "'";
}

std::string CheckIngest(std::string_view data) {
  std::string error;
  std::shared_ptr<const LegacyTables> legacy = GetLegacy(&error);
  if (!error.empty()) return error;
  struct Config {
    const char* encoding;
    bool legacy;
  };
  static constexpr Config kConfigs[] = {
      {"", true},         {"", false},          {"utf-8", true},    {"utf-8-bom", true},
      {"utf-16le", true}, {"utf-16be", true},   {"windows-1258", true}, {"tcvn3", true},
      {"vni", true},      {"viqr", true},       {"utf-8-double", true}, {"utf-16le", false},
      {"tcvn3", false},   {"viqr", false},      {"utf-8-double", false}};
  for (const Config& c : kConfigs) {
    DecodeOptions options;
    options.encoding = c.encoding;
    if (c.legacy) options.legacy = legacy;
    const std::string config = std::string("Decode(") + (c.encoding[0] ? c.encoding : "detect") +
                               (options.legacy ? ", legacy" : ", no legacy") + "): ";
    Decoded fresh;
    const Status status = Decode(data, options, &fresh);
    // Detection again, in a Decoded that held the previous input, as a
    // workspace does: the same result (DESIGN.md, invariant 3).
    const bool again = !c.encoding[0];
    Decoded& reused = S().reused_decoded;
    if (again) {
      const Status second = Decode(data, options, &reused);
      if (status.ok() != second.ok() || status.message() != second.message()) {
        return config + "a reused Decoded gives another status: " + second.message();
      }
    }
    const bool needs_tables = std::strcmp(c.encoding, "tcvn3") == 0 ||
                              std::strcmp(c.encoding, "vni") == 0 ||
                              std::strcmp(c.encoding, "viqr") == 0 ||
                              std::strcmp(c.encoding, "utf-8-double") == 0;
    if (!status.ok()) {
      if (status.message().empty()) return config + "an error without a message";
      if (c.encoding[0] && !(needs_tables && !options.legacy)) {
        return config + "a forced decoding failed: " + status.message();
      }
      continue;
    }
    if (needs_tables && !options.legacy) return config + "succeeded without the tables";
    if (std::string e = CheckDecoded(data, fresh); !e.empty()) return config + e;
    if (std::string e = again ? SameDecoded(fresh, reused) : ""; !e.empty()) {
      return config + "a reused Decoded gives another result: " + e;
    }
    if (!options.legacy && (fresh.encoding == "tcvn3" || fresh.encoding == "vni" ||
                            fresh.encoding == "viqr" || fresh.encoding == "utf-8-double")) {
      return config + "detected " + fresh.encoding + " without the tables";
    }
  }
  return "";
}

std::string CheckNormalize(std::string_view data) {
  std::string error;
  const Normalizer* normalizer = GetNormalizer(&error);
  if (normalizer == nullptr) return error;
  const std::string decoded = MakeValid(data);
  Normalized n;
  normalizer->Normalize(decoded, &n);
  if (std::string e = CheckNormalized(decoded, n); !e.empty()) return e;
  Normalized& reused = S().reused_normalized;
  normalizer->Normalize(decoded, &reused);
  if (reused.text != n.text) return "a reused Normalized gives another text";
  if (normalizer->NormalizeString(decoded) != n.text) return "NormalizeString differs from Normalize";

  // Slices between ASCII spaces or newlines normalize as the same slice of
  // the whole text: nothing the normalizer does reaches across them.
  std::vector<size_t> cuts = {0};
  for (size_t i = 0; i < decoded.size(); ++i) {
    if (decoded[i] == ' ' || decoded[i] == '\n') cuts.push_back(i);
  }
  cuts.push_back(decoded.size());
  Chooser choose(data);
  for (int round = 0; round < 3; ++round) {
    size_t a = cuts[choose.Below(cuts.size())], b = cuts[choose.Below(cuts.size())];
    if (a > b) std::swap(a, b);
    const std::string head = normalizer->NormalizeString(std::string_view(decoded).substr(0, a));
    const std::string upto = normalizer->NormalizeString(std::string_view(decoded).substr(0, b));
    const std::string slice =
        normalizer->NormalizeString(std::string_view(decoded).substr(a, b - a));
    const std::string span = "slice [" + N(a) + ", " + N(b) + ") of " + Show(decoded) + ": ";
    if (n.text.substr(0, head.size()) != head || n.text.substr(0, upto.size()) != upto) {
      return span + "the normalized head is not a prefix of the normalized text";
    }
    if (n.text.substr(head.size(), upto.size() - head.size()) != slice) {
      return span + "normalizes to " + Show(slice) + ", the whole text has " +
             Show(n.text.substr(head.size(), upto.size() - head.size()));
    }
    if (a < decoded.size() && (decoded[a] == ' ' || decoded[a] == '\n') &&
        n.DecodedStart(head.size()) != a) {
      return span + "normalized byte " + N(head.size()) + " maps to decoded byte " +
             N(n.DecodedStart(head.size())) + ", not " + N(a);
    }
  }
  return "";
}

std::string CheckPipeline(std::string_view data) {
  std::string error;
  std::shared_ptr<const LegacyTables> legacy = GetLegacy(&error);
  if (!error.empty()) return error;
  Workspace* workspace = nullptr;
  const Pipeline* pipeline = GetPipeline(&workspace, &error);
  if (pipeline == nullptr) return error;
  return ProcessAndCheck(*pipeline, workspace, legacy, data);
}

std::string CheckRules(std::string_view data) {
  const std::string dir = TempDir() + "/rules";
  if (!WriteFile(dir + "/fuzz.rules", data)) return Setup("rules", "cannot write " + dir);
  PipelineOptions options;
  options.rules_dir = dir;
  options.rules.types = {"*"};
  // Small RE2 budgets: a fuzzed pattern must not take the fuzzer's memory.
  options.rules.max_mem_per_rule = 1 << 20;
  options.rules.max_mem_gate = 8 << 20;
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    if (pipeline.status().message().empty()) return "a load error without a message";
    return "";
  }
  static const char* const kSamples[] = {
      "Năm 2023, GDP của tỉnh tăng 5,05% so với cùng kỳ; tổng thu ngân sách đạt 1.200 tỷ đồng.",
      "Ngày 15/3/2024, UBND huyện Kon Rẫy có 35 hộ nghèo, 12,5 km đường và tỷ lệ 3/4.",
  };
  std::vector<std::string> texts(std::begin(kSamples), std::end(kSamples));
  for (const Rule& rule : (*pipeline)->rules().rules()) {
    for (const RuleExample& example : rule.examples) {
      if (texts.size() < 8) texts.push_back(example.text);
    }
  }
  auto workspace = (*pipeline)->NewWorkspace();
  for (const std::string& text : texts) {
    if (std::string e = ProcessAndCheck(**pipeline, workspace.get(), nullptr, text); !e.empty()) {
      return "processing " + Show(text) + " with the fuzzed rules: " + e;
    }
  }
  return "";
}

std::string CheckJsonl(std::string_view data) {
  const std::string path = TempDir() + "/in.jsonl";
  if (!WriteFile(path, data)) return Setup("jsonl", "cannot write " + path);
  // The lines as std::getline splits them; blank ones are skipped.
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < data.size();) {
    size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view line = data.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back(line);
    start = end + 1;
  }
  InputSource source({path}, /*jsonl_in=*/true);
  InputDocument doc;
  size_t count = 0;
  while (source.Next(&doc)) {
    if (count >= lines.size()) {
      return "more documents than non-blank lines (" + N(lines.size()) + "): " + Show(doc.error);
    }
    const std::string_view line = lines[count++];
    const std::string which = "line " + Show(line) + ": ";
    const nlohmann::json obj = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    // A line's own id is taken as it is; an empty one is no id at all (the
    // document keeps its file:line name, so that it can be traced).
    const bool own_id = !obj.is_discarded() && obj.is_object() && obj.contains("id") &&
                        obj["id"].is_string() && !obj["id"].get<std::string>().empty();
    if (doc.id.empty()) return which + "a document without an id";
    const bool good = !obj.is_discarded() && obj.is_object() && obj.contains("text") &&
                      obj["text"].is_string();
    if (good != doc.error.empty()) {
      return which + (good ? "refused: " + doc.error : "read, but it has no string \"text\"");
    }
    if (good && doc.bytes != obj["text"].get<std::string>()) return which + "bytes differ from text";
    if (own_id && doc.id != obj["id"].get<std::string>()) {
      return which + "id " + Show(doc.id) + " is not the line's";
    }
  }
  if (count != lines.size()) {
    return N(count) + " document(s) for " + N(lines.size()) + " non-blank line(s)";
  }
  return "";
}

int RunFuzzer(std::string_view target, const uint8_t* data, size_t size) {
  const std::string error = Check(target, std::string_view(reinterpret_cast<const char*>(data), size));
  if (!error.empty()) {
    std::fprintf(stderr, "\n%.*s fuzzer: invariant violated: %s\n", static_cast<int>(target.size()),
                 target.data(), error.c_str());
    std::abort();
  }
  return 0;
}

}  // namespace solieu::fuzz
