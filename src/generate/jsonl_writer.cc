#include "generate/jsonl_writer.h"

#include <cerrno>
#include <cstring>

#include "common/json_string.h"
#include "generate/iban_maker.h"

namespace zicht::generate {
namespace {

constexpr size_t kFlushBytes = 1 << 20;

void AppendField(std::string_view name, std::string* out) {
  out->push_back(',');
  out->push_back('"');
  out->append(name);
  out->append("\":");
}

// Euro cents as a JSON number with two decimals: 245000 → 2450.00.
void AppendEuros(int64_t cents, std::string* out) {
  if (cents < 0) {
    out->push_back('-');
    cents = -cents;
  }
  out->append(std::to_string(cents / 100));
  out->push_back('.');
  AppendDigits(static_cast<uint64_t>(cents % 100), 2, out);
}

}  // namespace

void AppendReportJsonLine(const model::Report& r, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(r.key.id, out);
  AppendField("source", out);
  AppendJsonString(r.key.source, out);
  AppendField("reported_at", out);
  AppendJsonString(r.reported_at, out);
  if (r.occurred_at) {
    AppendField("occurred_at", out);
    AppendJsonString(*r.occurred_at, out);
  }
  AppendField("fraud_type", out);
  AppendJsonString(model::kFraudTypeNames.Name(r.fraud_type), out);
  AppendField("outcome", out);
  AppendJsonString(model::kOutcomeNames.Name(r.outcome), out);
  if (r.damage_cents) {
    AppendField("damage_eur", out);
    AppendEuros(*r.damage_cents, out);
  }
  if (r.channel) {
    AppendField("channel", out);
    AppendJsonString(model::kChannelNames.Name(*r.channel), out);
  }
  if (r.victim.age_band || r.victim.region) {
    AppendField("victim", out);
    out->push_back('{');
    bool first = true;
    if (r.victim.age_band) {
      out->append("\"age_band\":");
      AppendJsonString(model::kAgeBandNames.Name(*r.victim.age_band), out);
      first = false;
    }
    if (r.victim.region) {
      if (!first) out->push_back(',');
      out->append("\"region\":");
      AppendJsonString(model::kRegionNames.Name(*r.victim.region), out);
    }
    out->push_back('}');
  }
  AppendField("identifiers", out);
  out->push_back('[');
  for (size_t i = 0; i < r.identifiers.size(); ++i) {
    const model::Identifier& id = r.identifiers[i];
    if (i) out->push_back(',');
    out->append("{\"kind\":");
    AppendJsonString(model::kIdentifierKindNames.Name(id.kind), out);
    out->append(",\"value\":");
    AppendJsonString(id.value, out);
    out->append(",\"role\":");
    AppendJsonString(model::kRoleNames.Name(id.role), out);
    out->push_back('}');
  }
  out->push_back(']');
  if (!r.text.empty()) {
    AppendField("text", out);
    AppendJsonString(r.text, out);
  }
  out->append("}\n");
}

Status WriteJsonl(const GeneratorOptions& options, uint64_t n, std::FILE* out) {
  ZICHT_RETURN_IF_ERROR(ValidateOptions(options));
  Generator gen(options);
  model::Report report;
  std::string buffer;
  buffer.reserve(kFlushBytes + 4096);
  auto flush = [&]() -> Status {
    if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
      return Status::IOError(std::string("writing reports failed: ") + std::strerror(errno));
    }
    buffer.clear();
    return Status::Ok();
  };
  for (uint64_t i = 0; i < n; ++i) {
    gen.Next(&report);
    AppendReportJsonLine(report, &buffer);
    if (buffer.size() >= kFlushBytes) ZICHT_RETURN_IF_ERROR(flush());
  }
  ZICHT_RETURN_IF_ERROR(flush());
  if (std::fflush(out) != 0) return Status::IOError(std::string("writing reports failed: ") + std::strerror(errno));
  return Status::Ok();
}

}  // namespace zicht::generate
