// The page's Content-Security-Policy. What the generator and the theme add is served from the
// site itself, so the policy is self-only; what an author wrote into a page's raw HTML (an
// inline <style>, a style= attribute, an iframe from another host) is allowed on that page
// only, by the hash of its exact text or by its origin, so injected code still does not run.
#pragma once
#include <set>
#include <string>
#include <string_view>

namespace book {

// "'sha256-<base64>'", the CSP source that allows exactly this inline text.
std::string csp_hash(std::string_view text);

// "https://www.youtube.com" for "https://www.youtube.com/embed/x"; empty for a URL inside the
// site (relative, root-relative) or one with a scheme other than http(s).
std::string url_origin(std::string_view url);

// The CSP directive an external URL in this tag/attribute needs ("frame-src" for an iframe's
// src); empty when CSP does not restrict it (a link's href is navigation).
std::string csp_directive_for(std::string_view tag, std::string_view attribute);

// The policy for one page: the theme's self-only directives plus the page's sources, each
// written as "directive source" ("style-src 'sha256-...'", "frame-src https://host").
std::string page_policy(const std::set<std::string>& page_sources);

}  // namespace book
