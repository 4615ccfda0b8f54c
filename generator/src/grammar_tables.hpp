// The node-type tables highlighting walks with, one per grammar, generated at build time
// from each grammar's highlights.scm by generator/tools/highlight_tables.py.
#pragma once
#include <cstddef>

struct TSLanguage;

namespace book {

// One node on a rule's path from its outermost ancestor down to the node it colours.
struct HighlightStep {
  const char* type;   // node type ("identifier") or anonymous token ("if")
  bool named;         // false for tokens written as strings in the query
  const char* field;  // the field this node sits in within the step before (nullptr: any)
};

// "A node reached by `path` whose text passes `test` is a `capture`" (later rules win).
struct HighlightRule {
  const HighlightStep* path;
  size_t length;        // the coloured node is path[length - 1]
  const char* capture;  // "function.builtin"
  const char* test;     // "" (none), "match", "not-match", "eq" or "not-eq" on the node's text
  const char* arg;      // the regular expression or text of the test
};

struct GrammarTable {
  const char* name;  // "python": the grammar, not an alias
  const TSLanguage* (*language)();
  const HighlightRule* rules;
  size_t count;
};

extern const GrammarTable kGrammarTables[];
extern const size_t kGrammarTableCount;

}  // namespace book
