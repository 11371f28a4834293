// The formats portpolicy reads, how a file is recognized as one, and their extractors.
#pragma once

#include <string_view>

#include "extract/shared/extractor.h"

namespace portpolicy::extract {

/// One file format.
struct Format {
  std::string_view name;  ///< "yaml", "json", "toml", "env", "properties", "ini", "nginx", ...
  ExtractFn extract;
};

/// The format of the file at `path` (by name; by `text` where the name is ambiguous), or
/// nullptr when portpolicy does not read such files.
const Format* detect_format(std::string_view path, std::string_view text);

/// True when the file's name alone cannot say whether portpolicy reads it (a name without
/// an extension may hold an nginx configuration): its content must be looked at.
bool format_needs_content(std::string_view path);

/// Reads a file embedded in the one being read, as a Kubernetes ConfigMap holds an
/// nginx.conf: bytes [start, end) of ctx's file, in the format its name `name` says. Its
/// ports are placed at their offsets in the outer file, their context saying `where` they
/// were found ("listen in data.nginx.conf"); its problems are the outer file's. Returns
/// false, reading nothing, when `name` names no format portpolicy reads (or files nest
/// deeper than two).
bool extract_embedded(const ExtractContext& ctx, std::string_view name, std::uint32_t start, std::uint32_t end,
                      std::string_view where);

/// The format called `name`, or nullptr.
const Format* find_format(std::string_view name);

// Extractors, one per format (extract/configs/<format>.cpp).
void extract_yaml(const ExtractContext& ctx);
void extract_json(const ExtractContext& ctx);
void extract_toml(const ExtractContext& ctx);
void extract_env(const ExtractContext& ctx);
void extract_properties(const ExtractContext& ctx);
void extract_ini(const ExtractContext& ctx);
void extract_nginx(const ExtractContext& ctx);
void extract_systemd(const ExtractContext& ctx);
void extract_dockerfile(const ExtractContext& ctx);
void extract_hcl(const ExtractContext& ctx);

}  // namespace portpolicy::extract
