#pragma once
// The files of data/screening/, compiled into the binary by
// embed_signals.cmake (generated embedded_signals.cc).
#include <string_view>

namespace zicht::screen {

//! The shipped content of `name` ("patterns.tsv", ...), empty when unknown.
std::string_view EmbeddedSignalFile(std::string_view name);

}  // namespace zicht::screen
