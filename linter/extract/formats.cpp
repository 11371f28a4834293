#include "extract/formats.h"

#include <string>

#include "core/text.h"

namespace portpolicy::extract {

namespace {

constexpr Format kFormats[] = {
    {"yaml", &extract_yaml},           {"json", &extract_json},     {"toml", &extract_toml},
    {"env", &extract_env},             {"properties", &extract_properties},
    {"ini", &extract_ini},             {"nginx", &extract_nginx},   {"systemd", &extract_systemd},
    {"dockerfile", &extract_dockerfile}, {"hcl", &extract_hcl},
};

// Suffixes that mark a copy of a config file to fill in: the file is read as the original.
constexpr std::string_view kCopySuffixes[] = {".example", ".sample", ".dist", ".template", ".tmpl", ".orig",
                                              ".default", ".defaults", ".local"};

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

}  // namespace

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
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view s : kCopySuffixes) {
      if (name.size() > s.size() && ends_with(name, s) && name != ".env" + std::string(s)) {
        name.resize(name.size() - s.size());
        stripped = true;
      }
    }
  }
  if (name == "dockerfile" || name.starts_with("dockerfile.") || ends_with(name, ".dockerfile") ||
      name == "containerfile" || name.starts_with("containerfile.")) {
    return find_format("dockerfile");
  }
  if (name == ".env" || name.starts_with(".env.") || ends_with(name, ".env")) return find_format("env");
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
  if (name.find('.') == std::string::npos && looks_like_nginx(text)) return find_format("nginx");
  return nullptr;
}

}  // namespace portpolicy::extract
