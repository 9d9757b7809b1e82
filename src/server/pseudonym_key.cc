#include "server/pseudonym_key.h"

#include <openssl/rand.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/encoding.h"
#include "server/secret_file.h"

#include "store/store.h"

namespace zicht::server {
namespace {

constexpr size_t kSecretBytes = 32;

}  // namespace

std::string DefaultPseudonymKeyPath(const std::string& db_path) {
  // A PostgreSQL URL has no directory: the working directory it is.
  if (store::IsPostgresLocation(db_path)) return "zicht-pseudonym.key";
  std::filesystem::path dir = std::filesystem::path(db_path).parent_path();
  return (dir / "zicht-pseudonym.key").string();
}

Result<std::string> LoadPseudonymKey(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Status::NotFound("pseudonym key file '" + path + "' does not exist");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.size() != 2 * kSecretBytes) {
    return Status::InvalidArgument("pseudonym key file '" + path + "' must hold 64 hexadecimal digits");
  }
  unsigned char raw[kSecretBytes];
  if (!HexDecode(text, raw)) {
    return Status::InvalidArgument("pseudonym key file '" + path + "' must hold 64 hexadecimal digits");
  }
  return std::string(reinterpret_cast<const char*>(raw), kSecretBytes);
}

Result<std::string> LoadOrCreatePseudonymKey(const std::string& path) {
  auto loaded = LoadPseudonymKey(path);
  if (loaded.ok() || !loaded.status().IsNotFound()) return loaded;
  unsigned char raw[kSecretBytes];
  if (RAND_bytes(raw, kSecretBytes) != 1) return Status::Internal("OpenSSL RAND_bytes failed");
  std::string text = HexEncode(raw) + "\n";
  bool existed = false;
  Status created = CreateSecretFile(path, text, &existed);
  if (!created.ok() && !existed) return created;
  return LoadPseudonymKey(path);  // ours, or the one another server created first
}

}  // namespace zicht::server
