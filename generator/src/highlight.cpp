#include "highlight.hpp"

#include <tree_sitter/api.h>

#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>
#include <vector>

#include "grammar_queries.hpp"
#include "line_regex.hpp"
#include "text.hpp"

extern "C" const TSLanguage* tree_sitter_c();

namespace book {
namespace {

// The query is immutable once compiled and is shared by every thread's cursor.
struct Predicate {
  uint32_t capture;
  bool negate;
  bool is_regex;
  std::string text;             // #eq? operand
  std::optional<LineRegex> re;  // #match? operand
};

struct CQuery {
  TSQuery* query = nullptr;
  std::vector<std::string> classes;                // capture index -> "tok-keyword"
  std::vector<std::vector<Predicate>> predicates;  // pattern index -> its #match?/#eq? tests
};

// The text predicates highlight queries use; others are ignored (they only narrow).
std::vector<Predicate> parse_predicates(const TSQuery* q, uint32_t pattern) {
  std::vector<Predicate> out;
  uint32_t n = 0;
  const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q, pattern, &n);
  auto str = [&](uint32_t id) {
    uint32_t len = 0;
    const char* s = ts_query_string_value_for_id(q, id, &len);
    return std::string(s, len);
  };
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i;
    while (j < n && steps[j].type != TSQueryPredicateStepTypeDone) ++j;
    if (j - i == 3 && steps[i].type == TSQueryPredicateStepTypeString &&
        steps[i + 1].type == TSQueryPredicateStepTypeCapture && steps[i + 2].type == TSQueryPredicateStepTypeString) {
      const std::string op = str(steps[i].value_id), arg = str(steps[i + 2].value_id);
      if (op == "match?" || op == "not-match?")
        out.push_back({steps[i + 1].value_id, op[0] == 'n', true, {}, LineRegex(arg)});
      else if (op == "eq?" || op == "not-eq?")
        out.push_back({steps[i + 1].value_id, op[0] == 'n', false, arg, {}});
    }
    i = j + 1;
  }
  return out;
}

bool predicates_hold(const CQuery& q, const TSQueryMatch& m, std::string_view code) {
  for (const auto& p : q.predicates[m.pattern_index]) {
    for (uint16_t k = 0; k < m.capture_count; ++k) {
      if (m.captures[k].index != p.capture) continue;
      const uint32_t b = ts_node_start_byte(m.captures[k].node), e = ts_node_end_byte(m.captures[k].node);
      const std::string text(code.substr(b, e - b));
      const bool ok = p.is_regex ? std::regex_search(text, p.re->on(text)) : text == p.text;
      if (ok == p.negate) return false;
    }
  }
  return true;
}

const CQuery& c_query() {
  static CQuery q;
  static std::once_flag once;
  std::call_once(once, [] {
    uint32_t err_offset = 0;
    TSQueryError err = TSQueryErrorNone;
    q.query = ts_query_new(tree_sitter_c(), kCHighlightsQuery, sizeof kCHighlightsQuery - 1, &err_offset, &err);
    if (!q.query)
      throw std::runtime_error("tree-sitter-c highlights.scm does not compile at byte " + std::to_string(err_offset));
    for (uint32_t i = 0; i < ts_query_capture_count(q.query); ++i) {
      uint32_t len = 0;
      const char* chars = ts_query_capture_name_for_id(q.query, i, &len);  // sets len: call first
      const std::string name(chars, len);
      // "function.special" -> "tok-function": the theme styles the families.
      q.classes.push_back("tok-" + name.substr(0, name.find('.')));
    }
    for (uint32_t p = 0; p < ts_query_pattern_count(q.query); ++p) q.predicates.push_back(parse_predicates(q.query, p));
  });
  return q;
}

}  // namespace

Highlighter::Highlighter() : parser_(ts_parser_new()) {
  ts_parser_set_language(parser_, tree_sitter_c());
}

Highlighter::~Highlighter() {
  ts_parser_delete(parser_);
}

bool Highlighter::supports(std::string_view lang) {
  return lang == "c" || lang == "h";
}

// For each byte, the capture that colours it (-1: none). Captures arrive by position, and
// for one node in pattern order: later ones overwrite, so an inner node beats the node around
// it and a later, more specific pattern beats "(identifier) @variable".
namespace {

std::vector<int> classify(TSParser* parser_, std::string_view code, const CQuery& q) {
  std::vector<int> cls(code.size(), -1);
  TSTree* tree = ts_parser_parse_string(parser_, nullptr, code.data(), static_cast<uint32_t>(code.size()));
  TSQueryCursor* cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, q.query, ts_tree_root_node(tree));
  TSQueryMatch match;
  uint32_t capture_index = 0;
  while (ts_query_cursor_next_capture(cursor, &match, &capture_index)) {
    if (!predicates_hold(q, match, code)) continue;
    const TSQueryCapture& cap = match.captures[capture_index];
    const uint32_t b = ts_node_start_byte(cap.node), e = std::min<uint32_t>(ts_node_end_byte(cap.node), code.size());
    for (uint32_t i = b; i < e; ++i) cls[i] = static_cast<int>(cap.index);
  }
  ts_query_cursor_delete(cursor);
  ts_tree_delete(tree);
  return cls;
}

}  // namespace

std::string Highlighter::render(std::string_view code, std::string_view lang, const std::string& prefix) {
  if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
  const CQuery* q = supports(lang) ? &c_query() : nullptr;
  const std::vector<int> cls = q ? classify(parser_, code, *q) : std::vector<int>(code.size(), -1);
  std::string out;
  out.reserve(code.size() * 3);
  int line = 1;
  size_t i = 0;
  while (true) {
    out += "<span class=\"line\" id=\"" + prefix + "-L" + std::to_string(line) + "\">";
    while (i < code.size() && code[i] != '\n') {
      size_t j = i;
      while (j < code.size() && code[j] != '\n' && cls[j] == cls[i]) ++j;
      if (cls[i] >= 0) {
        out += "<span class=\"" + q->classes[cls[i]] + "\">";
        out += escape_html(code.substr(i, j - i));
        out += "</span>";
      } else {
        out += escape_html(code.substr(i, j - i));
      }
      i = j;
    }
    out += "</span>";
    if (i >= code.size()) break;
    out += '\n';
    ++i;
    ++line;
  }
  return out;
}

}  // namespace book
