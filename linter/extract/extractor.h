// What every format's extractor sees and produces.
#pragma once

#include <tree_sitter/api.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/port_literal.h"
#include "core/source_file.h"

namespace portpolicy::extract {

/// A parsed tree that frees itself.
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using Tree = std::unique_ptr<TSTree, TreeDeleter>;

/// One tree-sitter parser per grammar, for one thread: parsers are reused across files.
class ParserCache {
 public:
  ParserCache() = default;
  ParserCache(const ParserCache&) = delete;
  ParserCache& operator=(const ParserCache&) = delete;
  ~ParserCache();

  /// Parses `text` with grammar `language` ("yaml", "json", ...); nullptr if the grammar is
  /// unknown or the text nests brackets too deep to parse safely.
  Tree parse(std::string_view language, std::string_view text);

 private:
  std::map<std::string, TSParser*, std::less<>> parsers_;
};

/// Where an extractor writes what it finds.
struct ExtractContext {
  const core::SourceFile& file;
  ParserCache& parsers;
  std::vector<core::PortLiteral>& out;

  /// Records a port at bytes [start, end) of the file; its value is read from those bytes.
  void add(std::uint32_t start, std::uint32_t end, core::Role role, std::string_view format,
           std::string context, std::optional<core::Transport> transport = std::nullopt) const;
};

/// Reads one file's port literals.
using ExtractFn = void (*)(const ExtractContext& ctx);

}  // namespace portpolicy::extract
