// libFuzzer target: ParseWarningList on both formats it accepts (plain
// `kind,value` lines and MISP JSON), with and without a forced kind, and a
// matcher built from whatever parsed. Any input must parse or be refused
// with a Status — no crash, no sanitizer report — and a matcher built from
// what parsed must answer for every entry.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "link/warning_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using zicht::model::IdentifierKind;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto kind : {std::optional<IdentifierKind>{}, std::optional<IdentifierKind>{IdentifierKind::kUrl}}) {
    auto list = zicht::link::ParseWarningList(text, "fuzz", kind);
    if (!list.ok()) continue;
    zicht::link::WarningListMatcher matcher({*list});
    for (const auto& e : list->entries) {
      (void)matcher.Covers(e.kind, e.value);
      (void)zicht::link::UrlHost(e.value);
    }
  }
  return 0;
}
