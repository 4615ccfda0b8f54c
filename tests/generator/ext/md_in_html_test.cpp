// md_in_html as Python-Markdown does it (MkDocs' output in the comments where ours differs
// only in white space between tags).
#include <catch2/catch.hpp>

#include "../render_helpers.hpp"

TEST_CASE("markdown, =\"1\" and =\"block\" work on any element", "[md_in_html]") {
  CHECK(render_md("<article class=\"x\" markdown>\n# In article\n\ntext\n</article>\n").page.body ==
        "<article class=\"x\">\n<h1 id=\"in-article\">In article</h1>\n<p>text</p>\n</article>\n");
  CHECK(render_md("<section markdown=\"block\">\n**section md**\n</section>\n").page.body ==
        "<section>\n<p><strong>section md</strong></p>\n</section>\n");
  CHECK(render_md("<figure markdown=\"1\">\n![img](a.png)\n</figure>\n").page.body ==
        "<figure>\n<p><img src=\"a.png\" alt=\"img\" /></p>\n</figure>\n");
}

TEST_CASE("span content is inline: no <p> around it", "[md_in_html]") {
  // MkDocs: <p><strong>in p</strong></p>
  CHECK(render_md("<p markdown=\"1\">**in p**</p>\n").page.body == "<p><strong>in p</strong></p>\n");
  // MkDocs: <div>\n<strong>a</strong> text\nmore\n</div>
  CHECK(render_md("<div markdown=\"span\">\n**a** text\nmore\n</div>\n").page.body ==
        "<div><strong>a</strong> text\nmore</div>\n");
}

TEST_CASE("Markdown right after <summary> in <details markdown=\"1\">", "[md_in_html]") {
  const auto r =
      render_md("<details markdown=\"1\">\n<summary>Sum</summary>\n**bold** after summary\n\nmore\n</details>\n");
  CHECK(r.page.body ==
        "<details>\n<summary>Sum</summary>\n<p><strong>bold</strong> after summary</p>\n<p>more</p>\n</details>\n");
}

TEST_CASE("Markdown right after a one-line <iframe>, and its links are still checked", "[md_in_html]") {
  const auto r = render_md("Intro.\n\n<iframe src=\"sim.html\" width=\"100%\"></iframe>\n[Run fullscreen](sim.md)\n");
  CHECK(r.page.body ==
        "<p>Intro.</p>\n<iframe src=\"sim.html\" width=\"100%\"></iframe>\n<p><a href=\"sim.html\">Run "
        "fullscreen</a></p>\n");
  REQUIRE(r.page.links.size() == 2);
  CHECK(r.page.links[0].url == "sim.md");
  CHECK(r.page.links[0].line == 4);
  CHECK(r.page.links[1].url == "sim.html");
  CHECK(r.page.links[1].kind == book::Link::Kind::RawHtml);
  CHECK(r.page.links[1].line == 3);
  // Inside <div markdown> too.
  CHECK(render_md("<div markdown=\"1\">\n<iframe src=\"y.html\"></iframe>\n[After](other.md)\n</div>\n").page.body ==
        "<div>\n<iframe src=\"y.html\"></iframe>\n<p><a href=\"other.html\">After</a></p>\n</div>\n");
}

TEST_CASE("raw HTML without markdown stays raw", "[md_in_html]") {
  CHECK(render_md("<div>\n<iframe src=\"z.html\"></iframe>\n[raw div link](other.md)\n</div>\n").page.body ==
        "<div>\n<iframe src=\"z.html\"></iframe>\n[raw div link](other.md)\n</div>\n");
  CHECK(render_md("<pre markdown>\n**x**\n</pre>\n").page.body == "<pre markdown>\n**x**\n</pre>\n");
}

TEST_CASE("lines inside keep their source line numbers", "[md_in_html]") {
  const auto r = render_md("<p markdown>see [a](a.md)</p>\n\n<div markdown>\n\n[b](b.md)\n</div>\n");
  REQUIRE(r.page.links.size() == 2);
  CHECK(r.page.links[0].line == 1);
  CHECK(r.page.links[1].line == 5);
}

TEST_CASE("elements with markdown nest", "[md_in_html]") {
  CHECK(render_md("<div markdown>\n<section markdown>\n**in**\n</section>\n</div>\n").page.body ==
        "<div>\n<section>\n<p><strong>in</strong></p>\n</section>\n</div>\n");
}

TEST_CASE("a span element closed at the end of a line of text keeps its text", "[md_in_html]") {
  const auto r = render_md("<p markdown>\nHello\nworld</p>\n\nAfter\n");
  CHECK(r.page.body.find("Hello") != std::string::npos);
  CHECK(r.page.body.find("world</p>") != std::string::npos);
  CHECK(r.page.body.find("md_in_html") == std::string::npos);  // no marker left
}
