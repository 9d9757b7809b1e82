// The web app's files (docs/design.md "Web app"): GET and HEAD under --web-root,
// "/" → index.html. Paths are percent-decoded and then refused if any
// segment is "..", so nothing outside the web root can be read; symlinks
// inside the root are not followed out of it either (canonical prefix check).
//
// Transfer: `npm run build` (web/build.mjs) writes a Brotli (.br) and a gzip
// (.gz) copy beside each text file; the copy the client accepts is sent
// with Content-Encoding (the 1.5 MB of JavaScript become ~0.4 MB). Every
// file carries an ETag (size and modification time) and "Cache-Control:
// no-cache", so a browser revalidates and gets 304 without a body when
// nothing changed. (The vendor files keep their names across upgrades, so
// they are not "immutable".)
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/error_response.h"
#include "server/query_string.h"
#include "server/static_files.h"

namespace zicht::server {
namespace {

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array<ContentType, 18> kContentTypes{{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

std::string_view ContentTypeFor(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const ContentType& ct : kContentTypes) {
    if (ct.extension == ext) return ct.type;
  }
  return "application/octet-stream";
}

// True when `accept` (an Accept-Encoding value) lists `coding` without q=0.
bool Accepts(std::string_view accept, std::string_view coding) {
  while (!accept.empty()) {
    const size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    if (semi == std::string_view::npos) return true;
    std::string params(item.substr(semi + 1));
    params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
    return !(params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000");
  }
  return false;
}

bool HasDotDotSegment(std::string_view path) {
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view seg = path.substr(0, slash);
    if (seg == ".." || seg == ".") return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

}  // namespace

void ServeStaticFile(std::string_view web_root, const HttpRequest& req, std::string_view raw_path, HttpResponse& res) {
  if (req.method != Method::kGet && req.method != Method::kHead) {
    res.allow = "GET, HEAD";
    return WriteError(res, 405, "method_not_allowed", "only GET and HEAD are allowed on web app files");
  }
  if (web_root.empty()) return WriteError(res, 404, "not_found", "no web app is served");
  std::optional<std::string> decoded = PercentDecode(raw_path);
  if (!decoded || decoded->empty() || (*decoded)[0] != '/' || decoded->find('\\') != std::string::npos ||
      HasDotDotSegment(*decoded)) {
    return WriteError(res, 404, "not_found", "no such file");
  }
  std::error_code ec;
  std::filesystem::path root = std::filesystem::canonical(std::filesystem::path(web_root), ec);
  if (ec) return WriteError(res, 404, "not_found", "no web app is served");
  std::filesystem::path file = root / std::string_view(*decoded).substr(1);
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  std::filesystem::path real = std::filesystem::canonical(file, ec);
  if (ec || !std::filesystem::is_regular_file(real, ec)) return WriteError(res, 404, "not_found", "no such file");
  std::string real_s = real.string(), root_s = root.string() + "/";
  if (real_s.compare(0, root_s.size(), root_s) != 0) return WriteError(res, 404, "not_found", "no such file");
  // The pre-compressed copy the client takes, if there is one.
  std::filesystem::path send = real;
  std::string_view coding;
  for (std::string_view candidate : {"br", "gzip"}) {
    std::filesystem::path copy = real;
    copy += candidate == "br" ? ".br" : ".gz";
    if (!std::filesystem::is_regular_file(copy, ec)) continue;
    res.vary_accept_encoding = true;  // this URL has more than one representation
    if (coding.empty() && Accepts(req.accept_encoding, candidate)) {
      send = copy;
      coding = candidate;
    }
  }
  const auto size = std::filesystem::file_size(send, ec);
  const auto modified = std::filesystem::last_write_time(send, ec);
  if (ec) return WriteError(res, 404, "not_found", "no such file");
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%jx-%jx%s%.*s\"", static_cast<uintmax_t>(size),
                static_cast<uintmax_t>(modified.time_since_epoch().count()), coding.empty() ? "" : "-",
                static_cast<int>(coding.size()), coding.data());
  res.etag = tag;
  res.cache_control = "no-cache";
  res.content_type = ContentTypeFor(real);
  res.content_encoding = coding;
  if (!req.if_none_match.empty() && (req.if_none_match == res.etag || req.if_none_match == "*")) {
    res.status = 304;  // the browser's copy is current: no body
    return;
  }
  std::ifstream in(send, std::ios::binary);
  if (!in) return WriteError(res, 404, "not_found", "no such file");
  std::ostringstream ss;
  ss << in.rdbuf();
  res.status = 200;
  res.body = ss.str();
}

}  // namespace zicht::server
