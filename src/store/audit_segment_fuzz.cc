// libFuzzer target: DecodeAuditSegment on arbitrary bytes (a corrupt or
// hand-edited audit_segment.data). Checks that nothing crashes or reads out
// of bounds, that every failure is kCorruption with a message and no
// entries, and that whatever decodes survives encode → decode unchanged
// (byte equality is not required: a blob may use another dictionary order
// or a literal where the encoder would pack hex), and that the filtered
// decode (the one Query uses) returns exactly what filtering the full decode
// returns, for filters taken from the decoded entries.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "store/audit_segment.h"

namespace {

bool Same(const zicht::store::AuditEntry& a, const zicht::store::AuditEntry& b) {
  return a.seq == b.seq && a.at == b.at && a.partner == b.partner && a.key_id == b.key_id &&
         a.endpoint == b.endpoint && a.kind == b.kind && a.pseudonym == b.pseudonym && a.subject == b.subject &&
         a.purpose == b.purpose && a.result == b.result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using zicht::store::AuditEntry;
  constexpr int64_t kFirstSeq = 42;
  const std::string_view blob(reinterpret_cast<const char*>(data), size);
  std::vector<AuditEntry> decoded;
  zicht::Status s = zicht::store::DecodeAuditSegment(blob, kFirstSeq, &decoded);
  if (!s.ok()) {
    if (s.code() != zicht::StatusCode::kCorruption || s.message().empty() || !decoded.empty()) std::abort();
    return 0;
  }
  std::vector<AuditEntry> again;
  if (!zicht::store::DecodeAuditSegment(zicht::store::EncodeAuditSegment(decoded), kFirstSeq, &again).ok()) {
    std::abort();
  }
  if (again.size() != decoded.size()) std::abort();
  for (size_t i = 0; i < decoded.size(); ++i) {
    if (!Same(again[i], decoded[i])) std::abort();
  }
  if (decoded.empty()) return 0;
  const AuditEntry& probe = decoded[size % decoded.size()];
  std::vector<zicht::store::AuditQuery> filters(4);
  filters[0].partner = probe.partner;
  filters[1].pseudonym = probe.pseudonym;
  filters[2].since = probe.at;
  filters[3] = {probe.partner, probe.at, probe.pseudonym, 0};
  for (const auto& f : filters) {
    std::vector<AuditEntry> want;
    for (const AuditEntry& e : decoded) {
      if ((!f.partner || e.partner == *f.partner) && (!f.since || e.at >= *f.since) &&
          (!f.pseudonym || e.pseudonym == *f.pseudonym)) {
        want.push_back(e);
      }
    }
    std::vector<AuditEntry> got;
    auto n = zicht::store::DecodeMatchingAuditEntries(blob, kFirstSeq, f, &got);
    if (!n.ok() || *n != static_cast<int64_t>(decoded.size()) || got.size() != want.size()) std::abort();
    for (size_t i = 0; i < got.size(); ++i) {
      if (!Same(got[i], want[i])) std::abort();
    }
  }
  return 0;
}
