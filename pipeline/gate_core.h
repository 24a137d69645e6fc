// Gate cores: what the rule gate (rules.h) looks for in place of each rule.
//
// The gate only asks whether a rule matches somewhere in a sentence.  The
// items at either end of a pattern that may match nothing ("(?:từ\s+)?",
// "{FIG_VETO}?") do not change that answer: take them empty, and any match of
// the pattern contains a match of what is left.  Likewise a repetition at an
// end needs only its minimum ("\d+" -> "\d"), and a group at an end may open
// up or have each of its branches reduced at that end.  So a sentence holds a
// match of the pattern exactly when it holds one of its core, and the gate
// fires the same rules; but its automaton no longer carries the optional
// words and name tails at every position, which is where its time went.
#ifndef SOLIEU_PIPELINE_GATE_CORE_H_
#define SOLIEU_PIPELINE_GATE_CORE_H_

#include <string>
#include <string_view>

namespace solieu {

// The core of an RE2 `pattern`; the pattern itself where it cannot be read
// (a "(?i)" that sets flags for what follows) or would be left empty.
std::string GateCore(std::string_view pattern);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_GATE_CORE_H_
