#include "link/verdict_json.h"

#include <charconv>

#include "common/json_string.h"

namespace zicht::link {
namespace {

void AppendInt(int64_t n, std::string* out) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out->append(buf, end);
}

// An RFC 3339 string, or null.
void AppendTime(const std::optional<UnixSeconds>& t, std::string* out) {
  if (!t) {
    out->append("null");
    return;
  }
  Rfc3339Chars c = FormatRfc3339Chars(*t);
  out->push_back('"');
  out->append(c.data(), c.size());
  out->push_back('"');
}

// The vocabularies (kinds, risks, reasons, fraud types) are fixed ASCII
// words: quoted without an escape pass.
void AppendWord(std::string_view word, std::string* out) {
  out->push_back('"');
  out->append(word);
  out->push_back('"');
}

}  // namespace

void AppendVerdictJson(const Verdict& v, std::string* out, model::Scope scope) {
  out->append("{\"kind\":");
  AppendWord(model::kIdentifierKindNames.Name(v.kind), out);
  out->append(",\"value\":");
  if (v.pseudonym.empty()) {
    AppendJsonString(v.value, out);
  } else {
    out->append("null,\"pseudonym\":");
    AppendJsonString(v.pseudonym, out);
  }
  out->append(",\"normalized\":");
  if (v.normalized.empty()) out->append("null");
  else AppendJsonString(v.normalized, out);
  out->append(v.valid ? ",\"valid\":true" : ",\"valid\":false");
  out->append(v.known ? ",\"known\":true" : ",\"known\":false");
  out->append(",\"risk\":");
  AppendWord(kRiskNames.Name(v.risk), out);
  if (scope == model::Scope::kHit) {
    out->push_back('}');
    return;
  }
  out->append(",\"reasons\":[");
  for (size_t i = 0; i < v.reasons.size(); ++i) {
    if (i != 0) out->push_back(',');
    AppendWord(v.reasons[i], out);
  }
  if (scope == model::Scope::kRisk) {
    out->append("]}");
    return;
  }
  out->append("],\"reports\":");
  AppendInt(v.reports, out);
  out->append(",\"losses\":");
  AppendInt(v.losses, out);
  out->append(",\"damage_eur\":");
  char euro[kEuroChars];
  out->append(EuroJsonNumber(v.damage_cents, euro));
  out->append(",\"first_seen\":");
  AppendTime(v.first_seen, out);
  out->append(",\"last_seen\":");
  AppendTime(v.last_seen, out);
  out->append(",\"fraud_types\":[");
  for (size_t i = 0; i < v.fraud_types.size(); ++i) {
    if (i != 0) out->push_back(',');
    AppendWord(model::kFraudTypeNames.Name(v.fraud_types[i]), out);
  }
  out->append("],\"cluster\":");
  if (v.cluster) {
    out->append("{\"id\":");
    AppendJsonString(v.cluster->id, out);
    out->append(",\"reports\":");
    AppendInt(v.cluster->reports, out);
    out->push_back('}');
  } else {
    out->append("null");
  }
  // Counts and euros only: who reported an outcome and why stay with the
  // analysts (GET /v1/marks), as report contents do.
  out->append(",\"outcomes\":[");
  for (size_t i = 0; i < v.outcomes.size(); ++i) {
    const VerdictOutcome& o = v.outcomes[i];
    if (i != 0) out->push_back(',');
    out->append("{\"outcome\":");
    AppendWord(o.outcome, out);
    out->append(",\"count\":");
    AppendInt(o.count, out);
    if (o.has_amount) {
      out->append(",\"amount_eur\":");
      out->append(EuroJsonNumber(o.amount_cents, euro));
    }
    out->push_back('}');
  }
  out->append("]}");
}

void WriteClusterRefJson(JsonWriter& w, const std::optional<ClusterRef>& c) {
  if (!c) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("id");
  WriteString(w, c->id);
  w.Key("reports");
  w.Int64(c->reports);
  w.EndObject();
}

std::string VerdictJson(const Verdict& v) {
  std::string out;
  AppendVerdictJson(v, &out);
  return out;
}

}  // namespace zicht::link
