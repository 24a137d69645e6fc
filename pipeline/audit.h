// Audit: many Records (lines of `solieu extract` output) -> Findings.
//
// A finding is one of three kinds (output/SCHEMA.md, "Finding"):
//   conflict       the same indicator, in several documents, with values that
//                  differ beyond the tolerance ("different_values");
//   corroboration  the same indicator with the same value (within the
//                  tolerance) in several documents ("same_value");
//   inconsistency  inside one document:
//     "attainment_vs_target"  an attainment percent (baseline a plan, or
//                             none) whose figure (`target` link) implies a
//                             target, figure / percent, that no stated target
//                             figure agrees with (role target, same scope,
//                             period and unit as the figure, measure of the
//                             figure or of the attainment);
//     "total_vs_change"       a level (the total) that is not an earlier level
//                             (the start) plus or minus a change with a
//                             baseline, all of one scope and measure: the
//                             total is the figure the change qualifies, or
//                             the one level of the change's period; the start
//                             the one other level whose period begins earlier
//                             and ends in no later year; "tăng"/"giảm" before
//                             the change gives its sign (either, when none);
//                             a change in % is relative, in pp between shares;
//     "shares_over_100"       parts of one whole adding up above 100%:
//                             shares in % of one scope and period whose
//                             measures begin with the same two words, each a
//                             part ("chiếm" before it, or a measure beginning
//                             "tỷ trọng"/"cơ cấu"; a rate, "tỷ lệ", is not);
//                             a measure stated twice counts once;
//     "repeated_figure"       the same key stated in two sentences with
//                             different values (a range "90 - 100" in one
//                             sentence is not a repetition).
//
// THE KEY.  Two indicators are "the same indicator" when these agree:
//   scope    the indicator's scope name, folded: FoldDiacritics (lower case,
//            no tone or vowel marks, so any tone-mark style, "đ" as "d"),
//            every run of punctuation or space as one space, abbreviations
//            expanded word by word, then an organ in front of a level word
//            dropped ("Đảng bộ huyện X", "UBND tỉnh X" -> "huyen x",
//            "tinh x"; "Huyện ủy X" -> "huyen x");
//   measure  folded and expanded the same way; for counts a leading
//            "tổng số", "số lượng" or "số" is dropped ("tổng số đảng viên"
//            and "đảng viên" count the same thing);
//   period   the period's `completed` norm when it has one, else its `norm`;
//   role     as is;
//   unit     what the value is in: "count" for counts (whatever noun is
//            counted), "%" or "pp" for percents, "ratio", the currency code
//            for money, the folded unit for quantities: values in different
//            units are never compared;
//   baseline for changes and attainments only: "plan" (chỉ tiêu, kế hoạch,
//            dự toán, mục tiêu, nghị quyết), "same period" (cùng kỳ), "start"
//            (đầu nhiệm kỳ, đầu năm, đầu kỳ), else the folded baseline
//            without its leading "so với"; empty when there is none.
// Abbreviations: built in are TP (thành phố), TX (thị xã), UBND, HĐND, MTTQ,
// HCM (Hồ Chí Minh); a document adds its own definitions "X (ABBR)" found in
// its evidence sentences and title, where the initials of the words before
// the parenthesis spell ABBR ("tổ chức cơ sở đảng (TCCSĐ)").  A definition
// applies to the document that states it.
// An indicator without a value takes part in no check; one without a scope,
// measure or period is never compared across documents nor counted as a
// repetition (without them two figures cannot be said to be about the same
// thing); the other checks need only what they compare.
//
// Values agree when |a - b| <= tolerance * max(|a|, |b|).  Values of a key
// are grouped by sorting them and starting a new group at the first value
// that does not agree with the group's smallest.  Checks that involve a
// written percent also allow for its rounding (74,4% is 74.35% to 74.45%).
//
// Order: findings come out sorted by key (scope, measure, period, role, unit,
// baseline), then kind, check, documents and values.  Evidence of a
// conflict or corroboration goes by value, then document (one figure per
// document and value: its first); of an inconsistency in the order its check
// names (attainment, figure, stated targets; start, change, total; parts in
// text order; repeated values in text order).  The output is a function of
// the set of documents and the options, not of the order they were added in
// (but of two records with the same `doc`, the first added is kept).
//
// Memory: each indicator is kept as a compact fixed-size struct (96 bytes)
// with interned strings; sentences are kept once per document in an arena,
// the figure's text as a view into its sentence.  No JSON object outlives
// AddRecord.  bench/audit_bench.sh, 1,000,000 indicators in 100,000
// documents (892 MB of JSON Lines): peak RSS 354 MiB, 22-35 s
// (RelWithDebInfo, 2 cores, most of it parsing JSON); with --format sqlite
// 358 MiB, 1 min 49 s.
//
// Thread safety: an Auditor is used by one thread at a time.
#ifndef SOLIEU_PIPELINE_AUDIT_H_
#define SOLIEU_PIPELINE_AUDIT_H_

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace solieu {

namespace audit_internal {
struct State;  // defined in audit.cc
}  // namespace audit_internal

struct AuditOptions {
  // Relative tolerance between two values that "agree": 0.005 is 0.5%.
  double tolerance = 0.005;
};

// The key of a finding, in its folded (matching) form; see THE KEY above.
// Fields that do not apply are empty.
struct FindingKey {
  std::string scope, measure, period, role, unit, baseline;
};

// One figure a finding rests on, with where it comes from.
struct FindingEvidence {
  std::string doc, url, title, published;  // url, title, published may be empty
  int indicator = -1;                      // index in the record's `indicators`
  std::string text;                        // the figure, original text
  double value = 0;
  std::string scope, measure;              // as the record gives them (unfolded)
  std::string sentence;                    // the evidence sentence, original text
  uint64_t byte_start = 0, byte_end = 0;   // the figure's input bytes
};

struct Finding {
  std::string kind;   // "conflict", "corroboration", "inconsistency"
  std::string check;  // "different_values", "same_value", "attainment_vs_target", ...
  FindingKey key;
  // conflict, corroboration: the distinct values, ascending; inconsistency:
  // one per evidence item, in evidence order.
  std::vector<double> values;
  std::vector<std::string> docs;  // sorted, distinct
  std::vector<FindingEvidence> evidence;
  std::string message;  // one readable sentence
};

struct AuditStats {
  size_t documents = 0;        // records audited
  size_t error_records = 0;    // records with "error", skipped
  size_t duplicate_docs = 0;   // records whose doc was already added, skipped
  size_t indicators = 0;       // indicators read
  size_t keyed = 0;            // indicators with a full key (they take part in checks)
  size_t abbreviations = 0;    // "X (ABBR)" definitions found in documents
};

class Auditor {
 public:
  explicit Auditor(AuditOptions options = {});
  ~Auditor();
  Auditor(const Auditor&) = delete;
  Auditor& operator=(const Auditor&) = delete;

  // Adds one record (one line of extract output, parsed keeping key order).  An error record is
  // counted and skipped; so is a record whose `doc` was already added (the
  // first wins).  Returns Corrupt when `record` is not an object with a
  // string `doc`; fields of the wrong type inside an indicator make that
  // indicator take part in no check (never an error).  The inconsistency
  // checks of the document run here; nothing of `record` is kept by
  // reference.
  Status AddRecord(const nlohmann::ordered_json& record);

  // Runs the checks across documents and calls `emit` once per finding, in
  // the order described above.  Stops at, and returns, the first error
  // `emit` returns.  May be called more than once; AddRecord after it is
  // allowed and later calls see the new documents.
  // Cost: O(n log n) in the number of keyed indicators.
  Status Run(const std::function<Status(const Finding&)>& emit);

  const AuditStats& stats() const { return stats_; }

  // The folded form of a scope or measure under the rules above, with the
  // built-in abbreviations only (for tests and tools).
  static std::string FoldScope(std::string_view name);
  static std::string FoldMeasure(std::string_view measure, bool count);

 private:
  std::unique_ptr<audit_internal::State> state_;
  AuditOptions options_;
  AuditStats stats_;
};

// A number as a JSON literal: integers (up to 2^53) without exponent or
// fraction, others in the shortest form that reads back to the same double.
std::string NumberLiteral(double value);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_AUDIT_H_
