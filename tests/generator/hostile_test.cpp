// Hostile and broken books, one row each: every case either renders correctly or fails
// with a clear file:line message, within a time bound, never writing outside the output
// folder and never touching the previous output.
#include <catch2/catch.hpp>

#include <chrono>

#include "temp_book.hpp"

namespace {

struct Case {
  const char* name;
  std::vector<std::pair<std::string, std::string>> files;  // written into the book folder
  const char* expect;                                      // "ok" or a substring every failure message must contain
  const char* in_html;  // for "ok": a substring docs/index.md's page must contain ("" for none)
};

std::string nested_list(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += std::string(2 * static_cast<size_t>(i % 200), ' ') + "- item\n";
  return out;
}

const std::string kGood = "# Good\n";

}  // namespace

TEST_CASE("hostile input table", "[site][hostile]") {
  const std::vector<Case> cases = {
      {"empty book", {}, "ok", ""},
      {"binary file named .md",
       {{"docs/index.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)}},
       "index.md:3: error: NUL byte in text; is this a binary file?",
       ""},
      {"10 MB single-line page", {{"docs/index.md", std::string(10 * 1024 * 1024, 'x')}}, "ok", "<p>xxxxxxxx"},
      {"10,000-deep nested block quotes", {{"docs/index.md", std::string(10000, '>') + " deep\n"}}, "ok", "deep"},
      {"10,000 nested list items", {{"docs/index.md", nested_list(10000)}}, "ok", "<li>item"},
      {"admonitions nested 100 deep",
       {{"docs/index.md",
         [] {
           std::string s;
           for (int i = 0; i < 100; ++i) s += std::string(4 * i, ' ') + "!!! note\n";
           return s + std::string(400, ' ') + "x\n";
         }()}},
       "index.md:33: error: blocks nested more than 32 deep",
       ""},
      // A warning (MkDocs builds such a page): the rest of the page is code, as on GitHub.
      {"unterminated fence", {{"docs/index.md", "# T\n\n~~~c\nint x;\n"}}, "ok", "<pre><code class=\"language-c\">"},
      {"unterminated admonition",
       {{"docs/index.md", "# T\n\n??? question \"Show Answer\"\n\nNot indented.\n"}},
       "ok",
       "<details class=\"question\"><summary>Show Answer</summary>\n</details>\n<p>Not indented.</p>"},
      {"config with wrong types",
       {{"mkdocs.yml", "site_name:\n  nested: map\ndocs_dir: docs\n"}, {"docs/index.md", kGood}},
       "mkdocs.yml:2: error: site_name must be a string",
       ""},
      {"nav entry to a missing page (a warning)",
       {{"mkdocs.yml", "site_name: x\ndocs_dir: docs\nnav:\n  - Gone: gone.md\n"}, {"docs/index.md", kGood}},
       "ok",
       "Good"},
      {"heading made only of emoji", {{"docs/index.md", "# 🧠🧠\n\n## 👉\n"}}, "ok", "<h2 id=\"_2\">"},
      {"two headings with the same text",
       {{"docs/index.md", "# T\n\n## Same\n\n## Same\n"}},
       "ok",
       "<h2 id=\"same_1\">"},
      {"image path escaping the content folder (a warning; nothing is copied)",
       {{"docs/index.md", "# T\n\n![x](../../etc/passwd)\n"}},
       "ok",
       "../../etc/passwd"},
      {"NUL byte in a page",
       {{"docs/index.md", std::string("# T\n\nab\0cd\n", 11)}},
       "index.md:3: error: NUL byte",
       ""},
      {"CRLF line endings", {{"docs/index.md", "# Title\r\n\r\n!!! note \"N\"\r\n    body\r\n"}}, "ok", "<p>body</p>"},
      {"script in a heading is escaped by Markdown rules",
       {{"docs/index.md", "# a &lt;script&gt; \\<b>\n"}},
       "ok",
       "&lt;script&gt; &lt;b&gt;"},
      {"raw HTML title in code fence is escaped",
       {{"docs/index.md", "```c title=\"<img src=x onerror=alert(1)>.c\"\nint x;\n```\n"}},
       "ok",
       "&lt;img src=x onerror=alert(1)&gt;.c"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      TempBook b;
      for (const auto& [rel, text] : c.files) b.write(rel, text);
      // A previous good site that a failure must leave byte for byte.
      b.write("out/" + std::string(book::kOutputMarker), "");
      b.write("out/index.html", "previous");
      const auto started = std::chrono::steady_clock::now();
      const auto r = b.build();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const std::string messages = TempBook::messages(r);
      INFO(messages.substr(0, 2000));
      CHECK(seconds < 60);  // a bound against hangs, not a speed target
      if (std::string(c.expect) == "ok") {
        CHECK(r.ok());
        if (*c.in_html) CHECK(b.read("out/index.html").find(c.in_html) != std::string::npos);
      } else {
        CHECK_FALSE(r.ok());
        CHECK_THAT(messages, Catch::Contains(c.expect));
        CHECK(b.read("out/index.html") == "previous");
      }
      // Nothing appeared beside the book's folders.
      for (const auto& e : std::filesystem::directory_iterator(b.root)) {
        const std::string name = e.path().filename().string();
        CHECK((name == "docs" || name == "out" || name == "theme" || name == "mkdocs.yml"));
      }
    }
  }
}

TEST_CASE("a symbolic link out of the book is refused, not copied", "[site][hostile]") {
  TempBook b;
  b.write("docs/index.md", "# T\n\n![leak](leak.txt)\n");
  b.write("outside/secret.txt", "secret");
  std::filesystem::create_symlink(b.root / "outside/secret.txt", b.root / "docs/leak.txt");
  const auto r = b.build();
  CHECK_FALSE(r.ok());
  CHECK_THAT(TempBook::messages(r), Catch::Contains("leak.txt: error: symbolic link points outside docs_dir"));
  CHECK_FALSE(b.exists("out/leak.txt"));
}
