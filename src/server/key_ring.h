#pragma once
// API keys, partners and roles (docs/design.md, "HTTP API"; docs/keys.md).
//
// A keys file (TOML) lists one [[key]] table per API key: its short id, the
// partner it belongs to, its role, its scope (what a look-up may disclose,
// model/disclosure.h), the purposes it may be used for (server/purpose.h)
// and the legal basis its partner registered, the SHA-256 of the key (never
// the key itself), when it was created and whether it is revoked. `zicht
// keys add` writes it; `zicht serve` reads it at start and on SIGHUP.
//
// Thread-safety: KeysFile is a plain value. KeyRing is safe for concurrent
// Lookup() calls from every worker; Replace() swaps the whole table
// atomically (readers see the old or the new file, never a mix).
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/mutex.h"
#include "common/result.h"
#include "common/time.h"
#include "model/disclosure.h"
#include "model/enum_names.h"
#include "server/purpose.h"

namespace zicht::server {

//! What a role may do. `checker`: verdicts only (check, evaluate, screen);
//! `reporter`: also submit reports; `analyst`: everything, including report
//! contents, clusters and statistics.
enum class Role { kAnalyst, kReporter, kChecker };
inline constexpr model::EnumNames<Role, 3> kRoleNames{{"analyst", "reporter", "checker"}};

//! The rights a route may require; see RoleHas().
enum class Right {
  kCheck,         // POST /v1/check, evaluate, screen
  kSubmit,        // POST /v1/reports
  kReadContents,  // clusters, cluster details, stats, disputes and their resolution
};

//! True when `role` carries `right`.
bool RoleHas(Role role, Right right);

//! The scope a key of `role` gets when `zicht keys add` names none: `detail`
//! for analysts, `hit` (the hit/no-hit of the PIFI model) for the others.
model::Scope DefaultScope(Role role);

//! The purposes a key of `role` gets when `zicht keys add` names none:
//! analyst `fraud-investigation`, reporter `fraud-reporting`, checker
//! `payment-screening`. Also what a keys-file entry without `purposes` has.
PurposeSet DefaultPurposes(Role role);

//! Longest legal basis text kept (it is written into every audit entry).
inline constexpr size_t kMaxLegalBasis = 200;

struct KeyEntry {
  std::string id;       // short, public: first 12 hex digits of the hash
  std::string partner;  // [a-z0-9_-]{1,32}, as a report `source`
  Role role = Role::kChecker;
  model::Scope scope = model::Scope::kHit;
  PurposeSet purposes;      // never empty once loaded
  std::string legal_basis;  // free text ≤ kMaxLegalBasis, e.g. "AVG art. 6(1)(f); convenant PPS"
  std::string sha256;   // lower-case hex of SHA-256(key)
  UnixSeconds created = 0;
  bool revoked = false;
  //! Report sources the key may write (POST /v1/reports); empty = only the
  //! source named like its partner.
  std::vector<std::string> sources;
};

struct KeysFile {
  std::vector<KeyEntry> keys;

  //! Reads `path`. A missing file is an empty list (a fresh deployment);
  //! a malformed file is kInvalidArgument naming the entry and field.
  static Result<KeysFile> Load(const std::string& path);

  //! Writes to `path` atomically (temporary file + rename), mode 0600.
  Status Save(const std::string& path) const;
};

//! A fresh API key: "zk_" + base64url of 32 bytes from OpenSSL's RAND_bytes.
//! kInternal when the RNG fails.
Result<std::string> GenerateApiKey();

//! Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

//! Who is calling, once the key has been checked.
struct Principal {
  std::string key_id;
  std::string partner;
  Role role = Role::kChecker;
  model::Scope scope = model::Scope::kHit;
  PurposeSet purposes;
  //! KeyEntry::legal_basis, shared for the same reason as `sources`.
  std::shared_ptr<const std::string> legal_basis;
  //! KeyEntry::sources; shared so that copying a Principal (once per
  //! request) does not copy the list. Null = {partner}.
  std::shared_ptr<const std::vector<std::string>> sources;

  //! True when this key may write reports of `source`: one of its sources,
  //! or its partner's own name when the key lists none.
  bool MayWrite(std::string_view source) const;
  //! The sources it may write, comma-separated, for messages.
  std::string WritableSources() const;

  //! True when `purpose` (an X-Purpose header) names one of this key's
  //! purposes. No allocation: it runs before every /v1 request.
  bool MayUseFor(std::string_view purpose) const;
  //! Why MayUseFor(`purpose`) is false, naming the allowed purposes.
  std::string PurposeRefusal(std::string_view purpose) const;
};

//! The principal of an entry (whether or not it is revoked).
Principal PrincipalOf(const KeyEntry& entry);

class KeyRing {
 public:
  KeyRing() : table_(std::make_shared<const Table>()) {}

  //! Swaps in the entries of `file`; revoked entries are dropped.
  void Replace(const KeysFile& file);

  //! The principal for the presented API key; nullopt when unknown or revoked.
  std::optional<Principal> Lookup(std::string_view api_key) const;

  //! Number of active keys.
  size_t size() const;

  //! The widest scope among `partner`'s active keys (what its webhook
  //! bodies may carry, docs/alerts.md); nullopt when it has none. O(keys).
  std::optional<model::Scope> WidestScope(std::string_view partner) const;

  //! Bumped on every Replace(), so callers can cache Lookup() results per
  //! connection and notice a reload.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  using Table = std::unordered_map<std::string, Principal>;  // sha256 hex → principal
  mutable Mutex mu_;
  std::shared_ptr<const Table> table_ ZICHT_GUARDED_BY(mu_);  // the pointer; the table is immutable
  std::atomic<uint64_t> generation_{0};
};

}  // namespace zicht::server
