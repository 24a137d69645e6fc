// Html: an HTML page (already UTF-8) -> the readable text solieu extracts
// from, with a map back to the page's bytes.
//
// The page is parsed with gumbo (an HTML5 parser). The text is made of the
// raw source bytes of text nodes, entities NOT decoded (normalize decodes
// them with its own map), so every text piece maps 1:1 to the page; the
// separators put between pieces ("\n\n" between blocks, "\n" for <br>,
// " | " between table cells, " " for a run of whitespace) map to the markup
// and whitespace they stand for.
//
// What is kept, in order:
//   1. the title, as its own paragraph: nothing when the main content already
//      begins with its <h1>; else the last <h1> before the main content that
//      is not inside a dropped element (a logo's <h1> in the page header);
//      else the <title> text. It is always a span of the page that lies
//      before the main content, so the text stays in source order.
//   2. the main content: the candidate with the most text (dropped parts not
//      counted), where candidates are <article>, <main>, role=main|article,
//      and elements with a class or id word such as article, content, detail,
//      main, post, entry, story, body (fck_detail, body-text, detail__content,
//      mainContent, ...) and no page-chrome word; ties go to the innermost.
//      Candidates are looked for inside dropped navigation elements too (a
//      main column named "sidebar-1"), not inside hidden ones. A candidate
//      holding less than a fifth of the body's text is ignored (its class was
//      misleading), and then the <body> is used.
// Text that gumbo moved out of source order (foster parenting out of a
// table) is put back at its source place, as a paragraph of its own.
//
// What is dropped, inside the main content as anywhere:
//   - by tag: <head>, script, style, noscript, template, svg, math, iframe,
//     object, embed, canvas, audio, video, button, select, textarea, input,
//     option, nav, menu, marquee, frames; and a <form> holding less than a
//     quarter of the body's text (search, comment and poll boxes; ASP.NET
//     pages wrap the whole body in one <form>, which is kept);
//   - hidden elements: the `hidden` attribute, style display:none or
//     visibility:hidden;
//   - navigation, ads, comments (always): role=navigation|search, or a class
//     or id token whose FIRST or LAST word (tokens split at "-", "_", other
//     punctuation and camelCase humps, plural "s" ignored) is one of nav,
//     navbar, navigation, menu, breadcrumb, sidebar, comment, share, sharing,
//     social, related, advert, advertisement, advertising, ad, adv, banner,
//     cookie, popup; or whose words run together contain the Vietnamese slugs
//     lienquan, binhluan, quangcao, chiase. So "menu-top", "box_comment",
//     "relatedNews", "tin-lien-quan" are dropped; "article-header-title",
//     "download", "shared-data", "subheader-text" are not. A word in the
//     middle never counts: it is usually a qualifier of something else;
//   - page header and footer (only outside an article): <header>, <footer>,
//     <aside>, role=banner|contentinfo|complementary, or a token whose first
//     or last word is header, footer or masthead, unless its first word says
//     article (article, post, entry, story, detail: "article-header" holds the
//     headline and lead). Inside an <article> or an element whose token says
//     article, these are the article's own heading, lead and byline: kept.
// The classes of <html> and <body> describe the page, not a part of it, and
// are ignored ("post-template-default" on every WordPress post).
//
// Metadata (entities decoded, whitespace collapsed, "" when absent):
//   title:     <title>, else og:title / twitter:title, else the first <h1>;
//   published: article:published_time, itemprop=datePublished, pubdate,
//              publishdate, date, dc.date.issued, ... as written;
//   author:    meta author / article:author (not a URL) / dc.creator /
//              itemprop=author, else an element with itemprop=author,
//              rel=author or a class word "author" (or "tac-gia").
//
// Robustness and cost: gumbo never fails on markup; it keeps no parse errors
// here (their memory grows with the square of the nesting depth). Gumbo's
// time also grows with nesting depth times tag count, so start tags nested
// deeper than kMaxHtmlNesting (estimated by a light scan) are blanked out
// before parsing; the text between them is kept. Otherwise linear: about
// 60 ms per MB (a 5 MB article page: 0.3 s, 85 MB peak); gumbo's tree takes
// about 16 bytes per page byte, up to 80 on adversarial markup. No recursion
// on the document's structure.
//
// Thread safety: ExtractHtmlText and LooksLikeHtml are reentrant; they keep no
// state between calls.
#ifndef SOLIEU_PIPELINE_HTML_H_
#define SOLIEU_PIPELINE_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "util/offset_map.h"
#include "util/status.h"

namespace solieu {

// Start tags nested deeper than this are ignored (see above).
inline constexpr size_t kMaxHtmlNesting = 512;

// True when `text` plainly is an HTML page: after an optional BOM,
// whitespace, comments and an <?xml ...?> declaration, it starts with
// <!DOCTYPE html or one of the tags html, head, body, p, div, meta, title,
// link, article, section, main, header, table. Text that merely mentions a tag
// further on is not HTML.
bool LooksLikeHtml(std::string_view text);

struct HtmlText {
  std::string text;       // readable text, paragraphs separated by "\n\n"
  OffsetMap to_source;    // text bytes -> bytes of the HTML given to ExtractHtmlText
  std::string title;      // see above
  std::string published;  // see above
  std::string author;     // see above
};

// Fills `out` from `html`, reusing its buffers. Every byte of out->text maps
// back into `html`; a byte that is not a separator (" ", "\n", "|") is the
// source byte it maps to.
// REQUIRES: `html` is UTF-8 (ingest's output); invalid bytes are copied
// through as they are. Returns InvalidArgument when html.size() >= 2^31
// (gumbo's offsets are 32-bit; out is then cleared); otherwise Ok, whatever
// the markup.
Status ExtractHtmlText(std::string_view html, HtmlText* out);

}  // namespace solieu

#endif  // SOLIEU_PIPELINE_HTML_H_
