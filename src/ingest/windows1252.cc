#include "ingest/windows1252.h"

#include <unicode/ucnv.h>

#include <cstdint>
#include <memory>

namespace zicht::ingest {

bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

std::string Windows1252ToUtf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open("windows-1252", &status), ucnv_close);
  if (U_FAILURE(status)) return std::string(text);  // ICU data missing: keep the bytes; the validator rejects them
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(utf8, ucnv_close);
  if (U_FAILURE(status)) return std::string(text);
  // At most 3 UTF-8 bytes per Windows-1252 byte (U+20AC € and friends).
  std::string out(text.size() * 3 + 1, '\0');
  char* target = out.data();
  const char* source = text.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, text.data() + text.size(), nullptr,
                 nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return std::string(text);
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

}  // namespace zicht::ingest
