#include "check/git_diff.h"
#include "core/libgit2.h"

#include <fmt/format.h>
#include <git2.h>

#include <filesystem>
#include <memory>

namespace portpolicy::check {

namespace fs = std::filesystem;

namespace {

std::string last_git_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

struct RepoFree {
  void operator()(git_repository* p) const { git_repository_free(p); }
};
struct ObjectFree {
  void operator()(git_object* p) const { git_object_free(p); }
};
struct DiffFree {
  void operator()(git_diff* p) const { git_diff_free(p); }
};

struct Repo {
  std::unique_ptr<git_repository, RepoFree> handle;
  std::string workdir;             // canonical, ends with '/'
  std::vector<std::string> files;  // relative to workdir
};

std::string absolute_path(const std::string& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) c = fs::absolute(p, ec).lexically_normal();
  return c.string();
}

std::unique_ptr<git_repository, RepoFree> open_repo(const std::string& path, const std::string& dir) {
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  if (rc == GIT_EOWNER) {
    // A checkout owned by another user (common in CI containers): reading a diff runs
    // nothing from the repository's configuration.
    int was = 1;
    git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &was);
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, was);
  }
  if (rc == GIT_ENOTFOUND)
    throw DiffError(fmt::format("{}: not in a git repository (--diff needs one)", path));
  if (rc < 0) throw DiffError(fmt::format("{}: cannot open its git repository: {}", path, last_git_error()));
  std::unique_ptr<git_repository, RepoFree> repo(raw);
  if (git_repository_workdir(raw) == nullptr) {
    throw DiffError(fmt::format("{}: its git repository has no working tree (--diff needs one)", path));
  }
  return repo;
}

struct Collect {
  const std::string* workdir;
  std::map<std::string, std::set<std::uint32_t>>* lines;
};

int on_line(const git_diff_delta* delta, const git_diff_hunk*, const git_diff_line* line, void* payload) {
  if (line->origin != GIT_DIFF_LINE_ADDITION || line->new_lineno <= 0) return 0;
  auto* c = static_cast<Collect*>(payload);
  (*c->lines)[*c->workdir + delta->new_file.path].insert(static_cast<std::uint32_t>(line->new_lineno));
  return 0;
}

}  // namespace

ChangedLines ChangedLines::since(const std::string& ref, const std::vector<std::string>& roots,
                                 const std::vector<std::string>& files) {
  core::ensure_libgit2();
  std::map<std::string, Repo> repos;  // by working directory
  auto add = [&](const std::string& path, bool is_file) {
    const std::string abs = absolute_path(path);
    std::error_code ec;
    const std::string dir = fs::is_directory(abs, ec) ? abs : fs::path(abs).parent_path().string();
    auto handle = open_repo(path, dir);
    std::string wd = absolute_path(git_repository_workdir(handle.get()));
    if (wd.empty() || wd.back() != '/') wd += '/';
    auto [it, inserted] = repos.try_emplace(wd);
    if (inserted) it->second = Repo{std::move(handle), wd, {}};
    if (is_file && abs.starts_with(wd)) it->second.files.push_back(abs.substr(wd.size()));
  };
  for (const std::string& r : roots) add(r, false);
  for (const std::string& f : files) add(f, true);

  ChangedLines out;
  for (auto& [wd, repo] : repos) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo.handle.get(), ref.c_str()) < 0) {
      throw DiffError(
          fmt::format("--diff {}: no such revision in the repository at {}: {}", ref, wd, last_git_error()));
    }
    std::unique_ptr<git_object, ObjectFree> obj(raw);
    git_object* tree_raw = nullptr;
    if (git_object_peel(&tree_raw, obj.get(), GIT_OBJECT_TREE) < 0) {
      throw DiffError(fmt::format("--diff {}: not a commit or tree in the repository at {}: {}", ref, wd,
                                  last_git_error()));
    }
    std::unique_ptr<git_object, ObjectFree> tree(tree_raw);
    if (repo.files.empty()) continue;

    std::vector<char*> specs;
    for (std::string& f : repo.files) specs.push_back(f.data());
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.context_lines = 0;
    opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                 GIT_DIFF_SHOW_UNTRACKED_CONTENT | GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    opts.pathspec.strings = specs.data();
    opts.pathspec.count = specs.size();
    git_diff* diff_raw = nullptr;
    if (git_diff_tree_to_workdir_with_index(&diff_raw, repo.handle.get(),
                                            reinterpret_cast<git_tree*>(tree.get()), &opts) < 0) {
      throw DiffError(
          fmt::format("--diff {}: cannot compare the working tree at {}: {}", ref, wd, last_git_error()));
    }
    std::unique_ptr<git_diff, DiffFree> diff(diff_raw);
    Collect collect{&wd, &out.lines_};
    if (git_diff_foreach(diff.get(), nullptr, nullptr, nullptr, &on_line, &collect) < 0) {
      throw DiffError(fmt::format("--diff {}: cannot read the changes at {}: {}", ref, wd, last_git_error()));
    }
  }
  return out;
}

bool ChangedLines::touches(const std::string& path, std::uint32_t first, std::uint32_t last) const {
  const auto it = lines_.find(absolute_path(path));
  if (it == lines_.end()) return false;
  const auto l = it->second.lower_bound(first);
  return l != it->second.end() && *l <= last;
}

}  // namespace portpolicy::check
