#include "fragment_cache.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
// Inlined whole: hashing small fragments, a call per update would cost more than the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace book {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[16] = {'b', 'o', 'o', 'k', 'g', 'e', 'n', '-', 'f', 'r', 'a', 'g', 's', '-', '2', '\n'};
constexpr size_t kEntryBytes = 16 + 8 + 8 + 16;  // key, offset, size, checksum

// The XXH3 128-bit hash of the parts, each preceded by its length. Not a cryptographic hash:
// the cache guards against change and damage, not against an author forging their own
// fragments, and a cold build hashes every block, trace and rendering (SHA-256 took 3% of it).
FragmentCache::Key digest(const std::vector<std::string_view>& parts) {
  XXH3_state_t state;
  XXH3_INITSTATE(&state);
  XXH3_128bits_reset(&state);
  for (std::string_view p : parts) {
    const unsigned long long n = p.size();
    XXH3_128bits_update(&state, &n, sizeof n);
    XXH3_128bits_update(&state, p.data(), p.size());
  }
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(&state));
  FragmentCache::Key k;
  static_assert(sizeof canonical.digest == sizeof k);
  std::memcpy(k.data(), canonical.digest, k.size());
  return k;
}

// This program's file, by size and time: a rebuilt generator may render differently.
std::string program_stamp() {
  struct stat st {};
  if (stat("/proc/self/exe", &st) != 0) return "unknown";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

template <class T>
void put_bytes(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
void get_bytes(const char*& at, T& v) {
  std::memcpy(&v, at, sizeof v);
  at += sizeof v;
}

bool write_all(int fd, const char* data, size_t size, unsigned long long offset) {
  while (size > 0) {
    const ssize_t n = pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n <= 0) return false;
    data += n, size -= static_cast<size_t>(n), offset += static_cast<unsigned long long>(n);
  }
  return true;
}

bool read_all(int fd, char* data, size_t size, unsigned long long offset) {
  while (size > 0) {
    const ssize_t n = pread(fd, data, size, static_cast<off_t>(offset));
    if (n <= 0) return false;
    data += n, size -= static_cast<size_t>(n), offset += static_cast<unsigned long long>(n);
  }
  return true;
}

}  // namespace

fs::path FragmentCache::dir_for(const fs::path& out) {
  fs::path p = fs::absolute(out).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.parent_path() / ("." + p.filename().string() + ".bookgen-cache");
}

FragmentCache::Key FragmentCache::key(std::initializer_list<std::string_view> parts) {
  static const std::string stamp = program_stamp();
  std::vector<std::string_view> all{stamp};
  all.insert(all.end(), parts.begin(), parts.end());
  return digest(all);
}

size_t FragmentCache::KeyHash::operator()(const Key& k) const {
  size_t h;
  std::memcpy(&h, k.data(), sizeof h);
  return h;
}

FragmentCache::FragmentCache(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  // The lock is a file of its own: compaction replaces the pack.
  const int lock = ::open((dir_ / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0) {
    if (lock >= 0) ::close(lock);
    return;  // another build holds the cache: this one does without
  }
  lock_ = lock;
  pack_ = ::open((dir_ / "pack").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (pack_ < 0) return;
  load_index();
}

FragmentCache::~FragmentCache() {
  if (pack_ >= 0) ::close(pack_);
  if (lock_ >= 0) ::close(lock_);
}

void FragmentCache::load_index() {
  struct stat st {};
  fstat(pack_, &st);
  pack_end_ = static_cast<unsigned long long>(st.st_size);
  std::ifstream in(dir_ / "index", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t head = sizeof kMagic + 8, tail = 16;
  if (text.size() < head + tail || std::memcmp(text.data(), kMagic, sizeof kMagic) != 0) return reset();
  const Key sum = digest({std::string_view(text).substr(0, text.size() - tail)});
  if (std::memcmp(sum.data(), text.data() + text.size() - tail, tail) != 0) return reset();
  const char* at = text.data() + sizeof kMagic;
  unsigned long long count = 0;
  get_bytes(at, count);
  if (count != (text.size() - head - tail) / kEntryBytes || (text.size() - head - tail) % kEntryBytes) return reset();
  for (unsigned long long i = 0; i < count; ++i) {
    Key k;
    Entry e;
    get_bytes(at, k), get_bytes(at, e.offset), get_bytes(at, e.size), get_bytes(at, e.sum);
    if (e.offset + e.size > pack_end_ || e.offset + e.size < e.offset) return reset();  // the pack was cut short
    entries_[k] = e;
  }
}

void FragmentCache::reset() {
  entries_.clear();
  if (ftruncate(pack_, 0) != 0) {
    ::close(pack_);
    pack_ = -1;
  }
  pack_end_ = 0;
  changed_ = true;
}

bool FragmentCache::find(const Key& key, std::string& value) {
  Entry e;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(key);
    if (pack_ < 0 || it == entries_.end()) return ++misses_, false;
    e = it->second;
    if (unwritten(e, value)) return it->second.used = true, ++hits_, true;
  }
  value.resize(e.size);
  const bool ok = read_all(pack_, value.data(), value.size(), e.offset) && digest({value}) == e.sum;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!ok) {
    entries_.erase(key);  // a damaged fragment: made again and kept anew
    changed_ = true;
    return ++misses_, false;
  }
  entries_[key].used = true;
  return ++hits_, true;
}

// Fragments are appended to a buffer and written a megabyte at a time: a cold build makes
// thousands, and a write each (with both threads waiting on the pack's lock) cost more than
// making some of them. Until a buffer is written, its fragments are read from it.
void FragmentCache::put(const Key& key, const std::string& value) {
  const Key sum = digest({value});
  std::shared_ptr<const Unwritten> full;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (pack_ < 0 || entries_.count(key)) return;
    if (pending_.bytes.empty()) {
      pending_.at = pack_end_;
      pending_.bytes.reserve(kFlushBytes + 64 * 1024);  // a fragment more: no doubling to 2 MB
    }
    entries_[key] = {pack_end_, value.size(), sum, true};
    pending_.bytes += value;
    pack_end_ += value.size();
    changed_ = true;
    if (pending_.bytes.size() < kFlushBytes) return;
    full = writing_.emplace_back(std::make_shared<const Unwritten>(std::exchange(pending_, {})));
  }
  write_all(pack_, full->bytes.data(), full->bytes.size(), full->at);  // a full disk costs the cache, not the build
  const std::lock_guard<std::mutex> lock(mutex_);
  writing_.erase(std::find(writing_.begin(), writing_.end(), full));
}

// An entry's bytes from a buffer not yet written; false if they are in the pack.
bool FragmentCache::unwritten(const Entry& e, std::string& value) const {
  auto read_from = [&](const Unwritten& u) {
    if (e.offset < u.at || e.offset + e.size > u.at + u.bytes.size()) return false;
    value.assign(u.bytes, e.offset - u.at, e.size);
    return true;
  };
  return read_from(pending_) ||
         std::any_of(writing_.begin(), writing_.end(), [&](const auto& w) { return read_from(*w); });
}

void FragmentCache::flush() {
  if (!pending_.bytes.empty()) write_all(pack_, pending_.bytes.data(), pending_.bytes.size(), pending_.at);
  pending_ = {};
}

void FragmentCache::compact() {
  const fs::path fresh = dir_ / "pack.new";
  const int out = ::open(fresh.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) return;
  loff_t to = 0;
  for (auto& [k, e] : entries_) {
    loff_t from = static_cast<loff_t>(e.offset);
    const loff_t at = to;
    for (size_t left = e.size; left > 0;) {
      const ssize_t n = copy_file_range(pack_, &from, out, &to, left, 0);
      if (n <= 0) return (void)::close(out), (void)fs::remove(fresh);
      left -= static_cast<size_t>(n);
    }
    e.offset = static_cast<unsigned long long>(at);
  }
  std::error_code ec;
  fs::rename(fresh, dir_ / "pack", ec);
  ::close(ec ? out : pack_);
  if (ec) return (void)fs::remove(fresh, ec);
  pack_ = out;
  pack_end_ = static_cast<unsigned long long>(to);
}

void FragmentCache::save(bool forget_unused) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (pack_ < 0) return;
  flush();
  unsigned long long live = 0;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (forget_unused && !it->second.used) {
      it = entries_.erase(it);
      changed_ = true;
      continue;
    }
    live += it->second.size;
    it->second.used = false;
    ++it;
  }
  if (!changed_) return;
  if (pack_end_ > 2 * live + (1u << 20)) compact();
  std::string index(kMagic, sizeof kMagic);
  put_bytes(index, static_cast<unsigned long long>(entries_.size()));
  for (const auto& [k, e] : entries_)
    put_bytes(index, k), put_bytes(index, e.offset), put_bytes(index, e.size), put_bytes(index, e.sum);
  const Key sum = digest({index});
  index.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  const fs::path tmp = dir_ / "index.new";
  {
    std::ofstream(tmp, std::ios::binary | std::ios::trunc)
        .write(index.data(), static_cast<std::streamsize>(index.size()));
  }
  std::error_code ec;
  fs::rename(tmp, dir_ / "index", ec);
  changed_ = false;
}

}  // namespace book
