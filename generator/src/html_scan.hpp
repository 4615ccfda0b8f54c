// Reads the attributes of the tags in an author's raw HTML (a MicroSim iframe, an anchor):
// their src/href are link-checked and their ids are link targets. This reads the author's
// input, never the HTML the generator wrote.
#pragma once
#include <functional>
#include <string_view>

namespace book {

// Calls fn(tag, attribute, value) for every attribute with a value, in order. Comments are
// skipped; unquoted values end at whitespace or '>'.
void for_each_attribute(std::string_view html,
                        const std::function<void(std::string_view, std::string_view, std::string_view)>& fn);

// Calls fn(tag, body) for every <script> and <style> element whose closing tag is in `html`,
// with the body exactly as written (what a CSP hash must cover). Empty bodies are skipped.
void for_each_script_or_style(std::string_view html, const std::function<void(std::string_view, std::string_view)>& fn);

// An attribute value as the browser reads it: the character references HTML authors put in
// attributes (&amp; &lt; &gt; &quot; &#39; &#NN; &#xNN;) decoded; others are left as written.
std::string decode_attribute(std::string_view value);

}  // namespace book
