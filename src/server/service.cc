// Service: construction, reloads, dispatch (route → authentication, role,
// scope, purpose → the endpoint's handler), and the audit hook. The
// endpoints are files of their own (endpoint.h); the Service's writes to
// the store are in service_writes.cc.
#include "server/service.h"

#include <chrono>
#include <cstdio>
#include <exception>

#include <openssl/rand.h>

#include "barrier/rules.h"
#include "common/encoding.h"
#include "screen/link_identifier_lookup.h"
#include "screen/screener.h"
#include "server/alert_service.h"
#include "server/barrier_state.h"
#include "server/barrier_state_writer.h"
#include "server/blind_lookups.h"
#include "server/change_follower.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/pseudonym_key.h"
#include "server/query_string.h"
#include "server/retention_job.h"
#include "server/shared_barrier.h"
#include "server/static_files.h"
#include "store/audit_store.h"
#include "store/barrier_state_store.h"

namespace zicht::server {

std::string DefaultWebRoot() {
#ifdef ZICHT_WEB_ROOT
  return ZICHT_WEB_ROOT;
#else
  return std::string();
#endif
}

Service::Service(ServerOptions options)
    : options_(std::move(options)), form_limiter_(options_.form_rate_per_minute, options_.form_rate_clients) {}

Service::~Service() { Shutdown(); }

namespace {

// 64 random bits, hex: tells this run of this node's change-log entries
// from every other writer's (a restart gets a new one and re-reads nothing
// it wrote before: it builds from the reports).
std::string NewNodeId() {
  unsigned char raw[8] = {};
  if (RAND_bytes(raw, sizeof raw) != 1) return std::string();
  return "node-" + HexEncode({raw, sizeof raw});
}

}  // namespace

Result<std::unique_ptr<Service>> Service::Open(const ServerOptions& options) {
  std::unique_ptr<Service> s(new Service(options));
  // Read (every period checked) before the store is opened: a bad
  // retention file stops the start and changes nothing.
  if (!options.retention_path.empty()) {
    ZICHT_ASSIGN_OR_RETURN(s->retention_, store::RetentionPolicy::Load(options.retention_path));
  }
  ZICHT_RETURN_IF_ERROR(s->ReloadKeys());
  if (!options.form_partner.empty() && !s->FormPrincipal()) {
    return Status::InvalidArgument("--form-partner '" + options.form_partner +
                                   "': no active key with role reporter for this partner in '" + options.keys_path +
                                   "'");
  }
  std::string key_path = options.pseudonym_key_file.empty() ? DefaultPseudonymKeyPath(options.db_path)
                                                            : options.pseudonym_key_file;
  ZICHT_ASSIGN_OR_RETURN(s->pseudonym_key_, LoadOrCreatePseudonymKey(key_path));
  ZICHT_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> write_store,
                         store::OpenStore(options.db_path, options.durability));
  ZICHT_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> read_store, store::OpenStore(options.db_path));
  s->node_id_ = NewNodeId();
  if (s->node_id_.empty()) return Status::Internal("no random bytes for the node id");
  write_store->SetChangeOrigin(s->node_id_);
  // Taken before the index is built from the reports: whatever commits
  // during the build is applied (again) by the follower, never missed.
  ZICHT_ASSIGN_OR_RETURN(int64_t follow_from, write_store->LastChange());
  store::Store& follower_store = *write_store;  // the follower uses it under ingest_mu_
  {
    // No other thread yet; the locks keep the annotations true.
    MutexLock write_lock(&s->ingest_mu_);
    s->write_store_ = std::move(write_store);
  }
  {
    MutexLock read_lock(&s->read_mu_);
    s->read_store_ = std::move(read_store);
  }
  ZICHT_ASSIGN_OR_RETURN(auto audit_store, store::AuditStore::Open(options.db_path, options.durability));
  s->audit_ = std::make_unique<AuditLog>(std::move(audit_store), s->pseudonym_key_,
                                         options.durability == store::Durability::kFull);
  link::EngineOptions engine_options;
  engine_options.db_path = options.db_path;
  engine_options.pseudonym_key = s->pseudonym_key_;
  ZICHT_ASSIGN_OR_RETURN(s->engine_, link::BuildEngine(engine_options));
  ZICHT_RETURN_IF_ERROR(s->InitBarrier());
  ZICHT_ASSIGN_OR_RETURN(s->blind_, BlindLookups::Open(options, *s->engine_,
                                                       SystemClock().Now()));
  ZICHT_RETURN_IF_ERROR(s->ReloadSignals());
  ZICHT_ASSIGN_OR_RETURN(s->alerts_, AlertService::Open(options, s->engine_.get(), &s->keys_, &s->metrics_));
  Service* self = s.get();
  ChangeFollower::Hooks hooks;
  hooks.apply = [self](const std::vector<store::StoredReport>& changed) {
    self->engine_->Apply(changed);
    self->blind_->AddReports(changed);
  };
  hooks.remove = [self](const std::vector<int64_t>& row_ids) { self->engine_->Remove(row_ids); };
  s->follower_ = std::make_unique<ChangeFollower>(follower_store, s->ingest_mu_, s->node_id_, follow_from,
                                                  std::move(hooks));
  ZICHT_RETURN_IF_ERROR(s->follower_->CatchUp());
  // Opened after the catch-up: a commit before it is read by the first
  // poll, one after it wakes the follower.
  ZICHT_ASSIGN_OR_RETURN(auto listener, store::OpenChangeListener(options.db_path));
  s->follower_->Start(std::chrono::milliseconds(options.follow_interval_ms), std::move(listener));
  if (s->retention_) {
    // Once before the first request (a restarted server never serves an
    // expired report), then daily.
    ZICHT_RETURN_IF_ERROR(s->ApplyRetention());
    Service* service = s.get();
    s->retention_job_ = std::make_unique<RetentionJob>(
        [service] {
          Status st = service->ApplyRetention();
          if (!st.ok()) std::fprintf(stderr, "zicht serve: retention failed: %s\n", st.message().c_str());
        },
        RetentionJob::kInterval);
  }
  return s;
}

// The form partner's key is looked up again on every reload: revoking it
// (`zicht keys revoke` + SIGHUP) must close the form like any other key,
// which it did not while the key was read once at start.
Status Service::ReloadKeys() {
  ZICHT_ASSIGN_OR_RETURN(KeysFile file, KeysFile::Load(options_.keys_path));
  std::optional<Principal> form;
  if (!options_.form_partner.empty()) {
    for (const KeyEntry& e : file.keys) {
      if (e.partner == options_.form_partner && e.role == Role::kReporter && !e.revoked) {
        form = PrincipalOf(e);
        break;
      }
    }
  }
  keys_.Replace(file);
  MutexLock lock(&form_mu_);
  form_principal_ = std::move(form);
  return Status::Ok();
}

std::optional<Principal> Service::FormPrincipal() {
  MutexLock lock(&form_mu_);
  return form_principal_;
}

void Service::Shutdown() {
  if (follower_) follower_->Stop();
  if (retention_job_) retention_job_->Stop();
  if (alerts_) alerts_->Stop();
  if (audit_) audit_->Stop();
  if (barrier_writer_) barrier_writer_->Stop();
}

store::AuditEntry Service::NewAuditEntry(const Principal& who, const HttpRequest& req, std::string_view endpoint,
                                        std::string kind, std::string subject, std::string result) {
  store::AuditEntry e;
  e.at = std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
  e.partner = who.partner;
  e.key_id = who.key_id;
  e.endpoint = endpoint;
  e.kind = std::move(kind);
  e.subject = std::move(subject);
  // Checked against the key's purposes before any handler runs, so it is
  // one word of server/purpose.h (the form's entries have none).
  e.purpose = req.purpose;
  if (who.legal_basis != nullptr) e.legal_basis = *who.legal_basis;
  e.result = std::move(result);
  return e;
}

uint64_t Service::Audit(const Principal& who, const HttpRequest& req, std::string_view endpoint, std::string kind,
                        std::string pseudonym, std::string subject, std::string result) {
  store::AuditEntry e = NewAuditEntry(who, req, endpoint, std::move(kind), std::move(subject), std::move(result));
  e.pseudonym = std::move(pseudonym);
  return audit_->Append(std::move(e));
}

uint64_t Service::AuditCheck(const Principal& who, const HttpRequest& req, model::IdentifierKind kind,
                             std::string value, std::string result) {
  store::AuditEntry e = NewAuditEntry(who, req, "POST /v1/check", std::string(model::kIdentifierKindNames.Name(kind)),
                                      std::string(), std::move(result));
  return audit_->AppendCheck(std::move(e), kind, std::move(value));
}

void Service::WhenAudited(uint64_t ticket, std::function<void()> done) {
  if (ticket == 0 || options_.durability != store::Durability::kFull) return done();
  audit_->WhenDurable(ticket, std::move(done));
}

std::optional<Principal> Service::Authenticate(const HttpRequest& req) {
  std::string_view auth = req.authorization;
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || auth.substr(0, kBearer.size()) != kBearer) return std::nullopt;
  std::string_view key = auth.substr(kBearer.size());
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  if (req.auth_cache != nullptr) {
    AuthCache& c = *req.auth_cache;
    uint64_t gen = keys_.generation();
    if (c.generation == gen && c.api_key == key) return c.principal;
    c.api_key.assign(key);
    c.generation = gen;
    c.principal = keys_.Lookup(key);
    return c.principal;
  }
  return keys_.Lookup(key);
}

void Service::Handle(const HttpRequest& req, HttpResponse& res) {
  const auto start = std::chrono::steady_clock::now();
  res.Reset();
  const Route* route_seen = nullptr;  // null: a static file
  try {
    std::string_view path, query;
    SplitTarget(req.target, &path, &query);
    bool api_path = path.starts_with("/v1/") || path == "/v1" || path.starts_with("/form/") ||
                    path == "/healthz" || path == "/metrics";
    if (!api_path) {
      ServeStaticFile(options_.web_root, req, path, res);
    } else {
      RouteMatch match = MatchRoute(req.method, path);
      if (match.route == nullptr) {
        if (match.method_not_allowed) {
          res.allow = match.allow;
          WriteError(res, 405, "method_not_allowed", "method not allowed on " + std::string(path) +
                                                        "; allowed: " + match.allow);
        } else {
          WriteError(res, 404, "not_found", "no such endpoint: " + std::string(path));
        }
      } else {
        const Route& route = *match.route;
        route_seen = &route;
        std::optional<Principal> who;
        bool allowed = true;
        if (route.access == Access::kKey) {
          who = Authenticate(req);
          if (!who) {
            allowed = false;
            WriteError(res, 401, "unauthorized",
                       req.authorization.empty() ? "missing 'Authorization: Bearer KEY' header"
                                                 : "unknown or revoked API key");
          } else if (!RoleHas(who->role, route.right)) {
            allowed = false;
            WriteError(res, 403, "permission_denied",
                       "role '" + std::string(kRoleNames.Name(who->role)) + "' may not use " +
                           std::string(route.path));
          } else if (route.right == Right::kReadContents && who->scope != model::Scope::kDetail) {
            allowed = false;
            WriteError(res, 403, "permission_denied",
                       "scope '" + std::string(model::kScopeNames.Name(who->scope)) + "' may not use " +
                           std::string(route.path) + " (it needs scope 'detail')");
          } else if (!who->MayUseFor(req.purpose)) {
            allowed = false;
            WriteError(res, 403, "permission_denied", who->PurposeRefusal(req.purpose));
          }
        }
        if (allowed) {
          route.handler(EndpointCall{.service = *this,
                                     .req = req,
                                     .who = who ? &*who : nullptr,
                                     .path = path,
                                     .query = query,
                                     .path_param = match.path_param,
                                     .path_param2 = match.path_param2,
                                     .res = res});
        }
      }
    }
  } catch (const std::exception& e) {
    const std::string route = route_seen != nullptr ? std::string(route_seen->name) : "static";
    std::fprintf(stderr, "zicht serve: internal error in %s: %s\n", route.c_str(), e.what());
    res.Reset();
    WriteError(res, 500, "internal", "internal error; the request was not completed");
  } catch (...) {
    res.Reset();
    WriteError(res, 500, "internal", "internal error; the request was not completed");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.ObserveRequest(route_seen, res.status, seconds);
}

bool Service::IndexCurrent() const { return !(follower_ && follower_->behind()); }

GaugeValues Service::Gauges() {
  GaugeValues g;
  g.distinct_identifiers = engine_->DistinctIdentifiers();
  g.indexed_reports = engine_->IndexedReports();
  g.index_bytes = engine_->IndexBytes();
  g.audit_written = audit_->written();
  g.open_connections = open_connections_.load(std::memory_order_relaxed);
  if (follower_) {
    g.change_log_position = follower_->position();
    g.change_log_behind = follower_->behind();
  }
  return g;
}

Status Service::InitBarrier() {
  Result<barrier::RuleSet> rules =
      options_.rules_path.empty() ? barrier::DefaultRules() : barrier::LoadRulesFile(options_.rules_path);
  if (!rules.ok()) return rules.status();
  ZICHT_ASSIGN_OR_RETURN(barrier::DutchTimeZone zone, barrier::DutchTimeZone::Load());
  if (options_.shared_nodes) {
    ZICHT_ASSIGN_OR_RETURN(auto shared_store, store::BarrierStateStore::Open(options_.db_path, options_.durability));
    shared_barrier_ = std::make_unique<SharedBarrier>(std::move(rules).value(), zone, *engine_, std::move(shared_store));
    return Status::Ok();
  }
  ZICHT_ASSIGN_OR_RETURN(auto writer_store, store::BarrierStateStore::Open(options_.db_path, options_.durability));
  ZICHT_ASSIGN_OR_RETURN(auto reader_store, store::BarrierStateStore::Open(options_.db_path, options_.durability));
  barrier_writer_ = std::make_unique<BarrierStateWriter>(std::move(writer_store), std::move(reader_store),
                                                         options_.durability == store::Durability::kFull);
  barrier_ = std::make_unique<BarrierState>(std::move(rules).value(), zone, *engine_, options_.barrier_max_accounts,
                                            *barrier_writer_);
  return Status::Ok();
}

void Service::WhenBarrierStateDurable(uint64_t ticket, std::function<void()> done) {
  if (ticket == 0) return done();
  barrier_writer_->WhenDurable(ticket, std::move(done));
}

std::shared_ptr<const screen::Screener> Service::CurrentScreener() {
  MutexLock lock(&screener_mu_);
  return screener_;
}

Status Service::ReloadSignals() {
  auto config = options_.signals_dir.empty() ? screen::BuiltinSignalConfig()
                                             : screen::LoadSignalConfig(options_.signals_dir);
  if (!config.ok()) return config.status();
  if (screen_lookup_ == nullptr) screen_lookup_ = std::make_unique<screen::LinkIdentifierLookup>(*engine_);
  ZICHT_ASSIGN_OR_RETURN(std::unique_ptr<screen::Screener> screener,
                         screen::Screener::Create(*config, screen_lookup_.get()));
  MutexLock lock(&screener_mu_);
  screener_ = std::move(screener);
  return Status::Ok();
}

}  // namespace zicht::server
