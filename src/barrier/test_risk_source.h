#pragma once
// Test-only: an IdentifierRiskSource backed by a map, standing in for the
// linking engine in unit tests of barrier logic.
#include <map>
#include <string>
#include <utility>

#include "barrier/risk_source.h"

namespace zicht::barrier {

class MapRiskSource final : public IdentifierRiskSource {
 public:
  void Set(model::IdentifierKind kind, std::string value, RiskLevel risk) { risks_[{kind, std::move(value)}] = risk; }
  RiskLevel RiskOf(model::IdentifierKind kind, std::string_view value) const override {
    auto it = risks_.find({kind, std::string(value)});
    return it == risks_.end() ? RiskLevel::kNone : it->second;
  }

 private:
  std::map<std::pair<model::IdentifierKind, std::string>, RiskLevel> risks_;
};

}  // namespace zicht::barrier
