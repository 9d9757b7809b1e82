#include "ingest/line_reader.h"

#include <cstring>

namespace zicht::ingest {
namespace {
constexpr size_t kChunk = 1 << 20;
}

bool LineReader::Fill() {
  if (!in_ || eof_) return false;
  // Keep the unfinished tail, then append a chunk after it.
  size_t tail = data_.size() - pos_;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, tail);
  }
  buf_.resize(tail + kChunk);
  in_->read(buf_.data() + tail, static_cast<std::streamsize>(kChunk));
  size_t got = static_cast<size_t>(in_->gcount());
  if (in_->bad()) {
    status_ = Status::IOError("read failed");
    eof_ = true;
  } else if (got < kChunk) {
    eof_ = true;
  }
  buf_.resize(tail + got);
  data_ = buf_;
  pos_ = 0;
  return got > 0;
}

bool LineReader::Next(std::string_view* line) {
  for (;;) {
    const char* begin = data_.data() + pos_;
    size_t avail = data_.size() - pos_;
    const void* nl = avail ? std::memchr(begin, '\n', avail) : nullptr;
    if (nl) {
      size_t len = static_cast<size_t>(static_cast<const char*>(nl) - begin);
      pos_ += len + 1;
      if (len > 0 && begin[len - 1] == '\r') --len;
      *line = std::string_view(begin, len);
      ++line_number_;
      return true;
    }
    if (!Fill()) {
      if (!status_.ok()) return false;
      avail = data_.size() - pos_;
      if (avail == 0) return false;
      begin = data_.data() + pos_;
      pos_ = data_.size();
      size_t len = avail;
      if (begin[len - 1] == '\r') --len;
      *line = std::string_view(begin, len);
      ++line_number_;
      return true;
    }
  }
}

}  // namespace zicht::ingest
