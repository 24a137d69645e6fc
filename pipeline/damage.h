// Damage: what a reader of a document's figures should know about the text
// they came from, as warnings that point at the original input bytes.
//
// The stages read through the damage they can undo (ingest repairs font
// residue, normalize reads styled letters as plain ones, segment joins a line
// that plainly continues a figure). What is reported here is what no stage
// can decide, or what makes the figures themselves doubtful:
//   - a figure that may be split by a line break: "3,⏎14%" is either 3,14%
//     or "3," then 14%; it is read as two numbers and flagged;
//   - spun text: spintax alternatives left in the page ("{tăng|gia tăng}"),
//     a sign that the wording, and perhaps the figures, were generated;
//   - styled letters and digits ("ᴛɪɴ", "𝟷𝟿"), read as plain ones: pages
//     use them to dodge filters, so the source deserves a second look.
// Each warning gives the number of places and the first of them.
#ifndef SOLIEU_PIPELINE_DAMAGE_H_
#define SOLIEU_PIPELINE_DAMAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/types.h"

namespace solieu {

struct DamageInput {
  std::string_view text;  // the normalized text
  size_t styled = 0;      // styled characters normalize read as plain ones
  // A span of `text` -> the original input (as for entities).
  LocateFn locate;
};

// Appends one warning per kind of damage found.
void ReportDamage(const DamageInput& in, std::vector<std::string>* warnings);

// The places in a normalized text where a number may run on past a line
// break ("3,⏎14"): [begin, end) from the first digit to the last.
std::vector<std::pair<size_t, size_t>> FindSplitFigures(std::string_view text);

// The spintax groups "{a|b|...}" of a normalized text.
std::vector<std::pair<size_t, size_t>> FindSpintax(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_DAMAGE_H_
