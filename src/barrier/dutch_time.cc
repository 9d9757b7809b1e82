#include "barrier/dutch_time.h"

#include <limits>

#include <absl/time/civil_time.h>

namespace zicht::barrier {

Result<DutchTimeZone> DutchTimeZone::Load() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &zone)) {
    return Status::NotFound(
        "time zone Europe/Amsterdam not found in the tz database (install the tzdata package); "
        "barrier days and hours are Dutch");
  }
  return DutchTimeZone(zone);
}

DutchTimeZone::Offset DutchTimeZone::OffsetAt(UnixSeconds at) const {
  const absl::Time t = absl::FromUnixSeconds(at);
  Offset o;
  o.seconds = zone_.At(t).offset;
  // The transitions around `at` bound the range; none (far past or future):
  // the offset holds for ever in that direction. A transition's civil times
  // are read in the offset on their side of it: `to` in the offset in force
  // from then on, `from` in the one in force until then.
  const absl::CivilSecond epoch(1970, 1, 1, 0, 0, 0);
  absl::TimeZone::CivilTransition trans;
  o.from = std::numeric_limits<UnixSeconds>::min();
  o.to = std::numeric_limits<UnixSeconds>::max();
  if (zone_.PrevTransition(t + absl::Seconds(1), &trans)) o.from = (trans.to - epoch) - o.seconds;
  if (zone_.NextTransition(t, &trans)) o.to = (trans.from - epoch) - o.seconds;
  if (o.from > at) o.from = at;  // defensive: the range always holds `at`
  if (o.to <= at) o.to = at + 1;
  return o;
}

UnixSeconds DutchTimeZone::StartOfDay(int64_t day) const {
  const absl::CivilDay civil = absl::CivilDay(1970, 1, 1) + day;
  // Dutch midnight always exists (the clocks change at 02:00 and 03:00).
  return absl::ToUnixSeconds(absl::FromCivil(civil, zone_));
}

}  // namespace zicht::barrier
