#pragma once
// Decoding stored alert-table rows, shared by the SQLite and the PostgreSQL
// alert store (both keep the same columns, docs/schema.md): `Row` is
// anything with IsNull(col), Text(col) and Int(col) — sqlite::Statement or
// pg::RowRef (as store/report_row.h).
//
// Internal to store/. Thread-safety: plain functions.
#include <string>
#include <string_view>

#include "store/alert_store.h"

namespace zicht::store {

// The alert columns (aliased `a`) in the order DecodeAlert reads them.
inline constexpr std::string_view kAlertColumns =
    "a.seq, a.id, a.partner, a.rule, a.kind, a.normalized, a.created_at, a.first_report_at, a.reports, a.sources, "
    "a.losses, a.damage_cents, a.reasons, a.cluster";
// The subscription columns in the order DecodeSubscription reads them.
inline constexpr std::string_view kSubscriptionColumns = "id, partner, bank_code, bic, phone_prefix, created";
// The outcome columns in the order DecodeFeedback reads them.
inline constexpr std::string_view kFeedbackColumns =
    "seq, partner, alert_id, kind, normalized, outcome, amount_cents, reason, created_at";
// The dispute columns in the order DecodeDispute reads them.
inline constexpr std::string_view kDisputeColumns =
    "id, partner, kind, normalized, reason, state, opened_at, resolved_at, resolution";

//! A dispute state's stored name.
inline std::string_view DisputeStateName(DisputeState s) {
  constexpr std::string_view kNames[] = {"open", "upheld", "rejected"};
  return kNames[static_cast<int>(s)];
}

//! kAlertColumns starting at column `first`.
template <typename Row>
Alert DecodeAlert(const Row& r, int first = 0) {
  Alert a;
  a.seq = r.Int(first + 0);
  a.id = std::string(r.Text(first + 1));
  a.partner = std::string(r.Text(first + 2));
  a.rule = std::string(r.Text(first + 3));
  a.kind = std::string(r.Text(first + 4));
  a.normalized = std::string(r.Text(first + 5));
  a.created_at = r.Int(first + 6);
  a.first_report_at = r.Int(first + 7);
  a.reports = r.Int(first + 8);
  a.sources = r.Int(first + 9);
  a.losses = r.Int(first + 10);
  a.damage_cents = r.Int(first + 11);
  a.reasons = std::string(r.Text(first + 12));
  a.cluster = std::string(r.Text(first + 13));
  return a;
}

template <typename Row>
Subscription DecodeSubscription(const Row& r) {
  Subscription s;
  s.id = r.Int(0);
  s.partner = std::string(r.Text(1));
  s.bank_code = std::string(r.Text(2));
  s.bic = std::string(r.Text(3));
  s.phone_prefix = std::string(r.Text(4));
  s.created = r.Int(5);
  return s;
}

template <typename Row>
Feedback DecodeFeedback(const Row& r) {
  Feedback f;
  f.seq = r.Int(0);
  f.partner = std::string(r.Text(1));
  f.alert_id = std::string(r.Text(2));
  f.kind = std::string(r.Text(3));
  f.normalized = std::string(r.Text(4));
  f.outcome = std::string(r.Text(5));
  f.amount_cents = r.Int(6);
  f.reason = std::string(r.Text(7));
  f.created_at = r.Int(8);
  return f;
}

template <typename Row>
Dispute DecodeDispute(const Row& r) {
  Dispute d;
  d.id = r.Int(0);
  d.partner = std::string(r.Text(1));
  d.kind = std::string(r.Text(2));
  d.normalized = std::string(r.Text(3));
  d.reason = std::string(r.Text(4));
  const std::string_view state = r.Text(5);
  d.state = state == "upheld" ? DisputeState::kUpheld : state == "rejected" ? DisputeState::kRejected
                                                                            : DisputeState::kOpen;
  d.opened_at = r.Int(6);
  if (!r.IsNull(7)) d.resolved_at = r.Int(7);
  d.resolution = std::string(r.Text(8));
  return d;
}

}  // namespace zicht::store
