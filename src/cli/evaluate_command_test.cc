// `zicht evaluate` end to end: the real binary replaying a JSONL log.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

const char* kLog =
    R"({"type":"login","account":"A1","at":"2024-05-01T09:55:00Z","device":"fp:9f2c"})" "\n"
    R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:00:00Z","old_limit_eur":2000,"new_limit_eur":10000})" "\n"
    R"({"type":"payment","account":"A1","at":"2024-05-01T11:00:00Z","amount_eur":5000,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false,"device":"fp:9f2c","channel":"app"})" "\n"
    "\n"
    R"({"type":"payment","account":"A1","at":"2024-05-01T11:00:00Z","amount_eur":1500,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false})" "\n"
    R"({"type":"payment","account":"A1","at":"2024-05-01T14:30:00Z","amount_eur":5000,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false})" "\n"
    R"({"type":"payment","account":"B2","at":"2024-05-01T14:30:00Z","amount_eur":2500,"beneficiary_iban":"NL91ABNA0417164300"})" "\n";

const char* kDecisions =
    R"({"account":"A1","at":"2024-05-01T11:00:00Z","decision":"delay","until":"2024-05-01T14:00:00Z","reasons":["COOLING_OFF"]})" "\n"
    R"({"account":"A1","at":"2024-05-01T11:00:00Z","decision":"allow","reasons":[]})" "\n"
    R"({"account":"A1","at":"2024-05-01T14:30:00Z","decision":"allow","reasons":[]})" "\n"
    R"({"account":"B2","at":"2024-05-01T14:30:00Z","decision":"block","reasons":["DAILY_LIMIT"]})" "\n";

const char* kSummary =
    "payments 4: allow 2, warn 0, delay 1, block 1\n"
    "NIGHT_TRANSFER_NEW_BENEFICIARY (persuasion.night_transfer_new_beneficiary): none\n"
    "ACCOUNT_TAKEOVER (account_takeover.account_takeover): none\n"
    "DEVICE_KNOWN_FRAUD (account_takeover.known_device): none\n"
    "COOLING_OFF (payment.cooling_off): delay 1\n"
    "DAILY_LIMIT (payment.daily_limit): block 1\n"
    "BENEFICIARY_KNOWN_FRAUD (cash_out.known_beneficiary): none\n"
    "lines rejected: 0\n";

TEST(EvaluateCommandTest, ReplaysLogWithSummaryOnStdout) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("events.jsonl"), kLog);
  auto r = RunZicht({"evaluate", dir.File("events.jsonl"), "--format", "jsonl", "--summary"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string(kDecisions) + kSummary);
  EXPECT_EQ(r.err, "");
}

TEST(EvaluateCommandTest, SummaryGoesToStderrByDefaultAndStdinWorks) {
  auto r = RunZicht({"evaluate", "-", "--format", "jsonl"}, kLog);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kDecisions);
  EXPECT_EQ(r.err, kSummary);
}

TEST(EvaluateCommandTest, JsonDocumentWithSummary) {
  auto r = RunZicht({"evaluate", "-", "--format", "json", "--summary"}, kLog);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"decisions\":[{\"account\":\"A1\"", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"summary\":{\"payments\":4,\"decisions\":{\"allow\":2,\"warn\":0,\"delay\":1,\"block\":1}"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("{\"reason\":\"COOLING_OFF\",\"barrier\":\"payment.cooling_off\",\"warn\":0,\"delay\":1,\"block\":0}"),
            std::string::npos)
      << r.out;
}

TEST(EvaluateCommandTest, TableFormat) {
  auto r = RunZicht({"evaluate", "-", "--format", "table"}, kLog);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("A1           2024-05-01T11:00:00Z  delay     2024-05-01T14:00:00Z  COOLING_OFF"), std::string::npos)
      << r.out;
}

TEST(EvaluateCommandTest, BadLinesAreReportedAndSkipped) {
  std::string log = std::string(kLog) +
                    R"({"type":"payment","account":"C","at":"2024-05-01T10:00:00Z","beneficiary_iban":"X"})" "\n"
                    "not json\n" +
                    R"({"type":"payment","account":"C","at":"2024-05-01T10:00:00Z","amount_eur":1,"beneficiary_iban":"X"})" "\n";
  auto r = RunZicht({"evaluate", "-", "--format", "jsonl"}, log);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("zicht evaluate: line 8: amount_eur: missing\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("zicht evaluate: line 9: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lines rejected: 2\n"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find(R"({"account":"C","at":"2024-05-01T10:00:00Z","decision":"allow","reasons":[]})"),
            std::string::npos);
}

TEST(EvaluateCommandTest, CustomRulesFile) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("rules.toml"),
                      "[payment.daily_limit]\nlimit_eur = 1000\n"
                      "[persuasion.big]\nwhen = \"amount >= 500\"\naction = \"warn\"\n");
  auto r = RunZicht({"evaluate", "-", "--rules", dir.File("rules.toml"), "--format", "jsonl"},
                    R"({"type":"payment","account":"C","at":"2024-05-01T10:00:00Z","amount_eur":600,"beneficiary_iban":"X"})" "\n"
                    R"({"type":"payment","account":"C","at":"2024-05-01T10:00:00Z","amount_eur":600,"beneficiary_iban":"X"})" "\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            R"({"account":"C","at":"2024-05-01T10:00:00Z","decision":"warn","reasons":["BIG"]})" "\n"
            R"({"account":"C","at":"2024-05-01T10:00:00Z","decision":"block","reasons":["BIG","DAILY_LIMIT"]})" "\n");
}

TEST(EvaluateCommandTest, BadRulesFileExitsOneWithPosition) {
  testutil::TempDir dir;
  std::string path = dir.File("rules.toml");
  testutil::WriteFile(path, "[payment.cooling_off]\nperiod = \"PT4H\"\n[persuasion.x]\nwhen = \"amount >> 5\"\naction = \"warn\"\n");
  auto r = RunZicht({"evaluate", "-", "--rules", path}, "");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path + ":4:17: persuasion.x.when: unexpected '>'"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

// "Known in Zicht" through the real linking engine: an IBAN from a report
// with a loss is risk high → the payment is delayed for review.
TEST(EvaluateCommandTest, KnownIbanFromTheDatabase) {
  testutil::TempDir dir;
  std::string db = dir.File("zicht.db");
  testutil::WriteFile(dir.File("reports.jsonl"),
                      R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01T10:15:00Z","fraud_type":"hulpvraagfraude","damage_eur":500,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"}]})" "\n");
  auto ingest = RunZicht({"ingest", "--db", db, dir.File("reports.jsonl")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto r = RunZicht({"evaluate", "-", "--db", db, "--format", "jsonl"},
                    R"({"type":"payment","account":"A1","at":"2024-05-01T10:00:00Z","amount_eur":100,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false})" "\n"
                    R"({"type":"payment","account":"A1","at":"2024-05-01T10:00:00Z","amount_eur":100,"beneficiary_iban":"NL02ABNA0123456789","new_beneficiary":false})" "\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            R"({"account":"A1","at":"2024-05-01T10:00:00Z","decision":"delay","until":"2024-05-02T10:00:00Z","reasons":["BENEFICIARY_KNOWN_FRAUD"]})" "\n"
            R"({"account":"A1","at":"2024-05-01T10:00:00Z","decision":"allow","reasons":[]})" "\n");
}

// Days are Dutch days (Europe/Amsterdam): 01:30 and 02:30 CEST on 2 May are
// one day for the €2,000 limit, though 23:30Z and 00:30Z are two UTC days;
// times with an offset mean the same instant as their UTC form. A night
// rule's `hour` reads the Dutch clock (02:30 CEST on 2 May; 02:30 twice on
// 27 October, CEST and CET).
TEST(EvaluateCommandTest, DaysAndHoursAreDutch) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("rules.toml"),
                      "[payment.daily_limit]\nlimit_eur = 2000\naction = \"block\"\n"
                      "[persuasion.night]\nwhen = \"hour in 2..2\"\naction = \"warn\"\n");
  const std::string log =
      R"({"type":"payment","account":"A1","at":"2024-05-02T01:30:00+02:00","amount_eur":1900,"beneficiary_iban":"X"})" "\n"
      R"({"type":"payment","account":"A1","at":"2024-05-02T00:30:00Z","amount_eur":1900,"beneficiary_iban":"X"})" "\n"
      R"({"type":"payment","account":"B1","at":"2024-10-27T00:30:00Z","amount_eur":10,"beneficiary_iban":"X"})" "\n"
      R"({"type":"payment","account":"B1","at":"2024-10-27T01:30:00Z","amount_eur":10,"beneficiary_iban":"X"})" "\n";
  auto r = RunZicht({"evaluate", "-", "--rules", dir.File("rules.toml"), "--format", "jsonl"}, log);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            R"({"account":"A1","at":"2024-05-01T23:30:00Z","decision":"allow","reasons":[]})" "\n"
            R"({"account":"A1","at":"2024-05-02T00:30:00Z","decision":"block","reasons":["NIGHT","DAILY_LIMIT"]})" "\n"
            R"({"account":"B1","at":"2024-10-27T00:30:00Z","decision":"warn","reasons":["NIGHT"]})" "\n"
            R"({"account":"B1","at":"2024-10-27T01:30:00Z","decision":"warn","reasons":["NIGHT"]})" "\n");
}

TEST(EvaluateCommandTest, MissingFileAndUsage) {
  EXPECT_EQ(RunZicht({"evaluate", "/nonexistent/events.jsonl"}).exit_code, 1);
  EXPECT_EQ(RunZicht({"evaluate"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"evaluate", "-", "--format", "csv"}).exit_code, 2);
}

TEST(EvaluateCommandTest, HelpAndDefaultFormat) {
  auto help = RunZicht({"evaluate", "--help"});
  EXPECT_NE(HelpLine(help.out, "--format").find("jsonl|json|table (default: table on a terminal, else json)"),
            std::string::npos)
      << help.out;
  EXPECT_NE(HelpLine(help.out, "--rules").find("default: the shipped rules"), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "--summary"), "");
  auto r = RunZicht({"evaluate", "-"}, kLog);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, RunZicht({"evaluate", "-", "--format", "json"}, kLog).out) << "json when stdout is not a terminal";
}

}  // namespace
}  // namespace zicht::cli
