// Multiple-choice questions as MkDocs textbooks write them, recognised at build time:
//   **A**. option<br>                      or   <div class="upper-alpha" markdown>
//   **B**. option<br>                            1. option
//                                                2. option
//   ??? question "Show Answer"                   </div>
//       The correct answer is **B**. ...         ??? question "Show Answer" ...
// They become a quiz the page can read without JavaScript (lettered options and a Show
// Answer block) and that the theme's script turns into buttons. What looks like a quiz but
// has no answer the build can read stays plain text, with a warning at its line.
#include <cctype>
#include <regex>

#include "extension.hpp"
#include "line_pass.hpp"
#include "line_regex.hpp"
#include "text.hpp"

namespace book {
namespace {

struct Option {
  std::string letter;
  Lines text;  // Markdown, dedented
};

// Where a quiz's parts are in the page's lines.
struct Found {
  size_t indent = 0;
  size_t first = 0, after_options = 0;  // the option lines: [first, after_options)
  std::vector<Option> options;
  size_t question = 0, question_end = 0;  // the ??? question line and its last body line
  std::string answer;
};

bool is_question_marker(const std::string& t, size_t indent) {
  return indent_of(t) == indent &&
         (t.compare(indent, 12, "??? question") == 0 || t.compare(indent, 13, "???+ question") == 0);
}

// "The correct answer is **B**." -> "B"; empty when the body does not say.
std::string stated_answer(const Lines& lines, size_t from, size_t to) {
  for (size_t k = from; k <= to; ++k) {
    const std::string& t = lines[k].text;
    const size_t at = t.find("correct answer is");
    if (at == std::string::npos) continue;
    size_t i = at + 17;
    while (i < t.size() && (t[i] == ' ' || t[i] == ':' || t[i] == '*' || t[i] == '_')) ++i;
    const bool letter = i < t.size() && std::isupper(static_cast<unsigned char>(t[i]));
    if (letter && (i + 1 == t.size() || !std::isalnum(static_cast<unsigned char>(t[i + 1]))))
      return std::string(1, t[i]);
  }
  return {};
}

// Options as "**A**. text<br>" lines, consecutive, at one indent.
bool bold_letter_options(const Lines& lines, size_t i, Found& f) {
  static const LineRegex option(R"re(^( *)\*\*([A-Z])\*\*[.):]?\s+(.*?)\s*(?:<br\s*/?>)?\s*$)re");
  std::smatch m;
  size_t k = i;
  for (; k < lines.size(); ++k) {
    const std::string& t = lines[k].text;
    if (t.find("**") == std::string::npos || !std::regex_match(t, m, option.on(t))) break;
    if (k == i) f.indent = m[1].length();
    const char expected = static_cast<char>('A' + (k - i));
    if (static_cast<size_t>(m[1].length()) != f.indent || m[2].str()[0] != expected) break;
    f.options.push_back({m[2], {{m[3], lines[k].source_line}}});
  }
  f.first = i;
  f.after_options = k;
  return f.options.size() >= 2;
}

// Options as the ordered list inside <div class="upper-alpha" markdown> ... </div>.
bool upper_alpha_options(const Lines& lines, size_t i, Found& f) {
  const std::string& open = lines[i].text;
  if (open.find("upper-alpha") == std::string::npos || open.find("<div") == std::string::npos) return false;
  static const LineRegex item(R"re(^\s*\d+[.)]\s+(.*)$)re");
  f.indent = indent_of(open);
  f.first = i;
  for (size_t k = i + 1; k < lines.size(); ++k) {
    const std::string& t = lines[k].text;
    if (t.find("</div>") != std::string::npos) {
      f.after_options = k + 1;
      return f.options.size() >= 2;
    }
    std::smatch m;
    if (std::regex_match(t, m, item.on(t)))
      f.options.push_back({std::string(1, static_cast<char>('A' + f.options.size())), {{m[1], lines[k].source_line}}});
    else if (!f.options.empty() && !blank(t))
      f.options.back().text.push_back({t.substr(std::min(indent_of(t), t.size())), lines[k].source_line});
  }
  return false;
}

// The ??? question block right after the options (blank lines between); false if none.
bool question_after(const Lines& lines, Found& f) {
  size_t q = f.after_options;
  while (q < lines.size() && blank(lines[q].text)) ++q;
  if (q >= lines.size() || !is_question_marker(lines[q].text, f.indent)) return false;
  f.question = q;
  f.question_end = indented_body_end(lines, q, f.indent);
  f.answer = stated_answer(lines, q + 1, f.question_end);
  return true;
}

void emit(const Lines& lines, const Found& f, const Quiz& quiz, Lines& out) {
  const std::string pad(f.indent, ' ');
  const int at = lines[f.first].source_line;
  out.push_back({pad + "<div class=\"quiz\" id=\"" + quiz.id + "\" data-answer=\"" + quiz.answer +
                     "\"><ol class=\"quiz-choices\">",
                 at});
  for (const auto& o : f.options) {
    out.push_back({pad + "<li data-letter=\"" + o.letter + "\"><span class=\"quiz-letter\">" + o.letter +
                       "<span class=\"visually-hidden\">. </span></span>",
                   o.text.front().source_line});
    out.push_back({"", o.text.front().source_line});
    for (const auto& l : o.text) out.push_back({pad + l.text, l.source_line});
    out.push_back({"", o.text.back().source_line});
    out.push_back({pad + "</li>", o.text.back().source_line});
  }
  out.push_back({pad + "</ol><p class=\"quiz-feedback\" role=\"status\" aria-live=\"polite\"></p>", at});
  out.push_back({"", at});
  for (size_t k = f.question; k <= f.question_end; ++k) out.push_back(lines[k]);
  out.push_back({"", lines[f.question_end].source_line});
  out.push_back({pad + "</div>", lines[f.question_end].source_line});
}

std::string letters_of(const Found& f) {
  return f.options.front().letter + "-" + f.options.back().letter;
}

class Quizzes : public Extension {
 public:
  const char* name() const override { return "quiz"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size();) {
      Found f;
      if (fence.feed(lines[i].text, lines[i].source_line) ||
          !(bold_letter_options(lines, i, f) || upper_alpha_options(lines, i, (f = Found{})))) {
        out.push_back(lines[i++]);
        continue;
      }
      if (!accept(lines, f, ctx)) {
        for (; i < f.after_options; ++i) out.push_back(lines[i]);
        continue;
      }
      Quiz quiz{lines[f.first].source_line,
                {},
                f.answer,
                "quiz-" + std::to_string(ctx.page.quizzes.size() + 1),
                lines[f.question_end].source_line};
      for (const auto& o : f.options) quiz.letters.push_back(o.letter);
      emit(lines, f, quiz, out);
      ctx.page.ids.insert(quiz.id);
      ctx.page.quizzes.push_back(std::move(quiz));
      i = f.question_end + 1;
    }
    lines = std::move(out);
  }

 private:
  // A quiz needs a ??? question block right after its options that names one of them.
  static bool accept(const Lines& lines, Found& f, PageContext& ctx) {
    const int line = lines[f.first].source_line;
    const std::string what = "options " + letters_of(f) + " look like a quiz, but ";
    if (!question_after(lines, f)) {
      ctx.diags.warning(ctx.shown_file, line,
                        what +
                            "no \"??? question\" block follows them (indented like the options) to give the answer; "
                            "they are shown as plain text");
      return false;
    }
    const bool known =
        !f.answer.empty() && f.answer[0] >= f.options.front().letter[0] && f.answer[0] <= f.options.back().letter[0];
    if (known) return true;
    ctx.diags.warning(
        ctx.shown_file, lines[f.question].source_line,
        what +
            (f.answer.empty() ? std::string("this answer block does not say \"The correct answer is **X**\"")
                              : "the answer given, " + f.answer + ", is not one of them") +
            "; they are shown as plain text");
    return false;
  }
};

}  // namespace

std::unique_ptr<Extension> make_quiz_extension() {
  return std::make_unique<Quizzes>();
}

}  // namespace book
