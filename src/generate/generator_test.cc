// Placeholder test, replaced below.
#include <gtest/gtest.h>
#include "generate/generator.h"
TEST(Generate, Smoke) { EXPECT_EQ(zicht::generate::GenerateReports({}, 10).size(), 10u); }
