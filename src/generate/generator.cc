#include "generate/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include "generate/iban_maker.h"
#include "generate/online_id_maker.h"
#include "generate/phone_maker.h"
#include "generate/profiles.h"
#include "generate/random.h"
#include "generate/texts.h"

namespace zicht::generate {
namespace {

using model::Channel;
using model::FraudType;
using model::IdentifierKind;
using model::Role;

constexpr int64_t kSecondsPerDay = 86400;
// Damage is capped: a synthetic loss above this would dominate every sum.
constexpr double kMaxDamageEur = 750'000;
// Fraud grows over the period: the last day is this many times as likely as the first.
constexpr double kGrowth = 1.6;
// About one network active at once per this many planned reports.
constexpr uint64_t kReportsPerActiveNetwork = 1000;
constexpr uint64_t kMinActiveNetworks = 9;
constexpr uint64_t kMaxActiveNetworks = 20000;

// Hours of the day reports are filed (local time): office hours and evening.
constexpr Weights<24> kHours{{1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 9, 9,
                              8, 8, 8, 8, 7, 6, 6, 6, 5, 4, 3, 2}};

// Values partners write when they do not know an identifier.
constexpr std::array<std::string_view, 7> kPlaceholders{
    "onbekend", "n.v.t.", "-", "unknown", "Onbekend", "nvt", "geen"};
constexpr std::array<std::string_view, 2> kZeroIbans{"NL00 0000 0000 0000 00", "0000000000"};
constexpr std::array<std::string_view, 2> kZeroPhones{"0000000000", "000-0000000"};
constexpr std::array<std::string_view, 8> kUrlPaths{
    "/login", "/betalen", "/verificatie", "/pas-aanvragen", "/track", "/account/bevestig", "/checkout", "/"};

// One criminal network: its own pools of identifiers, filled lazily up to a
// cap that grows with the network's size, shared by all its reports.
struct Network {
  FraudType type = FraudType::kOverig;
  uint32_t target = 0;  // reports it will file
  uint32_t used = 0;
  int64_t first_day = 0;
  int64_t span_days = 0;
  uint32_t mule_cap = 1, phone_cap = 1, device_cap = 1, domain_cap = 1, handle_cap = 1,
           email_cap = 1, crypto_cap = 1;
  bool foreign_mules = false;
  std::vector<std::string> mules, devices, domains, handles, emails, cryptos;
  std::vector<Phone> phones;
};

// Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

void AppendDate(int64_t day, std::string* out) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  AppendDigits(static_cast<uint64_t>(y), 4, out);
  out->push_back('-');
  AppendDigits(static_cast<uint64_t>(m), 2, out);
  out->push_back('-');
  AppendDigits(static_cast<uint64_t>(d), 2, out);
}

// "2025-03-01T10:15:00Z", or with "+01:00"/"+02:00" as local Dutch time
// when `offset_hours` is not 0 (the instant is the same).
void AppendDateTime(UnixSeconds t, int offset_hours, std::string* out) {
  t += offset_hours * 3600;
  int64_t day = t / kSecondsPerDay;
  int64_t sec = t % kSecondsPerDay;
  AppendDate(day, out);
  out->push_back('T');
  AppendDigits(static_cast<uint64_t>(sec / 3600), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<uint64_t>(sec / 60 % 60), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<uint64_t>(sec % 60), 2, out);
  if (offset_hours == 0) {
    out->push_back('Z');
  } else {
    out->append(offset_hours == 1 ? "+01:00" : "+02:00");
  }
}

}  // namespace

Status ValidateOptions(const GeneratorOptions& o) {
  auto share = [](double x) { return x >= 0 && x <= 1; };
  if (!share(o.network_share)) return Status::InvalidArgument("network share must be in [0, 1]");
  if (!share(o.placeholder_share)) return Status::InvalidArgument("placeholder share must be in [0, 1]");
  if (!share(o.iban_typo_share)) return Status::InvalidArgument("IBAN typo share must be in [0, 1]");
  if (o.max_network_reports < 2) return Status::InvalidArgument("max network reports must be at least 2");
  if (!(o.network_size_alpha > 0.1 && o.network_size_alpha < 100)) {
    return Status::InvalidArgument("network size alpha must be in (0.1, 100)");
  }
  if (o.days < 1 || o.days > 36500) return Status::InvalidArgument("days must be in [1, 36500]");
  return Status::Ok();
}

class Generator::Impl {
 public:
  explicit Impl(const GeneratorOptions& o)
      : opt_(o), rng_(o.seed), ibans_(o.seed), phones_(o.seed), online_(o.seed) {
    uint64_t active = std::clamp(o.planned_reports / kReportsPerActiveNetwork, kMinActiveNetworks,
                                 kMaxActiveNetworks);
    for (size_t t = 0; t < kFraudTypeCount; ++t) {
      double want = static_cast<double>(active) * ProfileOf(static_cast<FraudType>(t)).share;
      active_[t].resize(std::max<size_t>(1, static_cast<size_t>(std::llround(want))));
    }
  }

  void Next(model::Report* r);
  uint64_t count() const { return count_; }

 private:
  Network& PickNetwork(FraudType type);
  void StartNetwork(FraudType type, Network* n);
  uint32_t DrawNetworkSize();
  int64_t DrawDay();

  // Identifier sources: from the network's pools when `net` is set, else new.
  std::string MuleIban(Network* net);
  std::string NewIban(bool foreign);
  const Phone& ContactPhone(Network* net);
  std::string Device(Network* net);
  std::string Domain(Network* net);
  std::string Handle(Network* net);
  std::string Email(Network* net);
  std::string Crypto(Network* net);

  // Appenders of one identifier, written messily.
  model::Identifier& Add(model::Report* r, IdentifierKind kind, Role role);
  void AddIban(model::Report* r, const std::string& compact);
  void AddPhone(model::Report* r, const Phone& phone, Role role);
  void AddUrl(model::Report* r, const std::string& domain, Role role);
  void AddLowerish(model::Report* r, IdentifierKind kind, Role role, const std::string& value);
  void AddPlaceholder(model::Report* r);

  void FillIdentifiers(model::Report* r, Network* net, size_t source);

  GeneratorOptions opt_;
  Rng rng_;
  IbanMaker ibans_;
  PhoneMaker phones_;
  OnlineIdMaker online_;
  std::array<std::vector<Network>, kFraudTypeCount> active_;
  std::array<uint64_t, kSourceCount> source_counters_{};
  uint64_t count_ = 0;
  Phone fresh_phone_;  // ContactPhone's result when there is no network
};

uint32_t Generator::Impl::DrawNetworkSize() {
  // Pareto(x_min = 2, alpha), truncated by redrawing above the cap. A
  // redraw instead of clamping keeps the largest networks spread out rather
  // than piled up at exactly the cap.
  for (;;) {
    double u = 1.0 - rng_.Unit();  // (0, 1]
    double x = 2.0 / std::pow(u, 1.0 / opt_.network_size_alpha);
    if (x < static_cast<double>(opt_.max_network_reports) + 1) return static_cast<uint32_t>(x);
  }
}

int64_t Generator::Impl::DrawDay() {
  // Density rising linearly from 1 to kGrowth over the period; inverse CDF.
  double g = kGrowth - 1.0;
  double u = rng_.Unit();
  double x = (-1.0 + std::sqrt(1.0 + g * (2.0 + g) * u)) / g;  // in [0, 1)
  int64_t first = opt_.end_day / kSecondsPerDay - opt_.days + 1;
  return first + std::min<int64_t>(opt_.days - 1, static_cast<int64_t>(x * opt_.days));
}

void Generator::Impl::StartNetwork(FraudType type, Network* n) {
  n->type = type;
  n->target = DrawNetworkSize();
  n->used = 0;
  n->first_day = DrawDay();
  // Bigger networks operate longer: a few weeks up to most of a year.
  n->span_days = std::min<int64_t>(300, 7 + rng_.Below(21) + static_cast<int64_t>(n->target));
  double t = n->target;
  // Each mule account takes 3–40 victims' money before it is blocked;
  // about half of a network's reports name the IBAN the money went to.
  n->mule_cap = std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(t * 0.45 / rng_.Between(3, 40))));
  n->phone_cap = 1 + static_cast<uint32_t>(t / rng_.Between(10, 30));
  n->device_cap = 1 + static_cast<uint32_t>(t / rng_.Between(30, 80));
  n->domain_cap = 1 + static_cast<uint32_t>(t / rng_.Between(40, 120));
  n->handle_cap = 1 + static_cast<uint32_t>(t / rng_.Between(8, 20));
  n->email_cap = 1 + static_cast<uint32_t>(t / rng_.Between(15, 40));
  n->crypto_cap = 1 + static_cast<uint32_t>(t / rng_.Between(20, 60));
  n->foreign_mules = rng_.Chance(type == FraudType::kBeleggingsfraude ? 0.4 : 0.1);
  n->mules.clear();
  n->devices.clear();
  n->domains.clear();
  n->handles.clear();
  n->emails.clear();
  n->cryptos.clear();
  n->phones.clear();
}

Network& Generator::Impl::PickNetwork(FraudType type) {
  std::vector<Network>& slots = active_[static_cast<size_t>(type)];
  Network& n = slots[rng_.Below(slots.size())];
  if (n.used >= n.target) StartNetwork(type, &n);
  ++n.used;
  return n;
}

// Takes an element of `pool`, adding a new one from `make` while the pool is
// below `cap`. New elements come often early on, so a network's first
// reports already show several of its accounts and numbers.
// With `skewed`, the first members of a pool are used most (the main
// phone), as real networks use their tools unevenly; mules are used evenly
// (each is blocked after a few dozen victims anyway).
template <typename T, typename Make>
const T& FromPool(Rng& rng, std::vector<T>& pool, uint32_t cap, Make make, bool skewed = true) {
  if (pool.size() < cap && (pool.empty() || rng.Chance(0.35))) {
    pool.push_back(make());
    return pool.back();
  }
  double u = rng.Unit();
  if (skewed) u *= std::sqrt(u);
  return pool[static_cast<size_t>(u * static_cast<double>(pool.size()))];
}

std::string Generator::Impl::NewIban(bool foreign) {
  return foreign ? ibans_.NextForeign(rng_) : ibans_.NextDutch(rng_, /*mule=*/true);
}

std::string Generator::Impl::MuleIban(Network* net) {
  if (net == nullptr) return NewIban(rng_.Chance(0.08));
  return FromPool(rng_, net->mules, net->mule_cap,
                  [&] { return NewIban(net->foreign_mules ? rng_.Chance(0.7) : rng_.Chance(0.03)); },
                  /*skewed=*/false);
}

const Phone& Generator::Impl::ContactPhone(Network* net) {
  auto make = [&] { return rng_.Chance(0.04) ? phones_.NextBelgianMobile() : phones_.NextDutchMobile(); };
  if (net == nullptr) {
    fresh_phone_ = make();
    return fresh_phone_;
  }
  return FromPool(rng_, net->phones, net->phone_cap, make);
}

std::string Generator::Impl::Device(Network* net) {
  if (net == nullptr) return online_.NextDevice();
  return FromPool(rng_, net->devices, net->device_cap, [&] { return online_.NextDevice(); });
}

std::string Generator::Impl::Domain(Network* net) {
  if (net == nullptr) return online_.NextDomain(rng_);
  return FromPool(rng_, net->domains, net->domain_cap, [&] { return online_.NextDomain(rng_); });
}

std::string Generator::Impl::Handle(Network* net) {
  if (net == nullptr) return online_.NextHandle(rng_);
  return FromPool(rng_, net->handles, net->handle_cap, [&] { return online_.NextHandle(rng_); });
}

std::string Generator::Impl::Email(Network* net) {
  if (net == nullptr) return online_.NextEmail(rng_);
  return FromPool(rng_, net->emails, net->email_cap, [&] { return online_.NextEmail(rng_); });
}

std::string Generator::Impl::Crypto(Network* net) {
  if (net == nullptr) return online_.NextCrypto(rng_);
  return FromPool(rng_, net->cryptos, net->crypto_cap, [&] { return online_.NextCrypto(rng_); });
}

model::Identifier& Generator::Impl::Add(model::Report* r, IdentifierKind kind, Role role) {
  model::Identifier& id = r->identifiers.emplace_back();
  id.kind = kind;
  id.role = role;
  return id;
}

void Generator::Impl::AddIban(model::Report* r, const std::string& compact) {
  model::Identifier& id = Add(r, IdentifierKind::kIban, Role::kBeneficiary);
  if (rng_.Chance(opt_.iban_typo_share)) {
    IbanMaker::AppendMessy(rng_, IbanMaker::WithTypo(rng_, compact), &id.value);
  } else {
    IbanMaker::AppendMessy(rng_, compact, &id.value);
  }
}

void Generator::Impl::AddPhone(model::Report* r, const Phone& phone, Role role) {
  model::Identifier& id = Add(r, IdentifierKind::kPhone, role);
  PhoneMaker::AppendMessy(rng_, phone, &id.value);
}

void Generator::Impl::AddUrl(model::Report* r, const std::string& domain, Role role) {
  model::Identifier& id = Add(r, IdentifierKind::kUrl, role);
  std::string& v = id.value;
  uint64_t style = rng_.Below(100);
  if (style < 75) {
    v = "https://";
    v += domain;
  } else if (style < 85) {
    v = "http://";
    v += domain;
  } else if (style < 95) {
    v = "https://www.";
    v += domain;
  } else {  // typed in capitals, copied from a printed letter
    v = "HTTPS://";
    for (char c : domain) v.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  v += PickFrom(rng_, kUrlPaths);
  if (rng_.Chance(0.5)) {
    v += v.back() == '/' ? "?id=" : "/?id=";
    AppendDigits(rng_.Below(1'000'000), 6, &v);
  }
}

// Devices and handles are case-insensitive (normalised to lower case); a
// share is written in capitals to exercise that.
void Generator::Impl::AddLowerish(model::Report* r, IdentifierKind kind, Role role, const std::string& value) {
  model::Identifier& id = Add(r, kind, role);
  id.value = value;
  if (kind != IdentifierKind::kCrypto && rng_.Chance(0.1)) {
    for (char& c : id.value) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
}

void Generator::Impl::AddPlaceholder(model::Report* r) {
  uint64_t which = rng_.Below(10);
  if (which < 5) {
    model::Identifier& id = Add(r, IdentifierKind::kIban, Role::kBeneficiary);
    id.value = which == 0 ? PickFrom(rng_, kZeroIbans) : PickFrom(rng_, kPlaceholders);
  } else if (which < 9) {
    model::Identifier& id = Add(r, IdentifierKind::kPhone, Role::kContact);
    id.value = which == 5 ? PickFrom(rng_, kZeroPhones) : PickFrom(rng_, kPlaceholders);
  } else {
    model::Identifier& id = Add(r, IdentifierKind::kEmail, Role::kContact);
    id.value = PickFrom(rng_, kPlaceholders);
  }
}

void Generator::Impl::FillIdentifiers(model::Report* r, Network* net, size_t source) {
  bool loss = r->outcome == model::Outcome::kLoss;
  Channel ch = r->channel.value_or(Channel::kOther);
  bool bank = IsBankSource(source);
  auto chance = [this](double p) { return rng_.Chance(p); };
  switch (r->fraud_type) {
    case FraudType::kHulpvraagfraude:
      if (chance(0.95)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (chance(loss ? 0.9 : 0.4)) AddIban(r, MuleIban(net));
      if (chance(0.12)) AddUrl(r, Domain(net), Role::kPaymentLink);
      if (bank && chance(0.3)) AddLowerish(r, IdentifierKind::kDevice, Role::kSuspectDevice, Device(net));
      break;
    case FraudType::kBankhelpdeskfraude:
      if (chance(0.75)) {
        model::Identifier& id = Add(r, IdentifierKind::kPhone, Role::kSpoofed);
        id.value = PhoneMaker::SpoofedServiceNumber(rng_);
      }
      if (chance(0.45)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (chance(loss ? 0.85 : 0.2)) AddIban(r, MuleIban(net));
      if (bank && chance(0.45)) AddLowerish(r, IdentifierKind::kDevice, Role::kSuspectDevice, Device(net));
      break;
    case FraudType::kPhishing:
      if (chance(0.9)) AddUrl(r, Domain(net), chance(0.2) ? Role::kPaymentLink : Role::kWebsite);
      if (ch == Channel::kSms || ch == Channel::kWhatsapp) {
        if (chance(0.8)) AddPhone(r, ContactPhone(net), Role::kSender);
      } else if (ch == Channel::kEmail && chance(0.7)) {
        AddLowerish(r, IdentifierKind::kEmail, Role::kSender, Email(net));
      }
      if (loss && chance(0.5)) AddIban(r, MuleIban(net));
      if (bank && chance(0.4)) AddLowerish(r, IdentifierKind::kDevice, Role::kSuspectDevice, Device(net));
      break;
    case FraudType::kAankoopfraude:
      if (chance(loss ? 0.9 : 0.3)) AddIban(r, MuleIban(net));
      if (chance(0.55)) AddLowerish(r, IdentifierKind::kHandle, Role::kContact, Handle(net));
      if (chance(0.45)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (ch == Channel::kWebsite && chance(0.9)) AddUrl(r, Domain(net), Role::kWebsite);
      break;
    case FraudType::kVerkoopfraude:
      if (chance(0.7)) AddUrl(r, Domain(net), Role::kPaymentLink);
      if (chance(0.6)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (chance(0.35)) AddLowerish(r, IdentifierKind::kHandle, Role::kContact, Handle(net));
      if (loss && chance(0.3)) AddIban(r, MuleIban(net));
      break;
    case FraudType::kDatingfraude:
      if (chance(0.75)) AddLowerish(r, IdentifierKind::kHandle, Role::kContact, Handle(net));
      if (chance(0.35)) AddLowerish(r, IdentifierKind::kEmail, Role::kContact, Email(net));
      if (chance(0.3)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (loss && chance(0.75)) AddIban(r, MuleIban(net));
      if (chance(0.15)) AddLowerish(r, IdentifierKind::kCrypto, Role::kBeneficiary, Crypto(net));
      break;
    case FraudType::kBeleggingsfraude:
      if (chance(0.7)) AddUrl(r, Domain(net), Role::kWebsite);
      if (chance(0.35)) AddLowerish(r, IdentifierKind::kCrypto, Role::kBeneficiary, Crypto(net));
      if (chance(loss ? 0.6 : 0.2)) AddIban(r, MuleIban(net));
      if (chance(0.45)) AddPhone(r, ContactPhone(net), Role::kContact);
      break;
    case FraudType::kIdentiteitsfraude:
      if (chance(0.5)) AddLowerish(r, IdentifierKind::kEmail, Role::kContact, Email(net));
      if (chance(0.3)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (chance(0.4)) AddIban(r, MuleIban(net));
      if (chance(0.2)) AddLowerish(r, IdentifierKind::kDevice, Role::kSuspectDevice, Device(net));
      break;
    case FraudType::kOverig:
      if (chance(0.5)) AddPhone(r, ContactPhone(net), Role::kContact);
      if (chance(0.3)) AddLowerish(r, IdentifierKind::kEmail, Role::kContact, Email(net));
      if (loss && chance(0.6)) AddIban(r, MuleIban(net));
      if (chance(0.2)) AddUrl(r, Domain(net), Role::kWebsite);
      break;
  }
  // A network's report always carries at least one of its own identifiers
  // (else it would be a singleton by accident); the spoofed number does not
  // count, it never links.
  if (net != nullptr) {
    bool has_own = false;
    for (const model::Identifier& id : r->identifiers) has_own |= id.role != Role::kSpoofed;
    if (!has_own) AddPhone(r, ContactPhone(net), Role::kContact);
  }
  if (rng_.Chance(opt_.placeholder_share)) AddPlaceholder(r);
}

void Generator::Impl::Next(model::Report* r) {
  ++count_;
  FraudType type = DrawFraudType(rng_);
  Network* net = rng_.Chance(opt_.network_share) ? &PickNetwork(type) : nullptr;
  const FraudProfile& profile = ProfileOf(type);

  r->fraud_type = type;
  bool loss = rng_.Chance(profile.loss_rate);
  r->outcome = loss ? model::Outcome::kLoss : model::Outcome::kAttempt;
  if (loss) {
    double eur = std::clamp(rng_.LogNormal(profile.damage_median, profile.damage_sigma), 5.0, kMaxDamageEur);
    // People report round sums more often than exact ones.
    if (rng_.Chance(0.4)) eur = eur < 100 ? std::round(eur) : std::round(eur / 50) * 50;
    r->damage_cents = std::llround(eur * 100);
  } else {
    r->damage_cents = rng_.Chance(0.4) ? std::optional<int64_t>(0) : std::nullopt;
  }
  Channel channel = static_cast<Channel>(profile.channels.Pick(rng_));
  r->channel = rng_.Chance(0.03) ? std::nullopt : std::optional<Channel>(channel);

  // When: the network's active period, or anywhere in the whole period.
  int64_t occurred_day = net != nullptr
                             ? net->first_day + static_cast<int64_t>(rng_.Below(net->span_days + 1))
                             : DrawDay();
  int64_t last_day = opt_.end_day / kSecondsPerDay;
  occurred_day = std::min(occurred_day, last_day);
  // Most victims report within days; some wait weeks.
  int64_t delay = rng_.Chance(0.4) ? 0 : std::min<int64_t>(60, static_cast<int64_t>(rng_.LogNormal(3, 1.0)));
  int64_t reported_day = std::min(occurred_day + delay, last_day);
  UnixSeconds reported =
      reported_day * kSecondsPerDay + static_cast<int64_t>(kHours.Pick(rng_)) * 3600 - 3600 +
      static_cast<int64_t>(rng_.Below(3600));
  reported = std::clamp<UnixSeconds>(reported, reported_day * kSecondsPerDay, reported_day * kSecondsPerDay + 86399);

  size_t source = DrawSource(rng_, channel, loss);
  const Source& src = Sources()[source];
  r->key.source.assign(src.name);
  r->key.id.assign(src.id_prefix);
  if (src.id_has_year) {
    int y, m, d;
    CivilFromDays(reported_day, &y, &m, &d);
    AppendDigits(static_cast<uint64_t>(y), 4, &r->key.id);
    r->key.id.push_back('-');
  }
  AppendDigits(++source_counters_[source], 8, &r->key.id);

  r->reported_at.clear();
  // The police write local Dutch time with its offset; others write UTC.
  int offset = 0;
  if (src.name == "politie") {
    int y, m, d;
    CivilFromDays(reported_day, &y, &m, &d);
    offset = (m >= 4 && m <= 10) ? 2 : 1;  // summer time, approximately
  }
  AppendDateTime(reported, offset, &r->reported_at);
  r->reported_at_seconds = reported;
  if (rng_.Chance(0.92)) {
    std::string occurred;
    AppendDate(occurred_day, &occurred);
    r->occurred_at = std::move(occurred);
  } else {
    r->occurred_at.reset();
  }

  r->victim = {};
  if (rng_.Chance(0.95)) {
    if (rng_.Chance(0.92)) r->victim.age_band = static_cast<model::AgeBand>(profile.ages.Pick(rng_));
    if (rng_.Chance(0.94)) r->victim.region = DrawRegion(rng_);
  }

  r->identifiers.clear();
  FillIdentifiers(r, net, source);

  TextSlots slots;
  for (const model::Identifier& id : r->identifiers) {
    if (id.kind == IdentifierKind::kUrl && slots.url.empty()) slots.url = id.value;
    if (id.kind == IdentifierKind::kIban && slots.iban.empty() && id.value.size() > 10) {
      std::string_view v = id.value;  // pasted with spaces around: not in the text
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      slots.iban = v;
    }
  }
  slots.amount_eur = loss ? *r->damage_cents / 100
                          : static_cast<int64_t>(std::lround(rng_.LogNormal(profile.damage_median, 0.6)));
  slots.loss = loss;
  r->text.clear();
  AppendReportText(rng_, type, slots, &r->text);
}

Generator::Generator(const GeneratorOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Generator::~Generator() = default;
void Generator::Next(model::Report* report) { impl_->Next(report); }
uint64_t Generator::count() const { return impl_->count(); }

std::vector<model::Report> GenerateReports(const GeneratorOptions& options, uint64_t n) {
  Generator gen(options);
  std::vector<model::Report> out(n);
  for (model::Report& r : out) gen.Next(&r);
  return out;
}

}  // namespace zicht::generate
