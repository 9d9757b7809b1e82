#pragma once
// The request bodies of blind look-ups (docs/api.md): parsed and checked
// completely before anything is evaluated, so a malformed element never
// reaches the key operation and a bad item gives one 400 that names it.
//
//   POST /v1/oprf/evaluate  {"elements":["<base64url of 32 bytes>", …]}  (1–kMaxOprfBatch)
//   POST /v1/blind/bucket   {"key_id":"<12 hex>","prefix":"<4 hex>"}
//
// An element must decode to 32 bytes that are a canonical ristretto255
// encoding other than the identity (RFC 9497 DeserializeElement).
//
// Thread-safety: pure functions. Fuzzed by oprf_request_fuzz.cc.
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "blind/oprf.h"
#include "common/status.h"

namespace zicht::server {

//! Elements per evaluation request at most: a client evaluates one per
//! identifier it checks; a hundred covers a batch screen, and bounds the
//! work one request can ask for (~100 × 48 µs: 20,714 evaluations/s per core, bench/parts/60-oprf.sh).
inline constexpr size_t kMaxOprfBatch = 100;

//! Fills `elements` from an evaluate request. kInvalidArgument naming the
//! field or item ("elements[2]: not a valid ristretto255 encoding").
Status ParseOprfEvaluateRequest(const rapidjson::Value& doc, std::vector<blind::Element>* elements);

struct BucketAsk {
  std::string key_id;
  std::string prefix;  // kPrefixHexChars lower-case hex digits
};

//! Fills `ask` from a bucket request; kInvalidArgument naming the field.
Status ParseBlindBucketRequest(const rapidjson::Value& doc, BucketAsk* ask);

}  // namespace zicht::server
