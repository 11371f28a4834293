// Java .properties (Spring Boot, Quarkus, Micronaut, Kafka...): *.port keys, URLs, and
// host:port under address keys. Comments (# and !) hold no ports.
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/mapped_text.h"
#include "extract/shared/port_keys.h"
#include "extract/shared/ts_children.h"

namespace portpolicy::extract {

namespace {

using core::Role;

constexpr std::string_view kFormat = "properties";

// Key prefixes that configure the program's own server: ports and addresses there are
// listened on. Other keys: a destination or backing-service name (spring.datasource,
// spring.data.redis, spring.mail, spring.kafka...) says connect; a bare *.port is the
// program's own; URLs and host:port elsewhere are destinations.
constexpr std::string_view kServingPrefixes[] = {
    "server.",           "management.server.",     "grpc.server.", "quarkus.http.", "quarkus.grpc.server.",
    "micronaut.server.", "spring.rsocket.server.",
};

bool serving(std::string_view key) {
  for (std::string_view p : kServingPrefixes) {
    if (core::istarts_with(key, p)) return true;
  }
  return is_listen_key(key);
}

Role port_role(std::string_view key) {
  if (serving(key)) return Role::kListen;
  if (names_destination(key) || names_backing_service(key)) return Role::kConnect;
  return Role::kListen;
}

std::string_view slice(std::string_view text, TSNode n) {
  const std::uint32_t b = ts_node_start_byte(n);
  const std::uint32_t e = ts_node_end_byte(n);
  return b <= e && e <= text.size() ? text.substr(b, e - b) : std::string_view{};
}

void property(const ExtractContext& ctx, TSNode prop) {
  const std::string_view text = ctx.file.text();
  TSNode key_node{};
  TSNode value_node{};
  bool have_key = false;
  bool have_value = false;
  for (const TSNode c : named_children(prop)) {
    const std::string_view type = ts_node_type(c);
    if (type == "key" && !have_key) {
      key_node = c;
      have_key = true;
    } else if (type == "value") {
      value_node = c;
      have_value = true;
    }
  }
  if (!have_key || !have_value) return;
  std::string key =
      decode_escapes(slice(text, key_node), ts_node_start_byte(key_node), Escapes::kProperties).text;
  if (key.starts_with("\xEF\xBB\xBF")) key.erase(0, 3);  // a byte-order mark before the first key
  const MappedText value =
      decode_escapes(slice(text, value_node), ts_node_start_byte(value_node), Escapes::kProperties);
  auto add = [&](std::uint32_t offset, std::uint32_t length, Role role, std::optional<core::Transport> t) {
    if (const std::optional<FileRange> r = value.file_range(offset, length)) {
      ctx.add(r->start, r->end, role, kFormat, key, t);
    }
  };
  if (is_port_key(key)) {
    const Role role = port_role(key);
    for (const ValuePort& p : port_numbers_in_value(value.text)) add(p.offset, p.length, role, p.transport);
    return;
  }
  const bool listen = serving(key);
  for (const StringPort& p : ports_in_string_value(value.text, is_address_key(key))) {
    add(p.offset, p.length, listen || p.wildcard_host ? Role::kListen : Role::kConnect, p.transport);
  }
}

void walk(const ExtractContext& ctx, TSNode n, int depth) {
  if (depth > 64) return;
  for (const TSNode c : named_children(n)) {
    const std::string_view type = ts_node_type(c);
    if (type == "property") {
      property(ctx, c);
    } else if (type != "comment") {
      walk(ctx, c, depth + 1);  // ERROR nodes may still hold properties
    }
  }
}

}  // namespace

void extract_properties(const ExtractContext& ctx) {
  Tree tree = parse_for(ctx, "properties", ctx.file.text());
  if (!tree) return;
  walk(ctx, ts_tree_root_node(tree.get()), 0);
}

}  // namespace portpolicy::extract
