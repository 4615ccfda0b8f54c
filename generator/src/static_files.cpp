// The file side of `serve`, separate from live reload and the watcher: the path-safety rule
// and the live-reload injection are what a reviewer of this file must check, nothing else.
#include "static_files.hpp"

#include <httplib.h>

#include "live_reload.hpp"
#include "text.hpp"

namespace book {
namespace fs = std::filesystem;

const char* content_type_for(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string with_live_reload(std::string html) {
  const size_t at = html.rfind("</body>");
  html.insert(at == std::string::npos ? html.size() : at, kLiveReloadScriptTag);
  return html;
}

StaticReply static_reply(const fs::path& root, const std::string& url_path) {
  // httplib has decoded the path; refuse anything that climbs out of the output folder.
  const fs::path rel = fs::path(url_path).relative_path().lexically_normal();
  if (!rel.empty() && (*rel.begin() == ".." || rel.is_absolute())) return {403, "forbidden\n", "text/plain"};
  fs::path file = root / rel;
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    if (!url_path.empty() && url_path.back() != '/') return {301, "", "", url_path + "/"};
    file /= "index.html";
  }
  if (!fs::is_regular_file(file, ec)) {
    // The theme's 404 page, as a host such as GitHub Pages serves it; with live reload, since a
    // page open on a file that a rebuild removed must still learn about the next build.
    try {
      if (fs::is_regular_file(root / "404.html", ec))
        return {404, with_live_reload(read_file(root / "404.html", "404.html")), "text/html; charset=utf-8"};
    } catch (const std::exception&) {
      // removed between the check and the read: the plain answer below
    }
    return {404,
            "<!doctype html><title>Not found</title><h1>404: " + escape_html(url_path) + " is not in the site</h1>" +
                kLiveReloadScriptTag,
            "text/html; charset=utf-8"};
  }
  std::string body;
  try {
    body = read_file(file, file.string());
  } catch (const std::exception&) {
    return {404, "", ""};  // removed or replaced between the check and the read
  }
  if (file.extension() == ".html") body = with_live_reload(std::move(body));
  return {200, std::move(body), content_type_for(file.string())};
}

void add_static_routes(httplib::Server& server, const fs::path& root) {
  server.Get(R"(/.*)", [root](const httplib::Request& req, httplib::Response& res) {
    const StaticReply reply = static_reply(root, req.path);
    res.status = reply.status;
    if (!reply.location.empty()) res.set_header("Location", reply.location);
    if (!reply.content_type.empty()) res.set_content(reply.body, reply.content_type);
  });
}

}  // namespace book
