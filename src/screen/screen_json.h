#pragma once
// The JSON face of screening, shared by `zicht screen` and
// `POST /v1/messages/screen` so both speak exactly the same objects
// (docs/design.md, "Message screening"). RapidJSON; thread-safe (no state).
//
//   request:  {"text":"...","sender_known":false}
//             text: string, required, at most kMaxTextBytes bytes;
//             sender_known: boolean, optional, default false.
//             Other fields are ignored (forward compatible).
//   result:   {"label":"hulpvraagfraude","score":0.912,"signals":["NEW_NUMBER",...]}
//             score rounded to 3 decimals; signals in declaration order.
#include <string>
#include <string_view>

#include "common/result.h"
#include "screen/screener.h"

namespace zicht::screen {

//! Longest text accepted through JSON. A chat message is a few hundred bytes;
//! the cap keeps one request from holding a worker for long.
inline constexpr size_t kMaxTextBytes = 64 * 1024;

struct ScreenRequest {
  std::string text;
  bool sender_known = false;
};

//! Parses a request object. Errors are kInvalidArgument naming the field:
//! "body: not valid JSON at offset 12: ...", "body: must be a JSON object",
//! "text: required", "text: must be a string", "sender_known: must be a
//! boolean", and kTooLarge "text: longer than 65536 bytes".
Result<ScreenRequest> ParseScreenRequest(std::string_view body);

//! The result object, one line, no trailing newline.
std::string ScreenResultToJson(const ScreenResult& result);

//! Parse + Screen + serialise. Errors as ParseScreenRequest.
Result<std::string> ScreenJsonRequest(const Screener& screener, std::string_view body);

}  // namespace zicht::screen
