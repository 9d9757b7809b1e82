#pragma once
// What a look-up may disclose to the key that asks (docs/privacy.md, "Scopes"):
// the hit/no-hit that banks exchange today, or more.
//
//   hit     kind, value or pseudonym as asked, normalized, valid, known, risk
//   risk    … plus the reasons behind the risk
//   detail  … plus report counts, losses, damage, first/last seen, fraud
//           types and the cluster: what an analyst needs
//
// Ordered: a larger scope discloses everything a smaller one does, so
// `scope >= Scope::kRisk` reads "may see reasons". Declaration order is the
// order of the table above and must not change.
#include "model/enum_names.h"

namespace zicht::model {

enum class Scope { kHit, kRisk, kDetail };
inline constexpr EnumNames<Scope, 3> kScopeNames{{"hit", "risk", "detail"}};

}  // namespace zicht::model
