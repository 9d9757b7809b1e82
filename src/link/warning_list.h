#pragma once
// Warning-lists: known legitimate values that fraudsters abuse or that
// everyone shares — banks' official phone numbers (spoofed in
// bank-helpdesk fraud), marketplaces, payment-request and messaging domains
// (docs/design.md, "Linking and clusters"). An identifier on a warning-list never
// links reports and checks as risk `low`: without the lists, every victim
// who was sent a Tikkie link or called "from" the bank's real number would
// land in one cluster with every other.
//
// Matching rules (docs/linking.md, "Warning-lists"):
//  - url entries name a host. A *subdomain* entry ("marktplaats.nl" in a
//    plain list, MISP type `hostname`) covers that host and its subdomains;
//    an *exact* entry (MISP type `string`, as MISP defines it) covers that
//    host only ("www." aside). Neither ever reaches past a registrable
//    domain (Public Suffix List via normalize::RegistrableDomain): an entry
//    "pages.dev" never covers "ing-veilig.pages.dev", which is its own
//    site, and a subdomain entry that is itself a public suffix is
//    narrowed to an exact one when the list is read;
//  - the registrable-domain key of a URL ("marktplaats.nl") is covered by
//    an entry naming exactly that domain;
//  - email entries are exact addresses; an entry without '@' names a mail
//    domain and covers every address on it (and its subdomains, within its
//    registrable domain);
//  - every other kind is compared in canonical form (normalize/).
//
// Formats accepted by ParseWarningList (documented in docs/linking.md):
//  - plain text, one `kind,value` a line, `#` comments and blank lines
//    ignored; `# name:` / `# description:` header comments name the list;
//    a UTF-8 BOM and a `kind,value` header line are tolerated;
//  - MISP warning-list JSON {"name","description","list":[...],"type",
//    "matching_attributes"} with type `string` or `hostname` (others are
//    refused: Zicht compares exact canonical values, not substrings, CIDR
//    ranges or regexes).
// An entry Zicht cannot represent (not a host name, a top-level domain, an
// unknown kind, an invalid value) is skipped and counted, with the first few
// as examples; with `strict` the first one fails the whole list instead.
// Entries are de-duplicated (first occurrence kept, a subdomain entry wins
// over an exact one of the same value).
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
  // url and e-mail-domain entries: true covers subdomains too, false the
  // host only. Ignored for other kinds.
  bool subdomains = true;

  bool operator==(const WarningListEntry&) const = default;
};

struct WarningList {
  std::string name;
  std::string description;
  bool shipped = false;  // compiled into the binary (always active)
  std::vector<WarningListEntry> entries;  // de-duplicated

  // What the parser left out or narrowed, for the importer's report.
  struct Note {
    std::string where;   // "line 3", "list element 12"
    std::string reason;  // names the value and why
  };
  static constexpr size_t kMaxExamples = 5;
  size_t skipped = 0;                  // entries left out
  std::vector<Note> skipped_examples;  // the first kMaxExamples of them
  size_t narrowed = 0;                 // public-suffix entries made exact
  std::vector<Note> narrowed_examples;
  size_t duplicates = 0;               // entries dropped as repeats
};

//! Parses a warning-list file. A non-empty `name` names the list; else the
//! file's own name (`# name:` header, MISP "name"); else the result's name is
//! empty and the caller gives the default (`zicht warninglist import`: the
//! file name).
//! `kind` forces the kind of MISP values; without it the kind follows the
//! list's `matching_attributes` when they name one kind, else a value's
//! shape (e-mail has '@', a valid IBAN, a phone number, else a host name).
//! Bad entries are skipped and counted (see above) unless `strict`.
//! On failure: kInvalidArgument — a list type or attributes Zicht cannot
//! represent, malformed JSON, no entry left, or (strict) the first bad
//! entry, naming its line or list element and what is wrong.
Result<WarningList> ParseWarningList(std::string_view text, std::string_view name,
                                     std::optional<model::IdentifierKind> kind = std::nullopt,
                                     bool strict = false);

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
  //! True when the registrable-domain key `domain` (of a URL) is covered:
  //! an entry names exactly that domain.
  bool CoversDomain(std::string_view domain) const;

  size_t size() const { return size_; }

 private:
  static bool CoversHost(const std::vector<std::string>& exact, const std::vector<std::string>& subdomains,
                         std::string_view host);
  static bool Contains(const std::vector<std::string>& sorted, std::string_view v);

  // Sorted vectors: a binary search over a sorted vector is as fast as a
  // hash set at list sizes (hundreds to 10^6 entries) and uses a third of
  // its memory (bench/warninglist_import.sh measures a 1M-entry list).
  std::vector<std::string> exact_[model::kIdentifierKindNames.size()];
  std::vector<std::string> url_hosts_;     // exact url entries
  std::vector<std::string> url_domains_;   // url entries with subdomains
  std::vector<std::string> mail_domains_;  // e-mail domain entries (with subdomains)
  std::vector<std::string> mail_hosts_;    // e-mail domain entries (exact)
  size_t size_ = 0;
};

}  // namespace zicht::link
