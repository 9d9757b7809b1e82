#include "alert/alert_json.h"

#include "common/json_string.h"
#include "common/time.h"
#include "link/json_writer.h"

namespace zicht::alert {

void AppendAlertJson(const store::Alert& a, model::Scope scope, std::string* out) {
  auto field = [out](const char* name, std::string_view value) {
    out->append(",\"").append(name).append("\":");
    AppendJsonString(value, out);
  };
  out->append("{\"id\":");
  AppendJsonString(a.id, out);
  field("rule", a.rule);
  field("kind", a.kind);
  field("normalized", a.normalized);
  field("created_at", FormatRfc3339(a.created_at));
  if (scope < model::Scope::kRisk) return out->push_back('}');
  out->append(",\"reasons\":[");
  std::string_view rest = a.reasons;
  for (bool first = true; !rest.empty(); first = false) {
    size_t comma = rest.find(',');
    if (!first) out->push_back(',');
    AppendJsonString(rest.substr(0, comma), out);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  out->push_back(']');
  if (scope < model::Scope::kDetail) return out->push_back('}');
  out->append(",\"reports\":").append(std::to_string(a.reports));
  out->append(",\"sources\":").append(std::to_string(a.sources));
  out->append(",\"losses\":").append(std::to_string(a.losses));
  char euro[link::kEuroChars];
  out->append(",\"damage_eur\":").append(link::EuroJsonNumber(a.damage_cents, euro));
  field("first_report_at", FormatRfc3339(a.first_report_at));
  out->append(",\"cluster\":");
  if (a.cluster.empty()) out->append("null");
  else AppendJsonString(a.cluster, out);
  out->push_back('}');
}

}  // namespace zicht::alert
