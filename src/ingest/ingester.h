#pragma once
// The ingester: input lines in, reports in the store, a summary out
// (docs/design.md, "Ingest guarantees"). `zicht ingest` and POST /v1/reports both
// use it, so both give the same answers for the same input.
//
// Per input it reads JSON Lines or CSV, validates each line (validator.h),
// collects the good ones into batches of `batch_size` and writes each batch
// in one transaction (batch_writer.h). A rejected line is counted, handed to
// `on_reject` verbatim, and the other lines go in. Blank lines and lines
// starting with '#' (comments, as in a rejects file) are skipped and counted
// nowhere.
//
// Guarantees:
//  - a line is never lost once its batch committed, also under kill -9; the
//    batch in flight is rolled back whole, and re-running the same input
//    brings every report in exactly once (the store upserts on (source, id));
//  - two lines with one (source, id) in one input are applied in input order
//    (the batch is cut before the second, the later one wins);
//  - unknown fields are dropped before anything is stored; only their names
//    reach the summary.
//
// Thread-safety: one thread at a time. Callbacks: on_reject and on_progress
// run on the calling thread; on_commit on the writer thread.
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ingest/ingest_summary.h"
#include "ingest/json_line.h"
#include "store/store.h"

namespace zicht::ingest {

//! Reports per transaction. Big enough that the per-commit cost (a WAL
//! sync point) vanishes in the 1M-report ingest; small enough that a
//! killed ingest loses at most a second of work and memory stays flat.
inline constexpr size_t kDefaultBatchSize = 10000;

//! Larger batches are cut to this: beyond it a transaction only holds more
//! memory and loses more work on a kill, and gains nothing in speed.
inline constexpr size_t kMaxBatchSize = 1000000;

struct IngestOptions {
  //! Reports per transaction, 1..kMaxBatchSize. See kDefaultBatchSize.
  size_t batch_size = kDefaultBatchSize;
  //! Write batches on a second thread while the next batch is parsed. Worth
  //! it for files; an HTTP request with a handful of lines may turn it off.
  bool writer_thread = true;
  //! How many rejections the summary keeps in detail (all are counted and
  //! all go to on_reject).
  size_t max_rejection_details = 1000;
  //! Every rejected line: the rejection, the line verbatim, and for CSV input
  //! the file's header row verbatim (empty for JSON Lines).
  std::function<void(const Rejection&, std::string_view raw, std::string_view csv_header)> on_reject;
  //! After each committed batch, the inserted and updated reports with their
  //! row ids (the linking engine keeps its index current from this).
  std::function<void(const std::vector<store::StoredReport>&)> on_commit;
  //! After each batch is handed to the writer: lines read so far in total.
  std::function<void(int64_t lines)> on_progress;
  //! Asked for every valid report before anything is stored: an empty
  //! answer admits it, a reason refuses it. One refusal fails the whole
  //! input with kPermissionDenied and NOTHING of it is written (the server's
  //! rule that a key writes only its own partner's sources: a refused
  //! request must not have changed half of what it named). Setting it holds
  //! the input's reports in memory until the end (request bodies are small).
  std::function<std::string(const model::Report&)> admit;
};

class Ingester {
 public:
  Ingester(store::Store& store, IngestOptions options);
  Ingester(const Ingester&) = delete;
  Ingester& operator=(const Ingester&) = delete;

  //! JSON from a stream (a file, stdin): JSON Lines, one JSON array of
  //! reports, or pretty-printed objects one after the other (told from the
  //! first record; json_values.h); `input_name` names it in rejections. On failure (the stream or the store failed): kIOError; what
  //! committed before stays, and summary() counts it.
  Status IngestJsonl(std::istream& in, const std::string& input_name);
  //! JSON Lines held in memory.
  Status IngestJsonlText(std::string_view text, const std::string& input_name);
  //! CSV (header row first) from a stream / from memory.
  Status IngestCsv(std::istream& in, const std::string& input_name);
  Status IngestCsvText(std::string_view text, const std::string& input_name);
  //! An HTTP body: the same shapes as IngestJsonl.
  Status IngestRequestBody(std::string_view body, const std::string& input_name = "request");

  //! Totals over every Ingest* call so far.
  const IngestSummary& summary() const { return summary_; }

 private:
  class Run;
  Status IngestLines(class LineReader& lines, const std::string& input_name);
  Status IngestCsvLines(class LineReader& lines, const std::string& input_name);
  void Reject(const std::string& input, int64_t line, FieldError error, std::string_view raw,
              std::string_view csv_header);
  void NoteUnknownFields(const ValidatedReport& v, const std::string& input, int64_t line);
  void FinishSummary();

  store::Store& store_;
  IngestOptions options_;
  IngestSummary summary_;
  std::map<std::string, UnknownField> unknown_;
  JsonLineParser parser_;
  ValidatedReport scratch_;
};

}  // namespace zicht::ingest
