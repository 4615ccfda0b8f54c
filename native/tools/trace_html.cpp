// Prints the HTML fragment the generator would insert for one trace file; for looking at a
// re-recorded trace without building the whole site.
#include <fstream>
#include <iostream>
#include <sstream>

#include "trace/render.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: trace_html trace.json code-block-id\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << argv[1] << ": cannot read\n";
    return 1;
  }
  std::stringstream s;
  s << in.rdbuf();
  try {
    std::cout << trace::render_html(s.str(), argv[2]);
  } catch (const std::exception& e) {
    std::cerr << argv[1] << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
