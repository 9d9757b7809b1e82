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

inline void WriteKey(JsonWriter& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

//! Euro from cents as an exact JSON number: 2450 → 24.5, 245000 → 2450.
//! Built right to left in the caller's buffer: no allocation, INT64_MIN
//! safe (and std::string assignment here trips GCC 12's -Wrestrict false
//! positive under the sanitizers). The view points into `buf`.
inline constexpr size_t kEuroChars = 32;
inline std::string_view EuroJsonNumber(int64_t cents, char (&buf)[kEuroChars]) {
  uint64_t v = cents < 0 ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  char* const end = buf + kEuroChars;
  char* p = end;
  if (uint64_t rest = v % 100; rest != 0) {
    if (rest % 10 != 0) *--p = static_cast<char>('0' + rest % 10);
    *--p = static_cast<char>('0' + rest / 10);
    *--p = '.';
  }
  uint64_t whole = v / 100;
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (cents < 0) *--p = '-';
  return std::string_view(p, static_cast<size_t>(end - p));
}

inline void WriteEuro(JsonWriter& w, int64_t cents) {
  char buf[kEuroChars];
  std::string_view text = EuroJsonNumber(cents, buf);
  w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}

}  // namespace zicht::link
