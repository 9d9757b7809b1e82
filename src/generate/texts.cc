#include "generate/texts.h"

#include <array>
#include <span>

namespace zicht::generate {
namespace {

using model::FraudType;

// Templates. {rel} who the fraudster pretends to be talking to, {amount}
// euros, {bank} a bank's name, {url} the report's URL, {iban} its IBAN,
// {item} something sold online, {name} a first name. A template that uses
// {url} is only chosen when the report has a URL; one that tells of a loss
// (or of a refusal to pay) only for a report with that outcome.
enum class When { kAny, kLoss, kAttempt };
struct Template {
  std::string_view text;
  bool needs_url;
  When when = When::kAny;  // a text that says money was lost only fits a loss
};

constexpr std::array<Template, 7> kHulpvraag{{
    {"Hoi {rel}, dit is mijn nieuwe nummer. Mijn telefoon is kapot gegaan. Kun je dit nummer opslaan?", false},
    {"Hoi {rel}, mijn telefoon is in het water gevallen, dit is mijn nieuwe nummer. Kun je vandaag een rekening van {amount} euro voor me betalen? Morgen krijg je het terug.", false},
    {"Hey {rel}, ben je daar? Ik heb een nieuw nummer. Ik moet dringend iets betalen maar mijn bankapp werkt nog niet op deze telefoon. Kun je {amount} euro overmaken naar {iban}?", false},
    {"Hallo {rel}, nieuw nummer! Wil je {amount} euro overmaken naar {iban}? Zeg nog even niks tegen de anderen, ik leg het later uit.", false},
    {"Hoi {rel}, dit is mijn tijdelijke nummer. Kun je dit betaalverzoek voor me doen? {url} Heel snel graag!", true},
    {"Mijn {relv} appte vanaf een onbekend nummer dat het een nieuw nummer was en vroeg om {amount} euro over te maken. Later bleek het niet mijn {relv} te zijn.", false, When::kLoss},
    {"WhatsApp van zogenaamd mijn {relv} met nieuw nummer. Gevraagd om een factuur te betalen. Niet betaald, vertrouwde het niet.", false, When::kAttempt},
}};

constexpr std::array<Template, 6> kBankhelpdesk{{
    {"Goedemiddag, u spreekt met de fraudeafdeling van {bank}. Er zijn verdachte transacties op uw rekening. Uw rekening is geblokkeerd, zet uw geld direct over naar een veilige rekening.", false},
    {"Uw rekening is geblokkeerd wegens verdachte activiteit. Bel direct met de beveiligingsdienst van {bank} om uw rekening te deblokkeren.", false},
    {"Beller zei van {bank} te zijn en vroeg mij een app te installeren zodat hij kon meekijken. Daarna is er {amount} euro van mijn rekening afgeschreven.", false, When::kLoss},
    {"Ik werd gebeld door een medewerker van {bank}. Het nummer op mijn scherm was echt het nummer van de bank. Ik moest {amount} euro overboeken naar een veilige rekening {iban}.", false, When::kLoss},
    {"Gebeld door iemand van {bank}: mijn pas zou gekopieerd zijn. Er kwam een koerier mijn bankpas ophalen. Later {amount} euro opgenomen.", false, When::kLoss},
    {"Sms van {bank}: er is ingelogd op een nieuw apparaat. Was u dit niet? Bel ons terug. Daarna belde een 'medewerker' mij op.", false},
}};

constexpr std::array<Template, 8> kPhishing{{
    {"Uw pakket kon niet worden bezorgd. Betaal de verzendkosten van EUR 1,99 via {url}", true},
    {"Uw bankpas verloopt binnenkort. Vraag vandaag nog een nieuwe pas aan via {url}", true},
    {"Laatste herinnering: er staat een betaling van {amount} euro open. Voorkom extra kosten en betaal via {url}", true},
    {"Uw account wordt vandaag beeindigd als u uw gegevens niet verifieert. Log in via {url}", true},
    {"U heeft recht op een teruggave van {amount} euro. Vraag het voor vrijdag aan via {url}", true},
    {"Er is een nieuw apparaat gekoppeld aan uw account. Niet herkend? Ga naar {url}", true},
    {"Ik klikte op een link in een sms over mijn bankpas en vulde mijn gegevens in. Daarna was er {amount} euro van mijn rekening verdwenen.", false, When::kLoss},
    {"Sms ontvangen dat mijn pakket niet bezorgd kon worden, met een link om te betalen. Niet op geklikt.", false, When::kAttempt},
}};

constexpr std::array<Template, 7> kAankoop{{
    {"{item} gekocht via een advertentie voor {amount} euro, vooruit betaald naar {iban}, nooit ontvangen. Verkoper reageert niet meer.", false, When::kLoss},
    {"Bestelling geplaatst bij webwinkel {url} ({item}), betaald maar niets geleverd. Website is nu offline.", true, When::kLoss},
    {"Verkoper stuurde een foto van zijn ID-bewijs om vertrouwen te wekken. Na betaling van {amount} euro voor een {item} werd ik geblokkeerd.", false, When::kLoss},
    {"Concertkaarten gekocht van iemand op sociale media voor {amount} euro. De kaarten bleken nep.", false, When::kLoss},
    {"{item} besteld voor {amount} euro. Verkoper wilde alleen via overboeking naar {iban}. Pakket nooit aangekomen.", false, When::kLoss},
    {"Advertentie voor een {item} ver onder de prijs. Heb het geld overgemaakt en daarna niets meer gehoord.", false, When::kLoss},
    {"Verkoper van een {item} wilde alleen vooruitbetaling naar {iban}. Niet betaald, vertrouwde het niet.", false, When::kAttempt},
}};

constexpr std::array<Template, 5> kVerkoop{{
    {"Koper wilde mijn {item} kopen en stuurde een betaalverzoek van 1 cent om mijn rekening te verifieren: {url}. Daarna was er {amount} euro weg.", true, When::kLoss},
    {"Ik verkocht mijn {item}. Koper stuurde een link om via een veilig-betalen-dienst het geld te ontvangen: {url}", true},
    {"Koper vroeg mij een QR-code te scannen om de betaling voor de {item} te ontvangen. Ik moest inloggen bij mijn bank en toen werd {amount} euro afgeschreven.", false, When::kLoss},
    {"Koper zei dat hij al betaald had via een koeriersdienst en ik moest nog verzendkosten betalen via {url}", true},
    {"Bij verkoop van mijn {item} kreeg ik een link om mijn gegevens in te vullen. Niet gedaan, leek nep.", false, When::kAttempt},
}};

constexpr std::array<Template, 4> kDating{{
    {"Via een datingsite contact met {name}. Na weken chatten vroeg {name} geld voor een vliegticket naar Nederland. In totaal {amount} euro overgemaakt.", false, When::kLoss},
    {"{name} zat vast in het buitenland en had {amount} euro nodig voor ziekenhuiskosten. Ik heb het overgemaakt naar {iban}.", false, When::kLoss},
    {"Online relatie van maanden. {name} vroeg mij te investeren in crypto via {url}. Geld is weg.", true, When::kLoss},
    {"{name} wilde mij ontmoeten maar had eerst geld nodig voor de douane. Niet betaald.", false, When::kAttempt},
}};

constexpr std::array<Template, 5> kBeleggings{{
    {"Advertentie op sociale media met een bekende Nederlander over beleggen in crypto. Ingelegd: {amount} euro via {url}, opnemen lukt niet.", true, When::kLoss},
    {"Gebeld door een beleggingsadviseur die 20 procent rendement per maand beloofde. Eerst {amount} euro storten op {iban}.", false, When::kLoss},
    {"Aangemeld op een handelsplatform {url}. Na de eerste winst moest ik belasting betalen om mijn geld op te nemen.", true, When::kLoss},
    {"Via een WhatsApp-groep over aandelen overgehaald om {amount} euro te beleggen. Groep is verdwenen.", false, When::kLoss},
    {"Gebeld door een zogenaamde beleggingsadviseur die hoge rendementen beloofde. Heb opgehangen.", false, When::kAttempt},
}};

constexpr std::array<Template, 4> kIdentiteit{{
    {"Op mijn naam is een telefoonabonnement afgesloten dat ik niet ken.", false},
    {"Iemand heeft met een kopie van mijn ID-bewijs een bankrekening geopend: {iban}.", false},
    {"Mijn e-mailadres is overgenomen; er zijn bestellingen op mijn naam gedaan voor {amount} euro.", false, When::kLoss},
    {"Ik kreeg facturen voor leningen die ik nooit heb afgesloten.", false},
}};

constexpr std::array<Template, 4> kOverig{{
    {"Verdacht bericht ontvangen, geen geld overgemaakt.", false, When::kAttempt},
    {"Onbekende incasso van {amount} euro van een bedrijf dat ik niet ken.", false},
    {"Gebeld over een gewonnen prijs, ik moest eerst {amount} euro administratiekosten betalen.", false},
    {"Nepfactuur ontvangen voor een domeinnaam, betalen via {url}", true},
}};

constexpr std::array<std::string_view, 8> kRelations{"mam", "pap", "mama", "papa", "ma", "oma", "lieve mam", "opa"};
constexpr std::array<std::string_view, 6> kRelationsVictim{"dochter", "zoon", "kleinzoon", "kleindochter", "neef", "nicht"};
constexpr std::array<std::string_view, 6> kBanks{"ING", "de Rabobank", "ABN AMRO", "SNS", "de bank", "uw bank"};
constexpr std::array<std::string_view, 12> kItems{
    "PlayStation 5", "iPhone", "fiets", "e-bike", "bank", "kinderwagen",
    "camera", "laptop", "gitaar", "spelcomputer", "Lego-set", "tuinset"};
constexpr std::array<std::string_view, 8> kNames{"Mark", "Lisa", "James", "Anna", "Robert", "Maria", "David", "Elena"};

std::span<const Template> TemplatesFor(FraudType type) {
  switch (type) {
    case FraudType::kHulpvraagfraude: return kHulpvraag;
    case FraudType::kBankhelpdeskfraude: return kBankhelpdesk;
    case FraudType::kPhishing: return kPhishing;
    case FraudType::kAankoopfraude: return kAankoop;
    case FraudType::kVerkoopfraude: return kVerkoop;
    case FraudType::kDatingfraude: return kDating;
    case FraudType::kBeleggingsfraude: return kBeleggings;
    case FraudType::kIdentiteitsfraude: return kIdentiteit;
    case FraudType::kOverig: return kOverig;
  }
  return kOverig;
}

// "1.250" — Dutch thousands separator.
void AppendAmount(int64_t euros, std::string* out) {
  if (euros < 1) euros = 1;
  std::string digits = std::to_string(euros);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out->push_back('.');
    out->push_back(digits[i]);
  }
}

}  // namespace

void AppendReportText(Rng& rng, FraudType type, const TextSlots& slots, std::string* out) {
  std::span<const Template> all = TemplatesFor(type);
  auto fits = [&slots](const Template& t) {
    if (t.needs_url && slots.url.empty()) return false;
    if (t.when == When::kLoss) return slots.loss;
    if (t.when == When::kAttempt) return !slots.loss;
    return true;
  };
  // A few random tries, then the first template that fits; every type has,
  // for each outcome, a template that needs no URL.
  const Template* chosen = nullptr;
  for (int attempt = 0; attempt < 4 && chosen == nullptr; ++attempt) {
    const Template& t = all[rng.Below(all.size())];
    if (fits(t)) chosen = &t;
  }
  for (size_t i = 0; chosen == nullptr && i < all.size(); ++i) {
    if (fits(all[i])) chosen = &all[i];
  }
  if (chosen == nullptr) chosen = &all[0];
  std::string_view text = chosen->text;
  std::string_view relation = PickFrom(rng, kRelations);
  std::string_view name = PickFrom(rng, kNames);
  std::string_view relative = PickFrom(rng, kRelationsVictim);
  for (size_t i = 0; i < text.size(); ++i) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) {
      out->append(text.substr(i));
      break;
    }
    out->append(text.substr(i, open - i));
    size_t end = text.find('}', open);
    std::string_view slot = text.substr(open + 1, end - open - 1);
    i = end;
    if (slot == "rel") out->append(relation);
    else if (slot == "relv") out->append(relative);
    else if (slot == "amount") AppendAmount(slots.amount_eur, out);
    else if (slot == "bank") out->append(PickFrom(rng, kBanks));
    else if (slot == "url") out->append(slots.url);
    else if (slot == "iban") out->append(slots.iban.empty() ? std::string_view("een rekening") : slots.iban);
    else if (slot == "item") out->append(PickFrom(rng, kItems));
    else if (slot == "name") out->append(name);
  }
}

}  // namespace zicht::generate
