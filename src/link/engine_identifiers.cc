// EngineImpl::ForEachIdentifier: every indexed identifier, for the blind
// look-ups' token index (link/token_index.h). One pass over the identifier
// table under the shared lock; O(identifiers), no allocation.
#include "link/engine_impl.h"

namespace zicht::link::internal {

void EngineImpl::ForEachIdentifier(
    const std::function<void(model::IdentifierKind, std::string_view)>& fn) const {
  ReaderLock lock(&mu_);
  const IdentifierIndex& index = *index_;
  for (uint32_t ident = 0; ident < index.ident_count(); ++ident) {
    // A URL's registrable domain is a linking key, not something a partner
    // asks about; an identifier no report names any more has no verdict.
    if (index.kind(ident) == kDomainKind || index.postings(ident).empty()) continue;
    fn(static_cast<model::IdentifierKind>(index.kind(ident)), index.canonical(ident));
  }
}

}  // namespace zicht::link::internal
