// systemd units: socket listeners (ListenStream=8080), Environment= port variables and
// the command lines of ExecStart= and its siblings.
#include <string>

#include "core/text.h"
#include "extract/shared/line_settings.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/lines.h"

namespace portpolicy::extract {

namespace {

constexpr std::string_view kFormat = "systemd";
constexpr std::string_view kComments = "#;";

// What a key's value holds. Keys not listed hold no ports (Documentation= links are prose).
enum class Holds { kStreamSocket, kDatagramSocket, kPacketSocket, kEnvironment, kCommand };
struct Key {
  std::string_view name;
  Holds holds;
};
constexpr Key kKeys[] = {
    {"ListenStream", Holds::kStreamSocket},
    {"ListenDatagram", Holds::kDatagramSocket},
    {"ListenSequentialPacket", Holds::kPacketSocket},
    {"Environment", Holds::kEnvironment},
    {"ExecStart", Holds::kCommand},
    {"ExecStartPre", Holds::kCommand},
    {"ExecStartPost", Holds::kCommand},
    {"ExecCondition", Holds::kCommand},
    {"ExecReload", Holds::kCommand},
    {"ExecStop", Holds::kCommand},
    {"ExecStopPost", Holds::kCommand},
};

struct Setting {
  std::size_t section = 0;
  const Key* key = nullptr;
  LogicalLine line;
  std::size_t value = 0;  // where the value starts in the line
};

const Key* find_key(std::string_view name) {
  for (const Key& k : kKeys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

// A socket address: "8080", "0.0.0.0:8080", "[::]:8080"; paths, "@abstract" and vsock: are not ports.
void read_socket(const LineSink& sink, std::size_t pos, std::string_view key,
                 std::optional<core::Transport> transport) {
  const std::string_view value = sink.line.text().substr(pos);
  const std::string_view spec = core::trim(value);
  const std::size_t lead = static_cast<std::size_t>(spec.data() - value.data());
  if (all_digits(spec)) {
    sink.add(pos + lead, spec.size(), core::Role::kListen, std::string(key), transport);
    return;
  }
  for (const StringPort& p : find_ports_in_text(spec, HostMode::kAnyHost)) {
    sink.add(pos + lead + p.offset, p.length, core::Role::kListen, std::string(key), transport);
  }
}

// Environment="PORT=8080" "X=1" or Environment=PORT=8080 HOST=0.0.0.0
void read_environment(const LineSink& sink, std::size_t pos) {
  const std::string_view text = sink.line.text();
  std::size_t i = pos;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const char quote = i < text.size() && (text[i] == '"' || text[i] == '\'') ? text[i] : '\0';
    if (quote != '\0') ++i;
    const std::size_t start = i;
    while (i < text.size() && (quote != '\0' ? text[i] != quote : (text[i] != ' ' && text[i] != '\t'))) ++i;
    const std::string_view assignment = text.substr(start, i - start);
    if (i < text.size() && quote != '\0') ++i;
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    add_setting_ports(sink, assignment.substr(0, eq), start + eq + 1, assignment.size() - eq - 1);
  }
}

}  // namespace

void extract_systemd(const ExtractContext& ctx) {
  const std::vector<Line> lines = split_lines(ctx.file.text());
  std::vector<Setting> settings;
  std::vector<std::optional<core::Transport>> protocols{std::nullopt};  // SocketProtocol= per section
  for (std::size_t i = 0; i < lines.size();) {
    const std::string_view t = core::trim(lines[i].text);
    if (t.empty() || is_comment_line(t, kComments)) {
      ++i;
      continue;
    }
    if (t.starts_with("[")) {
      protocols.emplace_back();
      ++i;
      continue;
    }
    LogicalLine line = join_continued(lines, i, '\\', kComments);
    const std::string_view text = line.text();
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = core::trim(text.substr(0, eq));
    if (name == "SocketProtocol") {
      protocols.back() = core::parse_transport(core::trim(text.substr(eq + 1)));
      continue;
    }
    if (const Key* key = find_key(name))
      settings.push_back({protocols.size() - 1, key, std::move(line), eq + 1});
  }
  for (const Setting& s : settings) {
    const LineSink sink{ctx, kFormat, s.line};
    const std::optional<core::Transport> protocol = protocols[s.section];
    switch (s.key->holds) {
      case Holds::kStreamSocket:
        read_socket(sink, s.value, s.key->name, protocol.value_or(core::Transport::kTcp));
        break;
      case Holds::kDatagramSocket:
        read_socket(sink, s.value, s.key->name, protocol.value_or(core::Transport::kUdp));
        break;
      case Holds::kPacketSocket:
        read_socket(sink, s.value, s.key->name, protocol);
        break;
      case Holds::kEnvironment:
        read_environment(sink, s.value);
        break;
      case Holds::kCommand:
        add_command_ports(sink, s.value, s.line.text().size() - s.value);
        break;
    }
  }
}

}  // namespace portpolicy::extract
