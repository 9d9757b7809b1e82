// Warning-lists on PostgreSQL (warning_list_store.h). Tables from the
// schema migration (pg_schema.cc); `subdomains` is a boolean there.
#include "store/pg_db.h"
#include "store/pg_schema.h"
#include "store/warning_list_store.h"

namespace zicht::store {
namespace {

class PgWarningListStore final : public WarningListStore {
 public:
  explicit PgWarningListStore(std::unique_ptr<pg::Connection> db) : db_(std::move(db)) {}

  // Entries go in with one COPY: a MISP list has up to ~100,000 of them.
  // The list's old entries go with it (ON DELETE CASCADE); a repeated
  // (kind, value) in the input is kept once, as SQLite's INSERT OR IGNORE.
  Status Put(const WarningListRow& list) override {
    return db_->Transaction([&]() -> Status {
      pg::Params name;
      name.Add(list.name);
      ZICHT_RETURN_IF_ERROR(db_->Query("DELETE FROM warning_list WHERE name = $1", name).status());
      pg::Params row;
      row.Add(list.name).Add(list.description).Add(list.imported_at);
      ZICHT_RETURN_IF_ERROR(
          db_->Query("INSERT INTO warning_list (name, description, imported_at) VALUES ($1, $2, $3)", row).status());
      ZICHT_RETURN_IF_ERROR(db_->Exec("CREATE TEMP TABLE IF NOT EXISTS stage_warning_entry "
                                      "(kind text, value text, subdomains boolean) ON COMMIT DELETE ROWS"));
      std::string data;
      for (const auto& e : list.entries) {
        data += model::kIdentifierKindNames.Name(e.kind);
        data += '\t';
        pg::AppendCopyText(&data, e.value);
        data += e.subdomains ? "\tt\n" : "\tf\n";
      }
      if (!data.empty()) {
        ZICHT_RETURN_IF_ERROR(db_->CopyIn("COPY stage_warning_entry (kind, value, subdomains) FROM STDIN", data));
      }
      return db_->Query("INSERT INTO warning_list_entry (list, kind, value, subdomains) "
                        "SELECT $1, kind, value, subdomains FROM stage_warning_entry "
                        "ON CONFLICT DO NOTHING", name).status();
    });
  }

  Result<std::vector<WarningListRow>> List() override {
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query(
        "SELECT l.name, l.description, l.imported_at, "
        "  (SELECT COUNT(*) FROM warning_list_entry e WHERE e.list = l.name) "
        "FROM warning_list l ORDER BY l.name COLLATE \"C\""));
    std::vector<WarningListRow> out;
    for (int i = 0; i < rows.size(); ++i) {
      WarningListRow r;
      r.name = std::string(rows.Text(i, 0));
      r.description = std::string(rows.Text(i, 1));
      r.imported_at = std::string(rows.Text(i, 2));
      r.entry_count = rows.Int(i, 3);
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<std::vector<WarningListRow>> LoadAll() override {
    ZICHT_ASSIGN_OR_RETURN(auto lists, List());
    for (auto& list : lists) {
      pg::Params p;
      p.Add(list.name);
      ZICHT_ASSIGN_OR_RETURN(auto rows,
                             db_->Query("SELECT kind, value, subdomains FROM warning_list_entry WHERE list = $1 "
                                        "ORDER BY kind COLLATE \"C\", value COLLATE \"C\"", p));
      for (int i = 0; i < rows.size(); ++i) {
        auto kind = model::kIdentifierKindNames.Parse(rows.Text(i, 0));
        if (!kind) {
          return Status::Corruption("warning_list_entry of list '" + list.name + "': unknown kind '" +
                                    std::string(rows.Text(i, 0)) + "'");
        }
        list.entries.push_back({*kind, std::string(rows.Text(i, 1)), rows.Bool(i, 2)});
      }
    }
    return lists;
  }

 private:
  std::unique_ptr<pg::Connection> db_;
};

}  // namespace

Result<std::unique_ptr<WarningListStore>> OpenPgWarningListStore(const std::string& url) {
  ZICHT_ASSIGN_OR_RETURN(auto db, OpenPgDatabase(url, Durability::kNormal));
  return std::unique_ptr<WarningListStore>(new PgWarningListStore(std::move(db)));
}

}  // namespace zicht::store
