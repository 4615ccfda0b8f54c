#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "diagnostics.hpp"
#include "temp_book.hpp"
#include "text.hpp"
#include "theme.hpp"

TEST_CASE("{{x}} is escaped, {{{x}}} is raw", "[theme]") {
  TempBook b;
  b.write("t.html", "<title>{{ title }}</title>{{{content}}}");
  const auto t = book::Template::load(b.root / "t.html", "t.html");
  CHECK(t.render({{"title", "<Shared & memory>"}, {"content", "<p>x</p>"}}) ==
        "<title>&lt;Shared &amp; memory&gt;</title><p>x</p>");
}

TEST_CASE("template mistakes are errors at their line", "[theme][errors]") {
  TempBook b;
  b.write("t.html", "line1\n{{tilte}}\n");
  CHECK_THROWS_WITH(book::Template::load(b.root / "t.html", "t.html"),
                    Catch::StartsWith("t.html:2: error: unknown template variable \"tilte\""));
  b.write("t.html", "a\nb\n{{{content\n");
  CHECK_THROWS_WITH(book::Template::load(b.root / "t.html", "t.html"),
                    Catch::StartsWith("t.html:3: error: \"{{{\" is never closed"));
}

namespace {

double channel(int c8) {
  const double c = c8 / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const std::string& hex) {
  const auto c = [&](int i) { return channel(std::stoi(hex.substr(i, 2), nullptr, 16)); };
  return 0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5);
}

double contrast(const std::string& a, const std::string& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::string value_of(const std::string& rule, const std::string& property) {
  const size_t at = rule.find(property + ": ");
  return at == std::string::npos ? std::string() : rule.substr(at + property.size() + 2, 7);
}

}  // namespace

TEST_CASE("every Material palette colour keeps WCAG AA contrast in the theme", "[theme][palette]") {
  std::ifstream css(BOOK_SOURCE_DIR "/site/assets/book.css");
  std::string line;
  int primaries = 0, accents = 0;
  const char* light[] = {"#ffffff", "#f4f6f8", "#e9edf1"};  // --bg, --surface, --surface-2
  const char* dark[] = {"#15181d", "#1d2128", "#262b33"};
  while (std::getline(css, line)) {
    if (line.find("[data-md-color-") == std::string::npos) continue;
    INFO(line);
    const bool is_dark = line.find("dark") != std::string::npos;
    for (const char* property : {"--accent", "--accent-hover"}) {
      const std::string colour = value_of(line, property);
      if (colour.empty()) continue;
      for (const char* bg : is_dark ? dark : light) CHECK(contrast(colour, bg) >= 4.5);
    }
    const std::string header = value_of(line, "--header-bg");
    if (!header.empty()) CHECK(contrast(header, value_of(line, "--header-fg")) >= 4.5);
    primaries += line.find("--header-bg") != std::string::npos;
    accents += line.find("--accent-hover") != std::string::npos;
  }
  CHECK(primaries == 21);    // Material's primary colours, "white" and "black" included
  CHECK(accents == 3 * 16);  // light, chosen dark, system dark
}

TEST_CASE("the theme's page template places everything mkdocs.yml and the page ask for", "[theme]") {
  const std::string page = book::read_file(BOOK_SOURCE_DIR "/site/templates/page.html", "page.html");
  // title and page_path are there for authors' own templates; the theme needs neither.
  for (const auto& name : book::Template::known_names()) {
    if (name == "title" || name == "page_path") continue;
    INFO(name);
    CHECK((page.find("{{" + name + "}}") != std::string::npos || page.find("{{{" + name + "}}}") != std::string::npos));
  }
}
