#pragma once
// Warning-lists added by users (`zicht warninglist import`), kept in the same
// SQLite file as the reports so that a database carries its own linking
// rules (docs/design.md, "Linking and clusters"). Shipped lists are not stored:
// they are compiled into the binary (link/warning_list.h).
//
// Schema (created on Open when missing):
//   warning_list(name TEXT PRIMARY KEY, description TEXT, imported_at TEXT)
//   warning_list_entry(list TEXT REFERENCES warning_list(name) ON DELETE CASCADE,
//                      kind TEXT, value TEXT, subdomains INTEGER DEFAULT 1,
//                      PRIMARY KEY(list, kind, value))
// Values are stored in canonical form (the caller normalises them).
// `subdomains` (0: the host only, MISP `string` lists) was added after the
// first release; Open adds the column to an older database, whose entries
// all covered subdomains (the default).
//
// Thread-safety: one thread at a time per instance, like store::Store.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/identifier.h"

namespace zicht::store {

struct WarningListRowEntry {
  model::IdentifierKind kind = model::IdentifierKind::kUrl;
  std::string value;
  bool subdomains = true;  // url / e-mail domain entries: covers subdomains too
};

struct WarningListRow {
  std::string name;
  std::string description;
  std::string imported_at;  // RFC 3339
  std::vector<WarningListRowEntry> entries;
  int64_t entry_count = 0;  // filled by List(); entries stay empty there
};

class WarningListStore {
 public:
  //! Opens (creating tables if needed) the store at `location`: a SQLite
  //! path or a postgresql:// URL (store.h, OpenStore; on PostgreSQL the
  //! tables come from the schema migration, pg_schema.h).
  //! On failure: kIOError naming the path or database.
  static Result<std::unique_ptr<WarningListStore>> Open(const std::string& location);
  virtual ~WarningListStore() = default;

  //! Stores `list`, replacing any list of the same name, in one transaction.
  virtual Status Put(const WarningListRow& list) = 0;

  //! Every stored list with its entries, by name.
  virtual Result<std::vector<WarningListRow>> LoadAll() = 0;

  //! Every stored list with entry_count and no entries, by name.
  virtual Result<std::vector<WarningListRow>> List() = 0;
};

//! The PostgreSQL warning-list store (pg_warning_list_store.cc).
Result<std::unique_ptr<WarningListStore>> OpenPgWarningListStore(const std::string& url);

}  // namespace zicht::store
