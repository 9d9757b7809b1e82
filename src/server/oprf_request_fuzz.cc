// libFuzzer target: a request body through the blind look-up parsers
// (oprf_request.h) the way the handlers use them: the shared JSON parser
// with its limits, then ParseOprfEvaluateRequest and ParseBlindBucketRequest.
// Properties checked: no crash, no sanitizer report; every element the
// evaluate parser accepts is a valid, non-identity ristretto255 element,
// 1..kMaxOprfBatch of them; an accepted prefix is a bucket prefix.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "blind/verdict_box.h"
#include "server/json_body.h"
#include "server/oprf_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool sodium_ready = zicht::blind::InitSodium().ok();
  if (!sodium_ready) std::abort();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  zicht::server::StackJson json;
  if (!json.Parse(body).ok()) return 0;
  std::vector<zicht::blind::Element> elements;
  if (zicht::server::ParseOprfEvaluateRequest(json.doc(), &elements).ok()) {
    if (elements.empty() || elements.size() > zicht::server::kMaxOprfBatch) std::abort();
    for (const auto& e : elements) {
      if (sodium_is_zero(e.data(), e.size()) || crypto_core_ristretto255_is_valid_point(e.data()) != 1) std::abort();
    }
  }
  zicht::server::BucketAsk ask;
  if (zicht::server::ParseBlindBucketRequest(json.doc(), &ask).ok()) {
    if (!zicht::blind::IsBucketPrefix(ask.prefix) || ask.key_id.empty()) std::abort();
  }
  return 0;
}
