#include "ingest/rejects_file.h"

#include <cerrno>
#include <cstring>

namespace zicht::ingest {

std::string FormatRejection(const Rejection& r) {
  std::string out = r.input + ":" + std::to_string(r.line) + ": ";
  if (!r.field.empty()) out += "field '" + r.field + "': ";
  out += r.reason;
  return out;
}

Result<std::unique_ptr<RejectsFile>> RejectsFile::Open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::IOError("cannot write rejects file '" + path + "': " + std::strerror(errno));
  return std::unique_ptr<RejectsFile>(new RejectsFile(f, path));
}

RejectsFile::~RejectsFile() {
  if (f_) std::fclose(f_);
}

void RejectsFile::Write(const Rejection& r, std::string_view raw, std::string_view csv_header) {
  if (!f_) return;
  if (!csv_header.empty() && inputs_with_header_.insert(r.input).second) {
    std::fprintf(f_, "# header of %s\n", r.input.c_str());
    std::fwrite(csv_header.data(), 1, csv_header.size(), f_);
    std::fputc('\n', f_);
  }
  std::string comment = "# " + FormatRejection(r) + "\n";
  std::fwrite(comment.data(), 1, comment.size(), f_);
  std::fwrite(raw.data(), 1, raw.size(), f_);
  std::fputc('\n', f_);
}

Status RejectsFile::Close() {
  if (!f_) return Status::Ok();
  bool failed = std::ferror(f_) != 0;
  failed |= std::fclose(f_) != 0;
  f_ = nullptr;
  if (failed) return Status::IOError("writing rejects file '" + path_ + "' failed");
  return Status::Ok();
}

}  // namespace zicht::ingest
