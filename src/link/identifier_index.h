#pragma once
// The identifier index: for every distinct (kind, canonical) identifier the
// reports it appears in and the role it had there, and for every report the
// few facts linking, priority and verdicts need (key, reported_at, outcome,
// damage, fraud type). Report texts and victim data stay in the store.
//
// Layout (why it fits in ≤ 150 bytes per distinct identifier, measured by
// `make bench`; docs/linking.md, "Memory layout"): canonical strings live
// once in an arena; identifiers and reports are dense uint32 indices into
// parallel arrays; the hash set that finds an identifier holds only its
// uint32 (the key is read from the arena); posting lists are PackedLists
// (three entries inline). Every report's identifier entries sit in one
// shared array (entries_), found by a uint32 start and a uint8 count per
// report. A posting is (report << kRoleBits | role) and a report's identifier
// entry is (ident << kRoleBits | role); static_asserts below tie kRoleBits
// and kDomainKind to the sizes of model::Role and model::IdentifierKind.
//
// A URL also indexes its registrable domain under the internal kind
// kDomainKind, so that two reports with different URLs on one fraud domain
// link (docs/design.md: "the registrable domain … is derived and linkable too").
//
// Warning-listed identifiers are indexed (a check must be able to say
// WARNINGLISTED and count them) but flagged, and never link. A URL whose
// host is warning-listed adds no domain posting at all.
//
// Thread-safety: none; the Engine guards it with its reader-writer lock.
// Not movable: the hash set's functors point back at the index.
#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "link/packed_list.h"
#include "link/warning_list.h"
#include "model/identifier.h"
#include "model/vocabulary.h"
#include "store/store.h"

namespace zicht::link {

//! Internal kind for a URL's registrable domain: the first number after the
//! model's kinds, so a new model kind moves it instead of colliding with it.
inline constexpr uint8_t kDomainKind = static_cast<uint8_t>(model::kIdentifierKindNames.size());
static_assert(model::kIdentifierKindNames.size() < UINT8_MAX, "kinds_ holds a kind in a uint8_t");

//! Bits of a packed entry that hold the role; the rest hold the index.
inline constexpr uint32_t kRoleBits = 3;
inline constexpr uint32_t kRoleMask = (1u << kRoleBits) - 1;
static_assert(model::kRoleNames.size() <= (1u << kRoleBits),
              "model::Role outgrew the bits a packed entry gives it: widen kRoleBits (and shrink kMaxIndexEntries)");

inline constexpr uint32_t PackEntry(uint32_t index, model::Role role) {
  return (index << kRoleBits) | static_cast<uint32_t>(role);
}
inline constexpr uint32_t EntryIndex(uint32_t entry) { return entry >> kRoleBits; }
inline constexpr model::Role EntryRole(uint32_t entry) { return static_cast<model::Role>(entry & kRoleMask); }

//! Largest report or identifier count (29 bits, the rest holds the role).
inline constexpr uint32_t kMaxIndexEntries = (1u << (32 - kRoleBits)) - 1;
static_assert(EntryIndex(PackEntry(kMaxIndexEntries, model::Role::kOther)) == kMaxIndexEntries);
static_assert(EntryRole(PackEntry(kMaxIndexEntries, model::Role::kOther)) == model::Role::kOther);

class IdentifierIndex {
 public:
  //! `warning_lists` must outlive the index.
  explicit IdentifierIndex(const WarningListMatcher* warning_lists);
  IdentifierIndex(const IdentifierIndex&) = delete;
  IdentifierIndex& operator=(const IdentifierIndex&) = delete;

  struct UpsertEffect {
    uint32_t report = 0;
    bool existed = false;
    //! Identifiers that linked the report before the update and no longer do.
    std::vector<uint32_t> lost_links;
  };
  //! Adds the report, or replaces what the index holds for it (by row_id).
  //! Only valid identifiers are indexed.
  UpsertEffect Upsert(const store::StoredReport& stored);

  //! Takes an erased report out of the index: its postings go (an
  //! identifier left without postings is no longer found), its row id is
  //! forgotten (FindReport gives nullopt; a report stored again later gets
  //! a new slot) and it becomes an empty slot that counts nowhere. Report
  //! indices are dense array positions, so the slot itself stays (its
  //! 12 bytes of facts are zeroed). Returns the identifiers that linked it
  //! (its lost links, as Upsert reports them); nullopt for an unknown row id.
  std::optional<UpsertEffect> Remove(int64_t row_id);
  //! True for a slot that Remove() emptied.
  bool removed(uint32_t r) const { return r < removed_.size() && removed_[r] != 0; }
  //! Reports in the index: report_count() minus the removed slots.
  uint32_t live_report_count() const { return report_count() - removed_count_; }

  //! The identifier (a model kind, or kDomainKind), or nullopt.
  std::optional<uint32_t> Find(uint8_t kind, std::string_view canonical) const;
  std::optional<uint32_t> FindReport(int64_t row_id) const;

  // Identifiers.
  uint32_t ident_count() const { return static_cast<uint32_t>(keys_.size()); }
  std::string_view canonical(uint32_t ident) const { return ArenaGet(keys_[ident]); }
  uint8_t kind(uint32_t ident) const { return kinds_[ident]; }
  bool warning_listed(uint32_t ident) const { return warning_listed_[ident] != 0; }
  const PackedList& postings(uint32_t ident) const { return postings_[ident]; }
  //! True when the posting links its report through `ident`.
  bool Links(uint32_t ident, uint32_t posting) const {
    return !warning_listed(ident) && EntryRole(posting) != model::Role::kSpoofed;
  }
  //! Distinct reports in which `ident` appears with role beneficiary.
  uint32_t BeneficiaryReports(uint32_t ident) const;
  //! IBAN, not warning-listed, beneficiary in ≥ 2 reports (docs/design.md).
  bool IsMule(uint32_t ident) const;
  //! Linkable IBAN at a Dutch bank or Dutch mobile number (+316…).
  bool IsLead(uint32_t ident) const;

  // Reports.
  uint32_t report_count() const { return static_cast<uint32_t>(row_ids_.size()); }
  int64_t row_id(uint32_t r) const { return row_ids_[r] != UINT32_MAX ? row_ids_[r] : big_row_ids_.at(r); }
  std::string_view source(uint32_t r) const { return sources_[facts_[r].source]; }
  uint16_t source_index(uint32_t r) const { return facts_[r].source; }
  std::string_view report_id(uint32_t r) const { return ArenaGet(report_ids_[r]); }
  UnixSeconds reported_at(uint32_t r) const { return facts_[r].reported_at; }
  int64_t damage_cents(uint32_t r) const {
    return facts_[r].damage != kDamageOverflow ? facts_[r].damage : big_damage_.at(r);
  }
  model::FraudType fraud_type(uint32_t r) const { return static_cast<model::FraudType>(facts_[r].fraud_type); }
  bool loss(uint32_t r) const { return facts_[r].loss != 0; }
  //! Report r's identifier entries, in the order of its identifiers (a
  //! URL's domain right after it). Valid until the next Upsert.
  std::span<const uint32_t> entries(uint32_t r) const {
    return {entries_.data() + entry_start_[r], EntryCount(r)};
  }
  //! (source, id) order, for the stable cluster id.
  bool KeyLess(uint32_t a, uint32_t b) const;
  //! Newest reported_at in the index; 0 when empty.
  UnixSeconds newest() const { return newest_; }

  //! Calls fn(ident) for every identifier that links report r (an identifier
  //! named twice on one report may come twice; callers are idempotent).
  template <typename Fn>
  void ForEachLink(uint32_t r, Fn&& fn) const {
    uint32_t last = UINT32_MAX;
    for (uint32_t e : entries(r)) {
      uint32_t ident = EntryIndex(e);
      if (ident == last || !Links(ident, e)) continue;
      last = ident;
      fn(ident);
    }
  }

  //! Identifiers with at least one posting.
  int64_t LiveIdentifiers() const { return live_idents_; }
  //! Of those, URL registrable domains (kDomainKind).
  int64_t LiveDomains() const { return live_domains_; }
  //! Bytes held by the index, allocator overhead included (estimate).
  int64_t Bytes() const;
  std::string BytesBreakdownForTest() const;

  //! Gives back spare vector and hash capacity; for after a bulk load.
  void ShrinkToFit();

 private:
  struct LookupKey {
    uint8_t kind;
    std::string_view canonical;
  };
  struct KeyHash {
    using is_transparent = void;
    const IdentifierIndex* index;
    size_t operator()(uint32_t ident) const { return (*this)(LookupKey{index->kinds_[ident], index->canonical(ident)}); }
    size_t operator()(const LookupKey& k) const;
  };
  struct KeyEq {
    using is_transparent = void;
    const IdentifierIndex* index;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t a, const LookupKey& b) const {
      return index->kinds_[a] == b.kind && index->canonical(a) == b.canonical;
    }
    bool operator()(const LookupKey& a, uint32_t b) const { return (*this)(b, a); }
  };

  uint32_t Intern(uint8_t kind, std::string_view canonical);
  // Arena handles: (block << kArenaOffsetBits) | offset; the string is stored after its
  // length as a LEB128 varint. 4 bytes instead of a 16-byte string_view
  // per identifier and per report.
  static constexpr uint32_t kArenaOffsetBits = 20;
  uint32_t ArenaAdd(std::string_view s);
  std::string_view ArenaGet(uint32_t handle) const;
  void MapRow(int64_t row_id, uint32_t r);
  static constexpr uint32_t kDamageOverflow = UINT32_MAX;
  void AddPosting(uint32_t r, uint32_t ident, model::Role role);
  uint32_t EntryCount(uint32_t r) const {
    return entry_count_[r] != kCountOverflow ? entry_count_[r] : big_entry_counts_.at(r);
  }
  //! Drops report r's postings; returns the identifiers that linked it.
  std::vector<uint32_t> ClearPostings(uint32_t r);
  //! Stores report r's entries (from scratch_entries_) in entries_.
  void SetEntries(uint32_t r, bool existed);
  //! Rewrites entries_ without the ranges updates left behind.
  void CompactEntries();
  static constexpr uint8_t kCountOverflow = UINT8_MAX;
  uint16_t InternSource(std::string_view source);

  const WarningListMatcher* warning_lists_;

  // Arena of canonical strings and report ids: blocks are never moved.
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_size_ = 0;
  int64_t arena_bytes_ = 0;

  std::vector<uint32_t> keys_;  // arena handles
  std::vector<uint8_t> kinds_;
  std::vector<uint8_t> warning_listed_;
  std::vector<PackedList> postings_;
  absl::flat_hash_set<uint32_t, KeyHash, KeyEq> lookup_;
  int64_t live_idents_ = 0;
  int64_t live_domains_ = 0;

  // Row ids as uint32 (SQLite assigns 1, 2, 3 …); larger ones in big_row_ids_.
  std::vector<uint32_t> row_ids_;
  absl::flat_hash_map<uint32_t, int64_t> big_row_ids_;
  std::vector<uint32_t> report_ids_;  // arena handles
  // What verdicts and priority read of a report, side by side: a verdict
  // walks every report that names the value, and with one array per field
  // that walk took a cache miss per field per report (a check of a value
  // in 50 reports cost ~6 µs on a cold cache). Seconds since 1970 as uint32
  // (valid until 2106; earlier dates clamp to 1970) and damage in cents as
  // uint32 (up to €42.9M; more goes to big_damage_): 12 bytes a report.
  struct ReportFacts {
    uint32_t reported_at = 0;
    uint32_t damage = 0;
    uint8_t fraud_type = 0;
    uint8_t loss = 0;
    uint16_t source = 0;  // index into sources_
  };
  static_assert(sizeof(ReportFacts) == 12, "no padding: the same bytes as separate arrays");
  static_assert(model::kFraudTypeNames.size() <= UINT8_MAX + 1, "ReportFacts::fraud_type is a uint8_t");
  std::vector<ReportFacts> facts_;
  absl::flat_hash_map<uint32_t, int64_t> big_damage_;
  // Every report's identifier entries, report after report. An update
  // that needs more room than the report had moves it to the end; the
  // ranges left behind (entry_garbage_) are dropped by CompactEntries once
  // they are half the array, so updates cost O(1) amortised.
  std::vector<uint32_t> entries_;
  std::vector<uint32_t> entry_start_;
  std::vector<uint8_t> entry_count_;                       // kCountOverflow: see big_entry_counts_
  absl::flat_hash_map<uint32_t, uint32_t> big_entry_counts_;  // reports with ≥ 255 entries
  size_t entry_garbage_ = 0;
  std::vector<uint32_t> scratch_entries_;  // Upsert's working list (kept to avoid allocations)
  // row_id → report: nothing when row_id == report + 1 (the store assigns
  // 1, 2, 3 … and the index loads in that order), else a dense vector, with
  // a hash map for row ids far beyond the report count.
  std::vector<uint32_t> dense_rows_;
  absl::flat_hash_map<int64_t, uint32_t> sparse_rows_;
  std::vector<std::string> sources_;
  absl::flat_hash_map<std::string, uint16_t> source_index_;
  // Slots emptied by Remove(): sized lazily (empty until the first erasure).
  std::vector<uint8_t> removed_;
  uint32_t removed_count_ = 0;
  UnixSeconds newest_ = 0;
};

}  // namespace zicht::link
