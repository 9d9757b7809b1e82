#pragma once
// The body of POST /v1/payments/evaluate, in and out, so server/ only maps
// HTTP to this call (and Status codes to HTTP statuses).
//
// Request body: one event object, a JSON array of events, or JSON Lines (one
// event object per line; blank lines skipped). Response:
//   {"decisions":[{"account","at","decision","until","reasons"}, …]}
// one entry per payment event, in order; other events only update state.
//
// All or nothing: every event is parsed and checked before any is applied,
// so a bad event leaves the engine's state untouched and the partner can fix
// and resend the whole batch.
//
// Thread-safety: safe to call concurrently on one Engine; the batch is
// applied under the engine's mutex, so a batch is never interleaved with
// another request's events.
#include <string>
#include <string_view>

#include "barrier/engine.h"
#include "common/result.h"

namespace zicht::barrier {

//! More events than this in one request → kTooLarge (a replay of a month
//! belongs in `zicht evaluate`, not in one HTTP call).
inline constexpr size_t kMaxEventsPerRequest = 100000;

//! Evaluates `body` and returns the decisions JSON. Errors: kInvalidArgument
//! naming the event ("line 3: amount_eur: missing", "event 2: type: …",
//! "body: empty"); kTooLarge over kMaxEventsPerRequest; the engine's
//! Status when an account's stored state cannot be loaded (nothing applied).
Result<std::string> EvaluateJsonRequest(Engine& engine, std::string_view body);

}  // namespace zicht::barrier
