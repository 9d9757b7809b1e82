#include "barrier/decision_json.h"

namespace zicht::barrier {

void WriteDecisionJson(const RuleSet& rules, const Event& payment, const Decision& decision, JsonWriter& w) {
  w.StartObject();
  w.Key("account");
  w.String(payment.account.data(), static_cast<rapidjson::SizeType>(payment.account.size()));
  w.Key("at");
  std::string at = FormatRfc3339(payment.at);
  w.String(at.data(), static_cast<rapidjson::SizeType>(at.size()));
  w.Key("decision");
  std::string_view action = kActionNames.Name(decision.action);
  w.String(action.data(), static_cast<rapidjson::SizeType>(action.size()));
  if (decision.action == Action::kDelay) {
    w.Key("until");
    std::string until = FormatRfc3339(decision.until);
    w.String(until.data(), static_cast<rapidjson::SizeType>(until.size()));
  }
  w.Key("reasons");
  w.StartArray();
  for (size_t i = 0; i < decision.fired_count; ++i) {
    const std::string& reason = rules.barriers[decision.fired[i].barrier].reason;
    // Two custom barriers may share a code; say it once.
    bool seen = false;
    for (size_t j = 0; j < i; ++j) seen = seen || rules.barriers[decision.fired[j].barrier].reason == reason;
    if (!seen) w.String(reason.data(), static_cast<rapidjson::SizeType>(reason.size()));
  }
  w.EndArray();
  w.EndObject();
}

void DecisionTally::Add(const Decision& decision) {
  ++payments_;
  ++per_action_[static_cast<size_t>(decision.action)];
  for (size_t i = 0; i < decision.fired_count; ++i) {
    ++per_barrier_[decision.fired[i].barrier][static_cast<size_t>(decision.fired[i].action)];
  }
}

std::string DecisionTally::Text() const {
  std::string out = "payments " + std::to_string(payments_) + ":";
  for (size_t a = 0; a < per_action_.size(); ++a) {
    out += std::string(a ? ", " : " ") + std::string(kActionNames.Name(static_cast<Action>(a))) + " " +
           std::to_string(per_action_[a]);
  }
  out += "\n";
  for (size_t b = 0; b < per_barrier_.size(); ++b) {
    out += rules_.barriers[b].reason + " (" + rules_.barriers[b].name + "):";
    bool any = false;
    for (size_t a = 1; a < 4; ++a) {
      if (per_barrier_[b][a] == 0) continue;
      out += std::string(any ? ", " : " ") + std::string(kActionNames.Name(static_cast<Action>(a))) + " " +
             std::to_string(per_barrier_[b][a]);
      any = true;
    }
    if (!any) out += " none";
    out += "\n";
  }
  return out;
}

void DecisionTally::WriteJson(JsonWriter& w) const {
  w.StartObject();
  w.Key("payments");
  w.Int64(payments_);
  w.Key("decisions");
  w.StartObject();
  for (size_t a = 0; a < per_action_.size(); ++a) {
    w.Key(kActionNames.names[a].data(), static_cast<rapidjson::SizeType>(kActionNames.names[a].size()));
    w.Int64(per_action_[a]);
  }
  w.EndObject();
  w.Key("barriers");
  w.StartArray();
  for (size_t b = 0; b < per_barrier_.size(); ++b) {
    w.StartObject();
    w.Key("reason");
    w.String(rules_.barriers[b].reason.c_str());
    w.Key("barrier");
    w.String(rules_.barriers[b].name.c_str());
    for (size_t a = 1; a < 4; ++a) {
      w.Key(kActionNames.names[a].data(), static_cast<rapidjson::SizeType>(kActionNames.names[a].size()));
      w.Int64(per_barrier_[b][a]);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace zicht::barrier
