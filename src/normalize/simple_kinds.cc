#include "normalize/simple_kinds.h"

#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// Longer than any real fingerprint, user name or address; bounds what a
// partner can make us store and index per identifier.
constexpr size_t kMaxSimpleLength = 512;

Result<std::string> NormalizeSimple(std::string_view raw, std::string_view what, bool lower) {
  const std::string_view text = TrimAscii(raw);
  if (text.empty()) return Status::InvalidArgument(std::string(what) + " is empty");
  if (text.size() > kMaxSimpleLength) {
    return Status::InvalidArgument(std::string(what) + " is too long (at most 512 characters)");
  }
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return Status::InvalidArgument(std::string(what) + " contains a control character");
    }
  }
  return lower ? LowerAscii(text) : std::string(text);
}

}  // namespace

Result<std::string> NormalizeDevice(std::string_view raw) { return NormalizeSimple(raw, "device", true); }
Result<std::string> NormalizeHandle(std::string_view raw) { return NormalizeSimple(raw, "handle", true); }
Result<std::string> NormalizeCrypto(std::string_view raw) { return NormalizeSimple(raw, "crypto address", false); }

}  // namespace zicht::normalize
