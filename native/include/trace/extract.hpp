// The chapter is the source of truth for the examples: every fenced C block whose info
// string carries a title "<name>.c" is one program, compiled exactly as the reader sees it.
// Fences are read by the generator's own rules (fence.hpp), so the pages and the recorder
// always agree on which blocks are programs.
#pragma once

#include <string>
#include <vector>

#include "fence.hpp"

namespace trace {

using book::CodeBlock;

// "sysv_parent_child.c" -> "sysv_parent_child": the trace's file name and the program's.
std::string stem_of(const CodeBlock& block);

// `source` names the markdown in error messages ("index.md:47: ..."). Throws
// std::runtime_error for an unterminated fence or two blocks with the same title.
std::vector<CodeBlock> extract_c_blocks(const std::string& markdown, const std::string& source);

}  // namespace trace
