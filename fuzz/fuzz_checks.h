// Fuzz checks: the invariants each input surface must hold on any bytes,
// shared by the libFuzzer targets (fuzz/*_fuzzer.cc) and by
// tests/fuzz_regression_test.cpp, which replays fuzz/corpus/ and
// fuzz/regressions/ in the normal build.
//
// The targets, by name (the folders of fuzz/corpus/ and fuzz/regressions/):
//   ingest     Decode, detecting and forced to every encoding, with and
//              without the legacy tables: valid UTF-8 out, to_input in
//              [0, input size] and monotone, the same result in a reused
//              Decoded as in a fresh one;
//   normalize  Normalizer alone on the input made valid UTF-8: the offset map
//              monotone, in range and on character boundaries; normalizing a
//              slice between two ASCII spaces or newlines gives the same text
//              as that slice of the whole normalized text;
//   pipeline   Pipeline::Process with the bundled rules: every entity and
//              indicator located inside the input, its text the decoded
//              substring at its offsets (the input bytes themselves when the
//              decoded text is the input), and the record line valid JSON;
//   rules      the input as the only .rules file of a folder: loading returns
//              an error or a pipeline, which then processes a few sentences
//              and the rules' examples with the pipeline checks;
//   jsonl      the input as a --jsonl-in file: one document per non-blank
//              line, with an error exactly when the line is not an object
//              with a string "text".
// A crash is a finding too: the fuzzers run under ASan and UBSan.
#ifndef SOLIEU_FUZZ_FUZZ_CHECKS_H_
#define SOLIEU_FUZZ_FUZZ_CHECKS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace solieu::fuzz {

// "ingest", "normalize", "pipeline", "rules", "jsonl".
const std::vector<std::string>& TargetNames();

// The bundled rules folder (for the pipeline target and the legacy tables).
// Call once, before the first check.
void Init(const std::string& rules_dir);

// Runs `data` through the checks of `target`: "" when every invariant holds,
// else what was violated.
std::string Check(std::string_view target, std::string_view data);

std::string CheckIngest(std::string_view data);
std::string CheckNormalize(std::string_view data);
std::string CheckPipeline(std::string_view data);
std::string CheckRules(std::string_view data);
std::string CheckJsonl(std::string_view data);

// For LLVMFuzzerTestOneInput: Check, and abort() with the message on a
// violation so that libFuzzer keeps the input.
int RunFuzzer(std::string_view target, const uint8_t* data, size_t size);

}  // namespace solieu::fuzz

#endif  // SOLIEU_FUZZ_FUZZ_CHECKS_H_
