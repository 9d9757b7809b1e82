#include "ingest/json_line.h"

#include "common/json_parse.h"

#include "ingest/misp_event.h"
#include "ingest/stix_bundle.h"

namespace zicht::ingest {

JsonLineParser::JsonLineParser() : pool_(pool_buffer_, sizeof pool_buffer_) {}

std::optional<FieldError> JsonLineParser::Parse(std::string_view line, ValidatedReport* out) {
  std::optional<FieldError> result;
  {
    rapidjson::Document doc(&pool_);
    Status parsed = ParseJson(line, doc);
    if (!parsed.ok()) {
      result = FieldError{"", parsed.message()};  // "not valid JSON at byte N: …"
    } else if (IsMispEvent(doc) || IsStixBundle(doc)) {
      // Another tool's document: turned into the report object first.
      rapidjson::Document report;
      std::vector<std::string> dropped;
      if (IsMispEvent(doc)) MispEventToReport(doc, &report, &dropped);
      else StixBundleToReport(doc, &report, &dropped);
      result = ValidateReport(report, out);
      if (!result) out->unknown_fields.insert(out->unknown_fields.end(), dropped.begin(), dropped.end());
    } else {
      result = ValidateReport(doc, out);
    }
  }
  pool_.Clear();  // the document is gone; its values lived in the pool
  return result;
}

}  // namespace zicht::ingest
