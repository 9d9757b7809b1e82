#pragma once
// What erasing reports takes out of the alert tables (docs/privacy.md,
// "Erasure and correction"; docs/alerts.md): when a report is erased — one
// (`zicht reports erase`, DELETE /v1/reports/{source}/{id}) or many (a
// retention run) — every alert, delivery row, outcome (feedback) and
// dispute naming one of its identifiers that NO remaining report names goes
// too, in the same transaction, with the identifier's entry on the
// upheld-disputes warning-list `zicht-disputes`; the marks generation moves
// so that a running server re-reads them. An identifier another report
// still names keeps its rows: they are about that report as much.
//
// Both report stores (sqlite_store.cc, postgres_store.cc) do it in two
// steps around their deletes: AlertNamedIdentifiers before (which of the
// reports' identifiers the alert tables name: usually none, and then the
// second step costs nothing) and EraseAlertRows after.
//
// Internal to store/. Thread-safety: inside the store's writing transaction.
#include <compare>
#include <string>

namespace zicht::store {

//! An identifier as the alert tables key it: kind name and canonical form.
struct IdentifierKey {
  std::string kind;
  std::string canonical;
  auto operator<=>(const IdentifierKey&) const = default;
};

//! The alert-table statements EraseAlertRows runs per orphaned identifier,
//! with the kind as parameter 1 and the canonical value as 2 (`?1`/`?2` in
//! SQLite, `$1`/`$2` in PostgreSQL: the caller rewrites the marks).
inline constexpr const char* kEraseAlertRowsSql[] = {
    "DELETE FROM alert_delivery WHERE alert_seq IN (SELECT seq FROM alerts WHERE kind = ?1 AND normalized = ?2)",
    "DELETE FROM alerts WHERE kind = ?1 AND normalized = ?2",
    "DELETE FROM alert_feedback WHERE kind = ?1 AND normalized = ?2",
    "DELETE FROM disputes WHERE kind = ?1 AND normalized = ?2",
};

//! The identifiers the alert tables name, as one SELECT of (kind, normalized).
inline constexpr const char* kAlertNamedSql =
    "SELECT kind, normalized FROM alerts UNION SELECT kind, normalized FROM alert_feedback "
    "UNION SELECT kind, normalized FROM disputes";

}  // namespace zicht::store
