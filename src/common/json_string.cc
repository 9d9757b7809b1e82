#include "common/json_string.h"

#include "common/encoding.h"

namespace zicht {

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  // Runs of characters that need no escape are appended in one go: almost
  // every string is one such run.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    auto u = static_cast<unsigned char>(c);
    if (c != '"' && c != '\\' && u >= 0x20) continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kLowerHexDigits[u >> 4]);
        out->push_back(kLowerHexDigits[u & 0xf]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

}  // namespace zicht
