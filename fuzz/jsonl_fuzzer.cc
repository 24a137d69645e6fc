// libFuzzer target: the --jsonl-in reader (cli/inputs.h) on the input as a file: one document
// or error document per non-blank line (fuzz_checks.h, "jsonl").
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  solieu::fuzz::Init(SOLIEU_FUZZ_RULES_DIR);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return solieu::fuzz::RunFuzzer("jsonl", data, size);
}
