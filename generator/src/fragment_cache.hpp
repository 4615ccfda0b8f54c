// Rendered fragments (highlighted code blocks, trace diagrams) kept on disk between builds,
// each under a 128-bit hash (XXH3) of everything it is made from and of the program that made it, so
// a second `generator build` on unchanged input renders none of them again, and a changed
// block, trace or generator simply misses.
//
// Two files in the cache folder: `pack`, the fragments one after another, only ever appended
// to during a build, and `index`, where each fragment is, replaced whole at the end of a build.
// A fragment is read from the pack when needed (pread), so memory does not grow with the book.
// Anything that does not check out (a truncated or corrupt index, a fragment whose checksum
// differs, a pack shorter than its index says) is a miss: the fragment is made again.
#pragma once
#include <array>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace book {

class FragmentCache {
 public:
  using Key = std::array<unsigned char, 16>;

  // The cache of an output folder: beside it, never inside (the output is replaced whole).
  static std::filesystem::path dir_for(const std::filesystem::path& out);
  // The key of these parts, each length-prefixed, and of this program's file.
  static Key key(std::initializer_list<std::string_view> parts);

  // Opens or creates the cache in `dir`. While another process builds with it, this one
  // works without (every lookup misses, nothing is kept).
  explicit FragmentCache(std::filesystem::path dir);
  ~FragmentCache();
  FragmentCache(const FragmentCache&) = delete;
  FragmentCache& operator=(const FragmentCache&) = delete;

  // The fragment of `key`; made by `make` and kept when absent. Safe from several threads.
  template <class Make>
  std::string get(const Key& key, Make&& make) {
    std::string value;
    if (find(key, value)) return value;
    value = make();
    put(key, value);
    return value;
  }

  // Writes the index of the fragments this build used; the others are forgotten (unless
  // not `forget_unused`), and the pack is rewritten without them once they are more than
  // half of it.
  void save(bool forget_unused = true);

  // Whether this process holds the cache (another build may).
  bool active() const { return pack_ >= 0; }
  // Lookups this build answered from the cache, and those it did not.
  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }

 private:
  struct Entry {
    unsigned long long offset = 0, size = 0;
    Key sum{};
    bool used = false;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  bool find(const Key& key, std::string& value);
  void put(const Key& key, const std::string& value);
  void load_index();
  void reset();
  void compact();
  struct Unwritten {
    unsigned long long at = 0;  // where in the pack
    std::string bytes;
  };
  bool unwritten(const Entry& e, std::string& value) const;  // the mutex held
  void flush();                                              // writes what put() buffered; the mutex held

  std::filesystem::path dir_;
  int lock_ = -1;  // held (flock) while this build uses the cache
  int pack_ = -1;  // the open pack file; -1: the cache is off
  std::mutex mutex_;
  std::unordered_map<Key, Entry, KeyHash> entries_;
  unsigned long long pack_end_ = 0;
  static constexpr size_t kFlushBytes = 1 << 20;
  Unwritten pending_;                                      // fragments put since the last write, up to pack_end_
  std::vector<std::shared_ptr<const Unwritten>> writing_;  // full buffers a thread is writing
  size_t hits_ = 0, misses_ = 0;
  bool changed_ = false;
};

}  // namespace book
