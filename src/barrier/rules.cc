// Loading the rules file: TOML (toml++) → validated RuleSet. toml++ throws
// on syntax errors; that exception is caught here and becomes a Status with
// the file, line and column, like every other mistake found while loading.
#include "barrier/rules.h"

#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "barrier/duration.h"

namespace zicht::barrier {

const Barrier* RuleSet::Find(BarrierKind kind) const {
  for (const Barrier& b : barriers) {
    if (b.kind == kind) return &b;
  }
  return nullptr;
}

namespace {

constexpr double kMaxEuro = 1e12;

class RulesLoader {
 public:
  RulesLoader(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  Result<RuleSet> Load() {
    toml::table root;
    try {
      root = toml::parse(text_, source_);
    } catch (const toml::parse_error& e) {
      return Error(e.source().begin, std::string(e.description()));
    }
    RuleSet rules;
    rules.source = std::string(source_);
    // Stages in journey order; within a stage toml++ keeps keys sorted, which
    // makes the evaluation order (and so the order of reasons) independent
    // of how the file is laid out.
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      if (k == "version" || k == "description") continue;
      if (!kStageNames.Parse(k)) {
        return Error(key.source().begin, "unknown section '" + std::string(k) + "' (stages: " +
                                             kStageNames.Joined() + ")");
      }
      if (!node.is_table()) return Error(node.source().begin, "'" + std::string(k) + "' must be a table");
    }
    for (size_t s = 0; s < kStageNames.size(); ++s) {
      auto stage = static_cast<Stage>(s);
      const toml::table* table = root[kStageNames.Name(stage)].as_table();
      if (!table) continue;
      for (auto&& [key, node] : *table) {
        std::string name = std::string(kStageNames.Name(stage)) + "." + std::string(key.str());
        if (!node.is_table()) return Error(node.source().begin, name + ": must be a table of parameters");
        Barrier barrier;
        barrier.stage = stage;
        barrier.name = name;
        bool enabled = true;
        ZICHT_RETURN_IF_ERROR(LoadBarrier(std::string(key.str()), *node.as_table(), &barrier, &enabled));
        if (enabled) rules.barriers.push_back(std::move(barrier));
      }
    }
    return rules;
  }

 private:
  Status Error(const toml::source_position& pos, std::string message) const {
    return Status::InvalidArgument(std::string(source_) + ":" + std::to_string(pos.line) + ":" +
                                   std::to_string(pos.column) + ": " + message);
  }

  Status LoadBarrier(const std::string& key, const toml::table& table, Barrier* b, bool* enabled) {
    auto builtin = kBuiltinBarrierNames.Parse(key);
    bool custom = table.contains("when");
    if (!builtin && !custom) {
      return Error(table.source().begin, b->name + ": unknown barrier '" + key + "' (built-in: " +
                                             kBuiltinBarrierNames.Joined() + "; a custom barrier needs `when`)");
    }
    b->kind = builtin && !custom ? *builtin : BarrierKind::kCustom;
    // Defaults per kind, and the keys each kind accepts.
    std::vector<std::string_view> allowed = {"enabled", "action"};
    switch (b->kind) {
      case BarrierKind::kDailyLimit:
        b->reason = "DAILY_LIMIT";
        b->action = Action::kBlock;
        b->limit_cents = 200000;
        allowed.insert(allowed.end(), {"limit_eur"});
        break;
      case BarrierKind::kCoolingOff:
        b->reason = "COOLING_OFF";
        b->action = Action::kDelay;
        b->period_seconds = 4 * 3600;
        allowed.insert(allowed.end(), {"period"});
        break;
      case BarrierKind::kKnownBeneficiary:
      case BarrierKind::kKnownDevice:
        b->reason = b->kind == BarrierKind::kKnownBeneficiary ? "BENEFICIARY_KNOWN_FRAUD" : "DEVICE_KNOWN_FRAUD";
        b->delay_seconds = 24 * 3600;
        allowed = {"enabled", "high", "medium", "low", "review"};
        break;
      case BarrierKind::kAccountTakeover:
        b->reason = "ACCOUNT_TAKEOVER";
        b->action = Action::kDelay;
        b->window_seconds = 24 * 3600;
        b->min_amount_cents = 100000;
        b->delay_seconds = 24 * 3600;
        allowed.insert(allowed.end(), {"window", "min_amount_eur", "delay", "both_action"});
        break;
      case BarrierKind::kCustom: {
        std::string reason;
        for (char c : key) reason += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        b->reason = reason;
        allowed.insert(allowed.end(), {"when", "delay", "reason"});
        break;
      }
    }
    bool has_both_action = false;
    for (auto&& [k, node] : table) {
      std::string_view name = k.str();
      auto pos = node.source().begin;
      bool known = false;
      for (auto a : allowed) known = known || a == name;
      if (!known) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        return Error(k.source().begin, b->name + ": unknown parameter '" + std::string(name) + "' (allowed: " + list + ")");
      }
      std::string where = b->name + "." + std::string(name);
      if (name == "enabled") {
        if (!node.is_boolean()) return Error(pos, where + ": must be true or false");
        *enabled = node.as_boolean()->get();
      } else if (name == "action" || name == "high" || name == "medium" || name == "low" || name == "both_action") {
        Action action = Action::kAllow;  // set by GetAction on success
        ZICHT_RETURN_IF_ERROR(GetAction(node, where, &action));
        if (name == "action") b->action = action;
        if (name == "high") b->on_risk[static_cast<int>(RiskLevel::kHigh)] = action;
        if (name == "medium") b->on_risk[static_cast<int>(RiskLevel::kMedium)] = action;
        if (name == "low") b->on_risk[static_cast<int>(RiskLevel::kLow)] = action;
        if (name == "both_action") b->both_action = action, has_both_action = true;
      } else if (name == "limit_eur" || name == "min_amount_eur") {
        auto euro = node.value<double>();
        if (!euro || !(node.is_number()) || !std::isfinite(*euro) || *euro < 0 || *euro > kMaxEuro) {
          return Error(pos, where + ": must be a number of euro ≥ 0");
        }
        int64_t cents = std::llround(*euro * 100);
        if (name == "limit_eur") b->limit_cents = cents; else b->min_amount_cents = cents;
      } else if (name == "period" || name == "window" || name == "delay" || name == "review") {
        if (!node.is_string()) return Error(pos, where + ": must be an ISO 8601 duration string like \"PT4H\"");
        auto seconds = ParseIsoDuration(node.as_string()->get());
        if (!seconds.ok()) return Error(pos, where + ": " + seconds.status().message());
        if (name == "period") b->period_seconds = *seconds;
        if (name == "window") b->window_seconds = *seconds;
        if (name == "delay" || name == "review") b->delay_seconds = *seconds;
      } else if (name == "reason") {
        if (!node.is_string()) return Error(pos, where + ": must be a string");
        std::string reason = node.as_string()->get();
        bool ok = !reason.empty() && reason.size() <= 64;
        for (char c : reason) ok = ok && (std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
        if (!ok) return Error(pos, where + ": must be an upper-case code like NIGHT_TRANSFER ([A-Z0-9_], ≤ 64)");
        b->reason = reason;
      } else if (name == "when") {
        if (!node.is_string()) return Error(pos, where + ": must be a string holding a condition");
        const std::string& text = node.as_string()->get();
        ExpressionError error;
        if (!Expression::Compile(text, &b->condition, &error)) {
          return Error(PositionInString(pos, text, error.offset), where + ": " + error.message);
        }
      }
    }
    if (!has_both_action) b->both_action = b->action;
    if (b->kind == BarrierKind::kCustom && !table.contains("action")) {
      return Error(table.source().begin, b->name + ": a custom barrier needs `action` (" + kActionNames.Joined() + ")");
    }
    if (b->kind == BarrierKind::kCustom && b->action == Action::kDelay && b->delay_seconds <= 0 &&
        !table.contains("delay")) {
      return Error(table.source().begin, b->name + ": action \"delay\" needs `delay` (how long, e.g. \"PT1H\")");
    }
    return Status::Ok();
  }

  Status GetAction(const toml::node& node, const std::string& where, Action* out) const {
    const auto* s = node.as_string();
    auto action = s ? kActionNames.Parse(s->get()) : std::nullopt;
    if (!action) return Error(node.source().begin, where + ": must be one of " + kActionNames.Joined());
    *out = *action;
    return Status::Ok();
  }

  // The position of byte `offset` of a string value that starts at `pos`
  // (its opening quote), so an error in a condition points at the right
  // column. Exact for single-line strings without escapes before the error
  // and for multi-line strings; escapes before the error shift it a little.
  toml::source_position PositionInString(toml::source_position pos, std::string_view value, size_t offset) const {
    size_t line_start = 0;
    for (uint32_t line = 1; line < pos.line && line_start < text_.size(); ++line) {
      size_t nl = text_.find('\n', line_start);
      if (nl == std::string_view::npos) break;
      line_start = nl + 1;
    }
    size_t quote = line_start + pos.column - 1;
    bool multi_line = text_.substr(quote, 3) == "\"\"\"" || text_.substr(quote, 3) == "'''";
    if (!multi_line) {
      pos.column += static_cast<toml::source_index>(1 + offset);
      return pos;
    }
    // Multi-line: a newline right after the opening quotes is trimmed by TOML.
    size_t after = quote + 3;
    bool trimmed_newline = after < text_.size() && text_[after] == '\n';
    uint32_t line = pos.line + (trimmed_newline ? 1 : 0);
    size_t column = trimmed_newline ? 1 : pos.column + 3;
    for (size_t i = 0; i < offset && i < value.size(); ++i) {
      if (value[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    pos.line = line;
    pos.column = static_cast<toml::source_index>(column);
    return pos;
  }

  std::string_view text_;
  std::string_view source_;
};

}  // namespace

Result<RuleSet> ParseRules(std::string_view toml_text, std::string_view source_name) {
  return RulesLoader(toml_text, source_name).Load();
}

Result<RuleSet> LoadRulesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read rules file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseRules(text.str(), path);
}

Result<RuleSet> DefaultRules() { return ParseRules(DefaultRulesText(), "default.toml"); }

}  // namespace zicht::barrier
