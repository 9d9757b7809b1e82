#pragma once
// The statistical profile of synthetic reports: how common each fraud type
// is, how often it ends in a loss and how large, through which channel it
// reaches whom, and which partner reports it. One table per concept; the
// numbers and their sources are explained in docs/generate.md.
//
// Thread-safety: fixed tables and pure functions.
#include <array>
#include <cstdint>
#include <string_view>

#include "generate/random.h"
#include "model/vocabulary.h"

namespace zicht::generate {

inline constexpr size_t kFraudTypeCount = 9;

struct FraudProfile {
  double share;          // of all reports
  double loss_rate;      // P(outcome = loss)
  double damage_median;  // euros, log-normal median of a loss
  double damage_sigma;   // log-normal shape
  Weights<8> channels;   // over model::Channel in declaration order
  Weights<8> ages;       // over model::AgeBand in declaration order
};

//! The profile of `type`.
const FraudProfile& ProfileOf(model::FraudType type);

//! A fraud type drawn by the national mix.
model::FraudType DrawFraudType(Rng& rng);

//! A victim's region, drawn by province population.
model::Region DrawRegion(Rng& rng);

//! The partners that report, with the prefix of their report ids.
struct Source {
  std::string_view name;       // docs/design.md `source`
  std::string_view id_prefix;  // "FHD-" …
  bool id_has_year;            // "FHD-2025-0001234" vs "ING-00012345"
};
inline constexpr size_t kSourceCount = 10;
const std::array<Source, kSourceCount>& Sources();

//! Index into Sources() for a report: banks report losses of their
//! customers, telecoms report what came by sms/phone/whatsapp, the police
//! and the fraud helpdesk everything.
size_t DrawSource(Rng& rng, model::Channel channel, bool loss);

//! True for sources that are banks (they know the device used).
bool IsBankSource(size_t source_index);

}  // namespace zicht::generate
