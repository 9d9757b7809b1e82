#pragma once
// Warning-lists: known legitimate values that fraudsters abuse or that
// everyone shares — banks' official phone numbers (spoofed in
// bank-helpdesk fraud), marketplaces, payment-request and messaging domains
// (docs/design.md, "Linking and clusters"). An identifier on a warning-list never
// links reports and checks as risk `low`: without the lists, every victim
// who was sent a Tikkie link or called "from" the bank's real number would
// land in one cluster with every other.
//
// Matching rules:
//  - url entries name a domain ("marktplaats.nl") and cover every URL whose
//    host is that domain or a subdomain of it, and that registrable domain;
//  - email entries are exact addresses; an entry without '@' names a mail
//    domain and covers every address on it (and its subdomains);
//  - every other kind is compared in canonical form (normalize/).
//
// Formats accepted by ParseWarningList (documented in docs/linking.md):
//  - plain text, one `kind,value` a line, `#` comments and blank lines
//    ignored; `# name:` / `# description:` header comments name the list;
//  - MISP warning-list JSON {"name","description","list":[...],"type"} with
//    type `string` or `hostname` (others are refused: Zicht compares exact
//    canonical values, not substrings, CIDR ranges or regexes).
//
// Thread-safety: WarningListMatcher is immutable after construction; const
// methods may run concurrently.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/identifier.h"

namespace zicht::link {

struct WarningListEntry {
  model::IdentifierKind kind = model::IdentifierKind::kUrl;
  std::string value;  // canonical; url: a lower-case host name; email: address or domain

  bool operator==(const WarningListEntry&) const = default;
};

struct WarningList {
  std::string name;
  std::string description;
  bool shipped = false;  // compiled into the binary (always active)
  std::vector<WarningListEntry> entries;
};

//! Parses a warning-list file. A non-empty `name` names the list; else the
//! file's own name (`# name:` header, MISP "name"); else the result's name is
//! empty and the caller gives the default (`zicht warninglist import`: the
//! file name).
//! `kind` forces the kind of MISP values; without it a value's kind is told
//! from its shape (e-mail has '@', a valid IBAN, a phone number, else a host
//! name). On failure: kInvalidArgument naming the line (plain) or the list
//! element (MISP) and what is wrong.
Result<WarningList> ParseWarningList(std::string_view text, std::string_view name,
                                     std::optional<model::IdentifierKind> kind = std::nullopt);

//! The lists shipped in data/warninglists/, embedded in the binary at build
//! time so that they are active however and wherever zicht runs.
//! REQUIRES: the shipped files parse (warning_list_test checks it).
const std::vector<WarningList>& ShippedWarningLists();

//! Test hooks: the embedded files as (name, text).
size_t EmbeddedWarningListCountForTest();
std::pair<const char*, const char*> EmbeddedWarningListForTest(size_t i);

//! The host of a canonical URL ("https://a.b.nl:8443/x" → "a.b.nl"); empty
//! when there is none.
std::string_view UrlHost(std::string_view canonical_url);

class WarningListMatcher {
 public:
  WarningListMatcher() = default;
  explicit WarningListMatcher(const std::vector<WarningList>& lists);

  //! True when (kind, canonical) is covered by an entry (rules above).
  bool Covers(model::IdentifierKind kind, std::string_view canonical) const;
  //! True when the registrable domain `domain` (of a URL) is covered.
  bool CoversDomain(std::string_view domain) const;

  size_t size() const { return size_; }

 private:
  bool CoversHost(const std::vector<std::string>& sorted, std::string_view host) const;
  static bool Contains(const std::vector<std::string>& sorted, std::string_view v);

  // Sorted vectors: the lists are small (hundreds to a few thousand entries)
  // and a binary search over them is as fast as a hash set at this size.
  std::vector<std::string> exact_[model::kIdentifierKindNames.size()];
  std::vector<std::string> url_domains_;
  std::vector<std::string> mail_domains_;
  size_t size_ = 0;
};

}  // namespace zicht::link
