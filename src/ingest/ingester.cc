#include "ingest/ingester.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/client_text.h"
#include "ingest/batch_writer.h"
#include "ingest/csv_reader.h"
#include "ingest/json_values.h"
#include "ingest/line_reader.h"

namespace zicht::ingest {
namespace {

bool IsBlankOrComment(std::string_view line) {
  for (char c : line) {
    if (c == ' ' || c == '\t') continue;
    return c == '#';
  }
  return true;
}

uint64_t KeyHash(const model::ReportKey& key) {
  uint64_t a = std::hash<std::string_view>{}(key.source);
  uint64_t b = std::hash<std::string_view>{}(key.id);
  return a * 0x9E3779B97F4A7C15ull ^ b;
}

// The keys (as hashes) of the batch being filled: an open-addressing set
// sized for one batch, cleared with one fill per batch. A node-based
// std::unordered_set cost an allocation per report on the hot path.
class BatchKeySet {
 public:
  explicit BatchKeySet(size_t capacity) {
    size_t n = 16;
    while (n < capacity * 2) n <<= 1;
    slots_.assign(n, 0);
  }
  //! False when `h` was already in the set.
  bool Insert(uint64_t h) {
    if (h == 0) h = 1;  // 0 marks an empty slot
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i] == h) return false;
      if (slots_[i] == 0) {
        slots_[i] = h;
        return true;
      }
    }
  }
  void Clear() { std::fill(slots_.begin(), slots_.end(), 0); }

 private:
  std::vector<uint64_t> slots_;
};

}  // namespace

// One input being ingested: the batch being filled and its writer.
class Ingester::Run {
 public:
  Run(Ingester& owner)
      : owner_(owner),
        writer_(owner.store_, owner.options_.on_commit, owner.options_.writer_thread),
        keys_(owner.options_.batch_size) {
    batch_.reserve(owner.options_.batch_size);
  }

  Status Add(model::Report&& report) {
    if (owner_.options_.admit) {
      std::string refused = owner_.options_.admit(report);
      if (!refused.empty()) {
        return Status::PermissionDenied("report " + QuoteExcerpt(report.key.source) + "/" +
                                        QuoteExcerpt(report.key.id) + ": " + refused + "; nothing was written");
      }
    }
    // The store requires distinct keys within a batch; a key seen again in
    // this batch starts a new one, so the later line still wins. The set
    // holds hashes: a collision only cuts a batch early.
    uint64_t h = KeyHash(report.key);
    if (!keys_.Insert(h)) {
      ZICHT_RETURN_IF_ERROR(Flush());
      keys_.Insert(h);
    }
    batch_.push_back(std::move(report));
    if (batch_.size() >= owner_.options_.batch_size) return Flush();
    return Status::Ok();
  }

  Status Flush() {
    keys_.Clear();
    if (batch_.empty()) return Status::Ok();
    std::vector<model::Report> full;
    full.reserve(owner_.options_.batch_size);
    full.swap(batch_);
    if (owner_.options_.admit) {  // all or nothing: written in Finish
      held_.push_back(std::move(full));
      return Status::Ok();
    }
    Status s = writer_.Submit(std::move(full));
    if (owner_.options_.on_progress) owner_.options_.on_progress(owner_.summary_.lines);
    return s;
  }

  //! Flushes, waits for the writer and adds its counts to the summary.
  Status Finish(Status status) {
    if (status.ok()) status = Flush();
    for (auto& batch : held_) {
      if (!status.ok()) break;  // a refused input writes none of its batches
      status = writer_.Submit(std::move(batch));
    }
    held_.clear();
    Status w = writer_.Finish();
    owner_.summary_.accepted += writer_.inserted();
    owner_.summary_.updated += writer_.updated();
    owner_.summary_.duplicates += writer_.duplicates();
    owner_.FinishSummary();
    return status.ok() ? w : status;
  }

 private:
  Ingester& owner_;
  BatchWriter writer_;
  std::vector<model::Report> batch_;
  BatchKeySet keys_;
  std::vector<std::vector<model::Report>> held_;  // batches waiting for the end (options_.admit)
};

Ingester::Ingester(store::Store& store, IngestOptions options) : store_(store), options_(std::move(options)) {
  options_.batch_size = std::clamp<size_t>(options_.batch_size, 1, kMaxBatchSize);
}

void Ingester::Reject(const std::string& input, int64_t line, FieldError error, std::string_view raw,
                      std::string_view csv_header) {
  ++summary_.rejected;
  Rejection r{input, line, std::move(error.field), std::move(error.reason)};
  if (options_.on_reject) options_.on_reject(r, raw, csv_header);
  if (summary_.rejections.size() < options_.max_rejection_details) summary_.rejections.push_back(std::move(r));
}

void Ingester::NoteUnknownFields(const ValidatedReport& v, const std::string& input, int64_t line) {
  summary_.invalid_identifiers += v.invalid_identifiers;
  for (const std::string& name : v.unknown_fields) {
    ++summary_.warnings;
    auto [it, inserted] = unknown_.try_emplace(name);
    UnknownField& u = it->second;
    if (inserted) {
      u.field = name;
      u.first_input = input;
      u.first_line = line;
    }
    ++u.count;
  }
}

void Ingester::FinishSummary() {
  summary_.unknown_fields.clear();
  for (const auto& [name, u] : unknown_) summary_.unknown_fields.push_back(u);
}

namespace {

// Whether the value starting on `line` closes on it: the line is a JSON
// Lines record (also when it is broken: then it is rejected on its own).
bool ClosesOnItsLine(std::string_view line) {
  int depth = 0;
  bool in_string = false, escape = false;
  for (char c : line) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return depth <= 0;
}

}  // namespace

Status Ingester::IngestLines(LineReader& lines, const std::string& input_name) {
  Run run(*this);
  Status status;
  auto one = [&](std::string_view text, int64_t line_no) {
    if (!status.ok()) return;
    ++summary_.lines;
    if (auto err = parser_.Parse(text, &scratch_)) {
      Reject(input_name, line_no, std::move(*err), text, {});
      return;
    }
    NoteUnknownFields(scratch_, input_name, line_no);
    status = run.Add(std::move(scratch_.report));
  };
  // The first record tells the shape: '[' → one JSON array of reports; an
  // object that does not close on its line → pretty-printed objects; else
  // JSON Lines, read line by line so one broken line costs only itself.
  std::optional<JsonValueSplitter> splitter;
  bool first = true;
  std::string_view line;
  while (status.ok() && lines.Next(&line)) {
    if (splitter) {
      splitter->Feed(line, lines.line_number());
      continue;
    }
    if (IsBlankOrComment(line)) continue;
    std::string_view t = line.substr(line.find_first_not_of(" \t"));
    if (std::exchange(first, false) && (t.front() == '[' || !ClosesOnItsLine(t))) {
      splitter.emplace(t.front() == '[', one);
      splitter->Feed(line, lines.line_number());
      continue;
    }
    one(line, lines.line_number());
  }
  if (splitter && !splitter->Finish() && status.ok()) {
    ++summary_.lines;
    Reject(input_name, lines.line_number(), FieldError{"", "not valid JSON: the array is not closed with ']'"}, "", {});
  }
  if (status.ok() && !lines.status().ok()) status = lines.status().WithContext("reading " + input_name);
  return run.Finish(status);
}

Status Ingester::IngestCsvLines(LineReader& lines, const std::string& input_name) {
  Run run(*this);
  CsvRecordReader records(lines);
  CsvRecord rec;
  bool unterminated = false;
  std::optional<CsvRowConverter> converter;
  std::string header_raw;
  Status status;
  while (status.ok() && records.Next(&rec, &unterminated)) {
    if (IsBlankOrComment(rec.raw)) continue;
    if (!converter) {
      auto conv = CsvRowConverter::FromHeader(rec.cells);
      if (!conv.ok()) {
        status = conv.status().WithContext(input_name + ":" + std::to_string(rec.line));
        break;
      }
      converter = std::move(conv).value();
      header_raw = rec.raw;
      continue;
    }
    ++summary_.lines;
    if (unterminated) {
      Reject(input_name, rec.line, FieldError{"", "quoted field not closed before the end of the input"}, rec.raw,
             header_raw);
      continue;
    }
    if (auto err = converter->Convert(rec.cells, &scratch_)) {
      Reject(input_name, rec.line, std::move(*err), rec.raw, header_raw);
      continue;
    }
    NoteUnknownFields(scratch_, input_name, rec.line);
    status = run.Add(std::move(scratch_.report));
  }
  if (status.ok() && !lines.status().ok()) status = lines.status().WithContext("reading " + input_name);
  return run.Finish(status);
}

Status Ingester::IngestJsonl(std::istream& in, const std::string& input_name) {
  LineReader lines(in);
  return IngestLines(lines, input_name);
}

Status Ingester::IngestJsonlText(std::string_view text, const std::string& input_name) {
  LineReader lines(text);
  return IngestLines(lines, input_name);
}

Status Ingester::IngestCsv(std::istream& in, const std::string& input_name) {
  LineReader lines(in);
  return IngestCsvLines(lines, input_name);
}

Status Ingester::IngestCsvText(std::string_view text, const std::string& input_name) {
  LineReader lines(text);
  return IngestCsvLines(lines, input_name);
}

Status Ingester::IngestRequestBody(std::string_view body, const std::string& input_name) {
  // JSON Lines, one pretty-printed object, or an array: IngestLines tells
  // them apart.
  return IngestJsonlText(body, input_name);
}

}  // namespace zicht::ingest
