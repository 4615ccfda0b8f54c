#include <catch2/catch.hpp>

#include "slug.hpp"

using book::slugify;

TEST_CASE("slugify makes the ids MkDocs makes", "[slug]") {
  struct Row {
    const char* heading;
    const char* id;
  };
  const Row table[] = {
      {"🧠 Interactive MicroSim", "interactive-microsim"},
      {"Benefits:", "benefits"},
      {"Limitations:", "limitations"},
      {"System Calls for Shared Memory (SysV IPC)", "system-calls-for-shared-memory-sysv-ipc"},
      {"Example: Creating and Using Shared Memory in C", "example-creating-and-using-shared-memory-in-c"},
      {"Chapter 7: Shared Memory", "chapter-7-shared-memory"},
      {"What Is Shared Memory?", "what-is-shared-memory"},
      {"shm_open() and mmap()", "shm_open-and-mmap"},
      {"  spaced   out  ", "spaced-out"},
      {"a - b", "a-b"},
      {"Café crème", "cafe-creme"},
      {"Ærø", "r"},
      {"🧠", ""},
  };
  for (const auto& row : table) {
    INFO(row.heading);
    CHECK(slugify(row.heading) == row.id);
  }
}

TEST_CASE("duplicate ids get _1, _2 and empty ones become _1", "[slug]") {
  book::SlugSet ids;
  CHECK(ids.unique("benefits") == "benefits");
  CHECK(ids.unique("benefits") == "benefits_1");
  CHECK(ids.unique("benefits") == "benefits_2");
  CHECK(ids.unique("") == "_1");
  CHECK(ids.unique("") == "_2");
  CHECK(ids.unique("note_1") == "note_1");
  CHECK(ids.unique("note_1") == "note_2");
}
