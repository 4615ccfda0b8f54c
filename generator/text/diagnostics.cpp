#include "diagnostics.hpp"

namespace book {

std::string Diagnostic::format() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += severity == Severity::Error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void Diagnostics::error(std::string file, int line, std::string message) {
  items_.push_back({Diagnostic::Severity::Error, std::move(file), line, std::move(message)});
}

void Diagnostics::warning(std::string file, int line, std::string message) {
  items_.push_back({Diagnostic::Severity::Warning, std::move(file), line, std::move(message)});
}

bool Diagnostics::has_errors() const {
  for (const auto& d : items_)
    if (d.severity == Diagnostic::Severity::Error) return true;
  return false;
}

void Diagnostics::merge(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void fail(const std::string& file, int line, const std::string& message) {
  throw BuildError({Diagnostic::Severity::Error, file, line, message});
}

}  // namespace book
