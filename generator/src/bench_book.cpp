#include "bench_book.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>

#include "text.hpp"

namespace book {
namespace fs = std::filesystem;

namespace {

// Kept as they are, so that highlighting still meets keywords as often as in real code.
const std::set<std::string_view>& keywords() {
  static const std::set<std::string_view> k{
      "int",    "char",   "void",   "if",       "else", "for",    "while", "return", "struct", "include",
      "define", "sizeof", "const",  "unsigned", "long", "static", "def",   "import", "from",   "in",
      "not",    "and",    "or",     "None",     "True", "False",  "class", "self",   "with",   "as",
      "echo",   "cd",     "export", "then",     "fi",   "do",     "done",  "print"};
  return k;
}

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// A run of digits plus i; a run too long for an integer gets i appended instead.
void add_number(std::string_view run, int i, std::string& out) {
  out += run.size() <= 15 ? std::to_string(std::stoull(std::string(run)) + static_cast<unsigned>(i))
                          : std::string(run) + std::to_string(i);
}

// Numbers in prose plus i, code spans varied as code.
std::string vary_prose(std::string_view line, int i) {
  std::string out;
  size_t at = 0;
  // A list marker ("10. ") keeps its width, so the item's indented body stays inside it.
  while (at < line.size() && (line[at] == ' ' || digit(line[at]))) ++at;
  if (at == line.size() || line[at] != '.') at = 0;
  out.append(line.substr(0, at));
  for (size_t n; at < line.size(); at += n) {
    if (line[at] == '`') {
      const size_t end = line.find('`', at + 1);
      if (end == std::string_view::npos) return out.append(line.substr(at)), out;
      out += '`' + vary_code(line.substr(at + 1, end - at - 1), i) + '`';
      n = end - at + 1;
    } else if (digit(line[at]) && (at == 0 || !ident_char(line[at - 1]))) {
      for (n = 1; at + n < line.size() && digit(line[at + n]);) ++n;
      add_number(line.substr(at, n), i, out);
    } else {
      out += line[at];
      n = 1;
    }
  }
  return out;
}

// "x.c" -> "x_<i>.c": the block's id and its trace file's name follow the title.
std::string vary_file_name(const std::string& name, int i) {
  const size_t dot = name.rfind('.');
  const size_t cut = dot == std::string::npos ? name.size() : dot;
  return name.substr(0, cut) + "_" + std::to_string(i) + name.substr(cut);
}

std::string vary_fence_line(std::string_view line, int i) {
  const std::string key = "title=\"";
  std::string out(line);
  const size_t at = out.find(key);
  if (at == std::string::npos) return out;
  const size_t end = out.find('"', at + key.size());
  if (end == std::string::npos) return out;
  const std::string title = out.substr(at + key.size(), end - at - key.size());
  return out.replace(at + key.size(), title.size(), vary_file_name(title, i));
}

std::string indent(const std::string& text, const std::string& by) {
  std::string out;
  for (std::string_view line : split_lines(text)) (out += by).append(line) += '\n';
  return out;
}

void write(const fs::path& f, const std::string& s) {
  fs::create_directories(f.parent_path());
  std::ofstream(f, std::ios::binary) << s;
}

}  // namespace

std::string vary_code(std::string_view code, int i) {
  std::string out;
  out.reserve(code.size() + code.size() / 4);
  const std::string suffix = "_" + std::to_string(i);
  for (size_t at = 0, n; at < code.size(); at += n) {
    n = 1;
    if (ident_start(code[at])) {
      while (at + n < code.size() && ident_char(code[at + n])) ++n;
      out.append(code.substr(at, n));
      if (!keywords().count(code.substr(at, n))) out += suffix;
    } else if (digit(code[at])) {
      while (at + n < code.size() && digit(code[at + n])) ++n;
      add_number(code.substr(at, n), i, out);
    } else {
      out += code[at];
    }
  }
  return out;
}

std::string vary_markdown(std::string_view markdown, int i) {
  std::string out;
  out.reserve(markdown.size() * 5 / 4);
  bool in_fence = false;
  for (std::string_view line : split_lines(markdown)) {
    std::string_view trimmed = line;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    const bool fence = trimmed.substr(0, 3) == "```";
    if (fence && !in_fence)
      out += vary_fence_line(line, i);
    else if (in_fence && !fence)
      out += vary_code(line, i);
    else if (fence || line.find("](") != std::string_view::npos || line.find('<') != std::string_view::npos ||
             line.find('{') != std::string_view::npos)
      out.append(line);  // links, raw HTML and attributes name real files and ids
    else
      out += vary_prose(line, i);
    out += '\n';
    if (fence) in_fence = !in_fence;
  }
  return out;
}

std::string vary_trace(const std::string& json_text, int i) {
  nlohmann::json t = nlohmann::json::parse(json_text);
  auto vary = [&](nlohmann::json& v) {
    if (v.is_string()) v = vary_code(v.get<std::string>(), i);
  };
  vary(t["source"]);
  t["source_name"] = vary_file_name(t["source_name"].get<std::string>(), i);
  t["example"] = t["example"].get<std::string>() + "_" + std::to_string(i);
  for (auto& line : t["raw"]) vary(line);
  for (auto& e : t["events"]) {
    for (const char* key : {"args", "result", "context"})
      if (e.contains(key)) vary(e[key]);
    for (const char* key : {"t_us", "end_us"})
      if (e.contains(key)) e[key] = e[key].get<long long>() + i;
  }
  if (t.contains("compile")) vary(t["compile"]["command"]);
  return t.dump(1);
}

namespace {

// One varied chapter: its folder's files, the page and each trace varied by i.
void write_chapter(const fs::path& dir, const fs::path& chapter, int i) {
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(chapter.parent_path())) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && name == "traces") {
      for (const auto& t : fs::directory_iterator(e.path()))
        write(dir / "traces" / vary_file_name(t.path().filename().string(), i),
              vary_trace(read_file(t.path(), "bench"), i));
    } else if (e.is_directory()) {
      fs::copy(e.path(), dir / name, fs::copy_options::recursive);
    } else if (e.path() != chapter) {
      fs::copy_file(e.path(), dir / name);
    }
  }
  write(dir / "index.md", vary_markdown(read_file(chapter, "bench"), i));
}

const char* const kPython = R"(import csv
from pathlib import Path

def load_rows(path, limit=100):
    rows = []
    with open(path) as f:
        for n, row in enumerate(csv.DictReader(f)):
            if n >= limit:
                break
            rows.append({k: v.strip() for k, v in row.items()})
    return rows

if __name__ == "__main__":
    table = load_rows(Path("data/scores.csv"), limit=25)
    print(len(table), "rows; mean", sum(float(r["score"]) for r in table) / len(table))
)";

const char* const kShell = R"(python3 -m venv .venv
source .venv/bin/activate
pip install pandas==2.1.4 matplotlib==3.8.2
python3 lesson.py --rows 25 --out results/run-1.csv
ls -l results/ | head -n 5
)";

// A lesson as Python textbooks write them: prose, a numbered Python listing, tabs of shell
// commands per system, admonitions and a collapsible solution.
std::string textbook_page(int k, int pages) {
  char next[32];
  std::snprintf(next, sizeof next, "page-%03d.md", (k + 1) % pages);
  const std::string n = std::to_string(k);
  return "# Lesson " + n + ": reading data set " + n + "\n\n" +
         vary_prose("This lesson reads `scores_table` in " + n + " steps and plots `mean_score` for 25 students.", k) +
         " The next lesson is [lesson " + std::to_string(k + 1) + "](" + next + ").\n\n" +
         "!!! note \"Before you start\"\n    " + vary_prose("Install Python 3.11 and `pandas` 2.1 first.", k) +
         "\n\n## Loading the data\n\n```python linenums=\"1\" hl_lines=\"4 5\" title=\"lesson_" + n + ".py\"\n" +
         vary_code(kPython, k) + "```\n\n## Running it\n\n=== \"Linux\"\n\n    ```bash\n" +
         indent(vary_code(kShell, k), "    ") + "    ```\n\n=== \"Windows\"\n\n    ```console\n" +
         indent(vary_code("> py -m venv .venv\n> .venv\\Scripts\\activate\n> py lesson.py --rows 25\n", k), "    ") +
         "    ```\n\n??? tip \"Solution\"\n    " + vary_prose("Use `load_rows` with `limit` set to 10.", k) +
         "\n\n## Exercises\n\n1. Change `limit` and run it again.\n2. Plot the scores.\n\n"
         "| Step | Command |\n|------|---------|\n| 1 | `python3 lesson.py` |\n";
}

// Sections of `per_section` entries: with navigation.prune a page lists its own section's
// entries and one link per other section.
std::string nav_sections(const std::vector<std::string>& pages, const std::string& part, size_t per_section) {
  std::string yml;
  for (size_t s = 0; s < pages.size(); s += per_section) {
    yml += "  - \"" + part + " " + std::to_string(s / per_section + 1) + "\":\n";
    for (size_t p = s; p < pages.size() && p < s + per_section; ++p)
      yml += "      - \"" + part + " page " + std::to_string(p) + "\": " + pages[p] + "\n";
  }
  return yml;
}

const char* const kBenchConfig =
    "docs_dir: docs\nuse_directory_urls: false\ntheme:\n  name: material\n  features:\n"
    "    - navigation.prune\n    - content.code.copy\nmarkdown_extensions:\n  - admonition\n"
    "  - pymdownx.details\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n"
    "  - pymdownx.highlight\n  - md_in_html\n  - attr_list\n  - toc:\n      permalink: true\n";

}  // namespace

BenchBook make_bench_book(const fs::path& root, const fs::path& chapter, int chapters, int textbook_pages) {
  fs::remove_all(root);
  BenchBook b{root / "mkdocs.yml", root / "docs", chapters, textbook_pages};
  write(b.docs / "index.md", "# Benchmark book\n");
  write(b.docs / "sims/shared-mem-race/main.html", "<!doctype html><title>sim</title>\n");
  std::vector<std::string> chapter_pages, lessons;
  for (int i = 0; i < chapters; ++i) {
    char dir[32];
    std::snprintf(dir, sizeof dir, "chapters/%04d", i);
    write_chapter(b.docs / dir, chapter, i);
    chapter_pages.push_back(std::string(dir) + "/index.md");
  }
  for (int k = 0; k < textbook_pages; ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "textbook/page-%03d.md", k);
    write(b.docs / name, textbook_page(k, textbook_pages));
    lessons.push_back(name);
  }
  write(b.config, std::string("site_name: Benchmark book\n") + kBenchConfig + "nav:\n  - Home: index.md\n" +
                      nav_sections(chapter_pages, "Part", 50) + nav_sections(lessons, "Lessons", 25));
  return b;
}

fs::path make_nav_book(const fs::path& root, const fs::path& chapter, int entries) {
  fs::remove_all(root);
  const fs::path docs = root / "docs";
  write(docs / "sims/shared-mem-race/main.html", "<!doctype html><title>sim</title>\n");
  fs::create_directories(docs / "chapters/07");
  fs::copy(chapter.parent_path(), docs / "chapters/07", fs::copy_options::recursive);
  std::vector<std::string> pages{"chapters/07/index.md"};
  for (int p = 1; p < entries; ++p) {
    char name[32];
    std::snprintf(name, sizeof name, "more/p%04d.md", p);
    write(docs / name, "# Page " + std::to_string(p) + "\n");
    pages.push_back(name);
  }
  write(root / "mkdocs.yml",
        std::string("site_name: Nav size\n") + kBenchConfig + "nav:\n" + nav_sections(pages, "Part", 25));
  return root / "mkdocs.yml";
}

}  // namespace book
