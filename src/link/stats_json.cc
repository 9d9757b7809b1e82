#include "link/stats_json.h"

namespace zicht::link {

void WriteStatsJson(JsonWriter& w, std::string_view by, const std::vector<store::StatsRow>& rows) {
  w.StartObject();
  w.Key("by");
  WriteString(w, by);
  w.Key("rows");
  w.StartArray();
  for (const store::StatsRow& r : rows) {
    w.StartObject();
    w.Key("period");
    WriteString(w, r.period);
    w.Key("fraud_type");
    WriteString(w, model::kFraudTypeNames.Name(r.fraud_type));
    w.Key("reports");
    w.Int64(r.reports);
    w.Key("attempts");
    w.Int64(r.attempts);
    w.Key("losses");
    w.Int64(r.losses);
    w.Key("damage_eur");
    WriteEuro(w, r.damage_cents);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace zicht::link
