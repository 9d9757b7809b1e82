// The alert tables on SQLite (store/alert_store.h; docs/schema.md, "Alerts").
#include <openssl/sha.h>

#include <algorithm>
#include <map>

#include "common/encoding.h"
#include "store/alert_row.h"
#include "store/alert_store.h"
#include "store/sqlite_db.h"

namespace zicht::store {
namespace {

// `alerts.seq` is an INTEGER PRIMARY KEY with AUTOINCREMENT: a seq is never
// reused even after the newest alert is deleted, so a feed cursor can never
// skip an alert that reuses its number. The UNIQUE key is what makes
// "exactly one alert per (partner, rule, identifier)" hold across threads,
// processes and restarts (INSERT OR IGNORE). `alert_delivery` has one row
// per alert that is to be pushed; `delivered_ms` stays NULL until the
// receiver answered 2xx. `alert_marks` is one row whose generation grows
// with every feedback or dispute change (MarksGeneration).
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS alert_subscription (
  id           INTEGER PRIMARY KEY,
  partner      TEXT NOT NULL,
  bank_code    TEXT NOT NULL DEFAULT '',
  bic          TEXT NOT NULL DEFAULT '',
  phone_prefix TEXT NOT NULL DEFAULT '',
  created      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_webhook (
  partner TEXT PRIMARY KEY,
  url     TEXT NOT NULL,
  secret  TEXT NOT NULL,
  updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  partner         TEXT NOT NULL,
  rule            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  normalized      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  first_report_at INTEGER NOT NULL,
  reports         INTEGER NOT NULL,
  sources         INTEGER NOT NULL,
  losses          INTEGER NOT NULL,
  damage_cents    INTEGER NOT NULL,
  reasons         TEXT NOT NULL,
  cluster         TEXT NOT NULL,
  UNIQUE (partner, rule, kind, normalized)
);
CREATE INDEX IF NOT EXISTS alerts_by_partner ON alerts(partner, seq);
CREATE TABLE IF NOT EXISTS alert_delivery (
  alert_seq    INTEGER PRIMARY KEY,
  partner      TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_ms      INTEGER NOT NULL,
  delivered_ms INTEGER,
  given_up     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS alert_delivery_due ON alert_delivery(partner, next_ms) WHERE delivered_ms IS NULL AND given_up = 0;
CREATE TABLE IF NOT EXISTS alert_feedback (
  seq          INTEGER PRIMARY KEY,
  partner      TEXT NOT NULL,
  alert_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  normalized   TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS disputes (
  id          INTEGER PRIMARY KEY,
  partner     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  normalized  TEXT NOT NULL,
  reason      TEXT NOT NULL,
  state       TEXT NOT NULL,
  opened_at   INTEGER NOT NULL,
  resolved_at INTEGER,
  resolution  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS alert_marks (
  one        INTEGER PRIMARY KEY CHECK (one = 1),
  generation INTEGER NOT NULL
);
INSERT OR IGNORE INTO alert_marks(one, generation) VALUES (1, 0);
)sql";

class SqliteAlertStore final : public AlertStore {
 public:
  explicit SqliteAlertStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  Result<int64_t> AddSubscription(const Subscription& s) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("INSERT INTO alert_subscription(partner, bank_code, bic, "
                                                   "phone_prefix, created) VALUES (?,?,?,?,?)"));
    stmt.Bind(1, s.partner).Bind(2, s.bank_code).Bind(3, s.bic).Bind(4, s.phone_prefix).Bind(5, s.created);
    ZICHT_RETURN_IF_ERROR(stmt.Run());
    return db_->LastInsertRowId();
  }

  Result<std::vector<Subscription>> Subscriptions() override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT " + std::string(kSubscriptionColumns) +
                                                   " FROM alert_subscription ORDER BY id"));
    std::vector<Subscription> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(DecodeSubscription(stmt));
    }
    return out;
  }

  Status RemoveSubscription(int64_t id, std::string_view only_partner) override {
    return db_->Transaction([&]() -> Status {
      ZICHT_ASSIGN_OR_RETURN(auto find, db_->Prepare(only_partner.empty()
                                                         ? "SELECT partner FROM alert_subscription WHERE id = ?1"
                                                         : "SELECT partner FROM alert_subscription WHERE id = ?1 "
                                                           "AND partner = ?2"));
      find.Bind(1, id);
      if (!only_partner.empty()) find.Bind(2, only_partner);
      ZICHT_ASSIGN_OR_RETURN(bool row, find.Step());
      if (!row) return Status::NotFound("no subscription " + std::to_string(id));
      std::string partner(find.Text(0));
      find.Reset();
      ZICHT_ASSIGN_OR_RETURN(auto del, db_->Prepare("DELETE FROM alert_subscription WHERE id = ?"));
      ZICHT_RETURN_IF_ERROR(del.Bind(1, id).Run());
      ZICHT_ASSIGN_OR_RETURN(auto hook, db_->Prepare("DELETE FROM alert_webhook WHERE partner = ?1 AND NOT EXISTS "
                                                     "(SELECT 1 FROM alert_subscription WHERE partner = ?1)"));
      return hook.Bind(1, partner).Run();
    });
  }

  Status PutWebhook(const Webhook& w) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("INSERT OR REPLACE INTO alert_webhook(partner, url, secret, "
                                                   "updated) VALUES (?,?,?,?)"));
    return stmt.Bind(1, w.partner).Bind(2, w.url).Bind(3, w.secret).Bind(4, w.updated).Run();
  }

  Result<std::vector<Webhook>> Webhooks() override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt,
                           db_->Prepare("SELECT partner, url, secret, updated FROM alert_webhook ORDER BY partner"));
    std::vector<Webhook> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(Webhook{std::string(stmt.Text(0)), std::string(stmt.Text(1)), std::string(stmt.Text(2)),
                            stmt.Int(3)});
    }
    return out;
  }

  Result<std::vector<Alert>> InsertAlerts(const std::vector<Alert>& alerts, int64_t now_ms) override {
    std::vector<Alert> inserted;
    if (alerts.empty()) return inserted;
    Status s = db_->Transaction([&]() -> Status {
      ZICHT_ASSIGN_OR_RETURN(
          auto ins, db_->Prepare("INSERT OR IGNORE INTO alerts(id, partner, rule, kind, normalized, created_at, "
                                 "first_report_at, reports, sources, losses, damage_cents, reasons, cluster) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
      ZICHT_ASSIGN_OR_RETURN(auto hook, db_->Prepare("SELECT 1 FROM alert_webhook WHERE partner = ?"));
      ZICHT_ASSIGN_OR_RETURN(auto deliver,
                             db_->Prepare("INSERT INTO alert_delivery(alert_seq, partner, next_ms) VALUES (?,?,?)"));
      for (const Alert& a : alerts) {
        ins.Bind(1, a.id).Bind(2, a.partner).Bind(3, a.rule).Bind(4, a.kind).Bind(5, a.normalized);
        ins.Bind(6, a.created_at).Bind(7, a.first_report_at).Bind(8, a.reports).Bind(9, a.sources);
        ins.Bind(10, a.losses).Bind(11, a.damage_cents).Bind(12, a.reasons).Bind(13, a.cluster);
        ZICHT_RETURN_IF_ERROR(ins.Run());
        if (db_->Changes() == 0) continue;  // raised before: exactly one alert per key
        Alert stored = a;
        stored.seq = db_->LastInsertRowId();
        hook.Bind(1, a.partner);
        ZICHT_ASSIGN_OR_RETURN(bool has_hook, hook.Step());
        hook.Reset();
        if (has_hook) ZICHT_RETURN_IF_ERROR(deliver.Bind(1, stored.seq).Bind(2, a.partner).Bind(3, now_ms).Run());
        inserted.push_back(std::move(stored));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return inserted;
  }

  Result<std::vector<Alert>> AlertsAfter(std::string_view partner, int64_t after, int64_t limit) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT " + std::string(kAlertColumns) +
                                                   " FROM alerts a WHERE a.partner = ? AND a.seq > ? ORDER BY a.seq LIMIT ?"));
    stmt.Bind(1, partner).Bind(2, after).Bind(3, limit);
    return ReadAlerts(stmt);
  }

  Result<Alert> GetAlert(std::string_view id) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt,
                           db_->Prepare("SELECT " + std::string(kAlertColumns) + " FROM alerts a WHERE a.id = ?"));
    stmt.Bind(1, id);
    ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::NotFound("no alert '" + std::string(id) + "'");
    return DecodeAlert(stmt);
  }

  Result<std::vector<std::string>> AlertKeys() override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT partner, rule, kind, normalized FROM alerts"));
    std::vector<std::string> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      std::string key(stmt.Text(0));
      for (int c = 1; c < 4; ++c) (key += '\n') += stmt.Text(c);
      out.push_back(std::move(key));
    }
    return out;
  }

  // Reads only (alert_store.h): one server delivers from a SQLite file.
  Result<std::vector<DueDelivery>> ClaimDueDeliveries(std::string_view partner, int64_t now_ms, int64_t limit,
                                                      int64_t /*attempt_ms*/) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT d.attempts, " + std::string(kAlertColumns) +
                                                   " FROM alert_delivery d JOIN alerts a ON a.seq = d.alert_seq "
                                                   "WHERE d.partner = ? AND d.delivered_ms IS NULL AND d.given_up = 0 "
                                                   "AND d.next_ms <= ? ORDER BY d.alert_seq LIMIT ?"));
    stmt.Bind(1, partner).Bind(2, now_ms).Bind(3, limit);
    std::vector<DueDelivery> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      DueDelivery d;
      d.attempts = stmt.Int(0);
      d.alert = DecodeAlert(stmt, 1);
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<std::optional<int64_t>> NextDueMs(std::string_view partner) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT MIN(next_ms) FROM alert_delivery WHERE partner = ? AND "
                                                   "delivered_ms IS NULL AND given_up = 0"));
    stmt.Bind(1, partner);
    ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row || stmt.IsNull(0)) return std::optional<int64_t>();
    return std::optional<int64_t>(stmt.Int(0));
  }

  Status MarkDelivered(int64_t alert_seq, int64_t now_ms) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("UPDATE alert_delivery SET delivered_ms = ?, attempts = attempts "
                                                   "+ 1, last_error = '' WHERE alert_seq = ?"));
    return stmt.Bind(1, now_ms).Bind(2, alert_seq).Run();
  }

  Status MarkFailed(int64_t alert_seq, int64_t attempts, int64_t next_ms, bool give_up,
                    std::string_view error) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("UPDATE alert_delivery SET attempts = ?, next_ms = ?, given_up = "
                                                   "?, last_error = ? WHERE alert_seq = ?"));
    return stmt.Bind(1, attempts).Bind(2, next_ms).Bind(3, int64_t{give_up ? 1 : 0}).Bind(4, error)
        .Bind(5, alert_seq)
        .Run();
  }

  Result<DeliveryCounts> CountDeliveries(std::string_view partner) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt,
                           db_->Prepare("SELECT COUNT(delivered_ms), SUM(delivered_ms IS NULL AND given_up = 0), "
                                        "SUM(given_up) FROM alert_delivery WHERE partner = ?"));
    stmt.Bind(1, partner);
    ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    DeliveryCounts c;
    if (row) {
      c.delivered = stmt.Int(0);
      c.pending = stmt.IsNull(1) ? 0 : stmt.Int(1);
      c.failed = stmt.IsNull(2) ? 0 : stmt.Int(2);
    }
    return c;
  }

  Result<int64_t> AddFeedback(const Feedback& f) override {
    int64_t seq = 0;
    Status s = db_->Transaction([&]() -> Status {
      ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("INSERT INTO alert_feedback(partner, alert_id, kind, normalized, "
                                                     "outcome, amount_cents, reason, created_at) VALUES "
                                                     "(?,?,?,?,?,?,?,?)"));
      stmt.Bind(1, f.partner).Bind(2, f.alert_id).Bind(3, f.kind).Bind(4, f.normalized).Bind(5, f.outcome);
      stmt.Bind(6, f.amount_cents).Bind(7, f.reason).Bind(8, f.created_at);
      ZICHT_RETURN_IF_ERROR(stmt.Run());
      seq = db_->LastInsertRowId();
      return BumpGeneration();
    });
    if (!s.ok()) return s;
    return seq;
  }

  Result<int64_t> OpenDispute(const Dispute& d) override {
    int64_t id = 0;
    Status s = db_->Transaction([&]() -> Status {
      ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("INSERT INTO disputes(partner, kind, normalized, reason, state, "
                                                     "opened_at) VALUES (?,?,?,?,'open',?)"));
      stmt.Bind(1, d.partner).Bind(2, d.kind).Bind(3, d.normalized).Bind(4, d.reason).Bind(5, d.opened_at);
      ZICHT_RETURN_IF_ERROR(stmt.Run());
      id = db_->LastInsertRowId();
      return BumpGeneration();
    });
    if (!s.ok()) return s;
    return id;
  }

  Result<std::vector<Dispute>> Disputes(bool open_only) override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT " + std::string(kDisputeColumns) + " FROM disputes" +
                                                   (open_only ? " WHERE state = 'open'" : "") + " ORDER BY id"));
    std::vector<Dispute> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(DecodeDispute(stmt));
    }
    return out;
  }

  Status ResolveDispute(int64_t id, DisputeState state, std::string_view resolution, UnixSeconds now) override {
    return db_->Transaction([&]() -> Status {
      ZICHT_ASSIGN_OR_RETURN(auto find, db_->Prepare("SELECT state FROM disputes WHERE id = ?"));
      find.Bind(1, id);
      ZICHT_ASSIGN_OR_RETURN(bool row, find.Step());
      if (!row) return Status::NotFound("no dispute " + std::to_string(id));
      if (find.Text(0) != "open") {
        return Status::InvalidArgument("dispute " + std::to_string(id) + " is already " + std::string(find.Text(0)));
      }
      find.Reset();
      ZICHT_ASSIGN_OR_RETURN(auto upd, db_->Prepare("UPDATE disputes SET state = ?, resolved_at = ?, resolution = ? "
                                                    "WHERE id = ?"));
      upd.Bind(1, DisputeStateName(state)).Bind(2, now).Bind(3, resolution).Bind(4, id);
      ZICHT_RETURN_IF_ERROR(upd.Run());
      return BumpGeneration();
    });
  }

  Result<std::vector<Feedback>> FeedbackRows() override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT " + std::string(kFeedbackColumns) +
                                                   " FROM alert_feedback ORDER BY seq"));
    std::vector<Feedback> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(DecodeFeedback(stmt));
    }
    return out;
  }

  Result<IdentifierMarks> Marks() override {
    IdentifierMarks marks;
    ZICHT_ASSIGN_OR_RETURN(auto disputes,
                           db_->Prepare("SELECT DISTINCT state, kind, normalized FROM disputes WHERE state != "
                                        "'rejected' ORDER BY kind, normalized"));
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, disputes.Step());
      if (!row) break;
      IdentifierMark m{std::string(disputes.Text(1)), std::string(disputes.Text(2))};
      (disputes.Text(0) == "open" ? marks.disputed : marks.dispute_upheld).push_back(std::move(m));
    }
    ZICHT_ASSIGN_OR_RETURN(auto mules, db_->Prepare("SELECT DISTINCT kind, normalized FROM alert_feedback WHERE "
                                                    "outcome IN ('account_blocked', 'account_closed') AND kind = "
                                                    "'iban' ORDER BY normalized"));
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, mules.Step());
      if (!row) break;
      marks.confirmed_mule.push_back(IdentifierMark{std::string(mules.Text(0)), std::string(mules.Text(1))});
    }
    return marks;
  }

  Result<int64_t> MarksGeneration() override {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT generation FROM alert_marks WHERE one = 1"));
    ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    return row ? stmt.Int(0) : int64_t{0};
  }

  Result<std::vector<OutcomeRow>> Outcomes() override {
    std::map<std::pair<std::string, std::string>, OutcomeRow> rows;
    ZICHT_ASSIGN_OR_RETURN(auto alerts,
                           db_->Prepare("SELECT a.partner, a.rule, a.created_at - a.first_report_at, "
                                        "(SELECT MIN(f.created_at) FROM alert_feedback f WHERE f.alert_id = a.id), "
                                        "(SELECT COUNT(*) FROM alert_feedback f WHERE f.alert_id = a.id AND f.outcome "
                                        "NOT IN ('no_action', 'false_positive')), "
                                        "(SELECT COUNT(*) FROM alert_feedback f WHERE f.alert_id = a.id AND f.outcome "
                                        "= 'false_positive'), "
                                        "(SELECT COALESCE(SUM(amount_cents), 0) FROM alert_feedback f WHERE "
                                        "f.alert_id = a.id AND f.outcome = 'funds_frozen'), "
                                        "(SELECT COALESCE(SUM(amount_cents), 0) FROM alert_feedback f WHERE "
                                        "f.alert_id = a.id AND f.outcome = 'funds_recovered'), a.created_at "
                                        "FROM alerts a"));
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, alerts.Step());
      if (!row) break;
      OutcomeRow& r = rows[{std::string(alerts.Text(0)), std::string(alerts.Text(1))}];
      r.partner = std::string(alerts.Text(0));
      r.rule = std::string(alerts.Text(1));
      ++r.alerts;
      r.report_to_alert_s.push_back(std::max<int64_t>(0, alerts.Int(2)));
      if (!alerts.IsNull(3)) r.alert_to_action_s.push_back(std::max<int64_t>(0, alerts.Int(3) - alerts.Int(8)));
      if (alerts.Int(4) > 0) ++r.acted_on;
      if (alerts.Int(5) > 0) ++r.false_positives;
      r.frozen_cents += alerts.Int(6);
      r.recovered_cents += alerts.Int(7);
    }
    std::vector<OutcomeRow> out;
    for (auto& [key, row] : rows) out.push_back(std::move(row));
    return out;
  }

 private:
  static Result<std::vector<Alert>> ReadAlerts(sqlite::Statement& stmt) {
    std::vector<Alert> out;
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(DecodeAlert(stmt));
    }
    return out;
  }

  Status BumpGeneration() { return db_->Exec("UPDATE alert_marks SET generation = generation + 1 WHERE one = 1"); }

  std::unique_ptr<sqlite::Database> db_;
};

}  // namespace

std::string AlertId(std::string_view partner, std::string_view rule, std::string_view kind,
                    std::string_view normalized) {
  std::string input;
  input.reserve(partner.size() + rule.size() + kind.size() + normalized.size() + 3);
  ((((input += partner) += '\0') += rule) += '\0');
  ((input += kind) += '\0') += normalized;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return "al_" + HexEncode(std::string_view(reinterpret_cast<const char*>(digest), 10));
}

Result<std::unique_ptr<AlertStore>> OpenSqliteAlertStore(const std::string& path, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(path, false, durability));
  ZICHT_RETURN_IF_ERROR(db->Exec(kSchema));
  return std::unique_ptr<AlertStore>(new SqliteAlertStore(std::move(db)));
}

}  // namespace zicht::store
