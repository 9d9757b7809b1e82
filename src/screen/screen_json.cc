#include "screen/screen_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace zicht::screen {
namespace {

constexpr int kScoreDecimals = 3;

// The member `name` of `object`, or nullptr. (Comparing RapidJSON member
// iterators is ambiguous under C++20 rewritten operators; clang warns.)
const rapidjson::Value* Member(const rapidjson::Value& object, const char* name) {
  return object.HasMember(name) ? &object[name] : nullptr;
}

}  // namespace

Result<ScreenRequest> ParseScreenRequest(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument("body: not valid JSON at offset " + std::to_string(doc.GetErrorOffset()) +
                                   ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Status::InvalidArgument("body: must be a JSON object");
  ScreenRequest request;
  const rapidjson::Value* text = Member(doc, "text");
  if (text == nullptr || text->IsNull()) return Status::InvalidArgument("text: required");
  if (!text->IsString()) return Status::InvalidArgument("text: must be a string");
  if (text->GetStringLength() > kMaxTextBytes) {
    return Status::TooLarge("text: longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  request.text.assign(text->GetString(), text->GetStringLength());
  const rapidjson::Value* known = Member(doc, "sender_known");
  if (known != nullptr && !known->IsNull()) {
    if (!known->IsBool()) return Status::InvalidArgument("sender_known: must be a boolean");
    request.sender_known = known->GetBool();
  }
  return request;
}

std::string ScreenResultToJson(const ScreenResult& result) {
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
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<std::string> ScreenJsonRequest(const Screener& screener, std::string_view body) {
  ZICHT_ASSIGN_OR_RETURN(ScreenRequest request, ParseScreenRequest(body));
  return ScreenResultToJson(screener.Screen(request.text, request.sender_known));
}

}  // namespace zicht::screen
