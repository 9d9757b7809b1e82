#pragma once
// Parsing request bodies with RapidJSON, allocation-light: the document's
// values and the parser's stack live first in fixed buffers on the caller's
// stack and only spill to the heap for large bodies (POST /v1/check with one
// identifier never touches malloc for parsing).
//
// Parsing goes through common/json_parse.h (depth limit, UTF-8, no
// duplicate names). Errors name the byte offset and what is wrong, for the
// 400 answer.
#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "common/json_parse.h"
#include "common/status.h"

namespace zicht::server {

using JsonAllocator = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using JsonDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, JsonAllocator, JsonAllocator>;

//! A document whose first kValueBytes/kStackBytes come from inline buffers.
//! Not copyable or movable (the allocators point into itself); keep it on
//! the stack of the handler.
class StackJson {
 public:
  static constexpr size_t kValueBytes = 4096;
  static constexpr size_t kStackBytes = 1024;

  StackJson()
      : value_alloc_(value_buf_, sizeof value_buf_),
        stack_alloc_(stack_buf_, sizeof stack_buf_),
        doc_(&value_alloc_, kStackBytes, &stack_alloc_) {}
  StackJson(const StackJson&) = delete;
  StackJson& operator=(const StackJson&) = delete;

  //! Parses `body` with ParseJson (common/json_parse.h). kInvalidArgument
  //! "not valid JSON at byte N: <reason>" on failure.
  Status Parse(std::string_view body) { return ParseJson(body, doc_, &stack_alloc_); }

  JsonDocument& doc() { return doc_; }

 private:
  alignas(16) char value_buf_[kValueBytes];
  alignas(16) char stack_buf_[kStackBytes];
  JsonAllocator value_alloc_;
  JsonAllocator stack_alloc_;
  JsonDocument doc_;
};

//! The JSON type name of `v` for messages ("string", "number", …).
inline const char* JsonTypeName(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "boolean";
    case rapidjson::kObjectType: return "object";
    case rapidjson::kArrayType: return "array";
    case rapidjson::kStringType: return "string";
    case rapidjson::kNumberType: return "number";
  }
  return "value";
}

inline std::string_view JsonString(const rapidjson::Value& v) {
  return std::string_view(v.GetString(), v.GetStringLength());
}

}  // namespace zicht::server
