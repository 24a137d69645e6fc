// libFuzzer target: Decode on arbitrary bytes, detecting and forced to each encoding, with and
// without the legacy tables (fuzz_checks.h, "ingest").
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  solieu::fuzz::Init(SOLIEU_FUZZ_RULES_DIR);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return solieu::fuzz::RunFuzzer("ingest", data, size);
}
