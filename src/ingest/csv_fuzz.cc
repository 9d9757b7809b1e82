// libFuzzer target: the CSV import path (RFC 4180 record splitting, header,
// row → JSON object → validate + normalise). The first record is the
// header; every later record must end in a report or a rejection — no
// crash, no sanitizer report.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ingest/csv_reader.h"
#include "ingest/line_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zicht::ingest::LineReader lines(std::string_view(reinterpret_cast<const char*>(data), size));
  zicht::ingest::CsvRecordReader records(lines);
  zicht::ingest::CsvRecord record;
  bool unterminated = false;
  std::optional<zicht::ingest::CsvRowConverter> converter;
  while (records.Next(&record, &unterminated)) {
    if (!converter) {
      auto header = zicht::ingest::CsvRowConverter::FromHeader(record.cells);
      if (!header.ok()) return 0;
      converter.emplace(std::move(header).value());
      continue;
    }
    zicht::ingest::ValidatedReport out;
    auto err = converter->Convert(record.cells, &out);
    if (!err && out.report.key.id.empty()) __builtin_trap();  // accepted reports always have an id
  }
  return 0;
}
