#include "ingest/ingest_summary.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace zicht::ingest {

std::string SummaryToJson(const IngestSummary& s, bool with_rejections) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  auto num = [&](const char* k, int64_t v) {
    w.Key(k);
    w.Int64(v);
  };
  num("accepted", s.accepted);
  num("updated", s.updated);
  num("duplicates", s.duplicates);
  num("rejected", s.rejected);
  num("invalid_identifiers", s.invalid_identifiers);
  num("warnings", s.warnings);
  num("lines", s.lines);
  w.Key("unknown_fields");
  w.StartObject();
  for (const auto& u : s.unknown_fields) {
    w.Key(u.field.c_str(), static_cast<rapidjson::SizeType>(u.field.size()));
    w.Int64(u.count);
  }
  w.EndObject();
  if (with_rejections) {
    w.Key("rejections");
    w.StartArray();
    for (const auto& r : s.rejections) {
      w.StartObject();
      w.Key("input");
      w.String(r.input.c_str(), static_cast<rapidjson::SizeType>(r.input.size()));
      num("line", r.line);
      w.Key("field");
      w.String(r.field.c_str(), static_cast<rapidjson::SizeType>(r.field.size()));
      w.Key("reason");
      w.String(r.reason.c_str(), static_cast<rapidjson::SizeType>(r.reason.size()));
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace zicht::ingest
