// DELETE /v1/reports/{source}/{id}: erasure (AVG/GDPR art. 17), and the
// retention run of `zicht serve --retention FILE` (art. 5(1)(e)); both take
// reports out of the store and the index together (docs/privacy.md,
// "Erasure" and "Retention").
//
// Who may erase: an analyst any report; a reporter key only reports of the
// sources its partner writes (Principal::MayWrite, the same rule as for
// POST /v1/reports); a checker nothing (the route's right). Every attempt is
// audited — who, when, which report key, erased or not_found — never the
// report's contents.
//
// ORDER. Under ingest_mu_ (no ingest runs meanwhile): the store deletes the
// rows in one transaction, then the engine drops the report under its
// writer's lock, then the WAL is checkpointed. A check in between the
// commit and Engine::Remove still sees the report for those microseconds;
// a cluster read then skips it (the store no longer has it). A crash in
// between loses nothing: the next start builds the index from the store.
#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/error_response.h"
#include "server/query_string.h"
#include "server/service.h"
#include "store/retention_policy.h"

namespace zicht::server {

void Service::HandleEraseReport(const HttpRequest& req, std::string_view source_param, std::string_view id_param,
                                const Principal& who, HttpResponse& res) {
  std::optional<std::string> source = PercentDecode(source_param);
  std::optional<std::string> id = PercentDecode(id_param);
  if (!source || !id) return WriteError(res, 400, "invalid_argument", "malformed percent-escape in the path");
  if (!model::IsValidSource(*source)) {
    return WriteError(res, 400, "invalid_argument", "{source} must match [a-z0-9_-]{1,32}");
  }
  if (who.role != Role::kAnalyst && !who.MayWrite(*source)) {
    return WriteError(res, 403, "permission_denied",
                      "partner '" + who.partner + "' may not erase reports of another source (this key may write " +
                          who.WritableSources() + ")");
  }
  constexpr std::string_view kEndpoint = "DELETE /v1/reports/{source}/{id}";
  Result<int64_t> erased = Status::Internal("not run");
  {
    std::lock_guard<std::mutex> lock(ingest_mu_);
    erased = write_store_->EraseReport({*source, *id});
    if (erased.ok()) {
      engine_->Remove({*erased});
      auto complete = write_store_->Checkpoint();
      if (!complete.ok() || !*complete) {
        std::fprintf(stderr, "zicht serve: erasure: the write-ahead log could not be truncated yet (a reader)\n");
      }
    }
  }
  const bool found = erased.ok();
  if (found || erased.status().IsNotFound()) {
    res.audit_ticket = Audit(who, req, kEndpoint, "report", std::string(), *source + "/" + *id,
                             found ? "erased" : "not_found");
  }
  if (!found) {
    Status s = erased.status();
    if (s.IsNotFound()) s = Status::NotFound(s.message() + "; nothing changed");
    return WriteError(res, s);
  }
  metrics_.AddErased(1);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  w.StartObject();
  w.Key("status");
  w.String("erased");
  w.Key("source");
  w.String(source->c_str(), static_cast<rapidjson::SizeType>(source->size()));
  w.Key("id");
  w.String(id->c_str(), static_cast<rapidjson::SizeType>(id->size()));
  w.EndObject();
  res.status = 200;
  res.body.assign(out.GetString(), out.GetSize());
}

Status Service::ApplyRetention() {
  if (!retention_) return Status::Ok();
  std::lock_guard<std::mutex> lock(ingest_mu_);
  ZICHT_ASSIGN_OR_RETURN(store::ErasedReports erased,
                         write_store_->EraseExpired(retention_->CutoffsAt(SystemClock().Now()), false));
  if (!erased.row_ids.empty()) {
    engine_->Remove(erased.row_ids);
    (void)write_store_->Checkpoint();
    metrics_.AddErased(static_cast<int64_t>(erased.row_ids.size()));
  }
  std::string counts = store::FormatErasedCounts(erased);
  // Counts per source only: never a report id or an identifier in the log.
  std::fprintf(stderr, "zicht serve: retention: erased %s\n", counts.c_str());
  store::AuditEntry e;
  e.at = SystemClock().Now();
  e.partner = "zicht";
  e.key_id = "retention";
  e.endpoint = "retention";
  e.kind = "report";
  e.subject = counts;
  // No partner asked for it: the deployment's own storage limitation.
  e.legal_basis = "AVG art. 5(1)(e)";
  e.result = "erased";
  audit_->Append(std::move(e));
  return Status::Ok();
}

}  // namespace zicht::server
