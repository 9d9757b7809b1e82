#include "link/priority.h"

#include <algorithm>
#include <cmath>

namespace zicht::link {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string FormatEuro(int64_t cents) {
  std::string digits = std::to_string(cents / 100);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  std::string out = "€" + grouped;
  if (int64_t rest = cents % 100; rest != 0) {
    out += rest < 10 ? ".0" : ".";
    out += std::to_string(rest);
  }
  return out;
}

void Prioritize(ClusterSummary& s, UnixSeconds now, const PriorityWeights& w) {
  double age_days = std::max<double>(0, static_cast<double>(now - s.last_seen) / kSecondsPerDay);
  double euro = static_cast<double>(s.damage_cents) / 100.0;
  s.score = w.reports * std::log2(1.0 + static_cast<double>(s.reports)) +
            w.sources * static_cast<double>(std::max<int64_t>(0, s.sources - 1)) +
            w.losses * std::log2(1.0 + static_cast<double>(s.losses)) + w.damage * std::log10(1.0 + euro) +
            w.recency * std::pow(0.5, age_days / w.recency_half_life_days) +
            w.mules * static_cast<double>(s.mules) +
            w.confirmed_mules * static_cast<double>(s.confirmed_mules) +
            w.leads * static_cast<double>(std::min(s.leads, w.leads_cap));
  // Rounded so that the order does not hinge on the last bits of a double
  // and the JSON output is readable.
  s.score = std::round(s.score * 100.0) / 100.0;

  s.explanation.clear();
  s.explanation.push_back(Plural(s.reports, "report", "reports") + " from " + Plural(s.sources, "source", "sources"));
  if (s.damage_cents > 0) {
    s.explanation.push_back(FormatEuro(s.damage_cents) + " damage in " + Plural(s.losses, "loss", "losses"));
  } else if (s.losses > 0) {
    s.explanation.push_back(Plural(s.losses, "loss", "losses") + " without an amount");
  } else {
    s.explanation.push_back("attempts only, no damage");
  }
  if (s.mules > 0) s.explanation.push_back(Plural(s.mules, "money-mule IBAN", "money-mule IBANs"));
  if (s.confirmed_mules > 0) {
    s.explanation.push_back(Plural(s.confirmed_mules, "money-mule IBAN", "money-mule IBANs") +
                            " confirmed by the bank (account blocked or closed)");
  }
  if (s.leads > 0) {
    s.explanation.push_back(Plural(s.leads, "follow-up lead", "follow-up leads") +
                            " (IBAN at a Dutch bank, Dutch mobile number)");
  }
  auto days = static_cast<int64_t>(age_days);
  s.explanation.push_back(days == 0 ? std::string("last report today")
                                    : "last report " + Plural(days, "day", "days") + " ago");
}

}  // namespace zicht::link
