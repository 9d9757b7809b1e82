// libFuzzer target: Normalize() on arbitrary bytes. The first byte picks the
// kind, the rest is the value. Checks that nothing crashes, that a valid
// result is non-empty and a fixed point (normalising the canonical form
// again gives the same canonical form and domain), and that every error is
// kInvalidArgument with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/identifier.h"
#include "normalize/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using zicht::normalize::Normalize;
  using zicht::normalize::Normalized;
  if (size == 0) return 0;
  const auto kind = static_cast<zicht::model::IdentifierKind>(data[0] % zicht::model::kIdentifierKindNames.size());
  const std::string_view value(reinterpret_cast<const char*>(data + 1), size - 1);
  zicht::Result<Normalized> result = Normalize(kind, value);
  if (!result.ok()) {
    if (!result.status().IsInvalidArgument() || result.status().message().empty()) std::abort();
    return 0;
  }
  if (result->canonical.empty()) std::abort();
  zicht::Result<Normalized> again = Normalize(kind, result->canonical);
  if (!again.ok() || again->canonical != result->canonical || again->domain != result->domain) std::abort();
  return 0;
}
