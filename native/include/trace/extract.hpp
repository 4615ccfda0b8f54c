// The chapter is the source of truth for the examples: every fenced C block whose info
// string carries title="<name>.c" is one program, compiled exactly as the reader sees it.
#pragma once

#include <string>
#include <vector>

namespace trace {

struct CodeBlock {
  std::string name;  // "sysv_parent_child.c"
  std::string stem;  // "sysv_parent_child"
  std::string code;  // the block's lines, each ending in '\n', fence indentation removed
  int first_line = 0;  // markdown line (1-based) of the block's first code line
};

// `source` names the markdown in error messages ("index.md:47: ..."). Throws
// std::runtime_error for an unterminated fence or two blocks with the same title.
std::vector<CodeBlock> extract_c_blocks(const std::string& markdown, const std::string& source);

}  // namespace trace
