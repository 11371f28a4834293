#include "extract/shared/command.h"

#include <string>
#include <vector>

#include "core/text.h"
#include "extract/shared/hostport.h"
#include "extract/shared/port_keys.h"

namespace portpolicy::extract {

namespace {

using core::Role;

// What a flag's value holds.
enum class Takes : std::uint8_t {
  kNothing,  // no port at all (mysql -p is a password)
  kPort,     // port numbers: --port 3000, --ports 80,443
  kMapping,  // [ip:]published:container[/proto], as docker -p: publish then listen
  kForward,  // [bind:]port:host:hostport, as ssh -L: publish then connect
  kAddress,  // [host]:port, a URL, or a bare port: --bind 0.0.0.0:8000, --inspect=9229
};

struct FlagRule {
  std::string_view flag;      // as written, dashes included
  std::string_view programs;  // space-separated program names; empty: any program
  Takes takes;
  Role role;  // for kPort and kAddress
};

// Flags whose meaning the name alone does not tell, or tells wrongly. Specific programs
// first: the first matching row wins. Flags not listed are read by their name (see
// rule_for): *port* names take port numbers; listen/bind names and address names take
// addresses.
constexpr FlagRule kFlagRules[] = {
    {"-p", "mysql mysqladmin mysqldump mariadb mariadb-dump", Takes::kNothing, Role::kListen},  // password
    {"-p", "docker podman nerdctl", Takes::kMapping, Role::kPublish},
    {"--publish", "docker podman nerdctl", Takes::kMapping, Role::kPublish},
    {"--expose", "docker podman nerdctl", Takes::kPort, Role::kListen},
    {"-p", "", Takes::kPort, Role::kListen},  // only for p_flag_is_port() programs (see flag())
    {"-P", "scp sftp mysql mysqladmin mysqldump mariadb mariadb-dump", Takes::kPort, Role::kConnect},
    {"-L", "ssh autossh", Takes::kForward, Role::kPublish},
    {"-b", "gunicorn hypercorn", Takes::kAddress, Role::kListen},
    {"-S", "php", Takes::kAddress, Role::kListen},
    {"-l", "serve", Takes::kAddress, Role::kListen},
    {"--inspect", "", Takes::kAddress, Role::kListen},
    {"--inspect-brk", "", Takes::kAddress, Role::kListen},
    {"--host", "", Takes::kAddress, Role::kConnect},
    {"--bootstrap-server", "", Takes::kAddress, Role::kConnect},
    {"--broker-list", "", Takes::kAddress, Role::kConnect},
};

// Words after which positional arguments are ports: python -m http.server 8000,
// kubectl port-forward svc/web 8080:80.
struct WordRule {
  std::string_view word;
  Takes takes;
  Role role;
  bool once;  // only the first port that follows
};
constexpr WordRule kWordRules[] = {
    {"http.server", Takes::kPort, Role::kListen, true},
    {"SimpleHTTPServer", Takes::kPort, Role::kListen, true},
    {"port-forward", Takes::kForward, Role::kPublish, false},
};

// Programs that talk to a server: their port flags name the server's port.
constexpr std::string_view kClientPrograms =
    "ssh scp sftp autossh psql pg_isready pg_dump pg_restore pg_basebackup redis-cli valkey-cli mysql "
    "mysqladmin mysqldump mariadb mariadb-dump mongo mongosh mongodump mongorestore nc ncat netcat telnet "
    "curl wget grpcurl kcat kafkacat kafka-console-producer kafka-console-consumer kafka-topics "
    "wait-for-it wait-for cqlsh clickhouse-client nats";

// Programs that run another command: the program is the word after them.
constexpr std::string_view kWrappers =
    "env cross-env sudo exec nohup time nice npx pnpx bunx dotenv command export set declare local "
    "readonly xargs";

// Programs whose arguments are prose.
constexpr std::string_view kQuietPrograms = "echo printf";

// Variables whose value is a list of arguments for another program.
constexpr std::string_view kArgumentWords[] = {"opts",  "options", "args",   "arguments",
                                               "flags", "cmd",     "command"};

constexpr int kMaxDepth = 4;

bool in_list(std::string_view list, std::string_view word) {
  if (word.empty()) return false;
  std::size_t i = 0;
  while (i < list.size()) {
    std::size_t j = list.find(' ', i);
    if (j == std::string_view::npos) j = list.size();
    if (list.substr(i, j - i) == word) return true;
    i = j + 1;
  }
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// One shell word with quotes and escapes removed; `pos` maps each byte to the searched string.
struct Token {
  std::string text;
  std::vector<std::uint32_t> pos;
  std::uint32_t arg = 0;
  bool op = false;                               // a command separator: ; & && | || ( ) newline
  bool quoted_space = false;                     // quoted white space: the word may be a command of its own
  std::size_t first_quoted = std::string::npos;  // where the first quoted byte is in `text`
};

void put(Token& t, char c, std::size_t at) {
  t.text.push_back(c);
  t.pos.push_back(static_cast<std::uint32_t>(at));
}

// Splits a command string into words and separators. Every branch advances `i`.
std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_blank(c)) {
      ++i;
      continue;
    }
    if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
      Token t;
      t.op = true;
      out.push_back(std::move(t));
      ++i;
      continue;
    }
    if (c == '#') {  // a comment runs to the end of the line
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    Token t;
    int parens = 0;  // inside $( ... ) of this word
    while (i < s.size()) {
      const char d = s[i];
      if (parens == 0 && (is_blank(d) || d == '\n' || d == ';' || d == '&' || d == '|' || d == ')' ||
                          (d == '(' && t.text.empty()))) {
        break;
      }
      if (d == '\\' && i + 1 < s.size()) {
        if (s[i + 1] != '\n') put(t, s[i + 1], i + 1);
        i += 2;
        continue;
      }
      if (d == '\'' || d == '"') {
        if (t.first_quoted == std::string::npos) t.first_quoted = t.text.size();
        ++i;
        while (i < s.size() && s[i] != d) {
          if (d == '"' && s[i] == '\\' && i + 1 < s.size() &&
              (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`')) {
            ++i;
          }
          if (is_blank(s[i]) || s[i] == '\n') t.quoted_space = true;
          put(t, s[i], i);
          ++i;
        }
        if (i < s.size()) ++i;  // the closing quote
        continue;
      }
      if (d == '(' && !t.text.empty() && t.text.back() == '$') ++parens;
      if (d == ')' && parens > 0) --parens;
      put(t, d, i);
      ++i;
    }
    out.push_back(std::move(t));
  }
  return out;
}

// A port found inside one token's text.
struct Found {
  std::uint32_t offset;
  std::uint32_t length;
  Role role;
  std::optional<core::Transport> transport;
};

void add_numbers(std::vector<Found>& out, const std::vector<ValuePort>& nums, std::uint32_t base, Role role,
                 std::optional<core::Transport> transport = std::nullopt) {
  for (const ValuePort& n : nums) {
    out.push_back({base + n.offset, n.length, role, n.transport ? n.transport : transport});
  }
}

// docker -p: "8080:80", "127.0.0.1:8080:80/udp", "80".
std::vector<Found> read_mapping(std::string_view s) {
  std::vector<Found> out;
  for (const MappedPort& m : ports_in_mapping(s))
    out.push_back({m.port.offset, m.port.length, m.role, m.port.transport});
  return out;
}

// ssh -L [bind:]port:host:hostport, kubectl port-forward [local:]remote.
std::vector<Found> read_forward(std::string_view s) {
  const std::vector<ValueField> parts = split_colons(s);
  std::size_t local = 0;
  std::size_t remote = 0;
  switch (parts.size()) {
    case 1:
      break;  // kubectl 8080: the same port on both sides
    case 2:
      remote = 1;
      break;  // kubectl 8080:80
    case 3:
      remote = 2;
      break;  // ssh 8080:db:5432
    case 4:
      local = 1;
      remote = 3;
      break;  // ssh 127.0.0.1:8080:db:5432
    default:
      return {};
  }
  auto one = [&](std::size_t k) {
    std::vector<ValuePort> n = parts[k].text.find(',') == std::string_view::npos
                                   ? port_numbers_in_value(parts[k].text)
                                   : std::vector<ValuePort>{};
    return n.size() == 1 && !n[0].transport ? n : std::vector<ValuePort>{};
  };
  const std::vector<ValuePort> l = one(local);
  const std::vector<ValuePort> r = one(remote);
  if (l.empty() || r.empty()) return {};
  std::vector<Found> out;
  add_numbers(out, l, parts[local].offset, Role::kPublish);
  if (remote != local) add_numbers(out, r, parts[remote].offset, Role::kConnect);
  return out;
}

// A bare port ("9229"), or the ports of an address; a wildcard host is always served.
std::vector<Found> read_address(std::string_view s, Role role) {
  std::vector<Found> out;
  const std::vector<ValuePort> bare = port_numbers_in_value(s);
  if (!bare.empty()) {
    add_numbers(out, bare, 0, role);
    return out;
  }
  for (const StringPort& p : find_ports_in_text(s, HostMode::kAnyHost)) {
    out.push_back({p.offset, p.length, p.wildcard_host ? Role::kListen : role, p.transport});
  }
  return out;
}

std::vector<Found> read_value(std::string_view s, Takes takes, Role role) {
  std::vector<Found> out;
  switch (takes) {
    case Takes::kNothing:
      break;
    case Takes::kPort:
      add_numbers(out, port_numbers_in_value(s), 0, role);
      break;
    case Takes::kMapping:
      out = read_mapping(s);
      break;
    case Takes::kForward:
      out = read_forward(s);
      break;
    case Takes::kAddress:
      out = read_address(s, role);
      break;
  }
  return out;
}

bool names_far_end(std::string_view name) { return names_destination(name) || names_backing_service(name); }

// How a flag's value is read: by its row in kFlagRules, else by the flag's name.
std::optional<FlagRule> rule_for(std::string_view flag, std::string_view program) {
  for (const FlagRule& r : kFlagRules) {
    if (r.flag == flag && (r.programs.empty() || in_list(r.programs, program))) return r;
  }
  std::string_view name = flag;
  while (name.starts_with('-')) name.remove_prefix(1);
  if (name.size() < 2) return std::nullopt;  // unknown short flags say nothing
  if (is_port_key(name))
    return FlagRule{flag, "", Takes::kPort, names_far_end(name) ? Role::kConnect : Role::kListen};
  if (is_listen_key(name)) return FlagRule{flag, "", Takes::kAddress, Role::kListen};
  if (is_address_key(name)) {
    bool own_address = false;  // --addr, --http-addr, --metrics-address: where this program serves
    for (const std::string& w : key_words(name)) own_address = own_address || w == "addr" || w == "address";
    return FlagRule{flag, "", Takes::kAddress,
                    own_address && !names_far_end(name) ? Role::kListen : Role::kConnect};
  }
  return std::nullopt;
}

std::string_view basename(std::string_view word) {
  const auto slash = word.find_last_of('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

class Reader {
 public:
  explicit Reader(std::vector<CommandPort>& out) : out_(out) {}

  void read(const std::vector<Token>& tokens, CommandStart start, int depth) {
    std::size_t i = 0;
    while (i < tokens.size()) {
      std::size_t j = i;
      while (j < tokens.size() && !tokens[j].op) ++j;
      read_simple(tokens, i, j, start, depth);
      start = CommandStart::kProgram;
      i = j + 1;
    }
  }

 private:
  // One simple command: tokens [b, e).
  void read_simple(const std::vector<Token>& t, std::size_t b, std::size_t e, CommandStart start, int depth) {
    std::string program;
    bool have_program = start == CommandStart::kArguments;
    const WordRule* word_rule = nullptr;
    bool port_p = false;  // a p_flag_is_port() program is among the words so far: its -p is a port
    for (std::size_t k = b; k < e; ++k) {
      const Token& tok = t[k];
      const std::string_view text = tok.text;
      if (!have_program) {
        if (assignment(tok, depth)) continue;
        if (text.starts_with('-') || in_list(kWrappers, basename(text))) continue;
        if (tok.quoted_space && depth < kMaxDepth) {
          nested(tok, depth);
          continue;
        }
        program = std::string(basename(text));
        have_program = true;
        port_p = p_flag_is_port(program);
        continue;
      }
      if (text.size() > 1 && text.starts_with('-') && !is_digit(text[1])) {
        k = flag(t, k, e, program, port_p);
        continue;
      }
      port_p = port_p || p_flag_is_port(basename(text));  // bundle exec rails s -p 3000
      if (assignment(tok, depth)) continue;
      if (tok.quoted_space && depth < kMaxDepth) {
        nested(tok, depth);
        continue;
      }
      for (const WordRule& w : kWordRules) {
        if (text == w.word) word_rule = &w;
      }
      if (word_rule != nullptr && text != word_rule->word) {
        std::vector<Found> f = read_value(text, word_rule->takes, word_rule->role);
        if (!f.empty()) {
          emit(tok, f, program);
          if (word_rule->once) word_rule = nullptr;
          continue;
        }
      }
      if (in_list(kQuietPrograms, program)) continue;
      std::vector<Found> f;
      for (const StringPort& p : find_ports_in_text(text, HostMode::kKnownHosts)) {
        f.push_back({p.offset, p.length, Role::kConnect, p.transport});
      }
      emit(tok, f, program);
    }
  }

  // A flag at t[k]; returns the index of the last token it used.
  std::size_t flag(const std::vector<Token>& t, std::size_t k, std::size_t e, const std::string& program,
                   bool port_p) {
    const Token& tok = t[k];
    const std::string_view text = tok.text;
    const auto eq = text.find('=');
    // Java system properties: -Dserver.port=8080
    if (text.starts_with("-D") && eq != std::string_view::npos && eq > 2) {
      key_value(tok, text.substr(2, eq - 2), static_cast<std::uint32_t>(eq + 1), program);
      return k;
    }
    const std::string_view name = text.substr(0, eq);
    std::optional<FlagRule> rule = rule_for(name, program);
    if (rule && name == "-p" && rule->programs.empty() && !port_p) rule.reset();
    if (eq != std::string_view::npos) {
      const auto at = static_cast<std::uint32_t>(eq + 1);
      std::vector<Found> f;
      if (rule) {
        f = read_value(text.substr(at), rule->takes, rule->role);
      } else {
        for (const StringPort& p : find_ports_in_text(text.substr(at), HostMode::kKnownHosts)) {
          f.push_back({p.offset, p.length, Role::kConnect, p.transport});
        }
      }
      for (Found& x : f) x.offset += at;
      emit(tok, f, program);
      return k;
    }
    if (!rule || k + 1 >= e) return k;
    std::vector<Found> f = read_value(t[k + 1].text, rule->takes, rule->role);
    if (f.empty()) return k;
    emit(t[k + 1], f, program);
    return k + 1;
  }

  // NAME=value (shell assignment, make variable, docker -e argument); false when `tok` is none.
  bool assignment(const Token& tok, int depth) {
    const std::string_view text = tok.text;
    if (text.empty() || !is_ident_start(text[0])) return false;
    std::size_t n = 1;
    while (n < text.size() && is_ident(text[n])) ++n;
    if (n >= text.size() || text[n] != '=' || tok.first_quoted < n) return false;  // "A=1 cmd" is a word
    const std::string_view name = text.substr(0, n);
    const std::string_view value = text.substr(n + 1);
    bool arguments = false;
    for (const std::string& w : key_words(name)) {
      for (std::string_view a : kArgumentWords) arguments = arguments || w == a;
    }
    if (arguments && depth < kMaxDepth && !is_port_key(name) && !is_address_key(name)) {
      Token inner_tok;
      inner_tok.text = std::string(value);
      inner_tok.pos.assign(tok.pos.begin() + static_cast<std::ptrdiff_t>(n + 1), tok.pos.end());
      inner_tok.arg = tok.arg;
      std::vector<CommandPort> inner;
      Reader(inner).read(tokenize(value), CommandStart::kArguments, depth + 1);
      remap(inner_tok, inner);
      return true;
    }
    key_value(tok, name, static_cast<std::uint32_t>(n + 1), "");
    return true;
  }

  // A key (variable or property name) with its value at tok.text[at...].
  void key_value(const Token& tok, std::string_view key, std::uint32_t at, const std::string& program) {
    const std::string_view value = std::string_view(tok.text).substr(at);
    std::vector<Found> f;
    if (is_port_key(key)) {
      add_numbers(f, port_numbers_in_value(value), 0, names_far_end(key) ? Role::kConnect : Role::kListen);
    } else {
      const bool listen = is_listen_key(key);
      for (const StringPort& p : ports_in_string_value(value, is_address_key(key))) {
        f.push_back(
            {p.offset, p.length, listen || p.wildcard_host ? Role::kListen : Role::kConnect, p.transport});
      }
    }
    for (Found& x : f) x.offset += at;
    emit(tok, f, program);
  }

  void nested(const Token& tok, int depth) {
    std::vector<CommandPort> inner;
    Reader(inner).read(tokenize(tok.text), CommandStart::kProgram, depth + 1);
    remap(tok, inner);
  }

  // Ports found in tok.text, moved to the searched string's offsets.
  void remap(const Token& tok, const std::vector<CommandPort>& inner) {
    for (const CommandPort& p : inner) {
      if (!contiguous(tok, p.offset, p.length)) continue;
      CommandPort q = p;
      q.offset = tok.pos[p.offset];
      q.arg = tok.arg;
      out_.push_back(q);
    }
  }

  static bool contiguous(const Token& tok, std::uint32_t offset, std::uint32_t length) {
    if (length == 0 || static_cast<std::size_t>(offset) + length > tok.pos.size()) return false;
    for (std::uint32_t k = 1; k < length; ++k) {
      if (tok.pos[offset + k] != tok.pos[offset] + k) return false;
    }
    return true;
  }

  void emit(const Token& tok, const std::vector<Found>& found, const std::string& program) {
    const bool client = in_list(kClientPrograms, program);
    for (const Found& f : found) {
      if (!contiguous(tok, f.offset, f.length)) continue;
      CommandPort p;
      p.offset = tok.pos[f.offset];
      p.length = f.length;
      p.value = core::parse_uint(std::string_view(tok.text).substr(f.offset, f.length)).value_or(0);
      p.role = client && f.role == Role::kListen ? Role::kConnect : f.role;
      p.transport = f.transport;
      p.arg = tok.arg;
      out_.push_back(p);
    }
  }

  std::vector<CommandPort>& out_;
};

}  // namespace

std::vector<CommandPort> find_ports_in_command(std::string_view cmd, CommandStart start) {
  std::vector<CommandPort> out;
  Reader(out).read(tokenize(cmd), start, 0);
  return out;
}

std::vector<CommandPort> find_ports_in_argv(const std::vector<std::string_view>& argv, CommandStart start) {
  std::vector<Token> tokens;
  for (std::size_t a = 0; a < argv.size(); ++a) {
    Token t;
    t.text = std::string(argv[a]);
    for (std::size_t k = 0; k < argv[a].size(); ++k) {
      t.pos.push_back(static_cast<std::uint32_t>(k));
      if (is_blank(argv[a][k]) || argv[a][k] == '\n') t.quoted_space = true;
    }
    t.arg = static_cast<std::uint32_t>(a);
    tokens.push_back(std::move(t));
  }
  std::vector<CommandPort> out;
  Reader(out).read(tokens, start, 0);
  return out;
}

}  // namespace portpolicy::extract
