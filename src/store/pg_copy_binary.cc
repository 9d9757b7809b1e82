#include "store/pg_copy_binary.h"

namespace zicht::store::pg {
namespace {

// Network byte order, as every integer in the binary format.
void PutBigEndian(char* at, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) {
    at[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}

void AppendBigEndian(std::string* out, uint64_t v, int bytes) {
  char buf[8];
  PutBigEndian(buf, v, bytes);
  out->append(buf, static_cast<size_t>(bytes));
}

}  // namespace

std::string_view CopyBinary::Header() {
  // Signature "PGCOPY\n\377\r\n\0", flags 0 (no OIDs), header extension 0.
  static constexpr char kHeader[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
  return std::string_view(kHeader, sizeof(kHeader) - 1);
}

std::string_view CopyBinary::Trailer() {
  static constexpr char kTrailer[] = "\377\377";  // a field count of -1
  return std::string_view(kTrailer, 2);
}

void CopyBinary::BeginRow(int16_t fields) { AppendBigEndian(out_, static_cast<uint16_t>(fields), 2); }

void CopyBinary::Length(int32_t n) { AppendBigEndian(out_, static_cast<uint32_t>(n), 4); }

size_t CopyBinary::Int64(int64_t v) {
  Length(8);
  size_t at = out_->size();
  AppendBigEndian(out_, static_cast<uint64_t>(v), 8);
  return at;
}

void CopyBinary::Int32(int32_t v) {
  Length(4);
  AppendBigEndian(out_, static_cast<uint32_t>(v), 4);
}

void CopyBinary::Bool(bool v) {
  Length(1);
  out_->push_back(v ? '\1' : '\0');
}

void CopyBinary::Text(std::string_view v) {
  Length(static_cast<int32_t>(v.size()));
  out_->append(v);
}

void CopyBinary::Null() { Length(-1); }

void CopyBinary::PatchInt64(std::string* buffer, size_t at, int64_t v) {
  PutBigEndian(buffer->data() + at, static_cast<uint64_t>(v), 8);
}

}  // namespace zicht::store::pg
