#pragma once
// Creating a key file that holds a secret (the pseudonym key, the OPRF
// key): a new file, mode 0600, written and fsynced, never overwriting one
// that exists — two servers starting at once must not replace each
// other's key (O_EXCL).
//
// Thread-safety: a pure function of the file system.
#include <string>
#include <string_view>

#include "common/status.h"

namespace zicht::server {

//! Creates `path` with `text`. kIOError (naming the path) when it cannot
//! be created or written; *existed is set when it failed because the file
//! exists already (the caller reads that one instead).
Status CreateSecretFile(const std::string& path, std::string_view text, bool* existed);

}  // namespace zicht::server
