#include "link/warning_list.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cctype>

#include "link/embedded_warninglists.h"
#include "normalize/normalize.h"

namespace zicht::link {
namespace {

using model::IdentifierKind;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A host name from "marktplaats.nl", "*.marktplaats.nl", ".marktplaats.nl",
// "https://www.marktplaats.nl/x". A leading "www." is dropped: a list that
// names www.example.nl means the site, and the site's registrable domain is
// what links (see docs/linking.md).
Result<std::string> HostEntry(std::string_view raw) {
  std::string_view v = Trim(raw);
  if (auto scheme = v.find("://"); scheme != std::string_view::npos) v = UrlHost(v);
  while (!v.empty() && (v.front() == '*' || v.front() == '.')) v.remove_prefix(1);
  if (auto end = v.find_first_of("/:?#"); end != std::string_view::npos) v = v.substr(0, end);
  while (!v.empty() && v.back() == '.') v.remove_suffix(1);
  std::string host = Lower(v);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  if (host.empty() || host.find('.') == std::string::npos ||
      host.find_first_of(" \t@,") != std::string::npos) {
    return Status::InvalidArgument("'" + std::string(Trim(raw)) + "' is not a domain name");
  }
  return host;
}

Result<WarningListEntry> MakeEntry(IdentifierKind kind, std::string_view raw) {
  WarningListEntry e;
  e.kind = kind;
  if (kind == IdentifierKind::kUrl) {
    ZICHT_ASSIGN_OR_RETURN(e.value, HostEntry(raw));
    return e;
  }
  if (kind == IdentifierKind::kEmail && Trim(raw).find('@') == std::string_view::npos) {
    ZICHT_ASSIGN_OR_RETURN(e.value, HostEntry(raw));
    return e;
  }
  auto n = normalize::Normalize(kind, raw);
  if (!n.ok()) return n.status();
  e.value = n->canonical;
  return e;
}

// Tells a MISP value's kind from its shape; see the header.
std::optional<IdentifierKind> GuessKind(std::string_view raw) {
  std::string_view v = Trim(raw);
  if (v.find('@') != std::string_view::npos) return IdentifierKind::kEmail;
  if (normalize::Normalize(IdentifierKind::kIban, v).ok()) return IdentifierKind::kIban;
  size_t digits = 0;
  bool phone_chars = true;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') phone_chars = false;
  }
  if (phone_chars && digits >= 6) return IdentifierKind::kPhone;
  if (v.find('.') != std::string_view::npos && v.find(' ') == std::string_view::npos) return IdentifierKind::kUrl;
  return std::nullopt;
}

Result<WarningList> ParsePlain(std::string_view text, std::string_view name) {
  WarningList list;
  list.name = std::string(name);
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    line = Trim(line);
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::string_view c = Trim(line.substr(1));
      if (c.rfind("name:", 0) == 0 && name.empty()) list.name = std::string(Trim(c.substr(5)));
      if (c.rfind("description:", 0) == 0) list.description = std::string(Trim(c.substr(12)));
      continue;
    }
    std::string where = "line " + std::to_string(line_no);
    size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      return Status::InvalidArgument(where + ": expected 'kind,value'");
    }
    std::string_view kind_name = Trim(line.substr(0, comma));
    auto kind = model::kIdentifierKindNames.Parse(Lower(kind_name));
    if (!kind) {
      return Status::InvalidArgument(where + ": kind '" + std::string(kind_name) + "' is not one of " +
                                     model::kIdentifierKindNames.Joined());
    }
    auto entry = MakeEntry(*kind, line.substr(comma + 1));
    if (!entry.ok()) return entry.status().WithContext(where + ": value");
    list.entries.push_back(std::move(*entry));
  }
  return list;
}

Result<WarningList> ParseMisp(std::string_view text, std::string_view name,
                              std::optional<IdentifierKind> kind) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument("MISP JSON at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                                   rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Status::InvalidArgument("MISP JSON: expected an object");
  WarningList list;
  list.name = std::string(name);
  if (list.name.empty() && doc.HasMember("name") && doc["name"].IsString()) list.name = doc["name"].GetString();
  if (doc.HasMember("description") && doc["description"].IsString()) {
    list.description = doc["description"].GetString();
  }
  std::string type = "string";
  if (doc.HasMember("type")) {
    if (!doc["type"].IsString()) return Status::InvalidArgument("MISP JSON field 'type': expected a string");
    type = doc["type"].GetString();
  }
  if (type != "string" && type != "hostname") {
    return Status::InvalidArgument("MISP JSON field 'type': '" + type +
                                   "' is not supported (only 'string' and 'hostname': Zicht compares "
                                   "canonical values, not substrings, CIDR ranges or regexes)");
  }
  if (!doc.HasMember("list") || !doc["list"].IsArray()) {
    return Status::InvalidArgument("MISP JSON field 'list': expected an array of strings");
  }
  const auto& arr = doc["list"];
  for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
    std::string where = "MISP JSON field 'list' element " + std::to_string(i + 1);
    if (!arr[i].IsString()) return Status::InvalidArgument(where + ": expected a string");
    std::string_view v(arr[i].GetString(), arr[i].GetStringLength());
    std::optional<IdentifierKind> k = kind;
    if (!k && type == "hostname") k = IdentifierKind::kUrl;
    if (!k) k = GuessKind(v);
    if (!k) return Status::InvalidArgument(where + ": cannot tell its kind; give --kind");
    auto entry = MakeEntry(*k, v);
    if (!entry.ok()) return entry.status().WithContext(where);
    list.entries.push_back(std::move(*entry));
  }
  return list;
}

}  // namespace

std::string_view UrlHost(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(0, rest.find(']') + 1);  // IPv6 literal
  return rest.substr(0, rest.find(':'));
}

Result<WarningList> ParseWarningList(std::string_view text, std::string_view name,
                                     std::optional<IdentifierKind> kind) {
  std::string_view t = Trim(text);
  Result<WarningList> list = !t.empty() && t.front() == '{' ? ParseMisp(t, name, kind) : ParsePlain(text, name);
  return list;
}

const std::vector<WarningList>& ShippedWarningLists() {
  // Parsed once (normalising phone numbers needs libphonenumber), then
  // read-only; a function-local static is initialised thread-safely.
  static const std::vector<WarningList> lists = [] {
    std::vector<WarningList> out;
    for (size_t i = 0; i < kEmbeddedWarningListCount; ++i) {
      auto list = ParseWarningList(kEmbeddedWarningLists[i].text, kEmbeddedWarningLists[i].name);
      if (!list.ok()) continue;  // warning_list_test asserts every shipped file parses
      list->shipped = true;
      out.push_back(std::move(*list));
    }
    return out;
  }();
  return lists;
}

size_t EmbeddedWarningListCountForTest() { return kEmbeddedWarningListCount; }
std::pair<const char*, const char*> EmbeddedWarningListForTest(size_t i) {
  return {kEmbeddedWarningLists[i].name, kEmbeddedWarningLists[i].text};
}

WarningListMatcher::WarningListMatcher(const std::vector<WarningList>& lists) {
  for (const auto& list : lists) {
    for (const auto& e : list.entries) {
      if (e.kind == IdentifierKind::kUrl) url_domains_.push_back(e.value);
      else if (e.kind == IdentifierKind::kEmail && e.value.find('@') == std::string::npos) mail_domains_.push_back(e.value);
      else exact_[static_cast<size_t>(e.kind)].push_back(e.value);
    }
  }
  auto finish = [this](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    size_ += v.size();
  };
  for (auto& v : exact_) finish(v);
  finish(url_domains_);
  finish(mail_domains_);
}

bool WarningListMatcher::Contains(const std::vector<std::string>& sorted, std::string_view v) {
  return std::binary_search(sorted.begin(), sorted.end(), v,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

bool WarningListMatcher::CoversHost(const std::vector<std::string>& sorted, std::string_view host) const {
  if (sorted.empty()) return false;
  // "a.b.example.nl" is covered by an entry for itself or any parent domain.
  while (!host.empty()) {
    if (Contains(sorted, host)) return true;
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return false;
}

bool WarningListMatcher::Covers(IdentifierKind kind, std::string_view canonical) const {
  if (kind == IdentifierKind::kUrl) {
    std::string host = Lower(UrlHost(canonical));
    return CoversHost(url_domains_, host);
  }
  if (Contains(exact_[static_cast<size_t>(kind)], canonical)) return true;
  if (kind == IdentifierKind::kEmail) {
    size_t at = canonical.rfind('@');
    return at != std::string_view::npos && CoversHost(mail_domains_, canonical.substr(at + 1));
  }
  return false;
}

bool WarningListMatcher::CoversDomain(std::string_view domain) const {
  return CoversHost(url_domains_, Lower(domain));
}

}  // namespace zicht::link
