#include "csp.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <vector>

namespace book {

std::string csp_hash(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr))
    throw std::runtime_error("SHA-256 failed in libcrypto");
  // Base64 of 32 bytes is 44 characters; EVP_EncodeBlock adds the terminating NUL.
  unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(b64, digest, static_cast<int>(size));
  return "'sha256-" + std::string(reinterpret_cast<const char*>(b64), static_cast<size_t>(n)) + "'";
}

std::string url_origin(std::string_view url) {
  std::string lower(url.substr(0, std::min<size_t>(url.size(), 8)));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t host_start;
  std::string scheme;
  if (lower.rfind("https://", 0) == 0) {
    scheme = "https://", host_start = 8;
  } else if (lower.rfind("http://", 0) == 0) {
    scheme = "http://", host_start = 7;
  } else if (url.rfind("//", 0) == 0) {
    scheme = "https://", host_start = 2;  // protocol-relative: the site is served over https
  } else {
    return {};
  }
  const size_t host_end = std::min(url.find_first_of("/?#", host_start), url.size());
  std::string host(url.substr(host_start, host_end - host_start));
  host.erase(0, host.find('@') + 1);  // user:pass@ is not part of the origin
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  // A host that could break out of the policy's syntax is not allowed at all.
  const bool clean = !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
  return clean ? scheme + host : std::string();
}

std::string csp_directive_for(std::string_view tag, std::string_view attribute) {
  std::string t(tag);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (attribute == "src") {
    if (t == "iframe" || t == "frame") return "frame-src";
    if (t == "img" || t == "input") return "img-src";
    if (t == "script") return "script-src";
    if (t == "video" || t == "audio" || t == "source" || t == "track") return "media-src";
    if (t == "embed") return "object-src";
  }
  if (attribute == "poster" && t == "video") return "img-src";
  if (attribute == "href" && t == "link") return "style-src";
  return {};
}

std::string page_policy(const std::set<std::string>& page_sources) {
  // The theme's own directives, in the order they are written.
  const std::vector<std::pair<std::string, std::string>> base = {
      {"default-src", "'self'"}, {"script-src", "'self'"},  {"style-src", "'self'"}, {"img-src", "'self' data:"},
      {"font-src", "'self'"},    {"connect-src", "'self'"}, {"media-src", "'self'"}, {"frame-src", "'self'"},
      {"worker-src", "'self'"},  {"object-src", "'none'"},  {"base-uri", "'self'"},  {"form-action", "'self'"}};
  std::map<std::string, std::string> extra;
  for (const auto& s : page_sources) {
    const size_t sp = s.find(' ');
    if (sp != std::string::npos) extra[s.substr(0, sp)] += " " + s.substr(sp + 1);
  }
  std::string policy;
  for (const auto& [directive, sources] : base) {
    if (!policy.empty()) policy += "; ";
    std::string all = sources;
    const auto it = extra.find(directive);
    // object-src stays 'none' unless the page embeds something: then only what it embeds.
    if (it != extra.end()) all = (sources == "'none'" ? it->second.substr(1) : sources + it->second);
    policy += directive + " " + all;
  }
  return policy;
}

}  // namespace book
