// What a browser gets from `generator serve` for an ordinary URL: the built site's files, with
// the live-reload script added to every HTML page (so open pages follow rebuilds) and nothing
// from outside the output folder. Kept apart from the server so the rules can be tested
// without a socket.
#pragma once
#include <filesystem>
#include <string>

namespace httplib {
class Server;
}

namespace book {

// Content-Type for a file name (by extension).
const char* content_type_for(const std::string& path);

struct StaticReply {
  int status = 200;
  std::string body;
  std::string content_type;   // empty: no body
  std::string location = {};  // for a redirect
};

// The reply for a URL path (already percent-decoded) under the site folder `root`: 403 for a
// path that climbs out of it, a 404 page that still live-reloads for a missing file, a
// folder's index.html for the folder, and for a folder named without its final '/' a redirect
// to it (as static servers do), so the page's relative links resolve from its folder.
StaticReply static_reply(const std::filesystem::path& root, const std::string& url_path);

// The page with the live-reload script before its last </body> (at the end without one).
std::string with_live_reload(std::string html);

// GET of every path not taken by a route added before: static_reply() from `root`.
void add_static_routes(httplib::Server& server, const std::filesystem::path& root);

}  // namespace book
