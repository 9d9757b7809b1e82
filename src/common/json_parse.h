#pragma once
// The one way Zicht parses JSON that comes from outside (request bodies,
// JSON Lines files, rules and events): RapidJSON's iterative parser behind a
// filter that enforces what RapidJSON alone does not.
//
// - Nesting is limited (kMaxJsonDepth). RapidJSON's default parser recurses
//   once per level: 100,000 `[` in a public form body overflowed the stack
//   and killed the service. The iterative parser keeps its own stack on the
//   heap, and the depth limit keeps that stack (and every later walk over
//   the document, e.g. a Writer) small.
// - Strings must be valid UTF-8, so nothing parsed can make an answer that
//   is not valid JSON when it is written back.
// - A member name that appears twice in one object is an error. RFC 8259
//   leaves duplicates undefined and parsers differ (first wins, last wins);
//   a check that took the first `value` and an ingest that took the last
//   would read one body two ways. Rejecting is the only rule that cannot be
//   played against itself.
//
// Cost: the filter hashes each member name once (FNV-1a) and checks the
// names of one object for duplicates when it closes (sort of the hashes when
// it has more than a few members, so a 100k-member object costs n log n, not
// n²). For a 60-byte check body this is a few tens of nanoseconds.
//
// Errors: kInvalidArgument "not valid JSON at byte N: <reason>", never with
// the input echoed beyond a short, sanitised excerpt of a duplicate name.
//
// Thread-safety: pure functions over the caller's document.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <absl/container/inlined_vector.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/client_text.h"
#include "common/status.h"

namespace zicht {

//! Deepest nesting of arrays and objects accepted. A report is 3 levels
//! deep, a MISP event or STIX bundle under 10; 64 leaves room without
//! letting an input drive deep walks.
inline constexpr int kMaxJsonDepth = 64;

namespace json_internal {

// Forwards RapidJSON SAX events to a document's own handler and stops the
// parse (returns false) on a depth or duplicate-name violation.
template <typename Document>
class LimitingHandler {
 public:
  using Ch = typename Document::Ch;
  using SizeType = rapidjson::SizeType;

  LimitingHandler(Document& doc, int max_depth) : doc_(doc), max_depth_(max_depth) {}

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(int64_t i) { return doc_.Int64(i); }
  bool Uint64(uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const Ch* s, SizeType n, bool copy) { return doc_.RawNumber(s, n, copy); }
  bool String(const Ch* s, SizeType n, bool copy) { return doc_.String(s, n, copy); }
  bool StartObject() {
    if (!Enter()) return false;
    frames_.push_back(names_.size());
    return doc_.StartObject();
  }
  bool Key(const Ch* s, SizeType n, bool copy) {
    const uint64_t h = Fnv1a(s, n);
    const size_t begin = frames_.back();
    // Small objects (nearly all): a linear look at the names so far. Larger
    // ones are checked once, sorted, when they close.
    if (names_.size() - begin < kLinearNames) {
      for (size_t i = begin; i < names_.size(); ++i) {
        if (names_[i] == h) return Duplicate(s, n);
      }
    }
    names_.push_back(h);
    return doc_.Key(s, n, copy);
  }
  bool EndObject(SizeType count) {
    const size_t begin = frames_.back();
    if (names_.size() - begin > kLinearNames) {
      auto first = names_.begin() + static_cast<std::ptrdiff_t>(begin);
      std::sort(first, names_.end());
      if (std::adjacent_find(first, names_.end()) != names_.end()) {
        error_ = "an object has a member name twice (names must be unique)";
        return false;
      }
    }
    names_.resize(begin);
    frames_.pop_back();
    --depth_;
    return doc_.EndObject(count);
  }
  bool StartArray() { return Enter() && doc_.StartArray(); }
  bool EndArray(SizeType count) {
    --depth_;
    return doc_.EndArray(count);
  }

  //! Why the handler stopped the parse; empty when it did not.
  const std::string& error() const { return error_; }

 private:
  static constexpr size_t kLinearNames = 8;

  static uint64_t Fnv1a(const Ch* s, SizeType n) {
    uint64_t h = 14695981039346656037ull;
    for (SizeType i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 1099511628211ull;
    return h;
  }
  bool Enter() {
    if (++depth_ > max_depth_) {
      error_ = "nested deeper than " + std::to_string(max_depth_) + " levels";
      return false;
    }
    return true;
  }
  bool Duplicate(const Ch* s, SizeType n) {
    error_ = "member name " + QuoteExcerpt(std::string_view(s, n)) + " appears twice in one object";
    return false;
  }

  Document& doc_;
  const int max_depth_;
  int depth_ = 0;
  // Inline capacity: a check or report body never touches the heap here.
  absl::InlinedVector<uint64_t, 16> names_;  // hashes of the names of every open object
  absl::InlinedVector<size_t, 8> frames_;    // where each open object's names start
  std::string error_;
};

}  // namespace json_internal

//! Parses `text` into `doc` (any RapidJSON GenericDocument over UTF-8):
//! iterative, UTF-8 validated, at most `max_depth` levels, no duplicate
//! member names. The parser's working stack comes from `stack_allocator`
//! (nullptr: the heap), so a caller with a stack buffer parses small bodies
//! without malloc. On failure `doc` holds null and the Status says
//! "not valid JSON at byte N: <reason>".
template <typename Document, typename StackAllocator = rapidjson::CrtAllocator>
Status ParseJson(std::string_view text, Document& doc, StackAllocator* stack_allocator = nullptr,
                 int max_depth = kMaxJsonDepth) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, StackAllocator> reader(stack_allocator);
  json_internal::LimitingHandler<Document> handler(doc, max_depth);
  rapidjson::ParseResult result;
  auto generate = [&](Document& target) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(stream);
    (void)target;  // the handler forwards to `doc`, which is `target`
    result = reader.template Parse<kFlags>(in, handler);
    return !result.IsError();
  };
  doc.Populate(generate);
  if (!result.IsError()) return Status::Ok();
  doc.SetNull();
  std::string reason = !handler.error().empty() ? handler.error()
                                                : std::string(rapidjson::GetParseError_En(result.Code()));
  return Status::InvalidArgument("not valid JSON at byte " + std::to_string(result.Offset()) + ": " + reason);
}

}  // namespace zicht
