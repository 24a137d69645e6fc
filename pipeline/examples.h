// Examples: every rule's inline examples, run through the whole pipeline.
//
// An example "TEXT => N1 | N2" passes when processing TEXT as a document
// yields exactly the norms N1, N2 (in order) among entities of the rule's
// type, and the rule itself produced at least one of them; "TEXT => -"
// passes when no entity of that type comes out.  A "block" rule's examples
// list the norms of every type that remain ("Quốc lộ 14 => -"); a "place"
// rule's examples, the places the linker finds (link.h).  For rules
// of type "segment" the expected value is the kind the segment rules give
// TEXT.
//
// `solieu rules test` and the test suite both run these.
#ifndef SOLIEU_PIPELINE_EXAMPLES_H_
#define SOLIEU_PIPELINE_EXAMPLES_H_

#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace solieu {

struct ExampleFailure {
  std::string where;  // file:line of the example
  std::string rule;
  std::string text;
  std::vector<std::string> expected, got;
  std::string reason;
};

struct ExampleReport {
  size_t examples = 0;
  std::vector<ExampleFailure> failures;
};

// REQUIRES: `pipeline` was created with every rule type loaded ("*").
ExampleReport RunExamples(const Pipeline& pipeline);

std::string DescribeFailure(const ExampleFailure& failure);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_EXAMPLES_H_
