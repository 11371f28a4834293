#include "check/fix.h"

#include <fcntl.h>
#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <tuple>

#include "core/libgit2.h"
#include "discover/discover.h"
#include "scan/scanner.h"

namespace portpolicy::check {

namespace fs = std::filesystem;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One end of a written range ("8000-8010"): moving one end alone changes what it means.
bool is_range_end(std::string_view text, std::uint32_t start, std::uint32_t end) {
  if (start >= 2 && text[start - 1] == '-' && is_digit(text[start - 2])) return true;
  return end + 1 < text.size() && text[end] == '-' && is_digit(text[end + 1]);
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

std::optional<Edit> fix_edit(const Diagnostic& d, std::string_view text, std::string* why_not) {
  auto no = [why_not](const char* why) -> std::optional<Edit> {
    if (why_not) *why_not = why;
    return std::nullopt;
  };
  if (d.file_level) return no("it is about the whole file, not a port");
  if (d.suppressed) return no("it is suppressed");
  if (!d.suggestion) return no("there is no suggested port to move it to");
  if (d.start >= d.end || d.end > text.size()) return no("the file no longer holds the literal");
  const std::string_view written = text.substr(d.start, d.end - d.start);
  if (written != std::to_string(d.value)) return no("the port is not written as plain decimal digits");
  if (is_range_end(text, d.start, d.end)) return no("the port is one end of a range");
  Edit e;
  e.path = d.path;
  e.start = d.start;
  e.end = d.end;
  e.begin = d.begin;
  e.end_pos = d.end_pos;
  e.replacement = std::to_string(*d.suggestion);
  return e;
}

std::string apply_edits(std::string_view text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.start < b.start; });
  std::string out;
  out.reserve(text.size() + 8 * edits.size());
  std::uint32_t at = 0;
  for (const Edit& e : edits) {
    if (e.start < at || e.end > text.size()) continue;  // overlapping or out of range: left out
    out.append(text.substr(at, e.start - at));
    out.append(e.replacement);
    at = e.end;
  }
  out.append(text.substr(at));
  return out;
}

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  core::ensure_libgit2();
  const std::string name = path.starts_with("./") ? path.substr(2) : path;
  git_patch* raw = nullptr;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.context_lines = 3;
  if (git_patch_from_buffers(&raw, before.data(), before.size(), name.c_str(), after.data(), after.size(),
                             name.c_str(), &opts) != 0) {
    return "";
  }
  const std::unique_ptr<git_patch, void (*)(git_patch*)> patch(raw, git_patch_free);
  git_buf buf = GIT_BUF_INIT;
  std::string out;
  if (git_patch_to_buf(&buf, patch.get()) == 0 && buf.ptr != nullptr) out.assign(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  return out;
}

FixPlan plan_fixes(const CheckResult& result, core::Severity threshold) {
  FixPlan plan;
  std::map<std::string, std::vector<std::size_t>> by_path;
  const auto& diags = result.diagnostics;
  for (std::size_t i = 0; i < diags.size(); ++i) {
    if (diags[i].suppressed || diags[i].severity < threshold) continue;
    by_path[diags[i].path].push_back(i);
  }
  // A file reached under two names (a link) is fixed once, under the first; the findings of
  // the other name are the same literals, fixed by the same edits.
  std::map<std::string, std::size_t> planned;  // canonical path -> index into plan.files
  for (const auto& [path, indices] : by_path) {
    std::error_code ec;
    const std::string real = fs::weakly_canonical(path, ec).string();
    if (const auto it = planned.find(real); !ec && it != planned.end()) {
      FixPlan::File& first = plan.files[it->second];
      for (std::size_t i : indices) {
        std::string why;
        if (fix_edit(diags[i], first.before, &why)) {
          first.fixed.push_back(i);
        } else {
          plan.not_fixable.emplace_back(i, why);
        }
      }
      continue;
    }
    std::optional<std::string> text = scan::read_unchanged(result.scan, path);
    if (!text) {
      plan.changed.push_back(path);
      for (std::size_t i : indices) plan.not_fixable.emplace_back(i, "the file changed since it was checked");
      continue;
    }
    FixPlan::File file;
    file.path = path;
    // One edit per literal: the findings on it share the first one's suggestion.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> edit_of;
    for (std::size_t i : indices) {
      const Diagnostic& d = diags[i];
      if (const auto it = edit_of.find({d.start, d.end}); it != edit_of.end() && !d.file_level) {
        file.fixed.push_back(i);
        continue;
      }
      std::string why;
      std::optional<Edit> e = fix_edit(d, *text, &why);
      if (!e) {
        plan.not_fixable.emplace_back(i, why);
        continue;
      }
      edit_of.emplace(std::make_pair(d.start, d.end), file.edits.size());
      file.edits.push_back(std::move(*e));
      file.fixed.push_back(i);
    }
    if (file.edits.empty()) continue;
    file.after = apply_edits(*text, file.edits);
    file.before = std::move(*text);
    if (!ec) planned.emplace(real, plan.files.size());
    plan.files.push_back(std::move(file));
  }
  std::sort(plan.not_fixable.begin(), plan.not_fixable.end());
  return plan;
}

std::string write_fixed(const FixPlan::File& file) {
  std::error_code ec;
  // A link is followed: the file it names is rewritten, the link stays.
  const fs::path target = fs::canonical(file.path, ec);
  if (ec) return "cannot resolve " + file.path + ": " + ec.message();
  std::string now;
  try {
    now = discover::read_file(target.string());
  } catch (const std::exception& e) {
    return e.what();
  }
  if (now != file.before) return file.path + " changed since it was checked; left alone";
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) return "cannot stat " + file.path + ": " + errno_text();

  std::string tmp = (target.parent_path() / ("." + target.filename().string() + ".portpolicy-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return "cannot create a temporary file beside " + file.path + ": " + errno_text();
  auto fail = [&](const std::string& what) {
    const std::string msg = what + " " + file.path + ": " + errno_text();
    ::close(fd);
    ::unlink(tmp.c_str());
    return msg;
  };
  if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot set the mode of the new");
  std::size_t done = 0;
  while (done < file.after.size()) {
    const ssize_t n = ::write(fd, file.after.data() + done, file.after.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write the new");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("cannot flush the new");
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return "cannot close the new " + file.path + ": " + errno_text();
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const std::string msg = "cannot replace " + file.path + ": " + errno_text();
    ::unlink(tmp.c_str());
    return msg;
  }
  return "";
}

}  // namespace portpolicy::check
