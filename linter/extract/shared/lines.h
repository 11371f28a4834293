// Lexing helpers for the line-oriented formats (Dockerfile, systemd units, INI and
// redis-style configs): lines with byte offsets, comments, continuation lines and words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portpolicy::extract {

/// One physical line: where it starts in the file and its text without the line break.
struct Line {
  std::uint32_t start = 0;
  std::string_view text;
};

/// The lines of `text`: a leading UTF-8 BOM is skipped, "\r\n" and "\n" both end a line.
std::vector<Line> split_lines(std::string_view text);

/// True when the first non-blank character of `line` is one of `markers` (e.g. "#;").
bool is_comment_line(std::string_view line, std::string_view markers);

/// `line` cut before an inline comment: a marker at the start or after white space,
/// outside quotes ("port = 80 ; http" -> "port = 80 ").
std::string_view strip_inline_comment(std::string_view line, std::string_view markers);

/// Text assembled from pieces of a file (a line and its continuation lines) that still
/// knows where each byte came from.
class LogicalLine {
 public:
  LogicalLine() = default;

  /// A logical line made of one piece of the file starting at `file_offset`.
  LogicalLine(std::string_view piece, std::uint32_t file_offset) { append(piece, file_offset); }

  /// Appends `piece`, which starts at byte `file_offset` of the file.
  void append(std::string_view piece, std::uint32_t file_offset);

  /// The assembled text.
  std::string_view text() const { return text_; }

  /// The file offset of byte `pos` of text().
  std::uint32_t file_offset(std::size_t pos) const;

 private:
  std::string text_;
  std::vector<std::pair<std::size_t, std::uint32_t>> pieces_;  // (position in text_, file offset)
};

/// Joins lines[i] with the lines it continues onto (a trailing `escape` character) into
/// one logical line, skipping comment lines (first non-blank in `comment_markers`) inside
/// the continuation; advances `i` past the last line used.
LogicalLine join_continued(const std::vector<Line>& lines, std::size_t& i, char escape,
                           std::string_view comment_markers);

/// One word of a line and where it starts in that line.
struct Word {
  std::size_t pos = 0;
  std::string_view text;
};

/// Splits `s` into words at white space and at any of `delimiters` (which are not words).
std::vector<Word> split_words(std::string_view s, std::string_view delimiters);

/// True when `s` is a non-empty run of ASCII digits.
bool all_digits(std::string_view s);

/// Where `s` holds a port number or a range "N-M": the (offset, length) of each number;
/// empty when `s` is anything else.
std::vector<std::pair<std::size_t, std::size_t>> port_numbers(std::string_view s);

/// `s` without one pair of matching surrounding quotes; `offset` grows by the quote skipped.
std::string_view unquote(std::string_view s, std::size_t& offset);

}  // namespace portpolicy::extract
