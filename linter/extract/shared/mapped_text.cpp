#include "extract/shared/mapped_text.h"

#include <string>

namespace portpolicy::extract {

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Number of hex digits at `pos`, at most `max`.
std::size_t hex_run(std::string_view s, std::size_t pos, std::size_t max) {
  std::size_t n = 0;
  while (n < max && pos + n < s.size() && is_hex(s[pos + n])) ++n;
  return n;
}

char simple_escape(char c, Escapes escapes) {
  if (escapes == Escapes::kProperties) {
    switch (c) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      default:
        return c;
    }
  }
  switch (c) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'e':
      return '\x1b';
    default:
      return c;  // \" \\ \/ and anything unknown: the character itself
  }
}

}  // namespace

std::optional<FileRange> MappedText::file_range(std::uint32_t offset, std::uint32_t length) const {
  if (length == 0 || static_cast<std::size_t>(offset) + length > source.size()) return std::nullopt;
  for (std::uint32_t k = 0; k < length; ++k) {
    if (!literal[offset + k] || source[offset + k] != source[offset] + k) return std::nullopt;
  }
  return FileRange{source[offset], source[offset] + length};
}

MappedText decode_escapes(std::string_view raw, std::uint32_t base, Escapes escapes) {
  MappedText out;
  out.text.reserve(raw.size());
  out.source.reserve(raw.size());
  auto put = [&](char c, std::size_t at, bool literal) {
    out.text.push_back(c);
    out.source.push_back(base + static_cast<std::uint32_t>(at));
    out.literal.push_back(literal);
  };
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c != '\\' || escapes == Escapes::kNone || i + 1 >= raw.size()) {
      put(c, i, true);
      ++i;
      continue;
    }
    const char e = raw[i + 1];
    if (escapes == Escapes::kProperties && (e == '\n' || e == '\r')) {
      // A continued line: the break and the next line's leading white space vanish.
      i += 2;
      if (e == '\r' && i < raw.size() && raw[i] == '\n') ++i;
      while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\f')) ++i;
      continue;
    }
    std::size_t hex = 0;
    if (e == 'u') hex = 4;
    if (escapes == Escapes::kJson && e == 'U') hex = 8;
    if (escapes == Escapes::kJson && e == 'x') hex = 2;
    if (hex != 0 && hex_run(raw, i + 2, hex) == hex) {
      // Code points are not decoded: only ASCII matters for ports, so anything else is a
      // placeholder that cannot be mistaken for a digit or a separator.
      const unsigned long cp = std::stoul(std::string(raw.substr(i + 2, hex)), nullptr, 16);
      put(cp < 0x80 ? static_cast<char>(cp) : '?', i, false);
      i += 2 + hex;
      continue;
    }
    put(simple_escape(e, escapes), i, false);
    i += 2;
  }
  return out;
}

}  // namespace portpolicy::extract
