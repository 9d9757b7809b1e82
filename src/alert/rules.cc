// Loading the alert rules file: TOML (toml++) → AlertRules. toml++ throws
// on syntax errors; that exception is caught here and becomes a Status
// with the file, line and column, like every other mistake in the file.
#include "alert/rules.h"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace zicht::alert {

int64_t DeliveryPolicy::BackoffMs(int64_t attempts) const {
  int64_t wait = first_retry_ms;
  for (int64_t i = 1; i < attempts && wait < max_retry_ms; ++i) wait *= 2;
  return std::min(wait, max_retry_ms);
}

namespace {

class Loader {
 public:
  Loader(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  Result<AlertRules> Load() {
    toml::table root;
    try {
      root = toml::parse(text_, source_);
    } catch (const toml::parse_error& e) {
      return Error(e.source().begin, std::string(e.description()));
    }
    AlertRules rules;
    rules.source = std::string(source_);
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      if (k == "version" || k == "description") continue;
      const toml::table* t = node.as_table();
      if (!t) return Error(node.source().begin, "'" + std::string(k) + "' must be a table");
      Status s;
      if (k == kRuleBeneficiaryLoss) s = Table(*t, k, {"enabled"}, &rules.beneficiary_loss);
      else if (k == kRuleReports) {
        s = Table(*t, k, {"enabled", "min_reports", "min_sources"}, &rules.reports);
        if (s.ok()) s = Int(*t, "min_reports", 1, 1000000, &rules.min_reports);
        if (s.ok()) s = Int(*t, "min_sources", 1, 1000, &rules.min_sources);
      } else if (k == kRuleMuleCandidate) s = Table(*t, k, {"enabled"}, &rules.mule_candidate);
      else if (k == kRulePriorityCluster) {
        s = Table(*t, k, {"enabled", "top"}, &rules.priority_cluster);
        if (s.ok()) s = Int(*t, "top", 1, 1000, &rules.priority_top);
      } else if (k == kRuleDisputed) s = Table(*t, k, {"enabled"}, &rules.disputed);
      else if (k == "delivery") {
        bool unused = true;
        DeliveryPolicy& d = rules.delivery;
        s = Table(*t, k, {"timeout_ms", "first_retry_ms", "max_retry_ms", "max_attempts"}, &unused);
        if (s.ok()) s = Int(*t, "timeout_ms", 10, 600000, &d.timeout_ms);
        if (s.ok()) s = Int(*t, "first_retry_ms", 1, 86400000, &d.first_retry_ms);
        if (s.ok()) s = Int(*t, "max_retry_ms", 1, 7 * 86400000LL, &d.max_retry_ms);
        if (s.ok()) s = Int(*t, "max_attempts", 1, 1000, &d.max_attempts);
        if (s.ok() && d.max_retry_ms < d.first_retry_ms) {
          s = Error(t->source().begin, "delivery.max_retry_ms must be at least first_retry_ms");
        }
      } else {
        return Error(key.source().begin, "unknown section '" + std::string(k) +
                                             "' (beneficiary_loss, reports, mule_candidate, priority_cluster, "
                                             "disputed, delivery)");
      }
      if (!s.ok()) return s;
    }
    return rules;
  }

 private:
  Status Error(const toml::source_position& pos, std::string message) const {
    return Status::InvalidArgument(std::string(source_) + ":" + std::to_string(pos.line) + ":" +
                                   std::to_string(pos.column) + ": " + message);
  }

  // Refuses keys outside `allowed` (a typo must not be ignored) and reads `enabled`.
  Status Table(const toml::table& t, std::string_view section, std::initializer_list<std::string_view> allowed,
               bool* enabled) const {
    for (auto&& [key, node] : t) {
      bool known = false;
      for (std::string_view a : allowed) known = known || key.str() == a;
      if (!known) {
        return Error(key.source().begin, "unknown key '" + std::string(key.str()) + "' in [" +
                                             std::string(section) + "]");
      }
    }
    if (const toml::node* e = t.get("enabled")) {
      auto v = e->value<bool>();
      if (!v) return Error(e->source().begin, std::string(section) + ".enabled must be true or false");
      *enabled = *v;
    }
    return Status::Ok();
  }

  Status Int(const toml::table& t, std::string_view key, int64_t lo, int64_t hi, int64_t* out) const {
    const toml::node* n = t.get(key);
    if (!n) return Status::Ok();
    auto v = n->value<int64_t>();
    if (!v || *v < lo || *v > hi) {
      return Error(n->source().begin, std::string(key) + " must be a whole number from " + std::to_string(lo) +
                                          " to " + std::to_string(hi));
    }
    *out = *v;
    return Status::Ok();
  }

  std::string_view text_;
  std::string_view source_;
};

}  // namespace

Result<AlertRules> ParseAlertRules(std::string_view text, std::string_view source) {
  return Loader(text, source).Load();
}

Result<AlertRules> LoadAlertRules(const std::string& path) {
  if (path.empty()) return ParseAlertRules(DefaultAlertRulesText(), "built-in alert rules");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read alert rules '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  return ParseAlertRules(text.str(), path);
}

}  // namespace zicht::alert
