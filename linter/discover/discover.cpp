#include "discover/discover.h"
#include "core/libgit2.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <git2.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

namespace portpolicy::discover {

namespace fs = std::filesystem;

namespace {

struct RepoDeleter {
  void operator()(git_repository* repo) const { git_repository_free(repo); }
};

// An open repository with a working directory.
struct Repo {
  std::unique_ptr<git_repository, RepoDeleter> handle;
  std::string workdir;  // canonical, ends with '/'
  std::optional<std::set<std::string>> submodules;  // paths relative to workdir, read on first use
};

int collect_submodule(git_submodule* sm, const char*, void* payload) {
  if (const char* path = git_submodule_path(sm)) static_cast<std::set<std::string>*>(payload)->insert(path);
  return 0;
}

// Whether `rel` (relative to the working directory) is a submodule that .gitmodules names.
bool is_submodule(Repo& repo, const std::string& rel) {
  if (!repo.submodules) {
    repo.submodules.emplace();
    git_submodule_foreach(repo.handle.get(), collect_submodule, &*repo.submodules);
    git_error_clear();
  }
  return repo.submodules->count(rel) != 0;
}

std::string last_git_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

// Opens each repository once per walk.
class RepoCache {
 public:
  explicit RepoCache(std::vector<std::string>& warnings) : warnings_(warnings) {}

  // The repository enclosing directory `dir`, or nullptr outside any (or a bare) repository.
  Repo* enclosing(const std::string& dir) { return open(dir, 0); }

  // The repository whose .git sits directly in directory `dir`, or nullptr.
  Repo* at(const std::string& dir) { return open(dir, GIT_REPOSITORY_OPEN_NO_SEARCH); }

 private:
  Repo* open(const std::string& dir, unsigned flags) {
    const std::string key = std::to_string(flags) + ':' + dir;
    if (auto it = by_start_.find(key); it != by_start_.end()) return it->second;
    Repo* repo = open_uncached(dir, flags);
    by_start_.emplace(key, repo);
    return repo;
  }

  Repo* open_uncached(const std::string& dir, unsigned flags) {
    git_repository* raw = nullptr;
    int rc = git_repository_open_ext(&raw, dir.c_str(), flags, nullptr);
    if (rc == GIT_EOWNER) {
      // Consulting ignore rules runs nothing from the repository's configuration, so a
      // checkout owned by another user (common in CI containers) is safe to read.
      int was = 1;
      git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &was);
      git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
      rc = git_repository_open_ext(&raw, dir.c_str(), flags, nullptr);
      git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, was);
    }
    if (rc == GIT_ENOTFOUND) return nullptr;
    if (rc < 0) {
      warnings_.push_back(
          dir + ": cannot open the git repository, its ignore rules are not applied: " + last_git_error());
      return nullptr;
    }
    std::unique_ptr<git_repository, RepoDeleter> handle(raw);
    const char* workdir = git_repository_workdir(raw);
    if (!workdir) return nullptr;
    std::string wd = workdir;
    if (wd.empty() || wd.back() != '/') wd += '/';
    auto [it, inserted] = by_workdir_.try_emplace(wd);
    if (inserted) it->second = std::make_unique<Repo>(Repo{std::move(handle), wd});
    return it->second.get();
  }

  std::vector<std::string>& warnings_;
  std::map<std::string, std::unique_ptr<Repo>> by_workdir_;
  std::map<std::string, Repo*> by_start_;
};

// Path of canonical directory `dir` relative to `repo`'s working directory ("" for the
// working directory itself); nullopt when it lies outside.
std::optional<std::string> relative_to_workdir(const std::string& dir, const Repo& repo) {
  std::string d = dir;
  if (d.empty() || d.back() != '/') d += '/';
  if (d.compare(0, repo.workdir.size(), repo.workdir) != 0) return std::nullopt;
  std::string rel = d.substr(repo.workdir.size());
  if (!rel.empty()) rel.pop_back();
  return rel;
}

// Whether git ignores `rel` (relative to the working directory; directories end with '/').
bool git_ignores(const Repo& repo, const std::string& rel) {
  int ignored = 0;
  if (git_ignore_path_is_ignored(&ignored, repo.handle.get(), rel.c_str()) < 0) return false;
  return ignored == 1;
}

// One --exclude glob, parsed.
struct Glob {
  std::string pattern;
  bool dir_only = false;
  bool anchored = false;   // has a '/': matched against the relative path
  bool any_depth = false;  // began with "**/"
};

std::vector<Glob> parse_globs(const std::vector<std::string>& raw) {
  std::vector<Glob> globs;
  for (const std::string& text : raw) {
    Glob g;
    std::string p = text;
    if (!p.empty() && p.back() == '/') {
      g.dir_only = true;
      while (!p.empty() && p.back() == '/') p.pop_back();
    }
    if (p.find('/') != std::string::npos) g.anchored = true;
    if (p.starts_with("./")) {
      p.erase(0, 2);
    } else if (p.starts_with("/")) {
      p.erase(0, p.find_first_not_of('/'));
    }
    while (p.starts_with("**/")) {
      g.any_depth = true;
      p.erase(0, 3);
    }
    if (p.empty()) continue;
    g.pattern = std::move(p);
    globs.push_back(std::move(g));
  }
  return globs;
}

bool matches(const Glob& g, const std::string& rel, std::string_view base, bool is_dir) {
  if (g.dir_only && !is_dir) return false;
  if (!g.anchored) return fnmatch(g.pattern.c_str(), std::string(base).c_str(), 0) == 0;
  if (fnmatch(g.pattern.c_str(), rel.c_str(), FNM_PATHNAME) == 0) return true;
  if (g.any_depth) {
    for (std::size_t pos = rel.find('/'); pos != std::string::npos; pos = rel.find('/', pos + 1)) {
      if (fnmatch(g.pattern.c_str(), rel.c_str() + pos + 1, FNM_PATHNAME) == 0) return true;
    }
  }
  return false;
}

bool excluded(const std::vector<Glob>& globs, const std::string& rel, std::string_view base, bool is_dir) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const Glob& g) { return matches(g, rel, base, is_dir); });
}

// Whether kSkippedDirNames leaves out an entry: VCS metadata whatever its type (a worktree's
// .git is a file), vendored names when they are directories or symlinks to one.
bool skipped_name(std::string_view name, bool is_dir, bool include_vendored) {
  for (const SkippedDirName& d : kSkippedDirNames) {
    if (d.name == name) return d.kind == DirKind::kVcs || (is_dir && !include_vendored);
  }
  return false;
}

std::string join(const std::string& dir, std::string_view name) {
  std::string out = dir;
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

// Reads up to `limit` bytes from the start of `path` into `out`; returns 0 or an errno value.
int read_head(const std::string& path, std::size_t limit, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return errno;
  out.resize(limit);
  std::size_t got = 0;
  int err = 0;
  while (got < limit) {
    ssize_t n = ::read(fd, out.data() + got, limit - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return err;
}

// A directory still to be listed.
struct PendingDir {
  std::string shown;     // as reported, and as used for file-system calls
  std::string rel;       // relative to the walk root, "" for the root
  Repo* repo = nullptr;  // nullptr: no gitignore filtering
  std::string git_rel;   // relative to repo's working directory
};

class Walker {
 public:
  Walker(const Options& opts, Result& result)
      : opts_(opts), result_(result), globs_(parse_globs(opts.excludes)), repos_(result.warnings) {}

  // Handles one path named by the user; its existence has been checked.
  void root(const std::string& path) {
    std::error_code ec;
    fs::file_status link = fs::symlink_status(path, ec);
    if (ec) return skip(path, "unreadable: " + ec.message());
    fs::file_status st = link;
    if (fs::is_symlink(link)) {
      st = fs::status(path, ec);
      if (st.type() == fs::file_type::not_found) return skip(path, "broken symlink");
      if (ec) return skip(path, "unreadable: " + ec.message());
    }
    if (fs::is_regular_file(st)) {
      const std::uintmax_t size = fs::file_size(path, ec);
      return check_file(path, size, ec);
    }
    if (!fs::is_directory(st)) return skip(path, "not a regular file");
    PendingDir dir{path, "", nullptr, ""};
    if (opts_.respect_gitignore) attach_enclosing_repo(dir);
    walk(std::move(dir));
  }

 private:
  void attach_enclosing_repo(PendingDir& dir) {
    std::error_code ec;
    fs::path canon = fs::canonical(dir.shown, ec);
    if (ec) return;
    Repo* repo = repos_.enclosing(canon.string());
    if (!repo) return;
    std::optional<std::string> rel = relative_to_workdir(canon.string(), *repo);
    if (!rel) return;
    // A root that git ignores was asked for explicitly: walk it unfiltered.
    if (!rel->empty() && git_ignores(*repo, *rel + '/')) return;
    dir.repo = repo;
    dir.git_rel = std::move(*rel);
  }

  // Switches `dir` to the repository whose .git it holds, if any.
  void attach_nested_repo(PendingDir& dir) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(join(dir.shown, ".git"), ec))) return;
    fs::path canon = fs::canonical(dir.shown, ec);
    if (ec) return;
    Repo* repo = repos_.at(canon.string());
    if (!repo) return;
    std::optional<std::string> rel = relative_to_workdir(canon.string(), *repo);
    if (!rel) return;
    dir.repo = repo;
    dir.git_rel = std::move(*rel);
  }

  void walk(PendingDir start) {
    std::vector<PendingDir> stack;
    stack.push_back(std::move(start));
    while (!stack.empty()) {
      PendingDir dir = std::move(stack.back());
      stack.pop_back();
      list(dir, stack);
    }
  }

  void list(const PendingDir& dir, std::vector<PendingDir>& stack) {
    std::error_code ec;
    fs::directory_iterator it(dir.shown, ec);
    if (ec) return skip(dir.shown, "unreadable: " + ec.message());
    std::vector<std::string> names;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) skip(dir.shown, "unreadable: " + ec.message());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) entry(dir, name, stack);
  }

  void entry(const PendingDir& dir, const std::string& name, std::vector<PendingDir>& stack) {
    const std::string path = join(dir.shown, name);
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (ec) return skip(path, "unreadable: " + ec.message());
    const bool is_dir = fs::is_directory(link);
    fs::file_status target = link;
    std::error_code target_ec;
    if (fs::is_symlink(link)) target = fs::status(path, target_ec);
    if (skipped_name(name, is_dir || fs::is_directory(target), opts_.include_vendored)) return;

    const std::string rel = dir.rel.empty() ? name : dir.rel + '/' + name;
    if (excluded(globs_, rel, name, is_dir)) return;

    const std::string git_rel = dir.git_rel.empty() ? name : dir.git_rel + '/' + name;
    if (dir.repo && git_ignores(*dir.repo, is_dir ? git_rel + '/' : git_rel)) return;

    if (is_dir) {
      // A git submodule is another project's code, like a vendored folder: its .git is a
      // file pointing into the parent's .git, or .gitmodules names it.
      if (!opts_.include_vendored &&
          (fs::is_regular_file(fs::symlink_status(join(path, ".git"), ec)) ||
           (dir.repo && is_submodule(*dir.repo, git_rel)))) {
        return;
      }
      PendingDir child{path, rel, dir.repo, git_rel};
      if (opts_.respect_gitignore) attach_nested_repo(child);
      stack.push_back(std::move(child));
      return;
    }
    if (fs::is_symlink(link)) {
      if (target.type() == fs::file_type::not_found) return skip(path, "broken symlink");
      if (target_ec) return skip(path, "unreadable: " + target_ec.message());
      if (fs::is_directory(target)) return skip(path, "symlink to a directory, not followed");
    }
    if (!fs::is_regular_file(target)) return skip(path, "not a regular file");
    const std::uintmax_t size = fs::file_size(path, ec);
    check_file(path, size, ec);
  }

  void check_file(const std::string& path, std::uintmax_t size, const std::error_code& size_ec) {
    if (opts_.wanted && !opts_.wanted(path)) return;
    if (size_ec) return skip(path, "unreadable: " + size_ec.message());
    if (opts_.max_file_size != 0 && size > opts_.max_file_size) {
      return skip(path, "larger than " + std::to_string(opts_.max_file_size) + " bytes");
    }
    std::string head;
    if (int err = read_head(path, kBinaryProbeBytes, head); err != 0) {
      return skip(path, std::string("unreadable: ") + std::strerror(err));
    }
    if (is_probably_binary(head)) return skip(path, "binary");
    if (!opts_.include_vendored) {
      if (const std::string marker = generated_marker(head); !marker.empty()) {
        return skip(path, "generated (" + marker + ")");
      }
      if (is_minified(path, head)) return skip(path, "minified");
    }
    result_.files.push_back(path);
  }

  void skip(const std::string& path, std::string reason) {
    result_.skipped.push_back(Skipped{path, std::move(reason)});
  }

  const Options& opts_;
  Result& result_;
  std::vector<Glob> globs_;
  RepoCache repos_;
};

std::string lexical_key(const std::string& path) {
  return fs::path(path).lexically_normal().generic_string();
}

// Sorts by `key(item)` in byte order and drops items whose path is lexically equal to an
// earlier one's.
template <typename T, typename Key>
void sort_unique(std::vector<T>& items, Key key) {
  std::sort(items.begin(), items.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
  std::set<std::string> seen;
  std::vector<T> kept;
  kept.reserve(items.size());
  for (T& item : items) {
    if (seen.insert(lexical_key(key(item))).second) kept.push_back(std::move(item));
  }
  items = std::move(kept);
}

}  // namespace

Result discover(const std::vector<std::string>& paths, const Options& opts) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p.empty() || fs::symlink_status(p, ec).type() == fs::file_type::not_found) {
      throw DiscoverError(p + ": no such file or directory");
    }
  }
  if (opts.respect_gitignore) core::ensure_libgit2();
  Result result;
  Walker walker(opts, result);
  for (const std::string& p : paths) walker.root(p);
  sort_unique(result.files, [](const std::string& s) -> const std::string& { return s; });
  sort_unique(result.skipped, [](const Skipped& s) -> const std::string& { return s.path; });
  return result;
}

bool path_excluded(const std::vector<std::string>& globs, std::string_view rel_path) {
  const std::vector<Glob> parsed = parse_globs(globs);
  if (parsed.empty()) return false;
  const std::string rel(rel_path);
  for (std::size_t start = 0;;) {
    const std::size_t slash = rel.find('/', start);
    const bool is_dir = slash != std::string::npos;
    const std::string prefix = is_dir ? rel.substr(0, slash) : rel;
    const std::string_view base = std::string_view(prefix).substr(start);
    if (excluded(parsed, prefix, base, is_dir)) return true;
    if (!is_dir) return false;
    start = slash + 1;
  }
}

bool is_probably_binary(std::string_view head) {
  return head.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos;
}

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string generated_marker(std::string_view head) {
  // Only the file's leading comments count (a generator's own source quotes the notice it
  // writes): comment lines, blank lines, a shebang and a document start, up to 10 lines.
  std::size_t pos = 0;
  bool in_block = false;  // inside /* ... */
  for (int line = 0; line < 10 && pos < head.size(); ++line) {
    std::size_t eol = head.find('\n', pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view text = head.substr(pos, std::min<std::size_t>(eol - pos, 400));
    pos = eol + 1;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    const bool comment = in_block || text.starts_with("//") || text.starts_with("#") || text.starts_with("/*") ||
                         text.starts_with("*") || text.starts_with("<!--") || text.starts_with("--") ||
                         text.starts_with(";") || text.starts_with("%") || text.starts_with("{{/*");
    if (text.starts_with("/*") || text.starts_with("{{/*")) in_block = true;
    if (text.find("*/") != std::string_view::npos) in_block = false;
    if (!comment) {
      if (text.empty() || text == "---" || text.starts_with("<?php") || text.starts_with("<?xml")) continue;
      return {};
    }
    const std::string lower = lower_ascii(text);
    if (lower.find("generated") != std::string::npos && lower.find("do not edit") != std::string::npos) {
      return "\"DO NOT EDIT\" notice";
    }
    if (text.find("@generated") != std::string_view::npos) return "@generated";
    if (lower.find("<auto-generated") != std::string::npos) return "<auto-generated>";
  }
  return {};
}

bool is_minified(std::string_view path, std::string_view head) {
  const std::string name = lower_ascii(path.substr(path.find_last_of('/') == std::string_view::npos
                                                       ? 0
                                                       : path.find_last_of('/') + 1));
  for (std::string_view ext : {".js", ".mjs", ".cjs", ".css"}) {
    if (!name.ends_with(ext)) continue;
    const std::string_view stem = std::string_view(name).substr(0, name.size() - ext.size());
    if (stem.ends_with(".min") || stem.ends_with("-min")) return true;
    const std::size_t nl = head.find('\n');
    return head.size() > 1000 && (nl == std::string_view::npos || nl > 1000);
  }
  return false;
}

std::string read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw DiscoverError(path + ": " + std::strerror(errno));
  std::string out;
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw DiscoverError(path + ": " + std::strerror(err));
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace portpolicy::discover
