#pragma once
// ISO 8601 durations for the rules file: "PT4H", "P1D", "PT30M", "P1DT12H",
// "P2W", "PT90S".
//
// Years and months are rejected: their length in seconds depends on the date,
// and a cooling-off period must mean the same span every day. Components must
// appear in ISO order (W or D before T; then H, M, S) and be whole numbers.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::barrier {

//! Seconds in `text`; kInvalidArgument with what is wrong otherwise.
Result<int64_t> ParseIsoDuration(std::string_view text);

//! The shortest ISO form of `seconds` ("PT4H", "P1D", "PT0S").
std::string FormatIsoDuration(int64_t seconds);

}  // namespace zicht::barrier
