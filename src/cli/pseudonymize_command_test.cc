// `zicht pseudonymize KIND VALUE --key-file F` through the real binary: the
// keyed pseudonym of the canonical form (link/pseudonym.h), exit codes.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"
#include "link/pseudonym.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

// A key file holds 64 hex digits; these are the bytes 0x01 … 0x20.
std::string KeyBytes() {
  std::string key;
  for (int i = 1; i <= 32; ++i) key.push_back(static_cast<char>(i));
  return key;
}
std::string KeyHex() {
  std::string hex;
  for (int i = 1; i <= 32; ++i) {
    const char* digits = "0123456789abcdef";
    hex.push_back(digits[i >> 4]);
    hex.push_back(digits[i & 15]);
  }
  return hex;
}

TEST(PseudonymizeCommandTest, PseudonymOfTheCanonicalForm) {
  testutil::TempDir dir;
  std::string key_file = dir.File("k.key");
  testutil::WriteFile(key_file, KeyHex() + "\n");
  auto r = RunZicht({"pseudonymize", "phone", "06-12345678", "--key-file", key_file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, link::Pseudonymize(KeyBytes(), model::IdentifierKind::kPhone, "+31612345678") + "\n");
  EXPECT_EQ(RunZicht({"pseudonymize", "phone", "+31 (0)6 12345678", "--key-file", key_file}).out, r.out)
      << "every spelling of one number gives one pseudonym";
}

TEST(PseudonymizeCommandTest, ExitCodes) {
  testutil::TempDir dir;
  std::string key_file = dir.File("k.key");
  testutil::WriteFile(key_file, KeyHex() + "\n");
  EXPECT_EQ(RunZicht({"pseudonymize", "iban", "NL91ABNA0417164300"}).exit_code, 2) << "--key-file is required";
  EXPECT_EQ(RunZicht({"pseudonymize", "bsn", "1", "--key-file", key_file}).exit_code, 2);
  EXPECT_EQ(RunZicht({"pseudonymize", "iban", "NL00XXXX", "--key-file", key_file}).exit_code, 1) << "invalid value";
  EXPECT_EQ(RunZicht({"pseudonymize", "iban", "NL91ABNA0417164300", "--key-file", dir.File("none")}).exit_code, 1);
  testutil::WriteFile(dir.File("bad.key"), "not hex\n");
  EXPECT_EQ(RunZicht({"pseudonymize", "iban", "NL91ABNA0417164300", "--key-file", dir.File("bad.key")}).exit_code, 1);
  EXPECT_NE(HelpLine(RunZicht({"pseudonymize", "--help"}).out, "--key-file").find("REQUIRED"), std::string::npos);
}

}  // namespace
}  // namespace zicht::cli
