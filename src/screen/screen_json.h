#pragma once
// The JSON face of screening, shared by `zicht screen` and the HTTP routes
// POST /v1/messages/screen and POST /v1/messages/screen-thread, so both
// speak exactly the same objects (docs/design.md, "Message screening";
// docs/api.md). RapidJSON; thread-safe (no state).
//
//   message:  {"text":"...","sender_known":false}
//             text: string, required, at most kMaxTextBytes bytes;
//             sender_known: boolean, optional, default false.
//   thread:   {"messages":[{"text":"..."},"...",...],"sender_known":false}
//             1 to kMaxThreadMessages messages, oldest first, each an object
//             with "text" or a plain string; at most kMaxThreadBytes in all.
//   Other fields are ignored (forward compatible). Bodies must be valid
//   UTF-8 (RapidJSON validates the encoding).
//   result:   {"label":"hulpvraagfraude","score":0.912,"signals":["NEW_NUMBER",...]}
//             plus "known_identifiers":[{"kind":"iban","risk":"high","reports":3}]
//             when the intelligence knows an identifier in the text ("reports"
//             only for the `detail` scope, model/disclosure.h), and for a
//             thread "messages":N,"first_flagged":I (null when never flagged).
//             score rounded to 3 decimals; signals in declaration order.
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/disclosure.h"
#include "screen/screener.h"

namespace zicht::screen {

//! Longest text accepted through JSON. A chat message is a few hundred bytes;
//! the cap keeps one request from holding a worker for long.
inline constexpr size_t kMaxTextBytes = 64 * 1024;
//! Longest thread (all its texts) accepted through JSON.
inline constexpr size_t kMaxThreadBytes = 256 * 1024;

struct ScreenRequest {
  std::string text;
  bool sender_known = false;
};

struct ThreadRequest {
  std::vector<std::string> messages;
  bool sender_known = false;
};

//! Parses a message object. Errors are kInvalidArgument naming the field:
//! "body: not valid JSON at byte 12: ...", "body: must be a JSON object",
//! "text: required", "text: must be a string", "sender_known: must be a
//! boolean", and kTooLarge "text: longer than 65536 bytes".
Result<ScreenRequest> ParseScreenRequest(std::string_view body);

//! Parses a thread object. Errors as above plus "messages: required",
//! "messages: must be an array", "messages: empty thread", "messages[2]:
//! must be a string or an object with \"text\"", "messages[2].text: must be
//! a string", kTooLarge "messages: more than 100 messages" and "messages:
//! longer than 262144 bytes in all".
Result<ThreadRequest> ParseThreadRequest(std::string_view body);

//! The result object, one line, no trailing newline. `thread` adds the
//! "messages" and "first_flagged" members; `scope` is what the caller may
//! see of a known identifier.
std::string ScreenResultToJson(const ScreenResult& result, bool thread = false,
                               model::Scope scope = model::Scope::kDetail);

//! Parse + Screen + serialise. Errors as ParseScreenRequest.
Result<std::string> ScreenJsonRequest(const Screener& screener, std::string_view body,
                                      model::Scope scope = model::Scope::kDetail);

//! Parse + ScreenThread + serialise. Errors as ParseThreadRequest.
Result<std::string> ScreenThreadJsonRequest(const Screener& screener, std::string_view body,
                                            model::Scope scope = model::Scope::kDetail);

}  // namespace zicht::screen
