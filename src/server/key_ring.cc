#include "server/key_ring.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "common/client_text.h"
#include "common/encoding.h"
#include "model/report.h"

namespace zicht::server {

bool RoleHas(Role role, Right right) {
  switch (role) {
    case Role::kAnalyst: return true;
    case Role::kReporter: return right == Right::kCheck || right == Right::kSubmit;
    case Role::kChecker: return right == Right::kCheck;
  }
  return false;
}

model::Scope DefaultScope(Role role) {
  return role == Role::kAnalyst ? model::Scope::kDetail : model::Scope::kHit;
}

PurposeSet DefaultPurposes(Role role) {
  PurposeSet set;
  switch (role) {
    case Role::kAnalyst: set.Add(Purpose::kFraudInvestigation); break;
    case Role::kReporter: set.Add(Purpose::kFraudReporting); break;
    case Role::kChecker: set.Add(Purpose::kPaymentScreening); break;
  }
  return set;
}

std::vector<std::string_view> PurposeSet::Names() const {
  std::vector<std::string_view> names;
  for (size_t i = 0; i < kPurposeNames.size(); ++i) {
    if (Has(static_cast<Purpose>(i))) names.push_back(kPurposeNames.names[i]);
  }
  return names;
}

std::string PurposeSet::Joined() const {
  std::string out;
  for (std::string_view name : Names()) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  return HexEncode({digest, len});
}

Result<std::string> GenerateApiKey() {
  // 32 bytes = 256 bits: far beyond guessing, and short enough for a header.
  constexpr int kKeyBytes = 32;
  unsigned char raw[kKeyBytes];
  if (RAND_bytes(raw, kKeyBytes) != 1) return Status::Internal("OpenSSL RAND_bytes failed");
  return "zk_" + Base64UrlEncode(raw);
}

namespace {

Status EntryError(size_t index, std::string_view field, std::string_view what) {
  return Status::InvalidArgument("keys file: entry " + std::to_string(index + 1) + ", field '" +
                                 std::string(field) + "': " + std::string(what));
}

}  // namespace

Result<KeysFile> KeysFile::Load(const std::string& path) {
  KeysFile out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "keys file '" << path << "' line " << e.source().begin.line << ": " << e.description();
    return Status::InvalidArgument(msg.str());
  }
  const toml::node* keys = root.get("key");
  if (keys == nullptr) return out;
  const toml::array* arr = keys->as_array();
  if (arr == nullptr) return Status::InvalidArgument("keys file: 'key' must be an array of tables ([[key]])");
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (t == nullptr) return EntryError(i, "key", "not a table");
    KeyEntry e;
    auto str = [&](const char* name, std::string* dst) -> Status {
      auto v = (*t)[name].value<std::string>();
      if (!v) return EntryError(i, name, "missing or not a string");
      *dst = *v;
      return Status::Ok();
    };
    ZICHT_RETURN_IF_ERROR(str("id", &e.id));
    ZICHT_RETURN_IF_ERROR(str("partner", &e.partner));
    ZICHT_RETURN_IF_ERROR(str("sha256", &e.sha256));
    std::string role, created;
    ZICHT_RETURN_IF_ERROR(str("role", &role));
    auto parsed_role = kRoleNames.Parse(role);
    if (!parsed_role) return EntryError(i, "role", "must be one of " + kRoleNames.Joined());
    e.role = *parsed_role;
    if (!model::IsValidSource(e.partner)) return EntryError(i, "partner", "must match [a-z0-9_-]{1,32}");
    if (e.sha256.size() != 64) return EntryError(i, "sha256", "must be 64 hex digits");
    if (auto c = (*t)["created"].value<std::string>()) {
      auto p = ParseRfc3339(*c);
      if (!p.ok()) return EntryError(i, "created", p.status().message());
      e.created = p->seconds;
    }
    e.revoked = (*t)["revoked"].value_or(false);
    e.scope = DefaultScope(e.role);
    if (const toml::node* scope = t->get("scope")) {
      auto text = scope->value<std::string>();
      auto parsed = text ? model::kScopeNames.Parse(*text) : std::nullopt;
      if (!parsed) return EntryError(i, "scope", "must be one of " + model::kScopeNames.Joined());
      e.scope = *parsed;
    }
    if (const toml::node* purposes = t->get("purposes")) {
      const toml::array* list = purposes->as_array();
      if (list == nullptr || list->empty()) return EntryError(i, "purposes", "must be a non-empty array of purposes");
      for (const toml::node& item : *list) {
        auto text = item.value<std::string>();
        auto parsed = text ? kPurposeNames.Parse(*text) : std::nullopt;
        if (!parsed) return EntryError(i, "purposes", "every purpose must be one of " + kPurposeNames.Joined());
        e.purposes.Add(*parsed);
      }
    } else {
      e.purposes = DefaultPurposes(e.role);
    }
    if (const toml::node* basis = t->get("legal_basis")) {
      auto text = basis->value<std::string>();
      if (!text) return EntryError(i, "legal_basis", "must be a string");
      if (text->size() > kMaxLegalBasis) {
        return EntryError(i, "legal_basis", "longer than " + std::to_string(kMaxLegalBasis) + " bytes");
      }
      e.legal_basis = *text;
    }
    if (const toml::node* sources = t->get("sources")) {
      const toml::array* list = sources->as_array();
      if (list == nullptr) return EntryError(i, "sources", "must be an array of source names");
      for (const toml::node& item : *list) {
        auto source = item.value<std::string>();
        if (!source || !model::IsValidSource(*source)) {
          return EntryError(i, "sources", "every source must be a string matching [a-z0-9_-]{1,32}");
        }
        e.sources.push_back(*source);
      }
    }
    out.keys.push_back(std::move(e));
  }
  return out;
}

Status KeysFile::Save(const std::string& path) const {
  // toml++ writes the file, so every string is escaped as TOML requires
  // (control characters and non-ASCII included), not only `"` and `\`.
  toml::array entries;
  for (const KeyEntry& e : keys) {
    toml::table entry{
        {"id", e.id},
        {"partner", e.partner},
        {"role", std::string(kRoleNames.Name(e.role))},
        {"scope", std::string(model::kScopeNames.Name(e.scope))},
        {"sha256", e.sha256},
        {"created", FormatRfc3339(e.created)},
        {"revoked", e.revoked},
    };
    toml::array purposes;
    for (std::string_view name : e.purposes.Names()) purposes.push_back(std::string(name));
    // None: the role's defaults when read back (Load).
    if (!purposes.empty()) entry.insert("purposes", std::move(purposes));
    if (!e.legal_basis.empty()) entry.insert("legal_basis", e.legal_basis);
    if (!e.sources.empty()) {
      toml::array sources;
      for (const std::string& source : e.sources) sources.push_back(source);
      entry.insert("sources", std::move(sources));
    }
    entries.push_back(std::move(entry));
  }
  std::ostringstream o;
  o << "# Zicht API keys (docs/keys.md). Only SHA-256 hashes of keys are stored here.\n"
       "# Manage with `zicht keys add|list|revoke`; `zicht serve` reloads this file on SIGHUP.\n\n";
  if (!entries.empty()) o << toml::table{{"key", std::move(entries)}} << "\n";
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    if (!f) return Status::IOError("cannot write keys file '" + tmp + "'");
    f << o.str();
    f.flush();
    if (!f) return Status::IOError("cannot write keys file '" + tmp + "'");
  }
  ::chmod(tmp.c_str(), 0600);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError("cannot replace keys file '" + path + "': " + ec.message());
  return Status::Ok();
}

bool Principal::MayWrite(std::string_view source) const {
  if (!sources) return source == partner;
  for (const std::string& s : *sources) {
    if (s == source) return true;
  }
  return false;
}

std::string Principal::WritableSources() const {
  if (!sources) return "'" + partner + "'";
  std::string out;
  for (const std::string& s : *sources) out += (out.empty() ? "'" : ", '") + s + "'";
  return out;
}

bool Principal::MayUseFor(std::string_view purpose) const {
  auto parsed = kPurposeNames.Parse(purpose);
  return parsed && purposes.Has(*parsed);
}

std::string Principal::PurposeRefusal(std::string_view purpose) const {
  std::string allowed = "this key may be used for: " + purposes.Joined() +
                        " (registered with `zicht keys add --purpose`)";
  if (purpose.empty()) return "header 'X-Purpose' is required: why is this look-up made? " + allowed;
  if (!kPurposeNames.Parse(purpose)) {
    return "X-Purpose " + QuoteExcerpt(purpose) + " is not a known purpose; " + allowed;
  }
  return "X-Purpose '" + std::string(purpose) + "' is not registered for this key; " + allowed;
}

Principal PrincipalOf(const KeyEntry& e) {
  Principal p;
  p.key_id = e.id;
  p.partner = e.partner;
  p.role = e.role;
  p.scope = e.scope;
  p.purposes = e.purposes;
  p.legal_basis = std::make_shared<const std::string>(e.legal_basis);
  if (!e.sources.empty()) p.sources = std::make_shared<const std::vector<std::string>>(e.sources);
  return p;
}

void KeyRing::Replace(const KeysFile& file) {
  auto table = std::make_shared<Table>();
  for (const KeyEntry& e : file.keys) {
    if (e.revoked) continue;
    (*table)[e.sha256] = PrincipalOf(e);
  }
  {
    MutexLock lock(&mu_);
    table_ = std::move(table);
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

std::optional<Principal> KeyRing::Lookup(std::string_view api_key) const {
  std::shared_ptr<const Table> table;
  {
    MutexLock lock(&mu_);
    table = table_;
  }
  auto it = table->find(Sha256Hex(api_key));
  if (it == table->end()) return std::nullopt;
  return it->second;
}

size_t KeyRing::size() const {
  MutexLock lock(&mu_);
  return table_->size();
}

std::optional<model::Scope> KeyRing::WidestScope(std::string_view partner) const {
  std::shared_ptr<const Table> table;
  {
    MutexLock lock(&mu_);
    table = table_;
  }
  std::optional<model::Scope> widest;
  for (const auto& [hash, p] : *table) {
    if (p.partner == partner && (!widest || p.scope > *widest)) widest = p.scope;
  }
  return widest;
}

}  // namespace zicht::server
