// The page model: what rendering one Markdown page produced, handed from stage to stage.
// The link checker, the theme and (later) search read this, never the HTML: ids are kept as
// they were made and links as the author wrote them, each with the line it came from.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fence.hpp"

namespace book {

struct Heading {
  int level;
  std::string text;  // plain text, as in the TOC
  std::string id;    // as made (MkDocs slug, _1 suffixes for repeats)
  int line;
};

// A link, image or raw-HTML src/href exactly as the author wrote it ("nope.md#x").
struct Link {
  enum class Kind { Link, Image, RawHtml };
  std::string url;
  int line;
  Kind kind = Kind::Link;
};

// A multiple-choice question recognised at build time: options lettered A, B, ...
struct Quiz {
  int line;                          // the first option's line
  std::vector<std::string> letters;  // "A", "B", "C"
  std::string answer;                // one of letters
  std::string id;                    // "quiz-1": the element the theme's script enhances
  int end_line;                      // the answer block's last line
};

struct PageModel {
  std::string body;   // the page's HTML, without the theme
  std::string title;  // front matter title, else first h1, else first heading
  std::vector<Heading> headings;
  // The plain text of each section, for search: [0] before the first heading, [i + 1] under
  // headings[i] (prose and inline code; code blocks, raw HTML and quizzes' options and
  // answers, wrong options being false by design, are left out).
  std::vector<std::string> section_text;
  std::vector<Link> links;
  std::vector<CodeBlock> code_blocks;
  std::vector<Quiz> quizzes;
  std::map<std::string, std::string> front_matter;  // the page's YAML front matter, values as text
  std::set<std::string> needs;                      // "math", "mermaid": what the theme loads only on pages that use it
  // The CSP sources this page's own raw HTML needs, as "directive source": hashes of the
  // author's inline <script>/<style>/style= ("style-src 'sha256-...'", "style-src 'unsafe-hashes'")
  // and the origins of what it loads from other hosts ("frame-src https://www.youtube.com").
  std::set<std::string> inline_hashes;
  std::set<std::string> external_sources;
  bool raw_h1 = false;        // the author's raw HTML has an <h1> (then the theme adds no title h1)
  std::set<std::string> ids;  // every id on the page: the anchors links may target
};

}  // namespace book
