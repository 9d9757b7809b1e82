#pragma once
// The binary encoding of one audit segment: a batch of audit entries stored
// as one BLOB in one SQLite row (see audit_store.h, docs/privacy.md).
//
// Why a hand-rolled encoding: the server appends one entry per check at
// ~140k checks/s, and one SQLite row per entry cost 1–16 µs; one row per
// batch with this encoding costs well under 0.2 µs per entry. Seven of the
// nine text fields repeat from entry to entry (a handful of partners, keys,
// endpoints, kinds, purposes, results), so each segment stores every
// distinct string once and the entries refer to them by index; the
// pseudonym, the only field that differs per entry, is stored as its 32 raw
// bytes when it has the server's form (64 lower-case hex characters).
//
// Layout, version 2 (varint = unsigned LEB128, at most 10 bytes):
//   u8      version (2)
//   varint  D, the number of dictionary strings; then D × (varint length, bytes)
//   varint  N, the number of entries; then N entries:
//     varint  zigzag(at − previous at), previous at = 0 for the first entry
//     8 × varint  dictionary index of partner, key_id, endpoint, kind,
//                 subject, purpose, result, legal_basis (each < D)
//     varint  P: 0 = pseudonym follows as 32 raw bytes (written back as 64
//             lower-case hex characters); P > 0 = a literal of P − 1 bytes follows
// Version 1 is the same without legal_basis (7 indices); it is still read,
// with an empty legal_basis. Nothing may follow the last entry. seq is not stored: entry i of a segment
// has seq = first_seq + i (the segment row's key).
//
// Thread-safety: pure functions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/audit_store.h"

namespace zicht::store {

//! The segment format version written by EncodeAuditSegment.
constexpr uint8_t kAuditSegmentVersion = 2;

//! Encodes `entries` (their `seq` is ignored). Never fails; any strings,
//! including empty ones and arbitrary bytes, round-trip exactly.
std::string EncodeAuditSegment(const std::vector<AuditEntry>& entries);

//! Decodes `data` into `*out` (replacing its contents), numbering the entries
//! first_seq, first_seq + 1, …. Every length and index is checked against the
//! buffer: a truncated, overlong or otherwise inconsistent blob, or an unknown
//! version, gives kCorruption (naming the byte offset) with `*out` empty, and
//! never reads outside `data`.
Status DecodeAuditSegment(std::string_view data, int64_t first_seq, std::vector<AuditEntry>* out);

//! Like DecodeAuditSegment, with the same checks of every entry, but appends
//! to `*out` only the entries matching `filter`'s partner, since and
//! pseudonym (its limit is ignored), in seq order, without building the
//! others. Returns the number of entries in the segment. On kCorruption
//! `*out` is left as it was.
Result<int64_t> DecodeMatchingAuditEntries(std::string_view data, int64_t first_seq, const AuditQuery& filter,
                                           std::vector<AuditEntry>* out);

}  // namespace zicht::store
