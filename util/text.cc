#include "util/text.h"

#include <algorithm>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace solieu {
namespace {
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Latin letters, Vietnamese ones included, lowercase one code point at a
// time (U+0130 "İ" excepted: it lowercases to two), so the common case needs
// no ICU string call; other scripts take the full, context-aware mapping.
bool LowercasesCharByChar(char32_t c) {
  return (c < 0x250 && c != 0x130) || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x300 && c <= 0x36F);
}

bool LowerLatin(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out->push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    UChar32 c;
    int32_t next = static_cast<int32_t>(i);
    U8_NEXT(text.data(), next, static_cast<int32_t>(text.size()), c);
    if (c < 0 || !LowercasesCharByChar(static_cast<char32_t>(c))) return false;
    const UChar32 lower = u_tolower(c);
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, lower);
    out->append(buffer, static_cast<size_t>(length));
    i = static_cast<size_t>(next);
  }
  return true;
}

}  // namespace

std::string ToLower(std::string_view text) {
  // Plain ASCII (numbers, units, "ha", about a fifth of the words of news
  // text) is copied and folded in place, without the code point loop.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string lower(text);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    return lower;
  }
  std::string out;
  if (LowerLatin(text, &out)) return out;
  out.clear();
  UErrorCode ec = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  icu::CaseMap::utf8ToLower("", 0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                            sink, nullptr, ec);
  if (U_FAILURE(ec)) out.assign(text);
  return out;
}

std::string_view Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && IsSpace(text[b])) ++b;
  while (e > b && IsSpace(text[e - 1])) --e;
  return text.substr(b, e - b);
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  for (std::string_view w : SplitWords(text)) {
    if (!out.empty()) out.push_back(' ');
    out.append(w);
  }
  return out;
}

std::string FoldDiacritics(std::string_view text) {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  if (U_FAILURE(ec)) return ToLower(text);
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), ec);
  icu::UnicodeString folded;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const char16_t c = decomposed[i];
    if (u_getCombiningClass(c) != 0 || (c >= 0x300 && c <= 0x36F)) continue;
    folded.append(c == u'đ' || c == u'Đ' ? u'd' : c);
  }
  folded.toLower();
  std::string out;
  return folded.toUTF8String(out);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace solieu
