#pragma once
// The one JSON form of an alert, shared by the pull feed (GET /v1/alerts)
// and the webhook body (docs/alerts.md, "Alert"):
//   {"id","rule","kind","normalized","created_at"
//    [,"reasons"]                                          scope risk
//    [,"reports","sources","losses","damage_eur","first_report_at","cluster"]}  scope detail
// A partner sees the evidence its scope allows (model/disclosure.h), the
// same cut as a check: `hit` only that the identifier came up and why
// (the rule).
//
// Thread-safety: pure functions.
#include <string>

#include "model/disclosure.h"
#include "store/alert_store.h"

namespace zicht::alert {

//! Appends `a` as one compact JSON object to `out`, with the fields of `scope`.
void AppendAlertJson(const store::Alert& a, model::Scope scope, std::string* out);

}  // namespace zicht::alert
