#include "link/identifier_index.h"

#include <absl/hash/hash.h>

#include <algorithm>
#include <cstring>

#include "link/heap_bytes.h"

namespace zicht::link {
namespace {

constexpr size_t kArenaBlockBytes = 1 << 20;

// Garbage in entries_ below this is never worth a compaction.
constexpr size_t kMinCompactEntries = 4096;

}  // namespace

size_t IdentifierIndex::KeyHash::operator()(const LookupKey& k) const {
  // Debian's abseil has its own string_view type (not std's).
  return absl::Hash<std::pair<uint8_t, absl::string_view>>{}(
      {k.kind, absl::string_view(k.canonical.data(), k.canonical.size())});
}

IdentifierIndex::IdentifierIndex(const WarningListMatcher* warning_lists)
    : warning_lists_(warning_lists), lookup_(0, KeyHash{this}, KeyEq{this}) {}

uint32_t IdentifierIndex::ArenaAdd(std::string_view s) {
  unsigned char len[5];
  size_t len_bytes = 0;
  for (size_t v = s.size();; v >>= 7) {
    len[len_bytes++] = static_cast<unsigned char>((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    if (v < 0x80) break;
  }
  size_t need = len_bytes + s.size();
  if (blocks_.empty() || block_used_ + need > block_size_) {
    // A string longer than a block gets a block of its own (offset 0).
    block_size_ = std::max(kArenaBlockBytes, need);
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    arena_bytes_ += static_cast<int64_t>(block_size_);
    block_used_ = 0;
  }
  static_assert(kArenaBlockBytes <= (size_t{1} << kArenaOffsetBits), "a block offset must fit its handle bits");
  auto handle = static_cast<uint32_t>(((blocks_.size() - 1) << kArenaOffsetBits) | block_used_);
  char* dst = blocks_.back().get() + block_used_;
  std::memcpy(dst, len, len_bytes);
  if (!s.empty()) std::memcpy(dst + len_bytes, s.data(), s.size());
  block_used_ += need;
  return handle;
}

std::string_view IdentifierIndex::ArenaGet(uint32_t handle) const {
  const char* p = blocks_[handle >> kArenaOffsetBits].get() + (handle & ((1u << kArenaOffsetBits) - 1));
  size_t len = 0;
  for (int shift = 0;; shift += 7) {
    auto byte = static_cast<unsigned char>(*p++);
    len |= static_cast<size_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
  }
  return {p, len};
}

void IdentifierIndex::MapRow(int64_t row_id, uint32_t r) {
  constexpr int64_t kDenseSlack = 1 << 20;
  if (row_id == int64_t{r} + 1) return;  // FindReport's identity case
  if (row_id >= 0 && row_id < 2 * static_cast<int64_t>(row_ids_.size()) + kDenseSlack) {
    if (static_cast<size_t>(row_id) >= dense_rows_.size()) dense_rows_.resize(row_id + 1, UINT32_MAX);
    dense_rows_[row_id] = r;
  } else {
    sparse_rows_[row_id] = r;
  }
}

void IdentifierIndex::ShrinkToFit() {
  keys_.shrink_to_fit();
  kinds_.shrink_to_fit();
  warning_listed_.shrink_to_fit();
  postings_.shrink_to_fit();
  lookup_.rehash(0);
  row_ids_.shrink_to_fit();
  report_ids_.shrink_to_fit();
  facts_.shrink_to_fit();
  if (entry_garbage_ > 0) CompactEntries();
  entries_.shrink_to_fit();
  entry_start_.shrink_to_fit();
  entry_count_.shrink_to_fit();
  dense_rows_.shrink_to_fit();
}

uint32_t IdentifierIndex::Intern(uint8_t kind, std::string_view canonical) {
  auto it = lookup_.find(LookupKey{kind, canonical});
  if (it != lookup_.end()) return *it;
  auto ident = static_cast<uint32_t>(keys_.size());
  keys_.push_back(ArenaAdd(canonical));
  kinds_.push_back(kind);
  bool listed = kind == kDomainKind
                    ? warning_lists_->CoversDomain(canonical)
                    : warning_lists_->Covers(static_cast<model::IdentifierKind>(kind), canonical);
  warning_listed_.push_back(listed ? 1 : 0);
  postings_.emplace_back();
  lookup_.insert(ident);
  return ident;
}

uint16_t IdentifierIndex::InternSource(std::string_view source) {
  auto it = source_index_.find(absl::string_view(source.data(), source.size()));
  if (it != source_index_.end()) return it->second;
  // Sources are partner names (tens); the cap only guards the uint16.
  if (sources_.size() >= UINT16_MAX) return UINT16_MAX - 1;
  auto idx = static_cast<uint16_t>(sources_.size());
  sources_.emplace_back(source);
  source_index_.emplace(std::string(source), idx);
  return idx;
}

void IdentifierIndex::AddPosting(uint32_t r, uint32_t ident, model::Role role) {
  if (postings_[ident].empty()) {
    ++live_idents_;
    if (kinds_[ident] == kDomainKind) ++live_domains_;
  }
  postings_[ident].push_back(PackEntry(r, role));
  scratch_entries_.push_back(PackEntry(ident, role));
}

void IdentifierIndex::SetEntries(uint32_t r, bool existed) {
  const auto n = static_cast<uint32_t>(scratch_entries_.size());
  uint32_t old = existed ? EntryCount(r) : 0;
  if (!existed || n > old) {
    // New, or grown beyond its range: to the end (the old range is garbage).
    if (entries_.size() + n > UINT32_MAX) CompactEntries();
    entry_garbage_ += old;
    entry_start_[r] = static_cast<uint32_t>(entries_.size());
    entries_.insert(entries_.end(), scratch_entries_.begin(), scratch_entries_.end());
  } else {
    std::copy(scratch_entries_.begin(), scratch_entries_.end(), entries_.begin() + entry_start_[r]);
    entry_garbage_ += old - n;
  }
  if (n >= kCountOverflow) {
    entry_count_[r] = kCountOverflow;
    big_entry_counts_[r] = n;
  } else {
    entry_count_[r] = static_cast<uint8_t>(n);
    big_entry_counts_.erase(r);
  }
  if (entry_garbage_ >= kMinCompactEntries && entry_garbage_ * 2 >= entries_.size()) CompactEntries();
}

void IdentifierIndex::CompactEntries() {
  std::vector<uint32_t> packed;
  packed.reserve(entries_.size() - entry_garbage_);
  for (uint32_t r = 0; r < report_count(); ++r) {
    std::span<const uint32_t> list = entries(r);
    entry_start_[r] = static_cast<uint32_t>(packed.size());
    packed.insert(packed.end(), list.begin(), list.end());
  }
  entries_ = std::move(packed);
  entry_garbage_ = 0;
}

IdentifierIndex::UpsertEffect IdentifierIndex::Upsert(const store::StoredReport& stored) {
  const model::Report& report = stored.report;
  UpsertEffect effect;
  std::vector<uint32_t> old_links;
  std::optional<uint32_t> found = FindReport(stored.row_id);
  uint32_t r;
  if (found) {
    r = *found;
    effect.existed = true;
    old_links = ClearPostings(r);
  } else {
    r = static_cast<uint32_t>(row_ids_.size());
    if (stored.row_id >= 0 && stored.row_id < UINT32_MAX) {
      row_ids_.push_back(static_cast<uint32_t>(stored.row_id));
    } else {
      row_ids_.push_back(UINT32_MAX);
      big_row_ids_[r] = stored.row_id;
    }
    MapRow(stored.row_id, r);
    report_ids_.push_back(ArenaAdd(report.key.id));
    facts_.push_back(ReportFacts{});
    facts_.back().source = InternSource(report.key.source);
    entry_start_.push_back(0);
    entry_count_.push_back(0);
  }
  effect.report = r;
  ReportFacts& facts = facts_[r];
  facts.reported_at = static_cast<uint32_t>(std::clamp<UnixSeconds>(report.reported_at_seconds, 0, UINT32_MAX));
  int64_t damage = std::max<int64_t>(0, report.damage_cents.value_or(0));
  if (damage >= kDamageOverflow) {
    facts.damage = kDamageOverflow;
    big_damage_[r] = damage;
  } else {
    facts.damage = static_cast<uint32_t>(damage);
    big_damage_.erase(r);
  }
  facts.fraud_type = static_cast<uint8_t>(report.fraud_type);
  facts.loss = report.outcome == model::Outcome::kLoss ? 1 : 0;
  newest_ = std::max(newest_, report.reported_at_seconds);

  scratch_entries_.clear();
  for (const model::Identifier& id : report.identifiers) {
    if (!id.valid || id.canonical.empty()) continue;  // invalid values never link (docs/design.md)
    uint32_t ident = Intern(static_cast<uint8_t>(id.kind), id.canonical);
    AddPosting(r, ident, id.role);
    if (id.kind == model::IdentifierKind::kUrl && !id.domain.empty() && !warning_listed(ident)) {
      AddPosting(r, Intern(kDomainKind, id.domain), id.role);
    }
  }
  SetEntries(r, effect.existed);

  if (effect.existed) {
    std::vector<uint32_t> new_links;
    ForEachLink(r, [&](uint32_t ident) { new_links.push_back(ident); });
    std::sort(new_links.begin(), new_links.end());
    std::sort(old_links.begin(), old_links.end());
    old_links.erase(std::unique(old_links.begin(), old_links.end()), old_links.end());
    std::set_difference(old_links.begin(), old_links.end(), new_links.begin(), new_links.end(),
                        std::back_inserter(effect.lost_links));
  }
  return effect;
}

// REQUIRES: row r is mapped. Drops report r's postings and returns the
// identifiers that linked it.
std::vector<uint32_t> IdentifierIndex::ClearPostings(uint32_t r) {
  std::vector<uint32_t> old_links;
  ForEachLink(r, [&](uint32_t ident) { old_links.push_back(ident); });
  for (uint32_t e : entries(r)) {
    PackedList& list = postings_[EntryIndex(e)];
    if (list.empty()) continue;  // already cleared (identifier named twice)
    list.EraseIf([r](uint32_t p) { return EntryIndex(p) == r; });
    if (list.empty()) {
      --live_idents_;
      if (kinds_[EntryIndex(e)] == kDomainKind) --live_domains_;
    }
  }
  return old_links;
}

std::optional<IdentifierIndex::UpsertEffect> IdentifierIndex::Remove(int64_t row_id) {
  std::optional<uint32_t> found = FindReport(row_id);
  if (!found) return std::nullopt;
  const uint32_t r = *found;
  UpsertEffect effect;
  effect.report = r;
  effect.existed = true;
  effect.lost_links = ClearPostings(r);
  std::sort(effect.lost_links.begin(), effect.lost_links.end());
  effect.lost_links.erase(std::unique(effect.lost_links.begin(), effect.lost_links.end()), effect.lost_links.end());
  scratch_entries_.clear();
  SetEntries(r, true);
  // Unmap the row: the identity case (row_id == r + 1) is read from
  // row_ids_, the others from the row maps.
  row_ids_[r] = UINT32_MAX;
  big_row_ids_[r] = -1;  // row_id(r) of an emptied slot
  if (row_id >= 0 && static_cast<size_t>(row_id) < dense_rows_.size()) dense_rows_[row_id] = UINT32_MAX;
  sparse_rows_.erase(row_id);
  facts_[r] = ReportFacts{};
  big_damage_.erase(r);
  if (removed_.size() < row_ids_.size()) removed_.resize(row_ids_.size(), 0);
  removed_[r] = 1;
  ++removed_count_;
  return effect;
}

std::optional<uint32_t> IdentifierIndex::Find(uint8_t kind, std::string_view canonical) const {
  auto it = lookup_.find(LookupKey{kind, canonical});
  if (it == lookup_.end() || postings_[*it].empty()) return std::nullopt;
  return *it;
}

std::optional<uint32_t> IdentifierIndex::FindReport(int64_t row_id) const {
  // Row ids are unique, so a match is the answer (MapRow stored nothing).
  if (row_id >= 1 && row_id <= int64_t{report_count()} && row_ids_[row_id - 1] == row_id) {
    return static_cast<uint32_t>(row_id - 1);
  }
  if (row_id >= 0 && static_cast<size_t>(row_id) < dense_rows_.size() && dense_rows_[row_id] != UINT32_MAX) {
    return dense_rows_[row_id];
  }
  auto it = sparse_rows_.find(row_id);
  if (it == sparse_rows_.end()) return std::nullopt;
  return it->second;
}

bool IdentifierIndex::KeyLess(uint32_t a, uint32_t b) const {
  std::string_view sa = source(a), sb = source(b);
  if (sa != sb) return sa < sb;
  return report_id(a) < report_id(b);
}

uint32_t IdentifierIndex::BeneficiaryReports(uint32_t ident) const {
  uint32_t count = 0;
  uint32_t last = UINT32_MAX;
  for (uint32_t p : postings_[ident]) {
    if (EntryRole(p) != model::Role::kBeneficiary || EntryIndex(p) == last) continue;
    last = EntryIndex(p);  // a report's postings are contiguous
    ++count;
  }
  return count;
}

bool IdentifierIndex::IsMule(uint32_t ident) const {
  return kinds_[ident] == static_cast<uint8_t>(model::IdentifierKind::kIban) && !warning_listed(ident) &&
         BeneficiaryReports(ident) >= 2;
}

bool IdentifierIndex::IsLead(uint32_t ident) const {
  if (warning_listed(ident)) return false;
  std::string_view c = canonical(ident);
  if (kinds_[ident] == static_cast<uint8_t>(model::IdentifierKind::kIban)) return c.substr(0, 2) == "NL";
  if (kinds_[ident] == static_cast<uint8_t>(model::IdentifierKind::kPhone)) return c.substr(0, 4) == "+316";
  return false;
}

std::string IdentifierIndex::BytesBreakdownForTest() const {
  int64_t post_heap = 0;
  for (const PackedList& p : postings_) post_heap += MallocBytes(p.HeapBytes());
  std::string out;
  auto add = [&](const char* name, int64_t b) { out += std::string(name) + "=" + std::to_string(b) + " "; };
  add("arena", arena_bytes_);
  add("keys", VectorBytes(keys_));
  add("kinds_listed", VectorBytes(kinds_) + VectorBytes(warning_listed_));
  add("postings", VectorBytes(postings_));
  add("post_heap", post_heap);
  add("lookup", FlatHashBytes(lookup_));
  add("row_ids", VectorBytes(row_ids_));
  add("report_ids", VectorBytes(report_ids_));
  add("report_facts", VectorBytes(facts_) + FlatHashBytes(big_damage_));
  add("entries", VectorBytes(entries_));
  add("entry_start_count", VectorBytes(entry_start_) + VectorBytes(entry_count_));
  add("rows", VectorBytes(dense_rows_) + FlatHashBytes(sparse_rows_));
  add("total", Bytes());
  add("idents", static_cast<int64_t>(keys_.size()));
  return out;
}

int64_t IdentifierIndex::Bytes() const {
  // Every container the index holds, by capacity (empty slots included).
  int64_t bytes = arena_bytes_ + VectorBytes(blocks_);
  bytes += VectorBytes(keys_) + VectorBytes(kinds_) + VectorBytes(warning_listed_) + VectorBytes(postings_);
  for (const PackedList& p : postings_) bytes += MallocBytes(p.HeapBytes());
  bytes += FlatHashBytes(lookup_);
  bytes += VectorBytes(row_ids_) + FlatHashBytes(big_row_ids_) + VectorBytes(report_ids_) +
           VectorBytes(facts_) + FlatHashBytes(big_damage_);
  bytes += VectorBytes(entries_) + VectorBytes(entry_start_) + VectorBytes(entry_count_) +
           FlatHashBytes(big_entry_counts_) + VectorBytes(scratch_entries_);
  bytes += VectorBytes(dense_rows_) + FlatHashBytes(sparse_rows_) + VectorBytes(removed_);
  bytes += VectorBytes(sources_) + FlatHashBytes(source_index_);
  for (const std::string& s : sources_) bytes += 2 * MallocBytes(s.capacity() > 15 ? s.capacity() + 1 : 0);
  return bytes;
}

}  // namespace zicht::link
