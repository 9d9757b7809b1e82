#pragma once
// Stable cluster ids (docs/design.md: "derived from the cluster's smallest report
// key, so re-running on the same data gives the same ids").
//
// WHY THE SMALLEST (source, id). A component has no name of its own, and
// union-find roots depend on ingest order. The smallest report key is a
// property of the set of reports alone: re-running on the same data — in
// any order, incrementally or from scratch, on another machine — gives the
// same id. A cluster keeps its id while it grows, unless a report with a
// smaller key joins (a merge of two clusters keeps the smaller one's id).
//
// WHY A HASH. The id is "c-" + the first 12 hex digits (48 bits) of
// SHA-256("source/id"): fixed length, safe in URLs and file names, and it
// does not put a partner's report number into every export and log line.
// 48 bits make a collision among even 10^7 clusters about a 1-in-5,000,000
// event.
//
// Thread-safety: pure function.
#include <string>
#include <string_view>

namespace zicht::link {

std::string ClusterId(std::string_view source, std::string_view id);

}  // namespace zicht::link
