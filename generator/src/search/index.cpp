#include "search/index.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>

#include "search/terms.hpp"

namespace book::search {

namespace {

constexpr double kK1 = 1.2, kB = 0.75;
constexpr double kTitleWeight = 3, kHeadingWeight = 2;

// Newlines and tabs would break the chunk format; runs of spaces say nothing.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string title_of(const Page& p) {
  if (!p.model.title.empty()) return p.model.title;
  const std::string& s = p.src_rel;
  return s.substr(0, s.size() - 3);
}

// Per document: stem -> weighted frequency, and the document's length in words.
struct Counted {
  std::unordered_map<std::string, double> tf;
  double length = 0;
};

Counted count(const Document& d, Stemmer& stemmer, std::map<std::string, std::string>& forms) {
  Counted c;
  auto add = [&](const std::string& text, double weight) {
    for (const auto& w : tokenize(text)) {
      const std::string& stem = stemmer.stem(w);
      if (stem != w) forms.emplace(w, stem);
      c.tf[stem] += weight;
      c.length += 1;
    }
  };
  if (d.page_start) add(d.title, kTitleWeight);
  add(d.heading, kHeadingWeight);
  add(d.text, 1);
  return c;
}

// fn(i, worker) for i in [0, n), strided over one thread a core.
template <class F>
void on_all_cores(size_t n, unsigned workers, F&& fn) {
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w)
    pool.emplace_back([&, w] {
      for (size_t i = w; i < n; i += workers) fn(i, w);
    });
  for (size_t i = 0; i < n; i += workers) fn(i, 0u);
  for (auto& t : pool) t.join();
}

unsigned cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

std::vector<Counted> count_all(const std::vector<Document>& docs, std::map<std::string, std::string>& forms) {
  const unsigned workers = cores();
  std::vector<std::unique_ptr<Stemmer>> stemmers;
  for (unsigned w = 0; w < workers; ++w) stemmers.push_back(std::make_unique<Stemmer>());
  std::vector<std::map<std::string, std::string>> found(workers);
  std::vector<Counted> counted(docs.size());
  on_all_cores(docs.size(), workers,
               [&](size_t i, unsigned w) { counted[i] = count(docs[i], *stemmers[w], found[w]); });
  for (auto& f : found) forms.merge(f);
  return counted;
}

}  // namespace

std::vector<Document> documents(const Book& book) {
  std::vector<Document> docs;
  for (const auto& p : book.pages) {
    const std::string url = page_url(p.out_rel, book.config.use_directory_urls), title = one_line(title_of(p));
    const auto& m = p.model;
    const size_t start = docs.size();
    if (!m.section_text.empty() && !one_line(m.section_text[0]).empty())
      docs.push_back({url, title, {}, one_line(m.section_text[0]), true});
    for (size_t i = 0; i < m.headings.size(); ++i) {
      const std::string text = i + 1 < m.section_text.size() ? one_line(m.section_text[i + 1]) : std::string();
      docs.push_back({url + "#" + m.headings[i].id, title, one_line(m.headings[i].text), text, docs.size() == start});
    }
    if (docs.size() == start)
      docs.push_back({url, title, {}, {}, true});  // a page without text is still found by its title
  }
  return docs;
}

std::vector<Entry> index_entries(const std::vector<Document>& docs) {
  std::map<std::string, std::string> forms;
  const std::vector<Counted> counted = count_all(docs, forms);
  double total = 0;
  for (const auto& c : counted) total += c.length;
  const double n = static_cast<double>(docs.size()), avg = std::max(1.0, total / std::max(1.0, n));
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, double>>> scores;
  for (size_t i = 0; i < counted.size(); ++i)
    for (const auto& [stem, tf] : counted[i].tf)
      scores[stem].push_back({static_cast<uint32_t>(i), tf / (tf + kK1 * (1 - kB + kB * counted[i].length / avg))});
  double best = 0;
  std::map<std::string, Entry> entries;
  for (auto& [stem, list] : scores) {
    const double df = static_cast<double>(list.size()), idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
    for (auto& [doc, s] : list) best = std::max(best, s *= idf * (kK1 + 1));
  }
  for (const auto& [stem, list] : scores) {
    Entry& e = entries[stem];
    e.term = stem;
    for (const auto& [doc, s] : list)
      e.postings.push_back({doc, static_cast<uint8_t>(1 + std::lround(62 * s / std::max(best, 1e-9)))});
    std::sort(e.postings.begin(), e.postings.end(), [](const Posting& a, const Posting& b) { return a.doc < b.doc; });
  }
  // A word form that is itself some word's stem keeps its own postings.
  for (const auto& [form, stem] : forms) entries.emplace(form, Entry{form, stem, {}});
  std::vector<Entry> out;
  out.reserve(entries.size());
  for (auto& [term, e] : entries) out.push_back(std::move(e));
  return out;
}

std::vector<std::pair<std::string, std::string>> index_files(const Book& book) {
  const std::vector<Document> docs = documents(book);
  const Shards shards = make_shards(index_entries(docs), kLeafLimit);
  std::vector<std::pair<std::string, std::string>> files;
  const nlohmann::json manifest = {{"version", 2}, {"docs", docs.size()}, {"chunk", kChunk}, {"shards", shards.tree}};
  files.push_back({"search/index.json", manifest.dump()});
  for (const auto& [path, bytes] : shards.files) files.push_back({"search/" + path, bytes});
  std::vector<std::string> chunks((docs.size() + kChunk - 1) / kChunk);
  on_all_cores(chunks.size(), cores(), [&](size_t c, unsigned) {
    std::string text;
    for (size_t i = c * kChunk; i < std::min(docs.size(), (c + 1) * kChunk); ++i)
      text += docs[i].url + '\n' + docs[i].title + '\n' + docs[i].heading + '\n' + docs[i].text + '\n';
    chunks[c] = deflate(text);
  });
  for (size_t c = 0; c < chunks.size(); ++c) files.push_back({"search/d/" + std::to_string(c), std::move(chunks[c])});
  return files;
}

}  // namespace book::search
