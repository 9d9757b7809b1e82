// POST /v1/messages/screen (docs/design.md "Message screening"): the body is
// handed to screen/ as is; server/ only maps its Status to HTTP.
#include "screen/screen_json.h"
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {

void Service::HandleScreen(const HttpRequest& req, HttpResponse& res) {
  Result<std::string> out = screen::ScreenJsonRequest(*screener_, req.body);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

}  // namespace zicht::server
