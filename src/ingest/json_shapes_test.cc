// `zicht ingest` on JSON that is not one object per line: a whole file that
// is one (pretty-printed) array, and pretty-printed objects one after the
// other. Before, a pretty-printed array of 3 reports gave one rejection per
// line.
#include <gtest/gtest.h>

#include <string>

#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht {
namespace {

using testutil::RunZicht;

constexpr const char* kPrettyArray = R"([
  {
    "id": "1",
    "source": "bank",
    "reported_at": "2024-03-01",
    "fraud_type": "phishing",
    "text": "a } and a ] and \"quoted\" [ in text",
    "identifiers": [
      {"kind": "iban", "value": "NL91 ABNA 0417 1643 00"}
    ]
  },
  {
    "id": "2",
    "source": "bank",
    "reported_at": "2024-03-02",
    "fraud_type": "phishing",
    "damage_eur": "1.250,50"
  },
  {
    "id": "3",
    "source": "bank",
    "reported_at": "2024-03-03",
    "fraud_type": "nope"
  }
]
)";

class JsonShapesTest : public testutil::StoreBackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, JsonShapesTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(JsonShapesTest, PrettyPrintedArray) {
  testutil::WriteFile(dir_.File("reports.json"), kPrettyArray);
  auto r = RunZicht({"ingest", dir_.File("reports.json"), "--db", db_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"rejected\":1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"lines\":3"), std::string::npos) << r.out;
  // The rejection names the line the element starts on.
  EXPECT_NE(r.err.find("reports.json:19: field 'fraud_type'"), std::string::npos) << r.err;
}

TEST_P(JsonShapesTest, PrettyPrintedObjectsOneAfterTheOther) {
  std::string text = kPrettyArray;
  text = text.substr(text.find('{'), text.rfind(']') - text.find('{'));  // the objects, with their commas
  for (size_t p; (p = text.find("},\n  {")) != std::string::npos;) text.replace(p, 6, "}\n  {");
  testutil::WriteFile(dir_.File("reports.json"), text);
  auto r = RunZicht({"ingest", dir_.File("reports.json"), "--db", db_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"rejected\":1"), std::string::npos) << r.out;
}

TEST_P(JsonShapesTest, ArrayNotClosedIsRejectedNotLost) {
  testutil::WriteFile(dir_.File("cut.json"),
                      "[{\"id\":\"1\",\"source\":\"bank\",\"reported_at\":\"2024-03-01\",\"fraud_type\":\"phishing\"},\n"
                      " {\"id\":\"2\",\"source\":\"bank\"");
  auto r = RunZicht({"ingest", dir_.File("cut.json"), "--db", db_, "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":1"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("cut.json:2:"), std::string::npos) << r.err;
}

TEST_P(JsonShapesTest, JsonLinesUnchangedABrokenLineCostsOnlyItself) {
  testutil::WriteFile(dir_.File("r.jsonl"),
                      "{\"id\":\"1\",\"source\":\"bank\",\"reported_at\":\"2024-03-01\",\"fraud_type\":\"phishing\"}\n"
                      "{\"id\":\"2\",\"source\":\"bank\",\n"
                      "{\"id\":\"3\",\"source\":\"bank\",\"reported_at\":\"2024-03-01\",\"fraud_type\":\"phishing\"}\n");
  auto r = RunZicht({"ingest", dir_.File("r.jsonl"), "--db", db_, "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"rejected\":1"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace zicht
