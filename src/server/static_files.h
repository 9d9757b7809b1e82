#pragma once
// The web app's files (docs/design.md "Web app"), served from `web_root`
// for every path outside the API (service.cc). Contract and measurements:
// static_files.cc.
#include <string_view>

#include "server/http_message.h"

namespace zicht::server {

//! Answers GET/HEAD of `raw_path` (not yet percent-decoded) from the files
//! under `web_root`: 200 with the file, 304 when the client's ETag is
//! current, 404 for anything outside the root or missing, 405 for other
//! methods. An empty `web_root` serves nothing (404).
void ServeStaticFile(std::string_view web_root, const HttpRequest& req, std::string_view raw_path, HttpResponse& res);

}  // namespace zicht::server
