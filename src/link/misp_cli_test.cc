// `zicht cluster ID --format misp` through the real binary: a MISP event in
// MISP's core format (what "Populate from JSON" and /events/add take).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <string>

#include "link/cluster_id.h"
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

TEST(MispExportTest, ClusterIsAMispCoreFormatEvent) {
  testutil::TempDir dir;
  std::string db = dir.File("z.db");
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
TEST(MispImportTest, EventFileIsOneReport) {
  testutil::TempDir dir;
  std::string db = dir.File("z.db");
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

  // Round trip: a cluster exported as MISP imports as one report per event.
  testutil::WriteFile(dir.File("r.jsonl"), kNetwork);
  std::string db2 = dir.File("z2.db");
  ASSERT_EQ(RunZicht({"ingest", dir.File("r.jsonl"), "--db", db2}).exit_code, 0);
  auto misp = RunZicht({"cluster", ClusterId("bank", "M1"), "--format", "misp", "--db", db2});
  testutil::WriteFile(dir.File("export.json"), misp.out);
  auto back = RunZicht({"ingest", dir.File("export.json"), "--db", dir.File("z3.db"), "--json"});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("\"accepted\":1"), std::string::npos) << back.out << back.err;
}

}  // namespace
}  // namespace zicht::link
