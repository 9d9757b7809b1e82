#include "server/pseudonym_key.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/encoding.h"

namespace zicht::server {
namespace {

constexpr size_t kSecretBytes = 32;

}  // namespace

std::string DefaultPseudonymKeyPath(const std::string& db_path) {
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
  // O_EXCL: two servers starting at once must not overwrite each other's key.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    auto again = LoadPseudonymKey(path);
    if (again.ok()) return again;
    return Status::IOError("cannot create pseudonym key file '" + path + "'");
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = (::fsync(fd) == 0) && ok;
  ::close(fd);
  if (!ok) return Status::IOError("cannot write pseudonym key file '" + path + "'");
  return LoadPseudonymKey(path);
}

}  // namespace zicht::server
