// libFuzzer target for the barrier stage's parsers: the condition language of
// the rules file, a whole rules file (TOML), and one event line. The first
// byte picks which; the rest is the input. Anything a bank's fraud team can
// type or a partner can send must come back as an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "barrier/event.h"
#include "barrier/expression.h"
#include "barrier/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: {
      zicht::barrier::Expression expression;
      zicht::barrier::ExpressionError error;
      if (zicht::barrier::Expression::Compile(text, &expression, &error)) {
        zicht::barrier::Facts facts;
        (void)expression.Evaluate(facts);
      }
      break;
    }
    case 1:
      (void)zicht::barrier::ParseRules(text, "fuzz.toml");
      break;
    case 2:
      (void)zicht::barrier::ParseEvent(text);
      break;
  }
  return 0;
}
