#include "barrier/evaluate_json.h"

#include <rapidjson/document.h>

#include "common/json_parse.h"

#include "barrier/decision_json.h"
#include "barrier/event_json.h"

namespace zicht::barrier {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

Status ParseJsonLines(std::string_view body, std::vector<Event>* events) {
  size_t line_no = 0;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    ++line_no;
    start = end + 1;
    bool blank = true;
    for (char c : line) blank = blank && IsSpace(c);
    if (blank) {
      if (end == body.size()) break;
      continue;
    }
    if (events->size() >= kMaxEventsPerRequest) {
      return Status::TooLarge("more than " + std::to_string(kMaxEventsPerRequest) + " events in one request");
    }
    auto event = ParseEvent(line);
    if (!event.ok()) return event.status().WithContext("line " + std::to_string(line_no));
    events->push_back(std::move(event).value());
    if (end == body.size()) break;
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> EvaluateJsonRequest(Engine& engine, std::string_view body) {
  size_t first = 0;
  while (first < body.size() && IsSpace(body[first])) ++first;
  if (first == body.size()) return Status::InvalidArgument("body: empty; expected an event, an array of events or JSON Lines");

  std::vector<Event> events;
  // One JSON value (object or array) parses whole; a second value after the
  // first (JSON Lines) makes it fail, and then it is read line by line.
  rapidjson::Document doc;
  Status parsed = ParseJson(body, doc);
  bool single_value = parsed.ok();
  if (single_value && doc.IsArray()) {
    if (doc.Size() > kMaxEventsPerRequest) {
      return Status::TooLarge("more than " + std::to_string(kMaxEventsPerRequest) + " events in one request");
    }
    events.reserve(doc.Size());
    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
      auto event = EventFromJson(doc[i]);
      if (!event.ok()) return event.status().WithContext("event " + std::to_string(i + 1));
      events.push_back(std::move(event).value());
    }
  } else if (single_value && doc.IsObject()) {
    auto event = EventFromJson(doc);
    if (!event.ok()) return event.status();
    events.push_back(std::move(event).value());
  } else if (single_value) {
    return Status::InvalidArgument("body: expected an event object, an array of events or JSON Lines");
  } else if (body[first] == '{') {
    ZICHT_RETURN_IF_ERROR(ParseJsonLines(body, &events));
  } else {
    return parsed.WithContext("body");
  }

  std::vector<Decision> decisions;
  decisions.reserve(events.size());
  ZICHT_RETURN_IF_ERROR(engine.Apply(events, &decisions));

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("decisions");
  w.StartArray();
  size_t next = 0;
  for (const Event& event : events) {
    if (event.type != EventType::kPayment) continue;
    WriteDecisionJson(engine.rules(), event, decisions[next++], w);
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace zicht::barrier
