// Places the recorded system-call trace of a chapter example under its code block:
// a block fenced as ```c title="sysv_parent_child.c" gets traces/sysv_parent_child.json
// from the page's folder, rendered by native/'s trace renderer (the recorder's twin).
#include <filesystem>

#include "extension.hpp"
#include "fragment_cache.hpp"
#include "text.hpp"
#ifdef BOOK_HAVE_TRACE_RENDER
#include <trace/render.hpp>
#endif

namespace book {
namespace {

class TraceEmbed : public Extension {
 public:
  const char* name() const override { return "trace_embed"; }

  bool consumes_asset(const std::string& rel) const override {
    const std::filesystem::path p(rel);
    return p.extension() == ".json" && p.parent_path().filename() == "traces";
  }

  void code_block(const CodeBlock& block, std::string& after, PageContext& ctx) override {
    if (block.info.title.empty()) return;
    const auto stem = std::filesystem::path(block.info.title).stem().string();
    const auto file = ctx.source_dir / "traces" / (stem + ".json");
    // A title too long to be a file name (ENAMETOOLONG) simply has no recorded trace.
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return;
    const std::string shown =
        (std::filesystem::path(ctx.shown_file).parent_path() / "traces" / (stem + ".json")).string();
#ifdef BOOK_HAVE_TRACE_RENDER
    try {
      const std::string json = read_file(file, shown);
      auto render = [&] { return trace::render_html(json, block.id); };
      after += ctx.fragments ? ctx.fragments->get(FragmentCache::key({"trace", json, block.id}), render) : render();
    } catch (const std::exception& e) {
      ctx.diags.error(shown, 0,
                      std::string("cannot render trace: ") + e.what() + "; re-record it with ./dev.sh traces");
    }
#else
    ctx.diags.warning(shown, 0, "trace not shown: this generator was built without native/'s trace renderer");
#endif
  }
};

}  // namespace

std::unique_ptr<Extension> make_trace_embed_extension() {
  return std::make_unique<TraceEmbed>();
}

}  // namespace book
