#include "screen/screen_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

#include "common/json_parse.h"
#include "model/identifier.h"

namespace zicht::screen {
namespace {

constexpr int kScoreDecimals = 3;

// The member `name` of `object`, or nullptr. (Comparing RapidJSON member
// iterators is ambiguous under C++20 rewritten operators; clang warns.)
const rapidjson::Value* Member(const rapidjson::Value& object, const char* name) {
  return object.HasMember(name) ? &object[name] : nullptr;
}

Result<rapidjson::Document> ParseObject(std::string_view body) {
  rapidjson::Document doc;
  ZICHT_RETURN_IF_ERROR(ParseJson(body, doc).WithContext("body"));
  if (!doc.IsObject()) return Status::InvalidArgument("body: must be a JSON object");
  return doc;
}

Result<bool> SenderKnown(const rapidjson::Value& doc) {
  const rapidjson::Value* known = Member(doc, "sender_known");
  if (known == nullptr || known->IsNull()) return false;
  if (!known->IsBool()) return Status::InvalidArgument("sender_known: must be a boolean");
  return known->GetBool();
}

}  // namespace

Result<ScreenRequest> ParseScreenRequest(std::string_view body) {
  ZICHT_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseObject(body));
  ScreenRequest request;
  const rapidjson::Value* text = Member(doc, "text");
  if (text == nullptr || text->IsNull()) return Status::InvalidArgument("text: required");
  if (!text->IsString()) return Status::InvalidArgument("text: must be a string");
  if (text->GetStringLength() > kMaxTextBytes) {
    return Status::TooLarge("text: longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  request.text.assign(text->GetString(), text->GetStringLength());
  ZICHT_ASSIGN_OR_RETURN(request.sender_known, SenderKnown(doc));
  return request;
}

Result<ThreadRequest> ParseThreadRequest(std::string_view body) {
  ZICHT_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseObject(body));
  ThreadRequest request;
  const rapidjson::Value* messages = Member(doc, "messages");
  if (messages == nullptr || messages->IsNull()) return Status::InvalidArgument("messages: required");
  if (!messages->IsArray()) return Status::InvalidArgument("messages: must be an array");
  if (messages->Empty()) return Status::InvalidArgument("messages: empty thread");
  if (messages->Size() > kMaxThreadMessages) {
    return Status::TooLarge("messages: more than " + std::to_string(kMaxThreadMessages) + " messages");
  }
  size_t bytes = 0;
  for (rapidjson::SizeType i = 0; i < messages->Size(); ++i) {
    const rapidjson::Value& m = (*messages)[i];
    const std::string where = "messages[" + std::to_string(i) + "]";
    const rapidjson::Value* text = &m;
    if (m.IsObject()) {
      text = Member(m, "text");
      if (text == nullptr || !text->IsString()) return Status::InvalidArgument(where + ".text: must be a string");
    } else if (!m.IsString()) {
      return Status::InvalidArgument(where + ": must be a string or an object with \"text\"");
    }
    bytes += text->GetStringLength();
    if (bytes > kMaxThreadBytes) {
      return Status::TooLarge("messages: longer than " + std::to_string(kMaxThreadBytes) + " bytes in all");
    }
    request.messages.emplace_back(text->GetString(), text->GetStringLength());
  }
  ZICHT_ASSIGN_OR_RETURN(request.sender_known, SenderKnown(doc));
  return request;
}

std::string ScreenResultToJson(const ScreenResult& result, bool thread, model::Scope scope) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.SetMaxDecimalPlaces(kScoreDecimals);
  w.StartObject();
  w.Key("label");
  const std::string_view label = LabelName(result.label);
  w.String(label.data(), static_cast<rapidjson::SizeType>(label.size()));
  w.Key("score");
  const double scale = std::pow(10.0, kScoreDecimals);
  w.Double(std::round(result.score * scale) / scale);
  w.Key("signals");
  w.StartArray();
  for (int i = 0; i < kSignalCount; ++i) {
    const auto signal = static_cast<Signal>(i);
    if (!result.signals.Has(signal)) continue;
    const std::string_view name = SignalName(signal);
    w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  }
  w.EndArray();
  if (!result.known_identifiers.empty()) {
    w.Key("known_identifiers");
    w.StartArray();
    for (const IdentifierHit& hit : result.known_identifiers) {
      w.StartObject();
      w.Key("kind");
      const std::string_view kind = model::kIdentifierKindNames.Name(hit.kind);
      w.String(kind.data(), static_cast<rapidjson::SizeType>(kind.size()));
      w.Key("risk");
      w.String(hit.risk.c_str(), static_cast<rapidjson::SizeType>(hit.risk.size()));
      if (scope == model::Scope::kDetail) {
        w.Key("reports");
        w.Int64(hit.reports);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  if (thread) {
    w.Key("messages");
    w.Int(result.messages);
    w.Key("first_flagged");
    if (result.first_flagged < 0) {
      w.Null();
    } else {
      w.Int(result.first_flagged);
    }
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<std::string> ScreenJsonRequest(const Screener& screener, std::string_view body, model::Scope scope) {
  ZICHT_ASSIGN_OR_RETURN(ScreenRequest request, ParseScreenRequest(body));
  return ScreenResultToJson(screener.Screen(request.text, request.sender_known), false, scope);
}

Result<std::string> ScreenThreadJsonRequest(const Screener& screener, std::string_view body, model::Scope scope) {
  ZICHT_ASSIGN_OR_RETURN(ThreadRequest request, ParseThreadRequest(body));
  return ScreenResultToJson(screener.ScreenThread(request.messages, request.sender_known), true, scope);
}

}  // namespace zicht::screen
