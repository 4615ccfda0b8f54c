// How much the node-type table walk (highlight.cpp) saves against running the grammar's
// highlights.scm with a tree-sitter query cursor, the way highlighting used to work. Both
// colour the same code after the same parse; the figures are CPU time, the fastest of five
// trials of each, so other load on the machine disturbs them less. The reference stops at the per-byte classes while
// the walk also writes the HTML, so the ratio errs against the walk.
//
// Run: cmake --build build --target bench-highlight
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "fence.hpp"
#include "highlight.hpp"
#include "line_regex.hpp"
#include "text.hpp"

extern "C" const TSLanguage* tree_sitter_c();
extern "C" const TSLanguage* tree_sitter_python();

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// A compiled highlights.scm with the #match?/#eq? tests its patterns carry.
struct Reference {
  struct Test {
    uint32_t capture;
    bool negate;
    std::string text;
    std::optional<book::LineRegex> re;
  };
  TSQuery* query = nullptr;
  std::vector<std::vector<Test>> tests;  // by pattern

  Reference(const TSLanguage* language, const std::string& source) {
    uint32_t offset = 0;
    TSQueryError error = TSQueryErrorNone;
    query = ts_query_new(language, source.data(), static_cast<uint32_t>(source.size()), &offset, &error);
    if (!query) throw std::runtime_error("highlights.scm does not compile at byte " + std::to_string(offset));
    for (uint32_t p = 0; p < ts_query_pattern_count(query); ++p) tests.push_back(read_tests(p));
  }
  ~Reference() { ts_query_delete(query); }
  Reference(const Reference&) = delete;
  Reference& operator=(const Reference&) = delete;

  std::vector<Test> read_tests(uint32_t pattern) const {
    std::vector<Test> out;
    uint32_t n = 0;
    const TSQueryPredicateStep* s = ts_query_predicates_for_pattern(query, pattern, &n);
    auto str = [&](uint32_t id) {
      uint32_t len = 0;
      const char* chars = ts_query_string_value_for_id(query, id, &len);
      return std::string(chars, len);
    };
    for (uint32_t i = 0; i < n;) {  // each predicate: its steps up to a Done step
      uint32_t j = i;
      while (j < n && s[j].type != TSQueryPredicateStepTypeDone) ++j;
      if (j - i == 3 && s[i + 1].type == TSQueryPredicateStepTypeCapture &&
          s[i + 2].type == TSQueryPredicateStepTypeString) {
        const std::string op = str(s[i].value_id), arg = str(s[i + 2].value_id);
        const bool match = op.find("match") != std::string::npos;
        out.push_back({s[i + 1].value_id, op.compare(0, 4, "not-") == 0, arg,
                       match ? std::optional<book::LineRegex>(book::LineRegex(arg)) : std::nullopt});
      }
      i = j + 1;
    }
    return out;
  }

  bool holds(const TSQueryMatch& m, std::string_view code) const {
    for (const Test& t : tests[m.pattern_index])
      for (uint16_t k = 0; k < m.capture_count; ++k) {
        if (m.captures[k].index != t.capture) continue;
        const uint32_t b = ts_node_start_byte(m.captures[k].node), e = ts_node_end_byte(m.captures[k].node);
        const std::string text(code.substr(b, e - b));
        if ((t.re ? std::regex_search(text, t.re->on(text)) : text == t.text) == t.negate) return false;
      }
    return true;
  }

  // The capture that colours each byte, as the query cursor reports them (later overwrites).
  std::vector<int> classify(TSParser* parser, std::string_view code) const {
    std::vector<int> cls(code.size(), -1);
    TSTree* tree = ts_parser_parse_string(parser, nullptr, code.data(), static_cast<uint32_t>(code.size()));
    TSQueryCursor* cursor = ts_query_cursor_new();
    ts_query_cursor_exec(cursor, query, ts_tree_root_node(tree));
    TSQueryMatch match;
    uint32_t index = 0;
    while (ts_query_cursor_next_capture(cursor, &match, &index)) {
      if (!holds(match, code)) continue;
      const TSNode node = match.captures[index].node;
      const uint32_t e = std::min<uint32_t>(ts_node_end_byte(node), static_cast<uint32_t>(code.size()));
      for (uint32_t i = ts_node_start_byte(node); i < e; ++i) cls[i] = static_cast<int>(match.captures[index].index);
    }
    ts_query_cursor_delete(cursor);
    ts_tree_delete(tree);
    return cls;
  }
};

void compare(const char* name, const TSLanguage* language, const char* lang, const std::string& query,
             const std::vector<std::string>& blocks, int rounds) {
  const Reference reference(language, query);
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, language);
  book::Highlighter walk;
  size_t bytes = 0, sink = 0;
  for (const auto& b : blocks) bytes += b.size();
  // Each way in turn, five times; the fastest of each counts (other load only adds time).
  auto timed = [&](auto&& one_block) {
    const double t = cpu_seconds();
    for (int r = 0; r < rounds; ++r)
      for (const auto& b : blocks) sink += one_block(b);
    return cpu_seconds() - t;
  };
  double parse = 1e9, cursor = 1e9, table = 1e9;
  for (int trial = 0; trial < 5; ++trial) {
    parse = std::min(parse, timed([&](const std::string& b) {
                       TSTree* tree =
                           ts_parser_parse_string(parser, nullptr, b.data(), static_cast<uint32_t>(b.size()));
                       const size_t end = ts_node_end_byte(ts_tree_root_node(tree));
                       ts_tree_delete(tree);
                       return end;
                     }));
    cursor = std::min(cursor, timed([&](const std::string& b) { return reference.classify(parser, b).size(); }));
    table = std::min(table, timed([&](const std::string& b) { return walk.render(b, lang, {}, "x").size(); }));
  }
  std::printf(
      "%s (%zu blocks, %zu bytes, %d rounds, fastest of 5):\n  parse only %.3f s\n  query cursor %.3f s (%.3f s beyond "
      "parsing)\n"
      "  table walk + HTML %.3f s (%.3f s beyond parsing)\n  walk is %.2fx as fast in all, %.2fx beyond parsing\n",
      name, blocks.size(), bytes, rounds, parse, cursor, cursor - parse, table, table - parse, cursor / table,
      (cursor - parse) / (table - parse));
  ts_parser_delete(parser);
  if (sink == 0) std::puts("(nothing rendered)");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s CHAPTER.md C_HIGHLIGHTS.scm PYTHON_FILE PYTHON_HIGHLIGHTS.scm\n", argv[0]);
    return 2;
  }
  int unclosed = 0;
  std::vector<std::string> c_blocks;
  for (auto& b : book::fenced_blocks(book::read_file(argv[1], argv[1]), unclosed))
    if (book::Highlighter::grammar(b.info.lang) == "c") c_blocks.push_back(b.code);
  compare("the chapter's C blocks", tree_sitter_c(), "c", book::read_file(argv[2], argv[2]), c_blocks, 400);
  const std::string py = book::read_file(argv[3], argv[3]);
  size_t cut = 0;
  for (int line = 0; line < 400 && cut != std::string::npos; ++line) cut = py.find('\n', cut + 1);
  compare("400 lines of Python", tree_sitter_python(), "python", book::read_file(argv[4], argv[4]), {py.substr(0, cut)},
          100);
}
