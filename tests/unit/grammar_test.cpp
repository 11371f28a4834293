#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <map>
#include <string>

#include "extract/shared/languages.h"

namespace portpolicy::extract {
namespace {

// A small, valid sample per compiled-in grammar. A grammar added to the build without a
// sample here fails the test, so every grammar is checked.
const std::map<std::string, std::string>& samples() {
  static const std::map<std::string, std::string> s = {
      {"yaml", "services:\n  web:\n    ports:\n      - \"8080:80\"\n"},
      {"json", "{\"forwardPorts\": [3000, 5432], \"name\": \"dev\"}\n"},
      {"python", "import socket\ns = socket.socket()\ns.bind((\"\", 51234))\n"},
      {"toml", "app = \"x\"\n[[services]]\ninternal_port = 8080\n"},
      {"bash", "#!/bin/sh\nnc -l 251 &\npython3 -m http.server 8000\n"},
      {"javascript", "const http = require('http');\nhttp.createServer(() => {}).listen(3000);\n"},
      {"typescript", "const port: number = Number(process.env.PORT ?? 3000);\napp.listen(port);\n"},
      {"tsx", "export const App = () => <a href=\"http://localhost:3000\">home</a>;\n"},
      {"go", "package main\n\nimport \"net\"\n\nfunc main() { net.Listen(\"tcp\", \":278\") }\n"},
      {"java", "class S { void f() throws Exception { new java.net.ServerSocket(8080); } }\n"},
      {"c", "#define PORT 253\nint f(struct sockaddr_in *a) { a->sin_port = htons(PORT); return 0; }\n"},
      {"cpp", "#include <cstdint>\nconstexpr std::uint16_t kPort = 8080;\nint main() { return kPort; }\n"},
      {"rust", "fn main() { let l = std::net::TcpListener::bind(\"0.0.0.0:252\").unwrap(); drop(l); }\n"},
      {"ruby", "require 'sinatra'\nset :port, 4567\n"},
      {"c_sharp", "var app = WebApplication.Create();\napp.Urls.Add(\"http://localhost:5000\");\n"},
      {"php_only", "<?php\n$s = stream_socket_server(\"tcp://0.0.0.0:8000\");\n"},
      {"properties", "server.port=8080\nspring.datasource.url=jdbc:postgresql://db:5432/app\n"},
  };
  return s;
}

TEST(Grammars, EveryCompiledGrammarLoadsAndParsesItsSample) {
  ASSERT_FALSE(languages().empty());
  for (const Language& lang : languages()) {
    SCOPED_TRACE(std::string(lang.name));
    const TSLanguage* ts = lang.load();
    ASSERT_NE(ts, nullptr);
    const uint32_t abi = ts_language_version(ts);
    EXPECT_GE(abi, static_cast<uint32_t>(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION));
    EXPECT_LE(abi, static_cast<uint32_t>(TREE_SITTER_LANGUAGE_VERSION));
    TSParser* parser = ts_parser_new();
    ASSERT_TRUE(ts_parser_set_language(parser, ts));
    auto it = samples().find(std::string(lang.name));
    ASSERT_NE(it, samples().end()) << "no sample for grammar " << lang.name;
    TSTree* tree = ts_parser_parse_string(parser, nullptr, it->second.data(),
                                          static_cast<uint32_t>(it->second.size()));
    ASSERT_NE(tree, nullptr);
    TSNode root = ts_tree_root_node(tree);
    EXPECT_FALSE(ts_node_has_error(root)) << ts_node_string(root);
    EXPECT_GT(ts_node_child_count(root), 0u);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
  }
}

TEST(Grammars, BrokenInputYieldsErrorNodes) {
  TSParser* parser = ts_parser_new();
  ASSERT_TRUE(ts_parser_set_language(parser, find_language("json")));
  const std::string bad = "{\"port\": [1, 2,, }";
  TSTree* tree = ts_parser_parse_string(parser, nullptr, bad.data(), static_cast<uint32_t>(bad.size()));
  EXPECT_TRUE(ts_node_has_error(ts_tree_root_node(tree)));
  ts_tree_delete(tree);
  ts_parser_delete(parser);
}

TEST(Grammars, FindByName) {
  EXPECT_NE(find_language("yaml"), nullptr);
  EXPECT_NE(find_language("python"), nullptr);
  EXPECT_EQ(find_language("cobol"), nullptr);
}

}  // namespace
}  // namespace portpolicy::extract
