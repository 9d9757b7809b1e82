#include "server/query_string.h"

#include <charconv>

namespace zicht::server {

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    auto hex = [](char h) -> int {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'a' && h <= 'f') return h - 'a' + 10;
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      return -1;
    };
    int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') return std::nullopt;
    out += decoded;
    i += 2;
  }
  return out;
}

std::optional<std::string> QueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (key == name) {
      std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      return PercentDecode(value);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query) {
  size_t q = target.find('?');
  *path = target.substr(0, q);
  *query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

Result<size_t> PositiveQueryParam(std::string_view query, std::string_view name, size_t fallback, size_t max) {
  std::optional<std::string> text = QueryParam(query, name);
  if (!text) return fallback;
  size_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value == 0 || value > max) {
    return Status::InvalidArgument("query parameter '" + std::string(name) + "' must be a whole number from 1 to " +
                                   std::to_string(max));
  }
  return value;
}

std::optional<int64_t> PositivePathId(std::string_view param) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(param.data(), param.data() + param.size(), id);
  if (ec != std::errc() || end != param.data() + param.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace zicht::server
