// nginx configuration: listen sockets, upstream servers, *_pass targets and URLs in
// directive arguments. Numbers of other directives (worker_connections 1024,
// keepalive_timeout 65, expires 30d) are never ports.
#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/lines.h"

namespace portpolicy::extract {

namespace {

constexpr std::string_view kFormat = "nginx";

// What a directive's first argument holds.
enum class Holds {
  kListen,    // listen 80; listen [::]:443 ssl; listen 127.0.0.1:8080; listen 53 udp;
  kUpstream,  // server backend:8080 weight=5; (inside an upstream block only)
  kTarget,    // proxy_pass http://app:8080; fastcgi_pass php:9000;
};
struct Directive {
  std::string_view name;
  Holds holds;
  std::string_view block;  // the directive counts only inside this block, or anywhere
};
constexpr Directive kDirectives[] = {
    {"listen", Holds::kListen, ""},     {"server", Holds::kUpstream, "upstream"},
    {"proxy_pass", Holds::kTarget, ""}, {"fastcgi_pass", Holds::kTarget, ""},
    {"grpc_pass", Holds::kTarget, ""},  {"uwsgi_pass", Holds::kTarget, ""},
    {"scgi_pass", Holds::kTarget, ""},  {"memcached_pass", Holds::kTarget, ""},
    {"resolver", Holds::kTarget, ""},   {"proxy_redirect", Holds::kTarget, ""},
};

// Parameters of listen that say the socket is UDP (HTTP/3 runs over QUIC, which is UDP).
constexpr std::string_view kUdpListenParameters[] = {"udp", "quic"};

struct Token {
  std::uint32_t start = 0;  // file offset of the token's text (inside quotes when quoted)
  std::string_view text;
  char punct = '\0';  // ';', '{' or '}' for those tokens
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A template tag ("{{ port }}", "{% if ssl %}") starting at `i`: where it ends, or 0. Files
// rendered by Jinja or Go templates must not open and close blocks with their braces.
std::size_t template_end(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size() || text[i] != '{' || (text[i + 1] != '{' && text[i + 1] != '%')) return 0;
  const std::string_view close = text[i + 1] == '{' ? "}}" : "%}";
  const auto end = text.find(close, i + 2);
  return end == std::string_view::npos ? 0 : end + 2;
}

// nginx's own lexer: words and quoted strings, ';' '{' '}', '#' comments at a word's start.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '#') {
      const auto nl = text.find('\n', i);
      i = nl == std::string_view::npos ? text.size() : nl + 1;
    } else if (const std::size_t t = template_end(text, i); t != 0 && text[i + 1] == '%') {
      i = t;  // "{% if ssl %}" is no part of a directive
    } else if (c == ';' || (c == '{' && template_end(text, i) == 0) || c == '}') {
      out.push_back({static_cast<std::uint32_t>(i), text.substr(i, 1), c});
      ++i;
    } else if (c == '"' || c == '\'') {
      std::size_t k = i + 1;
      while (k < text.size() && text[k] != c) k += text[k] == '\\' ? 2 : 1;
      k = std::min(k, text.size());
      out.push_back({static_cast<std::uint32_t>(i + 1), text.substr(i + 1, k - i - 1)});
      i = k + 1;
    } else {
      std::size_t k = i;
      while (k < text.size() && !is_space(text[k]) && text[k] != ';' && text[k] != '}' &&
             (text[k] != '{' || template_end(text, k) != 0)) {
        // "${var}" and template tags keep their braces inside the word
        if (text[k] == '$' && k + 1 < text.size() && text[k + 1] == '{') {
          const auto close = text.find('}', k);
          if (close != std::string_view::npos) {
            k = close + 1;
            continue;
          }
        }
        if (const std::size_t t = template_end(text, k); t != 0) {
          k = t;
          continue;
        }
        k += text[k] == '\\' && k + 1 < text.size() ? 2 : 1;
      }
      k = std::min(k, text.size());
      out.push_back({static_cast<std::uint32_t>(i), text.substr(i, k - i)});
      i = k;
    }
  }
  return out;
}

const Directive* find_directive(std::string_view name, std::string_view block) {
  for (const Directive& d : kDirectives) {
    if (d.name == name && (d.block.empty() || d.block == block)) return &d;
  }
  return nullptr;
}

void add(const ExtractContext& ctx, const Token& t, std::size_t off, std::size_t len, core::Role role,
         std::string_view context, std::optional<core::Transport> transport = std::nullopt) {
  const std::uint32_t start = t.start + static_cast<std::uint32_t>(off);
  ctx.add(start, start + static_cast<std::uint32_t>(len), role, kFormat, std::string(context), transport);
}

// "80", "8000-8010", "[::]:443", "127.0.0.1:8080", "*:80", "localhost:80"; not "unix:/path".
void add_listen(const ExtractContext& ctx, const std::vector<Token>& args) {
  if (args.empty() || args[0].text.starts_with("unix:")) return;
  std::optional<core::Transport> transport;
  for (std::size_t k = 1; k < args.size(); ++k) {
    for (std::string_view p : kUdpListenParameters) {
      if (args[k].text == p) transport = core::Transport::kUdp;
    }
  }
  const std::string_view addr = args[0].text;
  const auto colon = addr.rfind(':');
  const std::size_t port = colon == std::string_view::npos ? 0 : colon + 1;
  if (colon != std::string_view::npos && addr.find(']') != std::string_view::npos && addr.find(']') > colon) {
    return;  // "[::1]" without a port
  }
  for (const auto& [off, n] : port_numbers(addr.substr(port))) {
    add(ctx, args[0], port + off, n, core::Role::kListen, "listen", transport);
  }
}

}  // namespace

void extract_nginx(const ExtractContext& ctx) {
  const std::vector<Token> tokens = tokenize(ctx.file.text());
  std::vector<std::string_view> blocks;  // names of the enclosing blocks
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (tokens[i].punct == '}') {
      if (!blocks.empty()) blocks.pop_back();
      ++i;
      continue;
    }
    if (tokens[i].punct != '\0') {
      ++i;
      continue;
    }
    // One directive: name, arguments, then ';' or '{'.
    const Token& name = tokens[i++];
    std::vector<Token> args;
    while (i < tokens.size() && tokens[i].punct == '\0') args.push_back(tokens[i++]);
    const char end = i < tokens.size() ? tokens[i].punct : ';';
    if (i < tokens.size() && end != '}') ++i;
    const std::string_view block = blocks.empty() ? std::string_view{} : blocks.back();
    if (end == '{') {
      blocks.push_back(name.text);
      continue;
    }
    const Directive* d = find_directive(name.text, block);
    if (d != nullptr && d->holds == Holds::kListen) {
      add_listen(ctx, args);
      continue;
    }
    for (std::size_t k = 0; k < args.size(); ++k) {
      // An upstream server or a *_pass target is an address even without a scheme; in
      // other directives only URLs and known hosts count.
      const bool address = d != nullptr && k == 0;
      const HostMode mode = address ? HostMode::kAnyHost : HostMode::kUrlsOnly;
      if (args[k].text.starts_with("unix:")) continue;
      for (const StringPort& p : find_ports_in_text(args[k].text, mode)) {
        add(ctx, args[k], p.offset, p.length, core::Role::kConnect, name.text, p.transport);
      }
    }
  }
}

}  // namespace portpolicy::extract
