#include "normalize/email.h"

#include <gtest/gtest.h>

#include <string>

namespace zicht::normalize {
namespace {

TEST(EmailTest, TrimmedAndLowerCase) {
  EXPECT_EQ(*NormalizeEmail(" Jan.Jansen@Example.NL "), "jan.jansen@example.nl");
  EXPECT_EQ(*NormalizeEmail("helpdesk+ing@secure-login.example"), "helpdesk+ing@secure-login.example");
  EXPECT_EQ(*NormalizeEmail("mailto:Info@Bank-Veilig.example"), "info@bank-veilig.example");
  EXPECT_EQ(*NormalizeEmail("<fraud@mail.co.uk>"), "fraud@mail.co.uk");
  EXPECT_EQ(*NormalizeEmail("\tA@B.C\n"), "a@b.c");
}

TEST(EmailTest, InvalidAddresses) {
  EXPECT_EQ(NormalizeEmail("jan.example.nl").status().message(), "e-mail address must contain exactly one '@'");
  EXPECT_EQ(NormalizeEmail("jan@@example.nl").status().message(), "e-mail address must contain exactly one '@'");
  EXPECT_EQ(NormalizeEmail("a@b@example.nl").status().message(), "e-mail address must contain exactly one '@'");
  EXPECT_EQ(NormalizeEmail("@example.nl").status().message(), "e-mail address has nothing before the '@'");
  EXPECT_EQ(NormalizeEmail("jan@localhost").status().message(), "e-mail domain must contain a dot");
  EXPECT_EQ(NormalizeEmail("jan@").status().message(), "e-mail domain must contain a dot");
  EXPECT_EQ(NormalizeEmail("jan@.example.nl").status().message(), "e-mail domain has an empty label");
  EXPECT_EQ(NormalizeEmail("jan@example..nl").status().message(), "e-mail domain has an empty label");
  EXPECT_EQ(NormalizeEmail("jan@example.nl.").status().message(), "e-mail domain has an empty label");
  EXPECT_EQ(NormalizeEmail("jan jansen@example.nl").status().message(),
            "e-mail address contains white space or a control character");
  EXPECT_EQ(NormalizeEmail("   ").status().message(), "e-mail address is empty");
  EXPECT_EQ(NormalizeEmail(std::string(300, 'a') + "@example.nl").status().message(),
            "e-mail address is too long");
}

}  // namespace
}  // namespace zicht::normalize
