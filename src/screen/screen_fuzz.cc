// libFuzzer target: screening on arbitrary bytes, as text and as a JSON
// request body (what POST /v1/messages/screen receives). Checks that nothing
// crashes, that the score is in 0..1 and agrees with the label, and that a
// JSON request either yields a result object or an error naming a field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <rapidjson/document.h>

#include "screen/screen_json.h"

namespace {

const zicht::screen::Screener& SharedScreener() {
  static const auto* screener = [] {
    auto s = zicht::screen::Screener::Create();
    if (!s.ok()) std::abort();
    return std::move(s).value().release();
  }();
  return *screener;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zicht::screen;
  const Screener& screener = SharedScreener();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const bool known = size > 0 && (data[0] & 1);
  const ScreenResult r = screener.Screen(bytes, known);
  if (!(r.score >= 0 && r.score <= 1)) std::abort();
  if ((r.label == Label::kNone) != (r.score < kLabelThreshold)) std::abort();
  if (known == r.signals.Has(Signal::kUnknownSender)) std::abort();

  auto json = ScreenJsonRequest(screener, bytes);
  if (json.ok()) {
    rapidjson::Document doc;
    doc.Parse(json->c_str());
    if (!doc.IsObject() || !doc.HasMember("label") || !doc.HasMember("score") || !doc.HasMember("signals")) {
      std::abort();
    }
  } else if (json.status().message().empty() ||
             (json.status().code() != zicht::StatusCode::kInvalidArgument &&
              json.status().code() != zicht::StatusCode::kTooLarge)) {
    std::abort();
  }
  return 0;
}
