#include "generate/profiles.h"

namespace zicht::generate {
namespace {

using model::FraudType;

// Channels:     whatsapp sms  phone email website marketplace social other
// Ages:         <18 18-24 25-34 35-44 45-54 55-64 65-74 75+
// Hulpvraag- and bankhelpdeskfraude hit older people hardest (Fraudehelpdesk
// yearly figures); aankoop/verkoop younger online shoppers.
constexpr std::array<FraudProfile, kFraudTypeCount> kProfiles{{
    // hulpvraagfraude
    {0.13, 0.45, 1800, 0.7, {{85, 15, 0, 0, 0, 0, 0, 0}}, {{0, 1, 3, 6, 14, 28, 30, 18}}},
    // bankhelpdeskfraude
    {0.11, 0.55, 4500, 1.0, {{8, 20, 72, 0, 0, 0, 0, 0}}, {{0, 2, 4, 8, 14, 24, 28, 20}}},
    // aankoopfraude
    {0.20, 0.75, 140, 1.0, {{0, 0, 0, 0, 30, 55, 15, 0}}, {{4, 20, 26, 20, 14, 9, 5, 2}}},
    // verkoopfraude
    {0.12, 0.40, 450, 1.0, {{20, 0, 0, 0, 0, 80, 0, 0}}, {{3, 15, 24, 22, 17, 11, 6, 2}}},
    // phishing
    {0.24, 0.30, 900, 1.1, {{10, 40, 0, 45, 5, 0, 0, 0}}, {{1, 8, 15, 17, 18, 18, 14, 9}}},
    // datingfraude
    {0.04, 0.60, 6000, 1.2, {{15, 0, 0, 0, 25, 0, 60, 0}}, {{0, 4, 12, 18, 24, 24, 13, 5}}},
    // beleggingsfraude
    {0.05, 0.70, 9000, 1.3, {{0, 0, 25, 0, 35, 0, 40, 0}}, {{0, 5, 14, 18, 22, 22, 14, 5}}},
    // identiteitsfraude
    {0.05, 0.35, 700, 1.0, {{0, 0, 0, 30, 30, 0, 0, 40}}, {{1, 14, 24, 20, 16, 12, 8, 5}}},
    // overig
    {0.06, 0.40, 300, 1.2, {{0, 0, 35, 35, 0, 0, 0, 30}}, {{3, 12, 18, 18, 17, 15, 11, 6}}},
}};

// Province populations (CBS 2024, millions), NL-DR … NL-ZH in Region order.
constexpr Weights<12> kProvinces{{0.50, 0.45, 0.66, 2.15, 0.59, 1.12, 2.63, 2.95, 1.18, 1.39, 0.39, 3.83}};

constexpr std::array<Source, kSourceCount> kSources{{
    {"fraudehelpdesk", "FHD-", true},
    {"politie", "PL", true},
    {"bank_ing", "ING-FR-", false},
    {"bank_rabo", "RABO-", true},
    {"bank_abnamro", "AAB", false},
    {"bank_sns", "SNS-", false},
    {"bank_bunq", "BUNQ-", false},
    {"telecom_kpn", "KPN-", true},
    {"telecom_vodafoneziggo", "VZ-", false},
    {"telecom_odido", "ODIDO-", false},
}};

// Weights over kSources: for a loss, the victim's bank often files it; an
// attempt mostly reaches the helpdesk. Telecoms only for their channels.
constexpr Weights<kSourceCount> kLossSources{{25, 30, 14, 10, 9, 3, 4, 2, 2, 1}};
constexpr Weights<kSourceCount> kAttemptSources{{55, 15, 3, 3, 2, 1, 1, 9, 7, 4}};

}  // namespace

const FraudProfile& ProfileOf(FraudType type) { return kProfiles[static_cast<size_t>(type)]; }

FraudType DrawFraudType(Rng& rng) {
  double r = rng.Unit();
  for (size_t i = 0; i < kFraudTypeCount; ++i) {
    if (r < kProfiles[i].share) return static_cast<FraudType>(i);
    r -= kProfiles[i].share;
  }
  return FraudType::kOverig;
}

model::Region DrawRegion(Rng& rng) { return static_cast<model::Region>(kProvinces.Pick(rng)); }

const std::array<Source, kSourceCount>& Sources() { return kSources; }

size_t DrawSource(Rng& rng, model::Channel channel, bool loss) {
  size_t s = (loss ? kLossSources : kAttemptSources).Pick(rng);
  bool telecom_channel = channel == model::Channel::kSms || channel == model::Channel::kPhone ||
                         channel == model::Channel::kWhatsapp;
  if (s >= 7 && !telecom_channel) s = 0;  // a telecom never sees a marketplace scam
  return s;
}

bool IsBankSource(size_t source_index) { return source_index >= 2 && source_index <= 6; }

}  // namespace zicht::generate
