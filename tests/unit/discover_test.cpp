#include "discover/discover.h"

#include <git2.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace portpolicy::discover {
namespace {

namespace fs = std::filesystem;
using Files = std::vector<std::string>;

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    std::mt19937_64 gen(rd());
    for (int attempt = 0; attempt < 100; ++attempt) {
      fs::path p = fs::temp_directory_path() / ("pp-discover-" + std::to_string(gen()));
      if (fs::create_directory(p)) {
        root_ = fs::canonical(p);
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary directory");
  }
  ~TempDir() {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::end(it); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
      }
    }
    fs::remove_all(root_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& root() const { return root_; }
  std::string str() const { return root_.string(); }
  std::string operator/(const std::string& rel) const { return (root_ / rel).string(); }

  // Writes `content` to `rel`, creating parent directories.
  void write(const std::string& rel, const std::string& content = "text\n") const {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }

  void mkdir(const std::string& rel) const { fs::create_directories(root_ / rel); }

  void symlink(const std::string& target, const std::string& rel) const {
    fs::create_symlink(target, root_ / rel);
  }

 private:
  fs::path root_;
};

// Makes `dir` a git repository with libgit2.
void git_init(const std::string& dir) {
  git_repository* repo = nullptr;
  ASSERT_EQ(git_repository_init(&repo, dir.c_str(), 0), 0) << git_error_last()->message;
  git_repository_free(repo);
}

// Keeps libgit2 initialized and points its global, XDG and system configuration at an empty
// directory, so that the machine's own git settings cannot change the results.
class GitEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    git_libgit2_init();
    empty_ = std::make_unique<TempDir>();
    isolate();
  }
  void TearDown() override {
    empty_.reset();
    git_libgit2_shutdown();
  }
  static void isolate() {
    for (int level : {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM,
                      GIT_CONFIG_LEVEL_PROGRAMDATA}) {
      git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, empty_->str().c_str());
    }
  }

 private:
  static inline std::unique_ptr<TempDir> empty_;
};

const auto* const kGitEnvironment = ::testing::AddGlobalTestEnvironment(new GitEnvironment);

// Paths of `files` relative to `root`, for readable expectations.
Files relative(const Files& files, const TempDir& root) {
  Files out;
  for (const std::string& f : files) out.push_back(fs::path(f).lexically_relative(root.root()).string());
  return out;
}

Files walk(const TempDir& t, const Options& opts = {}) {
  return relative(discover({t.str()}, opts).files, t);
}

std::string reason_for(const Result& r, const std::string& path) {
  for (const Skipped& s : r.skipped) {
    if (s.path == path) return s.reason;
  }
  return "<not skipped>";
}

// Changes the working directory for the lifetime of the object.
class ScopedCwd {
 public:
  explicit ScopedCwd(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() { fs::current_path(old_); }
  ScopedCwd(const ScopedCwd&) = delete;
  ScopedCwd& operator=(const ScopedCwd&) = delete;

 private:
  fs::path old_;
};

TEST(Discover, HonoursRootAndNestedGitignore) {
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "*.log\nbuild/\n");
  t.write("sub/.gitignore", "secret.txt\n");
  t.write("a.c");
  t.write("x.log");
  t.write("build/out.c");
  t.write("sub/secret.txt");
  t.write("sub/keep.txt");
  t.write("other/secret.txt");
  EXPECT_EQ(walk(t), (Files{".gitignore", "a.c", "other/secret.txt", "sub/.gitignore", "sub/keep.txt"}));
}

TEST(Discover, RespectGitignoreOffKeepsIgnoredFiles) {
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "*.log\n");
  t.write("x.log");
  Options opts;
  opts.respect_gitignore = false;
  EXPECT_EQ(walk(t, opts), (Files{".gitignore", "x.log"}));
}

TEST(Discover, RootBelowTheWorkdirUsesPathsRelativeToIt) {
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "*.log\n/top.txt\nsub/deep/\n");
  t.write("sub/x.log");
  t.write("sub/top.txt");
  t.write("sub/deep/a.txt");
  t.write("sub/a.txt");
  Result r = discover({t / "sub"}, {});
  EXPECT_EQ(r.files, (Files{t / "sub/a.txt", t / "sub/top.txt"}));
}

TEST(Discover, HonoursInfoExclude) {
  TempDir t;
  git_init(t.str());
  t.write(".git/info/exclude", "local-only.txt\n");
  t.write("local-only.txt");
  t.write("kept.txt");
  EXPECT_EQ(walk(t), (Files{"kept.txt"}));
}

TEST(Discover, HonoursGlobalExcludesFile) {
  // libgit2 1.5 does not read GIT_CONFIG_GLOBAL; it finds the global configuration in the
  // directories of GIT_OPT_SET_SEARCH_PATH (by default $HOME), which this test points elsewhere.
  TempDir t;
  TempDir home;
  git_init(t.str());
  home.write("global-ignore", "*.secret\n");
  home.write(".gitconfig", "[core]\n\texcludesFile = " + (home / "global-ignore") + "\n");
  t.write("a.secret");
  t.write("a.txt");
  Options no_git;
  no_git.respect_gitignore = false;
  ASSERT_EQ(walk(t, no_git), (Files{"a.secret", "a.txt"}));

  git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, home.str().c_str());
  Files got = walk(t);
  GitEnvironment::isolate();
  EXPECT_EQ(got, (Files{"a.txt"}));
  // Without the global configuration, the file is back.
  EXPECT_EQ(walk(t), (Files{"a.secret", "a.txt"}));
}

TEST(Discover, HonoursExcludesFileSetInRepositoryConfig) {
  // core.excludesFile read from .git/config goes through the same libgit2 lookup as the
  // user's global setting.
  TempDir t;
  TempDir elsewhere;
  git_init(t.str());
  elsewhere.write("ignore", "*.tmp\n");
  std::ofstream(t / ".git/config", std::ios::app)
      << "[core]\n\texcludesFile = " << (elsewhere / "ignore") << "\n";
  t.write("a.tmp");
  t.write("a.txt");
  EXPECT_EQ(walk(t), (Files{"a.txt"}));
}

TEST(Discover, OutsideARepositoryNothingIsIgnored) {
  TempDir t;
  git_repository* repo = nullptr;
  ASSERT_EQ(git_repository_open_ext(&repo, t.str().c_str(), 0, nullptr), GIT_ENOTFOUND)
      << "the temporary directory lies inside a git repository";
  t.write(".gitignore", "*.log\n");
  t.write("x.log");
  EXPECT_EQ(walk(t), (Files{".gitignore", "x.log"}));
}

TEST(Discover, FilesBelowAnIgnoredDirectoryStayIgnored) {
  // git never re-includes a file below an excluded directory, whatever "!" rules say.
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "ignored/\n");
  t.write("ignored/.gitignore", "!keep.txt\n");
  t.write("ignored/keep.txt");
  t.write("ignored/deeper/keep.txt");
  t.write("a.txt");
  EXPECT_EQ(walk(t), (Files{".gitignore", "a.txt"}));
}

// A repository whose configuration libgit2 cannot parse, at `dir`.
void broken_repo(const TempDir& t, const std::string& dir) {
  git_init(t / dir);
  t.write(dir + "/.git/config", "[core\nbroken");
  t.write(dir + "/a.txt");
}

TEST(Discover, DoesNotEnterIgnoredDirectories) {
  // Entering a directory looks for a nested repository there, and a broken one produces a
  // warning: no warning shows the ignored directory was never entered.
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "ignored/\n");
  broken_repo(t, "ignored/deep/nested");
  Result r = discover({t.str()}, {});
  EXPECT_EQ(relative(r.files, t), (Files{".gitignore"}));
  EXPECT_EQ(r.warnings, Files{});
}

TEST(Discover, WarnsAboutRepositoriesItCannotOpen) {
  TempDir t;
  git_init(t.str());
  broken_repo(t, "nested");
  Result r = discover({t.str()}, {});
  EXPECT_EQ(relative(r.files, t), (Files{"nested/a.txt"}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find(t / "nested"), std::string::npos) << r.warnings[0];
}

TEST(Discover, NestedRepositoryUsesItsOwnExcludes) {
  TempDir t;
  git_init(t.str());
  git_init(t / "inner");
  t.write("inner/.git/info/exclude", "inner-only.txt\n");
  t.write("inner/inner-only.txt");
  t.write("inner/a.txt");
  t.write("inner-only.txt");
  EXPECT_EQ(walk(t), (Files{"inner-only.txt", "inner/a.txt"}));
}

TEST(Discover, NamedIgnoredDirectoryIsWalked) {
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "build/\n");
  t.write("build/gen.conf");
  t.write("build/sub/more.conf");
  Result r = discover({t / "build"}, {});
  EXPECT_EQ(r.files, (Files{t / "build/gen.conf", t / "build/sub/more.conf"}));
}

TEST(Discover, SkipsVendoredDirectoriesByDefault) {
  TempDir t;
  t.write("src/main.go");
  t.write("src/vendor/dep.go");
  t.write("vendor/dep.go");
  t.write("node_modules/pkg/index.js");
  t.write("third_party/lib.c");
  t.write(".venv/lib/site.py");
  t.write("__pycache__/m.py");
  t.write(".git/config");
  t.write(".hg/hgrc");
  t.write("vendor.txt");                       // a file is never a vendored directory
  t.write("lib/venv");                         // nor is a file with a vendored directory's name
  t.write("wt/.git", "gitdir: /elsewhere\n");  // a worktree's .git file is VCS metadata
  t.symlink("node_modules", "linked");
  t.symlink("../node_modules", "src/node_modules");  // a skipped name: not even reported
  Result r = discover({t.str()}, {});
  EXPECT_EQ(relative(r.files, t), (Files{"lib/venv", "src/main.go", "vendor.txt"}));
  EXPECT_EQ(reason_for(r, t / "linked"), "symlink to a directory, not followed");
  EXPECT_EQ(r.skipped.size(), 1u);

  Options opts;
  opts.include_vendored = true;
  r = discover({t.str()}, opts);
  EXPECT_EQ(relative(r.files, t),
            (Files{".venv/lib/site.py", "__pycache__/m.py", "lib/venv", "node_modules/pkg/index.js",
                   "src/main.go", "src/vendor/dep.go", "third_party/lib.c", "vendor.txt", "vendor/dep.go"}));
  EXPECT_EQ(reason_for(r, t / "src/node_modules"), "symlink to a directory, not followed");
}

TEST(Discover, SkipsOtherProjectsCodeAndGeneratedFiles) {
  TempDir t;
  git_init(t.str());
  t.write("src/main.go");
  t.write("deps/jemalloc/configure.sh");
  t.write("external/lib/server.c");
  t.write("extern/json/main.cpp");
  t.write("3rdparty/x.py");
  t.write("libs/sub/.git", "gitdir: ../../.git/modules/sub\n");  // a submodule's .git file
  t.write("libs/sub/server.go");
  t.write(".gitmodules", "[submodule \"tools\"]\n\tpath = tools/upstream\n\turl = ../upstream\n");
  t.write("tools/upstream/main.py");  // named by .gitmodules, not checked out as a repository
  t.write("api/api.pb.go", "// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage api\n");
  t.write("api/gen.rs", "// @generated by build.rs\nfn main() {}\n");
  t.write("Web/Reference.cs", "//------\n// <auto-generated>\n//     by a tool\n// </auto-generated>\n");
  t.write("scripts/gen.sh", "#!/bin/sh\necho '# Code generated by gen.sh. DO NOT EDIT.'\n");  // quotes it
  t.write("web/vendor.min.js", "x");
  t.write("web/bundle.js", std::string(3000, 'a'));  // one long line
  t.write("web/app.js", "const a = 1;\n");
  Result r = discover({t.str()}, {});
  EXPECT_EQ(relative(r.files, t), (Files{".gitmodules", "scripts/gen.sh", "src/main.go", "web/app.js"}));
  EXPECT_EQ(reason_for(r, t / "api/api.pb.go"), "generated (\"DO NOT EDIT\" notice)");
  EXPECT_EQ(reason_for(r, t / "api/gen.rs"), "generated (@generated)");
  EXPECT_EQ(reason_for(r, t / "Web/Reference.cs"), "generated (<auto-generated>)");
  EXPECT_EQ(reason_for(r, t / "web/vendor.min.js"), "minified");
  EXPECT_EQ(reason_for(r, t / "web/bundle.js"), "minified");

  Options opts;
  opts.include_vendored = true;
  r = discover({t.str()}, opts);
  EXPECT_EQ(r.files.size(), 15u);  // all but the submodule's .git file
  EXPECT_TRUE(r.skipped.empty());
}

TEST(GeneratedMarker, OnlyTheLeadingComments) {
  EXPECT_EQ(generated_marker("// Code generated by mockgen. DO NOT EDIT.\npackage x\n"), "\"DO NOT EDIT\" notice");
  EXPECT_EQ(generated_marker("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Generated by the protocol buffer "
                             "compiler.  DO NOT EDIT!\n"),
            "\"DO NOT EDIT\" notice");
  EXPECT_EQ(generated_marker("---\n# This file is auto-generated. Do not edit manually.\nkey: 1\n"),
            "\"DO NOT EDIT\" notice");
  EXPECT_EQ(generated_marker("/*\n * Copyright\n * Generated by gen.sh. Do not edit.\n */\n"), "\"DO NOT EDIT\" notice");
  EXPECT_EQ(generated_marker("language = \"C\"\nheader = \"\"\"/* Generated. Do not edit. */\"\"\"\n"), "");
  EXPECT_EQ(generated_marker("package x\n// Code generated. DO NOT EDIT.\n"), "");
  EXPECT_EQ(generated_marker("# generated by hand, edit freely\n"), "");
  EXPECT_EQ(generated_marker(std::string(11, '\n') + "// Code generated. DO NOT EDIT.\n"), "");
}

TEST(Discover, NamedVendoredDirectoryIsWalked) {
  TempDir t;
  t.write("node_modules/pkg/index.js");
  t.write("node_modules/pkg/node_modules/inner/x.js");
  Result r = discover({t / "node_modules"}, {});
  EXPECT_EQ(r.files, (Files{t / "node_modules/pkg/index.js"}));
}

TEST(Discover, NamedFilesAreAlwaysReturned) {
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "*.log\n");
  t.write("x.log");
  t.write("vendor/dep.go");
  t.write("gen/out.txt");
  t.write("bin.dat", std::string("a\0b", 3));
  Options opts;
  opts.excludes = {"gen"};
  Result r = discover({t / "x.log", t / "vendor/dep.go", t / "gen/out.txt", t / "bin.dat"}, opts);
  EXPECT_EQ(r.files, (Files{t / "gen/out.txt", t / "vendor/dep.go", t / "x.log"}));
  EXPECT_EQ(reason_for(r, t / "bin.dat"), "binary");
}

TEST(Discover, ExcludeGlobs) {
  TempDir t;
  t.write("a.go");
  t.write("api.gen.go");
  t.write("pkg/x.gen.go");
  t.write("pkg/x.go");
  t.write("docs/ports.md");
  t.write("pkg/docs/ports.md");
  t.write("src/legacy/old.c");
  t.write("src/legacy/deep/older.c");
  t.write("other/src/legacy/kept.c");
  t.write("a/fixtures/f.json");
  t.write("a/b/fixtures/f.json");
  t.write("a/b/fixtures/f.yaml");
  t.write("tmp");  // a file: "tmp/" only matches directories
  t.write("x/tmp/t.c");
  Options opts;
  opts.excludes = {"*.gen.go", "docs", "/src/legacy/*", "**/fixtures/*.json", "tmp/"};
  EXPECT_EQ(walk(t, opts),
            (Files{"a.go", "a/b/fixtures/f.yaml", "other/src/legacy/kept.c", "pkg/x.go", "tmp"}));
}

TEST(Discover, ExcludeGlobStarDoesNotCrossSlash) {
  TempDir t;
  t.write("src/a.c");
  t.write("src/sub/b.c");
  Options opts;
  opts.excludes = {"src/*.c"};
  EXPECT_EQ(walk(t, opts), (Files{"src/sub/b.c"}));
}

TEST(Discover, SkipsBinaryAndOversizedFilesWithReasons) {
  TempDir t;
  t.write("bin.dat", std::string(100, 'a') + '\0' + "rest");
  t.write("late-nul.txt", std::string(kBinaryProbeBytes, 'a') + '\0');
  t.write("big.txt", std::string(10001, 'a'));
  t.write("fits.txt", std::string(10000, 'a'));
  Options opts;
  opts.max_file_size = 10000;
  Result r = discover({t.str()}, opts);
  EXPECT_EQ(relative(r.files, t), (Files{"fits.txt", "late-nul.txt"}));
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(reason_for(r, t / "bin.dat"), "binary");
  EXPECT_EQ(reason_for(r, t / "big.txt"), "larger than 10000 bytes");

  opts.max_file_size = 0;
  EXPECT_EQ(relative(discover({t.str()}, opts).files, t), (Files{"big.txt", "fits.txt", "late-nul.txt"}));
}

TEST(Discover, DefaultSizeLimitIsOneMebibyte) {
  TempDir t;
  t.write("big.txt", std::string(1024 * 1024 + 1, 'a'));
  Result r = discover({t.str()}, {});
  EXPECT_TRUE(r.files.empty());
  EXPECT_EQ(reason_for(r, t / "big.txt"), "larger than 1048576 bytes");
}

TEST(Discover, SymlinkLoopTerminatesAndIsNotFollowed) {
  TempDir t;
  t.write("a/b/file.txt");
  t.symlink("..", "a/b/up");
  t.symlink(".", "self");
  Result r = discover({t.str()}, {});
  EXPECT_EQ(relative(r.files, t), (Files{"a/b/file.txt"}));
  EXPECT_EQ(reason_for(r, t / "a/b/up"), "symlink to a directory, not followed");
  EXPECT_EQ(reason_for(r, t / "self"), "symlink to a directory, not followed");
}

TEST(Discover, FileSymlinksAreFollowedAndBrokenOnesReported) {
  TempDir t;
  t.write("real.txt");
  t.write("bin.dat", std::string("\0", 1));
  t.symlink("real.txt", "link.txt");
  t.symlink("bin.dat", "link.dat");
  t.symlink("missing.txt", "dangling.txt");
  t.symlink("dangling-loop", "dangling-loop");
  Result r = discover({t.str()}, {});
  EXPECT_EQ(relative(r.files, t), (Files{"link.txt", "real.txt"}));
  EXPECT_EQ(reason_for(r, t / "link.dat"), "binary");
  EXPECT_EQ(reason_for(r, t / "dangling.txt"), "broken symlink");
  EXPECT_NE(reason_for(r, t / "dangling-loop"), "<not skipped>");

  Result named = discover({t / "dangling.txt"}, {});
  EXPECT_TRUE(named.files.empty());
  EXPECT_EQ(reason_for(named, t / "dangling.txt"), "broken symlink");
}

TEST(Discover, OutputIsSortedAndDeduplicated) {
  TempDir t;
  for (const char* name : {"z.txt", "b/c.txt", "B.txt", "a.txt", "_.txt", "b.txt", "a-b.txt"}) {
    t.write(name);
  }
  Result r = discover({t.str(), t / "a.txt", t.str(), t / "b"}, {});
  EXPECT_EQ(relative(r.files, t), (Files{"B.txt", "_.txt", "a-b.txt", "a.txt", "b.txt", "b/c.txt", "z.txt"}));
  Files sorted = r.files;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(r.files, sorted);
  EXPECT_EQ(discover({t / "b", t.str()}, {}).files, r.files);
}

TEST(Discover, RelativeRootsStayRelative) {
  TempDir t;
  t.write("src/a.c");
  t.write("lib/b.c");
  t.write("top.c");
  ScopedCwd cwd(t.root());
  Result r = discover({"src", "./lib", "lib/", "top.c"}, {});
  // "lib/b.c" and "./lib/b.c" are the same file; the first spelling in byte order is kept.
  EXPECT_EQ(r.files, (Files{"./lib/b.c", "src/a.c", "top.c"}));
  EXPECT_EQ(discover({"."}, {}).files, (Files{"./lib/b.c", "./src/a.c", "./top.c"}));
  EXPECT_EQ(discover({t.str() + "/"}, {}).files, (Files{t / "lib/b.c", t / "src/a.c", t / "top.c"}));
}

TEST(Discover, RelativeRootInsideRepositoryHonoursGitignore) {
  TempDir t;
  git_init(t.str());
  t.write(".gitignore", "*.log\n");
  t.write("src/a.c");
  t.write("src/a.log");
  ScopedCwd cwd(t.root() / "src");
  EXPECT_EQ(discover({"."}, {}).files, (Files{"./a.c"}));
}

TEST(Discover, MissingPathThrowsNamingIt) {
  TempDir t;
  t.write("a.txt");
  const std::string missing = t / "no-such-dir";
  try {
    discover({t.str(), missing}, {});
    FAIL() << "no exception";
  } catch (const DiscoverError& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
  EXPECT_THROW(discover({t / "a.txt/x"}, {}), DiscoverError);
  EXPECT_THROW(discover({""}, {}), DiscoverError);
}

// Runs in a child process (a death test), without root's privileges when it has them, and
// exits 0 when unreadable entries were reported as skipped.
[[noreturn]] void check_unreadable(const TempDir& t) {
  if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) {
    std::cerr << "cannot drop privileges";
    std::_Exit(2);
  }
  Result r = discover({t.str()}, {});
  Files files = relative(r.files, t);
  bool ok = files == Files{"open.txt"} && reason_for(r, t / "locked") == "unreadable: Permission denied" &&
            reason_for(r, t / "secret.txt") == "unreadable: Permission denied";
  if (!ok) {
    for (const auto& f : files) std::cerr << "file " << f << "\n";
    for (const auto& s : r.skipped) std::cerr << "skipped " << s.path << ": " << s.reason << "\n";
  }
  std::_Exit(ok ? 0 : 1);
}

TEST(Discover, UnreadableEntriesBecomeSkipped) {
  TempDir t;
  t.write("open.txt");
  t.write("locked/hidden.txt");
  t.write("secret.txt");
  fs::permissions(t.root(), fs::perms::all, fs::perm_options::add);
  fs::permissions(t / "locked", fs::perms::none);
  fs::permissions(t / "secret.txt", fs::perms::none);
  EXPECT_EXIT(check_unreadable(t), ::testing::ExitedWithCode(0), "");
}

TEST(IsProbablyBinary, LooksForNulInTheProbedPrefix) {
  EXPECT_FALSE(is_probably_binary("plain text\n"));
  EXPECT_FALSE(is_probably_binary(""));
  EXPECT_TRUE(is_probably_binary(std::string("a\0b", 3)));
  EXPECT_FALSE(is_probably_binary(std::string(kBinaryProbeBytes, 'a') + '\0'));
  EXPECT_TRUE(is_probably_binary(std::string(kBinaryProbeBytes - 1, 'a') + '\0'));
}

TEST(ReadFile, ReadsWholeFilesAndNamesFailures) {
  TempDir t;
  const std::string content = std::string(200000, 'x') + std::string("\0tail", 5);
  t.write("f.bin", content);
  EXPECT_EQ(read_file(t / "f.bin"), content);
  try {
    read_file(t / "missing");
    FAIL() << "no exception";
  } catch (const DiscoverError& e) {
    EXPECT_EQ(std::string(e.what()), (t / "missing") + ": No such file or directory");
  }
  EXPECT_THROW(read_file(t.str()), DiscoverError);  // a directory
}

}  // namespace
}  // namespace portpolicy::discover
