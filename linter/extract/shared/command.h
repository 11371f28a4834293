// Ports in shell-like command lines: package.json scripts, Dockerfile CMD/RUN, compose
// `command:`, *_OPTS variables. Format-neutral: callers map offsets back to their file.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/port_literal.h"
#include "core/transport.h"

namespace portpolicy::extract {

/// Whether a command string starts with a program name or is only its arguments
/// (NODE_OPTIONS="--inspect=9229", JAVA_OPTS="-Dserver.port=8080").
enum class CommandStart { kProgram, kArguments };

/// One port in a command. `offset` is relative to the command string, or to argv[arg].
struct CommandPort {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint64_t value = 0;
  core::Role role = core::Role::kListen;
  std::optional<core::Transport> transport;  ///< where the command says so ("53:53/udp", udp://)
  std::uint32_t arg = 0;                     ///< the argv element holding it (find_ports_in_argv)
};

/// Every port in a shell-like command string, in order: port flags (--port 3000, -p 3000,
/// --port=3000), docker's -p 8080:80 (publish:listen), ssh -L (publish:connect), listen and
/// address flags (--listen :8080, --bind 0.0.0.0:8000, --inspect=9229, --bootstrap-server
/// kafka:9093), PORT=3030 / export PORT=3030 / -Dserver.port=8080 assignments, URLs, and
/// nested commands (sh -c "...", concurrently "..."). Quotes, escapes, ;, &&, || and | are
/// understood; $VAR values are not ports, ${VAR:-3000} defaults are.
std::vector<CommandPort> find_ports_in_command(std::string_view cmd,
                                               CommandStart start = CommandStart::kProgram);

/// The same for a command given as separate arguments (exec form: ["node", "--port", "3000"],
/// or with kArguments only the arguments: ["--inspect-brk=9230"]).
std::vector<CommandPort> find_ports_in_argv(const std::vector<std::string_view>& argv,
                                            CommandStart start = CommandStart::kProgram);

}  // namespace portpolicy::extract
