#include "search/index.hpp"

#include <nlohmann/json.hpp>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>

#include "parallel.hpp"
#include "search/terms.hpp"

namespace book::search {

namespace {

constexpr double kK1 = 1.2, kB = 0.75;
constexpr float kTitleWeight = 3, kHeadingWeight = 2;

// Newlines and tabs would break the chunk format; runs of spaces say nothing. Runs of other
// characters are copied whole: a book's text is megabytes.
bool space(char c) {
  return c == '\n' || c == '\t' || c == '\r' || c == ' ';
}

// Section text is nearly always one line already (the page model joins lines with single
// spaces): then it is copied whole, after one pass that only looks.
bool one_line_already(std::string_view text) {
  if (text.empty()) return true;
  if (space(text.front()) || space(text.back())) return false;
  bool other = false;
  for (size_t i = 1; i < text.size(); ++i)
    other |= (text[i] == '\n') | (text[i] == '\t') | (text[i] == '\r') | ((text[i] == ' ') & (text[i - 1] == ' '));
  return !other;
}

void append_one_line(std::string& out, std::string_view text) {
  if (one_line_already(text)) return (void)out.append(text);
  bool words = false;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && space(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    if (i == start) break;
    if (words) out += ' ';
    out.append(text, start, i - start);
    words = true;
  }
}

std::string one_line(std::string_view text) {
  std::string out;
  append_one_line(out, text);
  return out;
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), space);
}

std::string title_of(const Page& p) {
  if (!p.model.title.empty()) return p.model.title;
  const std::string& s = p.src_rel;
  return s.substr(0, s.size() - 3);
}

constexpr uint32_t kUnstemmed = UINT32_MAX;

// The distinct words one thread has met, each stored once with its stem's id: a word is
// looked up by its bytes and stemmed the first time only. A stem is a term of its own, and
// is not itself stemmed unless it was also met as a word. The table is open addressing with
// each slot holding its term's hash beside the id, so that a lookup reads one slot and then
// the term's bytes: the indexer looks up every word of the book, and std::unordered_map's
// bucket chains took twice as long.
struct Vocabulary {
  std::deque<std::string> store;        // the terms, which never move
  std::vector<std::string_view> terms;  // id -> its term in `store`
  std::vector<uint32_t> stems;          // id -> its stem's id, or kUnstemmed

  uint32_t intern(std::string_view term) {
    const uint64_t hash = XXH3_64bits(term.data(), term.size());  // inlined: a third of std::hash's cost on words
    size_t slot = hash & mask_;
    for (; slots_[slot].id; slot = (slot + 1) & mask_)
      if (slots_[slot].hash == hash && terms[slots_[slot].id - 1] == term) return slots_[slot].id - 1;
    const auto id = static_cast<uint32_t>(terms.size());
    terms.push_back(store.emplace_back(term));
    stems.push_back(kUnstemmed);
    slots_[slot] = {hash, id + 1};
    if (2 * terms.size() > slots_.size()) grow();
    return id;
  }

  uint32_t stem_of(uint32_t id, Stemmer& stemmer) {
    if (stems[id] == kUnstemmed) {
      const uint32_t stem = intern(stemmer.stem(terms[id]));  // may grow `stems`
      stems[id] = stem;
    }
    return stems[id];
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = 0;  // id + 1; 0: free
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  size_t mask_ = slots_.size() - 1;

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.id) continue;
      size_t slot = s.hash & mask_;
      while (slots_[slot].id) slot = (slot + 1) & mask_;
      slots_[slot] = s;
    }
  }
};

// Per document: (stem id, weighted frequency) in the counting thread's vocabulary, and the
// document's length in words.
struct Counted {
  std::vector<std::pair<uint32_t, float>> tf;  // float: half the memory of a book's worth, and exact for these sums
  float length = 0;
  unsigned worker = 0;
};

// One thread's state: its vocabulary and a frequency table reused from document to document.
struct Counter {
  Stemmer stemmer;
  Vocabulary words;
  std::vector<float> sums;
  std::vector<uint32_t> touched;

  Counted count(const Document& d, unsigned worker) {
    Counted c;
    c.worker = worker;
    auto add = [&](std::string_view text, float weight) {
      for_each_word(text, [&](std::string_view w) {
        const uint32_t stem = words.stem_of(words.intern(w), stemmer);
        if (sums.size() <= stem) sums.resize(words.terms.size(), 0.0f);
        if (sums[stem] == 0) touched.push_back(stem);
        sums[stem] += weight;
        c.length += 1;
      });
    };
    if (d.page_start) add(d.title, kTitleWeight);
    add(d.heading, kHeadingWeight);
    add(d.text, 1);
    c.tf.reserve(touched.size());
    for (uint32_t stem : touched) c.tf.push_back({stem, std::exchange(sums[stem], 0.0f)});
    touched.clear();
    return c;
  }
};

// The book's vocabulary: every thread's words under one id each, with each thread's ids
// mapped onto it.
struct Merged {
  Vocabulary words;
  std::vector<std::vector<uint32_t>> ids;  // [worker][its id] -> id in `words`
};

Merged merge(const std::vector<std::unique_ptr<Counter>>& counters) {
  Merged m;
  for (const auto& c : counters) {
    std::vector<uint32_t>& map = m.ids.emplace_back();
    for (std::string_view term : c->words.terms) map.push_back(m.words.intern(term));
    for (size_t id = 0; id < map.size(); ++id)
      if (c->words.stems[id] != kUnstemmed) m.words.stems[map[id]] = map[c->words.stems[id]];
  }
  return m;
}

std::vector<Counted> count_all(const std::vector<Document>& docs, unsigned threads, Merged& merged) {
  std::vector<std::unique_ptr<Counter>> counters;
  for (unsigned w = 0; w < threads; ++w) counters.push_back(std::make_unique<Counter>());
  std::vector<Counted> counted(docs.size());
  parallel_for(docs.size(), threads, [&](size_t i, unsigned w) { counted[i] = counters[w]->count(docs[i], w); });
  merged = merge(counters);
  return counted;
}

// Documents split into one contiguous range a thread, so that each stem's postings can be
// placed in document order by several threads at once.
struct Ranges {
  std::vector<size_t> start;  // range r is [start[r], start[r + 1])
  Ranges(size_t n, unsigned threads) {
    for (unsigned r = 0; r <= threads; ++r) start.push_back(n * r / threads);
  }
  size_t size() const { return start.size() - 1; }
};

struct Frequencies {
  std::vector<uint32_t> df;                   // stem -> documents holding it
  std::vector<std::vector<uint32_t>> before;  // [range][stem] -> its documents in earlier ranges
  double words = 0;                           // in the whole book
};

// Moves each document's stems into the book's vocabulary, and counts where they occur.
Frequencies frequencies(std::vector<Counted>& counted, const Merged& m, const Ranges& ranges) {
  const size_t stems = m.words.terms.size();
  std::vector<std::vector<uint32_t>> in_range(ranges.size());
  std::vector<double> words(ranges.size());
  parallel_for(ranges.size(), static_cast<unsigned>(ranges.size()), [&](size_t r, unsigned) {
    in_range[r].assign(stems, 0);
    for (size_t i = ranges.start[r]; i < ranges.start[r + 1]; ++i) {
      words[r] += counted[i].length;
      for (auto& [stem, tf] : counted[i].tf) ++in_range[r][stem = m.ids[counted[i].worker][stem]];
    }
  });
  Frequencies f;
  f.df.assign(stems, 0);
  for (size_t r = 0; r < ranges.size(); ++r) {
    f.before.push_back(f.df);
    for (size_t id = 0; id < stems; ++id) f.df[id] += in_range[r][id];
    f.words += words[r];
  }
  return f;
}

std::vector<double> idfs(const std::vector<uint32_t>& df, size_t documents) {
  const double n = static_cast<double>(documents);
  std::vector<double> idf(df.size());
  for (size_t id = 0; id < df.size(); ++id) idf[id] = std::log(1 + (n - df[id] + 0.5) / (df[id] + 0.5)) * (kK1 + 1);
  return idf;
}

// Each stem's postings in document order, impacts scaled to 1-63 against the best score.
std::vector<std::vector<Posting>> postings(const std::vector<Counted>& counted, const Frequencies& f,
                                           const Ranges& ranges, double top) {
  std::vector<std::vector<Posting>> out(f.df.size());
  for (size_t id = 0; id < f.df.size(); ++id) out[id].resize(f.df[id]);
  parallel_for(ranges.size(), static_cast<unsigned>(ranges.size()), [&](size_t r, unsigned) {
    std::vector<uint32_t> next = f.before[r];
    for (size_t i = ranges.start[r]; i < ranges.start[r + 1]; ++i)
      for (const auto& [stem, s] : counted[i].tf)
        out[stem][next[stem]++] = {static_cast<uint32_t>(i),
                                   static_cast<uint8_t>(1 + static_cast<int>(62 * s / top + 0.5))};
  });
  return out;
}

// Terms in byte order: each stem with its postings, and each word form that differs from its
// stem and is not itself a stem, pointing at it.
std::vector<Entry> entries_of(const Vocabulary& words, std::vector<std::vector<Posting>> postings) {
  std::vector<uint32_t> order;
  for (uint32_t id = 0; id < words.terms.size(); ++id) {
    const bool form = words.stems[id] != kUnstemmed && words.stems[id] != id;
    if (!postings[id].empty() || form) order.push_back(id);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return words.terms[a] < words.terms[b]; });
  std::vector<Entry> out;
  out.reserve(order.size());
  for (uint32_t id : order) {
    const bool form = postings[id].empty();
    out.push_back({std::string(words.terms[id]), form ? std::string(words.terms[words.stems[id]]) : std::string(),
                   std::move(postings[id])});
  }
  return out;
}

// One page's documents: the text before its first heading, then each heading's section. The
// text is the page model's own, not copied: it is made one line only as a chunk is written.
std::vector<Document> page_documents(const Page& p, bool directory_urls) {
  const std::string url = page_url(p.out_rel, directory_urls), title = one_line(title_of(p));
  const auto& m = p.model;
  auto section = [&](size_t i) { return i < m.section_text.size() ? std::string_view(m.section_text[i]) : ""; };
  std::vector<Document> docs;
  docs.reserve(m.headings.size() + 1);
  if (!blank(section(0))) docs.push_back({url, title, {}, section(0), true});
  for (size_t i = 0; i < m.headings.size(); ++i)
    docs.push_back({url + "#" + m.headings[i].id, title, one_line(m.headings[i].text), section(i + 1), docs.empty()});
  if (docs.empty()) docs.push_back({url, title, {}, {}, true});  // a page without text is still found by its title
  return docs;
}

}  // namespace

std::vector<Document> documents(const Book& book, unsigned threads) {
  std::vector<std::vector<Document>> pages(book.pages.size());
  parallel_for(pages.size(), threads,
               [&](size_t i, unsigned) { pages[i] = page_documents(book.pages[i], book.config.use_directory_urls); });
  size_t total = 0;
  for (const auto& page : pages) total += page.size();
  std::vector<Document> docs;
  docs.reserve(total);
  for (auto& page : pages) std::move(page.begin(), page.end(), std::back_inserter(docs));
  return docs;
}

std::vector<Entry> index_entries(const std::vector<Document>& docs, unsigned threads) {
  Merged m;
  std::vector<Counted> counted = count_all(docs, threads, m);
  const Ranges ranges(counted.size(), threads);
  const Frequencies f = frequencies(counted, m, ranges);
  const std::vector<double> idf = idfs(f.df, counted.size());
  const double avg = std::max(1.0, f.words / std::max<double>(1, counted.size()));
  std::vector<double> best(threads, 0.0);
  parallel_for(counted.size(), threads, [&](size_t i, unsigned w) {
    const double norm = kK1 * (1 - kB + kB * counted[i].length / avg);
    double most = 0;  // a local: the threads' `best` share a cache line
    for (auto& [stem, s] : counted[i].tf) {
      const double score = s / (s + norm) * idf[stem];
      s = static_cast<float>(score);
      most = std::max(most, score);
    }
    best[w] = std::max(best[w], most);
  });
  const double top = std::max(*std::max_element(best.begin(), best.end()), 1e-9);
  return entries_of(m.words, postings(counted, f, ranges, top));
}

std::vector<std::pair<std::string, std::string>> index_files(const Book& book, unsigned threads) {
  const std::vector<Document> docs = documents(book, threads);
  const Shards shards = make_shards(index_entries(docs, threads), kLeafLimit, threads);
  std::vector<std::pair<std::string, std::string>> files;
  const nlohmann::json manifest = {
      {"version", 3}, {"docs", docs.size()}, {"chunk", kChunk}, {"group", kGroup}, {"shards", shards.tree}};
  files.push_back({"search/index.json", manifest.dump()});
  for (const auto& [path, bytes] : shards.files) files.push_back({"search/" + path, bytes});
  std::vector<std::string> chunks((docs.size() + kChunk - 1) / kChunk);
  std::vector<std::string> texts(threads);  // one buffer a thread, reused chunk after chunk
  parallel_for(chunks.size(), threads, [&](size_t c, unsigned w) {
    std::string& text = texts[w];
    text.clear();
    for (size_t i = c * kChunk; i < std::min(docs.size(), (c + 1) * kChunk); ++i) {
      for (const std::string* line : {&docs[i].url, &docs[i].title, &docs[i].heading}) text.append(*line) += '\n';
      append_one_line(text, docs[i].text);
      text += '\n';
    }
    chunks[c] = deflate(text);
  });
  for (size_t c = 0; c < chunks.size(); ++c)
    files.push_back({"search/d/" + std::to_string(c / kGroup) + "/" + std::to_string(c), std::move(chunks[c])});
  return files;
}

}  // namespace book::search
