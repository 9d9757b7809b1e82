#include "barrier/duration.h"


namespace zicht::barrier {

namespace {

constexpr int64_t kMaxDurationSeconds = int64_t{100} * 365 * 86400;  // 100 years: beyond that it is a typo

}  // namespace

Result<int64_t> ParseIsoDuration(std::string_view text) {
  auto fail = [&](const char* why) {
    return Status::InvalidArgument("invalid ISO 8601 duration '" + std::string(text) + "': " + why);
  };
  if (text.size() < 3 || text[0] != 'P') return fail("expected e.g. PT4H, P1D or PT30M");
  // Units in the order they may appear; `order` only grows.
  static constexpr std::string_view kDateUnits = "WD";
  static constexpr std::string_view kTimeUnits = "HMS";
  int64_t total = 0;
  bool in_time = false;
  bool any = false;
  size_t order = 0;  // index into the units of the current part that the next unit must be at or after
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return fail("'T' appears twice");
      in_time = true;
      order = 0;
      ++i;
      if (i == text.size()) return fail("nothing after 'T'");
      continue;
    }
    int64_t number = 0;
    size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i] - '0');
      if (number > kMaxDurationSeconds) return fail("too long");
      ++i;
      ++digits;
    }
    if (digits == 0) return fail("expected a whole number");
    if (i == text.size()) return fail("number without a unit");
    char unit = text[i++];
    if (unit == 'Y' || (unit == 'M' && !in_time)) return fail("years and months have no fixed length; use days");
    std::string_view units = in_time ? kTimeUnits : kDateUnits;
    size_t pos = units.find(unit);
    if (pos == std::string_view::npos) return fail(in_time ? "time units are H, M, S" : "date units are W, D (hours need 'T')");
    if (pos < order) return fail("units out of order");
    order = pos + 1;
    int64_t scale = unit == 'W' ? 7 * 86400 : unit == 'D' ? 86400 : unit == 'H' ? 3600 : unit == 'M' ? 60 : 1;
    total += number * scale;
    if (total > kMaxDurationSeconds) return fail("too long");
    any = true;
  }
  if (!any) return fail("no components");
  return total;
}

std::string FormatIsoDuration(int64_t seconds) {
  if (seconds <= 0) return "PT0S";
  std::string out = "P";
  if (seconds >= 86400) {
    out += std::to_string(seconds / 86400) + "D";
    seconds %= 86400;
  }
  if (seconds == 0) return out;
  out += "T";
  if (seconds >= 3600) out += std::to_string(seconds / 3600) + "H", seconds %= 3600;
  if (seconds >= 60) out += std::to_string(seconds / 60) + "M", seconds %= 60;
  if (seconds > 0) out += std::to_string(seconds) + "S";
  return out;
}

}  // namespace zicht::barrier
