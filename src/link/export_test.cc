// Exports of one cluster are well-formed: DOT, GraphML (XML), STIX 2.1 and
// JSON; the verdict JSON has exactly docs/design.md's fields. The cluster
// is read from either store backend (link_test_pg: PostgreSQL).
#include "link/export.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "link/cluster_id.h"
#include "link/test_reports.h"
#include "link/verdict_json.h"
#include "testutil/store_backend.h"

namespace zicht::link {
namespace {

using model::IdentifierKind;
using model::Role;
using testing::MakeReport;

class ExportTest : public testutil::StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    engine_ = testing::EngineWith(db_, {
        MakeReport("politie", "P-1", "2024-03-01", model::FraudType::kHulpvraagfraude, 245000,
                   {{IdentifierKind::kIban, "NL91ABNA0417164300"},
                    {IdentifierKind::kPhone, "06-12345678"},
                    {IdentifierKind::kPhone, "020 123 4567", Role::kSpoofed},
                    {IdentifierKind::kUrl, "https://betaal-nu.example/x?a=1&b=<2>"}}),
        MakeReport("bank", "B-\"7\"", "2024-03-02", model::FraudType::kHulpvraagfraude, 0,
                   {{IdentifierKind::kIban, "NL91ABNA0417164300"}, {IdentifierKind::kEmail, "o'neil@example.nl"}}),
    });
    auto clusters = engine_->Clusters({});
    ASSERT_EQ(clusters.size(), 1u);
    auto detail = engine_->Cluster(clusters[0].id);
    ASSERT_TRUE(detail.ok()) << detail.status().ToString();
    detail_ = *detail;
  }
  std::unique_ptr<Engine> engine_;
  ClusterDetail detail_;
};

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST_P(ExportTest, Json) {
  rapidjson::Document doc;
  std::string json = ClusterDetailJson(detail_);
  doc.Parse(json.c_str());
  ASSERT_FALSE(doc.HasParseError()) << json;
  EXPECT_EQ(doc["cluster"]["reports"].GetInt(), 2);
  EXPECT_EQ(doc["reports"].Size(), 2u);
  EXPECT_EQ(doc["mules"].Size(), 1u);
  EXPECT_STREQ(doc["mules"][0].GetString(), "NL91ABNA0417164300");
  // iban, phone, spoofed phone, url, its domain, email.
  EXPECT_EQ(doc["identifiers"].Size(), 6u);
  EXPECT_EQ(doc["edges"].Size(), 7u);
  EXPECT_TRUE(doc["reports"][0]["damage_eur"].IsNull());  // bank/B-"7" sorts first; damage unknown
  EXPECT_EQ(doc["reports"][1]["damage_eur"].GetDouble(), 2450.0);
}

TEST_P(ExportTest, Dot) {
  std::string dot = ClusterDot(detail_);
  EXPECT_EQ(dot.rfind("graph \"c-", 0), 0u) << dot;
  EXPECT_EQ(Count(dot, " -- "), 7u);
  EXPECT_NE(dot.find("B-\\\"7\\\""), std::string::npos);  // quotes escaped
  EXPECT_EQ(dot.back(), '\n');
  EXPECT_EQ(Count(dot, "{"), Count(dot, "}"));
}

TEST_P(ExportTest, GraphmlIsBalancedEscapedXml) {
  std::string xml = ClusterGraphml(detail_);
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  EXPECT_EQ(Count(xml, "<node "), 8u);  // 2 reports + 6 identifiers
  EXPECT_EQ(Count(xml, "</node>"), 8u);
  EXPECT_EQ(Count(xml, "<edge "), 7u);
  EXPECT_EQ(Count(xml, "</edge>"), 7u);
  EXPECT_EQ(Count(xml, "<graph "), 1u);
  EXPECT_EQ(Count(xml, "</graph>"), 1u);
  EXPECT_NE(xml.find("&amp;b=&lt;2&gt;"), std::string::npos);
  EXPECT_NE(xml.find("B-&quot;7&quot;"), std::string::npos);
  // No raw markup characters inside data elements.
  for (size_t p = xml.find("<data "); p != std::string::npos; p = xml.find("<data ", p + 1)) {
    size_t open_end = xml.find('>', p);
    size_t close = xml.find("</data>", open_end);
    std::string text = xml.substr(open_end + 1, close - open_end - 1);
    EXPECT_EQ(text.find_first_of("<>\""), std::string::npos) << text;
  }
}

TEST_P(ExportTest, StixBundle) {
  std::string stix = ClusterStix(detail_);
  rapidjson::Document doc;
  doc.Parse(stix.c_str());
  ASSERT_FALSE(doc.HasParseError()) << stix;
  EXPECT_STREQ(doc["type"].GetString(), "bundle");
  EXPECT_EQ(std::string(doc["id"].GetString()).rfind("bundle--", 0), 0u);
  ASSERT_TRUE(doc["objects"].IsArray());
  std::map<std::string, int> types;
  for (const auto& o : doc["objects"].GetArray()) {
    std::string type = o["type"].GetString();
    ++types[type];
    std::string id = o["id"].GetString();
    EXPECT_EQ(id.rfind(type + "--", 0), 0u) << id;
    EXPECT_EQ(id.size(), type.size() + 2 + 36) << id;
    if (type == "indicator") {
      EXPECT_STREQ(o["pattern_type"].GetString(), "stix");
      EXPECT_EQ(std::string(o["pattern"].GetString()).front(), '[');
    }
  }
  EXPECT_EQ(types["identity"], 1);
  EXPECT_EQ(types["grouping"], 1);
  EXPECT_EQ(types["incident"], 2);
  // No custom x- objects: new SCO types from one extension definition.
  EXPECT_EQ(types["extension-definition"], 1);
  EXPECT_EQ(types["zicht-iban"], 1);
  EXPECT_EQ(types["zicht-phone"], 2);
  for (const auto& [type, count] : types) EXPECT_NE(type.rfind("x-", 0), 0u) << type;
  EXPECT_EQ(types["url"], 1);
  EXPECT_EQ(types["domain-name"], 1);
  EXPECT_EQ(types["email-addr"], 1);
  EXPECT_EQ(types["indicator"], 5);  // all but the spoofed phone
  EXPECT_EQ(types["relationship"], 5 + 7);
  EXPECT_EQ(ClusterStix(detail_), stix);  // deterministic
}

TEST(VerdictJsonTest, ExactlyTheDesignFields) {
  Verdict v;
  v.kind = IdentifierKind::kIban;
  v.value = "NL91 ABNA";
  v.valid = true;
  v.normalized = "NL91ABNA";
  v.known = true;
  v.risk = Risk::kHigh;
  v.reasons = {"REPORTED", "IN_CLUSTER"};
  v.reports = 2;
  v.losses = 1;
  v.damage_cents = 245050;
  v.first_seen = 1709251200;
  v.last_seen = 1709337600;
  v.fraud_types = {model::FraudType::kPhishing};
  v.cluster = ClusterRef{"c-0123456789ab", 3};
  EXPECT_EQ(VerdictJson(v),
            R"({"kind":"iban","value":"NL91 ABNA","normalized":"NL91ABNA","valid":true,"known":true,"risk":"high",)"
            R"("reasons":["REPORTED","IN_CLUSTER"],"reports":2,"losses":1,"damage_eur":2450.5,)"
            R"("first_seen":"2024-03-01T00:00:00Z","last_seen":"2024-03-02T00:00:00Z","fraud_types":["phishing"],)"
            R"("cluster":{"id":"c-0123456789ab","reports":3},"outcomes":[]})");
  Verdict p;
  p.kind = IdentifierKind::kPhone;
  p.pseudonym = "ab";
  p.valid = true;
  EXPECT_EQ(VerdictJson(p),
            R"({"kind":"phone","value":null,"pseudonym":"ab","normalized":null,"valid":true,"known":false,)"
            R"("risk":"none","reasons":[],"reports":0,"losses":0,"damage_eur":0,"first_seen":null,)"
            R"("last_seen":null,"fraud_types":[],"cluster":null,"outcomes":[]})");
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportTest, ::testing::ValuesIn(testutil::StoreBackends()), testutil::BackendName());

}  // namespace
}  // namespace zicht::link
