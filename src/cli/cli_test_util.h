#pragma once
// Shared by the command line's tests (src/cli/*_test.cc): running the real
// `zicht` in a chosen working directory and environment, and a small set of
// reports that link into two clusters. Test-only.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace zicht::cli {

//! Runs `zicht args…` with working directory `cwd` and the variables `env`
//! ("NAME=VALUE") set. ZICHT_DB and ZICHT_STORE are removed from the inherited environment
//! first, so a developer's own setting cannot change a test's outcome.
inline testutil::CommandResult RunZichtIn(const std::string& cwd, const std::vector<std::string>& env,
                                          const std::vector<std::string>& args,
                                          const std::string& stdin_data = "") {
  std::vector<std::string> argv = {"/usr/bin/env", "-u", "ZICHT_DB", "-u", "ZICHT_STORE", "-C", cwd};
  argv.insert(argv.end(), env.begin(), env.end());
  argv.push_back(testutil::ZichtBin());
  argv.insert(argv.end(), args.begin(), args.end());
  return testutil::Run(argv, stdin_data);
}

//! True when the SQLite database `db` or its write-ahead log (`db`-wal)
//! holds the bytes `needle` anywhere, free space included: the check that an
//! erased report left no trace in the files (docs/privacy.md, "Erasure").
inline bool DatabaseFilesHold(const std::string& db, const std::string& needle) {
  for (const std::string& path : {db, db + "-wal"}) {
    if (std::filesystem::exists(path) &&
        testutil::ReadFile(path).find(needle) != std::string::npos) {
      return true;
    }
  }
  return false;
}

//! The entry of `zicht … --help` output that documents `option`: the first
//! line whose first word is `option` (CLI11 writes "--top UINT=0", the
//! default after '='), with the description lines indented below it; ""
//! when there is none.
inline std::string HelpLine(const std::string& help, const std::string& option) {
  std::vector<std::string> lines;
  for (size_t pos = 0; pos < help.size();) {
    size_t end = help.find('\n', pos);
    if (end == std::string::npos) end = help.size();
    lines.push_back(help.substr(pos, end - pos));
    pos = end + 1;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || line.compare(indent, option.size(), option) != 0) continue;
    size_t after = indent + option.size();
    if (after < line.size() && line[after] != ' ' && line[after] != ',') continue;
    std::string entry = line.substr(indent);
    for (size_t j = i + 1; j < lines.size(); ++j) {
      size_t next = lines[j].find_first_not_of(' ');
      if (next == std::string::npos || next <= indent) break;
      entry += " " + lines[j].substr(next);
    }
    return entry;
  }
  return "";
}

//! Six reports: politie/A, fraudehelpdesk/B and fraudehelpdesk/C share an
//! IBAN (a money mule: beneficiary in A and B) and a phone number; bank/E
//! and bank/F share a handle; bank/D shares only a marktplaats.nl URL with
//! E (warning-listed, so it links to nothing). A's service number is
//! spoofed. Two clusters: {A, B, C} (damage, a mule) before {E, F}.
inline constexpr const char* kLinkedReports =
    R"({"id":"A","source":"politie","reported_at":"2024-03-01","fraud_type":"hulpvraagfraude","damage_eur":1200,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},{"kind":"phone","value":"020 22 888 00","role":"spoofed"}]})"
    "\n"
    R"({"id":"B","source":"fraudehelpdesk","reported_at":"2024-03-02","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"},{"kind":"phone","value":"06-12345678"}]})"
    "\n"
    R"({"id":"C","source":"fraudehelpdesk","reported_at":"2024-03-03","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"phone","value":"+31 6 12345678"},{"kind":"url","value":"https://betaal.example.nl/x"}]})"
    "\n"
    R"({"id":"D","source":"bank","reported_at":"2024-03-04","fraud_type":"aankoopfraude","identifiers":[{"kind":"url","value":"https://www.marktplaats.nl/a"}]})"
    "\n"
    R"({"id":"E","source":"bank","reported_at":"2024-03-05","fraud_type":"aankoopfraude","identifiers":[{"kind":"url","value":"https://www.marktplaats.nl/a"},{"kind":"handle","value":"@seller1"}]})"
    "\n"
    R"({"id":"F","source":"bank","reported_at":"2024-03-05","fraud_type":"aankoopfraude","identifiers":[{"kind":"handle","value":"@Seller1"}]})"
    "\n";

//! A database holding kLinkedReports, in a fresh temporary directory.
class LinkedReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    testutil::WriteFile(dir_.File("r.jsonl"), kLinkedReports);
    auto r = testutil::RunZicht({"ingest", dir_.File("r.jsonl"), "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  }
  testutil::TempDir dir_;
  std::string db_;
};

}  // namespace zicht::cli
