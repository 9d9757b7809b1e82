#pragma once
// Splits input into lines, from an istream (files, stdin) or from memory (an
// HTTP body), without a per-line allocation: lines are views into one
// growing buffer, read in 1 MiB chunks.
//
// A line ends at '\n'; a trailing '\r' is dropped (CRLF files); a last line
// without '\n' is still a line. Line numbers count from 1 and match what an
// editor shows.
//
// Thread-safety: one thread at a time.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

#include "common/status.h"

namespace zicht::ingest {

class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(&in) {}
  explicit LineReader(std::string_view data) : data_(data) {}
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  //! The next line into `*line` (valid until the next call); false at the end
  //! of the input or on a read error (then status() is not OK).
  bool Next(std::string_view* line);

  //! Number of the line last returned by Next().
  int64_t line_number() const { return line_number_; }

  //! kIOError when reading the stream failed; OK otherwise.
  const Status& status() const { return status_; }

 private:
  bool Fill();  // reads more into buf_; false when nothing more came

  std::istream* in_ = nullptr;
  std::string_view data_;  // memory input, or the unread part of buf_
  std::string buf_;
  size_t pos_ = 0;  // start of the unread part of data_
  int64_t line_number_ = 0;
  bool eof_ = false;
  Status status_;
};

}  // namespace zicht::ingest
