#include "extract/code/code.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <tuple>
#include <unordered_map>

#include "core/text.h"
#include "extract/shared/hostport.h"
#include "extract/shared/languages.h"
#include "extract/shared/lines.h"
#include "extract/shared/line_settings.h"
#include "extract/shared/lines.h"
#include "extract/shared/port_keys.h"
#include "extract/code/names.h"
#include "extract/code/query_sources.h"


namespace portpolicy::extract {

namespace {

// One predicate of a pattern, compiled once when the query loads.
struct Predicate {
  enum class Kind { kEq, kMatch, kAnyOf, kPortName, kAddressName, kListenName, kScopeMatch, kLineMatch } kind;
  bool negated = false;
  std::uint32_t capture = 0;
  std::optional<std::uint32_t> other_capture;  // #eq? @a @b
  std::vector<std::string> values;
  std::shared_ptr<std::regex> regex;
};

// What a pattern says about its matches (#set! key value).
struct PatternInfo {
  std::vector<Predicate> predicates;
  std::optional<core::Role> role;
  bool role_from_name = false;
  bool role_from_address = false;
  bool role_from_host = false;
  std::optional<core::Transport> transport;
  HostMode mode = HostMode::kKnownHosts;
};

struct CompiledQuery {
  std::string format;
  std::string grammar;
  const TSLanguage* language = nullptr;
  TSQuery* query = nullptr;
  std::vector<PatternInfo> patterns;
  std::vector<std::string> capture_names;
  std::string error;

  CompiledQuery() = default;
  CompiledQuery(const CompiledQuery&) = delete;
  CompiledQuery& operator=(const CompiledQuery&) = delete;
  ~CompiledQuery() {
    if (query != nullptr) ts_query_delete(query);
  }
};

std::string_view node_text(const ExtractContext& ctx, TSNode n) {
  return ctx.file.text().substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

std::unique_ptr<CompiledQuery> compile(const generated::QuerySource& src) {
  auto q = std::make_unique<CompiledQuery>();
  q->format = src.format;
  q->grammar = src.grammar;
  q->language = find_language(src.grammar);
  if (q->language == nullptr) {
    q->error = std::string(src.format) + ": grammar '" + src.grammar + "' is not compiled in";
    return q;
  }
  std::uint32_t err_offset = 0;
  TSQueryError err = TSQueryErrorNone;
  const std::string_view text = src.query;
  q->query = ts_query_new(q->language, text.data(), static_cast<std::uint32_t>(text.size()), &err_offset, &err);
  if (q->query == nullptr) {
    q->error = std::string(src.format) + ": query error " + std::to_string(static_cast<int>(err)) + " at byte " +
               std::to_string(err_offset) + ": " + std::string(text.substr(err_offset, 40));
    return q;
  }
  for (std::uint32_t i = 0; i < ts_query_capture_count(q->query); ++i) {
    std::uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(q->query, i, &len);
    q->capture_names.emplace_back(name, len);
    const std::string& cname = q->capture_names.back();
    if (cname.starts_with("socket.") && !core::parse_transport(cname.substr(7))) {
      q->error = std::string(src.format) + ": unknown transport in capture @" + cname;
      return q;
    }
  }
  for (std::uint32_t p = 0; p < ts_query_pattern_count(q->query); ++p) {
    PatternInfo info;
    std::uint32_t n = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q->query, p, &n);
    std::vector<const TSQueryPredicateStep*> cur;
    auto str = [&](const TSQueryPredicateStep* s) {
      std::uint32_t len = 0;
      const char* v = ts_query_string_value_for_id(q->query, s->value_id, &len);
      return std::string(v, len);
    };
    auto finish = [&]() -> bool {
      if (cur.empty()) return true;
      if (cur[0]->type != TSQueryPredicateStepTypeString) return false;
      const std::string op = str(cur[0]);
      if (op == "set!") {
        if (cur.size() != 3) return false;
        const std::string key = str(cur[1]), value = str(cur[2]);
        if (key == "role") {
          if (value == "from-name") {
            info.role_from_name = true;
          } else if (value == "from-address") {
            info.role_from_address = true;
          } else if (value == "from-host") {
            info.role_from_host = true;
          } else if (auto r = core::parse_role(value)) {
            info.role = r;
          } else {
            return false;
          }
        } else if (key == "transport") {
          info.transport = core::parse_transport(value);
          if (!info.transport) return false;
        } else if (key == "mode") {
          if (value == "urls") info.mode = HostMode::kUrlsOnly;
          else if (value == "hosts") info.mode = HostMode::kKnownHosts;
          else if (value == "any") info.mode = HostMode::kAnyHost;
          else return false;
        } else {
          return false;
        }
        return true;
      }
      Predicate pr;
      std::string base = op;
      if (base.starts_with("not-")) {
        pr.negated = true;
        base = base.substr(4);
      }
      if (base == "eq?") pr.kind = Predicate::Kind::kEq;
      else if (base == "match?") pr.kind = Predicate::Kind::kMatch;
      else if (base == "any-of?") pr.kind = Predicate::Kind::kAnyOf;
      else if (base == "port-name?") pr.kind = Predicate::Kind::kPortName;
      else if (base == "address-name?") pr.kind = Predicate::Kind::kAddressName;
      else if (base == "listen-name?") pr.kind = Predicate::Kind::kListenName;
      else if (base == "scope-match?") pr.kind = Predicate::Kind::kScopeMatch;
      else if (base == "line-match?") pr.kind = Predicate::Kind::kLineMatch;
      else return false;
      if (cur.size() < 2 || cur[1]->type != TSQueryPredicateStepTypeCapture) return false;
      pr.capture = cur[1]->value_id;
      for (std::size_t k = 2; k < cur.size(); ++k) {
        if (cur[k]->type == TSQueryPredicateStepTypeCapture) {
          pr.other_capture = cur[k]->value_id;
        } else {
          pr.values.push_back(str(cur[k]));
        }
      }
      if (pr.kind == Predicate::Kind::kMatch || pr.kind == Predicate::Kind::kScopeMatch ||
          pr.kind == Predicate::Kind::kLineMatch) {
        if (pr.values.size() != 1) return false;
        try {
          // A leading "(?i)" makes the match case-insensitive (ECMAScript has no inline flags).
          auto flags = std::regex::ECMAScript | std::regex::optimize;
          std::string_view re = pr.values[0];
          if (re.starts_with("(?i)")) {
            flags |= std::regex::icase;
            re.remove_prefix(4);
          }
          pr.regex = std::make_shared<std::regex>(std::string(re), flags);
        } catch (const std::regex_error&) {
          return false;
        }
      }
      if (pr.kind == Predicate::Kind::kEq && pr.values.size() + (pr.other_capture ? 1 : 0) != 1) return false;
      info.predicates.push_back(std::move(pr));
      return true;
    };
    for (std::uint32_t k = 0; k < n; ++k) {
      if (steps[k].type == TSQueryPredicateStepTypeDone) {
        if (!finish()) {
          q->error = std::string(src.format) + ": bad predicate in pattern " + std::to_string(p) +
                     (cur.empty() ? "" : " (#" + str(cur[0]) + ")");
        }
        cur.clear();
      } else {
        cur.push_back(&steps[k]);
      }
    }
    // Predicates are a conjunction: test the cheap ones first (exact texts, then the name
    // tables, then regexes, then the text of whole functions and lines).
    auto cost = [](const Predicate& pr) {
      switch (pr.kind) {
        case Predicate::Kind::kEq:
        case Predicate::Kind::kAnyOf: return 0;
        case Predicate::Kind::kPortName:
        case Predicate::Kind::kAddressName:
        case Predicate::Kind::kListenName: return 1;
        case Predicate::Kind::kMatch: return 2;
        case Predicate::Kind::kScopeMatch:
        case Predicate::Kind::kLineMatch: return 3;
      }
      return 3;
    };
    std::stable_sort(info.predicates.begin(), info.predicates.end(),
                     [&](const Predicate& a, const Predicate& b) { return cost(a) < cost(b); });
    q->patterns.push_back(std::move(info));
  }
  return q;
}

// Queries compile on first use, once per process, and are shared by every thread (TSQuery is
// read-only). Compiling analyses the grammar and takes a noticeable time for the large ones
// (C++, Rust), so a language the scanned files do not use costs nothing.
struct QuerySlot {
  std::once_flag once;
  std::unique_ptr<CompiledQuery> query;
};

const CompiledQuery& compiled(std::size_t i) {
  static std::vector<QuerySlot> slots(generated::kQuerySourceCount);
  std::call_once(slots[i].once, [i] { slots[i].query = compile(generated::kQuerySources[i]); });
  return *slots[i].query;
}

const CompiledQuery* query_for(std::string_view format) {
  for (std::size_t i = 0; i < generated::kQuerySourceCount; ++i) {
    if (generated::kQuerySources[i].format != format) continue;
    const CompiledQuery& q = compiled(i);
    return q.error.empty() ? &q : nullptr;
  }
  return nullptr;
}

std::optional<TSNode> capture_node(const TSQueryMatch& m, std::uint32_t id) {
  for (std::uint16_t i = 0; i < m.capture_count; ++i) {
    if (m.captures[i].index == id) return m.captures[i].node;
  }
  return std::nullopt;
}

// Words that make a port-named identifier something about a port setting other than its
// number: option and error codes (CURLOPT_PORT = 3, CURLE_FTP_PORT_FAILED = 30), ids,
// types and formats (PORT_TYPE_TCP = 1, FORMAT_HOST_PORT = 0).
constexpr std::string_view kNotPortNumberWords[] = {"opt",  "option", "options", "failed", "error",
                                                    "err",  "code",   "flag",    "flags",  "format",
                                                    "type", "id",     "enum",    "status", "state"};

// A name for a port number: the shared key-name table, less counts of ports that it leaves
// to the name's other words (MAX_PORTS = 16, TOTAL_PORTS) and codes about ports.
bool names_port(std::string_view name) {
  if (!is_port_number_key(core::trim(name))) return false;
  const std::vector<std::string> words = key_words(name);
  const bool plural = std::find(words.begin(), words.end(), "ports") != words.end();
  // PORT_RANGE = 100 is a range's width; PORT_RANGE_START = 8000 a port.
  if (std::find(words.begin(), words.end(), "range") != words.end()) {
    static constexpr std::string_view kBounds[] = {"start", "begin", "first", "from", "low", "lo", "min", "end",
                                                   "last",  "to",    "high",  "hi",   "max", "base", "stop"};
    const bool bound = std::any_of(words.begin(), words.end(), [](const std::string& w) {
      return std::find(std::begin(kBounds), std::end(kBounds), w) != std::end(kBounds);
    });
    if (!bound) return false;
  }
  for (const std::string& w : words) {
    if (plural && (w == "max" || w == "min" || w == "total" || w == "number" || w == "n")) return false;
    if (w.ends_with("opt") || std::find(std::begin(kNotPortNumberWords), std::end(kNotPortNumberWords), w) !=
                                  std::end(kNotPortNumberWords)) {
      return false;
    }
  }
  return true;
}

// Named functions and methods, in every grammar: the scope #scope-match? reads. Lambdas and
// closures are part of the function they are written in.
constexpr std::string_view kFunctionNodes[] = {
    "function_definition", "function_declaration",    "function_item",
    "method_declaration",  "method_definition",       "constructor_declaration",
    "method",              "singleton_method",        "local_function_statement",
    "generator_function_declaration"};

// The nearest named function holding `n`, or the whole file.
TSNode enclosing_scope(TSNode n) {
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
    const std::string_view type = ts_node_type(p);
    if (std::find(std::begin(kFunctionNodes), std::end(kFunctionNodes), type) != std::end(kFunctionNodes)) {
      return p;
    }
    n = p;
  }
  return n;
}

// Whether a scope's text matches a #scope-match? regex, per (scope start, scope end, regex):
// every constant of a file shares the file as its scope, and is read once per regex.
using ScopeCache = std::map<std::tuple<std::uint32_t, std::uint32_t, const std::regex*>, bool>;

bool holds(const ExtractContext& ctx, const TSQueryMatch& m, const Predicate& p, ScopeCache& scopes) {
  auto node = capture_node(m, p.capture);
  if (!node) return true;  // an optional capture that did not match constrains nothing
  if (p.kind == Predicate::Kind::kScopeMatch) {
    const TSNode scope = enclosing_scope(*node);
    const auto key = std::make_tuple(ts_node_start_byte(scope), ts_node_end_byte(scope), p.regex.get());
    auto it = scopes.find(key);
    if (it == scopes.end()) {
      const std::string_view text = node_text(ctx, scope);
      it = scopes.emplace(key, std::regex_search(text.begin(), text.end(), *p.regex)).first;
    }
    return it->second != p.negated;
  }
  if (p.kind == Predicate::Kind::kLineMatch) {
    // The whole lines the capture spans: what a macro the grammar cannot parse says.
    const std::string_view file = ctx.file.text();
    const std::size_t start = ts_node_start_byte(*node);
    const std::size_t newline = start == 0 ? std::string_view::npos : file.rfind('\n', start - 1);
    const std::size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
    const std::size_t end = std::min(file.find('\n', ts_node_end_byte(*node)), file.size());
    return std::regex_search(file.begin() + static_cast<std::ptrdiff_t>(begin),
                             file.begin() + static_cast<std::ptrdiff_t>(end), *p.regex) != p.negated;
  }
  const std::string_view text = node_text(ctx, *node);
  bool ok = false;
  switch (p.kind) {
    case Predicate::Kind::kEq:
      if (p.other_capture) {
        auto other = capture_node(m, *p.other_capture);
        ok = other && node_text(ctx, *other) == text;
      } else {
        ok = text == p.values[0];
      }
      break;
    case Predicate::Kind::kMatch: ok = std::regex_search(text.begin(), text.end(), *p.regex); break;
    case Predicate::Kind::kAnyOf:
      ok = std::find(p.values.begin(), p.values.end(), text) != p.values.end();
      break;
    case Predicate::Kind::kPortName: ok = names_port(text); break;
    case Predicate::Kind::kAddressName: ok = is_address_key(text); break;
    case Predicate::Kind::kListenName: ok = is_listen_key(text); break;
    case Predicate::Kind::kScopeMatch:
    case Predicate::Kind::kLineMatch: break;  // read above
  }
  return ok != p.negated;
}

bool type_has(TSNode n, std::initializer_list<std::string_view> words) {
  const std::string_view type = ts_node_type(n);
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return type.find(w) != std::string_view::npos; });
}

// A number in a loop's header is a bound of the ports the loop walks through, not a port
// deployed: for (port = 1024; port < 1032; ++port), for port := 8000; ..., for port in
// range(8000, 8010), for port in 8000..8010. A list the loop walks (for port in (80, 443),
// for _, p := range []int{80, 443}) holds ports, and a loop's body is no header.
bool in_loop_header(TSNode n) {
  bool listed = false;  // inside a literal list, tuple or array on the way up
  TSNode child = n;
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); child = p, p = ts_node_parent(p)) {
    const std::string_view type = ts_node_type(p);
    if (type == "for_clause") return true;  // Go's init; condition; post
    if (type == "for_statement" || type == "for_in_statement" || type == "for_expression" ||
        type == "foreach_statement" || type == "for_range_loop" || type == "enhanced_for_statement" ||
        type == "for" || type == "c_style_for_statement") {
      const TSNode body = ts_node_child_by_field_name(p, "body", 4);
      if (!ts_node_is_null(body) && ts_node_eq(body, child)) return false;
      return !listed;
    }
    if (type_has(p, {"list", "tuple", "array", "composite_literal", "initializer"}) &&
        !type_has(p, {"argument", "parameter", "expression_list"})) {
      listed = true;
    }
    if (type_has(p, {"block", "compound_statement", "function", "method", "lambda", "class", "program",
                     "source_file", "module", "body"})) {
      return false;
    }
  }
  return false;
}

// A number added to, subtracted from or otherwise combined into a port variable (port += 1024,
// port -= 1, port *= 2) is an offset.
bool in_compound_assignment(TSNode n) {
  TSNode p = ts_node_parent(n);
  for (int depth = 0; depth < 2 && !ts_node_is_null(p); ++depth, p = ts_node_parent(p)) {
    if (!type_has(p, {"assignment"})) continue;
    for (std::uint32_t i = 0; i < ts_node_child_count(p); ++i) {
      const TSNode c = ts_node_child(p, i);
      if (ts_node_is_named(c)) continue;
      const std::string_view op = ts_node_type(c);
      if (op.size() >= 2 && op.back() == '=' && op != "==" && op != "!=" && op != "<=" && op != ">=" &&
          op != ":=" && op != "=>") {
        return true;  // +=, -=, *=, <<=, |=, ...
      }
    }
    return false;
  }
  return false;
}

// The contents of a string literal: inside its outermost quotes ('...', "...", `...`,
// """...""", r"...", @"...", f"...").
std::pair<std::uint32_t, std::uint32_t> string_contents(std::string_view text) {
  std::size_t b = text.find_first_of("\"'`");
  if (b == std::string_view::npos) return {0, static_cast<std::uint32_t>(text.size())};
  const char q = text[b];
  std::size_t e = text.find_last_of(q);
  if (e == std::string_view::npos || e <= b) return {static_cast<std::uint32_t>(b + 1), static_cast<std::uint32_t>(text.size())};
  while (b + 1 < e && text[b + 1] == q && e > 0 && text[e - 1] == q && e - b > 2) {  // triple quotes
    ++b;
    --e;
  }
  return {static_cast<std::uint32_t>(b + 1), static_cast<std::uint32_t>(e)};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Rust keeps unit tests beside the code: the byte ranges of the items (modules, functions,
// impls) marked #[cfg(test)] or #[test] (#[tokio::test], #[rstest], ...), nested ones too.
void rust_test_scopes(const ExtractContext& ctx, TSNode parent, std::vector<std::pair<std::uint32_t, std::uint32_t>>& out,
                      int depth = 0) {
  if (depth > 16) return;
  static const std::regex kTestAttribute(R"(^#\[\s*([A-Za-z_]+::)*test\s*[\](])");
  bool test_attribute = false;
  for (std::uint32_t i = 0; i < ts_node_named_child_count(parent); ++i) {
    const TSNode c = ts_node_named_child(parent, i);
    const std::string_view type = ts_node_type(c);
    if (type == "attribute_item") {
      const std::string_view t = node_text(ctx, c);
      test_attribute = test_attribute || t.find("cfg(test)") != std::string_view::npos ||
                       std::regex_search(t.begin(), t.end(), kTestAttribute);
      continue;
    }
    if (type == "line_comment" || type == "block_comment") continue;
    if (test_attribute) {
      out.emplace_back(ts_node_start_byte(c), ts_node_end_byte(c));
    } else if (type == "mod_item" || type == "impl_item") {
      const TSNode body = ts_node_child_by_field_name(c, "body", 4);
      if (!ts_node_is_null(body)) rust_test_scopes(ctx, body, out, depth + 1);
    }
    test_attribute = false;
  }
}

// One port a match found, before the patterns' findings are merged.
struct Found {
  std::uint32_t pattern = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  core::Role role = core::Role::kListen;
  std::string context;
  std::optional<core::Transport> transport;
  std::string_view receiver;  // the object the port was passed to (`sock` in sock.bind(41234))
};

// The string literals inside `n`, in order, joined by spaces into one command line that
// knows where each byte came from: exec.Command("ssh", "-p", "2222") -> "ssh -p 2222".
void collect_strings(const ExtractContext& ctx, TSNode n, LogicalLine& line) {
  const std::string_view type = ts_node_type(n);
  const std::string_view text = node_text(ctx, n);
  if (type.find("string") != std::string_view::npos && text.find_first_of("\"'`") != std::string_view::npos) {
    const auto [cb, ce] = string_contents(text);
    if (ce > cb) {
      if (!line.text().empty()) line.append(" ", ts_node_start_byte(n));
      line.append(text.substr(cb, ce - cb), ts_node_start_byte(n) + cb);
    }
    return;
  }
  for (std::uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
    collect_strings(ctx, ts_node_named_child(n, i), line);
  }
}

// A command captured whole (@port.command), as one logical line: a backslash-newline
// continues the command, as a shell reads it.
LogicalLine command_line(std::string_view text, std::uint32_t start) {
  LogicalLine line;
  std::size_t from = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    std::size_t nl = i + 1;
    if (text[nl] == '\r' && nl + 1 < text.size()) ++nl;
    if (text[nl] != '\n') {
      ++i;  // an escaped character
      continue;
    }
    line.append(text.substr(from, i - from), start + static_cast<std::uint32_t>(from));
    line.append(" ", start + static_cast<std::uint32_t>(i));
    from = nl + 1;
    i = nl;
  }
  line.append(text.substr(from), start + static_cast<std::uint32_t>(from));
  return line;
}

bool is_key_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.';
}

// One key=value setting inside a string whose value is a number.
struct NumberSetting {
  std::string_view key;
  std::uint32_t offset = 0;  // of the value's first digit
  std::uint32_t length = 0;
  bool server = false;  // "Server=host,1433": the port of an address, whatever the key
};

// The key written just before s[end] (spaces allowed before '='), or empty.
std::string_view key_before(std::string_view s, std::size_t end) {
  while (end > 0 && s[end - 1] == ' ') --end;
  std::size_t b = end;
  while (b > 0 && is_key_char(s[b - 1])) --b;
  return s.substr(b, end - b);
}

// The digits at s[b...] when they are the whole value (ended by a separator), else 0.
std::size_t value_digits(std::string_view s, std::size_t b, std::string_view enders) {
  std::size_t e = b;
  while (e < s.size() && is_digit(s[e])) ++e;
  if (e == b || e - b > 6) return 0;
  if (e < s.size() && enders.find(s[e]) == std::string_view::npos) return 0;
  return e - b;
}

// The numeric settings of a string of settings: key=value pairs of connection strings
// ("Server=db;Port=5432", "host=db port=5432", "mysql:host=db;port=3306"), query strings
// ("?port=8080&x=1") and option strings ("--port=8080"), and the defaults of placeholders
// ("${server.port:8080}", "${PORT:-3000}").
std::vector<NumberSetting> number_settings(std::string_view s) {
  std::vector<NumberSetting> out;
  for (std::size_t eq = s.find('='); eq != std::string_view::npos; eq = s.find('=', eq + 1)) {
    const std::string_view key = key_before(s, eq);
    if (key.empty()) continue;
    std::size_t vb = eq + 1;
    while (vb < s.size() && s[vb] == ' ') ++vb;
    if (const std::size_t n = value_digits(s, vb, ";&, \t\n\"')/")) {
      out.push_back({key, static_cast<std::uint32_t>(vb), static_cast<std::uint32_t>(n)});
      continue;
    }
    // SQL Server: "Server=tcp:db.example.com,1433", "Data Source=db,1433"
    if (is_address_key(key) || key == "Source") {
      std::size_t comma = vb;
      while (comma < s.size() && s[comma] != ',' && s[comma] != ';' && s[comma] != '"') ++comma;
      if (comma > vb && comma < s.size() && s[comma] == ',') {
        if (const std::size_t n = value_digits(s, comma + 1, ";\"' ")) {
          out.push_back({key, static_cast<std::uint32_t>(comma + 1), static_cast<std::uint32_t>(n), true});
        }
      }
    }
  }
  for (std::size_t open = s.find("${"); open != std::string_view::npos; open = s.find("${", open + 2)) {
    std::size_t ke = open + 2;
    while (ke < s.size() && is_key_char(s[ke])) ++ke;
    if (ke == open + 2 || ke >= s.size() || s[ke] != ':') continue;
    std::size_t vb = ke + 1;
    if (vb < s.size() && (s[vb] == '-' || s[vb] == '=')) ++vb;
    if (const std::size_t n = value_digits(s, vb, "}")) {
      if (vb + n < s.size()) {
        out.push_back({s.substr(open + 2, ke - open - 2), static_cast<std::uint32_t>(vb),
                       static_cast<std::uint32_t>(n)});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const NumberSetting& a, const NumberSetting& b) { return a.offset < b.offset; });
  return out;
}

// True when a string of settings names the host it connects to ("Server=db;Port=5432",
// "host=db port=5432", "mysql:host=db;dbname=x"): its port is that host's. A wildcard
// host ("--host=0.0.0.0 --port=8080") is a server's own.
bool names_remote_host(std::string_view s) {
  for (std::size_t eq = s.find('='); eq != std::string_view::npos; eq = s.find('=', eq + 1)) {
    const std::string_view key = key_before(s, eq);
    if (key.empty() || is_port_key(key)) continue;
    bool host = is_address_key(key);
    for (const std::string& w : key_words(key)) host = host || w == "database" || w == "dbname";
    if (!host) continue;
    std::size_t vb = eq + 1;
    while (vb < s.size() && s[vb] == ' ') ++vb;
    std::size_t ve = vb;
    while (ve < s.size() && s[ve] != ';' && s[ve] != ' ' && s[ve] != '&' && s[ve] != ',') ++ve;
    const std::string_view value = s.substr(vb, ve - vb);
    if (!value.empty() && !is_wildcard_host(value)) return true;
  }
  return false;
}

}  // namespace

std::size_t decimal_literal_digits(std::string_view t) {
  if (t.empty() || !is_digit(t[0])) return 0;
  // 017, 0x1F, 0b11, 0o17: octal, hex and binary are bitmasks and modes, not ports.
  if (t.size() > 1 && t[0] == '0' && (is_digit(t[1]) || std::string_view("xXbBoO").find(t[1]) != std::string_view::npos))
    return 0;
  std::size_t e = 0;
  while (e < t.size() && is_digit(t[e])) ++e;
  if (e > 6) return 0;
  if (e < t.size() && (t[e] == '.' || t[e] == 'e' || t[e] == 'E' || t[e] == '_')) return 0;  // floats, 8_080
  return e;
}

std::vector<CodeLanguage> code_languages() {
  std::vector<CodeLanguage> out;
  for (std::size_t i = 0; i < generated::kQuerySourceCount; ++i) {
    const auto& s = generated::kQuerySources[i];
    out.push_back({s.format, s.grammar, s.query});
  }
  return out;
}

bool is_code_format(std::string_view format) {
  for (std::size_t i = 0; i < generated::kQuerySourceCount; ++i) {
    if (generated::kQuerySources[i].format == format) return true;
  }
  return false;
}

std::vector<std::string> check_code_queries() {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < generated::kQuerySourceCount; ++i) {
    const CompiledQuery& q = compiled(i);
    if (!q.error.empty()) problems.push_back(q.error);
  }
  return problems;
}

// The depth of the subtree under the cursor's node (0 for a leaf). The cursor's moves are
// constant-time; asking a node for its parent is not (the runtime walks down from the root).
std::uint32_t subtree_depth(TSTreeCursor* c) {
  std::uint32_t depth = 0, deepest = 0;
  if (!ts_tree_cursor_goto_first_child(c)) return 0;
  depth = 1;
  for (;;) {
    deepest = std::max(deepest, depth);
    if (ts_tree_cursor_goto_first_child(c)) {
      ++depth;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(c)) {
      ts_tree_cursor_goto_parent(c);
      if (--depth == 0) return deepest;
    }
  }
}

// The parts of a tree the query runs over. The query cursor of the tree-sitter runtime
// spends time in proportion to a node's depth on every node it visits, so a subtree nested
// thousands of levels deep (a chain of 3,000 method calls, a concatenation of 3,000 strings)
// costs the square of its depth. Such a subtree is left out, and reported; what is around
// it is read. The query also runs in slices of the file, so that the deadline is checked
// between them.
struct QueryPlan {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;   // byte ranges to query
  std::vector<std::pair<std::uint32_t, std::uint32_t>> skipped;  // too deep: left out
  std::uint32_t depth = 0;                                        // of the deepest part skipped
};

constexpr std::uint32_t kMaxQueryDepth = 1000;  // no hand-written code nests this deep
constexpr std::uint32_t kSliceBytes = 256 * 1024;  // the deadline is checked between slices

void plan_node(TSTreeCursor* c, std::uint32_t level, QueryPlan& plan, bool& gap) {
  const TSNode n = ts_tree_cursor_current_node(c);
  const std::uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  TSTreeCursor probe = ts_tree_cursor_copy(c);
  const std::uint32_t depth = subtree_depth(&probe);
  ts_tree_cursor_delete(&probe);
  const bool deep = level + depth > kMaxQueryDepth;
  const bool big = e - b > kSliceBytes && level < 4 && ts_node_child_count(n) > 0;
  if (!deep && !big) {
    // Merged with the range before when nothing was left out between them.
    if (!gap && !plan.ranges.empty() && e - plan.ranges.back().first <= kSliceBytes) {
      plan.ranges.back().second = e;
    } else {
      plan.ranges.emplace_back(b, e);
    }
    gap = false;
    return;
  }
  // Deep or big: read its children one by one, down to the statements of a function; a
  // subtree deeper than that is left out.
  if (level < 4 && ts_tree_cursor_goto_first_child(c)) {
    do {
      plan_node(c, level + 1, plan, gap);
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
    return;
  }
  if (!deep) {
    plan.ranges.emplace_back(b, e);
    gap = false;
    return;
  }
  plan.skipped.emplace_back(b, e);
  plan.depth = std::max(plan.depth, level + depth);
  gap = true;
}

QueryPlan plan_query(TSNode root) {
  QueryPlan plan;
  TSTreeCursor c = ts_tree_cursor_new(root);
  bool gap = false;
  if (ts_node_end_byte(root) <= kSliceBytes) {
    TSTreeCursor probe = ts_tree_cursor_copy(&c);
    const std::uint32_t depth = subtree_depth(&probe);
    ts_tree_cursor_delete(&probe);
    if (depth <= kMaxQueryDepth) plan.ranges.emplace_back(ts_node_start_byte(root), ts_node_end_byte(root));
  }
  if (plan.ranges.empty()) plan_node(&c, 0, plan, gap);
  ts_tree_cursor_delete(&c);
  return plan;
}

// Runs the query over a parsed text (the file's, or the file's with names substituted):
// every port its patterns find, by offset in that text. Command lines go to ctx directly.
std::vector<Found> run_query(const ExtractContext& ctx, const CompiledQuery* q, TSNode root, const QueryPlan& plan) {
  TSQueryCursor* cursor = ts_query_cursor_new();
  std::vector<Found> found;
  // Variables holding sockets of a known transport (@socket.udp): `sock` in
  // `const sock = dgram.createSocket("udp4")`.
  std::vector<std::pair<std::string_view, core::Transport>> sockets;
  ScopeCache scopes;
  TSQueryMatch m;
  std::size_t range = 0;
  std::uint32_t since_check = 0;
  // The next match of the query, slice after slice of the plan.
  const auto next_match = [&]() {
    for (;;) {
      if (range > 0 && ts_query_cursor_next_match(cursor, &m)) {
        if (++since_check == 256) {
          since_check = 0;
          check_deadline(ctx.parsers.deadline());
        }
        return true;
      }
      if (range == plan.ranges.size()) return false;
      check_deadline(ctx.parsers.deadline());
      ts_query_cursor_set_byte_range(cursor, plan.ranges[range].first, plan.ranges[range].second);
      ts_query_cursor_exec(cursor, q->query, root);
      ++range;
    }
  };
  struct CursorDeleter {
    TSQueryCursor* c;
    ~CursorDeleter() { ts_query_cursor_delete(c); }
  } cursor_deleter{cursor};
  while (next_match()) {
    const PatternInfo& info = q->patterns[m.pattern_index];
    bool ok = true;
    for (const Predicate& p : info.predicates) {
      if (!holds(ctx, m, p, scopes)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    // Context: the call or names that made the literal a port. The names (@port.name, and
    // @port.scope for the keys, variables or sections around it) also give the role.
    std::string context;
    std::vector<std::string_view> names;
    std::vector<std::string_view> own_names;  // @port.name only: the literal's own name
    std::string_view receiver;
    // The pattern's transport, or the one a network argument names (net.Listen("udp", ...)).
    std::optional<core::Transport> transport = info.transport;
    for (std::uint16_t i = 0; i < m.capture_count; ++i) {
      const std::string& cname = q->capture_names[m.captures[i].index];
      if (cname == "port.network" && node_text(ctx, m.captures[i].node).starts_with("udp")) {
        transport = core::Transport::kUdp;
      }
      if (cname.starts_with("socket.")) {
        sockets.emplace_back(node_text(ctx, m.captures[i].node), *core::parse_transport(cname.substr(7)));
      } else if (cname == "port.receiver") {
        receiver = node_text(ctx, m.captures[i].node);
      }
      if (cname == "port.call" || cname == "port.name" || cname == "port.key" || cname == "port.scope") {
        std::string_view t = node_text(ctx, m.captures[i].node);
        if (t.size() > 80) t = t.substr(0, 80);
        if (cname != "port.call") names.push_back(t);
        if (cname == "port.name") own_names.push_back(t);
        context += (context.empty() ? "" : " ") + std::string(t);
      }
    }
    // from-name: connect when any name speaks of something the program talks to.
    core::Role role = info.role.value_or(core::Role::kListen);
    if (info.role_from_name || info.role_from_address) {
      // A port name says its side (DB_PORT connects); an address name connects unless it
      // names a listener (bind, LISTEN_ADDR), like the config formats' address keys.
      role = core::Role::kListen;
      // Every name captured speaks for the role together: "Redis.new(port: 6379)" names the
      // receiver and the key, "{ db: { port } }" the section and the key.
      std::string all_names;
      for (std::string_view n : names) all_names.append(core::trim(n)).push_back(' ');
      role = role_for_name(core::trim(all_names));
      // The literal's own name may be an address rather than a port (REDIS_ADDR, hosts):
      // such a name connects unless it names a listener (bind, LISTEN_ADDR). The sections
      // around it (server: {...}) say nothing of the kind.
      const bool port_named = std::any_of(own_names.begin(), own_names.end(),
                                          [](std::string_view n) { return is_port_number_key(core::trim(n)); });
      for (std::string_view n : own_names) {
        const std::string_view name = core::trim(n);
        if (!port_named && holds_address(name) && !is_listen_key(name)) role = core::Role::kConnect;
      }
    }
    const bool listen_name =
        std::any_of(names.begin(), names.end(), [](std::string_view n) { return is_listen_key(n); });
    auto record = [&](std::uint32_t s, std::uint32_t e, core::Role r, std::string c,
                      std::optional<core::Transport> t) {
      found.push_back({m.pattern_index, s, e, r, std::move(c), t, receiver});
    };
    for (std::uint16_t i = 0; i < m.capture_count; ++i) {
      const std::string& cname = q->capture_names[m.captures[i].index];
      const TSNode node = m.captures[i].node;
      const std::uint32_t start = ts_node_start_byte(node);
      const std::string_view t = node_text(ctx, node);
      if (cname == "port") {
        if (in_loop_header(node) || in_compound_assignment(node)) continue;
        // An integer (8080, 8_080 is not written for ports; 8080L / 8080u suffixes are), or a
        // string holding only digits ("8080"). Hex and octal are bitmasks, not ports.
        std::uint32_t b = 0;
        if (!t.empty() && !is_digit(t[0])) {
          auto [cb, ce] = string_contents(t);
          if (ce <= cb) continue;
          const std::string_view inner = t.substr(cb, ce - cb);
          if (inner.empty() || inner.size() > 6 || !std::all_of(inner.begin(), inner.end(), is_digit)) continue;
          record(start + cb, start + ce, role, context, transport);
          continue;
        }
        const auto e = static_cast<std::uint32_t>(decimal_literal_digits(t));
        if (e == 0) continue;
        record(start + b, start + e, role, context, transport);
      } else if (cname == "port.command") {
        // A command line run by the program: read like a Dockerfile's RUN, which decides
        // the side itself (servers listen, clients connect, ssh forwards publish). A shell
        // command is its own text; elsewhere the command is the strings inside the call
        // (exec.Command("ssh", "-p", "2222") -> "ssh -p 2222").
        LogicalLine line;
        if (q->format == "shell") {
          line = command_line(t, start);
        } else {
          collect_strings(ctx, node, line);
        }
        if (!line.text().empty()) add_command_ports(LineSink{ctx, q->format, line}, 0, line.text().size());
      } else if (cname == "port.string" || cname == "port.settings") {
        auto [cb, ce] = string_contents(t);
        if (ce <= cb) continue;
        const std::string_view inner = t.substr(cb, ce - cb);
        if (cname == "port.settings") {
          for (const NumberSetting& ns : number_settings(inner)) {
            if (!ns.server && !names_port(ns.key)) continue;
            const std::uint32_t s = start + cb + ns.offset;
            std::string all_names;
            for (std::string_view n : names) all_names.append(n).push_back(' ');
            core::Role r = role_for_name(all_names + std::string(ns.key));
            if (r == core::Role::kListen && !is_listen_key(ns.key) && names_remote_host(inner))
              r = core::Role::kConnect;
            r = info.role.value_or(r);
            record(s, s + ns.length, r, context.empty() ? std::string(ns.key) : context, transport);
          }
        }
        for (const StringPort& sp : find_ports_in_text(inner, info.mode)) {
          const std::uint32_t s = start + cb + sp.offset;
          // "0.0.0.0:8080", ":8080", "http://[::]:8080": only a listener's address.
          core::Role r = info.role.value_or(is_wildcard_host(host_before_port(inner, sp.offset)) ? core::Role::kListen
                                            : sp.in_url                                          ? core::Role::kConnect
                                                                                                 : role);
          if (info.role_from_address && !sp.in_url) {
            // An address: a wildcard host (0.0.0.0:80, :80) or a listen name is a listener;
            // any other host is something the program talks to.
            r = listen_name || is_wildcard_host(host_before_port(inner, sp.offset)) ? core::Role::kListen
                                                                                   : core::Role::kConnect;
          }
          if (info.role_from_host) {
            // Only a server binds to no host, 0.0.0.0 or [::]; a named host is a destination.
            const bool listen = is_wildcard_host(host_before_port(inner, sp.offset)) || listen_name;
            r = listen ? core::Role::kListen : core::Role::kConnect;
          }
          record(s, s + sp.length, r, context.empty() ? "string" : context,
                 transport ? transport : sp.transport);
        }
      }
    }
  }
  // A port passed to a socket of a known transport (sock.bind(41234), sock.send(msg, 53, host))
  // is of that transport.
  for (Found& f : found) {
    if (f.transport || f.receiver.empty()) continue;
    for (const auto& [name, transport] : sockets) {
      if (name == f.receiver) f.transport = transport;
    }
  }
  return found;
}

void extract_code(const ExtractContext& ctx, std::string_view format) {
  const CompiledQuery* q = query_for(format);
  if (q == nullptr) return;
  Tree tree = parse_for(ctx, q->grammar, ctx.file.text());
  if (!tree) return;
  const TSNode root = ts_tree_root_node(tree.get());
  const QueryPlan plan = plan_query(root);
  for (const auto& [b, e] : plan.skipped) {
    ctx.problem(b, "too-deep",
                "code nested " + std::to_string(plan.depth) + " levels deep: bytes " + std::to_string(b) + "-" +
                    std::to_string(e) + " were not read (more than " + std::to_string(kMaxQueryDepth) + ")");
  }
  std::vector<Found> found = run_query(ctx, q, root, plan);
  // A port written into a name and used elsewhere: the query runs again over the text with
  // each followed use replaced by its literal, and what it finds there is the literal's.
  if (std::optional<NameSubstitution> sub = substitute_names(q->format, ctx.file.text(), root)) {
    check_deadline(ctx.parsers.deadline());
    const core::SourceFile substituted(ctx.file.path(), std::move(sub->text));
    std::vector<core::PortLiteral> ignored;  // command lines: read in the file as written
    const ExtractContext sub_ctx{substituted, ctx.parsers, ignored, nullptr};
    // Parsed again from the file's tree, told of each edit (last first, so that the offsets
    // of the ones before stay those of the file), and queried only around the uses.
    Tree edited(ts_tree_copy(tree.get()));
    for (auto it = sub->uses.rbegin(); it != sub->uses.rend(); ++it) {
      const core::LineCol at = ctx.file.position(it->name_start);
      const TSPoint from{at.line - 1, at.column - 1};
      TSInputEdit edit{it->name_start, it->name_end, it->name_start + (it->end - it->start),
                       from, TSPoint{from.row, from.column + (it->name_end - it->name_start)},
                       TSPoint{from.row, from.column + (it->end - it->start)}};
      ts_tree_edit(edited.get(), &edit);
    }
    Tree sub_tree = parse_for(sub_ctx, q->grammar, substituted.text(), 0, edited.get());
    if (sub_tree) {
      const TSNode sub_root = ts_tree_root_node(sub_tree.get());
      std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
      for (const NameUse& u : sub->uses) spans.emplace_back(u.around_start, u.around_end);
      std::sort(spans.begin(), spans.end());
      // Ranges near each other are read as one: each range starts the cursor again from the
      // root, which walks the siblings before it.
      constexpr std::uint32_t kJoinGap = 16 * 1024;
      QueryPlan around;
      for (const auto& [b, e] : spans) {
        if (!around.ranges.empty() && b <= around.ranges.back().second + kJoinGap) {
          around.ranges.back().second = std::max(around.ranges.back().second, e);
        } else {
          around.ranges.emplace_back(b, e);
        }
      }
      if (around.ranges.size() > 64) around = plan_query(sub_root);
      for (Found& f : run_query(sub_ctx, q, sub_root, around)) {
        const NameUse* use = sub->use_at(f.start, f.end);
        if (use == nullptr) continue;
        const std::uint32_t offset = f.start - use->start, length = f.end - f.start;
        f.start = use->literal_start + offset;
        f.end = f.start + length;
        f.context = (f.context.empty() ? std::string("port") : f.context) + " through " + use->name;
        f.receiver = {};
        // After the file's own: a literal the query finds where it is written keeps that reading.
        f.pattern += static_cast<std::uint32_t>(q->patterns.size());
        found.push_back(std::move(f));
      }
    }
  }
  // Two patterns may find one literal: the one written first in the query file wins, so a
  // query lists its specific patterns (a UDP socket, a client call) before general ones.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> test_scopes;
  if (q->format == "rust") rust_test_scopes(ctx, ts_tree_root_node(tree.get()), test_scopes);
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.pattern < b.pattern;
  });
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && found[i].start == found[i - 1].start && found[i].end == found[i - 1].end) continue;
    ctx.add(found[i].start, found[i].end, found[i].role, q->format, std::move(found[i].context), found[i].transport);
  }
  for (core::PortLiteral& lit : ctx.out) {
    lit.in_test_scope = lit.in_test_scope || std::any_of(test_scopes.begin(), test_scopes.end(), [&](const auto& r) {
      return lit.start >= r.first && lit.end <= r.second;
    });
  }
}

}  // namespace portpolicy::extract
