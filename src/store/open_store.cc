// OpenStore and MigrateStore (store.h): the one place that picks the backend.
#include "store/alert_store.h"
#include "store/audit_store.h"
#include "store/change_listener.h"
#include "store/barrier_state_store.h"
#include "store/pg_db.h"
#include "store/pg_schema.h"
#include "store/postgres_store.h"
#include "store/sqlite_schema.h"
#include "store/sqlite_store.h"
#include "store/store.h"
#include "store/warning_list_store.h"

namespace zicht::store {

bool IsPostgresLocation(const std::string& location) { return pg::IsPostgresUrl(location); }

std::string RedactedLocation(const std::string& location) {
  if (!IsPostgresLocation(location)) return location;
  std::string out = location;
  size_t start = out.find("://") + 3;
  size_t at = out.find('@', start);
  size_t slash = out.find('/', start);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    size_t colon = out.find(':', start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    size_t end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, Durability durability) {
  if (IsPostgresLocation(location)) {
    ZICHT_ASSIGN_OR_RETURN(auto store, PostgresStore::Open(location, durability));
    return std::unique_ptr<Store>(std::move(store));
  }
  return OpenSqliteStore(location, durability);
}

Result<std::unique_ptr<ChangeListener>> OpenChangeListener(const std::string& location) {
  if (IsPostgresLocation(location)) return OpenPgChangeListener(location);
  return std::unique_ptr<ChangeListener>();
}

Result<std::unique_ptr<AlertStore>> OpenAlertStore(const std::string& location, Durability durability) {
  if (IsPostgresLocation(location)) return OpenPgAlertStore(location, durability);
  return OpenSqliteAlertStore(location, durability);
}

Result<SchemaVersion> MigrateStore(const std::string& location) {
  if (IsPostgresLocation(location)) {
    // One migration list holds every table (pg_schema.h).
    ZICHT_ASSIGN_OR_RETURN(auto db, OpenPgDatabase(location, Durability::kNormal));
    ZICHT_ASSIGN_OR_RETURN(int version, PgSchemaVersion(*db));
    return SchemaVersion{"postgresql", version};
  }
  ZICHT_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(location));
  // The other stages' tables create themselves on open (sqlite_schema.h).
  ZICHT_RETURN_IF_ERROR(AuditStore::Open(location).status());
  ZICHT_RETURN_IF_ERROR(WarningListStore::Open(location).status());
  ZICHT_RETURN_IF_ERROR(BarrierStateStore::Open(location).status());
  ZICHT_ASSIGN_OR_RETURN(int version, SqliteSchemaVersion(store->db()));
  return SchemaVersion{"sqlite", version};
}

}  // namespace zicht::store
