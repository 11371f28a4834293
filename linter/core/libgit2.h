// libgit2, initialised once, on first use: only the features that need it (gitignore rules,
// --diff, fix previews) pay for its start-up.
#pragma once

namespace portpolicy::core {

/// Initialises libgit2 the first time it is called; it stays initialised until the exit.
void ensure_libgit2();

}  // namespace portpolicy::core
