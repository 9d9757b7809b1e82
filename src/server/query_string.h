#pragma once
// URL query strings and percent-decoding (RFC 3986), for `?top=10&format=dot`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::server {

//! Percent-decodes `text` ('+' stays '+'); nullopt when an escape is
//! malformed or decodes to NUL.
std::optional<std::string> PercentDecode(std::string_view text);

//! The decoded value of the first `name=` parameter in `query` (without the
//! '?'); nullopt when absent. An undecodable value counts as absent.
std::optional<std::string> QueryParam(std::string_view query, std::string_view name);

//! `?name=N` as a whole number from 1 to `max`; `fallback` when absent.
//! kInvalidArgument naming the parameter and its range otherwise.
Result<size_t> PositiveQueryParam(std::string_view query, std::string_view name, size_t fallback, size_t max);

//! A path parameter that names a stored row by its number (the {id} of
//! /v1/disputes/{id}/resolve, /v1/subscriptions/{id}): a whole number
//! from 1; nullopt for anything else.
std::optional<int64_t> PositivePathId(std::string_view param);

//! `?top=N` of the ranked lists (GET /v1/clusters, /v1/mules): 100 rows
//! unless asked; at most 100,000 — far above what a screen shows, it bounds
//! the work of one request.
inline constexpr size_t kDefaultTop = 100;
inline constexpr size_t kMaxTop = 100000;

//! Splits a request target into path and query (without '?').
void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query);

}  // namespace zicht::server
