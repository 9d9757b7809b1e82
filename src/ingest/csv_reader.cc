#include "ingest/csv_reader.h"

#include <cstdlib>
#include <set>

#include "ingest/windows1252.h"

namespace zicht::ingest {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses `text` as cells; returns false when a quoted field is still open at
// the end of `text` (the record continues on the next line).
bool SplitRecord(std::string_view text, char separator, std::vector<std::string>* cells) {
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
    if (c == separator) {
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

// "1-3-2024" / "01-03-2024" (the Dutch short date Excel writes) as
// "2024-03-01"; anything else unchanged (the validator judges it).
std::string DutchDateToIso(std::string_view cell) {
  auto digits = [](std::string_view p) {
    for (char c : p) {
      if (c < '0' || c > '9') return false;
    }
    return !p.empty();
  };
  size_t d1 = cell.find('-');
  size_t d2 = d1 == std::string_view::npos ? d1 : cell.find('-', d1 + 1);
  if (d2 == std::string_view::npos) return std::string(cell);
  std::string_view day = cell.substr(0, d1), month = cell.substr(d1 + 1, d2 - d1 - 1), year = cell.substr(d2 + 1);
  if (!digits(day) || !digits(month) || !digits(year) || day.size() > 2 || month.size() > 2 || year.size() != 4) {
    return std::string(cell);
  }
  auto two = [](std::string_view p) { return p.size() == 1 ? "0" + std::string(p) : std::string(p); };
  return std::string(year) + "-" + two(month) + "-" + two(day);
}

constexpr std::string_view kPlainFields[] = {"id", "source", "reported_at", "occurred_at",
                                             "fraud_type", "outcome", "channel", "text"};
constexpr std::string_view kIdentifierColumns[] = {"iban", "phone", "email", "url", "device", "handle", "crypto"};

}  // namespace

bool CsvRecordReader::Next(CsvRecord* record, bool* unterminated) {
  *unterminated = false;
  std::string_view line;
  if (!lines_.Next(&line)) return false;
  if (!header_seen_) {
    std::string_view head = line;
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);  // BOM
    size_t first = head.find_first_not_of(" \t");
    if (first != std::string_view::npos && head[first] != '#') {
      // Excel's "sep=;" first line names the separator; else the header
      // row shows it.
      if (head.size() == 5 && head.starts_with("sep=")) {
        separator_ = head[4];
        separator_given_ = true;
        if (!lines_.Next(&line)) return false;
      } else if (!separator_given_) {
        separator_ = SniffSeparator(head);
      }
      header_seen_ = true;
    }
  }
  record->line = lines_.line_number();
  record->raw.assign(line);
  // Windows-1252 (Excel's "CSV" on Windows): read each record that is not
  // UTF-8 as that code page. A record never splits a character, because
  // every Windows-1252 character is one byte.
  auto convert = [&] {
    if (!IsUtf8(record->raw)) record->raw = Windows1252ToUtf8(record->raw);
  };
  convert();
  while (!SplitRecord(record->raw, separator_, &record->cells)) {
    if (!lines_.Next(&line)) {
      *unterminated = true;
      return true;
    }
    record->raw += '\n';
    record->raw.append(line);
    convert();
  }
  return true;
}

char SniffSeparator(std::string_view header) {
  // The header holds known column names, none with a separator in it: the
  // most frequent of ',', ';' and tab outside quotes is the separator.
  size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';  // Dutch Excel
  if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
  return ',';
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
    if (name == "reported_at" || name == "occurred_at") info.type = Column::kDate;
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
      case Column::kDamage:
        // As a string: the validator reads "800,00", "1.250,50", "€ 450"
        // (euro_amount.h), one rule for CSV, the API and the form.
        doc.AddMember("damage_eur", str(Trim(cell)), a);
        break;
      case Column::kDate: {
        std::string iso = DutchDateToIso(Trim(cell));
        doc.AddMember(str(col.name), str(iso), a);
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
