#pragma once
// Short Dutch texts for synthetic reports: the message the victim received
// ("Hoi mam, dit is mijn nieuwe nummer…") or the victim's own account of what
// happened, one set of templates per fraud type, with variation in who is
// addressed, amounts, items and banks. The URL or IBAN of the report is put
// into the text where a real message would carry it, so message screening
// and the web app show realistic content.
//
// Thread-safety: pure functions over fixed tables.
#include <cstdint>
#include <string>
#include <string_view>

#include "generate/random.h"
#include "model/vocabulary.h"

namespace zicht::generate {

//! What a template may mention. Empty views mean "this report has none".
struct TextSlots {
  std::string_view url;
  std::string_view iban;   // as written on the report
  int64_t amount_eur = 0;  // the damage, or an asked-for amount for attempts
  bool loss = false;       // the report's outcome is a loss
};

//! Appends a text for a report of `type` to `out`.
void AppendReportText(Rng& rng, model::FraudType type, const TextSlots& slots, std::string* out);

}  // namespace zicht::generate
