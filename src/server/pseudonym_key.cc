#include "server/pseudonym_key.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace zicht::server {
namespace {

constexpr size_t kSecretBytes = 32;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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
  std::string key(kSecretBytes, '\0');
  for (size_t i = 0; i < kSecretBytes; ++i) {
    int hi = HexValue(text[2 * i]), lo = HexValue(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Status::InvalidArgument("pseudonym key file '" + path + "' must hold 64 hexadecimal digits");
    }
    key[i] = static_cast<char>(hi * 16 + lo);
  }
  return key;
}

Result<std::string> LoadOrCreatePseudonymKey(const std::string& path) {
  auto loaded = LoadPseudonymKey(path);
  if (loaded.ok() || !loaded.status().IsNotFound()) return loaded;
  unsigned char raw[kSecretBytes];
  if (RAND_bytes(raw, kSecretBytes) != 1) return Status::Internal("OpenSSL RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (unsigned char c : raw) {
    text += kHex[c >> 4];
    text += kHex[c & 0xf];
  }
  text += '\n';
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
