// `--diff REF`: which lines of the working tree were added or changed since a git ref, read
// with libgit2 (REF's tree against the working tree, through the index, untracked files
// counting as wholly new), so that a check can keep only the findings on them.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace portpolicy::check {

/// A path outside any git repository, or a ref that names no commit; the message names it.
class DiffError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The new-side lines of the changes since a ref, per file.
class ChangedLines {
 public:
  /// Reads the changes since `ref` in the repositories holding `roots` (the paths given to
  /// check) and `files`; only `files` are diffed, `roots` are checked to lie in a repository
  /// where `ref` resolves. Throws DiffError.
  static ChangedLines since(const std::string& ref, const std::vector<std::string>& roots,
                            const std::vector<std::string>& files);

  /// True when any line in [first, last] (1-based) of `path` is added or changed.
  bool touches(const std::string& path, std::uint32_t first, std::uint32_t last) const;

 private:
  std::map<std::string, std::set<std::uint32_t>> lines_;  // by canonical absolute path
};

}  // namespace portpolicy::check
