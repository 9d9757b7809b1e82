#pragma once
// Windows-1252 → UTF-8, for CSV saved by Excel on Windows ("CSV
// (gescheiden door lijstscheidingsteken)" writes the ANSI code page, not
// UTF-8), converted with ICU's ucnv (docs/dependencies.md). Every byte is
// one character in Windows-1252, so a record can be converted on its own.
//
// Thread-safety: thread-safe (a converter per call).
#include <string>
#include <string_view>

namespace zicht::ingest {

//! True when `s` is well-formed UTF-8 (no overlongs, no surrogates), the
//! check RapidJSON makes on JSON lines.
bool IsUtf8(std::string_view s);

//! `text` read as Windows-1252, in UTF-8. The five bytes Windows-1252 leaves
//! undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
std::string Windows1252ToUtf8(std::string_view text);

}  // namespace zicht::ingest
