#include "barrier/expression.h"

#include <gtest/gtest.h>

namespace zicht::barrier {
namespace {

Facts MakeFacts(double amount, double hour, bool beneficiary_new, std::string_view risk = "none") {
  Facts f;
  f.number[static_cast<size_t>(Field::kAmount)] = amount;
  f.number[static_cast<size_t>(Field::kHour)] = hour;
  f.number[static_cast<size_t>(Field::kBeneficiaryNew)] = beneficiary_new;
  f.number[static_cast<size_t>(Field::kAccountDailyLimit)] = 2000;
  f.number[static_cast<size_t>(Field::kAccountSpentToday)] = 500;
  f.string[static_cast<size_t>(Field::kBeneficiaryIbanRisk)] = risk;
  f.string[static_cast<size_t>(Field::kChannel)] = "app";
  return f;
}

bool Eval(std::string_view text, const Facts& facts) {
  Expression e;
  ExpressionError error;
  EXPECT_TRUE(Expression::Compile(text, &e, &error)) << text << ": " << error.message;
  return e.Evaluate(facts);
}

TEST(ExpressionTest, IssueExample) {
  const char* text = "amount > 2500 and beneficiary.new and hour in 0..6";
  EXPECT_TRUE(Eval(text, MakeFacts(3000, 3, true)));
  EXPECT_TRUE(Eval(text, MakeFacts(3000, 0, true)));
  EXPECT_TRUE(Eval(text, MakeFacts(3000, 6, true)));  // ranges include both ends
  EXPECT_FALSE(Eval(text, MakeFacts(3000, 7, true)));
  EXPECT_FALSE(Eval(text, MakeFacts(2500, 3, true)));
  EXPECT_FALSE(Eval(text, MakeFacts(3000, 3, false)));
}

TEST(ExpressionTest, OperatorsAndPrecedence) {
  Facts f = MakeFacts(1000, 12, false, "high");
  EXPECT_TRUE(Eval("not beneficiary.new", f));
  EXPECT_TRUE(Eval("amount + account.spent_today > 1400", f));
  EXPECT_TRUE(Eval("amount > account.daily_limit * 0.4", f));
  EXPECT_TRUE(Eval("amount / 0 == 0", f));
  EXPECT_TRUE(Eval("-amount < 0", f));
  EXPECT_TRUE(Eval("false or true and true", f));   // and binds tighter than or
  EXPECT_FALSE(Eval("(false or true) and false", f));
  EXPECT_TRUE(Eval("beneficiary.iban_risk == \"high\" and channel != 'web'", f));
  EXPECT_FALSE(Eval("beneficiary.iban_risk == \"medium\"", f));
  EXPECT_TRUE(Eval("beneficiary.new == false", f));
  EXPECT_TRUE(Eval("amount >= 1000 and amount <= 1000.0", f));
}

TEST(ExpressionTest, RecordsFieldsUsed) {
  Expression e;
  ExpressionError error;
  ASSERT_TRUE(Expression::Compile("device.risk == 'high' or amount > 1", &e, &error));
  EXPECT_TRUE(e.fields_used() & (1u << static_cast<unsigned>(Field::kDeviceRisk)));
  EXPECT_TRUE(e.fields_used() & (1u << static_cast<unsigned>(Field::kAmount)));
  EXPECT_FALSE(e.fields_used() & (1u << static_cast<unsigned>(Field::kBeneficiaryIbanRisk)));
}

struct BadCase {
  const char* text;
  size_t offset;
  const char* message_part;
};

TEST(ExpressionTest, ErrorsPointAtTheMistake) {
  const BadCase cases[] = {
      {"amout > 5", 0, "unknown field 'amout'"},
      {"amount > 5 and", 14, "ends too early"},
      {"amount > ", 9, "ends too early"},
      {"amount = 5", 7, "use =="},
      {"amount", 0, "must be true/false"},
      {"amount > 'x'", 9, "cannot compare"},
      {"channel > 'x'", 8, "only numbers"},
      {"amount and true", 0, "'and' needs true/false"},
      {"hour in 0 6", 10, "expected '..'"},
      {"(amount > 5", 11, "expected ')'"},
      {"amount > 5)", 10, "unexpected ')'"},
      {"channel == 'app", 11, "not closed"},
      {"amount > 5 # comment", 11, "unexpected character"},
      {"beneficiary.new + 1 > 0", 0, "arithmetic needs a number"},
  };
  for (const auto& c : cases) {
    Expression e;
    ExpressionError error;
    EXPECT_FALSE(Expression::Compile(c.text, &e, &error)) << c.text;
    EXPECT_EQ(error.offset, c.offset) << c.text << ": " << error.message;
    EXPECT_NE(error.message.find(c.message_part), std::string::npos) << c.text << ": " << error.message;
  }
}

TEST(ExpressionTest, RejectsTooDeepNesting) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "amount + (";
  text += "1";
  for (int i = 0; i < 40; ++i) text += ")";
  text += " > 0";
  Expression e;
  ExpressionError error;
  EXPECT_FALSE(Expression::Compile(text, &e, &error));
  EXPECT_NE(error.message.find("too deeply"), std::string::npos) << error.message;
}

}  // namespace
}  // namespace zicht::barrier
