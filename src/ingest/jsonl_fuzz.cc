// libFuzzer target: the JSON-line parse + validate + normalise path of
// ingest (everything a partner's file reaches before the store). Any input
// must end in a report or a rejection — no crash, no sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/json_line.h"
#include "ingest/line_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static zicht::ingest::JsonLineParser parser;
  zicht::ingest::ValidatedReport out;
  zicht::ingest::LineReader lines(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string_view line;
  while (lines.Next(&line)) {
    auto err = parser.Parse(line, &out);
    if (!err && out.report.key.id.empty()) __builtin_trap();  // accepted reports always have an id
  }
  return 0;
}
