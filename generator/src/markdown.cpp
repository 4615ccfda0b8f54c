#include "markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <regex>

#include "fence.hpp"
#include "line_regex.hpp"
#include "slug.hpp"
#include "text.hpp"

namespace book {
namespace {

constexpr int kOptions = CMARK_OPT_UNSAFE;

struct Html {
  char* p;
  ~Html() { std::free(p); }
};

std::string render_node(cmark_node* node, cmark_llist* exts) {
  Html h{cmark_render_html(node, kOptions, exts)};
  return h.p;
}

// Heading text as Python-Markdown sees it: the text of the rendered element.
void collect_text(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: out += cmark_node_get_literal(c); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      default: collect_text(c, out);
    }
  }
}

// Replaces a node with an HTML block holding `html`.
void replace_with_html(cmark_node* node, const std::string& html) {
  cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
  cmark_node_set_literal(block, html.c_str());
  cmark_node_insert_before(node, block);
  cmark_node_free(node);
}

// "sysv_parent_child.c" -> "sysv_parent_child-c": readable, and safe in ids and CSS.
std::string code_id(const std::string& title) {
  std::string id;
  for (unsigned char c : title)
    id += std::isalnum(c) || c == '_' ? static_cast<char>(std::tolower(c)) : '-';
  return id;
}

}  // namespace

std::string rewrite_md_link(const std::string& url) {
  if (url.empty() || url[0] == '#' || has_url_scheme(url)) return url;
  const size_t cut = url.find_first_of("?#");
  const std::string path = url.substr(0, cut);
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".md") != 0) return url;
  return path.substr(0, path.size() - 3) + ".html" + (cut == std::string::npos ? "" : url.substr(cut));
}

Renderer::Renderer(const Extensions& extensions) : extensions_(extensions) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

RenderedPage Renderer::render(std::string_view markdown, const PageContext& ctx, Diagnostics& diags) {
  RenderedPage page;

  // The line pass: source lines (CR of CRLF dropped) through every extension.
  Lines lines;
  {
    FenceTracker fence;
    int n = 0;
    for (auto l : split_lines(markdown)) {
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      lines.push_back({std::string(l), ++n});
      fence.feed(lines.back().text, n);
    }
    if (fence.open())
      diags.error(ctx.shown_file, fence.opened_at(),
                  "code fence " + fence.marker() + " opened here is never closed; add a line " + fence.marker());
  }
  for (const auto& ext : extensions_) ext->transform_lines(lines, ctx, diags);
  std::string text;
  text.reserve(markdown.size() + lines.size() * 8);
  for (const auto& l : lines) (text += l.text) += '\n';
  auto source_line = [&](cmark_node* n) {
    const int i = cmark_node_get_start_line(n);
    return i >= 1 && i <= static_cast<int>(lines.size()) ? lines[i - 1].source_line : 0;
  };

  // Owned so that an exception from an extension cannot leak them.
  const std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser_owner(cmark_parser_new(kOptions), cmark_parser_free);
  cmark_parser* parser = parser_owner.get();
  for (const char* name : kGfmExtensions)
    if (cmark_syntax_extension* e = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, e);
  cmark_parser_feed(parser, text.data(), text.size());
  const std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc_owner(cmark_parser_finish(parser), cmark_node_free);
  cmark_node* doc = doc_owner.get();
  cmark_llist* exts = cmark_parser_get_syntax_extensions(parser);

  // Collect first, change after: the iterator must not see replaced nodes.
  std::vector<cmark_node*> headings, code_blocks;
  static const LineRegex raw_url(R"re(\b(?:src|href)\s*=\s*"([^"]*)")re");
  const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it_owner(cmark_iter_new(doc), cmark_iter_free);
  cmark_iter* it = it_owner.get();
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HEADING: headings.push_back(n); break;
      case CMARK_NODE_CODE_BLOCK: code_blocks.push_back(n); break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        const std::string url = cmark_node_get_url(n);
        const std::string rewritten = rewrite_md_link(url);
        if (rewritten != url) cmark_node_set_url(n, rewritten.c_str());
        page.links.push_back({rewritten, source_line(n)});
        break;
      }
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: {
        // Authors' raw HTML is trusted, but what it points at is checked like any link.
        const std::string html = cmark_node_get_literal(n);
        if (html.find("src") == std::string::npos && html.find("href") == std::string::npos) break;
        for (std::sregex_iterator m(html.begin(), html.end(), raw_url.on(html)), end; m != end; ++m)
          page.links.push_back({(*m)[1], source_line(n)});
        break;
      }
      default: break;
    }
  }

  // Ids in document order, so duplicates get _1, _2 as in MkDocs.
  SlugSet ids;
  std::vector<std::pair<cmark_node*, std::string>> replacements;
  size_t hi = 0, ci = 0;
  auto line_of = [](cmark_node* n) { return cmark_node_get_start_line(n); };
  while (hi < headings.size() || ci < code_blocks.size()) {
    const bool take_heading = ci >= code_blocks.size() ||
                              (hi < headings.size() && line_of(headings[hi]) <= line_of(code_blocks[ci]));
    if (take_heading) {
      cmark_node* h = headings[hi++];
      Heading heading{cmark_node_get_heading_level(h), {}, {}, source_line(h)};
      collect_text(h, heading.text);
      heading.id = ids.unique(slugify(heading.text));
      // cmark renders "<hN>inner</hN>\n"; keep its inner HTML, add the id and permalink.
      const std::string html = render_node(h, exts);
      const size_t open_end = html.find('>') + 1, close = html.rfind("</h");
      const std::string tag = "h" + std::to_string(heading.level);
      replacements.push_back({h, "<" + tag + " id=\"" + heading.id + "\">" + html.substr(open_end, close - open_end) +
                                     "<a class=\"headerlink\" href=\"#" + heading.id +
                                     "\" title=\"Permanent link\">&para;</a></" + tag + ">\n"});
      if (page.title.empty() && heading.level == 1) page.title = heading.text;
      page.headings.push_back(std::move(heading));
    } else {
      cmark_node* c = code_blocks[ci++];
      const std::string info = cmark_node_get_fence_info(c) ? cmark_node_get_fence_info(c) : "";
      CodeBlock block;
      block.info = parse_fence_info(info);
      block.code = cmark_node_get_literal(c);
      block.fence_line = source_line(c);
      block.first_line = block.fence_line + 1;
      const std::string& title = block.info.title;
      block.id = ids.unique("code-" + code_id(title.empty() ? std::to_string(ci) : title));
      std::string html = "<div class=\"code-block\" id=\"" + block.id + "\">";
      if (!title.empty()) html += "<div class=\"code-title\">" + escape_html(title) + "</div>";
      html += "<pre><code";
      if (!block.info.lang.empty()) html += " class=\"language-" + escape_html(block.info.lang) + "\"";
      html += ">" + highlighter_.render(block.code, block.info.lang, block.id) + "</code></pre></div>\n";
      for (const auto& ext : extensions_) html += ext->after_code_block(block, ctx, diags);
      replacements.push_back({c, html});
    }
  }
  for (auto& [node, html] : replacements) replace_with_html(node, html);
  if (page.title.empty() && !page.headings.empty()) page.title = page.headings.front().text;

  page.html = render_node(doc, exts);

  // Every id on the page (ours and those the author wrote in raw HTML) is a link target.
  for (size_t at = page.html.find(" id=\""); at != std::string::npos; at = page.html.find(" id=\"", at)) {
    at += 5;
    const size_t end = page.html.find('"', at);
    if (end == std::string::npos) break;
    page.ids.insert(page.html.substr(at, end - at));
  }
  return page;
}

}  // namespace book
