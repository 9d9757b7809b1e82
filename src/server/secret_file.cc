#include "server/secret_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace zicht::server {

Status CreateSecretFile(const std::string& path, std::string_view text, bool* existed) {
  *existed = false;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    *existed = errno == EEXIST;
    return Status::IOError("cannot create key file '" + path + "'");
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = (::fsync(fd) == 0) && ok;
  ::close(fd);
  if (!ok) return Status::IOError("cannot write key file '" + path + "'");
  return Status::Ok();
}

}  // namespace zicht::server
