// The theme is plain files a user can override: templates/page.html and assets/.
// Templates use a mustache subset: {{name}} is escaped, {{{name}}} is inserted raw.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace book {

class Template {
 public:
  // Throws BuildError naming the template's file and line for an unknown or unclosed tag.
  static Template load(const std::filesystem::path& file, const std::string& shown_name);
  // The same from text already in memory (the built-in theme's).
  static Template parse(const std::string& text, const std::string& shown_name);
  std::string render(const std::map<std::string, std::string>& values) const;

  // The names a page template may use.
  static const std::vector<std::string>& known_names();

 private:
  struct Part {
    std::string text;  // literal text, or the variable name
    bool variable = false;
    bool raw = false;
  };
  std::vector<Part> parts_;
};

}  // namespace book
