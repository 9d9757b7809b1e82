#pragma once
// The rejects file of `zicht ingest --rejects FILE` (docs/ingest.md): every
// rejected line verbatim, preceded by a comment line with its place and
// reason, so a partner can fix the lines in place and ingest the file again:
//
//   # reports.jsonl:17: field 'fraud_type': 'hulpvraag' is not a fraud type (allowed: …)
//   {"id":"FHD-17","source":"fraudehelpdesk","fraud_type":"hulpvraag",…}
//
// Both readers skip lines starting with '#', so the comments need not be
// removed. For CSV input the file's header row is written once (after a
// "# header of FILE" comment) before its first rejected row, so the rejects
// of a CSV file are themselves a CSV file.
//
// Thread-safety: one thread at a time.
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "common/result.h"
#include "ingest/ingest_summary.h"

namespace zicht::ingest {

//! "FILE:LINE: field 'X': reason", or "FILE:LINE: reason" when the line as a
//! whole is wrong. The one wording for stderr, the rejects file and logs.
std::string FormatRejection(const Rejection& r);

class RejectsFile {
 public:
  //! Creates (truncating) `path`. On failure: kIOError naming it.
  static Result<std::unique_ptr<RejectsFile>> Open(const std::string& path);
  ~RejectsFile();
  RejectsFile(const RejectsFile&) = delete;
  RejectsFile& operator=(const RejectsFile&) = delete;

  //! Appends one rejected line (see the format above).
  void Write(const Rejection& r, std::string_view raw, std::string_view csv_header);

  //! Flushes and closes. On failure (disk full): kIOError.
  Status Close();

 private:
  RejectsFile(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  std::FILE* f_;
  std::string path_;
  std::set<std::string> inputs_with_header_;
};

}  // namespace zicht::ingest
