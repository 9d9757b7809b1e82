#pragma once
// CSV import (docs/design.md, "Data model"): the report fields as columns
//
//   id,source,reported_at,occurred_at,fraud_type,outcome,damage_eur,channel,
//   age_band,region,iban,phone,spoofed_phone,email,url,device,handle,crypto,text
//
// in any order, named by a header row. RFC 4180 quoting: a field in double
// quotes may hold separators, line breaks and "" for a quote. An identifier
// column may hold several values separated by ';' (each trimmed; empty ones
// skipped; in a ';'-separated file, quote the cell); their role is the
// kind's default, `spoofed_phone` gives phones with role `spoofed`. An empty
// cell is an absent field. A record starting with '#' is a comment (see
// docs/ingest.md, rejects file).
//
// What spreadsheets write (docs/ingest.md, "CSV from Excel"): the separator
// is sniffed from the header row (',', ';' as Dutch Excel writes, or tab)
// or given by an Excel `sep=;` first line; a UTF-8 byte order mark, CRLF
// line ends and Windows-1252 records (converted with ICU) are accepted;
// damage_eur takes "800,00", "1.250,50", "€ 450" (euro_amount.h); the date
// columns take the Dutch short date "1-3-2024" / "01-03-2024" (day first).
//
// Each row becomes the same JSON object shape a JSON line has and goes
// through the same validator, so CSV and JSONL cannot drift apart. Unknown
// columns are dropped and warned about like unknown JSON fields.
//
// Thread-safety: one CsvReader per thread.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "common/status.h"
#include "ingest/field_error.h"
#include "ingest/line_reader.h"
#include "ingest/validator.h"

namespace zicht::ingest {

//! One CSV record: its cells, its verbatim text and the line it starts on.
struct CsvRecord {
  std::vector<std::string> cells;
  std::string raw;  // verbatim, line breaks inside quotes included
  int64_t line = 0;
};

//! Splits RFC 4180 records off a LineReader.
class CsvRecordReader {
 public:
  explicit CsvRecordReader(LineReader& lines) : lines_(lines) {}
  //! The first non-comment line: an Excel `sep=X` line sets the separator
  //! (and is not returned), else the separator is sniffed from this header
  //! row (SniffSeparator).
  //! The next record; false at the end (check lines.status()). A quote left
  //! open at the end of input yields the record with `unterminated` set.
  bool Next(CsvRecord* record, bool* unterminated);

 private:
  LineReader& lines_;
  char separator_ = ',';
  bool separator_given_ = false;
  bool header_seen_ = false;
};

//! The separator a header row uses: ';' or tab when it has more of those
//! than commas outside quotes, else ','.
char SniffSeparator(std::string_view header);

//! Turns CSV rows of one file into validated reports.
class CsvRowConverter {
 public:
  //! Reads the header. On failure: kInvalidArgument naming the problem
  //! (empty header, duplicate column).
  static Result<CsvRowConverter> FromHeader(const std::vector<std::string>& header);

  //! Converts and validates one row. nullopt on success (`*out` filled),
  //! else the rejection. Unknown columns land in out->unknown_fields.
  std::optional<FieldError> Convert(const std::vector<std::string>& cells, ValidatedReport* out) const;

 private:
  enum class Column { kField, kDate, kVictim, kIdentifier, kSpoofedPhone, kDamage, kUnknown };
  struct ColumnInfo {
    Column type = Column::kUnknown;
    std::string name;  // the header cell, sanitised
  };
  std::vector<ColumnInfo> columns_;
};

}  // namespace zicht::ingest
