#include "extract/formats.h"

#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "extract/code/code.h"

namespace portpolicy::extract {

namespace {

// Source languages share one extractor, told which query to run.
#define PP_CODE_FORMAT(fn, name) \
  void fn(const ExtractContext& ctx) { extract_code(ctx, name); }
PP_CODE_FORMAT(extract_python, "python")
PP_CODE_FORMAT(extract_javascript, "javascript")
PP_CODE_FORMAT(extract_typescript, "typescript")
PP_CODE_FORMAT(extract_tsx, "tsx")
PP_CODE_FORMAT(extract_go, "go")
PP_CODE_FORMAT(extract_java, "java")
PP_CODE_FORMAT(extract_c, "c")
PP_CODE_FORMAT(extract_cpp, "cpp")
PP_CODE_FORMAT(extract_rust, "rust")
PP_CODE_FORMAT(extract_ruby, "ruby")
PP_CODE_FORMAT(extract_csharp, "csharp")
PP_CODE_FORMAT(extract_php, "php")
PP_CODE_FORMAT(extract_shell, "shell")
#undef PP_CODE_FORMAT

// Source files by extension.
struct Extension {
  std::string_view ext;
  std::string_view format;
};
constexpr Extension kCodeExtensions[] = {
    {".py", "python"},     {".pyw", "python"},    {".js", "javascript"}, {".mjs", "javascript"},
    {".cjs", "javascript"}, {".jsx", "javascript"}, {".ts", "typescript"}, {".mts", "typescript"},
    {".cts", "typescript"}, {".tsx", "tsx"},       {".go", "go"},          {".java", "java"},
    {".c", "c"},           {".h", "cpp"},          {".cc", "cpp"},         {".cpp", "cpp"},
    {".cxx", "cpp"},       {".hpp", "cpp"},        {".hh", "cpp"},         {".hxx", "cpp"},
    {".rs", "rust"},       {".rb", "ruby"},        {".cs", "csharp"},      {".php", "php"},
    {".sh", "shell"},      {".bash", "shell"},     {".ksh", "shell"},      {".zsh", "shell"},
};

// "#!/usr/bin/env python3", "#!/bin/sh": the language of a script without an extension.
std::string_view shebang_format(std::string_view text) {
  if (!text.starts_with("#!")) return {};
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.find("python") != std::string_view::npos) return "python";
  if (line.find("node") != std::string_view::npos) return "javascript";
  if (line.find("ruby") != std::string_view::npos) return "ruby";
  if (line.find("php") != std::string_view::npos) return "php";
  for (std::string_view sh : {"/sh", "bash", "/ksh", "/zsh", "/dash", "env sh"}) {
    if (line.find(sh) != std::string_view::npos) return "shell";
  }
  return {};
}

constexpr Format kFormats[] = {
    {"yaml", &extract_yaml},           {"json", &extract_json},     {"toml", &extract_toml},
    {"env", &extract_env},             {"properties", &extract_properties},
    {"ini", &extract_ini},             {"nginx", &extract_nginx},   {"systemd", &extract_systemd},
    {"dockerfile", &extract_dockerfile}, {"hcl", &extract_hcl},
    {"python", &extract_python},       {"javascript", &extract_javascript},
    {"typescript", &extract_typescript}, {"tsx", &extract_tsx},
    {"go", &extract_go},               {"java", &extract_java},     {"c", &extract_c},
    {"cpp", &extract_cpp},             {"rust", &extract_rust},     {"ruby", &extract_ruby},
    {"csharp", &extract_csharp},       {"php", &extract_php},       {"shell", &extract_shell},
};

// Suffixes that mark a copy of a config file to fill in, or a template that renders one
// (Jinja, Go templates, ERB): the file is read as the format under the suffix.
constexpr std::string_view kCopySuffixes[] = {".example", ".sample", ".dist",   ".template", ".tmpl",
                                              ".orig",    ".default", ".defaults", ".local",  ".j2",
                                              ".jinja",   ".jinja2",  ".tpl",    ".gotmpl",   ".erb"};

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// nginx configuration: blocks and directives that no INI file has.
bool looks_like_nginx(std::string_view text) {
  const std::string_view head = text.substr(0, 64 * 1024);
  const bool block = head.find("server {") != std::string_view::npos ||
                     head.find("http {") != std::string_view::npos ||
                     head.find("upstream ") != std::string_view::npos ||
                     head.find("location ") != std::string_view::npos ||
                     head.find("server{") != std::string_view::npos;
  const bool directive = head.find("listen ") != std::string_view::npos ||
                         head.find("proxy_pass ") != std::string_view::npos ||
                         head.find("server_name ") != std::string_view::npos;
  return block && directive;
}

// How many embedded files the current thread is inside.
thread_local int embed_depth = 0;

}  // namespace

bool extract_embedded(const ExtractContext& ctx, std::string_view name, std::uint32_t start, std::uint32_t end,
                      std::string_view where) {
  if (embed_depth >= 2 || end <= start || end > ctx.file.text().size()) return false;
  const std::string_view text = ctx.file.text().substr(start, end - start);
  const Format* format = detect_format(name, text);
  if (format == nullptr) return false;
  const core::SourceFile inner{std::string(name), std::string(text)};
  std::vector<core::PortLiteral> found;
  std::vector<FileProblem> problems;
  const ExtractContext inner_ctx{inner, ctx.parsers, found, ctx.problems != nullptr ? &problems : nullptr};
  struct Depth {
    Depth() { ++embed_depth; }
    ~Depth() { --embed_depth; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
  } depth;
  format->extract(inner_ctx);
  for (core::PortLiteral& p : found) {
    p.start += start;
    p.end += start;
    p.context = p.context.empty() ? std::string(where) : p.context + " in " + std::string(where);
    ctx.out.push_back(std::move(p));
  }
  for (FileProblem& p : problems) ctx.problem(p.offset + start, std::move(p.kind), p.message + " (in " + std::string(where) + ")");
  return true;
}

const Format* find_format(std::string_view name) {
  for (const Format& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool format_needs_content(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name.find('.') == std::string_view::npos;
}

const Format* detect_format(std::string_view path, std::string_view text) {
  const auto slash = path.find_last_of('/');
  std::string name = core::to_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  const std::string lower_path = core::to_lower(path);
  bool copy = false;
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view s : kCopySuffixes) {
      if (name.size() > s.size() && ends_with(name, s) && name != ".env" + std::string(s)) {
        name.resize(name.size() - s.size());
        stripped = copy = true;
      }
    }
  }
  // Lock files pin package versions and hashes: numbers there are never ports.
  if (name == "package-lock.json" || name == "npm-shrinkwrap.json" || name == "pnpm-lock.yaml" ||
      name == ".terraform.lock.hcl" || name == "packages.lock.json" || ends_with(name, ".lock.json") ||
      ends_with(name, "-lock.json") || ends_with(name, "-lock.yaml") || ends_with(name, ".lock.yaml")) {
    return nullptr;
  }
  if (name == "dockerfile" || name.starts_with("dockerfile.") || ends_with(name, ".dockerfile") ||
      name == "containerfile" || name.starts_with("containerfile.")) {
    return find_format("dockerfile");
  }
  if (name == ".env" || name.starts_with(".env.") || ends_with(name, ".env")) return find_format("env");
  // "env.example", "env.sample": a copy of an env file named without its dot.
  if (name == "env" && copy && !text.starts_with("#!")) return find_format("env");
  if (ends_with(name, ".yml") || ends_with(name, ".yaml")) return find_format("yaml");
  if (ends_with(name, ".json") || ends_with(name, ".jsonc")) return find_format("json");
  if (ends_with(name, ".toml")) return find_format("toml");
  if (ends_with(name, ".properties")) return find_format("properties");
  if (ends_with(name, ".tf") || ends_with(name, ".tfvars") || ends_with(name, ".hcl")) return find_format("hcl");
  if (ends_with(name, ".service") || ends_with(name, ".socket")) return find_format("systemd");
  if (name == "nginx.conf" || ends_with(name, ".nginx") || ends_with(name, ".nginxconf")) return find_format("nginx");
  if (ends_with(name, ".conf")) {
    if (lower_path.find("nginx") != std::string::npos || looks_like_nginx(text)) return find_format("nginx");
    return find_format("ini");
  }
  if (ends_with(name, ".ini") || ends_with(name, ".cfg") || ends_with(name, ".cnf")) return find_format("ini");
  for (const Extension& e : kCodeExtensions) {
    if (ends_with(name, e.ext)) return find_format(e.format);
  }
  if (name.find('.') == std::string::npos) {
    if (std::string_view f = shebang_format(text); !f.empty()) return find_format(f);
    if (looks_like_nginx(text)) return find_format("nginx");
  }
  return nullptr;
}

}  // namespace portpolicy::extract
