#include "search/index.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <unordered_map>
#include <utility>

#include "parallel.hpp"
#include "search/terms.hpp"

namespace book::search {

namespace {

constexpr double kK1 = 1.2, kB = 0.75;
constexpr double kTitleWeight = 3, kHeadingWeight = 2;

// Newlines and tabs would break the chunk format; runs of spaces say nothing. Runs of other
// characters are copied whole: a book's text is megabytes.
std::string one_line(std::string_view text) {
  auto space = [](char c) { return c == '\n' || c == '\t' || c == '\r' || c == ' '; };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    out.append(text, start, i - start);
    const bool gap = i < text.size();
    while (i < text.size() && space(text[i])) ++i;
    if (gap && !out.empty() && i < text.size()) out += ' ';
  }
  return out;
}

std::string title_of(const Page& p) {
  if (!p.model.title.empty()) return p.model.title;
  const std::string& s = p.src_rel;
  return s.substr(0, s.size() - 3);
}

constexpr uint32_t kUnstemmed = UINT32_MAX;

// The distinct words one thread has met, each stored once with its stem's id: a word is
// looked up by its bytes and stemmed the first time only. A stem is a term of its own, and
// is not itself stemmed unless it was also met as a word.
struct Vocabulary {
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<const std::string*> terms;  // id -> the key in `ids` (nodes do not move)
  std::vector<uint32_t> stems;            // id -> its stem's id, or kUnstemmed

  uint32_t intern(const std::string& term) {
    const auto [it, fresh] = ids.try_emplace(term, static_cast<uint32_t>(terms.size()));
    if (fresh) {
      terms.push_back(&it->first);
      stems.push_back(kUnstemmed);
    }
    return it->second;
  }

  uint32_t stem_of(uint32_t id, Stemmer& stemmer) {
    if (stems[id] == kUnstemmed) {
      const uint32_t stem = intern(stemmer.stem(*terms[id]));  // may grow `stems`
      stems[id] = stem;
    }
    return stems[id];
  }
};

// Per document: (stem id, weighted frequency) in the counting thread's vocabulary, and the
// document's length in words.
struct Counted {
  std::vector<std::pair<uint32_t, double>> tf;
  double length = 0;
  unsigned worker = 0;
};

// One thread's state: its vocabulary and a frequency table reused from document to document.
struct Counter {
  Stemmer stemmer;
  Vocabulary words;
  std::vector<double> sums;
  std::vector<uint32_t> touched;

  Counted count(const Document& d, unsigned worker) {
    Counted c;
    c.worker = worker;
    auto add = [&](const std::string& text, double weight) {
      for_each_word(text, [&](const std::string& w) {
        const uint32_t stem = words.stem_of(words.intern(w), stemmer);
        if (sums.size() <= stem) sums.resize(words.terms.size(), 0.0);
        if (sums[stem] == 0) touched.push_back(stem);
        sums[stem] += weight;
        c.length += 1;
      });
    };
    if (d.page_start) add(d.title, kTitleWeight);
    add(d.heading, kHeadingWeight);
    add(d.text, 1);
    c.tf.reserve(touched.size());
    for (uint32_t stem : touched) c.tf.push_back({stem, std::exchange(sums[stem], 0.0)});
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
    for (const std::string* term : c->words.terms) map.push_back(m.words.intern(*term));
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

// Terms in byte order: each stem with its postings, and each word form that differs from its
// stem and is not itself a stem, pointing at it.
std::vector<Entry> entries_of(const Vocabulary& words, std::vector<std::vector<Posting>>& postings) {
  std::vector<uint32_t> order;
  for (uint32_t id = 0; id < words.terms.size(); ++id) {
    const bool form = words.stems[id] != kUnstemmed && words.stems[id] != id;
    if (!postings[id].empty() || form) order.push_back(id);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return *words.terms[a] < *words.terms[b]; });
  std::vector<Entry> out;
  out.reserve(order.size());
  for (uint32_t id : order) {
    const bool form = postings[id].empty();
    out.push_back({*words.terms[id], form ? *words.terms[words.stems[id]] : std::string(), std::move(postings[id])});
  }
  return out;
}

// One page's documents: the text before its first heading, then each heading's section.
std::vector<Document> page_documents(const Page& p, bool directory_urls) {
  const std::string url = page_url(p.out_rel, directory_urls), title = one_line(title_of(p));
  const auto& m = p.model;
  std::vector<Document> docs;
  std::string first = m.section_text.empty() ? std::string() : one_line(m.section_text[0]);
  if (!first.empty()) docs.push_back({url, title, {}, std::move(first), true});
  for (size_t i = 0; i < m.headings.size(); ++i) {
    std::string text = i + 1 < m.section_text.size() ? one_line(m.section_text[i + 1]) : std::string();
    docs.push_back({url + "#" + m.headings[i].id, title, one_line(m.headings[i].text), std::move(text), docs.empty()});
  }
  if (docs.empty()) docs.push_back({url, title, {}, {}, true});  // a page without text is still found by its title
  return docs;
}

}  // namespace

std::vector<Document> documents(const Book& book, unsigned threads) {
  std::vector<std::vector<Document>> pages(book.pages.size());
  parallel_for(pages.size(), threads,
               [&](size_t i, unsigned) { pages[i] = page_documents(book.pages[i], book.config.use_directory_urls); });
  std::vector<Document> docs;
  for (auto& page : pages) std::move(page.begin(), page.end(), std::back_inserter(docs));
  return docs;
}

std::vector<Entry> index_entries(const std::vector<Document>& docs, unsigned threads) {
  Merged m;
  std::vector<Counted> counted = count_all(docs, threads, m);
  double total = 0;
  std::vector<uint32_t> df(m.words.terms.size());
  for (auto& c : counted) {
    total += c.length;
    for (auto& [stem, tf] : c.tf) ++df[stem = m.ids[c.worker][stem]];
  }
  const double n = static_cast<double>(docs.size()), avg = std::max(1.0, total / std::max(1.0, n));
  std::vector<double> best(threads, 0.0);
  parallel_for(counted.size(), threads, [&](size_t i, unsigned w) {
    const double norm = kK1 * (1 - kB + kB * counted[i].length / avg);
    for (auto& [stem, s] : counted[i].tf) {
      const double idf = std::log(1 + (n - df[stem] + 0.5) / (df[stem] + 0.5));
      s = s / (s + norm) * (idf * (kK1 + 1));
      best[w] = std::max(best[w], s);
    }
  });
  const double top = std::max(*std::max_element(best.begin(), best.end()), 1e-9);
  // Documents in order, so each stem's postings come out sorted.
  std::vector<std::vector<Posting>> postings(df.size());
  for (size_t id = 0; id < df.size(); ++id) postings[id].reserve(df[id]);
  for (size_t i = 0; i < counted.size(); ++i)
    for (const auto& [stem, s] : counted[i].tf)
      postings[stem].push_back({static_cast<uint32_t>(i), static_cast<uint8_t>(1 + std::lround(62 * s / top))});
  return entries_of(m.words, postings);
}

std::vector<std::pair<std::string, std::string>> index_files(const Book& book, unsigned threads) {
  const std::vector<Document> docs = documents(book, threads);
  const Shards shards = make_shards(index_entries(docs, threads), kLeafLimit);
  std::vector<std::pair<std::string, std::string>> files;
  const nlohmann::json manifest = {{"version", 2}, {"docs", docs.size()}, {"chunk", kChunk}, {"shards", shards.tree}};
  files.push_back({"search/index.json", manifest.dump()});
  for (const auto& [path, bytes] : shards.files) files.push_back({"search/" + path, bytes});
  std::vector<std::string> chunks((docs.size() + kChunk - 1) / kChunk);
  parallel_for(chunks.size(), threads, [&](size_t c, unsigned) {
    std::string text;
    for (size_t i = c * kChunk; i < std::min(docs.size(), (c + 1) * kChunk); ++i)
      text += docs[i].url + '\n' + docs[i].title + '\n' + docs[i].heading + '\n' + docs[i].text + '\n';
    chunks[c] = deflate(text);
  });
  for (size_t c = 0; c < chunks.size(); ++c) files.push_back({"search/d/" + std::to_string(c), std::move(chunks[c])});
  return files;
}

}  // namespace book::search
