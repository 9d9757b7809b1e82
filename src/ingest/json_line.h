#pragma once
// One JSON Lines line → a validated report: RapidJSON parse, then the
// validator (ingest/validator.h). The hot path of `zicht ingest`. A MISP
// event ({"Event":…}, misp_event.h) or a STIX bundle ({"type":"bundle"},
// stix_bundle.h) is turned into one report object first.
//
// Parsing uses a memory pool that is reset for each line, so steady-state
// parsing does not allocate for the DOM. Invalid UTF-8 is rejected (the
// stored text must be valid for every JSON writer downstream), nesting is
// limited and parsed iteratively so a hostile line cannot exhaust the stack,
// and a member name given twice is a rejection (common/json_parse.h).
//
// Thread-safety: one JsonLineParser per thread.
#include <optional>
#include <string_view>

#include <rapidjson/document.h>

#include "ingest/validator.h"

namespace zicht::ingest {

class JsonLineParser {
 public:
  JsonLineParser();
  JsonLineParser(const JsonLineParser&) = delete;
  JsonLineParser& operator=(const JsonLineParser&) = delete;

  //! Parses and validates `line`. nullopt on success (`*out` filled), else
  //! the rejection: field "" with "not valid JSON at byte N: …" or "not a JSON
  //! object", or the validator's field error.
  std::optional<FieldError> Parse(std::string_view line, ValidatedReport* out);

 private:
  static constexpr size_t kPoolBytes = 64 * 1024;
  alignas(8) char pool_buffer_[kPoolBytes];
  rapidjson::MemoryPoolAllocator<> pool_;
};

}  // namespace zicht::ingest
