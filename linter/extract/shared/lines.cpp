#include "extract/shared/lines.h"

#include <algorithm>

namespace portpolicy::extract {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Longest digit run read as a port: 70000 or 100000 are kept (and judged later as invalid).
constexpr std::size_t kMaxPortDigits = 6;

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  std::size_t pos = 0;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back({static_cast<std::uint32_t>(pos), line});
    pos = nl + 1;
  }
  return out;
}

bool is_comment_line(std::string_view line, std::string_view markers) {
  for (char c : line) {
    if (is_blank(c)) continue;
    return markers.find(c) != std::string_view::npos;
  }
  return false;
}

std::string_view strip_inline_comment(std::string_view line, std::string_view markers) {
  char quote = '\0';
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != '\0') {
      if (c == quote) quote = '\0';
      continue;
    }
    if (c == '"' || c == '\'') {
      // Only a quote that opens a value counts: "it's" inside a word does not.
      if (i == 0 || is_blank(line[i - 1]) || line[i - 1] == '=' || line[i - 1] == ',') quote = c;
      continue;
    }
    if (markers.find(c) != std::string_view::npos && (i == 0 || is_blank(line[i - 1])))
      return line.substr(0, i);
  }
  return line;
}

void LogicalLine::append(std::string_view piece, std::uint32_t file_offset) {
  pieces_.emplace_back(text_.size(), file_offset);
  text_.append(piece);
}

std::uint32_t LogicalLine::file_offset(std::size_t pos) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), pos,
                             [](std::size_t p, const auto& piece) { return p < piece.first; });
  if (it == pieces_.begin()) return static_cast<std::uint32_t>(pos);
  --it;
  return it->second + static_cast<std::uint32_t>(pos - it->first);
}

LogicalLine join_continued(const std::vector<Line>& lines, std::size_t& i, char escape,
                           std::string_view comment_markers) {
  LogicalLine out;
  bool first = true;
  while (i < lines.size()) {
    const Line& line = lines[i++];
    if (!first && (is_comment_line(line.text, comment_markers) || trim_right(line.text).empty())) continue;
    first = false;
    const std::string_view body = trim_right(line.text);
    if (!body.empty() && body.back() == escape) {
      out.append(body.substr(0, body.size() - 1), line.start);
      out.append(" ", line.start + static_cast<std::uint32_t>(body.size() - 1));
      continue;
    }
    out.append(line.text, line.start);
    break;
  }
  return out;
}

std::vector<Word> split_words(std::string_view s, std::string_view delimiters) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() &&
           (is_blank(s[i]) || s[i] == '\n' || delimiters.find(s[i]) != std::string_view::npos))
      ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_blank(s[i]) && s[i] != '\n' && delimiters.find(s[i]) == std::string_view::npos)
      ++i;
    if (i > start) out.push_back({start, s.substr(start, i - start)});
  }
  return out;
}

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

std::vector<std::pair<std::size_t, std::size_t>> port_numbers(std::string_view s) {
  const std::size_t dash = s.find('-');
  if (dash == std::string_view::npos) {
    if (all_digits(s) && s.size() <= kMaxPortDigits) return {{0, s.size()}};
    return {};
  }
  const std::string_view a = s.substr(0, dash);
  const std::string_view b = s.substr(dash + 1);
  if (!all_digits(a) || !all_digits(b) || a.size() > kMaxPortDigits || b.size() > kMaxPortDigits) return {};
  return {{0, a.size()}, {dash + 1, b.size()}};
}

std::string_view unquote(std::string_view s, std::size_t& offset) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    ++offset;
    return s.substr(1, s.size() - 2);
  }
  return s;
}

}  // namespace portpolicy::extract
