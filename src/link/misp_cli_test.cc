// MISP and STIX in and out through the real binary: `zicht cluster ID
// --format misp` (MISP's core format, what "Populate from JSON" and
// /events/add take), MISP events and STIX 2.1 bundles read by `zicht ingest`.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <string>

#include "link/cluster_id.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::link {
namespace {

using testutil::RunZicht;

// Three reports of one network: an IBAN shared by M1 and M2, a phone by M2
// and M3, and the bank's spoofed number on M1.
constexpr const char* kNetwork =
    R"({"id":"M1","source":"bank","reported_at":"2024-03-01","fraud_type":"hulpvraagfraude","damage_eur":1200,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},{"kind":"phone","value":"020 22 888 00","role":"spoofed"}]})"
    "\n"
    R"({"id":"M2","source":"fraudehelpdesk","reported_at":"2024-03-02","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"},{"kind":"phone","value":"06-12345678"},{"kind":"url","value":"https://betaal.example.nl/x"}]})"
    "\n"
    R"({"id":"M3","source":"politie","reported_at":"2024-03-03","fraud_type":"phishing","identifiers":[{"kind":"phone","value":"+31 6 12345678"},{"kind":"crypto","value":"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}]})"
    "\n";

// kNetwork's cluster exported in `format` and ingested into a fresh
// database: one report that names the cluster's IBAN.
// Both stores of the backend `backend` (store_backend.h).
void ExpectRoundTrip(const std::string& format, const std::string& backend) {
  testutil::TempDir dir;
  const std::string a = testutil::FreshStoreLocation(backend, dir, "a.db");
  const std::string b = testutil::FreshStoreLocation(backend, dir, "b.db");
  testutil::WriteFile(dir.File("r.jsonl"), kNetwork);
  ASSERT_EQ(RunZicht({"ingest", dir.File("r.jsonl"), "--db", a}).exit_code, 0);
  auto exported = RunZicht({"cluster", ClusterId("bank", "M1"), "--format", format, "--db", a});
  testutil::WriteFile(dir.File("export.json"), exported.out);
  auto back = RunZicht({"ingest", dir.File("export.json"), "--db", b, "--json"});
  EXPECT_EQ(back.exit_code, 0) << format << ": " << back.err;
  EXPECT_NE(back.out.find("\"accepted\":1"), std::string::npos) << format << ": " << back.out << back.err;
  auto iban = RunZicht({"check", "iban", "NL91ABNA0417164300", "--format", "json", "--db", b});
  EXPECT_NE(iban.out.find("\"reports\":1"), std::string::npos) << format << ": " << iban.out;
}

// Each test on a fresh store of each backend: misp_cli's tests run in
// link_cli_test (SQLite) and link_cli_test_pg (PostgreSQL).
class MispExportTest : public testutil::StoreBackendTest {};
class MispImportTest : public testutil::StoreBackendTest {};
class StixImportTest : public testutil::StoreBackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, MispExportTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());
INSTANTIATE_TEST_SUITE_P(Backends, MispImportTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());
INSTANTIATE_TEST_SUITE_P(Backends, StixImportTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(MispExportTest, ClusterIsAMispCoreFormatEvent) {
  const testutil::TempDir& dir = dir_;
  const std::string& db = db_;
  testutil::WriteFile(dir.File("r.jsonl"), kNetwork);
  ASSERT_EQ(RunZicht({"ingest", dir.File("r.jsonl"), "--db", db}).exit_code, 0);
  std::string id = ClusterId("bank", "M1");
  auto r = RunZicht({"cluster", id, "--format", "misp", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_TRUE(doc.IsObject() && doc.HasMember("Event")) << r.out;
  const auto& e = doc["Event"];
  // MISP's required event fields, as strings where MISP writes strings.
  for (const char* f : {"uuid", "info", "date", "threat_level_id", "analysis", "distribution", "timestamp"}) {
    ASSERT_TRUE(e.HasMember(f) && e[f].IsString()) << f;
  }
  EXPECT_EQ(std::string(e["uuid"].GetString()).size(), 36u);
  EXPECT_STREQ(e["date"].GetString(), "2024-03-01");
  EXPECT_STREQ(e["distribution"].GetString(), "0");
  EXPECT_NE(std::string(e["info"].GetString()).find(id), std::string::npos);
  ASSERT_TRUE(e["Attribute"].IsArray());
  std::set<std::string> seen;
  for (const auto& a : e["Attribute"].GetArray()) {
    for (const char* f : {"uuid", "type", "category", "value"}) ASSERT_TRUE(a.HasMember(f) && a[f].IsString()) << f;
    EXPECT_TRUE(a["to_ids"].GetBool());
    seen.insert(std::string(a["type"].GetString()) + " " + a["value"].GetString());
  }
  EXPECT_TRUE(seen.count("iban NL91ABNA0417164300")) << r.out;
  EXPECT_TRUE(seen.count("phone-number +31612345678")) << r.out;
  EXPECT_TRUE(seen.count("btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")) << r.out;
  EXPECT_TRUE(seen.count("url https://betaal.example.nl/x")) << r.out;
  // The spoofed bank number is someone else's: not exported.
  EXPECT_FALSE(seen.count("phone-number +31202288800")) << r.out;
  // Deterministic: the same cluster gives the same event (MISP updates it).
  EXPECT_EQ(RunZicht({"cluster", id, "--format", "misp", "--db", db}).out, r.out);
}

// A MISP event as MISP exports it (pretty-printed, Object attributes, types
// Zicht has no identifier for) goes in as one report; Zicht's own export
// round-trips.
TEST_P(MispImportTest, EventFileIsOneReport) {
  const testutil::TempDir& dir = dir_;
  const std::string& db = db_;
  testutil::WriteFile(dir.File("event.json"), R"({
  "Event": {
    "uuid": "5e1c2b8a-3f4d-4c1e-9a2b-0c8d7e6f5a41",
    "info": "Phishing campaign 'ING veilig'",
    "date": "2024-05-02",
    "threat_level_id": "2",
    "analysis": "1",
    "distribution": "1",
    "Tag": [{"name": "tlp:amber"}, {"name": "zicht:fraud-type=\"phishing\""}],
    "Attribute": [
      {"type": "url", "category": "Network activity", "value": "https://ing-veilig.pages.dev/login"},
      {"type": "domain", "category": "Network activity", "value": "ing-veilig.pages.dev"},
      {"type": "iban", "category": "Financial fraud", "value": "NL91ABNA0417164300"},
      {"type": "md5", "category": "Payload delivery", "value": "d41d8cd98f00b204e9800998ecf8427e"},
      {"type": "email-dst", "category": "Payload delivery", "value": "victim@example.nl"}
    ],
    "Object": [{"name": "person", "Attribute": [{"type": "phone-number", "value": "06-12345678"}]}]
  }
}
)");
  auto r = RunZicht({"ingest", dir.File("event.json"), "--db", db, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Attribute[].type=md5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Attribute[].type=email-dst"), std::string::npos) << r.out;
  auto check = RunZicht({"check", "iban", "NL91ABNA0417164300", "--format", "json", "--db", db});
  EXPECT_NE(check.out.find("\"reports\":1"), std::string::npos) << check.out;

  ExpectRoundTrip("misp", GetParam());  // a cluster exported as MISP imports as one report per event
}

// A STIX 2.1 bundle as a TIP shares it: indicators with patterns and
// observables become the identifiers of one report; Zicht's own STIX export
// reads back.
TEST_P(StixImportTest, BundleIsOneReport) {
  const testutil::TempDir& dir = dir_;
  const std::string& db = db_;
  testutil::WriteFile(dir.File("bundle.json"), R"({
  "type": "bundle",
  "id": "bundle--2b5b5a4e-6c7d-4f0e-9d8b-1a2b3c4d5e6f",
  "objects": [
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
     "created": "2024-05-03T09:00:00.000Z", "modified": "2024-05-03T09:00:00.000Z",
     "pattern": "[url:value = 'https://ing-veilig.pages.dev/login'] OR [domain-name:value = 'ing-veilig.pages.dev']",
     "pattern_type": "stix", "valid_from": "2024-05-03T09:00:00Z"},
    {"type": "email-addr", "spec_version": "2.1", "id": "email-addr--1b0e2e8a-4d1c-5f6e-8a9b-0c1d2e3f4a5b",
     "value": "helpdesk@ing-veilig.example"},
    {"type": "malware", "spec_version": "2.1", "id": "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b",
     "created": "2024-05-01T08:00:00.000Z", "modified": "2024-05-01T08:00:00.000Z", "name": "x", "is_family": false}
  ]
}
)");
  auto r = RunZicht({"ingest", dir.File("bundle.json"), "--db", db, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":1"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("objects[].type=malware"), std::string::npos) << r.out;
  auto check = RunZicht({"check", "email", "helpdesk@ing-veilig.example", "--format", "json", "--db", db});
  EXPECT_NE(check.out.find("\"reports\":1"), std::string::npos) << check.out;

  ExpectRoundTrip("stix", GetParam());
}

}  // namespace
}  // namespace zicht::link
