#include "link/test_reports.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "normalize/normalize.h"

namespace zicht::link::testing {

model::Report MakeReport(const std::string& source, const std::string& id, const std::string& date,
                         model::FraudType type, int64_t damage_cents, const std::vector<Id>& ids) {
  model::Report r;
  r.key = {source, id};
  r.reported_at = date;
  auto t = ParseRfc3339(date);
  EXPECT_TRUE(t.ok()) << date;
  r.reported_at_seconds = t.ok() ? t->seconds : 0;
  r.fraud_type = type;
  if (damage_cents > 0) r.damage_cents = damage_cents;
  r.outcome = model::DefaultOutcome(r.damage_cents);
  for (const auto& spec : ids) {
    model::Identifier ident;
    ident.kind = spec.kind;
    ident.role = spec.role.value_or(model::DefaultRole(spec.kind));
    ident.value = spec.value;
    normalize::NormalizeIdentifier(ident);
    r.identifiers.push_back(ident);
  }
  return r;
}

std::vector<store::StoredReport> Upsert(store::Store& store, const std::vector<model::Report>& reports) {
  std::vector<store::StoredReport> changed;
  auto outcome = store.UpsertBatch(reports, &changed);
  EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
  return changed;
}

std::unique_ptr<store::Store> StoreWith(const std::string& location, const std::vector<model::Report>& reports) {
  auto store = store::OpenStore(location);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!reports.empty()) Upsert(**store, reports);
  return std::move(store).value();
}

std::unique_ptr<store::Store> StoreWith(const testutil::TempDir& dir, const std::vector<model::Report>& reports) {
  return StoreWith(dir.File("zicht.db"), reports);
}

std::unique_ptr<Engine> EngineWith(const std::string& location, const std::vector<model::Report>& reports,
                                   std::vector<WarningList> extra, EngineOptions options) {
  auto engine = NewEngine(StoreWith(location, reports), std::move(extra), options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return std::move(engine).value();
}

std::unique_ptr<Engine> EngineWith(const testutil::TempDir& dir, const std::vector<model::Report>& reports,
                                   std::vector<WarningList> extra, EngineOptions options) {
  return EngineWith(dir.File("zicht.db"), reports, std::move(extra), options);
}

std::vector<std::vector<std::string>> Partition(const Engine& engine) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : engine.Clusters({})) {
    auto detail = engine.Cluster(s.id);
    EXPECT_TRUE(detail.ok());
    std::vector<std::string> members;
    for (const auto& r : detail->reports) members.push_back(r.report.key.source + "/" + r.report.key.id);
    std::sort(members.begin(), members.end());
    out.push_back(members);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace zicht::link::testing
