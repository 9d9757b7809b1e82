// SqliteStore's part of erasure in the alert tables (alert_erasure.h).
#include <algorithm>
#include <set>

#include "store/alert_erasure.h"
#include "store/sqlite_store.h"

namespace zicht::store {
namespace {

Result<bool> TableExists(sqlite::Database& db, std::string_view name) {
  ZICHT_ASSIGN_OR_RETURN(auto s, db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  s.Bind(1, name);
  return s.Step();
}

}  // namespace

Result<std::set<IdentifierKey>> SqliteStore::AlertNamedSet() {
  std::set<IdentifierKey> named;
  // The alert tables are made by the first OpenSqliteAlertStore: a
  // database that never had a subscription has none.
  ZICHT_ASSIGN_OR_RETURN(bool has_alerts, TableExists(*db_, "alerts"));
  if (!has_alerts) return named;
  ZICHT_ASSIGN_OR_RETURN(auto all, db_->Prepare(kAlertNamedSql));
  for (;;) {
    ZICHT_ASSIGN_OR_RETURN(bool row, all.Step());
    if (!row) break;
    named.insert(IdentifierKey{std::string(all.Text(0)), std::string(all.Text(1))});
  }
  return named;
}

Status SqliteStore::CollectAlertNamed(const std::set<IdentifierKey>& named, const std::vector<int64_t>& row_ids,
                                      std::set<IdentifierKey>* hit) {
  ZICHT_ASSIGN_OR_RETURN(auto ids, db_->Prepare("SELECT kind, canonical FROM identifiers WHERE report_row = ?"));
  for (int64_t row_id : row_ids) {
    ids.Bind(1, row_id);
    for (;;) {
      ZICHT_ASSIGN_OR_RETURN(bool row, ids.Step());
      if (!row) break;
      IdentifierKey key{std::string(ids.Text(0)), std::string(ids.Text(1))};
      if (named.contains(key)) hit->insert(std::move(key));
    }
    ids.Reset();
  }
  return Status::Ok();
}

Result<std::vector<IdentifierKey>> SqliteStore::AlertNamedIdentifiers(const std::vector<int64_t>& row_ids) {
  if (row_ids.empty()) return std::vector<IdentifierKey>();
  ZICHT_ASSIGN_OR_RETURN(std::set<IdentifierKey> named, AlertNamedSet());
  std::set<IdentifierKey> hit;
  if (!named.empty()) ZICHT_RETURN_IF_ERROR(CollectAlertNamed(named, row_ids, &hit));
  return std::vector<IdentifierKey>(hit.begin(), hit.end());
}

Status SqliteStore::EraseAlertRows(const std::vector<IdentifierKey>& named) {
  if (named.empty()) return Status::Ok();
  ZICHT_ASSIGN_OR_RETURN(auto still, db_->Prepare("SELECT 1 FROM identifiers WHERE kind = ? AND canonical = ? LIMIT 1"));
  ZICHT_ASSIGN_OR_RETURN(bool has_lists, TableExists(*db_, "warning_list_entry"));
  bool erased = false;
  for (const IdentifierKey& key : named) {
    still.Bind(1, key.kind).Bind(2, key.canonical);
    ZICHT_ASSIGN_OR_RETURN(bool named_elsewhere, still.Step());
    still.Reset();
    if (named_elsewhere) continue;
    for (const char* sql : kEraseAlertRowsSql) {
      ZICHT_ASSIGN_OR_RETURN(auto del, db_->Prepare(sql));
      ZICHT_RETURN_IF_ERROR(del.Bind(1, key.kind).Bind(2, key.canonical).Run());
    }
    if (has_lists) {
      ZICHT_ASSIGN_OR_RETURN(auto del, db_->Prepare("DELETE FROM warning_list_entry WHERE list = 'zicht-disputes' AND "
                                                    "kind = ? AND value = ?"));
      ZICHT_RETURN_IF_ERROR(del.Bind(1, key.kind).Bind(2, key.canonical).Run());
    }
    erased = true;
  }
  if (!erased) return Status::Ok();
  return db_->Exec("UPDATE alert_marks SET generation = generation + 1 WHERE one = 1");
}

}  // namespace zicht::store
