// The Service's writes to the store: report ingest (POST /v1/reports and
// the public form), erasure (DELETE /v1/reports/{source}/{id}) and the
// retention run of `zicht serve --retention FILE` (docs/privacy.md,
// "Erasure" and "Retention"). Each holds ingest_mu_, so writes are
// serialised and the index changes with the store in the same step.
//
// An accepted report is committed before the answer is sent, and the index
// is updated in the same step (on_commit → Engine::Apply), so the next check
// sees it. Checks run alongside and see the index before or after a batch,
// never half of one (engine.h).
//
// ERASURE ORDER. The store deletes the rows in one transaction, then the
// engine drops the report under its writer's lock, then the WAL is
// checkpointed. A check in between the commit and Engine::Remove still sees
// the report for those microseconds; a cluster read then skips it (the
// store no longer has it). A crash in between loses nothing: the next start
// builds the index from the store.
#include <cstdio>

#include "ingest/ingester.h"
#include "server/alert_service.h"
#include "server/blind_lookups.h"
#include "server/service.h"
#include "store/retention_policy.h"

namespace zicht::server {

// Every report a request writes is audited (who, when, which report key;
// never its contents): a reporter key that rewrote other partners' reports
// left no trace before. The write rule (a key writes only the sources its
// partner owns, key_ring.h) is checked for every report before any is
// written, so a refused request changes nothing.
Result<ingest::IngestSummary> Service::Ingest(const HttpRequest& req, std::string_view body, const Principal& who,
                                              std::string_view endpoint, bool check_sources, uint64_t* audit_ticket) {
  MutexLock lock(&ingest_mu_);
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

Result<int64_t> Service::EraseReport(const model::ReportKey& key) {
  MutexLock lock(&ingest_mu_);
  ZICHT_ASSIGN_OR_RETURN(int64_t row_id, write_store_->EraseReport(key));
  engine_->Remove({row_id});
  auto complete = write_store_->Checkpoint();
  if (!complete.ok() || !*complete) {
    std::fprintf(stderr, "zicht serve: erasure: the write-ahead log could not be truncated yet (a reader)\n");
  }
  return row_id;
}

Result<std::vector<store::StatsRow>> Service::Stats(const store::StatsQuery& query) {
  MutexLock lock(&read_mu_);
  return read_store_->Stats(query);
}

Status Service::ApplyRetention() {
  if (!retention_) return Status::Ok();
  MutexLock lock(&ingest_mu_);
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
