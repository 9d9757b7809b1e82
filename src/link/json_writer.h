#pragma once
// The JSON writer type every link/ export uses (RapidJSON), and small
// helpers shared by them. Header-only.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace zicht::link {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void WriteString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

//! Euro from cents as an exact JSON number: 2450 → 24.5, 245000 → 2450.
inline void WriteEuro(JsonWriter& w, int64_t cents) {
  std::string out;
  if (cents < 0) {
    out = "-";
    cents = -cents;
  }
  out += std::to_string(cents / 100);
  if (int64_t rest = cents % 100; rest != 0) {
    out += '.';
    out += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) out += static_cast<char>('0' + rest % 10);
  }
  w.RawValue(out.data(), out.size(), rapidjson::kNumberType);
}

}  // namespace zicht::link
