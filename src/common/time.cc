#include "common/time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace zicht {
namespace {

// Reads exactly `width` ASCII digits at `pos`; false if any is not a digit.
bool ReadDigits(std::string_view s, size_t pos, size_t width, int* out) {
  if (pos + width > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

Status Bad(std::string_view text, std::string_view why) {
  std::string m = "'";
  m.append(text.substr(0, 64));
  m += "' is not an RFC 3339 date or date-time: ";
  m += why;
  return Status::InvalidArgument(std::move(m));
}

}  // namespace

Result<ParsedTime> ParseRfc3339(std::string_view text) {
  int year, month, day;
  if (text.size() < 10 || !ReadDigits(text, 0, 4, &year) || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &month) || text[7] != '-' || !ReadDigits(text, 8, 2, &day)) {
    return Bad(text, "expected YYYY-MM-DD");
  }
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return Bad(text, "no such calendar date");
  int64_t days = sys_days{ymd}.time_since_epoch().count();
  ParsedTime out;
  if (text.size() == 10) {
    out.seconds = days * 86400;
    out.date_only = true;
    return out;
  }
  char sep = text[10];
  if (sep != 'T' && sep != 't' && sep != ' ') return Bad(text, "expected 'T' between date and time");
  int hour, minute, second;
  if (!ReadDigits(text, 11, 2, &hour) || text.size() < 19 || text[13] != ':' ||
      !ReadDigits(text, 14, 2, &minute) || text[16] != ':' || !ReadDigits(text, 17, 2, &second)) {
    return Bad(text, "expected HH:MM:SS");
  }
  // RFC 3339 allows second 60 for a leap second; it is folded into :59.
  if (hour > 23 || minute > 59 || second > 60) return Bad(text, "time of day out of range");
  if (second == 60) second = 59;
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return Bad(text, "empty fraction of a second");
  }
  if (pos >= text.size()) return Bad(text, "missing time zone (Z or ±HH:MM)");
  int offset_seconds = 0;
  char z = text[pos];
  if (z == 'Z' || z == 'z') {
    ++pos;
  } else if (z == '+' || z == '-') {
    int oh, om;
    if (!ReadDigits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, &om)) {
      return Bad(text, "time zone offset must be ±HH:MM");
    }
    if (oh > 23 || om > 59) return Bad(text, "time zone offset out of range");
    offset_seconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
    pos += 6;
  } else {
    return Bad(text, "missing time zone (Z or ±HH:MM)");
  }
  if (pos != text.size()) return Bad(text, "unexpected characters after the time zone");
  out.seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return out;
}

int64_t DaysFromSeconds(UnixSeconds seconds) {
  int64_t d = seconds / 86400;
  if (seconds % 86400 < 0) --d;
  return d;
}

namespace {

// Writes `v` (0-99) as two digits.
void Put2(char* at, unsigned v) {
  at[0] = static_cast<char>('0' + v / 10);
  at[1] = static_cast<char>('0' + v % 10);
}

// "YYYY-MM-DD" into at[0..9]. Written by hand: snprintf was a visible share
// of the CPU of a check (two dates per verdict).
void PutDate(char* at, UnixSeconds seconds) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{DaysFromSeconds(seconds)}}};
  int year = std::clamp(static_cast<int>(ymd.year()), 0, 9999);
  Put2(at, static_cast<unsigned>(year / 100));
  Put2(at + 2, static_cast<unsigned>(year % 100));
  at[4] = '-';
  Put2(at + 5, static_cast<unsigned>(ymd.month()));
  at[7] = '-';
  Put2(at + 8, static_cast<unsigned>(ymd.day()));
}

}  // namespace

std::string FormatDate(UnixSeconds seconds) {
  char buf[10];
  PutDate(buf, seconds);
  return std::string(buf, sizeof buf);
}

Rfc3339Chars FormatRfc3339Chars(UnixSeconds seconds) {
  Rfc3339Chars out;
  PutDate(out.data(), seconds);
  auto secs_of_day = static_cast<unsigned>(seconds - DaysFromSeconds(seconds) * 86400);
  out[10] = 'T';
  Put2(out.data() + 11, secs_of_day / 3600);
  out[13] = ':';
  Put2(out.data() + 14, secs_of_day / 60 % 60);
  out[16] = ':';
  Put2(out.data() + 17, secs_of_day % 60);
  out[19] = 'Z';
  return out;
}

std::string FormatRfc3339(UnixSeconds seconds) {
  Rfc3339Chars c = FormatRfc3339Chars(seconds);
  return std::string(c.data(), c.size());
}

UnixSeconds SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace zicht
