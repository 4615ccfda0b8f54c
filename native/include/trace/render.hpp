// Renders a recorded trace (the JSON trace_record writes) as the HTML fragment the site
// generator places right under the example's code block.
#pragma once

#include <string>

#include "text.hpp"

namespace trace {

// A swim-lane sequence diagram per process as inline SVG (no JS needed), compiler
// warnings, stdout, the raw log in a <details> block and the provenance. `source_id` is
// the id of the code block element; its lines are <span class="line" id="<source_id>-L<n>">,
// and every event that knows its line links there (href and data-line) so trace.js can
// highlight the line on hover/focus. Every event is keyboard-focusable. All text from the
// trace is escaped. Throws std::runtime_error with a clear message if the JSON is malformed.
std::string render_html(const std::string& json_text, const std::string& source_id);

// The one escaping rule of the book (text.hpp), also used for the SVG.
using book::escape_html;

}  // namespace trace
