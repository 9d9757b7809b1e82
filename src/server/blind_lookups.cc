#include "server/blind_lookups.h"

#include <cstdio>
#include <thread>

namespace zicht::server {
namespace {

constexpr UnixSeconds kDay = 24 * 60 * 60;

int BuildThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace

Result<std::unique_ptr<BlindLookups>> BlindLookups::Open(const ServerOptions& options, const link::Engine& engine,
                                                         UnixSeconds now) {
  ZICHT_RETURN_IF_ERROR(blind::InitSodium());
  std::unique_ptr<BlindLookups> b(new BlindLookups(options.oprf_rate_per_minute));
  std::string path = options.oprf_key_file.empty() ? DefaultOprfKeyPath(options.db_path) : options.oprf_key_file;
  ZICHT_ASSIGN_OR_RETURN(b->current_, LoadOrCreateOprfKey(path, now));
  b->current_index_ = std::make_unique<link::TokenIndex>(b->current_.secret);
  if (!options.oprf_previous_key_file.empty()) {
    ZICHT_ASSIGN_OR_RETURN(OprfKey previous, LoadOprfKey(options.oprf_previous_key_file));
    if (previous.id == b->current_.id) {
      return Status::InvalidArgument("--oprf-previous-key-file holds the current OPRF key (" + previous.id + ")");
    }
    UnixSeconds until = b->current_.created + static_cast<UnixSeconds>(options.oprf_overlap_days) * kDay;
    if (now < until) {
      b->previous_ = std::move(previous);
      b->previous_until_ = until;
      b->previous_index_ = std::make_unique<link::TokenIndex>(b->previous_->secret);
    } else {
      std::fprintf(stderr, "zicht serve: previous OPRF key %s is past its overlap (ended %s); not loaded\n",
                   previous.id.c_str(), FormatRfc3339(until).c_str());
    }
  }
  auto build = [raw = b.get(), &engine] {
    raw->current_index_->AddAllFrom(engine, BuildThreads());
    if (raw->previous_index_) raw->previous_index_->AddAllFrom(engine, BuildThreads());
    raw->ready_.store(true, std::memory_order_release);
  };
  const int64_t identifiers = engine.DistinctIdentifiers();
  if (identifiers <= options.oprf_build_in_background_above) {
    build();
  } else {
    std::fprintf(stderr, "zicht serve: building the blind look-ups' token index of %lld identifiers in the background\n",
                 static_cast<long long>(identifiers));
    b->builder_ = std::thread([build] {
      build();
      std::fprintf(stderr, "zicht serve: blind look-ups ready\n");
    });
  }
  return b;
}

BlindLookups::~BlindLookups() {
  if (builder_.joinable()) builder_.join();
}

const link::TokenIndex* BlindLookups::IndexFor(std::string_view key_id, UnixSeconds now) const {
  if (key_id == current_.id) return current_index_.get();
  if (previous_ && key_id == previous_->id && now < previous_until_) return previous_index_.get();
  return nullptr;
}

void BlindLookups::AddReports(const std::vector<store::StoredReport>& changed) {
  for (const store::StoredReport& r : changed) {
    for (const model::Identifier& id : r.report.identifiers) {
      if (!id.valid || id.canonical.empty()) continue;
      current_index_->Add(id.kind, id.canonical);
      if (previous_index_) previous_index_->Add(id.kind, id.canonical);
    }
  }
}

}  // namespace zicht::server
