#pragma once
// The files of data/warninglists/, compiled into the binary by
// embed_warninglists.cmake (generated embedded_warninglists.cc).
#include <cstddef>

namespace zicht::link {

struct EmbeddedWarningList {
  const char* name;  // file name without extension
  const char* text;  // file content
};

extern const EmbeddedWarningList kEmbeddedWarningLists[];
extern const size_t kEmbeddedWarningListCount;

}  // namespace zicht::link
