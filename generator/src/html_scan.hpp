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

}  // namespace book
