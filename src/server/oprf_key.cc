#include "server/oprf_key.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/encoding.h"
#include "server/secret_file.h"

#include "store/store.h"

namespace zicht::server {
namespace {

constexpr size_t kKeyIdBytes = 6;

std::string KeyId(const blind::Scalar& secret) {
  blind::Element pk = blind::PublicKey(secret);
  unsigned char digest[kKeyIdBytes];
  crypto_generichash(digest, sizeof digest, pk.data(), pk.size(), nullptr, 0);
  return HexEncode(digest);
}

Status Malformed(const std::string& path) {
  return Status::InvalidArgument("OPRF key file '" + path +
                                 "' must hold 64 hexadecimal digits, a space and an RFC 3339 creation time");
}

}  // namespace

std::string DefaultOprfKeyPath(const std::string& db_path) {
  // A PostgreSQL URL has no directory: the working directory it is.
  if (store::IsPostgresLocation(db_path)) return "zicht-oprf.key";
  return (std::filesystem::path(db_path).parent_path() / "zicht-oprf.key").string();
}

Result<OprfKey> LoadOprfKey(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Status::NotFound("OPRF key file '" + path + "' does not exist");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  size_t space = text.find(' ');
  if (space != 2 * blind::kScalarBytes) return Malformed(path);
  OprfKey key;
  if (!HexDecode(std::string_view(text).substr(0, space), key.secret)) return Malformed(path);
  auto created = ParseRfc3339(std::string_view(text).substr(space + 1));
  if (!created.ok()) return Malformed(path);
  key.created = created->seconds;
  // A scalar must be reduced (below the group order) and non-zero: reducing
  // a 64-byte copy and comparing tells both.
  unsigned char wide[64] = {};
  std::copy(key.secret.begin(), key.secret.end(), wide);
  blind::Scalar reduced;
  crypto_core_ristretto255_scalar_reduce(reduced.data(), wide);
  if (reduced != key.secret || sodium_is_zero(key.secret.data(), key.secret.size())) {
    return Status::InvalidArgument("OPRF key file '" + path + "' does not hold a valid ristretto255 scalar");
  }
  key.id = KeyId(key.secret);
  return key;
}

Result<OprfKey> LoadOrCreateOprfKey(const std::string& path, UnixSeconds now) {
  auto loaded = LoadOprfKey(path);
  if (loaded.ok() || !loaded.status().IsNotFound()) return loaded;
  blind::Scalar secret = blind::RandomScalar();
  std::string text = HexEncode(secret) + " " + FormatRfc3339(now) + "\n";
  sodium_memzero(secret.data(), secret.size());
  bool existed = false;
  Status created = CreateSecretFile(path, text, &existed);
  sodium_memzero(text.data(), text.size());
  if (!created.ok() && !existed) return created;
  return LoadOprfKey(path);  // ours, or the one another server created first
}

}  // namespace zicht::server
