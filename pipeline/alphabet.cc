#include "pipeline/alphabet.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <vector>

namespace solieu {

const std::u32string_view kVietnameseLetters =
    U"àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    U"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";

namespace {

std::array<char32_t, 134> SortedLetters() {
  std::array<char32_t, 134> sorted{};
  std::copy(kVietnameseLetters.begin(), kVietnameseLetters.end(), sorted.begin());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

// What the syllable check needs to know of each of the 134 letters.
struct LetterInfo {
  char32_t cp;
  char32_t lower, upper;
  char32_t toneless_lower;  // lower case, tone mark removed, shape kept: ấ -> â
  int tone;
};

int ToneOfMark(UChar32 mark) {
  switch (mark) {
    case 0x300: return 1;
    case 0x301: return 2;
    case 0x309: return 3;
    case 0x303: return 4;
    case 0x323: return 5;
    default: return 0;
  }
}

// Built from ICU's decompositions, sorted by code point.
std::vector<LetterInfo> BuildLetterInfo() {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  std::vector<LetterInfo> info;
  const size_t half = kVietnameseLetters.size() / 2;
  for (size_t i = 0; i < kVietnameseLetters.size(); ++i) {
    LetterInfo li;
    li.cp = kVietnameseLetters[i];
    li.lower = kVietnameseLetters[i % half];
    li.upper = kVietnameseLetters[i % half + half];
    li.tone = 0;
    li.toneless_lower = li.lower;
    icu::UnicodeString parts;
    if (U_SUCCESS(ec) && nfd->getDecomposition(static_cast<UChar32>(li.lower), parts)) {
      UChar32 base = parts.char32At(0);
      for (int32_t k = parts.moveIndex32(0, 1); k < parts.length(); k = parts.moveIndex32(k, 1)) {
        const UChar32 mark = parts.char32At(k);
        if (const int tone = ToneOfMark(mark)) {
          li.tone = tone;
        } else {
          const UChar32 composed = nfc->composePair(base, mark);
          if (composed >= 0) base = composed;
        }
      }
      li.toneless_lower = static_cast<char32_t>(base);
    }
    info.push_back(li);
  }
  std::sort(info.begin(), info.end(),
            [](const LetterInfo& a, const LetterInfo& b) { return a.cp < b.cp; });
  return info;
}

const LetterInfo* FindLetter(char32_t cp) {
  static const std::vector<LetterInfo> info = BuildLetterInfo();
  if (cp < 0xC0) return nullptr;
  auto it = std::lower_bound(info.begin(), info.end(), cp,
                             [](const LetterInfo& li, char32_t c) { return li.cp < c; });
  return it != info.end() && it->cp == cp ? &*it : nullptr;
}

// The rimes of Vietnamese without tone marks (vowel nucleus with its glides,
// then the final), sorted.  Finals "k" mirror "c" for Central Highlands names.
std::vector<std::u32string> BuildRimes() {
  std::vector<std::u32string> rimes = {
      U"a", U"ai", U"ao", U"au", U"ay", U"am", U"an", U"ang", U"anh", U"ac", U"ach", U"ap", U"at",
      U"ăm", U"ăn", U"ăng", U"ăc", U"ăp", U"ăt",
      U"âu", U"ây", U"âm", U"ân", U"âng", U"âc", U"âp", U"ât",
      U"e", U"eo", U"em", U"en", U"eng", U"ec", U"ep", U"et",
      U"ê", U"êu", U"êm", U"ên", U"ênh", U"êch", U"êp", U"êt",
      U"i", U"ia", U"iu", U"im", U"in", U"inh", U"ich", U"ip", U"it",
      U"iêu", U"iêm", U"iên", U"iêng", U"iêc", U"iêp", U"iêt",
      U"o", U"oi", U"om", U"on", U"ong", U"oc", U"op", U"ot",
      U"oa", U"oai", U"oay", U"oao", U"oam", U"oan", U"oang", U"oanh", U"oac", U"oach", U"oap",
      U"oat", U"oăm", U"oăn", U"oăng", U"oăc", U"oăt", U"oe", U"oeo", U"oen", U"oet",
      U"oong", U"ooc",
      U"ô", U"ôi", U"ôm", U"ôn", U"ông", U"ôc", U"ôp", U"ôt",
      U"ơ", U"ơi", U"ơm", U"ơn", U"ơp", U"ơt",
      U"u", U"ua", U"ui", U"um", U"un", U"ung", U"uc", U"up", U"ut",
      U"uôi", U"uôm", U"uôn", U"uông", U"uôc", U"uôt", U"uân", U"uâng", U"uât", U"uây",
      U"uê", U"uêch", U"uênh", U"uy", U"uya", U"uyu", U"uych", U"uynh", U"uyt", U"uyn",
      U"uyên", U"uyêt", U"uơ",
      U"ư", U"ưa", U"ưi", U"ưu", U"ưm", U"ưn", U"ưng", U"ưc", U"ưt",
      U"ươi", U"ươu", U"ươm", U"ươn", U"ương", U"ươc", U"ươp", U"ươt",
      U"y", U"yêu", U"yêm", U"yên", U"yêt",
  };
  const size_t n = rimes.size();
  for (size_t i = 0; i < n; ++i) {
    if (rimes[i].back() == U'c') rimes.push_back(rimes[i].substr(0, rimes[i].size() - 1) + U"k");
  }
  std::sort(rimes.begin(), rimes.end());
  rimes.erase(std::unique(rimes.begin(), rimes.end()), rimes.end());
  return rimes;
}

bool IsRime(std::u32string_view r) {
  static const std::vector<std::u32string> rimes = BuildRimes();
  return std::binary_search(rimes.begin(), rimes.end(), r,
                            [](std::u32string_view a, std::u32string_view b) { return a < b; });
}

// Onsets, longest first within each first letter: "ngh" before "ng".
constexpr std::u32string_view kOnsets[] = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"th", U"tr", U"qu",
    U"bl",  U"br", U"kl", U"kr", U"pl", U"dr",
    U"b",   U"c",  U"d",  U"đ",  U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",
    U"r",   U"s",  U"t",  U"v",  U"x",  U"",
};

bool FrontVowel(char32_t c) { return c == U'i' || c == U'e' || c == U'ê' || c == U'y'; }

bool StopFinal(std::u32string_view r) {
  if (r.empty()) return false;
  const char32_t last = r.back();
  return last == U'c' || last == U'p' || last == U't' || last == U'k' ||
         (last == U'h' && r.size() >= 2 && r[r.size() - 2] == U'c');
}

bool RimeAfter(std::u32string_view onset, std::u32string_view rime) {
  if (onset == U"qu") {
    if (rime.empty()) return false;
    std::u32string with_glide = U"u";
    with_glide += rime;
    if (IsRime(rime) || IsRime(with_glide)) return true;
    with_glide[0] = U'o';
    return IsRime(with_glide);
  }
  if (onset == U"gi") {
    if (rime.empty() || IsRime(rime)) return true;
    std::u32string with_i = U"i";
    with_i += rime;
    return IsRime(with_i);
  }
  if (rime.empty() || !IsRime(rime)) return false;
  // "k" before a, o, u only in names (Bắc Kạn, Kon Tum): accepted.
  if (onset == U"gh" || onset == U"ngh") return FrontVowel(rime[0]);
  if (onset == U"c" || onset == U"g" || onset == U"ng") {
    return rime[0] != U'i' && rime[0] != U'e' && rime[0] != U'ê';
  }
  return true;
}

}  // namespace

char32_t ToLowerLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  const LetterInfo* li = FindLetter(cp);
  return li ? li->lower : cp;
}

char32_t ToUpperLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  const LetterInfo* li = FindLetter(cp);
  return li ? li->upper : cp;
}

bool IsUpperLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const LetterInfo* li = FindLetter(cp);
  return li && li->upper == cp;
}

int ToneOf(char32_t cp) {
  const LetterInfo* li = FindLetter(cp);
  return li ? li->tone : 0;
}

bool IsVietnameseSyllable(std::u32string_view word) {
  constexpr size_t kMax = 10;  // "nghiêng", "khuyếch": 7
  if (word.empty() || word.size() > kMax) return false;
  std::array<char32_t, kMax> base{};
  int tone = 0, tones = 0;
  size_t uppers = 0;
  bool first_upper = false;
  for (size_t i = 0; i < word.size(); ++i) {
    const char32_t c = word[i];
    bool upper = false;
    if (c < 0x80) {
      if (!IsLetter(c)) return false;
      upper = c <= 'Z';
      base[i] = upper ? c + 32 : c;
    } else {
      const LetterInfo* li = FindLetter(c);
      if (li == nullptr) return false;
      upper = li->upper == c;
      base[i] = li->toneless_lower;
      if (li->tone) {
        tone = li->tone;
        ++tones;
      }
    }
    uppers += upper;
    if (i == 0) first_upper = upper;
  }
  if (tones > 1) return false;
  const bool case_ok = uppers == 0 || uppers == word.size() || (uppers == 1 && first_upper);
  if (!case_ok) return false;
  const std::u32string_view s(base.data(), word.size());
  for (std::u32string_view onset : kOnsets) {
    if (s.substr(0, onset.size()) != onset) continue;
    const std::u32string_view rime = s.substr(onset.size());
    if (!RimeAfter(onset, rime)) continue;
    // A stop final takes sắc or nặng; "Đăk", "Đak" (names) take none too.
    if (StopFinal(rime) && tone != 2 && tone != 5 && !(tone == 0 && rime.back() == U'k')) continue;
    return true;
  }
  return false;
}

bool IsVietnameseLetter(char32_t cp) {
  static const std::array<char32_t, 134> sorted = SortedLetters();
  if (cp < 0xC0) return false;
  return std::binary_search(sorted.begin(), sorted.end(), cp);
}

bool IsToneMark(char32_t cp) {
  return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(cp));
}

bool IsDigit(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_isdigit(static_cast<UChar32>(cp));
}

}  // namespace solieu
