#pragma once
// Rows in COPY's binary format (PostgreSQL manual, COPY, "Binary Format"),
// for bulk loads: no escaping on our side and no text parsing of numbers on
// the server's, and a bigint field has a fixed place in the buffer, so a row
// id known only later can be written into rows already encoded (PatchInt64).
//
// A stream is Header(), then rows, then Trailer(). Each row: BeginRow(n),
// then exactly n fields in the order of the COPY's column list, each of
// the column's type (Int64: bigint, Int32: integer, Bool: boolean, Text:
// text; Null for any). Text must be valid UTF-8 (the server checks it, as
// for text format).
//
// Thread-safety: none; one writer per buffer.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zicht::store::pg {

class CopyBinary {
 public:
  //! Appends to `out` (not owned; must outlive this).
  explicit CopyBinary(std::string* out) : out_(out) {}

  static std::string_view Header();
  static std::string_view Trailer();

  void BeginRow(int16_t fields);
  //! Returns the offset in the buffer of the value's 8 bytes, for PatchInt64.
  size_t Int64(int64_t v);
  void Int32(int32_t v);
  void Bool(bool v);
  void Text(std::string_view v);
  void Null();
  void OptionalInt64(const std::optional<int64_t>& v) { v ? (void)Int64(*v) : Null(); }

  //! Overwrites the bigint value at `at` (an offset Int64 returned).
  static void PatchInt64(std::string* buffer, size_t at, int64_t v);

 private:
  void Length(int32_t n);
  std::string* out_;
};

}  // namespace zicht::store::pg
