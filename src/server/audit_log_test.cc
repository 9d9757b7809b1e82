// The server's audit writer (audit_log.h) when the store loses the answer
// to a COMMIT (store/audit_store.h, LoseNextAnswer): the writer retries the
// batch with its id and every entry is in the log once. On PostgreSQL only
// (audit_log_test_pg, a throw-away cluster): only a database server can
// lose a COMMIT's answer, so only there does the store keep the id.
#include "server/audit_log.h"

#include <gtest/gtest.h>

#include <string>

#include "testutil/store_backend.h"

namespace zicht::server {
namespace {

class AuditLogTest : public testutil::StoreBackendTest {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AuditLogTest);
INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

TEST_P(AuditLogTest, ABatchWhoseCommitAnswerWasLostIsWrittenOnce) {
  auto store = store::AuditStore::Open(db_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  (*store)->LoseNextAnswer();
  AuditLog log(std::move(store).value(), std::string(32, 'k'), /*wait_for_commit=*/true);
  for (int i = 0; i < 3; ++i) {
    store::AuditEntry e;
    e.at = 100 + i;
    e.partner = "ing";
    e.key_id = "k1";
    e.endpoint = "GET /v1/clusters/{id}";
    e.subject = "c-" + std::to_string(i);
    e.purpose = "fraud-investigation";
    e.result = "ok";
    log.Append(std::move(e));
  }
  log.Stop();
  EXPECT_GE(log.failures(), 1) << "the lost answer was seen as a failure";
  EXPECT_EQ(log.written(), 3);

  auto reader = store::AuditStore::Open(db_);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto all = (*reader)->Query({});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  std::string subjects;
  for (const auto& e : *all) subjects += e.subject + " ";
  EXPECT_EQ(subjects, "c-0 c-1 c-2 ");
}

}  // namespace
}  // namespace zicht::server
