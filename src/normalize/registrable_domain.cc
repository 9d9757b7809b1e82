#include "normalize/registrable_domain.h"

#include <libpsl.h>

#include <string>

namespace zicht::normalize {
namespace {

const psl_ctx_t* PublicSuffixList() {
  // Loaded once and kept for the life of the process (never freed: the
  // handle is shared by all threads until exit).
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return list;
}

}  // namespace

std::string RegistrableDomain(std::string_view host) {
  const psl_ctx_t* list = PublicSuffixList();
  if (list == nullptr) return std::string(host);
  const std::string name(host);  // libpsl wants a NUL-terminated string
  const char* domain = psl_registrable_domain(list, name.c_str());
  if (domain == nullptr) return name;
  // psl_registrable_domain returns a pointer into `name`.
  return std::string(domain);
}

}  // namespace zicht::normalize
