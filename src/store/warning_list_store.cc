#include "store/warning_list_store.h"

#include "store/pg_db.h"
#include "store/sqlite_db.h"

namespace zicht::store {
namespace {

constexpr std::string_view kSchema =
    "CREATE TABLE IF NOT EXISTS warning_list("
    "  name TEXT PRIMARY KEY, description TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS warning_list_entry("
    "  list TEXT NOT NULL REFERENCES warning_list(name) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL, value TEXT NOT NULL, subdomains INTEGER NOT NULL DEFAULT 1,"
    "  PRIMARY KEY(list, kind, value)) WITHOUT ROWID;";

class SqliteWarningListStore final : public WarningListStore {
 public:
  explicit SqliteWarningListStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
  Status Put(const WarningListRow& list) override;
  Result<std::vector<WarningListRow>> LoadAll() override;
  Result<std::vector<WarningListRow>> List() override;

 private:
  std::unique_ptr<sqlite::Database> db_;
};

}  // namespace

Result<std::unique_ptr<WarningListStore>> WarningListStore::Open(const std::string& location) {
  if (pg::IsPostgresUrl(location)) return OpenPgWarningListStore(location);
  ZICHT_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(location));
  ZICHT_RETURN_IF_ERROR(db->Exec(kSchema));
  ZICHT_ASSIGN_OR_RETURN(auto cols, db->Prepare(
      "SELECT COUNT(*) FROM pragma_table_info('warning_list_entry') WHERE name = 'subdomains'"));
  ZICHT_ASSIGN_OR_RETURN(bool row, cols.Step());
  if (row && cols.Int(0) == 0) {
    ZICHT_RETURN_IF_ERROR(
        db->Exec("ALTER TABLE warning_list_entry ADD COLUMN subdomains INTEGER NOT NULL DEFAULT 1"));
  }
  return std::unique_ptr<WarningListStore>(new SqliteWarningListStore(std::move(db)));
}

Status SqliteWarningListStore::Put(const WarningListRow& list) {
  return db_->Transaction([&]() -> Status {
    ZICHT_ASSIGN_OR_RETURN(auto del, db_->Prepare("DELETE FROM warning_list WHERE name = ?1"));
    ZICHT_RETURN_IF_ERROR(del.Bind(1, list.name).Run());
    ZICHT_ASSIGN_OR_RETURN(auto ins, db_->Prepare(
        "INSERT INTO warning_list(name, description, imported_at) VALUES(?1, ?2, ?3)"));
    ZICHT_RETURN_IF_ERROR(ins.Bind(1, list.name).Bind(2, list.description).Bind(3, list.imported_at).Run());
    ZICHT_ASSIGN_OR_RETURN(auto entry, db_->Prepare(
        "INSERT OR IGNORE INTO warning_list_entry(list, kind, value, subdomains) VALUES(?1, ?2, ?3, ?4)"));
    for (const auto& e : list.entries) {
      ZICHT_RETURN_IF_ERROR(entry.Bind(1, list.name)
                                .Bind(2, model::kIdentifierKindNames.Name(e.kind))
                                .Bind(3, e.value)
                                .Bind(4, int64_t{e.subdomains ? 1 : 0})
                                .Run());
    }
    return Status::Ok();
  });
}

Result<std::vector<WarningListRow>> SqliteWarningListStore::List() {
  ZICHT_ASSIGN_OR_RETURN(auto q, db_->Prepare(
      "SELECT l.name, l.description, l.imported_at, "
      "  (SELECT COUNT(*) FROM warning_list_entry e WHERE e.list = l.name) "
      "FROM warning_list l ORDER BY l.name"));
  std::vector<WarningListRow> out;
  while (true) {
    ZICHT_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    WarningListRow r;
    r.name = std::string(q.Text(0));
    r.description = std::string(q.Text(1));
    r.imported_at = std::string(q.Text(2));
    r.entry_count = q.Int(3);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<WarningListRow>> SqliteWarningListStore::LoadAll() {
  ZICHT_ASSIGN_OR_RETURN(auto lists, List());
  ZICHT_ASSIGN_OR_RETURN(auto q, db_->Prepare("SELECT kind, value, subdomains FROM warning_list_entry WHERE list = ?1"));
  for (auto& list : lists) {
    q.Bind(1, list.name);
    while (true) {
      ZICHT_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      auto kind = model::kIdentifierKindNames.Parse(q.Text(0));
      if (!kind) {
        return Status::Corruption("warning_list_entry of list '" + list.name + "': unknown kind '" +
                                  std::string(q.Text(0)) + "'");
      }
      list.entries.push_back({*kind, std::string(q.Text(1)), q.Int(2) != 0});
    }
    q.Reset();
  }
  return lists;
}

}  // namespace zicht::store
