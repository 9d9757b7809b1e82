#pragma once
// The registrable domain of a host name ("login.betaal-nu.example" ->
// "betaal-nu.example", "www.bank.co.uk" -> "bank.co.uk"), from the Public
// Suffix List via libpsl. Two URLs on the same registrable domain are run by
// the same party, so the domain links reports even when paths and
// subdomains differ (docs/design.md, "Normalisation").
//
// The list comes from Debian's publicsuffix package
// (/usr/share/publicsuffix/public_suffix_list.dat, via psl_latest()), which
// is newer than the copy compiled into libpsl (psl_builtin(), the fallback).
// It is loaded once, on first use; a host under an unlisted top-level domain
// (".example") follows the list's default rule "*", so its registrable
// domain is its last two labels.
//
// Cost: libpsl takes 1.5-3 µs per lookup, so results are memoised per host
// (bounded, ~64k hosts; see registrable_domain.cc).
//
// Thread-safety: thread-safe; the loaded list is read-only after the
// (thread-safe, function-local static) load, and the memo is sharded behind
// mutexes.
#include <string>
#include <string_view>

namespace zicht::normalize {

//! The registrable domain of `host` (lower case, no trailing dot). When the
//! host is itself a public suffix ("github.io"), an IP address, or no list
//! could be loaded, returns `host` unchanged.
std::string RegistrableDomain(std::string_view host);

}  // namespace zicht::normalize
