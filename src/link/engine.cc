// The Engine (engine.h): construction, loading, Apply and warning-list
// reloads. The other concerns live beside it (engine_impl.h lists them);
// the lock order is in engine_impl.h.
#include "link/engine.h"

#include <algorithm>

#include "common/mutex.h"

#include "link/engine_impl.h"
#include "link/pseudonym.h"
#include "store/warning_list_store.h"

namespace zicht::link {
namespace {

// The warning-lists stored in the database, as WarningLists.
std::vector<WarningList> ToLists(std::vector<store::WarningListRow> rows) {
  std::vector<WarningList> out;
  for (auto& row : rows) {
    WarningList list;
    list.name = std::move(row.name);
    list.description = std::move(row.description);
    for (auto& e : row.entries) list.entries.push_back({e.kind, std::move(e.value), e.subdomains});
    out.push_back(std::move(list));
  }
  return out;
}

}  // namespace

namespace internal {

EngineImpl::EngineImpl(std::unique_ptr<store::Store> store, std::vector<WarningList> extra, EngineOptions options)
    : options_(std::move(options)), store_(std::move(store)) {
  WriterLock lock(&mu_);  // nobody else sees the engine yet; the analysis wants it held
  SetLists(std::move(extra));
}

Status EngineImpl::Load() {
  WriterLock lock(&mu_);
  return LoadLocked();
}

void EngineImpl::Apply(const std::vector<store::StoredReport>& changed) {
  WriterLock lock(&mu_);
  for (const auto& stored : changed) {
    IdentifierIndex::UpsertEffect effect = index_->Upsert(stored);
    components_.Grow(*index_);
    if (effect.lost_links.empty()) {
      components_.Link(*index_, effect.report);
    } else {
      RelinkLocked(effect);
    }
    AddPseudonymsLocked();
  }
  InvalidateCache();
}

// An erased report is a correction to nothing: Remove() empties it in the
// index, and the same re-derivation as for an update that lost links
// splits what it held together. The emptied report is its own seed, so it
// ends as a singleton, which no cluster view shows.
void EngineImpl::Remove(const std::vector<int64_t>& row_ids) {
  WriterLock lock(&mu_);
  for (int64_t row_id : row_ids) {
    std::optional<IdentifierIndex::UpsertEffect> effect = index_->Remove(row_id);
    if (effect) RelinkLocked(*effect);
  }
  InvalidateCache();
}

void EngineImpl::RelinkLocked(const IdentifierIndex::UpsertEffect& effect) {
  // Seeds: the report itself and one report of every identifier it no
  // longer links through (components.h explains why that is all).
  std::vector<uint32_t> seeds{effect.report};
  for (uint32_t ident : effect.lost_links) {
    for (uint32_t p : index_->postings(ident)) {
      if (index_->Links(ident, p)) {
        seeds.push_back(EntryIndex(p));
        break;
      }
    }
  }
  components_.Recompute(*index_, seeds);
}

int64_t EngineImpl::DistinctIdentifiers() const {
  ReaderLock lock(&mu_);
  return index_->LiveIdentifiers() - index_->LiveDomains();
}

int64_t EngineImpl::IndexedReports() const {
  ReaderLock lock(&mu_);
  return index_->live_report_count();
}

int64_t EngineImpl::IndexBytes() const {
  ReaderLock lock(&mu_);
  MutexLock plock(&pseudonym_mu_);
  return index_->Bytes() + components_.Bytes() +
         static_cast<int64_t>(pseudonyms_.capacity() * (sizeof(std::pair<uint64_t, uint32_t>) + 1));
}

Status EngineImpl::ReloadWarningLists() {
  std::vector<WarningList> extra;
  if (!options_.db_path.empty()) {
    ZICHT_ASSIGN_OR_RETURN(auto wl_store, store::WarningListStore::Open(options_.db_path));
    ZICHT_ASSIGN_OR_RETURN(auto rows, wl_store->LoadAll());
    extra = ToLists(std::move(rows));
  }
  WriterLock lock(&mu_);
  SetLists(std::move(extra));
  return LoadLocked();
}

void EngineImpl::SetConfirmedMules(std::vector<std::string> canonical_ibans) {
  std::sort(canonical_ibans.begin(), canonical_ibans.end());
  canonical_ibans.erase(std::unique(canonical_ibans.begin(), canonical_ibans.end()), canonical_ibans.end());
  WriterLock lock(&mu_);
  if (canonical_ibans == confirmed_mules_) return;  // the upkeep re-reads often; rank again only on change
  confirmed_mules_ = std::move(canonical_ibans);
  InvalidateCache();
}

void EngineImpl::SetLists(std::vector<WarningList> extra) {
  lists_ = ShippedWarningLists();
  for (auto& l : extra) lists_.push_back(std::move(l));
  matcher_ = std::make_unique<WarningListMatcher>(lists_);
}

// Rebuilds index and components from the store (or empty without one).
Status EngineImpl::LoadLocked() {
  auto index = std::make_unique<IdentifierIndex>(matcher_.get());
  if (store_) {
    MutexLock slock(&store_mu_);
    // Only the fields the index reads (no report texts): start-up cost.
    ZICHT_RETURN_IF_ERROR(store_->ScanIndexFields([&](const store::StoredReport& r) {
      (void)index->Upsert(r);
      return Status::Ok();
    }));
  }
  index->ShrinkToFit();
  index_ = std::move(index);
  components_.Build(*index_);
  {
    MutexLock plock(&pseudonym_mu_);
    pseudonyms_.clear();
    pseudonyms_built_ = false;
  }
  InvalidateCache();
  return Status::Ok();
}

// REQUIRES: mu_ held exclusively (every change to the index ends here).
void EngineImpl::InvalidateCache() {
  generation_.fetch_add(1, std::memory_order_relaxed);
  MutexLock clock(&cache_mu_);
  cache_.reset();
}

}  // namespace internal

Result<std::unique_ptr<Engine>> NewEngine(std::unique_ptr<store::Store> store, std::vector<WarningList> extra_lists,
                                          const EngineOptions& options) {
  auto engine = std::make_unique<internal::EngineImpl>(std::move(store), std::move(extra_lists), options);
  ZICHT_RETURN_IF_ERROR(engine->Load());
  return std::unique_ptr<Engine>(std::move(engine));
}

Result<std::unique_ptr<Engine>> BuildEngine(const EngineOptions& options) {
  ZICHT_ASSIGN_OR_RETURN(auto wl_store, store::WarningListStore::Open(options.db_path));
  ZICHT_ASSIGN_OR_RETURN(auto rows, wl_store->LoadAll());
  wl_store.reset();
  ZICHT_ASSIGN_OR_RETURN(auto store, store::OpenStore(options.db_path));
  return NewEngine(std::move(store), ToLists(std::move(rows)), options);
}

}  // namespace zicht::link
