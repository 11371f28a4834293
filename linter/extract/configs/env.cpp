// .env files (dotenv, compose env_file, systemd EnvironmentFile): NAME=value lines.
// A hand-written lexer: there is no grammar, and dotenv dialects differ only in details.
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/text.h"
#include "extract/shared/command.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/mapped_text.h"
#include "extract/shared/port_keys.h"

namespace portpolicy::extract {

namespace {

using core::Role;

constexpr std::string_view kFormat = "env";

// Variables next to a PREFIX_PORT that make PREFIX a server this program logs in to or
// talks to (DB_USERNAME, EMAIL_SERVER, REDIS_CLIENT), rather than a service it runs.
constexpr std::string_view kClientSiblingWords[] = {"user", "username", "login", "server", "client"};

// Variables holding arguments or a command line for another program.
constexpr std::string_view kArgumentWords[] = {"opts", "options", "args", "arguments", "flags"};
constexpr std::string_view kCommandWords[] = {"cmd", "command"};

struct Entry {
  std::string name;
  MappedText value;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-'; }

bool has_word(const std::vector<std::string>& words, std::span<const std::string_view> wanted) {
  for (const std::string& w : words) {
    for (std::string_view x : wanted) {
      if (w == x) return true;
    }
  }
  return false;
}

// Reads every NAME=value of the file. Each iteration consumes at least one line.
std::vector<Entry> lex(std::string_view text) {
  std::vector<Entry> out;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto next_line = [&](std::size_t from) {
    const std::size_t nl = text.find('\n', from);
    return nl == std::string_view::npos ? text.size() : nl + 1;
  };
  while (i < text.size()) {
    const std::size_t line_end = next_line(i);
    std::size_t p = i;
    while (p < line_end && is_blank(text[p])) ++p;
    if (text.substr(p, 7) == "export " || text.substr(p, 7) == "export\t") {
      p += 7;
      while (p < line_end && is_blank(text[p])) ++p;
    }
    std::size_t n = p;
    if (n < line_end && is_name_start(text[n])) {
      while (n < line_end && is_name(text[n])) ++n;
    }
    std::size_t eq = n;
    while (eq < line_end && is_blank(text[eq])) ++eq;
    if (n == p || eq >= line_end || text[eq] != '=') {  // comments, blank lines, anything else
      i = line_end;
      continue;
    }
    Entry e;
    e.name = std::string(text.substr(p, n - p));
    std::size_t v = eq + 1;
    while (v < line_end && is_blank(text[v])) ++v;
    std::size_t resume = line_end;
    const char q = v < text.size() ? text[v] : '\0';
    if (q == '"' || q == '\'' || q == '`') {
      // A quoted value may run over several lines; the rest of its closing line is a comment.
      std::size_t close = v + 1;
      while (close < text.size() && text[close] != q) {
        close += (q == '"' && text[close] == '\\' && close + 1 < text.size()) ? 2 : 1;
      }
      if (close >= text.size()) {  // never closed: the value is the rest of the line
        close = line_end;
        while (close > v + 1 && (text[close - 1] == '\n' || text[close - 1] == '\r')) --close;
      } else {
        resume = next_line(close);
      }
      const std::string_view raw = text.substr(v + 1, close - (v + 1));
      e.value =
          decode_escapes(raw, static_cast<std::uint32_t>(v + 1), q == '"' ? Escapes::kJson : Escapes::kNone);
    } else {
      // Unquoted: up to a " #" comment or the end of the line.
      std::size_t end = v;
      while (end < line_end && text[end] != '\n' && !(text[end] == '#' && end > v && is_blank(text[end - 1])))
        ++end;
      while (end > v && (is_blank(text[end - 1]) || text[end - 1] == '\r' || text[end - 1] == '\n')) --end;
      e.value = decode_escapes(text.substr(v, end - v), static_cast<std::uint32_t>(v), Escapes::kNone);
    }
    out.push_back(std::move(e));
    i = resume;
  }
  return out;
}

// The words of `name` before its "port" word: OTEL_COLLECTOR_PORT_GRPC -> otel, collector.
std::vector<std::string> group_of(std::string_view name) {
  std::vector<std::string> words = key_words(name);
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (is_port_key(words[k])) {
      words.resize(k);
      break;
    }
  }
  return words;
}

// The names of a file's variables as lower-case words joined by '_', for sibling lookups.
std::unordered_set<std::string> word_names(const std::vector<Entry>& all) {
  std::unordered_set<std::string> out;
  for (const Entry& e : all) {
    std::string joined;
    for (const std::string& w : key_words(e.name)) {
      if (!joined.empty()) joined += '_';
      joined += w;
    }
    out.insert(std::move(joined));
  }
  return out;
}

// A PORT variable is the program's own unless it names a destination, or its group has a
// client sibling (DB_PORT beside DB_USERNAME is the database this program logs in to).
Role port_role(const Entry& e, const std::unordered_set<std::string>& names) {
  if (is_listen_key(e.name)) return Role::kListen;
  if (names_destination(e.name)) return Role::kConnect;
  const std::vector<std::string> group = group_of(e.name);
  if (group.empty()) return Role::kListen;
  std::string prefix;
  for (const std::string& w : group) prefix.append(w).append("_");
  for (std::string_view c : kClientSiblingWords) {
    if (names.count(std::string(prefix).append(c)) != 0) return Role::kConnect;
  }
  return Role::kListen;
}

}  // namespace

void extract_env(const ExtractContext& ctx) {
  const std::vector<Entry> entries = lex(ctx.file.text());
  const std::unordered_set<std::string> names = word_names(entries);
  for (const Entry& e : entries) {
    const MappedText& m = e.value;
    auto add = [&](std::uint32_t offset, std::uint32_t length, Role role, std::optional<core::Transport> t) {
      if (const std::optional<FileRange> r = m.file_range(offset, length)) {
        ctx.add(r->start, r->end, role, kFormat, e.name, t);
      }
    };
    const std::vector<std::string> words = key_words(e.name);
    if (is_port_key(e.name)) {
      const Role role = port_role(e, names);
      const std::vector<MappedPort> mapped = ports_in_mapping(m.text);
      if (mapped.size() > 1) {
        for (const MappedPort& p : mapped) add(p.port.offset, p.port.length, p.role, p.port.transport);
        continue;
      }
      for (const ValuePort& p : port_numbers_in_value(m.text)) add(p.offset, p.length, role, p.transport);
      continue;
    }
    const bool listen = is_listen_key(e.name);
    if (is_address_key(e.name)) {
      for (const StringPort& p : ports_in_string_value(m.text, true)) {
        add(p.offset, p.length, listen || p.wildcard_host ? Role::kListen : Role::kConnect, p.transport);
      }
      continue;
    }
    const bool arguments = has_word(words, kArgumentWords);
    if (arguments || has_word(words, kCommandWords)) {
      const CommandStart start = arguments ? CommandStart::kArguments : CommandStart::kProgram;
      for (const CommandPort& p : find_ports_in_command(m.text, start))
        add(p.offset, p.length, p.role, p.transport);
      continue;
    }
    for (const StringPort& p : ports_in_string_value(m.text, false)) {
      add(p.offset, p.length, listen || p.wildcard_host ? Role::kListen : Role::kConnect, p.transport);
    }
  }
}

}  // namespace portpolicy::extract
