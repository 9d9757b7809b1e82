#pragma once
// The deployment secret behind keyed pseudonyms (docs/privacy.md).
//
// File format: 64 hexadecimal digits (32 bytes), optionally followed by a
// newline. The secret is those 32 bytes. Whoever holds this file can
// compute the pseudonym of any value — see the threat model in privacy.md.
#include <string>

#include "common/result.h"

namespace zicht::server {

//! The default key file for a database: "zicht-pseudonym.key" in the
//! database's directory; for a PostgreSQL store (no directory) in the
//! working directory. Several nodes on one PostgreSQL must share the file.
std::string DefaultPseudonymKeyPath(const std::string& db_path);

//! Reads the 32-byte secret from `path`. kNotFound when the file does not
//! exist; kInvalidArgument when it is not 64 hex digits.
Result<std::string> LoadPseudonymKey(const std::string& path);

//! Like LoadPseudonymKey, but creates the file (mode 0600, 32 bytes from
//! OpenSSL RAND_bytes) when it does not exist.
Result<std::string> LoadOrCreatePseudonymKey(const std::string& path);

}  // namespace zicht::server
