#include "ingest/csv_reader.h"

#include <cstdlib>
#include <set>

namespace zicht::ingest {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses `text` as cells; returns false when a quoted field is still open at
// the end of `text` (the record continues on the next line).
bool SplitRecord(std::string_view text, std::vector<std::string>* cells) {
  cells->clear();
  std::string cell;
  bool quoted = false;
  bool at_cell_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
      continue;
    }
    if (c == ',') {
      cells->push_back(std::move(cell));
      cell.clear();
      at_cell_start = true;
      continue;
    }
    if (c == '"' && at_cell_start) {
      quoted = true;
      at_cell_start = false;
      continue;
    }
    // A stray quote inside an unquoted cell is kept as text (lenient, as
    // spreadsheet exports do it).
    cell += c;
    at_cell_start = false;
  }
  cells->push_back(std::move(cell));
  return !quoted;
}

// Strict decimal: the whole cell must be a number ("12.50", "1e3").
bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates), the
// check RapidJSON makes on JSON lines.
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

constexpr std::string_view kPlainFields[] = {"id", "source", "reported_at", "occurred_at",
                                             "fraud_type", "outcome", "channel", "text"};
constexpr std::string_view kIdentifierColumns[] = {"iban", "phone", "email", "url", "device", "handle", "crypto"};

}  // namespace

bool CsvRecordReader::Next(CsvRecord* record, bool* unterminated) {
  *unterminated = false;
  std::string_view line;
  if (!lines_.Next(&line)) return false;
  record->line = lines_.line_number();
  record->raw.assign(line);
  while (!SplitRecord(record->raw, &record->cells)) {
    if (!lines_.Next(&line)) {
      *unterminated = true;
      return true;
    }
    record->raw += '\n';
    record->raw.append(line);
  }
  return true;
}

Result<CsvRowConverter> CsvRowConverter::FromHeader(const std::vector<std::string>& header) {
  CsvRowConverter conv;
  std::set<std::string> seen;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name(Trim(header[i]));
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);  // BOM
    if (!name.empty() && !seen.insert(name).second) {
      return Status::InvalidArgument("CSV header names column '" + SanitizeFieldName(name) + "' twice");
    }
    ColumnInfo info;
    info.name = SanitizeFieldName(name);
    for (auto f : kPlainFields) {
      if (name == f) info.type = Column::kField;
    }
    for (auto f : kIdentifierColumns) {
      if (name == f) info.type = Column::kIdentifier;
    }
    if (name == "age_band" || name == "region") info.type = Column::kVictim;
    if (name == "spoofed_phone") info.type = Column::kSpoofedPhone;
    if (name == "damage_eur") info.type = Column::kDamage;
    conv.columns_.push_back(std::move(info));
  }
  if (seen.empty()) return Status::InvalidArgument("CSV header row is empty");
  return conv;
}

std::optional<FieldError> CsvRowConverter::Convert(const std::vector<std::string>& cells,
                                                   ValidatedReport* out) const {
  if (cells.size() != columns_.size()) {
    return FieldError{"", "row has " + std::to_string(cells.size()) + " cells, the header has " +
                              std::to_string(columns_.size())};
  }
  rapidjson::Document doc;
  auto& a = doc.GetAllocator();
  doc.SetObject();
  rapidjson::Value victim(rapidjson::kObjectType);
  rapidjson::Value identifiers(rapidjson::kArrayType);
  std::vector<std::string> unknown;
  auto str = [&](std::string_view s) { return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a); };
  for (size_t i = 0; i < cells.size(); ++i) {
    const ColumnInfo& col = columns_[i];
    std::string_view cell = cells[i];
    if (Trim(cell).empty()) continue;
    if (!IsUtf8(cell)) return FieldError{col.name, "not valid UTF-8"};
    switch (col.type) {
      case Column::kField:
        // Text keeps its spacing; other fields are trimmed.
        doc.AddMember(str(col.name), str(col.name == "text" ? cell : Trim(cell)), a);
        break;
      case Column::kVictim:
        victim.AddMember(str(col.name), str(Trim(cell)), a);
        break;
      case Column::kDamage: {
        double eur = 0;
        std::string t(Trim(cell));
        if (ParseNumber(t, &eur)) doc.AddMember("damage_eur", rapidjson::Value(eur), a);
        else doc.AddMember("damage_eur", str(t), a);  // the validator rejects it: not a number
        break;
      }
      case Column::kIdentifier:
      case Column::kSpoofedPhone: {
        std::string_view kind = col.type == Column::kSpoofedPhone ? "phone" : std::string_view(col.name);
        std::string_view rest = cell;
        while (!rest.empty()) {
          size_t semi = rest.find(';');
          std::string_view v = Trim(rest.substr(0, semi));
          rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
          if (v.empty()) continue;
          rapidjson::Value id(rapidjson::kObjectType);
          id.AddMember("kind", str(kind), a);
          id.AddMember("value", str(v), a);
          if (col.type == Column::kSpoofedPhone) id.AddMember("role", "spoofed", a);
          identifiers.PushBack(id, a);
        }
        break;
      }
      case Column::kUnknown:
        unknown.push_back(col.name);
        break;
    }
  }
  if (victim.MemberCount() > 0) doc.AddMember("victim", victim, a);
  if (!identifiers.Empty()) doc.AddMember("identifiers", identifiers, a);
  auto err = ValidateReport(doc, out);
  if (!err) out->unknown_fields.insert(out->unknown_fields.end(), unknown.begin(), unknown.end());
  return err;
}

}  // namespace zicht::ingest
