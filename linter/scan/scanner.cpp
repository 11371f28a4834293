#include "scan/scanner.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "core/text.h"
#include "extract/code/code.h"
#include "extract/formats.h"

namespace portpolicy::scan {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') || c == '_' || c == ']' || c == '*'; }

bool has_word_at(std::string_view text, std::size_t i, std::string_view word) {
  if (i + word.size() > text.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (lower(text[i + k]) != word[k]) return false;
  }
  return true;
}

std::vector<core::PortLiteral> extract_file(const core::SourceFile& file, const extract::Format& format,
                                            extract::ParserCache& parsers,
                                            std::vector<extract::FileProblem>* problems = nullptr) {
  std::vector<core::PortLiteral> out;
  // A file named for ports (ports.yml: `web: 80`) need not say "port" inside. Source code
  // names its ports in too many ways for a word to tell (nc -l 8080, new ServerSocket(8080),
  // htons(8080)): its query decides.
  const std::string_view path = file.path();
  const auto slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (!extract::is_code_format(format.name) && !may_hold_port(file.text()) && !may_hold_port(name))
    return out;
  format.extract(extract::ExtractContext{file, parsers, out, problems});
  std::stable_sort(out.begin(), out.end(), [](const core::PortLiteral& a, const core::PortLiteral& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  // Two mechanisms may find one literal: keep the first (the more specific one runs first).
  out.erase(std::unique(out.begin(), out.end(),
                        [](const core::PortLiteral& a, const core::PortLiteral& b) {
                          return a.start == b.start && a.end == b.end;
                        }),
            out.end());
  return out;
}

}  // namespace

bool may_hold_port(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = lower(text[i]);
    if (c == ':') {
      if (i > 0 && i + 1 < text.size() && is_digit(text[i + 1]) && is_word(text[i - 1])) return true;
      if (i + 2 < text.size() && text[i + 1] == '/' && text[i + 2] == '/') return true;
      if (i + 1 < text.size() && is_digit(text[i + 1])) return true;
    } else if (c == 'p') {
      if (has_word_at(text, i, "port")) return true;
    } else if (c == 'l') {
      if (has_word_at(text, i, "listen")) return true;
    } else if (c == 'e') {
      if (has_word_at(text, i, "expose")) return true;
    } else if (c == 'i') {
      if (has_word_at(text, i, "inspect")) return true;  // node --inspect=9229
    } else if (c == '-') {
      // A short flag with a number: http-server -p 3000, docker run -p 8080:80, ssh -L 8080:...
      if (i + 3 < text.size() && lower(text[i + 1]) >= 'a' && lower(text[i + 1]) <= 'z' &&
          (text[i + 2] == ' ' || text[i + 2] == '=') && is_digit(text[i + 3]) &&
          (i == 0 || !is_word(text[i - 1]))) {
        return true;
      }
    } else if (c == 's') {
      // Socket code names its ports nowhere else: sockaddr, SOCK_DGRAM, SocketAddr::from(...)
      if (has_word_at(text, i, "sock")) return true;
    } else if (c == 'h') {
      if (has_word_at(text, i, "htons")) return true;
    }
  }
  return false;
}

std::vector<core::PortLiteral> scan_text(const core::SourceFile& file) {
  const extract::Format* format = extract::detect_format(file.path(), file.text());
  if (format == nullptr) return {};
  extract::ParserCache parsers;
  return extract_file(file, *format, parsers);
}

ScanResult scan(const std::vector<std::string>& paths, const ScanOptions& options) {
  discover::Options dopts = options.discover;
  // Never stat or read a file no format wants (images, sources of other languages...).
  // The caller's own filter (a configuration's excludes) is asked only about such files.
  dopts.wanted = [caller = options.discover.wanted](const std::string& path) {
    // portpolicy's own configuration holds policy numbers, not deployments.
    if (path == ".portpolicy.yaml" || path.ends_with("/.portpolicy.yaml")) return false;
    if (extract::detect_format(path, {}) == nullptr && !extract::format_needs_content(path)) return false;
    return !caller || caller(path);
  };
  // Files given by content are not looked for on disk.
  std::vector<std::string> on_disk;
  for (const std::string& p : paths) {
    if (!options.texts.contains(p)) on_disk.push_back(p);
  }
  discover::Result found;
  if (!on_disk.empty() || options.texts.empty()) found = discover::discover(on_disk, dopts);
  ScanResult result;
  result.skipped = std::move(found.skipped);
  const std::size_t disk_files = found.files.size();
  for (const auto& [path, text] : options.texts) {
    if (!dopts.wanted(path)) continue;
    if (dopts.max_file_size != 0 && text.size() > dopts.max_file_size) {
      result.skipped.push_back({path, "larger than " + std::to_string(dopts.max_file_size) + " bytes"});
      continue;
    }
    if (discover::is_probably_binary(std::string_view(text).substr(0, discover::kBinaryProbeBytes))) {
      result.skipped.push_back({path, "binary"});
      continue;
    }
    found.files.push_back(path);
  }

  struct PerFile {
    std::vector<PortFinding> ports;
    std::vector<FileProblem> problems;
    std::uint64_t digest = 0;
    bool read = false;
    std::string error;
  };
  std::vector<PerFile> per_file(found.files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    extract::ParserCache parsers;
    for (std::size_t i = next++; i < found.files.size(); i = next++) {
      const std::string& path = found.files[i];
      const auto started = std::chrono::steady_clock::now();
      try {
        if (options.file_budget.count() > 0) parsers.set_deadline(started + options.file_budget);
        std::string text = i < disk_files ? discover::read_file(path) : options.texts.at(path);
        const extract::Format* format = extract::detect_format(path, text);
        if (format == nullptr) continue;
        per_file[i].read = true;
        per_file[i].digest = core::digest(text);
        core::SourceFile file(path, std::move(text));
        std::vector<extract::FileProblem> problems;
        for (core::PortLiteral& lit : extract_file(file, *format, parsers, &problems)) {
          PortFinding f{path, std::move(lit), {}, {}};
          f.begin = file.position(f.literal.start);
          f.end = file.position(f.literal.end);
          per_file[i].ports.push_back(std::move(f));
        }
        for (extract::FileProblem& p : problems) {
          per_file[i].problems.push_back(
              {path, p.offset, file.position(p.offset), std::move(p.kind), std::move(p.message)});
        }
      } catch (const extract::BudgetExceeded&) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        char buf[96];
        std::snprintf(buf, sizeof buf, "scan budget exceeded after %.1f s (--file-budget %.1f)", s,
                      std::chrono::duration<double>(options.file_budget).count());
        per_file[i] = PerFile{};
        per_file[i].error = buf;
      } catch (const std::exception& e) {
        per_file[i].error = e.what();
      }
    }
  };
  unsigned n = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, found.files.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  for (std::size_t i = 0; i < per_file.size(); ++i) {
    if (!per_file[i].error.empty()) {
      result.skipped.push_back({found.files[i], per_file[i].error});
      continue;
    }
    if (per_file[i].read) {
      ++result.files_scanned;
      result.files.push_back(found.files[i]);
      result.digests.emplace(found.files[i], per_file[i].digest);
      if (i >= disk_files) result.in_memory.emplace(found.files[i], options.texts.at(found.files[i]));
    }
    for (PortFinding& f : per_file[i].ports) result.ports.push_back(std::move(f));
    for (FileProblem& p : per_file[i].problems) result.problems.push_back(std::move(p));
  }
  std::stable_sort(result.problems.begin(), result.problems.end(), [](const FileProblem& a, const FileProblem& b) {
    return std::tie(a.path, a.offset) < std::tie(b.path, b.offset);
  });
  std::sort(result.skipped.begin(), result.skipped.end(),
            [](const discover::Skipped& a, const discover::Skipped& b) { return a.path < b.path; });
  return result;
}

std::optional<std::string> read_unchanged(const ScanResult& scan, const std::string& path) {
  if (const auto it = scan.in_memory.find(path); it != scan.in_memory.end()) return it->second;
  const std::map<std::string, std::uint64_t>& digests = scan.digests;
  std::string text;
  try {
    text = discover::read_file(path);
  } catch (const discover::DiscoverError&) {
    return std::nullopt;
  }
  if (const auto it = digests.find(path); it != digests.end() && it->second != core::digest(text)) {
    return std::nullopt;
  }
  return text;
}

}  // namespace portpolicy::scan
