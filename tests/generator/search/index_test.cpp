// The index a build writes, searched the way the browser searches it: which section comes
// first, deep links, stems, and books that turn search off.
#include "search/index.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "temp_book.hpp"

using namespace book::search;

namespace {

struct Built {
  TempBook book;
  nlohmann::json manifest;

  explicit Built(const std::string& config_extra = "", const std::string& more_page = "") {
    book.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nuse_directory_urls: true\n" + config_extra);
    book.write("theme/templates/page.html", "<header>{{{search}}}</header><main>{{{content}}}</main>");
    book.write("docs/index.md", "# Home\n\nA book about memory that processes share.\n");
    book.write("docs/sysv.md",
               "# System V shared memory\n\nSegments live in the kernel.\n\n"
               "## Attaching with shmat\n\nCall `shmat()` to map the segment.\n\n"
               "## Cleaning up\n\n" +
                   std::string(300, ' ').replace(0, 0, "Long text on removal, detaching and many other things. ") +
                   "At the very end it names shmat once, among many words about other calls such as shmctl, "
                   "shmdt, semop, semget, msgsnd, msgrcv, ftok, ipcs and ipcrm, which take pages to explain.\n");
    book.write("docs/posix.md", "# POSIX\n\n## Mapping\n\nAttaching a mapping: shm_open, then mmap.\n");
    if (!more_page.empty()) book.write("docs/more.md", more_page);
    const auto r = book.build();
    INFO(TempBook::messages(r));
    REQUIRE(r.ok());
    if (book.exists("out/search/index.json")) manifest = nlohmann::json::parse(book.read("out/search/index.json"));
  }

  ShardReader reader() const {
    return ShardReader(manifest["shards"].get<std::string>(),
                       [this](const std::string& p) { return book.read("out/search/" + p); });
  }

  // The document's URL, from its chunk file.
  std::string url(uint32_t doc) const {
    const size_t chunk = manifest["chunk"], group = manifest["group"];
    const std::string text =
        inflate(book.read("out/search/d/" + std::to_string(doc / chunk / group) + "/" + std::to_string(doc / chunk)));
    size_t at = 0;
    for (size_t line = 0; line < (doc % chunk) * 4; ++line) at = text.find('\n', at) + 1;
    return text.substr(at, text.find('\n', at) - at);
  }

  std::string best(const std::string& query) const {
    const auto found = urls(query);
    return found.empty() ? "(nothing)" : found[0];
  }

  std::vector<std::string> urls(const std::string& query) const {
    std::vector<std::string> out;
    for (const auto& [doc, score] : reader().rank(query)) out.push_back(url(doc));
    return out;
  }
};

}  // namespace

TEST_CASE("the section about a word comes before one that names it in passing", "[search]") {
  Built b;
  const auto found = b.urls("shmat");
  REQUIRE(found.size() == 2);
  CHECK(found[0] == "sysv/#attaching-with-shmat");
  CHECK(found[1] == "sysv/#cleaning-up");
}

TEST_CASE("a title word ranks its page's first section above the same word in text", "[search]") {
  Built b;
  CHECK(b.best("posix") == "posix/#posix");
}

TEST_CASE("word forms meet through their stem, and every query word must match", "[search]") {
  Built b;
  // "segments" and "segment" are both written; either finds both sections.
  const std::vector<std::string> both = {"sysv/#attaching-with-shmat", "sysv/#system-v-shared-memory"};
  auto sorted = [](std::vector<std::string> v) { return std::sort(v.begin(), v.end()), v; };
  CHECK(sorted(b.urls("segments")) == both);
  CHECK(sorted(b.urls("segment")) == both);
  CHECK(b.urls("attached").empty());  // a form the book never uses has no stem to follow
  const auto attaching = b.urls("attaching");
  CHECK(std::find(attaching.begin(), attaching.end(), "posix/#mapping") != attaching.end());
  CHECK(std::find(attaching.begin(), attaching.end(), "sysv/#attaching-with-shmat") != attaching.end());
  CHECK(b.urls("attaching mmap") == std::vector<std::string>{"posix/#mapping"});
}

TEST_CASE("as you type, a prefix finds the words it starts", "[search]") {
  Built b;
  CHECK(b.best("shma") == "sysv/#attaching-with-shmat");
}

TEST_CASE("a book of thousands of sections spreads its document files over folders", "[search]") {
  std::string page = "# Many\n\n";
  for (int i = 0; i < 2200; ++i) page += "## Part " + std::to_string(i) + "\n\nword" + std::to_string(i) + " here.\n\n";
  Built b("", page);
  const size_t chunk = b.manifest["chunk"], group = b.manifest["group"];
  REQUIRE(b.manifest["docs"].get<size_t>() > 2 * chunk * group);  // three folders at least
  // The last section's document lies in a later folder than the first; url() reads it there.
  CHECK(b.best("word2199") == "more/#part-2199");
  CHECK(b.best("word0") == "more/#part-0");
  CHECK(b.book.exists("out/search/d/2"));
  CHECK_FALSE(b.book.exists("out/search/d/0/" + std::to_string(group)));  // a folder holds `group` files
}

TEST_CASE("search is on by default, with the box in every page's header", "[search][config]") {
  Built b;
  CHECK(b.manifest["docs"] == 6);  // a document a heading: 1 + 3 + 2
  CHECK(b.book.read("out/sysv/index.html").find("role=\"combobox\"") != std::string::npos);
}

TEST_CASE("a plugins list without search turns search off, as in MkDocs", "[search][config]") {
  Built off("plugins:\n  - tags\n");
  CHECK_FALSE(off.book.exists("out/search"));
  CHECK(off.book.read("out/sysv/index.html").find("search") == std::string::npos);
  Built on("plugins:\n  - search\n");
  CHECK(on.book.exists("out/search/index.json"));
}
