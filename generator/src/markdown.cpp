#include "markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "book.hpp"
#include "csp.hpp"
#include "elements.hpp"
#include "fragment_cache.hpp"
#include "html_scan.hpp"
#include "links.hpp"
#include "slug.hpp"
#include "text.hpp"

namespace book {
namespace {

// The text of each section (see PageModel::section_text), read before extensions replace text
// nodes with HTML; a heading starts a new section and its own text is the heading's.
// `skipped(node)` leaves out the text of a paragraph or heading (quizzes).
template <class Skip>
std::vector<std::string> section_texts(cmark_node* root, Skip skipped) {
  std::vector<std::string> sections(1);
  const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
  int quiet = 0;  // inside a heading (its text is the heading's) or a skipped paragraph
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HEADING || (type == CMARK_NODE_PARAGRAPH && skipped(node))) {
      quiet += ev == CMARK_EVENT_ENTER ? 1 : -1;
      if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_HEADING) sections.emplace_back();
    } else if (ev == CMARK_EVENT_EXIT || quiet) {
      continue;
    } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      sections.back() += cmark_node_get_literal(node);
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_PARAGRAPH) {
      if (!sections.back().empty() && sections.back().back() != ' ') sections.back() += ' ';
    }
  }
  return sections;
}

// "sysv_parent_child.c" -> "sysv_parent_child-c": readable, and safe in ids and CSS.
std::string code_id(const std::string& title) {
  std::string id;
  for (unsigned char c : title) id += std::isalnum(c) || c == '_' ? static_cast<char>(std::tolower(c)) : '-';
  return id;
}

// The source lines (CR of CRLF dropped), numbered; an unclosed fence is reported here once.
Lines source_lines(std::string_view markdown, PageContext& ctx) {
  Lines lines;
  FenceTracker fence;
  int n = 0;
  for (auto l : split_lines(markdown)) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back({std::string(l), ++n});
    fence.feed(lines.back().text, n);
  }
  // cmark-gfm (like GitHub) shows the rest of the page as code, which is a rendering, if an
  // unlikely wish: MkDocs builds such a page too, so this is a warning.
  if (fence.open())
    ctx.diags.warning(ctx.shown_file, fence.opened_at(),
                      "code fence " + fence.marker() +
                          " opened here is never closed, so the rest of the page is code; "
                          "add a line " +
                          fence.marker());
  return lines;
}

// A parsed page: cmark's parser and document, freed together even when an extension throws.
struct Document {
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser{nullptr, cmark_parser_free};
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root{nullptr, cmark_node_free};
  cmark_llist* extensions() const { return cmark_parser_get_syntax_extensions(parser.get()); }
};

Document parse(const Lines& lines) {
  std::string text;
  for (const auto& l : lines) (text += l.text) += '\n';
  Document d;
  d.parser.reset(cmark_parser_new(kCmarkOptions));
  for (const char* name : kGfmExtensions)
    if (cmark_syntax_extension* e = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(d.parser.get(), e);
  cmark_parser_feed(d.parser.get(), text.data(), text.size());
  d.root.reset(cmark_parser_finish(d.parser.get()));
  return d;
}

// The nodes the core works on, collected first and changed after: cmark's iterator must not
// meet replaced nodes.
struct Nodes {
  std::vector<cmark_node*> blocks;  // headings and code blocks, in document order
  std::vector<cmark_node*> links, raw_html, texts;
};

// With `texts` only: the tree extensions may merge or remove text nodes, so those are
// collected once they have run.
Nodes collect(cmark_node* root, bool texts_only = false) {
  Nodes n;
  const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(it.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (texts_only && type != CMARK_NODE_TEXT) continue;
    switch (type) {
      case CMARK_NODE_HEADING:
      case CMARK_NODE_CODE_BLOCK: n.blocks.push_back(node); break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: n.links.push_back(node); break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: n.raw_html.push_back(node); break;
      case CMARK_NODE_TEXT:
        if (texts_only) n.texts.push_back(node);
        break;
      default: break;
    }
  }
  return n;
}

}  // namespace

bool names_file(const std::string& url) {
  const std::string path = url.substr(0, url.find_first_of("?#"));
  return path.find('.', path.rfind('/') + 1) != std::string::npos;
}

std::string rewrite_md_link(const std::string& url, const std::string& from, bool directory_urls) {
  if (url.empty() || url[0] == '#' || url[0] == '/' || has_url_scheme(url)) return url;
  const size_t cut = url.find_first_of("?#");
  const std::string path = url.substr(0, cut), rest = cut == std::string::npos ? "" : url.substr(cut);
  const bool page = path.size() >= 3 && path.compare(path.size() - 3, 3, ".md") == 0;
  if (!directory_urls) return page ? path.substr(0, path.size() - 3) + ".html" + rest : url;
  if (!names_file(path)) return url;
  std::string error;
  const std::string target = resolve_path(from, path, error);
  if (!error.empty()) return url;  // the link check reports it
  const std::string to = page ? page_url(output_path_for(target, true), true) : target;
  return relative_href(output_path_for(from, true), to) + rest;
}

RenderOptions RenderOptions::from(const Config& config) {
  RenderOptions o;
  o.section_text = config.search_enabled();
  if (const MarkdownExtension* toc = config.extension("toc")) {
    const std::string p = toc->option("permalink", "false");
    if (p == "true" || p == "True")
      o.permalink = "&para;";
    else if (p != "false" && p != "False" && !p.empty())
      o.permalink = escape_html(p);
    o.permalink_title = toc->option("permalink_title", o.permalink_title);
  }
  if (const MarkdownExtension* hl = config.extension("pymdownx.highlight")) {
    const auto yes = [&](const char* key) {
      const std::string v = hl->option(key);
      return v == "true" || v == "True";
    };
    o.linenums = yes("linenums");
    o.anchor_linenums = yes("anchor_linenums");
    const std::string off = hl->option("linenums");
    o.linenums_forbidden = off == "false" || off == "False";
    // pymdownx-inline differs from inline only in how Pygments writes the number.
    o.linenums_style = hl->option("linenums_style", "table") == "table" ? "table" : "inline";
  }
  return o;
}

Renderer::Renderer(const Extensions& extensions, RenderOptions options)
    : extensions_(extensions), options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

namespace {

// MkDocs leaves a link to a page that is not in the book as written (the link check warns).
bool names_missing_page(const std::string& url, const PageSource& source) {
  if (!source.pages || url.empty() || url[0] == '#' || url[0] == '/' || has_url_scheme(url)) return false;
  const std::string path = url.substr(0, url.find_first_of("?#"));
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".md") != 0) return false;
  std::string error;
  const std::string target = resolve_path(source.src_rel, path, error);
  return error.empty() && !source.pages->count(target);
}

// Everything one render needs while it walks the document.
struct Pass {
  const Extensions& extensions;
  Highlighter& highlighter;
  const Lines& lines;
  cmark_llist* gfm;
  PageContext& ctx;
  const PageSource& source;
  const RenderOptions& options;
  SlugSet ids;  // in document order, so duplicates get _1, _2 as in MkDocs

  int source_line(cmark_node* n) const {
    const int i = cmark_node_get_start_line(n);
    return i >= 1 && i <= static_cast<int>(lines.size()) ? lines[i - 1].source_line : 0;
  }

  void link(cmark_node* n) {
    Link link{cmark_node_get_url(n), source_line(n),
              cmark_node_get_type(n) == CMARK_NODE_IMAGE ? Link::Kind::Image : Link::Kind::Link};
    for (const auto& e : extensions) e->link(link, ctx);
    if (link.kind == Link::Kind::Image) allow_external(link.url, "img", "src", link.line);
    const std::string shown = names_missing_page(link.url, source)
                                  ? link.url
                                  : rewrite_md_link(link.url, source.src_rel, source.directory_urls);
    if (shown != cmark_node_get_url(n)) cmark_node_set_url(n, shown.c_str());
    ctx.page.links.push_back(std::move(link));
  }

  // Authors' raw HTML is trusted, but what it points at is checked like any link, and what it
  // runs or loads is allowed by this page's CSP only: by hash, or by the origin it names.
  void raw_html(cmark_node* n) {
    const int line = source_line(n);
    const std::string_view html = cmark_node_get_literal(n);
    ctx.page.raw_h1 |= html.find("<h1") != std::string_view::npos || html.find("<H1") != std::string_view::npos;
    for_each_attribute(html, [&](std::string_view tag, std::string_view name, std::string_view v) {
      if (name == "src" || name == "href")
        ctx.page.links.push_back({std::string(v), line, Link::Kind::RawHtml});
      else if (name == "id")
        ctx.page.ids.insert(std::string(v));
      allow_external(v, tag, name, line);
      allow_inline_attribute(name, v);
    });
    for_each_script_or_style(html, [&](std::string_view tag, std::string_view body) {
      ctx.page.inline_hashes.insert((tag == "script" ? "script-src " : "style-src ") + csp_hash(body));
    });
  }

  // style="..." and onclick="..." run only with their hash and 'unsafe-hashes' (CSP level 3).
  void allow_inline_attribute(std::string_view name, std::string_view value) {
    const bool handler = name.size() > 2 && (name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N');
    if (!handler && name != "style") return;
    const std::string directive = handler ? "script-src " : "style-src ";
    ctx.page.inline_hashes.insert(directive + "'unsafe-hashes'");
    ctx.page.inline_hashes.insert(directive + csp_hash(decode_attribute(value)));
  }

  void allow_external(std::string_view url, std::string_view tag, std::string_view attribute, int line) {
    const std::string directive = csp_directive_for(tag, attribute);
    const std::string origin = directive.empty() ? std::string() : url_origin(url);
    if (origin.empty() || !ctx.page.external_sources.insert(directive + " " + origin).second) return;
    ctx.diags.warning(ctx.shown_file, line,
                      "\"" + std::string(url) +
                          "\" is loaded from another host; this page's Content-Security-Policy "
                          "allows " +
                          origin + " (" + directive + ")");
  }

  void text(cmark_node* n) {
    for (cmark_node* p = cmark_node_parent(n); p; p = cmark_node_parent(p))
      if (cmark_node_get_type(p) == CMARK_NODE_LINK) return;  // link text stays text
    const std::string literal = cmark_node_get_literal(n);
    std::string html;
    for (const auto& e : extensions)
      if (e->inline_text(literal, html, ctx)) return replace_with_html(n, html, true);
  }

  void heading(cmark_node* h) {
    Heading heading{cmark_node_get_heading_level(h), plain_text(h), {}, source_line(h)};
    const auto style = ctx.styles.find(h);
    const bool own_id = style != ctx.styles.end() && style->second.added.count("id");
    heading.id = own_id ? style->second.added.at("id") : slugify(heading.text);
    for (const auto& e : extensions) e->heading(heading, ctx);
    heading.id = ids.unique(heading.id);
    // The heading element is ours (id, permalink); its content is cmark's, node by node.
    const std::string tag = "h" + std::to_string(heading.level);
    ElementStyle attributes = style == ctx.styles.end() ? ElementStyle{} : style->second;
    attributes.added["id"] = heading.id;
    std::string html = open_tag(tag, {}, &attributes) + render_children(h, gfm);
    if (!options.permalink.empty())
      html += "<a class=\"headerlink\" href=\"#" + heading.id + "\" title=\"" + escape_html(options.permalink_title) +
              "\">" + options.permalink + "</a>";
    replace_with_html(h, html + "</" + tag + ">\n");
    ctx.page.ids.insert(heading.id);
    ctx.page.headings.push_back(std::move(heading));
  }

  // The book's highlight options with what this block's fence adds, as pymdownx reads them:
  // linenums="N" numbers from N (0: no numbers), hl_lines="2 4-6" marks lines.
  HighlightOptions highlight_options(const CodeBlock& block) {
    HighlightOptions o;
    o.linenums = options.linenums;
    o.anchor_linenums = options.anchor_linenums;
    const std::string start = block.info.attribute("linenums");
    if (!start.empty()) {
      char* end = nullptr;
      const long n = std::strtol(start.c_str(), &end, 10);
      if (end == start.c_str() || n < 0) {
        ctx.diags.warning(ctx.shown_file, block.fence_line,
                          "linenums=\"" + start + "\" is not a line number; write e.g. linenums=\"1\"");
      } else if (n == 0) {
        o.linenums = false;
      } else {
        o.linenums = !options.linenums_forbidden;
        o.linenums_start = static_cast<int>(n);
      }
    }
    std::string error;
    o.hl_lines = parse_hl_lines(block.info.attribute("hl_lines"), error);
    if (!error.empty()) ctx.diags.warning(ctx.shown_file, block.fence_line, error);
    return o;
  }

  // The highlighter's output depends on the block's language, code, id (each line's id) and
  // options, the book's and the fence's: that is the cache key.
  std::string highlighted(const CodeBlock& block, const HighlightOptions& o) {
    auto render = [&] { return highlighter.render(block.code, block.info.lang, o, block.id); };
    if (!options.fragments) return render();
    std::string opts =
        std::to_string(o.linenums) + std::to_string(o.anchor_linenums) + " " + std::to_string(o.linenums_start);
    for (int l : o.hl_lines) opts += " " + std::to_string(l);
    return options.fragments->get(
        FragmentCache::key({"code", Highlighter::grammar(block.info.lang), opts, block.code, block.id}), render);
  }

  void code_block(cmark_node* c) {
    CodeBlock block;
    block.info = parse_fence_info(cmark_node_get_fence_info(c) ? cmark_node_get_fence_info(c) : "");
    block.code = cmark_node_get_literal(c);
    block.fence_line = source_line(c);
    block.first_line = block.fence_line + 1;
    const std::string& title = block.info.title;
    const size_t n = ctx.page.code_blocks.size() + 1;
    block.id = ids.unique("code-" + code_id(title.empty() ? std::to_string(n) : title));
    const HighlightOptions highlight = highlight_options(block);
    std::string html = "<div class=\"code-block";
    if (highlight.linenums) html += " linenums linenums-" + options.linenums_style;
    html += "\" id=\"" + block.id + "\">";
    if (!title.empty()) html += "<div class=\"code-title\">" + escape_html(title) + "</div>";
    html += "<pre><code";
    if (!block.info.lang.empty()) html += " class=\"language-" + escape_html(block.info.lang) + "\"";
    html += ">" + highlighted(block, highlight) + "</code></pre></div>\n";
    for (const auto& e : extensions) e->code_block(block, html, ctx);
    replace_with_html(c, html);
    ctx.page.ids.insert(block.id);
    // The highlighter gives each line an id (the traces point at them): "<id>-L<n>".
    const std::string_view code = block.code;
    const size_t line_count = std::count(code.begin(), code.end(), '\n') + (code.empty() || code.back() != '\n');
    for (size_t l = 1; l <= line_count; ++l) ctx.page.ids.insert(block.id + "-L" + std::to_string(l));
    ctx.page.code_blocks.push_back(std::move(block));
  }
};

}  // namespace

PageModel Renderer::render(std::string_view markdown, const PageSource& source, Diagnostics& diags) {
  PageModel page;
  ElementStyles styles;
  PageContext ctx{source.shown_file, source.source_dir, diags, page, styles, options_.fragments};
  Lines lines = source_lines(markdown, ctx);
  for (const auto& e : extensions_) e->block_syntax(lines, ctx);
  const Document doc = parse(lines);
  const Nodes nodes = collect(doc.root.get());
  Pass pass{extensions_, highlighter_, lines, doc.extensions(), ctx, source, options_, {}};
  for (cmark_node* n : nodes.links) pass.link(n);
  for (cmark_node* n : nodes.raw_html) pass.raw_html(n);
  for (const auto& e : extensions_) e->tree(doc.root.get(), ctx);
  // Read once the tree extensions have taken their syntax out of the text (attr_list).
  if (options_.section_text)
    page.section_text = section_texts(doc.root.get(), [&](cmark_node* n) {
      const int line = pass.source_line(n);
      return std::any_of(page.quizzes.begin(), page.quizzes.end(),
                         [&](const Quiz& q) { return line >= q.line && line <= q.end_line; });
    });
  for (cmark_node* n : collect(doc.root.get(), /*texts_only=*/true).texts) pass.text(n);
  write_styled_elements(doc.root.get(), styles, doc.extensions());
  for (cmark_node* n : nodes.blocks)
    cmark_node_get_type(n) == CMARK_NODE_HEADING ? pass.heading(n) : pass.code_block(n);
  page.body = render_node(doc.root.get(), doc.extensions());
  for (const auto& h : page.headings)
    if (page.title.empty() && h.level == 1) page.title = h.text;
  if (page.title.empty() && !page.headings.empty()) page.title = page.headings.front().text;
  for (const auto& e : extensions_) e->page_done(ctx);
  return page;
}

}  // namespace book
