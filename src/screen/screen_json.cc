#include "screen/screen_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace zicht::screen {
namespace {

constexpr int kScoreDecimals = 3;

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
  auto text = doc.FindMember("text");
  if (text == doc.MemberEnd() || text->value.IsNull()) return Status::InvalidArgument("text: required");
  if (!text->value.IsString()) return Status::InvalidArgument("text: must be a string");
  if (text->value.GetStringLength() > kMaxTextBytes) {
    return Status::TooLarge("text: longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  request.text.assign(text->value.GetString(), text->value.GetStringLength());
  auto known = doc.FindMember("sender_known");
  if (known != doc.MemberEnd() && !known->value.IsNull()) {
    if (!known->value.IsBool()) return Status::InvalidArgument("sender_known: must be a boolean");
    request.sender_known = known->value.GetBool();
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
