#include "core/port_literal.h"

namespace portpolicy::core {

namespace {
constexpr std::string_view kRoleNames[] = {"listen", "publish", "connect", "rule"};
}

std::string_view to_string(Role r) { return kRoleNames[static_cast<int>(r)]; }

std::optional<Role> parse_role(std::string_view s) {
  for (int i = 0; i < 4; ++i) {
    if (kRoleNames[i] == s) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace portpolicy::core

namespace portpolicy::core {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_' || c == '*' || c == '+' || c == '%' || c == '$' || c == '{' || c == '}';
}
// An expression's last token: identifiers joined by '.', '::' or '->' (self.host, Ipv4Addr::LOCALHOST).
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == ':' || c == '$' || c == '@' || c == '-' || c == '>' || c == '&' || c == '*';
}
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The start of the expression that ends at text[e - 1], within [lb, e): a quoted string, a
// bracketed group with the name before it (f(x), [127, 0, 0, 1]), or a name.
std::optional<std::size_t> expression_start(std::string_view text, std::size_t lb, std::size_t e) {
  if (e <= lb) return std::nullopt;
  const char c = text[e - 1];
  if (c == '"' || c == '\'' || c == '`') {
    if (e - 1 <= lb) return std::nullopt;
    const std::size_t open = text.rfind(c, e - 2);
    if (open == std::string_view::npos || open < lb) return std::nullopt;
    return open;
  }
  std::size_t b = e;
  if (c == ')' || c == ']' || c == '}') {
    int depth = 0;
    while (b > lb) {
      const char d = text[b - 1];
      if (d == ')' || d == ']' || d == '}') ++depth;
      if (d == '(' || d == '[' || d == '{') --depth;
      --b;
      if (depth == 0) break;
    }
    if (depth != 0) return std::nullopt;
  }
  while (b > lb && is_name_char(text[b - 1])) --b;
  return b < e ? std::optional<std::size_t>(b) : std::nullopt;
}

}  // namespace

std::optional<std::string> host_before_port(std::string_view text, std::uint32_t start) {
  if (start == 0 || start > text.size()) return std::nullopt;
  const std::size_t nl = text.rfind('\n', start - 1);
  const std::size_t lb = nl == std::string_view::npos ? 0 : nl + 1;
  std::size_t i = start;
  if (text[i - 1] == ':' && !(i >= lb + 2 && text[i - 2] == ' ')) {
    // host:port, [v6]:port, :port
    const std::size_t colon = i - 1;
    std::size_t b = colon;
    if (b > lb && text[b - 1] == ']') {
      const std::size_t open = text.rfind('[', b - 1);
      if (open == std::string_view::npos || open < lb) return std::nullopt;
      b = open;
    } else {
      while (b > lb && is_host_char(text[b - 1])) --b;
    }
    return std::string(text.substr(b, colon - b));
  }
  // A quoted port ("0") stands inside its quotes.
  if (text[i - 1] == '"' || text[i - 1] == '\'') --i;
  while (i > lb && is_space(text[i - 1])) --i;
  // A keyword argument or key (port=0, Port: 0, :port => 0): the argument before it.
  if (i > lb && (text[i - 1] == '=' || text[i - 1] == ':' || text[i - 1] == '>')) {
    --i;
    if (i > lb && text[i - 1] == '=') --i;  // =>
    while (i > lb && is_space(text[i - 1])) --i;
    while (i > lb && (is_name_char(text[i - 1]) || text[i - 1] == '"' || text[i - 1] == '\'') &&
           text[i - 1] != ':') {
      --i;
    }
    if (i > lb && text[i - 1] == ':') --i;  // Ruby's :port
    while (i > lb && is_space(text[i - 1])) --i;
  }
  if (i <= lb || text[i - 1] != ',') return std::nullopt;
  --i;
  while (i > lb && is_space(text[i - 1])) --i;
  const std::optional<std::size_t> b = expression_start(text, lb, i);
  if (!b) return std::nullopt;
  std::string_view expr = text.substr(*b, i - *b);
  // host: "127.0.0.1", host="::1", :host => "localhost": the value, not its name
  for (std::size_t k = 0; k < expr.size(); ++k) {
    const char c = expr[k];
    if (c == '"' || c == '\'' || c == '(' || c == '[') break;
    if ((c == '=' || (c == ':' && (k + 1 >= expr.size() || expr[k + 1] != ':'))) && k > 0) {
      std::size_t v = k + 1;
      if (v < expr.size() && expr[v] == '>') ++v;
      while (v < expr.size() && is_space(expr[v])) ++v;
      expr = expr.substr(v);
      break;
    }
    if (c == ':' && k + 1 < expr.size() && expr[k + 1] == ':') ++k;
  }
  if (expr.empty() || all_digits(expr)) return std::nullopt;  // timeout=5, 0: no host
  return std::string(expr);
}

}  // namespace portpolicy::core
