#include "common/csv_field.h"

namespace zicht {

std::string CsvField(std::string_view text) {
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  const bool quote = text.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!formula && !quote) return std::string(text);
  std::string out;
  out.reserve(text.size() + 4);
  if (quote) out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quote) out.push_back('"');
  return out;
}

}  // namespace zicht
