#include "pipeline/normalize.h"

#include <doctest/doctest.h>
#include <utf8proc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "util/utf8.h"

namespace solieu {
namespace {

const Normalizer& TheNormalizer() {
  static const std::unique_ptr<Normalizer> n = [] {
    auto r = Normalizer::Create();
    REQUIRE(r.ok());
    return std::move(*r);
  }();
  return *n;
}

std::string Norm(std::string_view s) { return TheNormalizer().NormalizeString(s); }

// NFC by utf8proc: an implementation independent of ICU.
std::string Utf8procNfc(const std::string& s) {
  utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  REQUIRE(out != nullptr);
  std::string result(reinterpret_cast<const char*>(out));
  std::free(out);
  return result;
}

TEST_CASE("text that needs nothing is not copied") {
  const std::string input = "Năm 2023, Hà Nội có 1.730 ca; tỷ lệ đạt 74,4% (hòa, khỏe, ủy, quý).";
  Normalized n;
  TheNormalizer().Normalize(input, &n);
  CHECK(n.text == input);
  CHECK(n.text.data() == input.data());
  CHECK(n.chars_map.identity());
  CHECK(n.nfc_map.identity());
  CHECK(n.tone_map.identity());
  for (size_t pos = 0; pos <= input.size(); ++pos) {
    CHECK(n.DecodedStart(pos) == pos);
    CHECK(n.DecodedEnd(pos) == pos);
  }
  // Plain ASCII and the empty text too.
  const std::string ascii = "Quyet dinh so 15/2020/ND-CP & AT&T; a &b c";
  TheNormalizer().Normalize(ascii, &n);
  CHECK(n.text.data() == ascii.data());
  const std::string empty;
  TheNormalizer().Normalize(empty, &n);
  CHECK(n.text.empty());
}

TEST_CASE("HTML entities, named and numeric") {
  CHECK(Norm("A &amp; B") == "A & B");
  CHECK(Norm("&lt;b&gt;") == "<b>");
  CHECK(Norm("&quot;Đổi mới&quot;") == "\"Đổi mới\"");
  CHECK(Norm("it&apos;s") == "it's");
  CHECK(Norm("15&#x002F;2020") == "15/2020");  // leading zeros, hex
  CHECK(Norm("15&#X2f;2020") == "15/2020");    // upper-case X, lower-case digit
  CHECK(Norm("15&#47;2020") == "15/2020");     // decimal
  CHECK(Norm("15&sol;2020") == "15/2020");
  CHECK(Norm("Vi&#7879;t") == "Việt");         // 7879 = 0x1EC7 = ệ
  CHECK(Norm("Vi&#x1EC7;t") == "Việt");
  CHECK(Norm("H&agrave; N&ocirc;&#803;i") == "Hà Nội");  // 803 = U+0323, then NFC
  CHECK(Norm("74,4&percnt;") == "74,4%");
  CHECK(Norm("30&deg;C") == "30°C");
  CHECK(Norm("m&sup2;") == "m²");
  // Entities whose characters the first pass maps further.
  CHECK(Norm("1&nbsp;730") == "1 730");
  CHECK(Norm("2020&ndash;2025") == "2020-2025");
  CHECK(Norm("2020&mdash;2025") == "2020-2025");
  CHECK(Norm("2020&#8211;2025") == "2020-2025");
  CHECK(Norm("&ldquo;A&rdquo; &lsquo;B&rsquo;") == "\"A\" 'B'");
  CHECK(Norm("v.v&hellip;") == "v.v...");
  CHECK(Norm("&#208;&#7891;ng") == "Đồng");  // U+00D0 (Icelandic eth) is read as Đ
  // One level only: "&amp;amp;" is the text "&amp;".
  CHECK(Norm("&amp;amp;") == "&amp;");
  // Not entities: left as they are.
  for (const char* s : {"AT&T", "a & b", "&amp", "&#;", "&#x;", "&#0;", "&#xD800;", "&#x110000;",
                        "&bogus;", "&AMP;", "&", "&#", "&#12a;", "R&D; R&amp"}) {
    INFO(s);
    CHECK(Norm(s) == s);
  }
}

TEST_CASE("every named entity in the table decodes") {
  // All of them, in one text: a lookup that missed any (an unsorted table)
  // would leave its name in the output.
  const std::pair<const char*, const char*> entities[] = {
      {"AElig", "Æ"},   {"Aacute", "Á"},  {"Acirc", "Â"},  {"Agrave", "À"}, {"Atilde", "Ã"},
      {"Eacute", "É"},  {"Ecirc", "Ê"},   {"Egrave", "È"}, {"Iacute", "Í"}, {"Igrave", "Ì"},
      {"Oacute", "Ó"},  {"Ocirc", "Ô"},   {"Ograve", "Ò"}, {"Otilde", "Õ"}, {"Uacute", "Ú"},
      {"Ugrave", "Ù"},  {"Yacute", "Ý"},  {"aacute", "á"}, {"acirc", "â"},  {"agrave", "à"},
      {"amp", "&"},     {"apos", "'"},    {"atilde", "ã"}, {"bull", "•"},   {"deg", "°"},
      {"eacute", "é"},  {"ecirc", "ê"},   {"egrave", "è"}, {"gt", ">"},     {"hellip", "..."},
      {"iacute", "í"},  {"igrave", "ì"},  {"laquo", "«"},  {"ldquo", "\""}, {"lsquo", "'"},
      {"lt", "<"},      {"mdash", "-"},   {"middot", "·"}, {"nbsp", " "},   {"ndash", "-"},
      {"oacute", "ó"},  {"ocirc", "ô"},   {"ograve", "ò"}, {"otilde", "õ"}, {"percnt", "%"},
      {"quot", "\""},   {"raquo", "»"},   {"rdquo", "\""}, {"rsquo", "'"},  {"sol", "/"},
      {"sup2", "²"},    {"sup3", "³"},    {"times", "×"},  {"uacute", "ú"}, {"ugrave", "ù"},
      {"yacute", "ý"},
  };
  for (const auto& [name, expected] : entities) {
    INFO(name);
    CHECK(Norm(std::string("<&") + name + ";>") == std::string("<") + expected + ">");
  }
}

TEST_CASE("numeric references 128-159 are read as Windows-1252, as HTML does") {
  // HTML5 (13.2.5.80) replaces these C1 control numbers by the Windows-1252
  // characters they mean on real pages.
  CHECK(Norm("2020&#150;2025") == "2020-2025");    // 150: en dash
  CHECK(Norm("2020&#151;2025") == "2020-2025");    // 151: em dash
  CHECK(Norm("&#147;A&#148;") == "\"A\"");         // left and right double quotes
  CHECK(Norm("it&#146;s") == "it's");              // right single quote
  CHECK(Norm("v.v&#133;") == "v.v...");            // ellipsis
  CHECK(Norm("&#128;") == "€");
  CHECK(Norm("&#x80;") == "€");
  CHECK(Norm("&#153;") == "™");
  // Numbers Windows-1252 leaves undefined stay as the code point.
  CHECK(Norm("&#129;") == "\xC2\x81");
  CHECK(Norm("&#157;") == "\xC2\x9D");
  // The raw characters themselves are not touched: only references are.
  CHECK(Norm("\xC2\x96") == "\xC2\x96");
}

TEST_CASE("dashes, spaces, invisible characters, look-alikes, quotes, digits") {
  SUBCASE("every dash becomes -") {
    for (const char* dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015",
                             "\u2212", "\uFE58", "\uFE63", "\uFF0D"}) {
      INFO(dash);
      CHECK(Norm(std::string("16 ") + dash + " HD/BTCTW") == "16 - HD/BTCTW");
    }
    CHECK(Norm("nhiệt độ \u22125°C") == "nhiệt độ -5°C");
  }
  SUBCASE("no-break and other spaces become a space") {
    CHECK(Norm("1\u00A0730") == "1 730");
    CHECK(Norm("1\u202F730") == "1 730");
    CHECK(Norm("a\u2002b\u2003c\u2009d\u3000e") == "a b c d e");
  }
  SUBCASE("zero-width characters and soft hyphens are removed") {
    CHECK(Norm("Việt\u200BNam") == "ViệtNam");
    CHECK(Norm("thông\u00ADtin") == "thôngtin");
    CHECK(Norm("\uFEFFĐồng") == "Đồng");
    CHECK(Norm("a\u200Cb\u200Dc\u2060d") == "abcd");
    CHECK(Norm("\u200B\u200B") == "");
  }
  SUBCASE("look-alikes of Đ and đ") {
    CHECK(Norm("\u00D0\u1ED3ng") == "Đồng");  // Icelandic eth
    CHECK(Norm("\u0189\u1ED3ng") == "Đồng");  // African D
    CHECK(Norm("\u00F0\u00E1") == "đá");      // small eth
    CHECK(Norm("\u0256\u00E1") == "đá");
  }
  SUBCASE("smart quotes and the ellipsis") {
    CHECK(Norm("\u201CĐổi mới\u201D") == "\"Đổi mới\"");
    CHECK(Norm("\u201EA\u201F") == "\"A\"");
    CHECK(Norm("\u2018A\u2019 \u201AB\u201B") == "'A' 'B'");
    CHECK(Norm("v.v\u2026") == "v.v...");
  }
  SUBCASE("full-width and mathematical digits and signs become ASCII") {
    CHECK(Norm("\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF19") == "0123456789");
    CHECK(Norm("\uFF17\uFF14\uFF0C\uFF14\uFF05") == "74,4%");
    CHECK(Norm("\uFF11\uFF15\uFF0F\uFF12\uFF10\uFF12\uFF10") == "15/2020");
    CHECK(Norm("\uFF11\uFF0E\uFF17\uFF13\uFF10") == "1.730");
    // Bold, double-struck, sans-serif, sans-serif bold, monospace: 10 each.
    CHECK(Norm("\U0001D7CE\U0001D7CF\U0001D7D7") == "019");  // bold 0 1 9
    CHECK(Norm("\U0001D7D8\U0001D7DA") == "02");             // double-struck 0 2
    CHECK(Norm("\U0001D7E2\U0001D7E9") == "07");             // sans-serif 0 7
    CHECK(Norm("\U0001D7EC\U0001D7F5") == "09");             // sans-serif bold 0 9
    CHECK(Norm("\U0001D7F6\U0001D7FF") == "09");             // monospace 0 9
    // Other digits (Arabic-Indic, superscripts) are not digits of the text.
    CHECK(Norm("\u0663") == "\u0663");
  }
  SUBCASE("styled letters read as the plain letters they imitate") {
    // Small capitals: U+1D1B t, U+026A i, U+0274 n; the Vietnamese letters
    // around them are real and stay.
    CHECK(Norm("\u1D1B\u026A\u0274 s\u00E1\u0274\u0262") == "tin sáng");
    // Mathematical bold A (U+1D400) and bold small b (U+1D41B); full-width K.
    CHECK(Norm("\U0001D400\U0001D41B\uFF2B") == "AbK");
  }
}

TEST_CASE("a character reads the same written or as a numeric reference") {
  // A reference always takes the full per-character path of pass 1; a
  // written character is looked at only when its first bytes may need it.
  // Every code point that pass 1 maps or counts is below U+20000; above,
  // a sample.
  Normalized written, referenced;
  for (char32_t cp = 0xA0; cp <= 0x10FFFF; cp += cp < 0x20000 ? 1 : 101) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string w;
    utf8::Append(w, cp);
    char hex[16];
    std::snprintf(hex, sizeof hex, "&#x%X;", static_cast<unsigned>(cp));
    INFO("U+" << hex);
    CHECK(Norm("a" + w + "b") == Norm(std::string("a") + hex + "b"));
    // After a change the rest is copied in runs: styled characters are
    // still counted one by one.
    TheNormalizer().Normalize("\u00A0" + w, &written);
    TheNormalizer().Normalize(std::string("\u00A0") + hex, &referenced);
    CHECK(written.text == referenced.text);
    CHECK(written.styled == referenced.styled);
  }
}

TEST_CASE("changes are found at every offset of the eight-byte blocks ASCII is skipped in") {
  for (size_t pad = 0; pad < 20; ++pad) {
    const std::string before(pad, 'x'), after(pad % 7, 'y');
    INFO("pad " << pad);
    CHECK(Norm(before + "&amp;" + after) == before + "&" + after);
    CHECK(Norm(before + "\u00A0" + after) == before + " " + after);
    CHECK(Norm(before + "\u2013" + after) == before + "-" + after);
    CHECK(Norm(before + "ệ\u00D0" + after) == before + "ệĐ" + after);
    CHECK(Norm(before + "&amp;" + after + "\u00A0" + before + "&lt;") ==
          before + "&" + after + " " + before + "<");
    CHECK(Norm(before + "& " + after) == before + "& " + after);
  }
}

TEST_CASE("property: a long text normalizes as its short pieces do, wherever they fall") {
  // Pieces under seventeen bytes are read byte by byte; in a long text the
  // same bytes go through the sixteen-byte scans (NextCandidate,
  // NextAfterOU) at every offset.  Each piece stands between spaces, which
  // no pass looks across.
  const std::vector<std::string> atoms = {
      "&amp;", "&lt;", "&#7879;", "&bogus;", "&", "\u00A0", "\u200B", "\u00AD", "\u2013",
      "\u201C", "\u2019", "\u00D0", "\u00F0", "\u0189", "\u1D04", "\uFF11", "\U0001D7D0",
      "\u0250", "\u02BC", "\u0493", "\u3000", "\uA78C", "e\u0323\u0302", "hoa\u0300",
      "hoà", "Uỷ", "thuý", "khoẻ", "QUÝ", "quý", "oà", "uý", "Hoà", "toà", "ủy", "khỏe", "Đ",
      "ệ", "ơ", "ư", "à", "x", "o", "u", "O", "U", "12,5%", ".", "-"};
  std::mt19937 rng(16);
  std::uniform_int_distribution<size_t> pick(0, atoms.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string text(std::uniform_int_distribution<size_t>(0, 20)(rng), 'x');
    std::string expected = text;
    for (int k = std::uniform_int_distribution<int>(1, 12)(rng); k > 0; --k) {
      std::string piece;
      for (int a = std::uniform_int_distribution<int>(1, 3)(rng); a > 0; --a) piece += atoms[pick(rng)];
      if (piece.size() > 16) continue;
      text += " " + piece;
      expected += " " + Norm(piece);
    }
    CAPTURE(text);
    CHECK(Norm(text) == expected);
  }
}

TEST_CASE("NFC on decomposed input") {
  CHECK(Norm("Vie\u0302\u0323t Nam") == "Việt Nam");  // circumflex, then dot below
  CHECK(Norm("Vie\u0323\u0302t Nam") == "Việt Nam");  // the canonical order
  CHECK(Norm("\u00D0o\u0302\u0300ng") == "Đồng");
  CHECK(Norm("thu\u031B\u0323c hie\u0323\u0302n") == "thực hiện");
  CHECK(Norm("Tie\u0302\u0301ng Vie\u0323\u0302t") == "Tiếng Việt");
  CHECK(Norm("D\u0335") == "D\u0335");  // no precomposed form: left alone
  // A singleton decomposition: U+212B ANGSTROM SIGN is Å in NFC.
  CHECK(Norm("\u212B") == "\u00C5");
}

TEST_CASE("tone marks in the old style") {
  CHECK(Norm("hoà") == "hòa");
  CHECK(Norm("Uỷ ban") == "Ủy ban");
  CHECK(Norm("khoẻ") == "khỏe");
  CHECK(Norm("thuý") == "thúy");
  CHECK(Norm("Thuỵ Điển") == "Thụy Điển");
  CHECK(Norm("toà án") == "tòa án");
  CHECK(Norm("hoá đơn") == "hóa đơn");
  CHECK(Norm("xoè") == "xòe");
  CHECK(Norm("loã") == "lõa");
  CHECK(Norm("hoạ") == "họa");
  CHECK(Norm("huỷ bỏ") == "hủy bỏ");
  CHECK(Norm("Nguỵ") == "Ngụy");
  CHECK(Norm("HOÀ BÌNH") == "HÒA BÌNH");
  CHECK(Norm("UỶ BAN") == "ỦY BAN");
  CHECK(Norm("hoà.") == "hòa.");    // punctuation after the pair
  CHECK(Norm("(hoà)") == "(hòa)");
  CHECK(Norm("hoà-bình") == "hòa-bình");
  // Decomposed new style: NFC first, then the tone moves.
  CHECK(Norm("hoa\u0300") == "hòa");
  CHECK(Norm("Uy\u0309 ban") == "Ủy ban");
  // Unchanged: "qu" is one consonant; a letter after the pair means the tone
  // already sits where both styles agree.
  for (const char* same : {"quý", "Quý", "QUÝ", "quỳ", "quỹ", "hoàng", "khuya", "hoạt", "hoài",
                           "ngoài", "khuỷu", "hòa", "khỏe", "ủy", "thúy", "quà", "oan", "tuyển",
                           "thuở", "loẹt"}) {
    INFO(same);
    CHECK(Norm(same) == same);
  }
  CHECK(Norm("loè loẹt") == "lòe loẹt");
}

TEST_CASE("CanonicalizeLetters: only NFC and tones, not the character pass") {
  const Normalizer& n = TheNormalizer();
  CHECK(n.CanonicalizeLetters("hoà") == "hòa");
  CHECK(n.CanonicalizeLetters("Vie\u0302\u0323t") == "Việt");
  CHECK(n.CanonicalizeLetters("Uy\u0309 ban") == "Ủy ban");
  // Pattern syntax stays: "&", dashes and quotes are not text here.
  CHECK(n.CanonicalizeLetters("&amp; \u2013 \u201C") == "&amp; \u2013 \u201C");
  CHECK(n.CanonicalizeLetters("(?:hoà|quý)") == "(?:hòa|quý)");
}

TEST_CASE("maps back through all three passes") {
  // Entity + dash (pass 1), decomposed letters (pass 2), new-style tone (pass 3).
  const std::string decoded = "H&agrave; N\u00F4\u0323i &#8211; ho\u00E0 Uy\u0309 ban";
  Normalized n;
  TheNormalizer().Normalize(decoded, &n);
  const std::string expected = "Hà Nội - hòa Ủy ban";
  REQUIRE(n.text == expected);
  auto back = [&](std::string_view piece) {
    const size_t at = n.text.find(piece);
    REQUIRE(at != std::string_view::npos);
    const size_t s = n.DecodedStart(at), e = n.DecodedEnd(at + piece.size());
    REQUIRE(s <= e);
    return decoded.substr(s, e - s);
  };
  CHECK(back("Hà") == "H&agrave;");
  CHECK(back("Nội") == "N\u00F4\u0323i");
  CHECK(back("-") == "&#8211;");
  CHECK(back("hòa") == "ho\u00E0");
  CHECK(back("Ủy") == "Uy\u0309");
  CHECK(back("ban") == "ban");
  // Part of a changed block widens to the whole block.
  CHECK(back("à") == "&agrave;");
  CHECK(back("ộ") == "\u00F4\u0323");
  CHECK(back("ò") == "o\u00E0");  // the tone moved: both letters
}

TEST_CASE("a Normalized is reused: nothing leaks from the previous text") {
  Normalized n;
  const std::string first = "H&agrave; N\u00F4\u0323i ho\u00E0";
  TheNormalizer().Normalize(first, &n);
  CHECK(n.text == "Hà Nội hòa");
  const std::string second = "Đồng 1.730";
  TheNormalizer().Normalize(second, &n);
  CHECK(n.text.data() == second.data());
  CHECK(n.DecodedStart(5) == 5);
  CHECK(n.DecodedEnd(second.size()) == second.size());
}

// ---- properties over many strings -----------------------------------------

// Pieces of text covering every transform, and plain text around them.
const std::vector<std::string>& Atoms() {
  static const std::vector<std::string> atoms = {
      "Hà", "Nội", "năm", "2023", "1.730", "74,4%", "tỷ", "đồng", "TP.", "ThS.", "quý", "hoàng",
      "khuya", "hoạt", "hòa", "hoà", "Uỷ", "khoẻ", "thuý", "HOÀ", "Thuỵ", "x", "a", "o", "u", "q",
      "&amp;", "&#x002F;", "&#47;", "&nbsp;", "&#7879;", "&agrave;", "&ndash;", "&bogus;", "&",
      "&#", "#", ";", "&#150;", "&#x301;", "\u00A0", "\u200B", "\u00AD", "\uFEFF", "\u2013",
      "\u2212", "\u201C", "\u201D", "\u2019", "\u2026", "\u00D0", "\u00F0", "\uFF11", "\uFF05",
      "\U0001D7D0", "a\u0301", "e\u0323\u0302", "e\u0302\u0323", "o\u031B\u0300", "hoa\u0300",
      "Uy\u0309", "\u0301", "\u0323", "\u212B", "-", "/", ".", ",", "(", ")", "\"",
  };
  return atoms;
}

std::string RandomText(std::mt19937& rng) {
  const auto& atoms = Atoms();
  std::uniform_int_distribution<size_t> pick(0, atoms.size() - 1);
  std::string text;
  const int words = std::uniform_int_distribution<int>(0, 8)(rng);
  for (int w = 0; w < words; ++w) {
    if (w > 0) {
      static const char* kSeparators[] = {" ", " ", " ", "\u00A0", "&nbsp;", " \u200B", "\n"};
      text += kSeparators[std::uniform_int_distribution<int>(0, 6)(rng)];
    }
    for (int k = std::uniform_int_distribution<int>(1, 3)(rng); k > 0; --k) text += atoms[pick(rng)];
  }
  return text;
}

bool IsCharBoundary(std::string_view s, size_t pos) {
  return pos == 0 || pos >= s.size() || (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80;
}

TEST_CASE("property: spans between spaces map back to text that normalizes to them") {
  std::mt19937 rng(1258);
  Normalized n;
  for (int round = 0; round < 1500; ++round) {
    const std::string decoded = RandomText(rng);
    TheNormalizer().Normalize(decoded, &n);
    const std::string_view text = n.text;
    INFO("decoded: " << decoded << "\nnormalized: " << text);
    // Word edges: the ends of the text and both sides of every space.
    std::vector<size_t> edges = {0};
    for (size_t p = 0; p < text.size(); ++p) {
      if (text[p] == ' ' || text[p] == '\n') {
        if (edges.back() != p) edges.push_back(p);
        edges.push_back(p + 1);
      }
    }
    if (edges.back() != text.size()) edges.push_back(text.size());
    for (size_t i = 0; i < edges.size(); ++i) {
      for (size_t j = i + 1; j < edges.size(); ++j) {
        const size_t a = edges[i], b = edges[j];
        const size_t s = n.DecodedStart(a), e = n.DecodedEnd(b);
        INFO("span [" << a << ", " << b << ") -> [" << s << ", " << e << ")");
        REQUIRE(s <= e);
        REQUIRE(e <= decoded.size());
        CHECK(Norm(decoded.substr(s, e - s)) == text.substr(a, b - a));
      }
    }
  }
}

TEST_CASE("property: any span maps to whole decoded characters, in order") {
  std::mt19937 rng(84);
  Normalized n;
  for (int round = 0; round < 1500; ++round) {
    const std::string decoded = RandomText(rng);
    TheNormalizer().Normalize(decoded, &n);
    const std::string_view text = n.text;
    INFO("decoded: " << decoded << "\nnormalized: " << text);
    std::vector<size_t> chars;  // every character boundary of the normalized text
    for (size_t p = 0; p <= text.size(); ++p) {
      if (IsCharBoundary(text, p)) chars.push_back(p);
    }
    for (size_t i = 0; i + 1 < chars.size(); ++i) {
      const size_t a = chars[i];
      const size_t s = n.DecodedStart(a), e = n.DecodedEnd(chars[i + 1]);
      INFO("character at " << a);
      CHECK(s <= e);
      CHECK(IsCharBoundary(decoded, s));
      CHECK(IsCharBoundary(decoded, e));
      CHECK(e <= decoded.size());
      CHECK(n.DecodedStart(a) <= n.DecodedStart(chars[i + 1]));
      CHECK(n.DecodedEnd(a) <= n.DecodedEnd(chars[i + 1]));
      // No change reaches across a space: a character other than a space
      // comes from within one word.
      if (text[a] != ' ' && text[a] != '\n') {
        CHECK(decoded.substr(s, e - s).find_first_of(" \n") == std::string::npos);
      }
    }
  }
}

// Random letters and combining marks: what NFC has work to do on, without
// any character the first pass touches.
std::string RandomLetters(std::mt19937& rng, bool with_o_u) {
  static const std::vector<std::string> bases = {
      "a", "e", "i", "y", "A", "E", "Y", "d", "n", "h", "k", "q", "g", " ", "â", "ê", "ô", "ơ",
      "ư", "ă", "Ư", "Ơ", "à", "ể", "ệ", "Đ", "đ", "ç", "ñ", "\u212B", "\u2126", "\u1100",
      "\u1161", "\u11A8", "\uAC00", "\u0958", "\u00C5"};
  static const std::vector<std::string> with_ou = {"o", "u", "O", "U"};
  static const std::vector<std::string> marks = {"\u0300", "\u0301", "\u0303", "\u0309",
                                                 "\u0323", "\u0302", "\u0306", "\u031B",
                                                 "\u0308", "\u0327", "\u030C", "\u0328"};
  std::string s;
  for (int k = std::uniform_int_distribution<int>(0, 14)(rng); k > 0; --k) {
    const int what = std::uniform_int_distribution<int>(0, 9)(rng);
    if (what < 5) {
      s += bases[std::uniform_int_distribution<size_t>(0, bases.size() - 1)(rng)];
    } else if (what < 6 && with_o_u) {
      s += with_ou[std::uniform_int_distribution<size_t>(0, with_ou.size() - 1)(rng)];
    } else {
      s += marks[std::uniform_int_distribution<size_t>(0, marks.size() - 1)(rng)];
    }
  }
  return s;
}

TEST_CASE("NFC agrees with utf8proc") {
  std::mt19937 rng(2024);
  Normalized n;
  for (int round = 0; round < 3000; ++round) {
    // Without o/u before a/e/y the tone pass has nothing to do: the result is
    // NFC itself.
    const std::string plain = RandomLetters(rng, /*with_o_u=*/false);
    INFO("input: " << plain);
    const std::string nfc = Utf8procNfc(plain);
    TheNormalizer().Normalize(plain, &n);
    CHECK(n.text == nfc);
    CHECK(TheNormalizer().CanonicalizeLetters(plain) == nfc);
    // With them, normalizing utf8proc's NFC gives the same text (the tone
    // pass sees the same letters either way).
    const std::string mixed = RandomLetters(rng, /*with_o_u=*/true);
    INFO("mixed: " << mixed);
    CHECK(Norm(mixed) == Norm(Utf8procNfc(mixed)));
    // NFC text is left as it is by the NFC pass: no copy unless tones move.
    TheNormalizer().Normalize(nfc, &n);
    CHECK(n.nfc_map.identity());
  }
}

TEST_CASE("NFC text is told from other text at every offset and next to every kind of character") {
  // Runs of ASCII of every length around one character each time, so that
  // the character sits at every offset of the eight-byte blocks ASCII is
  // skipped in: composed letters, marks that compose or reorder, characters
  // NFC replaces (U+0340, U+2126, U+0958), Hangul jamo that compose, and
  // code points past the table of stable characters (U+3099 and up).
  static const std::vector<std::string> kChars = {
      "à",      "ể",      "Đ",      "ư",      "\u0301", "\u0323", "\u0302", "\u0340",
      "\u0341", "\u0344", "\u2126", "\u212B", "\u0958", "\u1100", "\u1161", "\u11A8",
      "\u0F73", "\u2FFF", "\u3099", "\uAC00", "\U0001D15E", "\u3001"};
  std::mt19937 rng(3000);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  Normalized n;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t k = 1 + pick(4); k > 0; --k) {
      text += std::string(pick(20), "xe"[pick(2)]);
      text += kChars[pick(kChars.size())];
    }
    text += std::string(pick(10), 'x');
    INFO("input: " << text);
    // No character here is one the first pass changes, and no o/u precedes
    // a toned a/e/y: the result is NFC itself.
    TheNormalizer().Normalize(text, &n);
    CHECK(n.text == Utf8procNfc(text));
  }
}

}  // namespace
}  // namespace solieu
