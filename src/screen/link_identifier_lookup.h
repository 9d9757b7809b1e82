#pragma once
// LinkIdentifierLookup — the one adapter from the linking engine to message
// screening's IdentifierLookup: an identifier in a message is "known" exactly
// when `zicht check` / POST /v1/check would give it a risk above none.
//
// Header-only on purpose: the screen library stays free of link/ (see
// identifier_lookup.h); only the wiring layers that link both (cli/, server/)
// include this.
//
// Thread-safety: as link::Engine::Check — safe for concurrent calls.
#include "link/engine.h"
#include "screen/identifier_lookup.h"

namespace zicht::screen {

class LinkIdentifierLookup final : public IdentifierLookup {
 public:
  //! REQUIRES: `engine` outlives this object.
  explicit LinkIdentifierLookup(const link::Engine& engine) : engine_(engine) {}

  std::optional<IdentifierHit> Lookup(model::IdentifierKind kind, std::string_view value) const override {
    const link::Verdict v = engine_.Check(kind, value);
    if (!v.valid || !v.known || v.risk == link::Risk::kNone) return std::nullopt;
    return IdentifierHit{kind, std::string(link::kRiskNames.Name(v.risk)), v.reports};
  }

 private:
  const link::Engine& engine_;
};

}  // namespace zicht::screen
