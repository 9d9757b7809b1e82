#pragma once
// The closed vocabularies of a report (docs/design.md, "Data model"): fraud types,
// outcomes, channels, victim age bands and regions. Plain values, no I/O.
//
// Each enum has a `k…Names` table; use `kFraudTypeNames.Parse("phishing")`
// and `kFraudTypeNames.Name(FraudType::kPhishing)`. Declaration order is the
// wire order and must not change (it is stored as text, never as a number).
#include "model/enum_names.h"

namespace zicht::model {

enum class FraudType {
  kHulpvraagfraude,
  kBankhelpdeskfraude,
  kAankoopfraude,
  kVerkoopfraude,
  kPhishing,
  kDatingfraude,
  kBeleggingsfraude,
  kIdentiteitsfraude,
  kOverig,
};
inline constexpr EnumNames<FraudType, 9> kFraudTypeNames{{
    "hulpvraagfraude", "bankhelpdeskfraude", "aankoopfraude", "verkoopfraude", "phishing",
    "datingfraude", "beleggingsfraude", "identiteitsfraude", "overig"}};

//! `attempt` (poging) or `loss` (slachtoffer met schade).
enum class Outcome { kAttempt, kLoss };
inline constexpr EnumNames<Outcome, 2> kOutcomeNames{{"attempt", "loss"}};

enum class Channel { kWhatsapp, kSms, kPhone, kEmail, kWebsite, kMarketplace, kSocialMedia, kOther };
inline constexpr EnumNames<Channel, 8> kChannelNames{{
    "whatsapp", "sms", "phone", "email", "website", "marketplace", "social_media", "other"}};

enum class AgeBand { kUnder18, k18To24, k25To34, k35To44, k45To54, k55To64, k65To74, k75Plus };
inline constexpr EnumNames<AgeBand, 8> kAgeBandNames{{
    "<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"}};

//! ISO 3166-2:NL: the twelve provinces, the three countries of the Kingdom
//! in the Caribbean, and the three special municipalities (BQ1-3).
enum class Region {
  kDR, kFL, kFR, kGE, kGR, kLI, kNB, kNH, kOV, kUT, kZE, kZH, kAW, kCW, kSX, kBQ1, kBQ2, kBQ3,
};
inline constexpr EnumNames<Region, 18> kRegionNames{{
    "NL-DR", "NL-FL", "NL-FR", "NL-GE", "NL-GR", "NL-LI", "NL-NB", "NL-NH", "NL-OV", "NL-UT",
    "NL-ZE", "NL-ZH", "NL-AW", "NL-CW", "NL-SX", "NL-BQ1", "NL-BQ2", "NL-BQ3"}};

}  // namespace zicht::model
