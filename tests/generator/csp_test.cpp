// The page's Content-Security-Policy: exact hashes of what an author wrote inline, the origins
// of what they load from other hosts, and nothing else beyond the theme's self-only policy.
#include <catch2/catch.hpp>

#include "csp.hpp"

TEST_CASE("a CSP hash is the base64 SHA-256 of the exact text", "[csp]") {
  // Computed independently, once, with:
  //   printf '%s' '.mascot { width: 80px; }' | openssl dgst -sha256 -binary | base64
  CHECK(book::csp_hash(".mascot { width: 80px; }") == "'sha256-K3jebn5jO3ogEuOzV7Uip0o7MXvo9+mnCeknrMgCQrU='");
  //   printf '%s' '' | openssl dgst -sha256 -binary | base64
  CHECK(book::csp_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  CHECK(book::csp_hash(".mascot { width: 80px;}") != book::csp_hash(".mascot { width: 80px; }"));
}

TEST_CASE("an external URL's origin is scheme and host, site URLs have none", "[csp]") {
  CHECK(book::url_origin("https://www.YouTube.com/embed/x?y=1") == "https://www.youtube.com");
  CHECK(book::url_origin("http://example.org:8080/a") == "http://example.org:8080");
  CHECK(book::url_origin("//cdn.example.net/x.js") == "https://cdn.example.net");
  CHECK(book::url_origin("https://user:pw@host.example/x") == "https://host.example");
  CHECK(book::url_origin("img/p.png").empty());
  CHECK(book::url_origin("/sims/x.html").empty());
  CHECK(book::url_origin("data:image/png;base64,xx").empty());
  CHECK(book::url_origin("javascript:alert(1)").empty());
  // A host that would break out of the policy's syntax is never allowed.
  CHECK(book::url_origin("https://evil.example;script-src *").empty());
  CHECK(book::url_origin("https://a b").empty());
}

TEST_CASE("each tag's external URL goes to the directive that governs it", "[csp]") {
  CHECK(book::csp_directive_for("iframe", "src") == "frame-src");
  CHECK(book::csp_directive_for("IMG", "src") == "img-src");
  CHECK(book::csp_directive_for("script", "src") == "script-src");
  CHECK(book::csp_directive_for("video", "src") == "media-src");
  CHECK(book::csp_directive_for("link", "href") == "style-src");
  CHECK(book::csp_directive_for("a", "href").empty());  // following a link is not loading it
}

TEST_CASE("a page's policy is the theme's self-only policy plus that page's sources", "[csp]") {
  const std::string plain = book::page_policy({});
  CHECK(plain.find("script-src 'self';") != std::string::npos);
  CHECK(plain.find("style-src 'self';") != std::string::npos);
  CHECK(plain.find("object-src 'none'") != std::string::npos);
  CHECK(plain.find("unsafe-inline") == std::string::npos);
  const std::string page =
      book::page_policy({"style-src 'sha256-abc='", "style-src 'unsafe-hashes'", "frame-src https://www.youtube.com"});
  CHECK(page.find("style-src 'self' 'sha256-abc=' 'unsafe-hashes';") != std::string::npos);
  CHECK(page.find("frame-src 'self' https://www.youtube.com;") != std::string::npos);
  CHECK(page.find("script-src 'self';") != std::string::npos);  // scripts stay self-only
}
