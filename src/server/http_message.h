#pragma once
// The request and response as the service sees them: plain structs, so that
// only http_server.cc includes Boost.Beast (it is heavy to compile) and the
// endpoint handlers can be read and tested without it.
//
// Thread-safety: one HttpRequest/HttpResponse per connection, used by the
// thread serving that connection.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/key_ring.h"

namespace zicht::server {

enum class Method { kGet, kHead, kPost, kPut, kDelete, kPatch, kOptions, kOther };

//! Per-connection memo of the last API key seen, so a keep-alive client
//! pays the SHA-256 of its key once per connection, not once per request.
struct AuthCache {
  std::string api_key;
  uint64_t generation = ~uint64_t{0};
  std::optional<Principal> principal;
};

struct HttpRequest {
  Method method = Method::kOther;
  std::string_view target;         // path + query as sent
  std::string_view authorization;  // Authorization header value, or empty
  std::string_view purpose;        // X-Purpose header value, or empty
  std::string_view content_type;
  std::string_view body;
  std::string_view client_ip;      // remote address, for the form's rate limit
  std::string_view accept_encoding;  // Accept-Encoding, for the web app's pre-compressed files
  std::string_view if_none_match;    // If-None-Match, for the web app's files
  std::string_view idempotency_key;  // Idempotency-Key (POST /v1/payments/evaluate), or empty
  AuthCache* auth_cache = nullptr; // may be null
};

struct HttpResponse {
  int status = 200;
  std::string_view content_type = "application/json";
  std::string body;                // reused across requests on a connection
  std::string allow;               // "Allow" header for 405; empty otherwise
  std::string content_disposition; // for downloads (exports); empty otherwise
  std::optional<int> retry_after;  // seconds, for 429/503
  // Web app files (static_files.cc); empty otherwise.
  std::string_view content_encoding;  // "br" or "gzip" when the body is that file's compressed copy
  std::string_view cache_control;
  std::string etag;
  bool vary_accept_encoding = false;
  //! The audit ticket of the last audit entry the request made (0: none);
  //! with --durability full the answer waits until it is committed.
  uint64_t audit_ticket = 0;
  //! The barrier state writer's ticket after the request's events (POST
  //! /v1/payments/evaluate) when the answer must wait for their commit
  //! (--durability full, or the writer is behind); 0: answer at once.
  uint64_t barrier_ticket = 0;

  void Reset() {
    audit_ticket = 0;
    barrier_ticket = 0;
    status = 200;
    content_type = "application/json";
    body.clear();
    allow.clear();
    content_disposition.clear();
    retry_after.reset();
    content_encoding = {};
    cache_control = {};
    etag.clear();
    vary_accept_encoding = false;
  }
};

}  // namespace zicht::server
