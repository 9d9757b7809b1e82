#pragma once
// LinkCheck — the links and identifiers in a message, checked against the
// brands file and (optionally) Zicht's intelligence (docs/screening.md,
// "Look-alike domains" and "Screening meets the intelligence").
//
// Links: every token that looks like a URL or a bare domain is normalised
// with normalize::NormalizeUrl (registrable domain via libpsl). Then, per
// brand of brands.tsv:
//   * registrable domain is one of the brand's domains -> OFFICIAL_DOMAIN;
//   * otherwise, a host label part names the brand -> LOOKALIKE_DOMAIN:
//     equal to a token; containing a token of 4+ letters ("mijnpostnlverzending");
//     one edit away from a token of 5+ letters ("rabobamk"); equal or
//     containing after undoing digit/letter homoglyphs (0->o, 1->l, 3->e,
//     4->a, 5->s, rn->m, vv->w: "p0stnl"); or a non-ASCII or punycode
//     ("xn--") host whose ASCII skeleton (diacritics dropped, Cyrillic and
//     Greek look-alike letters mapped) names a brand or is its domain.
// Identifiers (only with an IdentifierLookup): IBANs, phone numbers, e-mail
// addresses and the URLs above; a hit raises KNOWN_FRAUD_IDENTIFIER.
//
// Built once from the brands; thread-safe after construction.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "screen/identifier_lookup.h"
#include "screen/signal.h"
#include "screen/signal_config.h"

namespace zicht::screen {

class LinkCheck {
 public:
  explicit LinkCheck(const std::vector<Brand>& brands);
  ~LinkCheck();
  LinkCheck(const LinkCheck&) = delete;
  LinkCheck& operator=(const LinkCheck&) = delete;

  //! Adds LOOKALIKE_DOMAIN / OFFICIAL_DOMAIN for the links in `raw_text`, and
  //! KNOWN_FRAUD_IDENTIFIER (with the hits) when `lookup` knows one of its
  //! identifiers. Never fails.
  void Check(std::string_view raw_text, const IdentifierLookup* lookup, SignalSet* signals,
             std::vector<IdentifierHit>* hits) const;

  //! How a host (lower case) relates to the brands, for tests:
  //! "official:postnl", "lookalike:postnl" or "".
  std::string Classify(std::string_view host) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zicht::screen
