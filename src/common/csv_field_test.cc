#include "common/csv_field.h"

#include <gtest/gtest.h>

namespace zicht {
namespace {

TEST(CsvField, PlainTextIsUnchanged) {
  EXPECT_EQ(CsvField("politie"), "politie");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("Hoi mam"), "Hoi mam");
}

TEST(CsvField, QuotesWhatRfc4180Requires) {
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("zei \"hoi\""), "\"zei \"\"hoi\"\"\"");
  EXPECT_EQ(CsvField("regel\nregel"), "\"regel\nregel\"");
}

TEST(CsvField, FormulasAreDefused) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("+31612345678"), "'+31612345678");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("-1"), "'-1");
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

}  // namespace
}  // namespace zicht
