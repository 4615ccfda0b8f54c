// A throwaway book on disk for tests: write files, build, read what came out.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "site.hpp"

struct TempBook {
  std::filesystem::path root;

  TempBook() {
    std::random_device rd;
    root = std::filesystem::temp_directory_path() /
           ("bookgen-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(root / "docs");
    write("mkdocs.yml", "site_name: Test book\ndocs_dir: docs\nuse_directory_urls: false\n");
    write("theme/templates/page.html",
          "<title>{{title}}</title><nav>{{{nav}}}</nav><main>{{{content}}}</main>{{{toc}}}{{{prev_next}}}");
  }
  ~TempBook() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }

  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static std::string read_abs(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  bool exists(const std::string& rel) const { return std::filesystem::exists(root / rel); }

  book::BuildReport build(const std::string& out = "out") const {
    return book::build_site({root / "mkdocs.yml", root / "theme", root / out, {}, 2});
  }

  // All diagnostics of a report, one formatted per line, for readable assertions.
  static std::string messages(const book::BuildReport& r) {
    std::string s;
    for (const auto& d : r.diagnostics.all()) s += d.format() + "\n";
    return s;
  }
};
