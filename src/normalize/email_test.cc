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

// Issue 16: the domain is read as a host (IDNA / UTS #46, A-labels).
TEST(EmailTest, InternationalisedDomainBecomesALabels) {
  EXPECT_EQ(*NormalizeEmail("Jan@MÜNCHEN.DE"), "jan@xn--mnchen-3ya.de");
  EXPECT_EQ(*NormalizeEmail("jan@münchen.de"), "jan@xn--mnchen-3ya.de");
  EXPECT_EQ(*NormalizeEmail("JAN@XN--MNCHEN-3YA.DE"), "jan@xn--mnchen-3ya.de");
  EXPECT_EQ(NormalizeEmail("jan@xn--zz-ww.de").status().message(),
            "e-mail domain is not a valid internationalised domain name");
  // A full-width '＠' in the domain is mapped to '@' by UTS #46: refused.
  EXPECT_EQ(NormalizeEmail("jan@a\xEF\xBC\xA0" "b.nl").status().message(),
            "e-mail domain contains a character not allowed in a domain name");
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
