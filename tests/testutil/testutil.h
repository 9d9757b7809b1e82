#pragma once
// Helpers shared by tests: a temporary directory that cleans up after itself,
// running the real `zicht` binary as a subprocess, and small file helpers.
// Test-only; never linked into the product.
#include <filesystem>
#include <string>
#include <vector>

namespace zicht::testutil {

//! A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;  // the process's exit status; 128+N when killed by signal N
  std::string out;     // stdout
  std::string err;     // stderr
};

//! Runs `argv` (argv[0] is a path) with `stdin_data` on its standard input and
//! waits for it. Does not go through a shell.
CommandResult Run(const std::vector<std::string>& argv, const std::string& stdin_data = "");

//! Path of the `zicht` binary under test: $ZICHT_BIN if set, else the one this build made.
std::string ZichtBin();

//! Root of the source tree: $ZICHT_SOURCE_DIR if set, else this build's.
std::string SourceDir();

//! Runs `zicht` with `args`.
CommandResult RunZicht(const std::vector<std::string>& args, const std::string& stdin_data = "");

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

}  // namespace zicht::testutil
