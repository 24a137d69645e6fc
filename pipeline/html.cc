#include "pipeline/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <span>
#include <unordered_set>
#include <utility>
#include <vector>

namespace solieu {
namespace {

// ---------------------------------------------------------------------------
// Characters and names

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view text, size_t pos, std::string_view prefix) {
  if (pos > text.size() || text.size() - pos < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (AsciiLower(text[pos + k]) != prefix[k]) return false;
  }
  return true;
}

std::string AsciiLowerString(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool OneOf(std::string_view word, std::span<const std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

// Where a tag name read at `pos` ends: names run to whitespace, "/" or ">".
size_t TagNameEnd(std::string_view s, size_t pos) {
  while (pos < s.size() && !IsSpace(s[pos]) && s[pos] != '/' && s[pos] != '>') ++pos;
  return pos;
}

// Whitespace collapsed to single spaces (U+00A0 too: &nbsp; is decoded
// here), trimmed. For metadata, which is gumbo's decoded text.
std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool nbsp = s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (IsSpace(s[i]) || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(s[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Markup inside a text node's original text. Gumbo's original_text spans
// from the first to the last character of a text node, so tags it ignored
// (a stray "</x>") or moved elsewhere (foster parenting) can sit inside.
// In the data state a "<" followed by a letter, "/", "!" or "?" always
// starts markup, so a literal "<" in text ("a < b", "x<5") is never taken.

bool MarkupAt(std::string_view s, size_t i, size_t end) {
  if (s[i] != '<' || i + 1 >= end) return false;
  const char c = s[i + 1];
  return IsAsciiAlpha(c) || c == '/' || c == '!' || c == '?';
}

// Where the markup starting at `i` ends (exclusive), at most `end`. The
// content of a <script> or <style> caught inside is skipped with it.
size_t SkipMarkup(std::string_view s, size_t i, size_t end) {
  const std::string_view window = s.substr(0, end);
  if (window.compare(i, 4, "<!--") == 0) {
    const size_t close = window.find("-->", i + 4);
    return close == std::string_view::npos ? end : close + 3;
  }
  size_t gt = window.find('>', i + 1);
  if (gt == std::string_view::npos) return end;
  for (std::string_view raw : {std::string_view("script"), std::string_view("style")}) {
    if (StartsWithIgnoreCase(window, i + 1, raw) &&
        TagNameEnd(window, i + 1) == i + 1 + raw.size()) {
      for (size_t k = window.find("</", gt + 1); k != std::string_view::npos;
           k = window.find("</", k + 2)) {
        if (StartsWithIgnoreCase(window, k + 2, raw)) {
          gt = window.find('>', k + 2);
          return gt == std::string_view::npos ? end : gt + 1;
        }
      }
      return end;
    }
  }
  return gt + 1;
}

// ---------------------------------------------------------------------------
// The nesting guard (see html.h): an estimate of the depth of open elements,
// from a light scan of the tags, and start tags beyond kMaxHtmlNesting (with
// their end tags) blanked with spaces in a copy for gumbo. Same length, so
// gumbo's offsets are offsets into the original.

constexpr uint64_t HashName(std::string_view name) {
  uint64_t h = 1469598103934665603ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h *= 1099511628211ull;
  }
  return h;
}

template <typename... Names>
constexpr std::array<uint64_t, sizeof...(Names)> HashAll(Names... names) {
  return {HashName(names)...};
}

// The hashes of `names` in an array of M slots, the rest 0.
template <size_t M, typename... Names>
constexpr std::array<uint64_t, M> HashSlots(Names... names) {
  static_assert(sizeof...(Names) <= M);
  return {HashName(names)...};
}

template <size_t N>
bool HashIn(uint64_t h, const std::array<uint64_t, N>& set) {
  return std::find(set.begin(), set.end(), h) != set.end();
}

// Elements that never hold children.
constexpr auto kVoidNames =
    HashAll("area", "base", "br", "col", "embed", "hr", "img", "image", "input", "link", "meta",
            "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "isindex");
// Elements whose content is not markup, scanned to their end tag.
constexpr auto kRawTextNames = HashAll("script", "style", "textarea", "title", "xmp", "iframe",
                                       "noembed", "noframes", "noscript");
constexpr uint64_t kPlaintextName = HashName("plaintext");
// Their end tag runs the adoption agency: the element is closed, but the
// elements opened inside it stay open (moved into a clone), so the tree
// does not get shallower.
constexpr auto kFormattingNames = HashAll("a", "b", "big", "code", "em", "font", "i", "nobr", "s",
                                          "small", "strike", "strong", "tt", "u");

// An element that a start tag of one of `closers` closes implicitly, unless
// one of `barriers` lies between (a <li> closes an open <li>, not one outside
// the nearest <ul>). Unused slots are 0.
struct AutoClose {
  std::array<uint64_t, 6> closers;
  std::array<uint64_t, 14> barriers;
};

constexpr std::pair<uint64_t, AutoClose> kAutoClose[] = {
    {HashName("li"), {HashSlots<6>("li"), HashSlots<14>("ul", "ol", "menu", "table")}},
    {HashName("dd"), {HashSlots<6>("dd", "dt"), HashSlots<14>("dl", "table")}},
    {HashName("dt"), {HashSlots<6>("dd", "dt"), HashSlots<14>("dl", "table")}},
    {HashName("td"), {HashSlots<6>("td", "th"), HashSlots<14>("tr", "table")}},
    {HashName("th"), {HashSlots<6>("td", "th"), HashSlots<14>("tr", "table")}},
    {HashName("tr"),
     {HashSlots<6>("tr", "td", "th"), HashSlots<14>("table", "tbody", "thead", "tfoot")}},
    {HashName("tbody"),
     {HashSlots<6>("tbody", "thead", "tfoot", "tr", "td", "th"), HashSlots<14>("table")}},
    {HashName("thead"),
     {HashSlots<6>("tbody", "thead", "tfoot", "tr", "td", "th"), HashSlots<14>("table")}},
    {HashName("tfoot"),
     {HashSlots<6>("tbody", "thead", "tfoot", "tr", "td", "th"), HashSlots<14>("table")}},
    {HashName("option"), {HashSlots<6>("option", "optgroup"), HashSlots<14>("select", "datalist")}},
    {HashName("optgroup"),
     {HashSlots<6>("option", "optgroup"), HashSlots<14>("select", "datalist")}},
    {HashName("p"),
     {HashSlots<6>("p"),
      HashSlots<14>("div", "table", "td", "th", "ul", "ol", "li", "dl", "blockquote", "section",
                    "article", "body", "button", "form")}},
};

const AutoClose* AutoCloseOf(uint64_t h) {
  for (const auto& [name, rule] : kAutoClose) {
    if (name == h) return &rule;
  }
  return nullptr;
}

// How far down the estimated stack an end tag or implicit close looks; an
// unmatched end tag is ignored, as gumbo mostly does.
constexpr size_t kEndTagSearch = 64;
constexpr size_t kAutoCloseSearch = 8;

// Returns true when `html` needs changes before parsing; then *copy holds
// the changed bytes. A leading BOM is blanked too (gumbo would take it for
// text and move <title> and <meta> into the body).
bool PrepareForParser(std::string_view html, std::string* copy) {
  bool copied = false;
  auto blank = [&](size_t from, size_t to) {
    if (!copied) {
      copy->assign(html);
      copied = true;
    }
    std::fill(copy->begin() + from, copy->begin() + to, ' ');
  };
  if (html.substr(0, 3) == "\xEF\xBB\xBF") blank(0, 3);

  std::vector<uint64_t> open;                        // estimated open elements
  std::vector<std::pair<uint64_t, size_t>> blanked;  // name -> start tags blanked
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t close = html.find("-->", i + 4);
      if (close == std::string_view::npos) break;
      i = close + 3;
      continue;
    }
    const bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    const size_t name_begin = i + (end_tag ? 2 : 1);
    if (name_begin >= html.size() || !IsAsciiAlpha(html[name_begin])) {
      ++i;
      continue;
    }
    const size_t name_end = TagNameEnd(html, name_begin);
    const size_t gt = html.find('>', name_end);
    if (gt == std::string_view::npos) break;
    const uint64_t h = HashName(html.substr(name_begin, name_end - name_begin));
    const size_t tag_end = gt + 1;

    if (end_tag) {
      auto b = std::find_if(blanked.begin(), blanked.end(),
                            [h](const auto& e) { return e.first == h && e.second > 0; });
      if (b != blanked.end()) {
        --b->second;
        blank(i, tag_end);
      } else {
        const size_t lowest = open.size() > kEndTagSearch ? open.size() - kEndTagSearch : 0;
        for (size_t k = open.size(); k > lowest; --k) {
          if (open[k - 1] != h) continue;
          if (HashIn(h, kFormattingNames)) {
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(k - 1));
          } else {
            open.resize(k - 1);
          }
          break;
        }
      }
      i = tag_end;
      continue;
    }
    if (HashIn(h, kRawTextNames)) {
      // Its content runs to the matching end tag.
      const std::string name = AsciiLowerString(html.substr(name_begin, name_end - name_begin));
      size_t k = tag_end;
      while ((k = html.find("</", k)) != std::string_view::npos &&
             !(StartsWithIgnoreCase(html, k + 2, name) &&
               TagNameEnd(html, k + 2) == k + 2 + name.size())) {
        k += 2;
      }
      if (k == std::string_view::npos) break;
      i = k;
      continue;
    }
    if (h == kPlaintextName) break;
    if (HashIn(h, kVoidNames) || html[gt - 1] == '/') {  // "/>": void, or self-closed in SVG
      i = tag_end;
      continue;
    }
    if (const AutoClose* ac = AutoCloseOf(h)) {
      const size_t lowest = open.size() > kAutoCloseSearch ? open.size() - kAutoCloseSearch : 0;
      for (size_t k = open.size(); k > lowest; --k) {
        if (HashIn(open[k - 1], ac->closers)) {
          open.resize(k - 1);
          break;
        }
        if (HashIn(open[k - 1], ac->barriers)) break;
      }
    }
    if (open.size() >= kMaxHtmlNesting) {
      auto b =
          std::find_if(blanked.begin(), blanked.end(), [h](const auto& e) { return e.first == h; });
      if (b == blanked.end()) {
        blanked.emplace_back(h, 1);
      } else {
        ++b->second;
      }
      blank(i, tag_end);
    } else {
      open.push_back(h);
    }
    i = tag_end;
  }
  return copied;
}

// ---------------------------------------------------------------------------
// Gumbo helpers

struct GumboDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

bool IsElement(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

const GumboVector& Children(const GumboNode* n) {
  return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
}

const GumboNode* Child(const GumboNode* n, unsigned k) {
  return static_cast<const GumboNode*>(Children(n).data[k]);
}

// An attribute's decoded value, or "" when absent.
std::string_view Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool HasAttr(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name) != nullptr;
}

// The words of a class or id token: split at punctuation and at camelCase
// humps, lower-cased. "box_commentList" -> box, comment, list.
void TokenWords(std::string_view token, std::vector<std::string>* words) {
  words->clear();
  std::string word;
  for (size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    const bool alnum = IsAsciiAlpha(c) || IsAsciiDigit(c);
    const bool hump = IsAsciiUpper(c) && i > 0 && !IsAsciiUpper(token[i - 1]) && alnum &&
                      (IsAsciiAlpha(token[i - 1]) || IsAsciiDigit(token[i - 1]));
    if (!alnum || hump) {
      if (!word.empty()) words->push_back(std::move(word));
      word.clear();
    }
    if (alnum) word.push_back(AsciiLower(c));
  }
  if (!word.empty()) words->push_back(std::move(word));
}

// `word`, or `word` without a plural "s", is in `set`.
bool WordIn(std::string_view word, std::span<const std::string_view> set) {
  if (OneOf(word, set)) return true;
  return word.size() > 2 && word.back() == 's' && OneOf(word.substr(0, word.size() - 1), set);
}

constexpr std::string_view kChromeWords[] = {
    "nav",   "navbar",  "navigation", "menu",    "breadcrumb", "sidebar",       "comment",
    "share", "sharing", "social",     "related", "advert",     "advertisement", "advertising",
    "ad",    "adv",     "banner",     "cookie",  "popup"};
constexpr std::string_view kChromeSlugs[] = {"lienquan", "binhluan", "quangcao", "chiase"};
constexpr std::string_view kPageChromeWords[] = {"header", "footer", "masthead"};
constexpr std::string_view kArticleWords[] = {"article", "post", "entry", "story", "detail"};
constexpr std::string_view kContentWords[] = {"article", "content", "detail", "main", "post",
                                              "entry",   "story",   "body",   "fck"};
constexpr std::string_view kContentSlugs[] = {"article", "content", "detail"};

// What one class or id token says about its element.
struct TokenSays {
  bool chrome = false;       // navigation, ads, comments: always dropped
  bool page_chrome = false;  // page header/footer: dropped outside an article
  bool content = false;      // a main-content candidate
  bool article = false;      // an article, whose header/footer are its own
  bool author = false;       // holds the author's name
};

TokenSays ReadToken(std::string_view token, std::vector<std::string>* words) {
  TokenSays says;
  TokenWords(token, words);
  if (words->empty()) return says;
  const std::string& first = words->front();
  const std::string& last = words->back();
  std::string joined;
  for (const std::string& w : *words) joined += w;
  says.chrome = WordIn(first, kChromeWords) || WordIn(last, kChromeWords);
  for (std::string_view slug : kChromeSlugs) {
    says.chrome = says.chrome || joined.find(slug) != std::string::npos;
  }
  says.article = WordIn(first, kArticleWords);
  says.page_chrome =
      !says.article && (WordIn(first, kPageChromeWords) || WordIn(last, kPageChromeWords));
  for (const std::string& w : *words) says.content = says.content || WordIn(w, kContentWords);
  for (std::string_view slug : kContentSlugs) {
    says.content = says.content || joined.find(slug) != std::string::npos;
  }
  says.author = first == "author" || last == "author" || joined.find("tacgia") != std::string::npos;
  return says;
}

enum class Drop : uint8_t {
  kKeep,
  kSkip,        // never text, never searched: scripts, styles, controls
  kHidden,      // hidden: no text, no candidates, searched for metadata only
  kNoText,      // <head>, <title> etc.: searched for metadata only
  kChrome,      // navigation, ads, comments: dropped, but candidates inside still count
  kPageChrome,  // page header/footer: dropped unless inside an article
};

struct ElementInfo {
  Drop drop = Drop::kKeep;
  bool candidate = false;
  bool article = false;  // its header/footer descendants are the article's own
  bool author = false;
};

bool IsHidden(const GumboElement& e) {
  if (HasAttr(e, "hidden")) return true;
  const std::string_view style = Attr(e, "style");
  if (style.empty()) return false;
  std::string squeezed;
  for (char c : style) {
    if (!IsSpace(c)) squeezed.push_back(AsciiLower(c));
  }
  return squeezed.find("display:none") != std::string::npos ||
         squeezed.find("visibility:hidden") != std::string::npos;
}

ElementInfo Classify(const GumboElement& e, std::vector<std::string>* words) {
  ElementInfo info;
  switch (e.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES:
      info.drop = Drop::kSkip;
      return info;
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
      info.drop = Drop::kNoText;
      return info;
    default:
      break;
  }
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) {
    info.drop = Drop::kSkip;
    return info;
  }
  // Their classes describe the page ("post-template-default" on every
  // WordPress post), not a part of it.
  if (e.tag == GUMBO_TAG_BODY || e.tag == GUMBO_TAG_HTML) return info;
  if (IsHidden(e)) {
    info.drop = Drop::kHidden;
    return info;
  }
  bool chrome = false, page_chrome = false, content = false;
  switch (e.tag) {
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
      page_chrome = true;
      break;
    case GUMBO_TAG_ARTICLE:
      content = info.article = true;
      break;
    case GUMBO_TAG_MAIN:
      content = true;
      break;
    default:
      break;
  }
  const std::string role = AsciiLowerString(Attr(e, "role"));
  if (role == "navigation" || role == "search") chrome = true;
  if (role == "banner" || role == "contentinfo" || role == "complementary") page_chrome = true;
  if (role == "main") content = true;
  if (role == "article") content = info.article = true;

  bool token_page_chrome = false, token_content = false;
  auto read = [&](std::string_view token) {
    const TokenSays says = ReadToken(token, words);
    chrome = chrome || says.chrome;
    token_page_chrome = token_page_chrome || says.page_chrome;
    token_content = token_content || says.content;
    info.article = info.article || says.article;
    info.author = info.author || says.author;
  };
  const std::string_view classes = Attr(e, "class");
  for (size_t i = 0; i < classes.size();) {
    while (i < classes.size() && IsSpace(classes[i])) ++i;
    size_t j = i;
    while (j < classes.size() && !IsSpace(classes[j])) ++j;
    if (j > i) read(classes.substr(i, j - i));
    i = j;
  }
  const std::string_view id = Attr(e, "id");
  if (!id.empty()) read(id);

  page_chrome = page_chrome || token_page_chrome;
  // A class that names content makes a candidate only when no class calls
  // the element chrome ("main-menu", "site-header" are not content).
  content = content || (token_content && !token_page_chrome);
  if (chrome) {
    info.drop = Drop::kChrome;
    info.article = false;
  } else if (page_chrome && !info.article) {
    info.drop = Drop::kPageChrome;
  }
  info.candidate = content && info.drop == Drop::kKeep;
  return info;
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

bool IsPreformatted(GumboTag tag) {
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_PLAINTEXT ||
         tag == GUMBO_TAG_XMP;
}

// The decoded text under `node` (scripts and styles left out), whitespace
// collapsed; "" when it runs past `limit` bytes (then it is not a name or a
// title but a block of text) or past kMaxTextNodes nodes (so that looking
// at nested candidates for an author stays linear).
constexpr size_t kMaxTextNodes = 4096;

std::string ElementText(const GumboNode* node, size_t limit) {
  std::string raw;
  std::vector<std::pair<const GumboNode*, unsigned>> stack = {{node, 0}};
  for (size_t visits = 0; !stack.empty(); ++visits) {
    if (visits > kMaxTextNodes) return "";
    auto& [n, next] = stack.back();
    if (next >= Children(n).length) {
      stack.pop_back();
      continue;
    }
    const GumboNode* c = Child(n, next++);
    if (IsElement(c)) {
      const GumboTag tag = c->v.element.tag;
      if (tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_STYLE && tag != GUMBO_TAG_TEMPLATE) {
        stack.emplace_back(c, 0);
      }
    } else if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) {
      raw += c->v.text.text;
      if (raw.size() > limit) return "";
    }
  }
  return CollapseWhitespace(raw);
}

// ---------------------------------------------------------------------------
// Pass 1, the survey: text per candidate, forms, headings, metadata.

constexpr size_t kMaxHeadings = 32;
constexpr size_t kMaxMetaText = 200;
constexpr size_t kMaxTitleBytes = 2048;

struct Survey {
  const GumboNode* body = nullptr;
  size_t body_text = 0;
  const GumboNode* best = nullptr;
  size_t best_text = 0;
  std::vector<std::pair<const GumboNode*, size_t>> forms;  // with their text
  std::vector<const GumboNode*> h1s;                       // the first kMaxHeadings
  const GumboNode* title = nullptr;                        // the first <title>
  std::string og_title;
  std::string published;
  int published_rank = INT_MAX;
  std::string author;
  int author_rank = INT_MAX;
};

void Offer(std::string value, int rank, std::string* slot, int* slot_rank) {
  value = CollapseWhitespace(value);
  if (value.empty() || rank >= *slot_rank) return;
  *slot = std::move(value);
  *slot_rank = rank;
}

int PublishedRank(std::string_view key) {
  static constexpr std::pair<std::string_view, int> kKeys[] = {{"article:published_time", 0},
                                                               {"og:article:published_time", 0},
                                                               {"datepublished", 1},
                                                               {"article:published", 1},
                                                               {"pubdate", 2},
                                                               {"publishdate", 2},
                                                               {"publish-date", 2},
                                                               {"publish_date", 2},
                                                               {"dc.date.issued", 3},
                                                               {"dcterms.issued", 3},
                                                               {"dc.date.created", 4},
                                                               {"dcterms.created", 4},
                                                               {"dc.date", 4},
                                                               {"date", 5}};
  for (const auto& [k, rank] : kKeys) {
    if (k == key) return rank;
  }
  return -1;
}

int AuthorRank(std::string_view key) {
  if (key == "author") return 0;
  if (key == "article:author") return 1;
  if (key == "dc.creator" || key == "dcterms.creator") return 2;
  return -1;
}

void NoteMetadata(const GumboNode* node, const ElementInfo& info, Survey* s) {
  const GumboElement& e = node->v.element;
  const std::string itemprop = AsciiLowerString(Attr(e, "itemprop"));
  if (e.tag == GUMBO_TAG_META) {
    const std::string_view content = Attr(e, "content");
    for (const char* attr : {"property", "name", "itemprop"}) {
      const std::string key = AsciiLowerString(Attr(e, attr));
      if (key.empty()) continue;
      if ((key == "og:title" || key == "twitter:title") && s->og_title.empty()) {
        s->og_title = CollapseWhitespace(content);
      }
      if (const int rank = PublishedRank(key); rank >= 0) {
        Offer(std::string(content), rank, &s->published, &s->published_rank);
      }
      if (const int rank = AuthorRank(key); rank >= 0 && content.substr(0, 4) != "http") {
        Offer(std::string(content), rank, &s->author, &s->author_rank);
      }
    }
    return;
  }
  if (itemprop == "datepublished" && s->published_rank > 1) {
    std::string value(Attr(e, "content"));
    if (value.empty()) value = Attr(e, "datetime");
    if (value.empty()) value = ElementText(node, kMaxMetaText);
    Offer(std::move(value), 1, &s->published, &s->published_rank);
  }
  if (e.tag == GUMBO_TAG_TIME && HasAttr(e, "pubdate") && s->published_rank > 2) {
    std::string value(Attr(e, "datetime"));
    if (value.empty()) value = ElementText(node, kMaxMetaText);
    Offer(std::move(value), 2, &s->published, &s->published_rank);
  }
  if (s->author_rank > 3 && itemprop == "author") {
    std::string value(Attr(e, "content"));
    if (value.empty()) value = ElementText(node, kMaxMetaText);
    Offer(std::move(value), 3, &s->author, &s->author_rank);
  }
  if (s->author_rank > 4 && AsciiLowerString(Attr(e, "rel")) == "author") {
    Offer(ElementText(node, kMaxMetaText), 4, &s->author, &s->author_rank);
  }
  if (s->author_rank > 5 && info.author) {
    Offer(ElementText(node, kMaxMetaText), 5, &s->author, &s->author_rank);
  }
}

size_t VisibleBytes(const GumboNode* text_node) {
  size_t n = 0;
  for (const char* p = text_node->v.text.text; *p; ++p) n += !IsSpace(*p);
  return n;
}

void SurveyDocument(const GumboNode* root, Survey* s) {
  struct Frame {
    const GumboNode* node = nullptr;
    unsigned next = 0;
    size_t text = 0;
    ElementInfo info;
    bool counts = true;       // its text counts for its parent
    bool in_article = false;  // it or an ancestor is an article
    bool in_skipped = false;  // inside a hidden element
  };
  std::vector<std::string> words;
  std::vector<Frame> stack(1);
  stack.back().node = root;
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next >= Children(f.node).length) {
      const Frame done = f;
      stack.pop_back();
      if (done.info.candidate && !done.in_skipped && done.text > s->best_text) {
        s->best = done.node;
        s->best_text = done.text;
      }
      if (IsElement(done.node)) {
        const GumboTag tag = done.node->v.element.tag;
        if (tag == GUMBO_TAG_BODY && !s->body) {
          s->body = done.node;
          s->body_text = done.text;
        }
        if (tag == GUMBO_TAG_FORM) s->forms.emplace_back(done.node, done.text);
      }
      if (!stack.empty() && done.counts) stack.back().text += done.text;
      continue;
    }
    const GumboNode* c = Child(f.node, f.next++);
    if (c->type == GUMBO_NODE_TEXT) {
      f.text += VisibleBytes(c);
      continue;
    }
    if (!IsElement(c)) continue;
    const GumboElement& e = c->v.element;
    Frame child;
    child.node = c;
    child.info = Classify(e, &words);
    if (e.tag == GUMBO_TAG_TITLE && !s->title) s->title = c;
    if (e.tag == GUMBO_TAG_H1 && s->h1s.size() < kMaxHeadings) s->h1s.push_back(c);
    NoteMetadata(c, child.info, s);
    const Drop drop = child.info.drop;
    if (drop == Drop::kSkip) continue;
    child.in_article = f.in_article || child.info.article;
    child.in_skipped = f.in_skipped || drop == Drop::kHidden;
    child.counts = drop == Drop::kKeep || (drop == Drop::kPageChrome && f.in_article);
    stack.push_back(child);
  }
}

// ---------------------------------------------------------------------------
// Pass 2: text pieces of the chosen root, in tree order.

enum class Break : uint8_t { kNone, kCell, kLine, kParagraph };

struct Piece {
  size_t begin, end;  // source bytes
  Break before;       // the strongest break since the previous piece
  bool pre;           // inside <pre>: newlines are kept
  bool blank;         // whitespace only
  bool in_h1;
};

class Collector {
 public:
  Collector(std::string_view source, const char* parse_base,
            const std::unordered_set<const GumboNode*>& dropped_forms)
      : source_(source), base_(parse_base), dropped_forms_(dropped_forms) {}

  // Appends the pieces under `root` (root itself included) to *pieces.
  // `in_article`: an ancestor of root is an article.
  void Collect(const GumboNode* root, bool in_article, std::vector<Piece>* pieces);

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;
    bool in_article, pre, in_h1;
  };
  void Raise(Break b) { pending_ = std::max(pending_, b); }
  void Enter(const GumboNode* node, Frame parent, std::vector<Frame>* stack);
  void Exit(const GumboNode* node);
  void AddText(const GumboNode* node, const Frame& parent, std::vector<Piece>* pieces);

  std::string_view source_;
  const char* base_;
  const std::unordered_set<const GumboNode*>& dropped_forms_;
  std::vector<std::string> words_;
  Break pending_ = Break::kNone;
};

void Collector::Collect(const GumboNode* root, bool in_article, std::vector<Piece>* pieces) {
  pending_ = Break::kNone;
  std::vector<Frame> stack;
  const Frame outside{nullptr, 0, in_article, false, false};
  Enter(root, outside, &stack);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next >= Children(f.node).length) {
      const GumboNode* done = f.node;
      stack.pop_back();
      Exit(done);
      continue;
    }
    const GumboNode* c = Child(f.node, f.next++);
    if (IsElement(c)) {
      Enter(c, f, &stack);  // copies f: the stack may grow
    } else if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) {
      AddText(c, f, pieces);
    }
  }
}

void Collector::Enter(const GumboNode* node, Frame parent, std::vector<Frame>* stack) {
  const GumboElement& e = node->v.element;
  const ElementInfo info = Classify(e, &words_);
  switch (info.drop) {
    case Drop::kKeep:
      break;
    case Drop::kPageChrome:
      if (parent.in_article) break;
      return;
    default:
      return;
  }
  if (e.tag == GUMBO_TAG_FORM && dropped_forms_.count(node)) return;
  switch (e.tag) {
    case GUMBO_TAG_BR:
      // A second <br> in a row ends a paragraph.
      Raise(pending_ == Break::kLine ? Break::kParagraph : Break::kLine);
      return;
    case GUMBO_TAG_HR:
      Raise(Break::kParagraph);
      return;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      Raise(Break::kCell);
      break;
    default:
      if (IsBlock(e.tag)) Raise(Break::kParagraph);
      break;
  }
  stack->push_back(Frame{node, 0, parent.in_article || info.article,
                         parent.pre || IsPreformatted(e.tag),
                         parent.in_h1 || e.tag == GUMBO_TAG_H1});
}

void Collector::Exit(const GumboNode* node) {
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
    Raise(Break::kCell);
  } else if (IsBlock(tag)) {
    Raise(Break::kParagraph);
  }
}

void Collector::AddText(const GumboNode* node, const Frame& parent, std::vector<Piece>* pieces) {
  const GumboStringPiece& original = node->v.text.original_text;
  // Text gumbo made up (not from the page) has no place in it.
  if (original.data < base_ || original.data > base_ + source_.size() ||
      original.length > static_cast<size_t>(base_ + source_.size() - original.data) ||
      original.length == 0) {
    return;
  }
  const size_t begin = static_cast<size_t>(original.data - base_);
  pieces->push_back(Piece{begin, begin + original.length, pending_, parent.pre,
                          node->type == GUMBO_NODE_WHITESPACE, parent.in_h1});
  if (node->type != GUMBO_NODE_WHITESPACE) pending_ = Break::kNone;
}

// Pieces come in tree order, which is source order except where gumbo moved
// nodes (foster parenting out of tables, the adoption agency). The text must
// follow the source, so such pieces go back to their source place, each as
// its own paragraph.
void SortBySource(std::vector<Piece>* pieces) {
  bool sorted = true;
  for (size_t k = 1; k < pieces->size() && sorted; ++k) {
    sorted = (*pieces)[k - 1].begin <= (*pieces)[k].begin;
  }
  if (sorted) return;
  std::vector<std::pair<Piece, size_t>> order;
  order.reserve(pieces->size());
  for (size_t k = 0; k < pieces->size(); ++k) order.emplace_back((*pieces)[k], k);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  for (size_t k = 0; k < order.size(); ++k) {
    Piece p = order[k].first;
    if (k > 0 && order[k - 1].second + 1 != order[k].second) {
      p.before = std::max(p.before, Break::kParagraph);
    }
    (*pieces)[k] = p;
  }
}

// ---------------------------------------------------------------------------
// Writing the text and its map.

class TextWriter {
 public:
  TextWriter(std::string_view source, std::string* text, OffsetMap* map)
      : source_(source), text_(text), map_(map) {}

  void Add(const Piece& p);
  void Raise(Break b) { pending_ = std::max(pending_, b); }

 private:
  void Write(size_t begin, size_t end);

  std::string_view source_;
  std::string* text_;
  OffsetMap* map_;
  size_t pos_ = 0;       // source bytes before this are accounted for in map_
  size_t consumed_ = 0;  // source bytes before this were given in pieces
  Break pending_ = Break::kNone;
  bool space_ = false;    // whitespace since the last text written
  bool newline_ = false;  // ... with a newline, in <pre>
};

void TextWriter::Add(const Piece& p) {
  // Pieces never overlap: gumbo's original_text can cover a moved node's text.
  const size_t begin = std::max(p.begin, consumed_);
  if (begin >= p.end) return;
  consumed_ = p.end;
  Raise(p.before);
  size_t i = begin;
  while (i < p.end) {
    if (IsSpace(source_[i])) {
      space_ = true;
      for (; i < p.end && IsSpace(source_[i]); ++i) {
        newline_ = newline_ || (p.pre && source_[i] == '\n');
      }
      continue;
    }
    if (MarkupAt(source_, i, p.end)) {
      i = SkipMarkup(source_, i, p.end);
      continue;
    }
    size_t j = i + 1;
    while (j < p.end && !IsSpace(source_[j]) && !MarkupAt(source_, j, p.end)) ++j;
    Write(i, j);
    i = j;
  }
}

void TextWriter::Write(size_t begin, size_t end) {
  const size_t gap = begin - pos_;
  if (text_->empty()) {
    map_->AddReplace(gap, 0);
  } else if (pending_ != Break::kNone) {
    const std::string_view sep = pending_ == Break::kParagraph ? "\n\n"
                                 : pending_ == Break::kLine    ? "\n"
                                                               : " | ";
    map_->AddReplace(gap, sep.size());
    text_->append(sep);
  } else if (space_) {
    const char sep = newline_ ? '\n' : ' ';
    if (gap == 1 && source_[pos_] == sep) {
      map_->AddUnchanged(1);
    } else {
      map_->AddReplace(gap, 1);
    }
    text_->push_back(sep);
  } else {
    map_->AddReplace(gap, 0);  // inline markup: joined, no space invented
  }
  text_->append(source_.substr(begin, end - begin));
  map_->AddUnchanged(end - begin);
  pos_ = end;
  pending_ = Break::kNone;
  space_ = newline_ = false;
}

// ---------------------------------------------------------------------------
// The title paragraph.

// True when `node` has an ancestor in `set`, or is in it.
bool WithinAny(const GumboNode* node, const std::unordered_set<const GumboNode*>& set) {
  for (const GumboNode* n = node; n; n = n->parent) {
    if (set.count(n)) return true;
  }
  return false;
}

// An <h1> is a possible title when nothing between it and the ancestors it
// shares with the main content is dropped.
bool VisibleHeading(const GumboNode* h1, const std::unordered_set<const GumboNode*>& root_line,
                    const std::unordered_set<const GumboNode*>& dropped_forms) {
  std::vector<std::string> words;
  bool in_article = false;
  for (const GumboNode* n = h1->parent; n && IsElement(n); n = n->parent) {
    in_article = in_article || Classify(n->v.element, &words).article;
  }
  for (const GumboNode* n = h1; n && IsElement(n) && !root_line.count(n); n = n->parent) {
    const ElementInfo info = Classify(n->v.element, &words);
    if (info.drop == Drop::kPageChrome && in_article) continue;
    if (info.drop != Drop::kKeep || dropped_forms.count(n)) return false;
  }
  return true;
}

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (true) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size() || text[i] != '<') return false;
    if (text.compare(i, 4, "<!--") == 0) {
      const size_t close = text.find("-->", i + 4);
      if (close == std::string_view::npos) return false;
      i = close + 3;
      continue;
    }
    if (text.compare(i, 2, "<?") == 0) {
      const size_t close = text.find("?>", i + 2);
      if (close == std::string_view::npos) return false;
      i = close + 2;
      continue;
    }
    break;
  }
  if (StartsWithIgnoreCase(text, i, "<!doctype")) {
    size_t j = i + 9;
    while (j < text.size() && IsSpace(text[j])) ++j;
    return StartsWithIgnoreCase(text, j, "html");
  }
  const size_t name_end = TagNameEnd(text, i + 1);
  const std::string name = AsciiLowerString(text.substr(i + 1, name_end - i - 1));
  static constexpr std::string_view kStartTags[] = {"html", "head",   "body", "p",       "div",
                                                    "meta", "title",  "link", "article", "section",
                                                    "main", "header", "table"};
  return OneOf(name, kStartTags) && name_end < text.size();
}

Status ExtractHtmlText(std::string_view html, HtmlText* out) {
  out->text.clear();
  out->to_source.Clear();
  out->title.clear();
  out->published.clear();
  out->author.clear();
  if (html.size() >= (size_t{1} << 31)) {
    return Status::InvalidArgument("HTML page of " + std::to_string(html.size()) +
                                   " bytes is too large to parse (limit 2 GiB)");
  }

  std::string copy;
  const std::string_view parse_input =
      PrepareForParser(html, &copy) ? std::string_view(copy) : html;
  GumboOptions options = kGumboDefaultOptions;
  // Parse errors are of no use here, and gumbo keeps a copy of the open
  // elements with each: memory in the square of the nesting depth.
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, GumboDeleter> output(
      gumbo_parse_with_options(&options, parse_input.data(), parse_input.size()));
  if (!output || !output->root) return Status::ResourceExhausted("the HTML parser failed");

  Survey survey;
  SurveyDocument(output->root, &survey);

  // Metadata.
  // A "title" longer than kMaxTitleBytes is the rest of the page in an
  // unclosed <title>.
  if (survey.title) out->title = ElementText(survey.title, kMaxTitleBytes);
  if (out->title.empty()) out->title = survey.og_title;
  if (out->title.empty() && !survey.h1s.empty()) {
    out->title = ElementText(survey.h1s[0], kMaxTitleBytes);
  }
  out->published = std::move(survey.published);
  out->author = std::move(survey.author);

  // The main content: the best candidate, unless it holds too little of the
  // page for its class to be believed.
  const GumboNode* root = survey.body ? survey.body : output->root;
  if (survey.best && survey.best_text * 5 >= survey.body_text) root = survey.best;

  std::unordered_set<const GumboNode*> dropped_forms;
  for (const auto& [form, text] : survey.forms) {
    if (text * 4 < survey.body_text) dropped_forms.insert(form);
  }

  std::unordered_set<const GumboNode*> root_line;  // root and its ancestors
  bool root_in_article = false;
  {
    std::vector<std::string> words;
    for (const GumboNode* n = root; n; n = n->parent) {
      root_line.insert(n);
      if (n != root && IsElement(n)) {
        root_in_article = root_in_article || Classify(n->v.element, &words).article;
      }
    }
  }

  Collector collector(html, parse_input.data(), dropped_forms);
  std::vector<Piece> pieces;
  collector.Collect(root, root_in_article, &pieces);
  SortBySource(&pieces);

  // The title paragraph: nothing when the content begins with its <h1>;
  // else the last visible <h1> before the content; else <title>.
  const size_t content_begin = pieces.empty() ? html.size() : pieces.front().begin;
  auto first_text =
      std::find_if(pieces.begin(), pieces.end(), [](const Piece& p) { return !p.blank; });
  std::vector<Piece> title_pieces;
  if (first_text == pieces.end() || !first_text->in_h1) {
    const std::unordered_set<const GumboNode*> root_set = {root};
    for (auto it = survey.h1s.rbegin(); it != survey.h1s.rend() && title_pieces.empty(); ++it) {
      if (WithinAny(*it, root_set) || !VisibleHeading(*it, root_line, dropped_forms)) continue;
      std::vector<Piece> h;
      collector.Collect(*it, false, &h);
      SortBySource(&h);
      if (!h.empty() && h.back().end <= content_begin &&
          std::any_of(h.begin(), h.end(), [](const Piece& p) { return !p.blank; })) {
        title_pieces = std::move(h);
      }
    }
    if (title_pieces.empty() && survey.title) {
      // <title> is dropped as an element (it is metadata); its text is taken
      // directly.
      std::vector<Piece> t;
      for (unsigned k = 0; k < Children(survey.title).length; ++k) {
        const GumboNode* c = Child(survey.title, k);
        if (c->type != GUMBO_NODE_TEXT) continue;
        const GumboStringPiece& o = c->v.text.original_text;
        const char* base = parse_input.data();
        if (o.data < base || o.data + o.length > base + html.size()) continue;
        const size_t begin = static_cast<size_t>(o.data - base);
        t.push_back(Piece{begin, begin + o.length, Break::kNone, false, false, false});
      }
      if (!t.empty() && t.back().end <= content_begin) title_pieces = std::move(t);
    }
  }

  TextWriter writer(html, &out->text, &out->to_source);
  for (const Piece& p : title_pieces) writer.Add(p);
  writer.Raise(Break::kParagraph);
  for (const Piece& p : pieces) writer.Add(p);
  return Status::Ok();
}

}  // namespace solieu
