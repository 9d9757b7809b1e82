#include "server/dispute_json.h"

#include "common/time.h"
#include "link/json_writer.h"

namespace zicht::server {
namespace {

constexpr const char* kStateNames[] = {"open", "upheld", "rejected"};

}  // namespace

const char* DisputeStateName(store::DisputeState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<store::DisputeState> ParseDisputeState(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kStateNames[i]) return static_cast<store::DisputeState>(i);
  }
  return std::nullopt;
}

void WriteDisputeJson(rapidjson::Writer<rapidjson::StringBuffer>& w, const store::Dispute& d) {
  w.StartObject();
  w.Key("id");
  w.Int64(d.id);
  w.Key("partner");
  link::WriteString(w, d.partner);
  w.Key("kind");
  link::WriteString(w, d.kind);
  w.Key("value");
  link::WriteString(w, d.normalized);
  w.Key("reason");
  link::WriteString(w, d.reason);
  w.Key("state");
  link::WriteString(w, DisputeStateName(d.state));
  w.Key("opened_at");
  link::WriteString(w, FormatRfc3339(d.opened_at));
  w.Key("resolved_at");
  if (d.resolved_at) link::WriteString(w, FormatRfc3339(*d.resolved_at));
  else w.Null();
  w.Key("resolution");
  link::WriteString(w, d.resolution);
  w.EndObject();
}

}  // namespace zicht::server
