#include "link/warning_list.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <utility>

#include "common/json_parse.h"
#include "link/embedded_warninglists.h"
#include "normalize/normalize.h"
#include "normalize/registrable_domain.h"

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

// True when `host` is a public suffix ("pages.dev", "co.uk", "nl"): every
// name under it is a different party's site. Told through the project's one
// libpsl wrapper: a name one label below a public suffix is its own
// registrable domain, below anything else it is not.
bool IsPublicSuffix(std::string_view host) {
  std::string below = "x." + std::string(host);
  return normalize::RegistrableDomain(below) == below;
}

// Letters (any script: IDN hosts are kept as written, lower-cased), digits,
// '-', '_' and '.'; no empty label.
bool IsHostName(std::string_view h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.find("..") != std::string_view::npos) return false;
  for (char c : h) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || c == '-' || c == '_' || c == '.') continue;
    return false;
  }
  return true;
}

std::string Shorten(std::string_view v) {
  constexpr size_t kMax = 60;
  return v.size() <= kMax ? std::string(v) : std::string(v.substr(0, kMax)) + "…";
}

// A host name from "marktplaats.nl", "*.marktplaats.nl", ".marktplaats.nl",
// "https://www.marktplaats.nl/x". A leading "www." is dropped when what
// remains is still a site ("www.bank.nl" → "bank.nl", but "www.com" stays):
// a list that names www.example.nl means the site (see docs/linking.md).
Result<std::string> HostEntry(std::string_view raw) {
  std::string_view v = Trim(raw);
  auto not_host = [&](std::string_view why) {
    return Status::InvalidArgument("'" + Shorten(v) + "' " + std::string(why));
  };
  std::string_view h = v;
  if (auto scheme = h.find("://"); scheme != std::string_view::npos) {
    h = UrlHost(h);
  } else if (h.find('/') != std::string_view::npos) {
    return not_host("is not a host name (it has a '/')");
  }
  while (!h.empty() && (h.front() == '*' || h.front() == '.')) h.remove_prefix(1);
  if (auto port = h.rfind(':'); port != std::string_view::npos && h.find(':') == port) h = h.substr(0, port);
  while (!h.empty() && h.back() == '.') h.remove_suffix(1);
  std::string host = Lower(h);
  if (!IsHostName(host)) return not_host("is not a host name");
  if (host.find('.') == std::string::npos) {
    return not_host("is a top-level domain or a single label, not a site");
  }
  if (host.rfind("www.", 0) == 0 && !IsPublicSuffix(host.substr(4))) host.erase(0, 4);
  return host;
}

Result<WarningListEntry> MakeEntry(IdentifierKind kind, std::string_view raw, bool subdomains) {
  WarningListEntry e;
  e.kind = kind;
  e.subdomains = subdomains;
  if (kind == IdentifierKind::kUrl ||
      (kind == IdentifierKind::kEmail && Trim(raw).find('@') == std::string_view::npos)) {
    ZICHT_ASSIGN_OR_RETURN(e.value, HostEntry(raw));
    return e;
  }
  auto n = normalize::Normalize(kind, raw);
  if (!n.ok()) return Status::InvalidArgument("'" + Shorten(Trim(raw)) + "': " + n.status().message());
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

// Collects entries: skips (or, strict, fails on) bad ones, narrows
// public-suffix subdomain entries, drops repeats.
class Collector {
 public:
  Collector(WarningList& list, bool strict) : list_(list), strict_(strict) {}

  // Adds `entry` (or records why not). Returns an error only when strict.
  Status Add(const std::string& where, Result<WarningListEntry> entry) {
    if (!entry.ok()) {
      if (strict_) return entry.status().WithContext(where);
      ++list_.skipped;
      if (list_.skipped_examples.size() < WarningList::kMaxExamples) {
        list_.skipped_examples.push_back({where, entry.status().message()});
      }
      return Status::Ok();
    }
    WarningListEntry e = std::move(*entry);
    bool host_entry = e.kind == IdentifierKind::kUrl ||
                      (e.kind == IdentifierKind::kEmail && e.value.find('@') == std::string::npos);
    if (host_entry && e.subdomains && IsPublicSuffix(e.value)) {
      e.subdomains = false;
      ++list_.narrowed;
      if (list_.narrowed_examples.size() < WarningList::kMaxExamples) {
        list_.narrowed_examples.push_back(
            {where, "'" + e.value + "' is a public suffix: it covers that host only, not the sites under it"});
      }
    }
    std::string key = std::to_string(static_cast<int>(e.kind)) + ':' + e.value;
    if (auto [it, fresh] = seen_.emplace(std::move(key), list_.entries.size()); !fresh) {
      ++list_.duplicates;
      list_.entries[it->second].subdomains |= e.subdomains;
      return Status::Ok();
    }
    list_.entries.push_back(std::move(e));
    return Status::Ok();
  }

 private:
  WarningList& list_;
  bool strict_;
  std::unordered_map<std::string, size_t> seen_;  // kind:value → index in entries
};

std::string_view StripBom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  return text;
}

Result<WarningList> ParsePlain(std::string_view text, std::string_view name, bool strict) {
  WarningList list;
  list.name = std::string(name);
  Collector collect(list, strict);
  size_t line_no = 0;
  bool first_data_line = true;
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
    std::string_view kind_name = Trim(line.substr(0, comma));
    std::string_view value = comma == std::string_view::npos ? std::string_view() : Trim(line.substr(comma + 1));
    // A spreadsheet's header row.
    if (std::exchange(first_data_line, false) && Lower(kind_name) == "kind" && Lower(value) == "value") continue;
    Result<WarningListEntry> entry = Status::InvalidArgument("expected 'kind,value'");
    if (comma != std::string_view::npos) {
      if (auto kind = model::kIdentifierKindNames.Parse(Lower(kind_name))) {
        entry = MakeEntry(*kind, value, true);
      } else {
        entry = Status::InvalidArgument("kind '" + Shorten(kind_name) + "' is not one of " +
                                        model::kIdentifierKindNames.Joined());
      }
    }
    ZICHT_RETURN_IF_ERROR(collect.Add(where, std::move(entry)));
  }
  return list;
}

// MISP attribute types (matching_attributes) → the Zicht kind they hold.
// Types not here (md5, ip-src, filename, …) have no Zicht identifier.
std::optional<IdentifierKind> KindOfMispAttribute(std::string_view type) {
  static constexpr std::pair<std::string_view, IdentifierKind> kMap[] = {
      {"hostname", IdentifierKind::kUrl},      {"domain", IdentifierKind::kUrl},
      {"domain|ip", IdentifierKind::kUrl},     {"hostname|port", IdentifierKind::kUrl},
      {"url", IdentifierKind::kUrl},           {"uri", IdentifierKind::kUrl},
      {"link", IdentifierKind::kUrl},          {"email", IdentifierKind::kEmail},
      {"email-src", IdentifierKind::kEmail},   {"email-dst", IdentifierKind::kEmail},
      {"target-email", IdentifierKind::kEmail}, {"whois-registrant-email", IdentifierKind::kEmail},
      {"phone-number", IdentifierKind::kPhone}, {"whois-registrant-phone", IdentifierKind::kPhone},
      {"iban", IdentifierKind::kIban},         {"btc", IdentifierKind::kCrypto},
      {"xmr", IdentifierKind::kCrypto},        {"dash", IdentifierKind::kCrypto},
  };
  for (const auto& [name, kind] : kMap) {
    if (name == type) return kind;
  }
  return std::nullopt;
}

Result<WarningList> ParseMisp(std::string_view text, std::string_view name, std::optional<IdentifierKind> kind,
                              bool strict) {
  rapidjson::Document doc;
  ZICHT_RETURN_IF_ERROR(ParseJson(text, doc).WithContext("MISP JSON"));
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
    return Status::InvalidArgument(
        "MISP list type '" + type +
        "' is not supported: Zicht compares whole canonical values and host names, not substrings, CIDR "
        "ranges or regular expressions (only types 'string' and 'hostname')");
  }
  // A list for attribute types Zicht has no identifier for (file hashes, IP
  // ranges, certificate fingerprints) is refused as a whole: its values would
  // otherwise be guessed into host names or phone numbers.
  if (!kind && doc.HasMember("matching_attributes") && doc["matching_attributes"].IsArray()) {
    std::optional<IdentifierKind> only;
    bool any = false, several = false;
    std::string names;
    for (const auto& a : doc["matching_attributes"].GetArray()) {
      if (!a.IsString()) continue;
      names += (names.empty() ? "" : ", ") + std::string(a.GetString());
      auto k = KindOfMispAttribute(a.GetString());
      if (!k) continue;
      if (any && *only != *k) several = true;
      only = k;
      any = true;
    }
    if (!any && !names.empty()) {
      return Status::InvalidArgument("MISP list matches attribute types " + Shorten(names) +
                                     ", none of which is a Zicht identifier (iban, phone, email, url, crypto); "
                                     "give --kind if its values are one of those");
    }
    if (any && !several) kind = only;
  }
  if (!doc.HasMember("list") || !doc["list"].IsArray()) {
    return Status::InvalidArgument("MISP JSON field 'list': expected an array of strings");
  }
  Collector collect(list, strict);
  const auto& arr = doc["list"];
  for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
    std::string where = "list element " + std::to_string(i + 1);
    Result<WarningListEntry> entry = Status::InvalidArgument("expected a string");
    if (arr[i].IsString()) {
      std::string_view v(arr[i].GetString(), arr[i].GetStringLength());
      std::optional<IdentifierKind> k = kind;
      if (!k && type == "hostname") k = IdentifierKind::kUrl;
      if (!k) k = GuessKind(v);
      // MISP's `string` type is an exact match, `hostname` covers subdomains.
      if (k) entry = MakeEntry(*k, v, type == "hostname");
      else entry = Status::InvalidArgument("'" + Shorten(Trim(v)) + "': cannot tell its kind; give --kind");
    }
    ZICHT_RETURN_IF_ERROR(collect.Add(where, std::move(entry)));
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
                                     std::optional<IdentifierKind> kind, bool strict) {
  text = StripBom(text);
  std::string_view t = Trim(text);
  Result<WarningList> list =
      !t.empty() && t.front() == '{' ? ParseMisp(t, name, kind, strict) : ParsePlain(text, name, strict);
  if (!list.ok()) return list;
  if (list->entries.empty()) {
    std::string why = list->skipped_examples.empty()
                          ? std::string("it has no entries")
                          : "all " + std::to_string(list->skipped) + " were skipped; first: " +
                                list->skipped_examples.front().where + ": " + list->skipped_examples.front().reason;
    std::string name = list->name.empty() ? std::string() : "'" + list->name + "' ";
    return Status::InvalidArgument("the warning-list " + name + "has no entry Zicht can use: " + why);
  }
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
      if (e.kind == IdentifierKind::kUrl) {
        (e.subdomains ? url_domains_ : url_hosts_).push_back(e.value);
      } else if (e.kind == IdentifierKind::kEmail && e.value.find('@') == std::string::npos) {
        (e.subdomains ? mail_domains_ : mail_hosts_).push_back(e.value);
      } else {
        exact_[static_cast<size_t>(e.kind)].push_back(e.value);
      }
    }
  }
  auto finish = [this](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    v.shrink_to_fit();
    size_ += v.size();
  };
  for (auto& v : exact_) finish(v);
  finish(url_hosts_);
  finish(url_domains_);
  finish(mail_domains_);
  finish(mail_hosts_);
}

bool WarningListMatcher::Contains(const std::vector<std::string>& sorted, std::string_view v) {
  return std::binary_search(sorted.begin(), sorted.end(), v,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

bool WarningListMatcher::CoversHost(const std::vector<std::string>& exact,
                                    const std::vector<std::string>& subdomains, std::string_view host) {
  if (exact.empty() && subdomains.empty()) return false;
  if (Contains(exact, host) || Contains(subdomains, host)) return true;
  // Entries drop a leading "www." (HostEntry), so an exact entry for the site
  // covers its www host too.
  if (host.rfind("www.", 0) == 0 && Contains(exact, host.substr(4))) return true;
  if (subdomains.empty() || host.find('.') == std::string_view::npos) return false;
  // "a.b.example.nl" is covered by a subdomain entry for a parent domain,
  // but never by one above its registrable domain: "pages.dev" must not
  // cover "ing-veilig.pages.dev", a site of its own (Public Suffix List).
  size_t floor = normalize::RegistrableDomain(host).size();
  while (true) {
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) return false;
    host.remove_prefix(dot + 1);
    if (host.size() < floor) return false;
    if (Contains(subdomains, host)) return true;
  }
}

bool WarningListMatcher::Covers(IdentifierKind kind, std::string_view canonical) const {
  if (kind == IdentifierKind::kUrl) {
    std::string host = Lower(UrlHost(canonical));
    return CoversHost(url_hosts_, url_domains_, host);
  }
  if (Contains(exact_[static_cast<size_t>(kind)], canonical)) return true;
  if (kind == IdentifierKind::kEmail) {
    size_t at = canonical.rfind('@');
    return at != std::string_view::npos && CoversHost(mail_hosts_, mail_domains_, canonical.substr(at + 1));
  }
  return false;
}

bool WarningListMatcher::CoversDomain(std::string_view domain) const {
  std::string d = Lower(domain);
  return Contains(url_hosts_, d) || Contains(url_domains_, d);
}

}  // namespace zicht::link
