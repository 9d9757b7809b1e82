#pragma once
// Errors as the API shows them: `{"error":{"code","message"}}` (docs/design.md)
// with the HTTP status that fits the Status code. The only place a Status
// code becomes an HTTP status (CONTRIBUTING.md, "Habits").
#include <cstddef>
#include <string_view>

#include "common/status.h"
#include "server/http_message.h"

namespace zicht::server {

//! 400 invalid_argument, 401 unauthorized, 403 permission_denied,
//! 404 not_found, 413 too_large, 500 otherwise.
int HttpStatusFor(StatusCode code);

//! Longest error message sent; longer ones are cut ("…").
inline constexpr size_t kMaxErrorMessageBytes = 300;

//! Fills `res` with status `http_status` and the JSON error body. The
//! message is sanitised (valid UTF-8, no control characters) and cut to
//! kMaxErrorMessageBytes, so quoting client input in it is safe.
void WriteError(HttpResponse& res, int http_status, std::string_view code, std::string_view message);

//! Same, from a Status.
void WriteError(HttpResponse& res, const Status& status);

}  // namespace zicht::server
