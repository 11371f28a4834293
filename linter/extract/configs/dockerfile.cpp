// Dockerfile: EXPOSE, ENV/ARG/LABEL port settings, and the command lines of RUN, CMD,
// ENTRYPOINT and HEALTHCHECK (shell form and exec-form JSON arrays).
#include <cctype>
#include <string>

#include "core/text.h"
#include "extract/shared/line_settings.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/lines.h"

namespace portpolicy::extract {

namespace {

constexpr std::string_view kFormat = "dockerfile";

// What each instruction holds; instructions not listed (FROM, COPY, USER, WORKDIR,
// VOLUME, ...) hold image tags, paths and UIDs, never ports.
enum class Holds { kExpose, kSettings, kCommand, kUrls, kOnBuild };
struct Instruction {
  std::string_view name;
  Holds holds;
};
constexpr Instruction kInstructions[] = {
    {"EXPOSE", Holds::kExpose},      {"ENV", Holds::kSettings},        {"ARG", Holds::kSettings},
    {"LABEL", Holds::kSettings},     {"RUN", Holds::kCommand},         {"CMD", Holds::kCommand},
    {"ENTRYPOINT", Holds::kCommand}, {"HEALTHCHECK", Holds::kCommand}, {"SHELL", Holds::kCommand},
    {"ADD", Holds::kUrls},           {"ONBUILD", Holds::kOnBuild},
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// EXPOSE 80 443/udp 8000-8010/tcp ${PORT:-8080}
void read_expose(const LineSink& sink, std::size_t pos) {
  const std::string_view text = sink.line.text();
  for (const Word& w : split_words(text.substr(pos), "\"'")) {
    std::string_view spec = w.text;
    std::optional<core::Transport> transport;
    if (const auto slash = spec.find('/'); slash != std::string_view::npos) {
      transport = core::parse_transport(spec.substr(slash + 1));
      spec = spec.substr(0, slash);
    }
    for (const auto& [off, n] : port_numbers(spec)) {
      sink.add(pos + w.pos + off, n, core::Role::kListen, "EXPOSE", transport);
    }
  }
  add_default_ports(sink, pos, text.size() - pos);
}

// ENV/ARG/LABEL: "KEY=VALUE KEY2="VALUE 2"", or the legacy "ENV KEY VALUE" (value = rest).
void read_settings(const LineSink& sink, std::size_t pos) {
  const std::string_view text = sink.line.text();
  std::size_t i = skip_space(text, pos);
  const std::size_t key_start = i;
  while (i < text.size() && !is_space(text[i]) && text[i] != '=') ++i;
  if (i >= text.size() || text[i] != '=') {
    const std::string_view key = text.substr(key_start, i - key_start);
    const std::size_t value = skip_space(text, i);
    if (!key.empty() && value < text.size()) add_setting_ports(sink, key, value, text.size() - value);
    return;
  }
  i = key_start;
  while (i < text.size()) {
    i = skip_space(text, i);
    const std::size_t k = i;
    while (i < text.size() && !is_space(text[i]) && text[i] != '=') ++i;
    std::size_t off = k;
    const std::string_view key = unquote(text.substr(k, i - k), off);
    if (i >= text.size() || text[i] != '=') {
      if (i == k) ++i;  // stray character: move on
      continue;
    }
    const std::size_t value = ++i;
    char quote = '\0';
    while (i < text.size() && (quote != '\0' || !is_space(text[i]))) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        i += 2;
        continue;
      }
      if (quote == '\0' && (text[i] == '"' || text[i] == '\'')) {
        quote = text[i];
      } else if (text[i] == quote) {
        quote = '\0';
      }
      ++i;
    }
    if (!key.empty()) add_setting_ports(sink, key, value, i - value);
  }
}

const Instruction* find_instruction(std::string_view word) {
  for (const Instruction& ins : kInstructions) {
    if (core::iequals(ins.name, word)) return &ins;
  }
  return nullptr;
}

void read_instruction(const LineSink& sink, std::size_t pos) {
  const std::string_view text = sink.line.text();
  const Instruction* ins = nullptr;
  std::size_t args = pos;
  // ONBUILD wraps the instruction that runs in images built from this one.
  do {
    pos = skip_space(text, args);
    std::size_t end = pos;
    while (end < text.size() && !is_space(text[end])) ++end;
    ins = find_instruction(text.substr(pos, end - pos));
    if (ins == nullptr) return;
    args = skip_space(text, end);
  } while (ins->holds == Holds::kOnBuild);
  switch (ins->holds) {
    case Holds::kExpose:
      read_expose(sink, args);
      break;
    case Holds::kSettings:
      read_settings(sink, args);
      break;
    case Holds::kCommand:
      add_command_ports(sink, args, text.size() - args);
      break;
    case Holds::kUrls:
      for (const StringPort& p : find_ports_in_text(text.substr(args), HostMode::kUrlsOnly)) {
        sink.add(args + p.offset, p.length, core::Role::kConnect, std::string(ins->name), p.transport);
      }
      break;
    case Holds::kOnBuild:
      break;
  }
}

// A parser directive "# escape=`" before the first instruction changes the continuation
// character (Windows images).
char escape_character(const std::vector<Line>& lines) {
  for (const Line& line : lines) {
    const std::string_view t = core::trim(line.text);
    if (!t.starts_with("#")) break;
    const std::string_view d = core::trim(t.substr(1));
    if (core::istarts_with(d, "escape")) {
      const std::string_view v = core::trim(d.substr(6));
      if (v.size() == 2 && v[0] == '=') return v[1];
    }
  }
  return '\\';
}

// "<<EOF" or "<<-'EOF'": the word that ends a here-document opened on this line.
std::string here_document_end(std::string_view text) {
  const auto at = text.find("<<");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 2;
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && (text[i] == '"' || text[i] == '\'')) ++i;
  const std::size_t start = i;
  // A marker is a word ("EOF", "_SCRIPT"): "$((1<<3))" and "<<<" open no document.
  if (i >= text.size() || !(std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_')) return {};
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
  return std::string(text.substr(start, i - start));
}

}  // namespace

void extract_dockerfile(const ExtractContext& ctx) {
  const std::vector<Line> lines = split_lines(ctx.file.text());
  const char escape = escape_character(lines);
  for (std::size_t i = 0; i < lines.size();) {
    if (is_comment_line(lines[i].text, "#")) {
      ++i;
      continue;
    }
    LogicalLine line = join_continued(lines, i, escape, "#");
    // A here-document's lines belong to the instruction that opened it (RUN <<EOF).
    if (const std::string end = here_document_end(line.text()); !end.empty()) {
      while (i < lines.size()) {
        const Line& body = lines[i++];
        if (core::trim(body.text) == end) break;
        line.append("\n", body.start > 0 ? body.start - 1 : 0);
        line.append(body.text, body.start);
      }
    }
    read_instruction(LineSink{ctx, kFormat, line}, 0);
  }
}

}  // namespace portpolicy::extract
