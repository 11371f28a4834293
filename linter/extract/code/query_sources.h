// The port queries embedded at build time (generated from grammars/*/ports.scm).
#pragma once

#include <cstddef>

namespace portpolicy::extract::generated {

/// One language's query: its format name, the grammar it runs on, the query text.
struct QuerySource {
  const char* format;
  const char* grammar;
  const char* query;
};

/// Every embedded query; kQuerySourceCount rows (a null row ends the array).
extern const QuerySource kQuerySources[];
extern const std::size_t kQuerySourceCount;

}  // namespace portpolicy::extract::generated
