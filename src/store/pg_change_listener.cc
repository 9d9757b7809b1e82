// ChangeListener on PostgreSQL (change_listener.h): LISTEN zicht_changes on
// a connection of its own.
#include <memory>

#include "store/change_listener.h"
#include "store/pg_db.h"

namespace zicht::store {
namespace {

class PgChangeListener final : public ChangeListener {
 public:
  explicit PgChangeListener(std::unique_ptr<pg::Connection> db) : db_(std::move(db)) {}
  Result<bool> Wait(std::chrono::milliseconds timeout) override { return db_->WaitForNotification(timeout); }

 private:
  std::unique_ptr<pg::Connection> db_;
};

}  // namespace

Result<std::unique_ptr<ChangeListener>> OpenPgChangeListener(const std::string& url) {
  ZICHT_ASSIGN_OR_RETURN(auto db, pg::Connection::Open(url));
  // A session setting: a reset connection listens again.
  ZICHT_RETURN_IF_ERROR(db->SetSession("LISTEN zicht_changes"));
  return std::unique_ptr<ChangeListener>(new PgChangeListener(std::move(db)));
}

}  // namespace zicht::store
