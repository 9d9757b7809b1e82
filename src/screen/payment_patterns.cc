// Pressure and money: the two things every fraud message ends with. URGENCY
// removes the time to think or to call the real person; PAYMENT_REQUEST and
// PAYMENT_LINK are the ask itself (a transfer, a loan, "een betaalverzoek",
// "een tikkie", an open invoice or customs fee). Mostly View::kWords; the
// payment-link URL shapes use View::kFolded.
#include <array>

#include "screen/patterns.h"

namespace zicht::screen {
namespace {

using S = Signal;
constexpr View W = View::kWords;
constexpr View F = View::kFolded;

constexpr std::array kPatterns = std::to_array<PatternSpec>({
    // URGENCY: "vandaag nog", "met spoed", "binnen 24 uur", "zsm".
    {S::kUrgency, W, R"(\b(?:vandaag nog|nog vandaag|vanavond nog|vandaag betalen|vandaag voldoen|voor vanavond|voor vandaag|voor morgen|voor middernacht|zo snel mogelijk|met spoed|spoed|spoedig|dringend|meteen|onmiddellijk|direct|nu nog|nu meteen|heel snel|snel even|even snel|haast|laatste herinnering|laatste aanmaning|laatste kans|laatste waarschuwing|deadline|uiterlijk|per direct|binnen enkele uren|geen tijd)\b)"},
    {S::kUrgency, W, R"(\b(?:voor|om|uiterlijk|binnen) \d{1,2} (?:uur|minuten|dagen)\b)"},
    {S::kUrgency, W, R"(\bbinnen (?:24|48|72) (?:uur|u)\b)"},
    {S::kUrgency, W, R"(\b(?:kijk|klik|reageer|handel|regel het|doe het) (?:snel|nu|direct|meteen|vandaag)\b)"},
    {S::kUrgency, W, R"(\banders (?:krijg|wordt|word|worden|kost|volgt|volgen|komt|gaat|ben|is|moet|zit|zitten)\b)"},
    {S::kUrgency, W, R"(\b(?:verloopt|vervalt|verlopen) (?:vandaag|morgen|binnenkort|binnen)\b)"},
    {S::kUrgency, W, R"(\b(?:moet|moeten) (?:het )?(?:vandaag|nu|vanavond|vanmiddag)\b)"},
    {S::kUrgency, W, R"(\b(?:boete|incasso|deurwaarder|afsluiting|verhoging)\b )" ZICHT_GAP4 R"((?:als|indien|wanneer)\b)"},

    // PAYMENT_REQUEST: a transfer, loan or bill the reader is asked to pay.
    {S::kPaymentRequest, W, R"(\b(?:overmaken|overmaakt|overboeken|overboekt|overschrijven|voorschieten|voorschiet|voorgeschoten|lenen|leen|storten|stort|terugbetalen|terugstorten)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:maak|maakt|maken|schiet|schieten) (?:je |u |jij |jullie )?(?:[^ ]+ ){0,4}(?:over|voor)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:kan|wil|zou|zouden) (?:je|u|jullie)\b (?:[^ ]+ ){0,8})" R"((?:betalen|betaal|sturen|regelen|voldoen)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:helpen|helpt|help) (?:mij |me )?met (?:[^ ]+ ){0,2}(?:betaling|betalen|rekening|rekeningen|factuur|huur|geld|bedrag|betaalverzoek|boete|\d+ euro)\b)"},
    {S::kPaymentRequest, W, R"(\bgeld\b )" ZICHT_GAP2 R"((?:nodig|lenen|sturen|overmaken|tekort|krap|te kort)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:rekening|factuur|nota|boete|huur|aanbetaling|borg|bedrag|kosten|invoerrechten|verzendkosten|bezorgkosten|inklaringskosten|administratiekosten|douanekosten)\b )" ZICHT_GAP4 R"((?:betalen|voldoen|overmaken|te betalen|openstaan|openstaat|staat open|betaald worden)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:openstaand|openstaande|achterstallige|achterstallig) (?:bedrag|betaling|factuur|rekening|belasting|aanslag|vordering)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:naar|op) (?:dit|deze|het volgende|onderstaand|onderstaande|dat) (?:rekeningnummer|rekening|iban|nummer)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:iban|rekeningnummer) (?:is|nl\d\d|ten name van|tnv|t n v)\b)"},
    {S::kPaymentRequest, W, R"(\bnl\d\d ?[a-z]{4} ?\d{4} ?\d{4} ?\d{2}\b)"},
    {S::kPaymentRequest, W, R"(\b(?:betaal|betaalt|betalen) )" ZICHT_GAP4 R"((?:euro|terug|morgen terug|straks terug)\b)"},
    {S::kPaymentRequest, W, R"(\bkrijg (?:je|u) )" ZICHT_GAP4 R"(terug\b)"},
    {S::kPaymentRequest, W, R"(\b(?:ik moet|moet ik)\b (?:[^ ]+ ){0,5}(?:betalen|overmaken|voldoen)\b)"},
    {S::kPaymentRequest, W, R"(\b(?:betaal|betaalt|voldoe|voldoet)\b (?:[^ ]+ ){0,4}(?:euro|cent|eurocent|kosten|bezorgkosten|verzendkosten|invoerrechten|bedrag|boete|\d+)\b)"},

    // PAYMENT_LINK: "stuur ik je een tikkie", "betaalverzoek", "betaal via de link".
    {S::kPaymentLink, W, R"(\b(?:tikkie|tikkies|betaalverzoek|betaalverzoekje|betaallink|betaallinkje|betaalpagina|ideal)\b)"},
    {S::kPaymentLink, W, R"(\b(?:link|linkje)\b )" ZICHT_GAP4 R"((?:betalen|betaal|voldoen|overmaken)\b)"},
    {S::kPaymentLink, W, R"(\b(?:betalen|betaal|voldoen|voldoe) (?:[^ ]+ ){0,3}(?:via|met|op) (?:de |deze |onderstaande |volgende |bijgevoegde )?(?:link|linkje|pagina)\b)"},
    {S::kPaymentLink, F, R"(\btikkie\.me\b)"},
    {S::kPaymentLink, F, R"((?:https?://|www\.)[^ ]*(?:pay|betaal|ideal|tikkie))"},
});

}  // namespace

std::span<const PatternSpec> PaymentPatterns() { return kPatterns; }

}  // namespace zicht::screen
