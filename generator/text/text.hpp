// Text helpers shared by every stage: reading files, UTF-8 checks, mojibake detection,
// and HTML escaping. Everything that reaches a page goes through escape_html unless it is
// Markdown output or the author's own raw HTML.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace book {

// Reads a whole file; throws BuildError naming the file when it cannot.
std::string read_file(const std::filesystem::path& path, const std::string& shown_name);

// Throws BuildError at the line of the first byte that is not valid UTF-8.
void check_utf8(std::string_view text, const std::string& shown_name);

// UTF-8 text that was decoded as Windows-1252 and encoded again ("â€™" for "’").
struct Mojibake {
  int line = 0;
  std::string found;     // the garbled characters as they are in the file
  std::string repaired;  // what the author almost certainly meant
};
std::vector<Mojibake> find_mojibake(std::string_view text);
std::string repair_mojibake(std::string_view text);

std::string escape_html(std::string_view s);                     // safe in text and in quoted attributes
void append_escaped_html(std::string& out, std::string_view s);  // the same, onto `out`

// Lower-case hexadecimal, two digits a byte: digests, and names made of any bytes.
std::string to_hex(std::string_view bytes);

// A URL for an href or src attribute, written as cmark-gfm writes it, so an element the
// generator writes itself links exactly like one cmark wrote: URL characters kept, & and '
// as entities, anything else (spaces, non-ASCII bytes) percent-encoded.
std::string escape_href(std::string_view url);

// True for a URL that names a scheme ("https:", "mailto:") or a host ("//cdn"): it points
// outside the book, so it is neither rewritten nor checked.
bool has_url_scheme(std::string_view url);

std::vector<std::string_view> split_lines(std::string_view text);  // without the '\n'

// Appends one code point as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// Decodes one code point at text[i], advancing i; returns U+FFFD on invalid input.
char32_t decode_utf8(std::string_view text, size_t& i);

}  // namespace book
