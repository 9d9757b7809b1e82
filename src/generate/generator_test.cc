// Tests of the synthetic report generator: determinism, docs/design.md's data
// model and vocabularies on every line, valid IBANs and phone numbers, the
// planted networks (mules, bounded clusters), and the `zicht generate` CLI.
#include "generate/generator.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/time.h"
#include "generate/iban_maker.h"
#include "generate/jsonl_writer.h"
#include "model/report.h"
#include "normalize/normalize.h"

namespace zicht::generate {
namespace {

using model::IdentifierKind;
using model::Role;

std::string Jsonl(const GeneratorOptions& o, uint64_t n) {
  Generator gen(o);
  model::Report r;
  std::string out;
  for (uint64_t i = 0; i < n; ++i) {
    gen.Next(&r);
    AppendReportJsonLine(r, &out);
  }
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

GeneratorOptions Options(uint64_t seed, uint64_t n) {
  GeneratorOptions o;
  o.seed = seed;
  o.planned_reports = n;
  return o;
}

std::string Compact(const std::string& v) {
  std::string c;
  for (char ch : v) {
    if (ch == ' ') continue;
    c.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
  }
  return c;
}

bool IsPlaceholder(const std::string& v) {
  static const std::set<std::string> kWords{"onbekend", "Onbekend", "n.v.t.", "nvt", "-", "unknown", "geen"};
  if (kWords.count(v)) return true;
  return v.find_first_not_of("0 -NL") == std::string::npos;  // all zeros
}

// The phone number's digits in E.164 form, for the spellings the generator
// uses; empty for placeholders.
std::string RoughE164(const std::string& v) {
  std::string d;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v.compare(i, 3, "(0)") == 0) {
      i += 2;
      continue;
    }
    if ((v[i] >= '0' && v[i] <= '9') || v[i] == '+') d.push_back(v[i]);
  }
  if (d.find_first_not_of("0") == std::string::npos) return "";
  if (d.rfind("00", 0) == 0) return "+" + d.substr(2);
  if (d.rfind("0", 0) == 0) return "+31" + d.substr(1);
  return d;
}

TEST(GeneratorTest, SameSeedGivesIdenticalOutput) {
  std::string a = Jsonl(Options(42, 5000), 5000);
  std::string b = Jsonl(Options(42, 5000), 5000);
  EXPECT_EQ(a, b);
  EXPECT_EQ(Lines(a).size(), 5000u);
}

TEST(GeneratorTest, OtherSeedGivesOtherOutput) {
  std::vector<std::string> a = Lines(Jsonl(Options(1, 2000), 2000));
  std::vector<std::string> b = Lines(Jsonl(Options(2, 2000), 2000));
  ASSERT_EQ(a.size(), b.size());
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  EXPECT_EQ(same, 0u);
}

TEST(GeneratorTest, InMemoryApiMatchesJsonl) {
  std::vector<model::Report> reports = GenerateReports(Options(9, 300), 300);
  std::string out;
  for (const model::Report& r : reports) AppendReportJsonLine(r, &out);
  EXPECT_EQ(out, Jsonl(Options(9, 300), 300));
  for (const model::Report& r : reports) {
    for (const model::Identifier& id : r.identifiers) {
      EXPECT_TRUE(id.canonical.empty()) << "generator output is un-normalised";
      EXPECT_FALSE(id.value.empty());
    }
  }
}

// Every line is a JSON object with docs/design.md's fields and vocabularies.
TEST(GeneratorTest, EveryLineFollowsTheDataModel) {
  constexpr uint64_t kN = 20000;
  GeneratorOptions o = Options(7, kN);
  std::vector<std::string> lines = Lines(Jsonl(o, kN));
  ASSERT_EQ(lines.size(), kN);
  const std::set<std::string> kTop{"id",      "source",     "reported_at", "occurred_at", "fraud_type", "outcome",
                                   "damage_eur", "channel", "victim",      "identifiers", "text"};
  UnixSeconds last = o.end_day + 86400;
  UnixSeconds first = o.end_day - (o.days + 1) * int64_t{86400};
  std::set<std::pair<std::string, std::string>> keys;
  for (size_t n = 0; n < lines.size(); ++n) {
    SCOPED_TRACE("line " + std::to_string(n + 1));
    rapidjson::Document d;
    d.Parse(lines[n].c_str());
    ASSERT_FALSE(d.HasParseError());
    ASSERT_TRUE(d.IsObject());
    for (auto it = d.MemberBegin(); it != d.MemberEnd(); ++it) {
      EXPECT_TRUE(kTop.count(it->name.GetString())) << it->name.GetString();
    }
    ASSERT_TRUE(d.HasMember("id") && d["id"].IsString());
    ASSERT_TRUE(d.HasMember("source") && d["source"].IsString());
    ASSERT_TRUE(d.HasMember("reported_at") && d["reported_at"].IsString());
    ASSERT_TRUE(d.HasMember("fraud_type") && d["fraud_type"].IsString());
    std::string id = d["id"].GetString(), source = d["source"].GetString();
    EXPECT_LE(id.size(), model::kMaxIdLength);
    EXPECT_TRUE(model::IsValidSource(source)) << source;
    EXPECT_TRUE(keys.emplace(source, id).second) << "duplicate key " << source << "/" << id;
    Result<ParsedTime> reported = ParseRfc3339(d["reported_at"].GetString());
    ASSERT_TRUE(reported.ok()) << d["reported_at"].GetString();
    EXPECT_GE(reported->seconds, first);
    EXPECT_LT(reported->seconds, last);
    if (d.HasMember("occurred_at")) {
      Result<ParsedTime> occurred = ParseRfc3339(d["occurred_at"].GetString());
      ASSERT_TRUE(occurred.ok());
      EXPECT_LE(occurred->seconds, reported->seconds);
    }
    EXPECT_TRUE(model::kFraudTypeNames.Parse(d["fraud_type"].GetString()));
    ASSERT_TRUE(d.HasMember("outcome"));
    auto outcome = model::kOutcomeNames.Parse(d["outcome"].GetString());
    ASSERT_TRUE(outcome);
    double damage = 0;
    if (d.HasMember("damage_eur")) {
      ASSERT_TRUE(d["damage_eur"].IsNumber());
      damage = d["damage_eur"].GetDouble();
      EXPECT_GE(damage, 0);
    }
    EXPECT_EQ(*outcome == model::Outcome::kLoss, damage > 0);
    if (d.HasMember("channel")) {
      EXPECT_TRUE(model::kChannelNames.Parse(d["channel"].GetString()));
    }
    if (d.HasMember("victim")) {
      const auto& v = d["victim"];
      ASSERT_TRUE(v.IsObject());
      EXPECT_LE(v.MemberCount(), 2u);
      if (v.HasMember("age_band")) {
        EXPECT_TRUE(model::kAgeBandNames.Parse(v["age_band"].GetString()));
      }
      if (v.HasMember("region")) {
        EXPECT_TRUE(model::kRegionNames.Parse(v["region"].GetString()));
      }
    }
    ASSERT_TRUE(d.HasMember("identifiers") && d["identifiers"].IsArray());
    for (const auto& i : d["identifiers"].GetArray()) {
      ASSERT_TRUE(i.IsObject());
      EXPECT_EQ(i.MemberCount(), 3u);
      EXPECT_TRUE(model::kIdentifierKindNames.Parse(i["kind"].GetString()));
      EXPECT_TRUE(model::kRoleNames.Parse(i["role"].GetString()));
      EXPECT_GT(i["value"].GetStringLength(), 0u);
    }
    ASSERT_TRUE(d.HasMember("text") && d["text"].IsString());
    std::string text = d["text"].GetString();
    EXPECT_GT(text.size(), 10u);
    // No slot left empty ("betaal via " with no URL).
    EXPECT_NE(text.back(), ' ') << text;
    EXPECT_EQ(text.find("  "), std::string::npos) << text;
    EXPECT_EQ(text.find(" ."), std::string::npos) << text;
  }
}

TEST(JsonlWriterTest, EscapesStringsAndRoundTrips) {
  model::Report r;
  r.key = {"fraudehelpdesk", "FHD-\"1\""};
  r.reported_at = "2026-01-02T03:04:05Z";
  r.fraud_type = model::FraudType::kPhishing;
  r.text = "Zei: \"betaal\" \\ nu\n\tregel 2 \x01 \xe2\x82\xac 5";
  r.identifiers.push_back({IdentifierKind::kUrl, Role::kWebsite, "https://x.example/a?b=\"c\"", "", "", false, ""});
  std::string line;
  AppendReportJsonLine(r, &line);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one report, one line";
  rapidjson::Document d;
  d.Parse(line.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(std::string(d["id"].GetString()), r.key.id);
  EXPECT_EQ(std::string(d["text"].GetString()), r.text);
  EXPECT_EQ(std::string(d["identifiers"][0]["value"].GetString()), r.identifiers[0].value);
  EXPECT_FALSE(d.HasMember("damage_eur"));
  EXPECT_FALSE(d.HasMember("victim"));
  EXPECT_EQ(std::string(d["outcome"].GetString()), "attempt");
}

TEST(JsonlWriterTest, WritesDamageWithTwoDecimals) {
  model::Report r;
  r.key = {"politie", "PL-1"};
  r.reported_at = "2026-01-02";
  r.outcome = model::Outcome::kLoss;
  r.damage_cents = 245005;
  std::string line;
  AppendReportJsonLine(r, &line);
  EXPECT_NE(line.find("\"damage_eur\":2450.05,"), std::string::npos) << line;
}

TEST(GeneratorTest, IbansHaveValidChecksumsExceptAFewTypos) {
  std::vector<model::Report> reports = GenerateReports(Options(3, 30000), 30000);
  const std::set<std::string> kDutchBanks{"ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO", "BUNQ", "KNAB", "RBRB"};
  size_t total = 0, invalid = 0, foreign = 0, grouped = 0, lower = 0;
  for (const model::Report& r : reports) {
    for (const model::Identifier& id : r.identifiers) {
      if (id.kind != IdentifierKind::kIban || IsPlaceholder(id.value)) continue;
      ++total;
      std::string c = Compact(id.value);
      if (id.value.find(' ') != std::string::npos && id.value.front() != ' ') ++grouped;
      if (id.value.find("nl") != std::string::npos) ++lower;
      if (IbanMod97(c) != 1) {
        ++invalid;
        continue;
      }
      if (c.rfind("NL", 0) == 0) {
        EXPECT_EQ(c.size(), 18u) << c;
        EXPECT_TRUE(kDutchBanks.count(c.substr(4, 4))) << c;
      } else {
        ++foreign;
        std::string country = c.substr(0, 2);
        size_t want = country == "DE" ? 22 : country == "BE" ? 16 : country == "LT" ? 20 : 0;
        EXPECT_EQ(c.size(), want) << c;
      }
    }
  }
  ASSERT_GT(total, 5000u);
  // iban_typo_share is 0.5%: some, but few.
  EXPECT_GT(invalid, 0u);
  EXPECT_LT(invalid, total / 50);
  EXPECT_GT(foreign, total / 100);
  EXPECT_GT(grouped, total / 10);
  EXPECT_GT(lower, total / 50);
}

TEST(GeneratorTest, PhonesAreValidMobilesInMessySpellings) {
  std::vector<model::Report> reports = GenerateReports(Options(4, 20000), 20000);
  std::set<std::string> spellings_of_one;  // shapes: digits replaced by 9
  size_t spoofed = 0;
  for (const model::Report& r : reports) {
    for (const model::Identifier& id : r.identifiers) {
      if (id.kind != IdentifierKind::kPhone || IsPlaceholder(id.value)) continue;
      if (id.role == Role::kSpoofed) {
        ++spoofed;
        continue;
      }
      std::string e164 = RoughE164(id.value);
      bool dutch_mobile = e164.size() == 12 && e164.rfind("+316", 0) == 0 && e164[4] >= '1' && e164[4] <= '5';
      bool belgian_mobile = e164.size() == 12 && e164.rfind("+324", 0) == 0 && e164[4] >= '7';
      EXPECT_TRUE(dutch_mobile || belgian_mobile) << id.value;
      std::string shape = id.value;
      for (char& c : shape) {
        if (c >= '0' && c <= '9') c = '9';
      }
      spellings_of_one.insert(shape);
    }
  }
  EXPECT_GT(spoofed, 100u);
  EXPECT_GE(spellings_of_one.size(), 8u);
}

// Spoofed numbers are the banks' own, never a fraudster's contact number.
TEST(GeneratorTest, SpoofedNumbersAreServiceNumbersOnly) {
  std::vector<model::Report> reports = GenerateReports(Options(5, 20000), 20000);
  std::set<std::string> spoofed, others;
  for (const model::Report& r : reports) {
    for (const model::Identifier& id : r.identifiers) {
      if (id.kind != IdentifierKind::kPhone) continue;
      (id.role == Role::kSpoofed ? spoofed : others).insert(RoughE164(id.value));
    }
  }
  EXPECT_TRUE(spoofed.count("+31202288800"));  // ING
  for (const std::string& s : spoofed) EXPECT_FALSE(others.count(s)) << s;
}

// Linking as docs/design.md defines it, with the real normaliser: reports
// sharing a valid, non-spoofed identifier (or a URL's registrable domain)
// are joined. Warning-lists are not applied: the generator must not need
// them to avoid giant clusters.
struct Linked {
  std::vector<size_t> cluster_sizes;  // ≥ 2 reports
  size_t singletons = 0;
  size_t mules = 0;  // beneficiary IBANs in ≥ 2 reports
  size_t max_mule_reports = 0;
};

Linked Link(const std::vector<model::Report>& reports) {
  std::vector<size_t> parent(reports.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::unordered_map<std::string, size_t> first;
  std::unordered_map<std::string, std::set<size_t>> beneficiaries;
  auto join = [&](size_t i, std::string key) {
    auto [it, added] = first.emplace(std::move(key), i);
    if (!added) parent[find(i)] = find(it->second);
  };
  for (size_t i = 0; i < reports.size(); ++i) {
    for (model::Identifier id : reports[i].identifiers) {
      normalize::NormalizeIdentifier(id);
      if (!id.valid || id.role == Role::kSpoofed) continue;
      std::string kind(model::kIdentifierKindNames.Name(id.kind));
      if (id.kind == IdentifierKind::kIban && id.role == Role::kBeneficiary) beneficiaries[id.canonical].insert(i);
      join(i, kind + ":" + id.canonical);
      if (!id.domain.empty()) join(i, "domain:" + id.domain);
    }
  }
  std::map<size_t, size_t> sizes;
  for (size_t i = 0; i < reports.size(); ++i) ++sizes[find(i)];
  Linked out;
  for (const auto& [root, size] : sizes) {
    if (size >= 2) out.cluster_sizes.push_back(size);
    else ++out.singletons;
  }
  for (const auto& [iban, rs] : beneficiaries) {
    if (rs.size() >= 2) ++out.mules;
    out.max_mule_reports = std::max(out.max_mule_reports, rs.size());
  }
  return out;
}

TEST(GeneratorTest, PlantedNetworksFormBoundedHeavyTailedClusters) {
  constexpr uint64_t kN = 50000;
  GeneratorOptions o = Options(11, kN);
  Linked l = Link(GenerateReports(o, kN));
  ASSERT_FALSE(l.cluster_sizes.empty());
  size_t largest = *std::max_element(l.cluster_sizes.begin(), l.cluster_sizes.end());
  size_t small = std::count_if(l.cluster_sizes.begin(), l.cluster_sizes.end(), [](size_t s) { return s <= 5; });
  size_t big = std::count_if(l.cluster_sizes.begin(), l.cluster_sizes.end(), [](size_t s) { return s >= 50; });
  EXPECT_LE(largest, o.max_network_reports) << "networks must not merge into a giant component";
  EXPECT_GE(largest, 50u);
  EXPECT_GT(small, l.cluster_sizes.size() / 2) << "heavy tail: mostly small clusters";
  EXPECT_GE(big, 5u) << "heavy tail: a few large clusters";
  EXPECT_GT(l.singletons, kN / 20);
  EXPECT_LT(l.singletons, kN / 3);
  EXPECT_GT(l.mules, 100u);
  EXPECT_GE(l.max_mule_reports, 10u);
}

// The values are messy but mean what the generator meant: the real
// normaliser accepts every planted value, rejects every placeholder and
// typo, and maps every spelling of a phone number to one E.164 number.
TEST(GeneratorTest, RealNormaliserAgreesWithThePlantedValues) {
  std::vector<model::Report> reports = GenerateReports(Options(14, 20000), 20000);
  size_t typos = 0, placeholders = 0;
  for (const model::Report& r : reports) {
    for (model::Identifier id : r.identifiers) {
      normalize::NormalizeIdentifier(id);
      if (IsPlaceholder(id.value)) {
        ++placeholders;
        EXPECT_FALSE(id.valid) << id.value;
        continue;
      }
      if (id.kind == IdentifierKind::kIban && IbanMod97(Compact(id.value)) != 1) {
        ++typos;
        EXPECT_FALSE(id.valid);
        continue;
      }
      if (id.role == Role::kSpoofed) continue;
      EXPECT_TRUE(id.valid) << model::kIdentifierKindNames.Name(id.kind) << " " << id.value << ": "
                            << id.invalid_reason;
      if (id.kind == IdentifierKind::kPhone) {
        EXPECT_EQ(id.canonical, RoughE164(id.value));
      } else if (id.kind == IdentifierKind::kIban) {
        EXPECT_EQ(id.canonical, Compact(id.value));
      } else if (id.kind == IdentifierKind::kUrl) {
        EXPECT_NE(id.domain.find(".example"), std::string::npos) << id.domain;
      }
    }
  }
  EXPECT_GT(typos, 0u);
  EXPECT_GT(placeholders, 0u);
}

TEST(GeneratorTest, FraudMixLossesAndAgesAreRealistic) {
  constexpr uint64_t kN = 30000;
  std::vector<model::Report> reports = GenerateReports(Options(12, kN), kN);
  std::map<model::FraudType, size_t> types;
  std::map<model::FraudType, std::pair<size_t, size_t>> old;  // 65+, with an age
  size_t losses = 0, placeholders = 0;
  for (const model::Report& r : reports) {
    ++types[r.fraud_type];
    losses += r.outcome == model::Outcome::kLoss;
    if (r.victim.age_band) {
      auto& [o65, all] = old[r.fraud_type];
      o65 += *r.victim.age_band >= model::AgeBand::k65To74;
      ++all;
    }
    for (const model::Identifier& id : r.identifiers) placeholders += IsPlaceholder(id.value);
  }
  using model::FraudType;
  EXPECT_GT(types[FraudType::kPhishing], types[FraudType::kHulpvraagfraude]);
  EXPECT_GT(types[FraudType::kAankoopfraude], types[FraudType::kBankhelpdeskfraude]);
  EXPECT_GT(types[FraudType::kHulpvraagfraude], types[FraudType::kDatingfraude]);
  EXPECT_EQ(types.size(), 9u);
  EXPECT_GT(losses, kN * 40 / 100);
  EXPECT_LT(losses, kN * 60 / 100);
  EXPECT_GT(placeholders, 0u);
  auto share_old = [&](FraudType t) { return double(old[t].first) / double(old[t].second); };
  EXPECT_GT(share_old(FraudType::kHulpvraagfraude), 2 * share_old(FraudType::kAankoopfraude));
  EXPECT_GT(share_old(FraudType::kBankhelpdeskfraude), 2 * share_old(FraudType::kAankoopfraude));
}

TEST(GeneratorTest, ValidateOptionsRejectsNonsense) {
  GeneratorOptions o;
  EXPECT_TRUE(ValidateOptions(o).ok());
  o.network_share = 1.5;
  EXPECT_TRUE(ValidateOptions(o).IsInvalidArgument());
  o = {};
  o.max_network_reports = 1;
  EXPECT_TRUE(ValidateOptions(o).IsInvalidArgument());
  o = {};
  o.days = 0;
  EXPECT_TRUE(ValidateOptions(o).IsInvalidArgument());
}

TEST(GeneratorTest, NoNetworksMeansNoClusters) {
  GeneratorOptions o = Options(13, 5000);
  o.network_share = 0;
  o.placeholder_share = 0;
  Linked l = Link(GenerateReports(o, 5000));
  EXPECT_TRUE(l.cluster_sizes.empty());
  EXPECT_EQ(l.singletons, 5000u);
}

}  // namespace
}  // namespace zicht::generate
