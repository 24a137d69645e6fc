// libFuzzer target: Pipeline::Process with the bundled rules on arbitrary bytes: entities and
// indicators located in the input, the record line valid JSON (fuzz_checks.h,
// "pipeline").
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  solieu::fuzz::Init(SOLIEU_FUZZ_RULES_DIR);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return solieu::fuzz::RunFuzzer("pipeline", data, size);
}
