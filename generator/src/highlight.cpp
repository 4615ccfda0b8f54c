#include "highlight.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <utility>

#include "grammar_tables.hpp"
#include "line_regex.hpp"
#include "text.hpp"

namespace book {
namespace {

// Fence language words as Pygments knows them (plus a few file extensions authors write),
// to the grammar table that colours them.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"c", "c"},
    {"h", "c"},
    {"cpp", "cpp"},
    {"c++", "cpp"},
    {"cxx", "cpp"},
    {"cc", "cpp"},
    {"hpp", "cpp"},
    {"hxx", "cpp"},
    {"hh", "cpp"},
    {"python", "python"},
    {"py", "python"},
    {"python3", "python"},
    {"py3", "python"},
    {"bash", "bash"},
    {"sh", "bash"},
    {"shell", "bash"},
    {"zsh", "bash"},
    {"ksh", "bash"},
    {"console", "bash"},
    {"shell-session", "bash"},
    {"javascript", "javascript"},
    {"js", "javascript"},
    {"jsx", "javascript"},
    {"typescript", "typescript"},
    {"ts", "typescript"},
    {"json", "json"},
    {"json-object", "json"},
    {"yaml", "yaml"},
    {"yml", "yaml"},
    {"html", "html"},
    {"css", "css"},
    {"java", "java"},
    {"go", "go"},
    {"golang", "go"},
    {"rust", "rust"},
    {"rs", "rust"},
    {"sql", "sql"},
    {"postgresql", "sql"},
    {"mysql", "sql"},
};

// A rule with its names resolved in one grammar: ancestors outermost first, the coloured node
// last, each with the field it sits in (0: any).
struct Rule {
  std::vector<std::pair<TSSymbol, TSFieldId>> path;
  int cls = 0;
  enum class Test { None, Match, Eq } test = Test::None;
  bool negate = false;
  std::string text;
  std::optional<LineRegex> re;
};

// One grammar's table, compiled once and shared by every thread.
struct Table {
  const TSLanguage* language = nullptr;
  std::vector<Rule> rules;
  std::vector<std::vector<uint32_t>> by_symbol;  // symbol -> rules to try, the winner first
  std::vector<std::string> open_tags;            // rule.cls -> <span class="tok-keyword">
};

int class_index(Table& t, std::string_view capture) {
  // "function.builtin" -> "tok-function": the theme styles the families.
  const std::string tag = "<span class=\"tok-" + std::string(capture.substr(0, capture.find('.'))) + "\">";
  const auto it = std::find(t.open_tags.begin(), t.open_tags.end(), tag);
  if (it != t.open_tags.end()) return static_cast<int>(it - t.open_tags.begin());
  t.open_tags.push_back(tag);
  return static_cast<int>(t.open_tags.size()) - 1;
}

// Names the grammar does not have (a C rule the C++ grammar lacks) drop the rule.
std::optional<Rule> resolve(Table& t, const HighlightRule& r) {
  Rule rule;
  for (size_t i = 0; i < r.length; ++i) {
    const HighlightStep& s = r.path[i];
    const TSSymbol sym = ts_language_symbol_for_name(t.language, s.type, std::strlen(s.type), s.named);
    const TSFieldId field = s.field ? ts_language_field_id_for_name(t.language, s.field, std::strlen(s.field)) : 0;
    if (sym == 0 || (s.field && field == 0)) return std::nullopt;
    rule.path.emplace_back(sym, field);
  }
  rule.cls = class_index(t, r.capture);
  const std::string_view test = r.test;
  rule.negate = test.substr(0, 4) == "not-";
  if (test.empty()) return rule;
  rule.test = test.find("match") != std::string_view::npos ? Rule::Test::Match : Rule::Test::Eq;
  rule.text = r.arg;
  if (rule.test == Rule::Test::Match) rule.re.emplace(rule.text);
  return rule;
}

Table compile(const GrammarTable& g) {
  Table t;
  t.language = g.language();
  for (size_t i = 0; i < g.count; ++i)
    if (auto rule = resolve(t, g.rules[i])) t.rules.push_back(std::move(*rule));
  t.by_symbol.resize(ts_language_symbol_count(t.language));
  for (uint32_t i = 0; i < t.rules.size(); ++i) t.by_symbol[t.rules[i].path.back().first].push_back(i);
  // A rule naming more ancestors is more specific; among equals the later one wins.
  for (auto& candidates : t.by_symbol)
    std::stable_sort(candidates.begin(), candidates.end(), [&](uint32_t a, uint32_t b) {
      const size_t la = t.rules[a].path.size(), lb = t.rules[b].path.size();
      return la != lb ? la > lb : a > b;
    });
  return t;
}

const Table* table_for(std::string_view grammar) {
  static const std::unique_ptr<std::once_flag[]> once(new std::once_flag[kGrammarTableCount]);
  static std::vector<Table> tables(kGrammarTableCount);
  for (size_t i = 0; i < kGrammarTableCount; ++i) {
    if (grammar != kGrammarTables[i].name) continue;
    std::call_once(once[i], [i] { tables[i] = compile(kGrammarTables[i]); });
    return &tables[i];
  }
  return nullptr;
}

// The ancestors of the node being visited, outermost first, each with the field it sits in.
using Ancestry = std::vector<std::pair<TSSymbol, TSFieldId>>;

bool matches(const Rule& r, const Ancestry& stack, TSNode node, std::string_view code) {
  if (r.path.size() > stack.size()) return false;
  for (size_t i = 0; i < r.path.size(); ++i) {
    const auto& want = r.path[r.path.size() - 1 - i];
    const auto& have = stack[stack.size() - 1 - i];
    if (want.first != have.first || (want.second && want.second != have.second)) return false;
  }
  if (r.test == Rule::Test::None) return true;
  const uint32_t b = ts_node_start_byte(node), e = std::min<uint32_t>(ts_node_end_byte(node), code.size());
  const std::string text(code.substr(b, e > b ? e - b : 0));
  const bool ok = r.test == Rule::Test::Eq ? text == r.text : std::regex_search(text, r.re->on(text));
  return ok != r.negate;
}

void paint(const Table& t, const Ancestry& stack, TSNode node, std::string_view code, std::vector<int>& cls) {
  const TSSymbol symbol = stack.back().first;
  if (symbol >= t.by_symbol.size()) return;  // ERROR nodes (symbol 65535) have no colour
  for (uint32_t i : t.by_symbol[symbol]) {
    if (!matches(t.rules[i], stack, node, code)) continue;
    const uint32_t b = ts_node_start_byte(node), e = std::min<uint32_t>(ts_node_end_byte(node), code.size());
    std::fill(cls.begin() + std::min<uint32_t>(b, e), cls.begin() + e, t.rules[i].cls);
    return;
  }
}

// For each byte, the class that colours it (-1: none). The tree is walked once, parents before
// children, so an inner node's colour overwrites the one around it (an escape in a string).
std::vector<int> classify(TSParser* parser, const Table& t, std::string_view code) {
  std::vector<int> cls(code.size(), -1);
  // A grammar of an ABI this libtree-sitter cannot load is refused here: its code stays plain.
  if (!ts_parser_set_language(parser, t.language)) return cls;
  TSTree* tree = ts_parser_parse_string(parser, nullptr, code.data(), static_cast<uint32_t>(code.size()));
  if (!tree) return cls;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  Ancestry stack;
  for (bool more = true; more;) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    stack.emplace_back(ts_node_symbol(node), ts_tree_cursor_current_field_id(&cursor));
    paint(t, stack, node, code, cls);
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    stack.pop_back();  // a leaf: done with it, on to its next sibling or an ancestor's
    while (more && !ts_tree_cursor_goto_next_sibling(&cursor)) {
      more = ts_tree_cursor_goto_parent(&cursor);
      if (more) stack.pop_back();
    }
  }
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  return cls;
}

// The start of line `n`'s span: its id, its mark and the number the theme shows.
void open_line(std::string& out, const HighlightOptions& o, const std::string& prefix, int n, bool marked) {
  const std::string id = prefix + "-L" + std::to_string(n);
  out += marked ? "<span class=\"line hll\" id=\"" : "<span class=\"line\" id=\"";
  out += id + "\">";
  if (!o.linenums) return;
  const std::string shown = std::to_string(o.linenums_start + n - 1);
  if (o.anchor_linenums)
    out +=
        "<a class=\"lineno\" href=\"#" + id + "\" data-n=\"" + shown + "\" tabindex=\"-1\" aria-hidden=\"true\"></a>";
  else
    out += "<span class=\"lineno\" data-n=\"" + shown + "\" aria-hidden=\"true\"></span>";
}

}  // namespace

std::vector<int> parse_hl_lines(std::string_view spec, std::string& error) {
  std::vector<int> lines;
  std::istringstream words{std::string(spec)};
  for (std::string word; words >> word;) {
    const size_t dash = word.find('-');
    const std::string first = word.substr(0, dash), last = dash == std::string::npos ? first : word.substr(dash + 1);
    char* end_first = nullptr;
    char* end_last = nullptr;
    const long a = std::strtol(first.c_str(), &end_first, 10), b = std::strtol(last.c_str(), &end_last, 10);
    if (first.empty() || last.empty() || *end_first || *end_last || a < 1 || b < a || b > 100000) {
      error = "hl_lines: \"" + word + "\" is not a line number or range (write e.g. hl_lines=\"2 4-6\")";
      continue;
    }
    for (long l = a; l <= b; ++l) lines.push_back(static_cast<int>(l));
  }
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  return lines;
}

Highlighter::Highlighter() : parser_(ts_parser_new()) {}

Highlighter::~Highlighter() {
  ts_parser_delete(parser_);
}

std::string_view Highlighter::grammar(std::string_view lang) {
  for (const auto& [alias, name] : kAliases)
    if (alias == lang) return name;
  return {};
}

std::string Highlighter::render(std::string_view code, std::string_view lang, const HighlightOptions& options,
                                const std::string& prefix) {
  if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
  const Table* t = supports(lang) ? table_for(grammar(lang)) : nullptr;
  const std::vector<int> cls = t ? classify(parser_, *t, code) : std::vector<int>(code.size(), -1);
  std::string out;
  out.reserve(code.size() * 3);
  auto marked = options.hl_lines.begin();
  int line = 1;
  size_t i = 0;
  while (true) {
    while (marked != options.hl_lines.end() && *marked < line) ++marked;
    open_line(out, options, prefix, line, marked != options.hl_lines.end() && *marked == line);
    while (i < code.size() && code[i] != '\n') {
      size_t j = i;
      while (j < code.size() && code[j] != '\n' && cls[j] == cls[i]) ++j;
      if (cls[i] >= 0) {
        out += t->open_tags[cls[i]];
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
