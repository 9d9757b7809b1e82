// The alert tables on PostgreSQL (store/alert_store.h; docs/schema.md,
// "PostgreSQL"). Tables from the schema migration (pg_schema.cc, version 2);
// the same rows and answers as sqlite_alert_store.cc.
//
// Several processes and nodes write alerts to one database. An identity
// column hands out numbers at INSERT, not at COMMIT, so two concurrent
// transactions could commit seq 8 after a reader already read past 9 — and
// the feed cursor would skip 8 forever. InsertAlerts therefore takes a
// transaction advisory lock first: alert inserts take turns, and seq
// follows commit order as in SQLite (one writer at a time).
//
// Every node delivers webhooks from the same alert_delivery rows. A node
// claims the due ones before it sends them (ClaimDueDeliveries: a lease in
// next_ms, taken under FOR UPDATE SKIP LOCKED), so each alert goes out
// from one node; the lease is the same next_ms a failed attempt's back-off
// sets, so a dead node's claims come due again without a sweeper, and no
// column or migration was needed.
#include <algorithm>
#include <map>

#include "store/alert_row.h"
#include "store/alert_store.h"
#include "store/pg_db.h"
#include "store/pg_schema.h"

namespace zicht::store {
namespace {

constexpr int64_t kAlertInsertLock = 0x7a6963687402;  // "zicht" 02

class PgAlertStore final : public AlertStore {
 public:
  explicit PgAlertStore(std::unique_ptr<pg::Connection> db) : db_(std::move(db)) {}

  Result<int64_t> AddSubscription(const Subscription& s) override {
    pg::Params p;
    p.Add(s.partner).Add(s.bank_code).Add(s.bic).Add(s.phone_prefix).Add(s.created);
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("INSERT INTO alert_subscription (partner, bank_code, bic, "
                                                 "phone_prefix, created) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                                 p));
    return rows.Int(0, 0);
  }

  Result<std::vector<Subscription>> Subscriptions() override {
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT " + std::string(kSubscriptionColumns) +
                                                 " FROM alert_subscription ORDER BY id"));
    std::vector<Subscription> out;
    for (int i = 0; i < rows.size(); ++i) out.push_back(DecodeSubscription(pg::RowRef(rows, i)));
    return out;
  }

  Status RemoveSubscription(int64_t id, std::string_view only_partner) override {
    return db_->Transaction([&]() -> Status {
      pg::Params p;
      p.Add(id);
      if (!only_partner.empty()) p.Add(only_partner);
      ZICHT_ASSIGN_OR_RETURN(auto gone, db_->Query(only_partner.empty()
                                                       ? "DELETE FROM alert_subscription WHERE id = $1 RETURNING partner"
                                                       : "DELETE FROM alert_subscription WHERE id = $1 AND partner = $2 "
                                                         "RETURNING partner",
                                                   p));
      if (gone.size() == 0) return Status::NotFound("no subscription " + std::to_string(id));
      pg::Params partner;
      partner.Add(gone.Text(0, 0));
      // A partner left without subscriptions loses its webhook too.
      return db_->Query("DELETE FROM alert_webhook WHERE partner = $1 AND NOT EXISTS (SELECT 1 FROM "
                        "alert_subscription WHERE partner = $1)", partner).status();
    });
  }

  Status PutWebhook(const Webhook& w) override {
    pg::Params p;
    p.Add(w.partner).Add(w.url).Add(w.secret).Add(w.updated);
    return db_->Query("INSERT INTO alert_webhook (partner, url, secret, updated) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT (partner) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, "
                      "updated = EXCLUDED.updated", p).status();
  }

  Result<std::vector<Webhook>> Webhooks() override {
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT partner, url, secret, updated FROM alert_webhook "
                                                 "ORDER BY partner COLLATE \"C\""));
    std::vector<Webhook> out;
    for (int i = 0; i < rows.size(); ++i) {
      out.push_back(Webhook{std::string(rows.Text(i, 0)), std::string(rows.Text(i, 1)),
                            std::string(rows.Text(i, 2)), rows.Int(i, 3)});
    }
    return out;
  }

  Result<std::vector<Alert>> InsertAlerts(const std::vector<Alert>& alerts, int64_t now_ms) override {
    std::vector<Alert> inserted;
    if (alerts.empty()) return inserted;
    Status s = db_->Transaction([&]() -> Status {
      inserted.clear();  // a retried transaction starts over
      ZICHT_RETURN_IF_ERROR(db_->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kAlertInsertLock) + ")"));
      for (const Alert& a : alerts) {
        pg::Params p;
        p.Add(a.id).Add(a.partner).Add(a.rule).Add(a.kind).Add(a.normalized).Add(a.created_at);
        p.Add(a.first_report_at).Add(a.reports).Add(a.sources).Add(a.losses).Add(a.damage_cents);
        p.Add(a.reasons).Add(a.cluster);
        ZICHT_ASSIGN_OR_RETURN(
            auto rows, db_->Query("INSERT INTO alerts (id, partner, rule, kind, normalized, created_at, "
                                  "first_report_at, reports, sources, losses, damage_cents, reasons, cluster) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                                  "ON CONFLICT DO NOTHING RETURNING seq", p));
        if (rows.size() == 0) continue;  // raised before: exactly one alert per key
        Alert stored = a;
        stored.seq = rows.Int(0, 0);
        pg::Params d;
        d.Add(stored.seq).Add(a.partner).Add(now_ms);
        ZICHT_RETURN_IF_ERROR(db_->Query("INSERT INTO alert_delivery (alert_seq, partner, next_ms) SELECT $1, $2, $3 "
                                         "WHERE EXISTS (SELECT 1 FROM alert_webhook WHERE partner = $2)", d)
                                  .status());
        inserted.push_back(std::move(stored));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return inserted;
  }

  Result<std::vector<Alert>> AlertsAfter(std::string_view partner, int64_t after, int64_t limit) override {
    pg::Params p;
    p.Add(partner).Add(after).Add(limit);
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT " + std::string(kAlertColumns) +
                                                 " FROM alerts a WHERE a.partner = $1 AND a.seq > $2 ORDER BY a.seq "
                                                 "LIMIT $3", p));
    std::vector<Alert> out;
    for (int i = 0; i < rows.size(); ++i) out.push_back(DecodeAlert(pg::RowRef(rows, i)));
    return out;
  }

  Result<Alert> GetAlert(std::string_view id) override {
    pg::Params p;
    p.Add(id);
    ZICHT_ASSIGN_OR_RETURN(auto rows,
                           db_->Query("SELECT " + std::string(kAlertColumns) + " FROM alerts a WHERE a.id = $1", p));
    if (rows.size() == 0) return Status::NotFound("no alert '" + std::string(id) + "'");
    return DecodeAlert(pg::RowRef(rows, 0));
  }

  Result<std::vector<std::string>> AlertKeys() override {
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT partner, rule, kind, normalized FROM alerts"));
    std::vector<std::string> out;
    for (int i = 0; i < rows.size(); ++i) {
      std::string key(rows.Text(i, 0));
      for (int c = 1; c < 4; ++c) (key += '\n') += rows.Text(i, c);
      out.push_back(std::move(key));
    }
    return out;
  }

  // The claim (alert_store.h) in one statement: lock the due rows no other
  // node holds (SKIP LOCKED: a node mid-claim is skipped, not waited for;
  // a row another node claimed and committed is no longer due), number
  // them oldest first and move each one's next_ms past its lease.
  Result<std::vector<DueDelivery>> ClaimDueDeliveries(std::string_view partner, int64_t now_ms, int64_t limit,
                                                      int64_t attempt_ms) override {
    pg::Params p;
    p.Add(partner).Add(now_ms).Add(limit).Add(attempt_ms);
    ZICHT_ASSIGN_OR_RETURN(
        auto rows,
        db_->Query("WITH due AS (SELECT alert_seq FROM alert_delivery WHERE partner = $1 AND delivered_ms IS NULL "
                   "AND NOT given_up AND next_ms <= $2 ORDER BY alert_seq LIMIT $3 FOR UPDATE SKIP LOCKED), "
                   "numbered AS (SELECT alert_seq, row_number() OVER (ORDER BY alert_seq) AS n FROM due), "
                   "claimed AS (UPDATE alert_delivery d SET next_ms = $2 + (numbered.n + 1) * $4 FROM numbered "
                   "WHERE d.alert_seq = numbered.alert_seq RETURNING d.alert_seq, d.attempts) "
                   "SELECT c.attempts, " + std::string(kAlertColumns) +
                   " FROM claimed c JOIN alerts a ON a.seq = c.alert_seq ORDER BY a.seq", p));
    std::vector<DueDelivery> out;
    for (int i = 0; i < rows.size(); ++i) {
      DueDelivery d;
      d.attempts = rows.Int(i, 0);
      d.alert = DecodeAlert(pg::RowRef(rows, i), 1);
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<std::optional<int64_t>> NextDueMs(std::string_view partner) override {
    pg::Params p;
    p.Add(partner);
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT MIN(next_ms) FROM alert_delivery WHERE partner = $1 AND "
                                                 "delivered_ms IS NULL AND NOT given_up", p));
    if (rows.size() == 0 || rows.IsNull(0, 0)) return std::optional<int64_t>();
    return std::optional<int64_t>(rows.Int(0, 0));
  }

  Status MarkDelivered(int64_t alert_seq, int64_t now_ms) override {
    pg::Params p;
    p.Add(now_ms).Add(alert_seq);
    return db_->Query("UPDATE alert_delivery SET delivered_ms = $1, attempts = attempts + 1, last_error = '' "
                      "WHERE alert_seq = $2", p).status();
  }

  Status MarkFailed(int64_t alert_seq, int64_t attempts, int64_t next_ms, bool give_up,
                    std::string_view error) override {
    pg::Params p;
    p.Add(attempts).Add(next_ms).Add(give_up ? "t" : "f").Add(error).Add(alert_seq);
    return db_->Query("UPDATE alert_delivery SET attempts = $1, next_ms = $2, given_up = $3, last_error = $4 "
                      "WHERE alert_seq = $5", p).status();
  }

  Result<DeliveryCounts> CountDeliveries(std::string_view partner) override {
    pg::Params p;
    p.Add(partner);
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT COUNT(delivered_ms), "
                                                 "COUNT(*) FILTER (WHERE delivered_ms IS NULL AND NOT given_up), "
                                                 "COUNT(*) FILTER (WHERE given_up) FROM alert_delivery "
                                                 "WHERE partner = $1", p));
    DeliveryCounts c;
    if (rows.size() > 0) {
      c.delivered = rows.Int(0, 0);
      c.pending = rows.Int(0, 1);
      c.failed = rows.Int(0, 2);
    }
    return c;
  }

  Result<int64_t> AddFeedback(const Feedback& f) override {
    int64_t seq = 0;
    Status s = db_->Transaction([&]() -> Status {
      pg::Params p;
      p.Add(f.partner).Add(f.alert_id).Add(f.kind).Add(f.normalized).Add(f.outcome).Add(f.amount_cents);
      p.Add(f.reason).Add(f.created_at);
      ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("INSERT INTO alert_feedback (partner, alert_id, kind, normalized, "
                                                   "outcome, amount_cents, reason, created_at) VALUES "
                                                   "($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq", p));
      seq = rows.Int(0, 0);
      return BumpGeneration();
    });
    if (!s.ok()) return s;
    return seq;
  }

  Result<int64_t> OpenDispute(const Dispute& d) override {
    int64_t id = 0;
    Status s = db_->Transaction([&]() -> Status {
      pg::Params p;
      p.Add(d.partner).Add(d.kind).Add(d.normalized).Add(d.reason).Add(d.opened_at);
      ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("INSERT INTO disputes (partner, kind, normalized, reason, state, "
                                                   "opened_at) VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id", p));
      id = rows.Int(0, 0);
      return BumpGeneration();
    });
    if (!s.ok()) return s;
    return id;
  }

  Result<std::vector<Feedback>> FeedbackRows() override {
    ZICHT_ASSIGN_OR_RETURN(auto rows,
                           db_->Query("SELECT " + std::string(kFeedbackColumns) + " FROM alert_feedback ORDER BY seq"));
    std::vector<Feedback> out;
    for (int i = 0; i < rows.size(); ++i) out.push_back(DecodeFeedback(pg::RowRef(rows, i)));
    return out;
  }

  Result<std::vector<Dispute>> Disputes(bool open_only) override {
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT " + std::string(kDisputeColumns) + " FROM disputes" +
                                                 (open_only ? " WHERE state = 'open'" : "") + " ORDER BY id"));
    std::vector<Dispute> out;
    for (int i = 0; i < rows.size(); ++i) out.push_back(DecodeDispute(pg::RowRef(rows, i)));
    return out;
  }

  Status ResolveDispute(int64_t id, DisputeState state, std::string_view resolution, UnixSeconds now) override {
    return db_->Transaction([&]() -> Status {
      pg::Params find;
      find.Add(id);
      // FOR UPDATE: two analysts resolving at once — the second sees the first's state.
      ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT state FROM disputes WHERE id = $1 FOR UPDATE", find));
      if (rows.size() == 0) return Status::NotFound("no dispute " + std::to_string(id));
      if (rows.Text(0, 0) != "open") {
        return Status::InvalidArgument("dispute " + std::to_string(id) + " is already " + std::string(rows.Text(0, 0)));
      }
      pg::Params p;
      p.Add(DisputeStateName(state)).Add(now).Add(resolution).Add(id);
      ZICHT_RETURN_IF_ERROR(
          db_->Query("UPDATE disputes SET state = $1, resolved_at = $2, resolution = $3 WHERE id = $4", p).status());
      return BumpGeneration();
    });
  }

  Result<IdentifierMarks> Marks() override {
    IdentifierMarks marks;
    ZICHT_ASSIGN_OR_RETURN(auto disputes, db_->Query("SELECT DISTINCT state, kind COLLATE \"C\", normalized COLLATE "
                                                     "\"C\" FROM disputes WHERE state != 'rejected' ORDER BY 2, 3"));
    for (int i = 0; i < disputes.size(); ++i) {
      IdentifierMark m{std::string(disputes.Text(i, 1)), std::string(disputes.Text(i, 2))};
      (disputes.Text(i, 0) == "open" ? marks.disputed : marks.dispute_upheld).push_back(std::move(m));
    }
    ZICHT_ASSIGN_OR_RETURN(auto mules, db_->Query("SELECT DISTINCT kind, normalized COLLATE \"C\" FROM alert_feedback "
                                                  "WHERE outcome IN ('account_blocked', 'account_closed') AND kind = "
                                                  "'iban' ORDER BY 2"));
    for (int i = 0; i < mules.size(); ++i) {
      marks.confirmed_mule.push_back(IdentifierMark{std::string(mules.Text(i, 0)), std::string(mules.Text(i, 1))});
    }
    return marks;
  }

  Result<int64_t> MarksGeneration() override {
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT generation FROM alert_marks WHERE one = 1"));
    return rows.size() > 0 ? rows.Int(0, 0) : int64_t{0};
  }

  Result<std::vector<OutcomeRow>> Outcomes() override {
    ZICHT_ASSIGN_OR_RETURN(
        auto rows,
        db_->Query("SELECT a.partner, a.rule, a.created_at - a.first_report_at, MIN(f.created_at), "
                   "COUNT(f.seq) FILTER (WHERE f.outcome NOT IN ('no_action', 'false_positive')), "
                   "COUNT(f.seq) FILTER (WHERE f.outcome = 'false_positive'), "
                   "COALESCE(SUM(f.amount_cents) FILTER (WHERE f.outcome = 'funds_frozen'), 0), "
                   "COALESCE(SUM(f.amount_cents) FILTER (WHERE f.outcome = 'funds_recovered'), 0), a.created_at "
                   "FROM alerts a LEFT JOIN alert_feedback f ON f.alert_id = a.id "
                   "GROUP BY a.seq ORDER BY a.seq"));
    std::map<std::pair<std::string, std::string>, OutcomeRow> by_key;
    for (int i = 0; i < rows.size(); ++i) {
      OutcomeRow& r = by_key[{std::string(rows.Text(i, 0)), std::string(rows.Text(i, 1))}];
      r.partner = std::string(rows.Text(i, 0));
      r.rule = std::string(rows.Text(i, 1));
      ++r.alerts;
      r.report_to_alert_s.push_back(std::max<int64_t>(0, rows.Int(i, 2)));
      if (!rows.IsNull(i, 3)) r.alert_to_action_s.push_back(std::max<int64_t>(0, rows.Int(i, 3) - rows.Int(i, 8)));
      if (rows.Int(i, 4) > 0) ++r.acted_on;
      if (rows.Int(i, 5) > 0) ++r.false_positives;
      r.frozen_cents += rows.Int(i, 6);
      r.recovered_cents += rows.Int(i, 7);
    }
    std::vector<OutcomeRow> out;
    for (auto& [key, row] : by_key) out.push_back(std::move(row));
    return out;
  }

 private:
  Status BumpGeneration() { return db_->Exec("UPDATE alert_marks SET generation = generation + 1 WHERE one = 1"); }

  std::unique_ptr<pg::Connection> db_;
};

}  // namespace

Result<std::unique_ptr<AlertStore>> OpenPgAlertStore(const std::string& url, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto db, OpenPgDatabase(url, durability));
  return std::unique_ptr<AlertStore>(new PgAlertStore(std::move(db)));
}

}  // namespace zicht::store
