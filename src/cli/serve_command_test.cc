// `zicht serve`'s command line through the real binary: the defaults its
// --help shows and its usage errors. The running service is tested against
// a real server in src/server/server_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST(ServeCommandTest, HelpShowsDefaults) {
  auto r = RunZicht({"serve", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(HelpLine(r.out, "--listen").find("=127.0.0.1:8080 "), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--keys").find("=zicht-keys.toml "), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--busy-poll-us").find("=50 "), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--max-body").find("=10485760 "), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--max-connections").find("=1024 "), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--idle-timeout").find("=30 "), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--form-rate").find("=10 "), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--web-root").find("web/dist"), std::string::npos);
  EXPECT_NE(HelpLine(r.out, "--oprf-background-above").find("=20000 "), std::string::npos) << r.out;
  for (const char* o : {"--threads", "--legacy-shared-pseudonyms", "--pseudonym-key-file", "--form-partner", "--rules"}) {
    EXPECT_NE(HelpLine(r.out, o), "") << o;
  }
}

TEST(ServeCommandTest, UsageErrorsExitTwoBeforeServing) {
  EXPECT_EQ(RunZicht({"serve", "--bogus"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--threads", "-1"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--busy-poll-us", "100001"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--max-body", "0"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--max-connections", "x"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--idle-timeout", "0"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--form-rate", "-1"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"serve", "--oprf-background-above", "-1"}).exit_code, 2);
}

}  // namespace
}  // namespace zicht::cli
