#pragma once
// Splits JSON text that is not one object per line into its report
// objects: a whole file that is one JSON array of reports, or objects
// pretty-printed over several lines, one after the other (docs/ingest.md,
// "JSON"). Each value comes out as its own text with the line it starts on,
// and then goes through the same JsonLineParser as a JSON line.
//
// Only the structure is scanned here (strings, escapes, bracket depth); the
// parser judges each value. A value that never closes comes out at the end,
// where it fails to parse and is rejected with its starting line. A value
// larger than kMaxValueBytes is cut off and rejected the same way, so a
// broken bracket cannot make one value swallow a whole file into memory.
//
// Thread-safety: one instance per input.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace zicht::ingest {

class JsonValueSplitter {
 public:
  //! One value: its text and the 1-based line it starts on.
  using Emit = std::function<void(std::string_view value, int64_t line)>;

  //! `array`: the input is one JSON array whose elements are the values;
  //! else a sequence of top-level values.
  JsonValueSplitter(bool array, Emit emit) : array_(array), emit_(std::move(emit)) {}

  //! Feeds one input line (without its line end).
  void Feed(std::string_view line, int64_t line_no);
  //! Ends the input: emits a value still open. Returns false when an array
  //! input never closed its ']' (the caller reports it).
  bool Finish();

  static constexpr size_t kMaxValueBytes = 16 * 1024 * 1024;

 private:
  void EmitCurrent();

  bool array_;
  Emit emit_;
  bool opened_ = false;  // array: '[' seen
  bool closed_ = false;  // array: ']' seen
  int depth_ = 0;        // bracket depth inside the current value
  bool in_value_ = false;
  bool scalar_ = false;  // the current value is a bare scalar (rejected later)
  bool in_string_ = false;
  bool escape_ = false;
  std::string current_;
  int64_t current_line_ = 0;
};

}  // namespace zicht::ingest
