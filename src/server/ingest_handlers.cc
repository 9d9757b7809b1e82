// Report intake: POST /v1/reports (one report or JSON Lines, the same
// guarantees and summary as `zicht ingest`) and POST /form/report (the
// public form: one report, source and id assigned here).
//
// An accepted report is committed before the answer is sent, and the index
// is updated in the same step (on_commit → Engine::Apply), so the next check
// sees it. Ingests are serialised by ingest_mu_; checks run alongside and see
// the index before or after a batch, never half of one (engine.h).
#include <openssl/rand.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>

#include "ingest/ingester.h"
#include "server/alert_service.h"
#include "server/blind_lookups.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/service.h"

namespace zicht::server {

// Every report a request writes is audited (who, when, which report key;
// never its contents): a reporter key that rewrote other partners' reports
// left no trace before. The write rule (a key writes only the sources its
// partner owns, key_ring.h) is checked for every report before any is
// written, so a refused request changes nothing.
Result<ingest::IngestSummary> Service::Ingest(const HttpRequest& req, std::string_view body, const Principal& who,
                                              std::string_view endpoint, bool check_sources, uint64_t* audit_ticket) {
  std::lock_guard<std::mutex> lock(ingest_mu_);
  ingest::IngestOptions options;
  options.writer_thread = false;  // a request body is small; no second thread
  options.on_commit = [&](const std::vector<store::StoredReport>& changed) {
    engine_->Apply(changed);
    blind_->AddReports(changed);  // the blind look-ups' token index (link/token_index.h)
    alerts_->OnCommit(changed);   // alerts to the partners that hold these identifiers (alert_service.h)
    for (const store::StoredReport& r : changed) {
      *audit_ticket =
          Audit(who, req, endpoint, "report", std::string(), r.report.key.source + "/" + r.report.key.id, "written");
    }
  };
  if (check_sources) {
    options.admit = [&who](const model::Report& r) -> std::string {
      if (who.MayWrite(r.key.source)) return std::string();
      return "partner '" + who.partner + "' may not write reports of another source (this key may write " +
             who.WritableSources() + "; see `zicht keys add --source`)";
    };
  }
  ingest::Ingester ingester(*write_store_, std::move(options));
  Status s = ingester.IngestRequestBody(body, "request");
  const ingest::IngestSummary& summary = ingester.summary();
  metrics_.AddIngest(IngestCounts{summary.accepted, summary.updated, summary.duplicates, summary.rejected});
  if (!s.ok()) return s;
  return summary;
}

void Service::HandleReports(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  if (req.body.empty()) return WriteError(res, 400, "invalid_argument", "body is empty: send a report or JSON Lines");
  Result<ingest::IngestSummary> summary = Ingest(req, req.body, who, "POST /v1/reports", true, &res.audit_ticket);
  if (!summary.ok()) return WriteError(res, summary.status());
  res.status = 200;
  res.body = ingest::SummaryToJson(*summary, true);
}

namespace {

// "MF-2026-7K2QX9PA": MF (meldformulier), the year, 8 random characters
// from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read
// out on the phone. 40 bits: collisions are negligible at form volumes, and
// a repeat would be an `updated`, never a lost report.
std::string NewFormReference() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  unsigned char raw[8];
  if (RAND_bytes(raw, sizeof raw) != 1) return std::string();
  std::string year = FormatDate(SystemClock().Now()).substr(0, 4);
  std::string out = "MF-" + year + "-";
  for (unsigned char c : raw) out += kAlphabet[c % (sizeof kAlphabet - 1)];
  return out;
}

}  // namespace

void Service::HandleFormReport(const HttpRequest& req, HttpResponse& res) {
  const std::optional<Principal> form_principal = FormPrincipal();
  if (!form_principal) {
    return WriteError(res, 503, "unavailable",
                      options_.form_partner.empty()
                          ? "the public report form is not enabled on this server (start it with --form-partner)"
                          : "the public report form is closed: its partner has no active reporter key");
  }
  if (!form_limiter_.Allow(req.client_ip, std::chrono::steady_clock::now())) {
    res.retry_after = 60;
    return WriteError(res, 429, "rate_limited", "too many reports from this address; try again in a minute");
  }
  StackJson json;
  Status s = json.Parse(req.body);
  if (!s.ok()) return WriteError(res, s);
  JsonDocument& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be one report as a JSON object");
  for (const char* field : {"source", "id"}) {
    if (doc.HasMember(field)) {
      return WriteError(res, 400, "invalid_argument",
                        std::string("field '") + field + "' is assigned by the server; leave it out");
    }
  }
  std::string reference = NewFormReference();
  if (reference.empty()) return WriteError(res, 500, "internal", "could not create a reference");
  auto& alloc = doc.GetAllocator();
  doc.AddMember("source", rapidjson::Value(form_principal->partner.c_str(), alloc), alloc);
  doc.AddMember("id", rapidjson::Value(reference.c_str(), alloc), alloc);
  rapidjson::StringBuffer line;
  rapidjson::Writer<rapidjson::StringBuffer> w(line);
  doc.Accept(w);
  Result<ingest::IngestSummary> summary =
      Ingest(req, std::string_view(line.GetString(), line.GetSize()), *form_principal, "POST /form/report", false,
             &res.audit_ticket);
  if (!summary.ok()) return WriteError(res, summary.status());
  if (summary->rejected > 0) {
    std::string message = "report rejected";
    if (!summary->rejections.empty()) {
      const ingest::Rejection& r = summary->rejections.front();
      message = r.field.empty() ? r.reason : "field '" + r.field + "': " + r.reason;
    }
    return WriteError(res, 400, "invalid_argument", message);
  }
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> ow(out);
  ow.StartObject();
  ow.Key("reference");
  ow.String(reference.c_str(), static_cast<rapidjson::SizeType>(reference.size()));
  ow.Key("status");
  ow.String("accepted");
  ow.EndObject();
  res.status = 200;
  res.body.assign(out.GetString(), out.GetSize());
}

}  // namespace zicht::server
