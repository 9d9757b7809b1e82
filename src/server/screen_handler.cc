// POST /v1/messages/screen and POST /v1/messages/screen-thread (docs/design.md
// "Message screening", docs/api.md): the body is handed to screen/ as is;
// server/ only maps its Status to HTTP. The screener is swapped whole on
// SIGHUP (ReloadSignals), so a request in flight finishes with the screener
// it started with.
#include "screen/link_identifier_lookup.h"
#include "screen/screen_json.h"
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {

std::shared_ptr<const screen::Screener> Service::CurrentScreener() {
  std::lock_guard lock(screener_mu_);
  return screener_;
}

Status Service::ReloadSignals() {
  auto config = options_.signals_dir.empty() ? screen::BuiltinSignalConfig()
                                             : screen::LoadSignalConfig(options_.signals_dir);
  if (!config.ok()) return config.status();
  if (screen_lookup_ == nullptr) screen_lookup_ = std::make_unique<screen::LinkIdentifierLookup>(*engine_);
  ZICHT_ASSIGN_OR_RETURN(std::unique_ptr<screen::Screener> screener,
                         screen::Screener::Create(*config, screen_lookup_.get()));
  std::lock_guard lock(screener_mu_);
  screener_ = std::move(screener);
  return Status::Ok();
}

void Service::HandleScreen(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  Result<std::string> out = screen::ScreenJsonRequest(*CurrentScreener(), req.body, who.scope);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

void Service::HandleScreenThread(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  Result<std::string> out = screen::ScreenThreadJsonRequest(*CurrentScreener(), req.body, who.scope);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

}  // namespace zicht::server
