// libFuzzer target: JSON that is not one object per line — arrays,
// pretty-printed objects, MISP events ({"Event":…}) — split by
// JsonValueSplitter and each value parsed and validated as ingest does.
// Any input must end in reports or rejections: no crash, no sanitizer
// report, no value larger than the splitter's cap.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/json_line.h"
#include "ingest/json_values.h"
#include "ingest/line_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static zicht::ingest::JsonLineParser parser;
  zicht::ingest::ValidatedReport out;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bool array = !text.empty() && text.front() == '[';
  zicht::ingest::JsonValueSplitter splitter(array, [&](std::string_view value, int64_t line) {
    if (value.size() > zicht::ingest::JsonValueSplitter::kMaxValueBytes + 1 || line < 1) __builtin_trap();
    auto err = parser.Parse(value, &out);
    if (!err && out.report.key.id.empty()) __builtin_trap();  // accepted reports always have an id
  });
  zicht::ingest::LineReader lines(text);
  std::string_view line;
  while (lines.Next(&line)) splitter.Feed(line, lines.line_number());
  splitter.Finish();
  return 0;
}
