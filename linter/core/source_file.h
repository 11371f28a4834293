// A file's bytes with a line index, so byte offsets convert to line/column at the edge.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portpolicy::core {

/// A 1-based line and 1-based byte column.
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// A file as read: path as the user gave it, its bytes, and where each line starts.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  /// Line and byte column (both 1-based) of byte `offset`.
  LineCol position(std::uint32_t offset) const;

  /// The text of 1-based line `line`, without its newline.
  std::string_view line_text(std::uint32_t line) const;

  /// Number of lines (a final line without newline counts).
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace portpolicy::core
