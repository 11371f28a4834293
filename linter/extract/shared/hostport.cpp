#include "extract/shared/hostport.h"

#include <algorithm>
#include <string>

#include "core/text.h"

namespace portpolicy::extract {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
bool is_host_char(char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; }

// Digits at `pos` (at most 6, so 70000 and 100000 are kept as invalid ports).
std::size_t digits_at(std::string_view s, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) ++n;
  return n;
}

// After the port's digits: the end, a path, a query, a list separator, space, a quote...
// but not a version's dot, another colon, userinfo's '@' or more name characters.
bool port_ends_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return true;
  const char c = s[pos];
  return !(is_alnum(c) || c == '.' || c == ':' || c == '@' || c == '_' || c == '-');
}

bool is_ipv4(std::string_view h) {
  int dots = 0;
  std::size_t run = 0;
  for (char c : h) {
    if (c == '.') {
      if (run == 0 || run > 3) return false;
      ++dots;
      run = 0;
    } else if (is_digit(c)) {
      ++run;
    } else {
      return false;
    }
  }
  return dots == 3 && run > 0 && run <= 3;
}

bool is_fqdn(std::string_view h) {
  // a.b.tld with letters in the last label: "db.example.com", "api.internal"
  const auto dot = h.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= h.size()) return false;
  for (char c : h.substr(dot + 1)) {
    if (!is_alpha(c)) return false;
  }
  return true;
}

bool has_alpha(std::string_view h) {
  for (char c : h) {
    if (is_alpha(c)) return true;
  }
  return false;
}

struct Scheme {
  std::size_t end;  // index just past "://"
  std::optional<core::Transport> transport;
};

// A scheme ending at s[pos] == ':' followed by "//".
std::optional<Scheme> scheme_before(std::string_view s, std::size_t colon) {
  if (colon + 2 >= s.size() || s[colon + 1] != '/' || s[colon + 2] != '/') return std::nullopt;
  std::size_t b = colon;
  while (b > 0 && (is_alnum(s[b - 1]) || s[b - 1] == '+' || s[b - 1] == '.' || s[b - 1] == '-')) --b;
  if (b == colon || !is_alpha(s[b])) return std::nullopt;
  Scheme sc{colon + 3, std::nullopt};
  std::string scheme = core::to_lower(s.substr(b, colon - b));
  if (scheme == "udp") sc.transport = core::Transport::kUdp;
  if (scheme == "tcp") sc.transport = core::Transport::kTcp;
  return sc;
}

// Where an interpolation ("${...}", "%{...}", "#{...}", "{{...}}", or a source language's
// "{host}" / "{$host}") ending just before `colon` starts, or npos.
std::size_t interpolation_start(std::string_view s, std::size_t colon) {
  if (colon == 0 || s[colon - 1] != '}') return std::string_view::npos;
  int depth = 0;
  // Interpolations are short; the bound keeps strings of many "}:" linear.
  for (std::size_t k = colon; k > 0 && colon - k < 256; --k) {
    const char c = s[k - 1];
    if (c == '}') ++depth;
    if (c == '{' && --depth == 0) {
      const std::size_t open = k - 1;
      if (open > 0 && (s[open - 1] == '$' || s[open - 1] == '%' || s[open - 1] == '#')) return open - 1;
      return open;  // "{{ ... }}", and a source language's f"{host}", $"{host}", "{$host}"
    }
  }
  return std::string_view::npos;
}

// A colon that is the offset operator of a shell parameter expansion whose parameter is
// special, positional or an array: ${*:2}, ${@:1:3}, ${1:5}, ${arr[@]:2}. (${NAME:8080} stays
// a default: Spring writes its defaults that way.)
bool in_parameter_expansion(std::string_view s, std::size_t colon) {
  std::size_t b = colon;
  bool special = false;
  if (b > 0 && s[b - 1] == ']') {
    const std::size_t open = s.rfind('[', b - 1);
    if (open == std::string_view::npos || colon - open > 64) return false;
    b = open;
    special = true;  // an array's elements
  }
  const std::size_t name_end = b;
  while (b > 0 && (is_alnum(s[b - 1]) || s[b - 1] == '_')) --b;
  if (b == name_end && b > 0 && std::string_view("*@#?!$-").find(s[b - 1]) != std::string_view::npos) {
    --b;
    special = true;
  }
  if (!special && b < name_end) {
    special = std::all_of(s.begin() + static_cast<std::ptrdiff_t>(b),
                          s.begin() + static_cast<std::ptrdiff_t>(name_end), is_digit);  // ${1:5}
  }
  return special && b >= 2 && s[b - 1] == '{' && s[b - 2] == '$';
}

}  // namespace

std::vector<StringPort> find_ports_in_text(std::string_view s, HostMode mode) {
  std::vector<StringPort> out;
  std::size_t i = 0;
  std::size_t url_from = 0;   // authority of the URL being read starts here
  std::size_t url_until = 0;  // ... and ends here
  std::optional<core::Transport> url_transport;
  while (i < s.size()) {
    const std::size_t colon = s.find(':', i);
    if (colon == std::string_view::npos) break;
    i = colon + 1;
    if (auto sc = scheme_before(s, colon)) {
      // The authority runs to the first '/', '?', '#' or space: [userinfo@]host[:port][,host:port]
      std::size_t end = sc->end;
      while (end < s.size() && s[end] != '/' && s[end] != '?' && s[end] != ' ' && s[end] != '"' &&
             s[end] != '\'' && s[end] != '\n' && s[end] != '\t' &&
             (s[end] != '#' || (end + 1 < s.size() && s[end + 1] == '{'))) {
        // A templated host ("{{ .Values.host }}", Ruby's "#{host}") is part of the authority,
        // spaces and all.
        const bool tag = end + 1 < s.size() && s[end + 1] == '{' &&
                         (s[end] == '$' || s[end] == '{' || s[end] == '%' || s[end] == '#');
        const std::size_t close = tag ? s.find(s[end] == '{' ? "}}" : "}", end) : std::string_view::npos;
        end = close == std::string_view::npos ? end + 1 : close + (s[end] == '{' ? 2 : 1);
      }
      end = std::min(end, s.size());
      url_from = sc->end;
      url_until = end;
      url_transport = sc->transport;
      // Skip userinfo so that user:secret@ is never read as host:port.
      const std::size_t at = s.substr(sc->end, end - sc->end).rfind('@');
      i = at == std::string_view::npos ? sc->end : sc->end + at + 1;
      continue;
    }
    const std::size_t n = digits_at(s, colon + 1);
    if (n == 0 || n > 6 || !port_ends_at(s, colon + 1 + n)) continue;
    if (in_parameter_expansion(s, colon)) continue;
    const bool in_url = colon < url_until;
    // The host part before the colon.
    std::size_t b = colon;
    bool ok = false;
    if (b > 0 && s[b - 1] == ']') {
      const std::size_t open = s.rfind('[', b - 1);
      ok = open != std::string_view::npos && (in_url || mode != HostMode::kUrlsOnly);
      b = open == std::string_view::npos ? b : open;
    } else if (const std::size_t open = interpolation_start(s, colon); open != std::string_view::npos) {
      // "${HOST}:8080", "http://{{ .Values.host }}:8080": the host is filled in later, the
      // port is written here. A lone "{host}" is a host only inside a URL ("{a}:80" may be
      // anything).
      const bool lone_brace = s[open] == '{' && open + 1 < s.size() && s[open + 1] != '{';
      ok = in_url || (mode == HostMode::kAnyHost && !lone_brace);
    } else if (in_url && b > 1 && s[b - 1] == '}' && s.rfind('{', b - 2) != std::string_view::npos &&
               s.rfind('{', b - 2) >= url_from) {
      // "http://{host}:8080", "http://{}:8080" (format fields), "http://#{host}:8080" (Ruby)
      ok = true;
    } else if (b > 1 && s[b - 1] == '>') {
      // "<UCP HOSTNAME>:30088": a placeholder host stands for a name, so it needs a URL or a
      // key that vouches for hosts.
      const std::size_t open = s.rfind('<', b - 2);
      ok = open != std::string_view::npos && (in_url || mode == HostMode::kAnyHost);
    } else {
      while (b > 0 && is_host_char(s[b - 1])) --b;
      // A wildcard host standing alone: "*:8080", "http://*:5000", ASP.NET's "http://+:5000".
      const bool wildcard = b > 0 && (s[b - 1] == '*' || s[b - 1] == '+');
      if (b == colon && wildcard && (b == 1 || !is_host_char(s[b - 2]))) --b;
      const std::string_view host = s.substr(b, colon - b);
      const char before = b > 0 ? s[b - 1] : '\0';
      if (before == ':' && !(b >= 3 && s.substr(b - 3, 3) == "://")) continue;  // a:b:c chains, IPv6
      if (in_url) {
        // "CONTROLLER://:9093": no host right after the scheme means every interface.
        ok = !host.empty() || (b >= 3 && s.substr(b - 3, 3) == "://");
      } else if (mode == HostMode::kUrlsOnly) {
        ok = false;
      } else if (host.empty()) {
        // ":8080" standing alone (a whole value, or after space, '=' or a quote)
        ok = before == '\0' || before == ' ' || before == '=' || before == '"' || before == '\'' ||
             before == ',' || before == '(';
        if (ok && before == '\0' && colon + 1 + n < s.size() && mode != HostMode::kAnyHost) {
          ok = s[colon + 1 + n] == '/' || s[colon + 1 + n] == ' ';
        }
        // A quoted ":8080" closes its quote right after the digits; in {"branches":80} the
        // quote before the colon closes a key instead.
        if (ok && (before == '"' || before == '\'')) {
          ok = colon + 1 + n < s.size() && (s[colon + 1 + n] == before || s[colon + 1 + n] == '/');
        }
      } else if (host == "*" || core::iequals(host, "localhost") || is_ipv4(host)) {
        ok = true;
      } else if (!has_alpha(host)) {
        ok = false;  // 12:30, 16:9, 1.2:3
      } else if (is_fqdn(host)) {
        ok = true;
      } else {
        ok = mode == HostMode::kAnyHost;
      }
      if (host == "+") ok = in_url;
      if (host == "*" && !in_url) ok = mode != HostMode::kUrlsOnly;
    }
    if (!ok) continue;
    StringPort p;
    p.offset = static_cast<std::uint32_t>(colon + 1);
    p.length = static_cast<std::uint32_t>(n);
    p.value = core::parse_uint(s.substr(colon + 1, n)).value_or(0);
    p.in_url = in_url;
    if (in_url) p.transport = url_transport;
    const std::string_view host = s.substr(b, colon - b);
    p.wildcard_host = host.empty() || host == "*" || host == "+" || host == "0.0.0.0" || host == "[::]" ||
                      host == "[0:0:0:0:0:0:0:0]";
    out.push_back(p);
    i = colon + 1 + n;
  }
  return out;
}

std::vector<std::string> key_words(std::string_view key) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!is_alnum(c)) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && !cur.empty()) {
      const bool prev_lower = i > 0 && key[i - 1] >= 'a' && key[i - 1] <= 'z';
      const bool next_lower = i + 1 < key.size() && key[i + 1] >= 'a' && key[i + 1] <= 'z';
      const bool prev_upper = i > 0 && key[i - 1] >= 'A' && key[i - 1] <= 'Z';
      if (prev_lower || (prev_upper && next_lower)) {
        out.push_back(cur);
        cur.clear();
      }
    }
    cur.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

namespace {

bool any_word(std::string_view key, std::initializer_list<std::string_view> wanted) {
  for (const std::string& w : key_words(key)) {
    for (std::string_view x : wanted) {
      if (w == x) return true;
    }
  }
  return false;
}

}  // namespace

bool is_address_key(std::string_view key) {
  return any_word(key, {"host", "hosts", "addr", "address", "addresses", "url", "urls", "uri", "uris",
                        "endpoint", "endpoints", "server", "servers", "broker", "brokers", "bootstrap",
                        "bootstrapservers", "listener", "listeners", "upstream", "upstreams", "proxy",
                        "dsn", "target", "targets", "backend", "backends", "voters", "hostport",
                        "connect", "connection", "listen", "bind", "peers", "seeds", "nodes", "origin"});
}

bool is_port_key(std::string_view key) {
  const std::vector<std::string> ws = key_words(key);
  // A count or a duration about ports is no port: "portCount", "num_ports", "PORT_TIMEOUT".
  static constexpr std::string_view kMeasures[] = {"count", "num", "total", "timeout", "retries", "interval",
                                                   "delay"};
  for (const std::string& w : ws) {
    for (std::string_view m : kMeasures) {
      if (w == m) return false;
    }
  }
  for (const std::string& w : ws) {
    if (w == "port" || w == "ports") return true;
  }
  // Glued forms: "serviceport", "httpport", "containerport" (lower-case keys with no
  // separators), but never "support", "report", "import", "export", "passport", "transport".
  std::string lower = core::to_lower(key);
  if (lower.size() > 4 && lower.ends_with("port")) {
    static constexpr std::string_view kNotPorts[] = {"support", "report", "import", "export", "passport",
                                                     "transport", "airport", "sport", "rapport", "deport",
                                                     "viewport", "teleport", "purport", "comport"};
    for (std::string_view n : kNotPorts) {
      if (lower.ends_with(n)) return false;
    }
    return true;
  }
  return false;
}


bool is_listen_key(std::string_view key) {
  return any_word(key, {"listen", "listener", "listeners", "bind", "serve"});
}

}  // namespace portpolicy::extract
