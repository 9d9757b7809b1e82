// EngineImpl::ForEachIdentifier: every indexed identifier, for the blind
// look-ups' token index (link/token_index.h). One pass over the identifier
// table under the shared lock; O(identifiers), no allocation.
#include <algorithm>
#include <vector>

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

// A handful of sources name one identifier (police, the helpdesk, a few
// banks), so a small vector beats a set.
int64_t EngineImpl::DistinctSources(model::IdentifierKind kind, std::string_view canonical) const {
  ReaderLock lock(&mu_);
  const IdentifierIndex& index = *index_;
  auto ident = index.Find(static_cast<uint8_t>(kind), canonical);
  if (!ident) return 0;
  std::vector<std::string_view> sources;
  for (uint32_t p : index.postings(*ident)) {
    if (EntryRole(p) == model::Role::kSpoofed) continue;
    std::string_view source = index.source(EntryIndex(p));
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
  }
  return static_cast<int64_t>(sources.size());
}

}  // namespace zicht::link::internal
