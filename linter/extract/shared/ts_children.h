// Walking a tree-sitter node's children in linear time (ts_node_named_child(i) starts from
// the first child on every call, which makes loops over large arrays quadratic).
#pragma once

#include <tree_sitter/api.h>

#include <vector>

namespace portpolicy::extract {

/// The named children of `node`, in order.
inline std::vector<TSNode> named_children(TSNode node) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c)) out.push_back(c);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

}  // namespace portpolicy::extract
