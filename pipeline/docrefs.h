// Document references: the value builder "docref".
//
// norm (ANNOTATION.md): the number-symbol as written, upper case, without
// spaces or line breaks ("10-CT/TW", "15/2020/NĐ-CP", "1234/QĐ-UBND"); a
// number cited without a symbol keeps its short form, the type code and the
// number ("QĐ 05").
//
// Capture groups read: kind (the document type word, "Nghị quyết"), num (the
// number, "18" or "30a"), nums (a list sharing one symbol: "18, 19"), sym (the
// symbol after the number, "-NQ/TW" or "/2020/NĐ-CP"), and day, month, year
// (an issue date given right after the reference).  Type words are read
// through the list DOCTYPE_WORDS (word -> code); a symbol's first code is a
// type only when DOCTYPE_CODES lists it.
//
// value: number (a JSON number when all digits), doc_type (from the type word,
// else from the symbol), type_code (the symbol's), issuer, year (normative
// symbols), date (the issue date, ISO).
#ifndef SOLIEU_PIPELINE_DOCREFS_H_
#define SOLIEU_PIPELINE_DOCREFS_H_

#include <string>
#include <string_view>

namespace solieu {

// What a symbol says: "-CT/TW" -> type CT, issuer TW; "/2020/NĐ-CP" ->
// year 2020, type NĐ, issuer CP; "/2024/QH15" -> issuer QH15. In
// "/UBND-VX" (a letter, no type code) the first code still lands in `type`:
// the builder checks it against the list of type codes.
struct DocSymbol {
  std::string type;
  std::string issuer;
  int year = 0;
};

// REQUIRES: `symbol` is in norm form (SymbolNorm).
DocSymbol ParseDocSymbol(std::string_view symbol);

// The norm of a symbol as written: upper case, no whitespace.
std::string SymbolNorm(std::string_view text);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_DOCREFS_H_
