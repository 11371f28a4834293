#include "extract/code/names.h"

#include <algorithm>
#include <map>
#include <span>
#include <tuple>
#include <unordered_map>

#include "extract/code/code.h"
#include "extract/shared/hostport.h"

namespace portpolicy::extract {

namespace {

using Types = std::span<const std::string_view>;

// A node that binds a name to a value: its type, and the fields holding the name and the
// value (no value field: the value is its last named child, as C#'s variable_declarator).
struct BindingShape {
  std::string_view type;
  std::string_view name_field;
  std::string_view value_field;
  bool assigns = true;  // written with "=" (C's #define is not)
};

// How one language writes names, numbers, bindings and the places a port is read from.
struct NameRules {
  std::string_view format;
  Types names;                          // identifier node types
  Types numbers;                        // integer literal node types
  std::span<const BindingShape> bindings;
  Types mutations;                      // n += 1, n++, for n in ...: the name is not a constant
  Types sites;                          // where a substituted literal can be read as a port
  Types carriers;                       // between a site and the use: (host, n), [a, n], {port: n}
};

constexpr std::string_view kFunctions[] = {
    "function_definition", "function_declaration", "function_item",       "method_declaration",
    "method_definition",   "constructor_declaration", "method",           "singleton_method",
    "local_function_statement", "generator_function_declaration", "func_literal", "function_expression",
    "arrow_function",      "lambda",                 "closure_expression", "anonymous_function",
};

// Fields that hold a name, never a value: a use found there is not one.
constexpr std::string_view kNameFields[] = {"name", "key", "left", "function", "object", "property",
                                            "attribute", "field", "type", "pattern", "declarator"};

constexpr std::string_view kCommonSites[] = {"argument_list", "arguments", "keyword_argument", "pair",
                                             "assignment", "assignment_expression", "assignment_statement",
                                             "field_initializer", "keyed_element", "argument"};
constexpr std::string_view kCommonCarriers[] = {
    "tuple",           "list",          "array",           "parenthesized_expression", "expression_list",
    "initializer_list", "array_expression", "tuple_expression", "literal_value",       "literal_element",
    "field_initializer_list", "struct_expression", "object",  "dictionary",           "hash",
    "array_initializer", "initializer_expression", "array_creation_expression", "collection_expression",
    "argument", "keyed_element", "pair", "keyword_argument"};

constexpr std::string_view kIdentifier[] = {"identifier"};

constexpr std::string_view kPyNumbers[] = {"integer"};
constexpr BindingShape kPyBindings[] = {{"assignment", "left", "right"}};
constexpr std::string_view kPyMutations[] = {"augmented_assignment", "for_statement", "named_expression",
                                             "global_statement", "nonlocal_statement"};

constexpr std::string_view kJsNumbers[] = {"number"};
constexpr BindingShape kJsBindings[] = {{"variable_declarator", "name", "value"},
                                        {"assignment_expression", "left", "right"}};
constexpr std::string_view kJsMutations[] = {"augmented_assignment_expression", "update_expression",
                                             "for_in_statement"};

constexpr std::string_view kGoNumbers[] = {"int_literal"};
constexpr BindingShape kGoBindings[] = {{"short_var_declaration", "left", "right"},
                                        {"var_spec", "name", "value"},
                                        {"const_spec", "name", "value"},
                                        {"assignment_statement", "left", "right"}};
constexpr std::string_view kGoMutations[] = {"inc_statement", "dec_statement", "range_clause"};

constexpr std::string_view kJavaNumbers[] = {"decimal_integer_literal"};
constexpr BindingShape kJavaBindings[] = {{"variable_declarator", "name", "value"},
                                          {"assignment_expression", "left", "right"}};
constexpr std::string_view kJavaMutations[] = {"update_expression", "enhanced_for_statement"};

constexpr std::string_view kCNumbers[] = {"number_literal", "preproc_arg"};
constexpr BindingShape kCBindings[] = {{"init_declarator", "declarator", "value"},
                                       {"assignment_expression", "left", "right"},
                                       {"preproc_def", "name", "value", false}};
constexpr std::string_view kCMutations[] = {"update_expression", "for_range_loop"};

constexpr std::string_view kRustNumbers[] = {"integer_literal"};
constexpr BindingShape kRustBindings[] = {{"let_declaration", "pattern", "value"},
                                          {"const_item", "name", "value"},
                                          {"static_item", "name", "value"},
                                          {"assignment_expression", "left", "right"}};
constexpr std::string_view kRustMutations[] = {"compound_assignment_expr", "for_expression"};

constexpr std::string_view kRubyNames[] = {"identifier", "constant"};
constexpr std::string_view kRubyNumbers[] = {"integer"};
constexpr BindingShape kRubyBindings[] = {{"assignment", "left", "right"}};
constexpr std::string_view kRubyMutations[] = {"operator_assignment", "for"};

constexpr std::string_view kCsNumbers[] = {"integer_literal"};
constexpr BindingShape kCsBindings[] = {{"variable_declarator", "name", ""},
                                        {"assignment_expression", "left", "right"}};
constexpr std::string_view kCsMutations[] = {"postfix_unary_expression", "prefix_unary_expression",
                                             "for_each_statement"};

constexpr std::string_view kPhpNames[] = {"variable_name"};
constexpr std::string_view kPhpNumbers[] = {"integer"};
constexpr BindingShape kPhpBindings[] = {{"assignment_expression", "left", "right"}};
constexpr std::string_view kPhpMutations[] = {"augmented_assignment_expression", "update_expression",
                                              "foreach_statement"};

constexpr NameRules kRules[] = {
    {"python", kIdentifier, kPyNumbers, kPyBindings, kPyMutations, kCommonSites, kCommonCarriers},
    {"javascript", kIdentifier, kJsNumbers, kJsBindings, kJsMutations, kCommonSites, kCommonCarriers},
    {"typescript", kIdentifier, kJsNumbers, kJsBindings, kJsMutations, kCommonSites, kCommonCarriers},
    {"tsx", kIdentifier, kJsNumbers, kJsBindings, kJsMutations, kCommonSites, kCommonCarriers},
    {"go", kIdentifier, kGoNumbers, kGoBindings, kGoMutations, kCommonSites, kCommonCarriers},
    {"java", kIdentifier, kJavaNumbers, kJavaBindings, kJavaMutations, kCommonSites, kCommonCarriers},
    {"c", kIdentifier, kCNumbers, kCBindings, kCMutations, kCommonSites, kCommonCarriers},
    {"cpp", kIdentifier, kCNumbers, kCBindings, kCMutations, kCommonSites, kCommonCarriers},
    {"rust", kIdentifier, kRustNumbers, kRustBindings, kRustMutations, kCommonSites, kCommonCarriers},
    {"ruby", kRubyNames, kRubyNumbers, kRubyBindings, kRubyMutations, kCommonSites, kCommonCarriers},
    {"csharp", kIdentifier, kCsNumbers, kCsBindings, kCsMutations, kCommonSites, kCommonCarriers},
    {"php", kPhpNames, kPhpNumbers, kPhpBindings, kPhpMutations, kCommonSites, kCommonCarriers},
};

const NameRules* rules_for(std::string_view format) {
  for (const NameRules& r : kRules) {
    if (r.format == format) return &r;
  }
  return nullptr;
}

bool in(Types types, std::string_view t) { return std::find(types.begin(), types.end(), t) != types.end(); }
template <std::size_t N>
bool in(const std::string_view (&types)[N], std::string_view t) {
  return std::find(std::begin(types), std::end(types), t) != std::end(types);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }

std::string_view text_of(std::string_view text, TSNode n) {
  const std::uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return e <= text.size() && b <= e ? text.substr(b, e - b) : std::string_view{};
}

// The one node of an expression list of one (Go's `p := 8080`), or the node itself.
TSNode single(TSNode n) {
  if (ts_node_is_null(n)) return n;
  const std::string_view t = ts_node_type(n);
  if (t == "expression_list" || t == "pattern_list") {
    return ts_node_named_child_count(n) == 1 ? ts_node_named_child(n, 0) : TSNode{};
  }
  return n;
}

// A decimal literal that can be a port (1-65535), suffixes such as u16 or L allowed.
bool port_literal(std::string_view t) {
  const std::size_t digits = decimal_literal_digits(t);
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < digits; ++i) v = v * 10 + static_cast<std::uint32_t>(t[i] - '0');
  return v >= 1 && v <= 65535;
}

// Between a binding's name and its value: "=", ":=", ": int =", never "+=" or "==".
bool plain_assignment(std::string_view between) {
  while (!between.empty() && (between.back() == ' ' || between.back() == '\t')) between.remove_suffix(1);
  if (between.empty() || between.back() != '=') return false;
  if (between.size() == 1) return true;
  const char before = between[between.size() - 2];
  return std::string_view("+-*/%&|^<>!=~?.").find(before) == std::string_view::npos;
}

// Words that make a name a count, a size or a measure, whatever calls take it.
constexpr std::string_view kMeasureWords[] = {
    "count", "num", "number", "size", "len", "length", "max", "min", "limit", "timeout", "retries", "retry",
    "attempts", "threads", "workers", "delay", "interval", "ms", "sec", "secs", "seconds", "backlog", "capacity",
    "total", "index", "idx", "width", "height", "depth", "level", "version", "id", "code", "status"};

bool names_a_measure(std::string_view name) {
  for (const std::string& w : key_words(name)) {
    if (std::find(std::begin(kMeasureWords), std::end(kMeasureWords), w) != std::end(kMeasureWords)) return true;
  }
  return false;
}

// What is known of one name in one scope.
struct Bound {
  std::uint32_t literal_start = 0;
  std::uint32_t literal_end = 0;
  std::uint32_t at = 0;       // where the binding is written
  int literals = 0;           // bindings to a literal
  bool other = false;         // bound to anything else, or changed
};

struct Use {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t around_start = 0;  // the site's parent: the call, the object, the statement
  std::uint32_t around_end = 0;
  std::vector<std::uint32_t> scopes;  // the scopes around it, innermost first (start bytes; root last)
  std::vector<TSNode> functions;      // the functions around it, innermost first
};

// What a node type is to the walk, looked up once per type: ts_node_type() returns the
// same pointer for every node of a type, so the cache is keyed by it.
enum Kind : std::uint8_t {
  kNone = 0,
  kName = 1,
  kNumber = 2,
  kMutation = 4,
  kFunction = 8,
  kSite = 16,
  kCarrier = 32,
  kBinding = 64,
};

class Walker {
 public:
  Walker(const NameRules& rules, std::string_view text) : rules_(rules), text_(text) {}

  std::uint8_t kind(const char* type) {
    auto it = kinds_.find(type);
    if (it != kinds_.end()) return it->second;
    const std::string_view t = type;
    std::uint8_t k = kNone;
    if (in(rules_.names, t)) k |= kName;
    if (in(rules_.numbers, t)) k |= kNumber;
    if (in(rules_.mutations, t)) k |= kMutation;
    if (in(kFunctions, t)) k |= kFunction;
    if (in(rules_.sites, t)) k |= kSite;
    if (in(rules_.carriers, t)) k |= kCarrier;
    for (const BindingShape& b : rules_.bindings) {
      if (b.type == t) k |= kBinding;
    }
    kinds_.emplace(type, k);
    return k;
  }
  bool is(TSNode n, Kind k) { return (kind(ts_node_type(n)) & k) != 0; }

  std::optional<NameSubstitution> run(TSNode root) {
    root_start_ = ts_node_start_byte(root);
    walk(root);
    return substitute();
  }

 private:
  static constexpr std::size_t kMaxDepth = 1000;  // deeper code is not read by the queries either

  void walk(TSNode root) {
    TSTreeCursor c = ts_tree_cursor_new(root);
    std::vector<TSNode> path;
    std::vector<TSNode> functions;
    for (;;) {
      const TSNode n = ts_tree_cursor_current_node(&c);
      visit(n, path, functions);
      const bool is_function = is(n, kFunction);
      if (path.size() < kMaxDepth && ts_tree_cursor_goto_first_child(&c)) {
        path.push_back(n);
        if (is_function) functions.push_back(n);
        continue;
      }
      while (!ts_tree_cursor_goto_next_sibling(&c)) {
        if (path.empty() || !ts_tree_cursor_goto_parent(&c)) {
          ts_tree_cursor_delete(&c);
          return;
        }
        if (!functions.empty() && ts_node_eq(functions.back(), path.back())) functions.pop_back();
        path.pop_back();
      }
    }
  }

  std::uint32_t scope_of(const std::vector<TSNode>& functions) const {
    return functions.empty() ? root_start_ : ts_node_start_byte(functions.back()) + 1;
  }

  void visit(TSNode n, const std::vector<TSNode>& path, const std::vector<TSNode>& functions) {
    const std::uint8_t k = kind(ts_node_type(n));
    if (k == kNone || !ts_node_is_named(n)) return;
    if ((k & kBinding) != 0) {
      const std::string_view type = ts_node_type(n);
      for (const BindingShape& b : rules_.bindings) {
        if (type == b.type) binding(n, b, functions);
      }
    }
    if ((k & kMutation) != 0) mutation(n, functions);
    if ((k & kName) != 0) use(n, path, functions);
  }

  void binding(TSNode n, const BindingShape& shape, const std::vector<TSNode>& functions) {
    const TSNode name = single(ts_node_child_by_field_name(n, shape.name_field.data(),
                                                           static_cast<std::uint32_t>(shape.name_field.size())));
    if (ts_node_is_null(name) || !is(name, kName)) return;
    TSNode value;
    if (shape.value_field.empty()) {
      const std::uint32_t count = ts_node_named_child_count(n);
      value = count >= 2 ? ts_node_named_child(n, count - 1) : TSNode{};
    } else {
      value = single(ts_node_child_by_field_name(n, shape.value_field.data(),
                                                 static_cast<std::uint32_t>(shape.value_field.size())));
    }
    Bound& b = bound_[{std::string(text_of(text_, name)), scope_of(functions)}];
    if (ts_node_is_null(value)) return;  // a declaration without a value: `int port;`
    const std::uint32_t name_end = ts_node_end_byte(name);
    std::uint32_t value_start = ts_node_start_byte(value), value_end = ts_node_end_byte(value);
    // A macro's value is its text: "#define PORT 7001" holds the literal with spaces around it.
    while (value_start < value_end && (text_[value_start] == ' ' || text_[value_start] == '\t')) ++value_start;
    while (value_end > value_start && std::string_view(" \t\r\n").find(text_[value_end - 1]) != std::string_view::npos)
      --value_end;
    const std::string_view value_text = text_.substr(value_start, value_end - value_start);
    const bool literal = is(value, kNumber) && port_literal(value_text) &&
                         value_start >= name_end &&
                         (!shape.assigns || plain_assignment(text_.substr(name_end, value_start - name_end)));
    if (!literal) {
      b.other = true;
      return;
    }
    if (b.literals > 0 && value_text != text_.substr(b.literal_start, b.literal_end - b.literal_start)) {
      b.other = true;  // two different literals: which one reaches the use is a guess
    }
    if (b.literals == 0) {
      b.literal_start = value_start;
      b.literal_end = value_end;
      b.at = ts_node_start_byte(n);
    }
    ++b.literals;
  }

  void mutation(TSNode n, const std::vector<TSNode>& functions) {
    // Every name the node writes: the left side, the argument, or the loop variable.
    bool any_field = false;
    for (std::string_view field : {std::string_view("left"), std::string_view("argument"), std::string_view("name")}) {
      const TSNode t = single(ts_node_child_by_field_name(n, field.data(), static_cast<std::uint32_t>(field.size())));
      if (ts_node_is_null(t)) continue;
      any_field = true;
      if (is(t, kName)) bound_[{std::string(text_of(text_, t)), scope_of(functions)}].other = true;
    }
    if (any_field) return;
    // No fields (Go's n++, Python's global n): every name it holds.
    for (std::uint32_t i = 0; i < ts_node_named_child_count(n) && i < 8; ++i) {
      const TSNode t = ts_node_named_child(n, i);
      if (is(t, kName)) bound_[{std::string(text_of(text_, t)), scope_of(functions)}].other = true;
    }
  }

  // Whether `child` sits in a field of `parent` that names rather than holds a value.
  static bool in_name_field(TSNode parent, TSNode child) {
    for (std::string_view f : kNameFields) {
      const TSNode x = ts_node_child_by_field_name(parent, f.data(), static_cast<std::uint32_t>(f.size()));
      if (!ts_node_is_null(x) && ts_node_eq(x, child)) return true;
    }
    return false;
  }

  void use(TSNode n, const std::vector<TSNode>& path, const std::vector<TSNode>& functions) {
    // Up through carriers ((host, n), [n], {port: n}) to a site, at most four levels.
    TSNode child = n;
    std::size_t site = path.size();
    for (std::size_t up = 0; up < 4 && up < path.size(); ++up) {
      const TSNode parent = path[path.size() - 1 - up];
      const std::uint8_t pk = kind(ts_node_type(parent));
      if ((pk & (kSite | kCarrier)) == 0 || in_name_field(parent, child)) return;
      if ((pk & kSite) != 0) {
        site = path.size() - 1 - up;
        break;
      }
      child = parent;
    }
    if (site == path.size()) return;
    Use u;
    u.start = ts_node_start_byte(n);
    u.end = ts_node_end_byte(n);
    const TSNode around = path[site >= 2 ? site - 2 : 0];
    u.around_start = ts_node_start_byte(around);
    u.around_end = ts_node_end_byte(around);
    for (auto it = functions.rbegin(); it != functions.rend(); ++it) {
      u.scopes.push_back(ts_node_start_byte(*it) + 1);
      u.functions.push_back(*it);
    }
    u.scopes.push_back(root_start_);
    uses_.emplace_back(std::string(text_of(text_, n)), std::move(u));
  }

  // Whether a function takes a parameter called `name` (it then hides any other binding).
  bool has_parameter(TSNode function, std::string_view name) const {
    TSNode params = ts_node_child_by_field_name(function, "parameters", 10);
    if (ts_node_is_null(params)) {  // C and C++: the declarator holds them
      const TSNode decl = ts_node_child_by_field_name(function, "declarator", 10);
      if (!ts_node_is_null(decl)) params = ts_node_child_by_field_name(decl, "parameters", 10);
    }
    if (ts_node_is_null(params)) {  // a lambda's single parameter: x => ...
      params = ts_node_child_by_field_name(function, "parameter", 9);
    }
    if (ts_node_is_null(params)) return false;
    const std::string_view t = text_of(text_, params);
    for (std::size_t at = t.find(name); at != std::string_view::npos; at = t.find(name, at + 1)) {
      const bool left = at == 0 || !is_word(t[at - 1]);
      const bool right = at + name.size() >= t.size() || !is_word(t[at + name.size()]);
      if (left && right) return true;
    }
    return false;
  }

  std::optional<NameSubstitution> substitute() {
    std::vector<NameUse> out;
    for (const auto& [name, u] : uses_) {
      const Bound* found = nullptr;
      bool hidden = false;
      bool same_scope = false;
      for (std::size_t i = 0; i < u.scopes.size(); ++i) {
        auto it = bound_.find({name, u.scopes[i]});
        if (it != bound_.end()) {
          found = &it->second;
          same_scope = i == 0;
          break;
        }
        if (i < u.functions.size() && has_parameter(u.functions[i], name)) {
          hidden = true;
          break;
        }
      }
      if (hidden || found == nullptr || found->other || found->literals != 1 || names_a_measure(name)) continue;
      if (same_scope && found->at > u.start) continue;  // used before it is bound
      // start/end become the literal's place in the substituted text once it is built.
      out.push_back({.start = u.start, .end = u.end, .name_start = u.start, .name_end = u.end,
                     .literal_start = found->literal_start, .literal_end = found->literal_end,
                     .around_start = u.around_start, .around_end = u.around_end, .name = name});
    }
    if (out.empty()) return std::nullopt;
    std::sort(out.begin(), out.end(), [](const NameUse& a, const NameUse& b) { return a.start < b.start; });
    NameSubstitution s;
    std::uint32_t copied = 0;
    for (NameUse& nu : out) {
      if (nu.start < copied) continue;
      s.text.append(text_.substr(copied, nu.start - copied));
      const std::uint32_t at = static_cast<std::uint32_t>(s.text.size());
      s.text.append(text_.substr(nu.literal_start, nu.literal_end - nu.literal_start));
      copied = nu.end;
      nu.start = at;
      nu.end = static_cast<std::uint32_t>(s.text.size());
      s.uses.push_back(nu);
    }
    s.text.append(text_.substr(copied));
    // Where the expressions around the uses stand in the substituted text: each offset moves
    // by what the substitutions before it added.
    std::vector<std::uint32_t> ends;    // each use's name end in the file
    std::vector<std::int64_t> deltas;   // what the uses up to and including it added
    std::int64_t delta = 0;
    for (const NameUse& u : s.uses) {
      delta += static_cast<std::int64_t>(u.end - u.start) - static_cast<std::int64_t>(u.name_end - u.name_start);
      ends.push_back(u.name_end);
      deltas.push_back(delta);
    }
    const auto moved = [&](std::uint32_t x) {
      const auto k = static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), x) - ends.begin());
      return static_cast<std::uint32_t>(static_cast<std::int64_t>(x) + (k == 0 ? 0 : deltas[k - 1]));
    };
    for (NameUse& u : s.uses) {
      u.around_start = moved(u.around_start);
      u.around_end = moved(u.around_end);
    }
    return s;
  }

  const NameRules& rules_;
  std::string_view text_;
  std::uint32_t root_start_ = 0;
  std::unordered_map<const char*, std::uint8_t> kinds_;
  std::map<std::pair<std::string, std::uint32_t>, Bound> bound_;  // (name, scope) -> what it is bound to
  std::vector<std::pair<std::string, Use>> uses_;
};

// The words just before `end` in `text`, skipping blanks: up to `count` of them.
void words_before(std::string_view text, std::size_t end, int count, std::vector<std::string_view>& out) {
  std::size_t i = end;
  for (int w = 0; w < count; ++w) {
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == ':')) --i;
    const std::size_t e = i;
    while (i > 0 && is_word(text[i - 1])) --i;
    if (i == e) return;
    out.push_back(text.substr(i, e - i));
  }
}

// A quick look at the text before the tree is walked: is some name bound to a port-like
// literal ("n = 8001", "n := 8001", "n: u16 = 8001", "#define N 8001") used again where a
// value goes ("(n", ", n", ": n", "= n")? Most files have none, and are not walked.
bool may_follow(std::string_view text) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < text.size() && names.size() < 4096; ++i) {
    if (!is_digit(text[i]) || (i > 0 && (is_word(text[i - 1]) || text[i - 1] == '.'))) continue;
    std::size_t e = i;
    while (e < text.size() && is_digit(text[e])) ++e;
    const std::string_view digits = text.substr(i, e - i);
    i = e;
    if (!port_literal(text.substr(i - digits.size(), e - (i - digits.size())))) continue;
    std::size_t b = i - digits.size();
    while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
    if (b > 0 && text[b - 1] == '=') {
      if (b > 1 && std::string_view("+-*/%&|^<>!=~?.").find(text[b - 2]) != std::string_view::npos) continue;
      words_before(text, b - 1, 3, names);  // "n =", "n: u16 =", "var n int ="
    } else if (b > 0 && is_word(text[b - 1])) {
      std::vector<std::string_view> two;
      words_before(text, b, 2, two);
      if (two.size() == 2 && two[1] == "define") names.push_back(two[0]);
    }
  }
  if (names.empty()) return false;
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_word(text[i]) || is_digit(text[i]) || (i > 0 && is_word(text[i - 1]))) continue;
    std::size_t e = i;
    while (e < text.size() && is_word(text[e])) ++e;
    const std::string_view word = text.substr(i, e - i);
    std::size_t b = i;
    while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
    const bool value_place = b > 0 && std::string_view("(,:=[{").find(text[b - 1]) != std::string_view::npos;
    if (value_place && std::binary_search(names.begin(), names.end(), word)) {
      // Not the binding itself: "n = 8001" has a value after it.
      std::size_t a = e;
      while (a < text.size() && (text[a] == ' ' || text[a] == '\t')) ++a;
      if (a >= text.size() || text[a] != '=' || (a + 1 < text.size() && text[a + 1] == '=')) return true;
    }
    i = e - 1;
  }
  return false;
}

}  // namespace

const NameUse* NameSubstitution::use_at(std::uint32_t start, std::uint32_t end) const {
  auto it = std::upper_bound(uses.begin(), uses.end(), start, [](std::uint32_t s, const NameUse& u) { return s < u.start; });
  if (it == uses.begin()) return nullptr;
  --it;
  return start >= it->start && end <= it->end ? &*it : nullptr;
}

bool follows_names(std::string_view format) { return rules_for(format) != nullptr; }

std::optional<NameSubstitution> substitute_names(std::string_view format, std::string_view text, TSNode root) {
  const NameRules* rules = rules_for(format);
  if (rules == nullptr || ts_node_is_null(root) || !may_follow(text)) return std::nullopt;
  return Walker(*rules, text).run(root);
}

}  // namespace portpolicy::extract
