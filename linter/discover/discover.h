// Finding the files to lint: walks files and directories given on the command line,
// honouring git's ignore rules, skipping vendored trees, excluded globs, binary and oversized files.
//
// Paths are reported as given: a relative root stays relative ("./x" is kept, children are
// joined with '/'), an absolute root stays absolute. A file named as a root is always returned
// (even if ignored, vendored or excluded) unless it is binary, too large or unreadable; a
// directory named as a root is always walked, and when git ignores it, its subtree is walked
// without gitignore filtering. Below a root, directory symlinks are never followed and file
// symlinks are. Ignored, excluded and vendored entries are left out silently; unreadable
// directories and files and other oddities become Skipped entries. A file reached through
// spellings that are lexically equal ("src/a" and "./src/a") is reported once, under the first
// spelling in byte order. A root that does not exist is an error naming it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace portpolicy::discover {

/// A path given to discover() does not exist, or a file cannot be read.
class DiscoverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Why a directory name is skipped during a walk.
enum class DirKind : std::uint8_t {
  kVcs,       ///< Version-control metadata: always skipped, even when it is a file.
  kVendored,  ///< Third-party or generated trees: skipped unless Options::include_vendored.
};

/// A directory name skipped wherever it appears below a walk root.
struct SkippedDirName {
  std::string_view name;
  DirKind kind;
};

/// Directory names skipped by default (compared exactly, case-sensitively, with the base name;
/// a symlink to a directory counts as a directory).
/// Ordinary words that are usually build output ("build", "dist", "target", "out") are not
/// listed: projects normally ignore those through .gitignore, and some use them for sources.
/// A directory named as a walk root is always walked, whatever its name.
inline constexpr SkippedDirName kSkippedDirNames[] = {
    // Version control.
    {".git", DirKind::kVcs},
    {".hg", DirKind::kVcs},
    {".svn", DirKind::kVcs},
    {".bzr", DirKind::kVcs},
    {"_darcs", DirKind::kVcs},
    {".jj", DirKind::kVcs},
    // Dependencies copied in by package managers or by hand.
    {"vendor", DirKind::kVendored},
    {"third_party", DirKind::kVendored},
    {"third-party", DirKind::kVendored},
    {"thirdparty", DirKind::kVendored},
    {"3rdparty", DirKind::kVendored},
    {"deps", DirKind::kVendored},
    {"external", DirKind::kVendored},
    {"extern", DirKind::kVendored},
    {"node_modules", DirKind::kVendored},
    {"bower_components", DirKind::kVendored},
    {"jspm_packages", DirKind::kVendored},
    {"Godeps", DirKind::kVendored},
    {"Pods", DirKind::kVendored},
    {"Carthage", DirKind::kVendored},
    {".terraform", DirKind::kVendored},
    // Python environments and caches.
    {".venv", DirKind::kVendored},
    {"venv", DirKind::kVendored},
    {"__pycache__", DirKind::kVendored},
    {".tox", DirKind::kVendored},
    {".nox", DirKind::kVendored},
    {".eggs", DirKind::kVendored},
    {".mypy_cache", DirKind::kVendored},
    {".pytest_cache", DirKind::kVendored},
    {".ruff_cache", DirKind::kVendored},
    {"site-packages", DirKind::kVendored},
    {"dist-packages", DirKind::kVendored},
};

/// How many leading bytes are searched for a NUL byte to call a file binary (git's figure).
inline constexpr std::size_t kBinaryProbeBytes = 8000;

/// What a walk skips.
struct Options {
  /// Globs (fnmatch(3), gitignore-like) naming files and directories to leave out below each
  /// walk root. A glob without '/' (a trailing one aside) is matched against the base name of
  /// every entry at any depth, without flags ('*' also matches a leading '.'). A glob with '/' is
  /// anchored at the walk root: it is matched against the entry's path relative to the root,
  /// '/'-separated, with FNM_PATHNAME ('*', '?' and '[...]' do not match '/'); a leading "/" or
  /// "./" is dropped, and a leading "**/" lets the rest match at any depth. A trailing "/"
  /// restricts a glob to directories. An excluded directory is not entered, so "gen" or
  /// "src/gen" leaves out everything below it. Any other "**" is just two '*' to fnmatch.
  std::vector<std::string> excludes;
  /// Also walk into the DirKind::kVendored directories of kSkippedDirNames and into git
  /// submodules, and return generated and minified files (see generated_marker()).
  bool include_vendored = false;
  /// Leave out what git ignores, as libgit2 reads it: .gitignore files, .git/info/exclude and
  /// core.excludesFile (repository, global $HOME/.gitconfig or XDG configuration; libgit2 does
  /// not read GIT_CONFIG_GLOBAL) of the repository enclosing each walk root, and of repositories
  /// nested below it. Outside any repository nothing is ignored this way.
  bool respect_gitignore = true;
  /// Files larger than this many bytes are skipped; 0 means no limit.
  std::uintmax_t max_file_size = 1024 * 1024;
  /// When set, a file it answers false for is left out silently, before its size or content
  /// is looked at (the scanner passes "is this a format I read?"). Explicit files too.
  std::function<bool(const std::string& path)> wanted;
};

/// A file left out for a reason worth telling the user.
struct Skipped {
  std::string path;
  /// "binary", "larger than N bytes", "unreadable: <strerror>", "broken symlink",
  /// "not a regular file", "symlink to a directory, not followed", "generated (...)",
  /// "minified".
  std::string reason;
};

/// The outcome of a walk; files and skipped are sorted by path in byte order.
struct Result {
  std::vector<std::string> files;
  std::vector<Skipped> skipped;
  /// Problems that weakened the walk without stopping it (a git repository that libgit2
  /// cannot open, so its ignore rules were not applied).
  std::vector<std::string> warnings;
};

/// Walks `paths` (files or directories) as described at the top of this file; throws DiscoverError.
Result discover(const std::vector<std::string>& paths, const Options& opts);

/// True when `head` (the start of a file) holds a NUL byte within its first kBinaryProbeBytes.
bool is_probably_binary(std::string_view head);

/// The marker that says a file is generated, read in its first 10 lines: "Code generated ...
/// DO NOT EDIT." (Go, and every "generated ... do not edit" notice), "@generated" (protobuf,
/// Rust, Buck), "<auto-generated" (.NET); empty when there is none.
std::string generated_marker(std::string_view head);

/// True when a JavaScript or CSS file is minified: named *.min.js / *-min.js, or its head is
/// one long line (over 1000 bytes before the first line break of a file larger than that).
bool is_minified(std::string_view path, std::string_view head);

/// True when `rel_path` (a file's '/'-separated path relative to the folder the globs start
/// from) or one of the folders above it matches one of `globs`, read as Options::excludes.
bool path_excluded(const std::vector<std::string>& globs, std::string_view rel_path);

/// Reads a whole file; throws DiscoverError "<path>: <reason>" when it cannot.
std::string read_file(const std::string& path);

}  // namespace portpolicy::discover
