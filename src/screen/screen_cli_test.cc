// End to end: the real `zicht screen` binary.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <sstream>

#include "cli/exit_code.h"
#include "testutil/testutil.h"

namespace zicht {
namespace {

using testutil::RunZicht;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(ScreenCli, TextAsJson) {
  auto r = RunZicht({"screen", "--format", "json",
                     "Hoi mam, dit is mijn nieuwe nummer. Kun je vandaag nog 850 euro overmaken?"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << r.out;
  EXPECT_STREQ(doc["label"].GetString(), "hulpvraagfraude");
  EXPECT_NE(r.out.find("\"UNKNOWN_SENDER\""), std::string::npos);
}

TEST(ScreenCli, AForwardedWarningQuotingTheOpenerIsNotTheOpener) {
  // published11's forwarded warnings were flagged hulpvraagfraude: the
  // floor rule fired on the quoted opener (fails before quotation.h).
  auto r = RunZicht({"screen", "--format", "json",
                     "Let op! Er gaan berichten rond: \u201cHoi mam, dit is mijn nieuwe nummer\u201d. Reageer niet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"label\":\"none\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"QUOTED_MESSAGE\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"NEW_NUMBER\""), std::string::npos) << r.out;
}

TEST(ScreenCli, KnownSenderAndWordsJoined) {
  auto r = RunZicht({"screen", "--known-sender", "--format", "json", "Hoi", "mam,", "kun", "je", "20", "euro",
                     "overmaken", "voor", "boodschappen?"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"label\":\"none\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("UNKNOWN_SENDER"), std::string::npos) << r.out;
}

TEST(ScreenCli, TableFormat) {
  auto r = RunZicht({"screen", "--format", "table", "Zet uw geld op een veilige rekening, bel ons direct. ING"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("label    bankhelpdeskfraude"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SAFE_ACCOUNT"), std::string::npos) << r.out;
}

TEST(ScreenCli, JsonlFromStdinKeepsOrderAndReportsBadLines) {
  const std::string input =
      "{\"text\":\"Hoi mam, nieuw nummer, kun je 400 euro overmaken?\",\"sender_known\":false}\n"
      "not json\n"
      "\n"
      "{\"sender_known\":true}\n"
      "{\"text\":\"Tot straks!\",\"sender_known\":true}\n";
  auto r = RunZicht({"screen", "--jsonl", "-"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_NE(lines[0].find("\"label\":\"hulpvraagfraude\""), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind("{\"line\":2,\"error\":\"body: not valid JSON", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "{\"line\":4,\"error\":\"text: required\"}");
  EXPECT_EQ(lines[3].rfind("{\"label\":\"none\",\"score\":0.", 0), 0u) << lines[3];
  EXPECT_NE(lines[3].find("\"signals\":[]}"), std::string::npos) << lines[3];
}

TEST(ScreenCli, JsonlFromFile) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("m.jsonl"),
                      "{\"text\":\"PostNL: pakket niet bezorgd, betaal 1,99 via https://postnl-bezorg.xyz\"}\n");
  auto r = RunZicht({"screen", "--jsonl", dir.File("m.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"label\":\"phishing\""), std::string::npos) << r.out;
}

TEST(ScreenCli, UsageErrors) {
  EXPECT_EQ(RunZicht({"screen"}).exit_code, cli::kExitUsage);
  EXPECT_EQ(RunZicht({"screen", "--jsonl", "-", "extra text"}).exit_code, cli::kExitUsage);
  EXPECT_EQ(RunZicht({"screen", "--jsonl", "-", "--known-sender"}).exit_code, cli::kExitUsage);
  EXPECT_EQ(RunZicht({"screen", "--format", "csv", "x"}).exit_code, cli::kExitUsage);
}

TEST(ScreenCli, ThreadOfTextArguments) {
  // An opener that carries its own information: a stranger's bare "Hallo,
  // hoe gaat het?" is a wrong-number opener since v7-train (docs/screening.md, "Threads").
  auto r = RunZicht({"screen", "--thread", "--format", "json", "Goedemiddag, met de fietsenmaker.", "Uw fiets is klaar.",
                     "Kun je vandaag 900 euro overmaken? Ik betaal het morgen terug, mijn telefoon is kapot"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"messages\":3,\"first_flagged\":2"), std::string::npos) << r.out;
  // The same as a JSON Lines thread.
  auto j = RunZicht({"screen", "--jsonl", "-"}, "{\"messages\":[\"Hoi mam, dit is mijn nieuwe nummer\"]}\n{\"messages\":[]}\n");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto lines = Lines(j.out);
  ASSERT_EQ(lines.size(), 2u) << j.out;
  EXPECT_NE(lines[0].find("\"label\":\"hulpvraagfraude\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"first_flagged\":0"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1], "{\"line\":2,\"error\":\"messages: empty thread\"}");
}

TEST(ScreenCli, TableNamesSignalsAndWhatTheModelWeighs) {
  auto r = RunZicht({"screen", "--format", "table", "Hoi mam, dit is mijn nieuwe nummer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("label    hulpvraagfraude"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NEW_NUMBER"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("model    weighs most:"), std::string::npos) << r.out;
}

TEST(ScreenCli, EvalPrintsRecallFprAndPerFamilyConfusion) {
  auto r = RunZicht({"screen", "--eval", testutil::SourceDir() + "/tests/data/screening/corpus.jsonl", "--split",
                     "heldout", "--originals-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("recall (scams flagged)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("false-positive rate (benign)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ROC AUC"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("benign-parcel"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("summary recall="), std::string::npos) << r.out;
}

TEST(ScreenCli, EvalOfASetWithoutScamsSaysAucIsNotAvailable) {
  // published12 is genuine messages only: no ROC curve, and --eval says so.
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("warnings.jsonl"),
                      "{\"text\":\"Let op: oplichters sturen nep-sms'jes uit naam van PostNL.\",\"sender_known\":true,"
                      "\"label\":\"none\",\"family\":\"benign-warning\"}\n");
  auto r = RunZicht({"screen", "--eval", dir.File("warnings.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ROC AUC n/a: the set has no scams"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("summary recall=1.000 fpr=0.000 auc=n/a scams=0 benign=1"), std::string::npos) << r.out;
}

TEST(ScreenCli, BadInputGetsAClearError) {
  auto utf8 = RunZicht({"screen", std::string("hoi \xff mam")});
  EXPECT_EQ(utf8.exit_code, cli::kExitUsage);
  EXPECT_NE(utf8.err.find("text: not valid UTF-8 at byte 4"), std::string::npos) << utf8.err;
  auto big = RunZicht({"screen", std::string(100000, 'a')});  // argv caps one argument at 128 KiB
  EXPECT_EQ(big.exit_code, cli::kExitUsage);
  EXPECT_NE(big.err.find("text: longer than 65536 bytes"), std::string::npos) << big.err;
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("patterns.tsv"), "# mine\nURGENCY\twords\t(vandaag\n");
  auto bad = RunZicht({"screen", "--signals", dir.path().string(), "hoi"});
  EXPECT_EQ(bad.exit_code, cli::kExitFailure);
  EXPECT_NE(bad.err.find("/patterns.tsv:2:15: regex does not compile"), std::string::npos) << bad.err;
  // A pattern with a diacritic could never match the folded views (docs/screening.md, "Patterns").
  testutil::WriteFile(dir.File("patterns.tsv"), "URGENCY\twords\t\\bdirect betal\xc3\xa9n\\b\n");
  auto accent = RunZicht({"screen", "--signals", dir.path().string(), "hoi"});
  EXPECT_EQ(accent.exit_code, cli::kExitFailure);
  EXPECT_NE(accent.err.find("/patterns.tsv:1:29: a pattern is ASCII: the text it runs on has no diacritics"),
            std::string::npos)
      << accent.err;
  auto none = RunZicht({"screen", "--signals", dir.File("absent"), "hoi"});
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.err.find("no screening files"), std::string::npos) << none.err;
}

TEST(ScreenCli, SignalsDirectoryReplacesBuiltInFiles) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("weights.tsv"), "floor\tbankhelpdeskfraude\t0.99\tURGENCY\n");
  auto r = RunZicht({"screen", "--signals", dir.path().string(), "--known-sender", "--format", "json", "Kom je vandaag nog eten?"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"label\":\"bankhelpdeskfraude\""), std::string::npos) << r.out;
}

// model.tsv's keys as docs/screening.md ("Signals as data", "Learned
// model") names them: a `K:` word weighs only for a saved contact, and an
// unknown key is refused with the file, line and the keys it takes.
TEST(ScreenCli, ModelFileKeysAndKnownSenderWords) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("model.tsv"), "bias\t-3\nthreshold\t0.5\nK:fietsen\t8\n");
  auto known = RunZicht({"screen", "--signals", dir.path().string(), "--known-sender", "--format", "json", "fietsen"});
  ASSERT_EQ(known.exit_code, 0) << known.err;
  auto stranger = RunZicht({"screen", "--signals", dir.path().string(), "--format", "json", "fietsen"});
  ASSERT_EQ(stranger.exit_code, 0) << stranger.err;
  const auto score = [](const std::string& out) {
    const size_t at = out.find("\"score\":");
    return at == std::string::npos ? -1.0 : std::stod(out.substr(at + 8));
  };
  EXPECT_GT(score(known.out), score(stranger.out)) << known.out << stranger.out;
  testutil::WriteFile(dir.File("model.tsv"), "bias\t-3\nx:fietsen\t8\n");
  auto bad = RunZicht({"screen", "--signals", dir.path().string(), "fietsen"});
  EXPECT_EQ(bad.exit_code, cli::kExitFailure);
  EXPECT_NE(bad.err.find("model.tsv:2:1: unknown key \"x:fietsen\" (bias, calibration, threshold, or "
                         "w:/b:/c:/s:/k:/K: features)"),
            std::string::npos)
      << bad.err;
}

TEST(ScreenCli, DbFlagsKnownIdentifiers) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("seed.jsonl"),
                      R"({"id":"R1","source":"politie","reported_at":"2024-03-01","fraud_type":"hulpvraagfraude","damage_eur":900,"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
                      "\n"
                      R"({"id":"R2","source":"fraudehelpdesk","reported_at":"2024-03-02","fraud_type":"phishing","identifiers":[{"kind":"url","value":"https://betaal-nu.example/x"}]})"
                      "\n");
  ASSERT_EQ(RunZicht({"ingest", "--db", dir.File("z.db"), dir.File("seed.jsonl")}).exit_code, 0);
  auto r = RunZicht({"screen", "--db", dir.File("z.db"), "--known-sender", "--format", "json",
                     "Graag overmaken naar NL91 ABNA 0417 1643 00, dank je"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("KNOWN_FRAUD_IDENTIFIER"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"known_identifiers\":[{\"kind\":\"iban\",\"risk\":"), std::string::npos) << r.out;
  auto url = RunZicht({"screen", "--db", dir.File("z.db"), "--format", "json", "Kijk op https://betaal-nu.example/x"});
  EXPECT_NE(url.out.find("\"kind\":\"url\""), std::string::npos) << url.out;
  auto table = RunZicht({"screen", "--db", dir.File("z.db"), "--format", "table", "Graag naar NL91 ABNA 0417 1643 00"});
  EXPECT_NE(table.out.find("known    iban: risk"), std::string::npos) << table.out;
}

TEST(ScreenCli, MissingFileIsAFailure) {
  testutil::TempDir dir;
  auto r = RunZicht({"screen", "--jsonl", dir.File("absent.jsonl")});
  EXPECT_EQ(r.exit_code, cli::kExitFailure);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zicht
