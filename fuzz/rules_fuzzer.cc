// libFuzzer target: RuleSet::Load (through Pipeline::Create) on a folder whose only .rules
// file is the input; what loads then processes a few sentences (fuzz_checks.h,
// "rules").
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  solieu::fuzz::Init(SOLIEU_FUZZ_RULES_DIR);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return solieu::fuzz::RunFuzzer("rules", data, size);
}
