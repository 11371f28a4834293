#include "core/libgit2.h"

#include <git2.h>

namespace portpolicy::core {
namespace {

// libgit2 counts its initialisations: this one lasts from the first use to the exit.
class LibGit2Guard {
 public:
  LibGit2Guard() { git_libgit2_init(); }
  ~LibGit2Guard() { git_libgit2_shutdown(); }
  LibGit2Guard(const LibGit2Guard&) = delete;
  LibGit2Guard& operator=(const LibGit2Guard&) = delete;
};

}  // namespace

void ensure_libgit2() { static const LibGit2Guard guard; }

}  // namespace portpolicy::core
