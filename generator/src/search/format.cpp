#include "search/format.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "parallel.hpp"
#include "search/terms.hpp"
#include "text.hpp"

namespace book::search {

namespace {

constexpr int kLevel = 1;

constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int digit_value(char c) {
  const size_t i = kDigits.find(c);
  if (i == std::string_view::npos) throw std::runtime_error(std::string("bad postings character '") + c + "'");
  return static_cast<int>(i);
}

void put_number(std::string& out, uint32_t n) {
  unsigned groups[7];
  int k = 0;
  do {
    groups[k++] = n & 31;
    n >>= 5;
  } while (n);
  while (k > 1) out += kDigits[32 + groups[--k]];
  out += kDigits[groups[0]];
}

// The length of the UTF-8 character starting at s[i].
size_t char_length(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(n, s.size() - i);
}

// Builds the tree; each entry's postings are encoded once, as most entries are measured at
// several levels before they land in a leaf. Files are deflated once the tree is known, on
// `threads` threads.
struct TreeBuilder {
  const std::vector<Entry>& entries;
  size_t limit;
  std::vector<std::string> rests;                          // "postings" or ">stem", by entry
  std::vector<std::pair<std::string, std::string>> files;  // path, text before deflating

  TreeBuilder(const std::vector<Entry>& e, size_t l, unsigned threads) : entries(e), limit(l), rests(e.size()) {
    parallel_for(e.size(), threads, [&](size_t i, unsigned) {
      rests[i] = e[i].stem_of.empty() ? encode_postings(e[i].postings) : ">" + e[i].stem_of;
    });
  }

  std::string lines(size_t prefix, size_t b, size_t e) const {
    std::string text;
    for (size_t i = b; i < e; ++i) ((text += entries[i].term.substr(prefix)) += '\t') += rests[i] + '\n';
    return text;
  }

  // The most common longer terms under a branch (stems by document count, then in term order),
  // up to half a leaf's limit but at least one: what a word ending at the branch matches as
  // the reader types, as a word in a leaf matches every term it starts.
  std::string completions(size_t prefix, size_t b, size_t e) const {
    std::vector<size_t> stems;
    for (size_t i = b; i < e; ++i)
      if (entries[i].stem_of.empty()) stems.push_back(i);
    std::stable_sort(stems.begin(), stems.end(),
                     [&](size_t x, size_t y) { return entries[x].postings.size() > entries[y].postings.size(); });
    std::vector<size_t> chosen;
    size_t size = 0;
    for (size_t i : stems) {
      const size_t line = entries[i].term.size() - prefix + rests[i].size() + 2;
      if (!chosen.empty() && size + line > limit / 2) break;
      chosen.push_back(i);
      size += line;
    }
    std::sort(chosen.begin(), chosen.end());
    std::string text;
    for (size_t i : chosen) text += lines(prefix, i, i + 1);
    return text;
  }

  // Entries [b, e) all start with `prefix`: writes one leaf, or a branch and its children.
  // Returns the node in the manifest's notation, less its own character.
  std::string node(const std::string& prefix, size_t b, size_t e) {
    size_t size = 0;
    for (size_t i = b; i < e; ++i) size += entries[i].term.size() - prefix.size() + rests[i].size() + 2;
    // A single term larger than the limit stays a leaf: it cannot be split.
    if (!prefix.empty() && (size <= limit || e - b == 1)) {
      files.push_back({"t/" + to_hex(prefix), lines(prefix.size(), b, e)});
      return {};
    }
    size_t i = b;
    while (i < e && entries[i].term.size() == prefix.size()) ++i;
    const std::string text =
        prefix.empty() ? std::string() : lines(prefix.size(), b, i) + completions(prefix.size(), i, e);
    const bool own_file = !text.empty();
    if (own_file) files.push_back({"t/" + to_hex(prefix), text});
    std::string children;
    while (i < e) {
      const std::string child = entries[i].term.substr(0, prefix.size() + char_length(entries[i].term, prefix.size()));
      size_t j = i;
      while (j < e && entries[j].term.compare(0, child.size(), child) == 0) ++j;
      children += child.substr(prefix.size()) + node(child, i, j);
      i = j;
    }
    if (prefix.empty()) return children;
    return own_file ? "(" + children + ")" : "[" + children + "]";
  }
};

}  // namespace

std::string encode_postings(const std::vector<Posting>& postings) {
  std::string out;
  uint32_t last = 0;
  for (const auto& p : postings) {
    put_number(out, p.doc - last);
    out += kDigits[p.impact & 63];
    last = p.doc;
  }
  return out;
}

std::vector<Posting> decode_postings(std::string_view text) {
  std::vector<Posting> postings;
  uint32_t doc = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t delta = 0;
    int d;
    while ((d = digit_value(text[i++])) >= 32) {
      delta = (delta << 5) | static_cast<uint32_t>(d - 32);
      if (i >= text.size()) throw std::runtime_error("postings end inside a number");
    }
    delta = (delta << 5) | static_cast<uint32_t>(d);
    if (i >= text.size()) throw std::runtime_error("postings end before an impact");
    doc += delta;
    postings.push_back({doc, static_cast<uint8_t>(digit_value(text[i++]))});
  }
  return postings;
}

// libdeflate rather than zlib: the same zlib format, which the browser reads, in about a third
// of zlib's time at level 6 and a little smaller (the bench book's document chunks, 7 MB: 59-67 ms
// against 161-172 ms). Level 1 rather than 6: the files are a few kilobytes each, so a deeper
// search for matches gains little (on the bench book the index grows 2%, 3.16 to 3.22 MB) for
// the time it costs (the search stage 12 ms longer).
std::string deflate(std::string_view raw) {
  static thread_local std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
      libdeflate_alloc_compressor(kLevel), libdeflate_free_compressor);
  if (!compressor) throw std::runtime_error("libdeflate could not allocate a compressor");
  // Compressed into a reused buffer, then copied at its size: a string of the bound's size
  // would be zeroed first and keep the bound's capacity, the whole raw index again in memory.
  static thread_local std::string buffer;
  buffer.resize(std::max(buffer.size(), libdeflate_zlib_compress_bound(compressor.get(), raw.size())));
  const size_t size = libdeflate_zlib_compress(compressor.get(), raw.data(), raw.size(), buffer.data(), buffer.size());
  if (size == 0) throw std::runtime_error("libdeflate could not compress a search file");
  return buffer.substr(0, size);
}

std::string inflate(std::string_view packed) {
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(libdeflate_alloc_decompressor(),
                                                                                 libdeflate_free_decompressor);
  if (!d) throw std::runtime_error("libdeflate could not allocate a decompressor");
  // The size is not stored: grow the buffer until the whole stream fits.
  for (size_t room = std::max<size_t>(4096, packed.size() * 4);; room *= 2) {
    std::string out(room, '\0');
    size_t size = 0;
    const auto rc = libdeflate_zlib_decompress(d.get(), packed.data(), packed.size(), out.data(), room, &size);
    if (rc == LIBDEFLATE_SUCCESS) return out.resize(size), out;
    if (rc != LIBDEFLATE_INSUFFICIENT_SPACE || room > (size_t{1} << 30))
      throw std::runtime_error("a search shard is not valid zlib data");
  }
}

Shards make_shards(const std::vector<Entry>& entries, size_t leaf_limit, unsigned threads) {
  TreeBuilder builder(entries, leaf_limit, threads);
  Shards shards;
  shards.tree = builder.node("", 0, entries.size());
  parallel_for(builder.files.size(), threads,
               [&](size_t i, unsigned) { builder.files[i].second = deflate(builder.files[i].second); });
  for (auto& [path, bytes] : builder.files) shards.files.emplace(std::move(path), std::move(bytes));
  return shards;
}

ShardReader::ShardReader(const std::string& tree, std::function<std::string(const std::string&)> fetch)
    : fetch_(std::move(fetch)) {
  std::vector<std::string> parents = {""};
  std::string last;  // the node the next bracket opens
  for (size_t i = 0; i < tree.size(); i += char_length(tree, i)) {
    const char c = tree[i];
    if (c == '(' || c == '[') {
      if (last.empty()) throw std::runtime_error("search tree: a bracket without its node at " + std::to_string(i));
      shards_[last] = c == '(' ? Kind::branch : Kind::fileless_branch;
      parents.push_back(last);
      last.clear();
    } else if (c == ')' || c == ']') {
      if (parents.size() == 1) throw std::runtime_error("search tree: an unmatched bracket at " + std::to_string(i));
      parents.pop_back();
      last.clear();
    } else {
      last = parents.back() + tree.substr(i, char_length(tree, i));
      shards_[last] = Kind::leaf;
    }
  }
  if (parents.size() != 1) throw std::runtime_error("search tree: a bracket is never closed");
}

namespace {

// One shard file's lines, as (term, rest): rest is postings or ">stem".
std::vector<std::pair<std::string, std::string>> parse_shard(const std::string& prefix, const std::string& text) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at), tab = text.find('\t', at);
    if (end == std::string::npos || tab > end) throw std::runtime_error("shard line without a tab");
    lines.push_back({prefix + text.substr(at, tab - at), text.substr(tab + 1, end - tab - 1)});
    at = end + 1;
  }
  return lines;
}

}  // namespace

std::vector<ShardReader::Line> ShardReader::lines_for(const std::string& word) {
  // Down the word's characters to the deepest node on its way; the root has no file.
  std::string prefix;
  Kind kind = Kind::fileless_branch;
  while (kind != Kind::leaf && prefix.size() < word.size()) {
    prefix += word.substr(prefix.size(), char_length(word, prefix.size()));
    const auto it = shards_.find(prefix);
    if (it == shards_.end()) return {};  // no term starts with `prefix`
    kind = it->second;
  }
  if (kind == Kind::fileless_branch) return {};
  // A leaf holds every term it starts; a branch (the word ends there) its own and its completions.
  std::vector<Line> found;
  for (auto& [term, rest] : parse_shard(prefix, inflate(fetch_("t/" + to_hex(prefix)))))
    if (term.compare(0, word.size(), word) == 0) found.push_back({term, rest, term == word});
  return found;
}

std::vector<Match> ShardReader::lookup(const std::string& word) {
  std::vector<Match> found;
  for (const auto& line : lines_for(word)) {
    if (line.rest.rfind('>', 0) != 0) {
      found.push_back({line.term, line.term, line.exact, decode_postings(line.rest)});
      continue;
    }
    const std::string stem = line.rest.substr(1);
    for (const auto& s : lines_for(stem))
      if (s.exact && s.rest.rfind('>', 0) != 0) found.push_back({line.term, stem, line.exact, decode_postings(s.rest)});
  }
  return found;
}

std::vector<std::pair<uint32_t, double>> ShardReader::rank(const std::string& query) {
  std::unordered_map<uint32_t, std::pair<double, size_t>> scores;  // doc -> (score, words matched)
  const std::vector<std::string> words = tokenize(query);
  for (const auto& w : words) {
    std::unordered_map<uint32_t, double> best;
    for (const auto& m : lookup(w))
      for (const auto& p : m.postings) best[p.doc] = std::max(best[p.doc], p.impact * (m.exact ? 1.0 : 0.5));
    for (const auto& [doc, s] : best) {
      scores[doc].first += s;
      ++scores[doc].second;
    }
  }
  std::vector<std::pair<uint32_t, double>> ranked;
  for (const auto& [doc, s] : scores)
    if (s.second == words.size()) ranked.push_back({doc, s.first});
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return ranked;
}

}  // namespace book::search
