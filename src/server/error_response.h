#pragma once
// Errors as the API shows them: `{"error":{"code","message"}}` (docs/design.md)
// with the HTTP status that fits the Status code. The only place a Status
// code becomes an HTTP status (CONTRIBUTING.md, "Habits").
#include <string_view>

#include "common/status.h"
#include "server/http_message.h"

namespace zicht::server {

//! 400 invalid_argument, 401 unauthorized, 403 permission_denied,
//! 404 not_found, 413 too_large, 500 otherwise.
int HttpStatusFor(StatusCode code);

//! Fills `res` with status `http_status` and the JSON error body.
void WriteError(HttpResponse& res, int http_status, std::string_view code, std::string_view message);

//! Same, from a Status.
void WriteError(HttpResponse& res, const Status& status);

}  // namespace zicht::server
