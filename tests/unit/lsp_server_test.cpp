// The Language Server's state machine, message by message, without a process or pipes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lsp/server.h"
#include "test_util.h"

namespace portpolicy::lsp {
namespace {

using nlohmann::json;

TEST(LspUri, RoundTripsPathsWithSpacesAndPercentSigns) {
  for (const std::string path : {"/a b/c.yaml", "/x/100%/compose.yaml", "/\xC3\xA9t\xC3\xA9/.env"}) {
    EXPECT_EQ(path_of_uri(uri_of_path(path)), path);
  }
  EXPECT_EQ(uri_of_path("/a b/c.yaml"), "file:///a%20b/c.yaml");
  EXPECT_EQ(path_of_uri("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(path_of_uri("file://server/share/x.yaml"), std::nullopt);
}

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

TEST(LspRangeEdit, CountsUtf16UnitsAndClampsOutOfRangePositions) {
  std::string text = "a: 1\nb: \"\xF0\x9F\x9A\x80\" 254\n";  // the rocket is two UTF-16 units
  apply_range_edit(text, range(1, 8, 1, 11), "51234");
  EXPECT_EQ(text, "a: 1\nb: \"\xF0\x9F\x9A\x80\" 51234\n");
  apply_range_edit(text, range(1, 500, 1, 900), "!");  // past the line's end: at its end
  EXPECT_EQ(text, "a: 1\nb: \"\xF0\x9F\x9A\x80\" 51234!\n");
  apply_range_edit(text, range(40, 0, 50, 0), "c: 2\n");  // past the last line: appended
  EXPECT_EQ(text, "a: 1\nb: \"\xF0\x9F\x9A\x80\" 51234!\nc: 2\n");
  apply_range_edit(text, range(1, 0, 0, 0), "");  // reversed: the span between
  EXPECT_EQ(text, "b: \"\xF0\x9F\x9A\x80\" 51234!\nc: 2\n");
}

class LspServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.path() / ".portpolicy.yaml") << "";
    doc_ = uri_of_path((dir_.path() / "compose.yaml").string());
    send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  }

  std::vector<json> send(const json& message) {
    std::vector<json> out;
    server_.handle(message, out);
    return out;
  }
  std::vector<json> flush() {
    std::vector<json> out;
    server_.flush(out);
    return out;
  }
  void open(const std::string& text) {
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
          {"params", {{"textDocument", {{"uri", doc_}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}}}});
  }

  test::TempDir dir_;
  std::string doc_;
  Server server_{registry::Registry::embedded()};
};

TEST_F(LspServerTest, ChangesWaitForFlushAndEachDocumentIsPublishedOnce) {
  open("services:\n  web:\n    ports:\n      - \"254:80\"\n");
  EXPECT_TRUE(server_.has_pending());
  for (int v = 2; v < 5; ++v) {
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
          {"params", {{"textDocument", {{"uri", doc_}, {"version", v}}},
                      {"contentChanges", json::array({{{"text", "services:\n  web:\n    ports:\n      - \"25" +
                                                                    std::to_string(v) + ":80\"\n"}}})}}}});
  }
  const std::vector<json> out = flush();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["params"]["version"], 4);
  ASSERT_EQ(out[0]["params"]["diagnostics"].size(), 1u);
  EXPECT_NE(out[0]["params"]["diagnostics"][0]["message"].get<std::string>().find("port 254/"), std::string::npos);
  EXPECT_FALSE(server_.has_pending());
  EXPECT_TRUE(flush().empty());
}

TEST_F(LspServerTest, MalformedMessagesGetErrorsNotExceptions) {
  EXPECT_EQ(send(json::array())[0]["error"]["code"], -32600);
  EXPECT_EQ(send({{"jsonrpc", "2.0"}, {"id", 7}, {"method", 42}})[0]["error"]["code"], -32600);
  EXPECT_EQ(send({{"jsonrpc", "2.0"}, {"id", 8}, {"method", "textDocument/hover"}, {"params", "x"}})[0]["error"]["code"],
            -32602);
  EXPECT_TRUE(send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"}, {"params", {{"x", 1}}}}).empty());
  EXPECT_TRUE(send({{"jsonrpc", "2.0"}, {"id", 3}, {"result", nullptr}}).empty());  // a response to nothing
  EXPECT_FALSE(server_.exited());
}

}  // namespace
}  // namespace portpolicy::lsp
