#pragma once
// E-mail addresses: trimmed and lower case (docs/design.md, "Normalisation").
//
// Lower-casing the local part is technically lossy (RFC 5321 lets a server
// treat "Jan" and "jan" apart) but no real mail provider does, and fraud
// reports spell the same address both ways. A leading "mailto:" and angle
// brackets ("<a@b.nl>") are removed. Validity is deliberately basic: exactly
// one '@', a non-empty local part, a domain of non-empty dot-separated
// labels with at least one dot, and no white space or control characters.
//
// Thread-safety: pure function.
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::normalize {

//! The canonical address, or kInvalidArgument naming the problem
//! ("e-mail address must contain exactly one '@'", "e-mail domain must
//! contain a dot", ...).
Result<std::string> NormalizeEmail(std::string_view raw);

}  // namespace zicht::normalize
