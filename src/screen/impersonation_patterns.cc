// Impersonation: bank-helpdesk fraud (bankhelpdeskfraude — a fake bank
// employee or "fraudeafdeling" talks the victim into moving money to a
// "veilige rekening", installing AnyDesk or handing the card to a courier)
// and phishing (a fake bank, Belastingdienst, DigiD, CJIB or parcel carrier
// sends the victim to a look-alike site because an account is "blocked" or a
// card "expires"). Modelled on the warnings of the Fraudehelpdesk, the police
// and the banks. SAFETY_ADVICE recognises the genuine counterpart — a bank
// saying it never asks for codes — and lowers the impersonation scores.
// Written against View::kWords.
#include <array>

#include "screen/patterns.h"

namespace zicht::screen {
namespace {

using S = Signal;
constexpr View W = View::kWords;

constexpr std::array kPatterns = std::to_array<PatternSpec>({
    // BANK_IMPERSONATION
    {S::kBankImpersonation, W, R"(\b(?:ing|ing bank|rabobank|abn amro|sns|sns bank|asn|asn bank|regiobank|bunq|knab|triodos|volksbank)\b)"},
    {S::kBankImpersonation, W, R"(\b(?:uw|je|jouw|de) bank\b)"},
    {S::kBankImpersonation, W, R"(\b(?:fraudeafdeling|fraude afdeling|veiligheidsafdeling|beveiligingsafdeling|beveiligingsdienst|fraudeteam|fraudedienst|fraudepreventie|fraudebestrijding|afdeling fraude|afdeling veiligheid|security afdeling|bankmedewerker|bankmedewerkers|bankhelpdesk)\b)"},
    {S::kBankImpersonation, W, R"(\b(?:medewerker|klantenservice|helpdesk|servicedesk) (?:van|bij) (?:de|uw|je) bank\b)"},

    // AUTHORITY_IMPERSONATION
    {S::kAuthorityImpersonation, W, R"(\b(?:belastingdienst|belasting dienst|digid|cjib|politie|overheid|mijnoverheid|mijn overheid|rijksoverheid|toeslagen|dienst toeslagen|duo|svb|uwv|rechtbank|deurwaarder|deurwaarders|incassobureau|justitie|douane|rdw|kvk|kamer van koophandel|ministerie|openbaar ministerie|berichtenbox)\b)"},

    // PARCEL_DELIVERY
    {S::kParcelDelivery, W, R"(\b(?:postnl|post nl|dhl|dpd|gls|ups|fedex|bpost|pakket|zending|pakketdienst|bezorger|bezorgpoging|track en trace|track trace)\b)"},

    // ACCOUNT_BLOCKED: blocked, expiring, must be verified.
    {S::kAccountBlocked, W, R"(\b(?:geblokkeerd|blokkeren|blokkeert|blokkade|opgeschort|bevroren|gedeactiveerd|deactiveren|gedeactiveerd|vergrendeld|afgesloten|ongeldig gemaakt|buiten gebruik gesteld|stopgezet)\b)"},
    {S::kAccountBlocked, W, R"(\b(?:pas|bankpas|betaalpas|pinpas|creditcard|digid|account|rekening|toegang|betaalrekening|app) )" ZICHT_GAP4 R"((?:verloopt|verlopen|vervalt|vervallen|beperkt|geschorst)\b)"},
    {S::kAccountBlocked, W, R"(\b(?:verifieer|verifieert|verifieren|verificatie|gegevens aanvullen|vul uw gegevens aan|vul je gegevens aan|adres is onvolledig|onvolledig adres|valideer|valideren|heractiveren|opnieuw activeren|reactiveren|controleer uw gegevens|gegevens bijwerken|gegevens controleren|gegevens bevestigen|gegevens verifieren|gegevens updaten|identiteit bevestigen|identiteit verifieren)\b)"},
    {S::kAccountBlocked, W, R"(\b(?:bevestig|update|actualiseer|controleer) (?:uw|je) (?:gegevens|identiteit|account|rekening|rekeningnummer|iban|pas|adres|betaalgegevens|bankgegevens)\b)"},
    {S::kAccountBlocked, W, R"(\b(?:nieuwe|vervangende) (?:pas|bankpas|betaalpas|pinpas) )" ZICHT_GAP2 R"((?:aanvragen|aan te vragen|aan)\b)"},

    // SAFE_ACCOUNT: "zet uw geld op een veilige rekening".
    {S::kSafeAccount, W, R"(\b(?:veilige|beveiligde|beschermde|tijdelijke|afgeschermde|nieuwe veilige|kluis|controle|tussen) ?rekening\b)"},
    {S::kSafeAccount, W, R"(\b(?:kluisrekening|veiligheidsrekening|beveiligingsrekening|noodrekening)\b)"},
    {S::kSafeAccount, W, R"(\b(?:geld|saldo|spaargeld|tegoed|spaarrekening|vermogen)\b )" ZICHT_GAP4 R"((?:veilig stellen|veiligstellen|in veiligheid|veilig zetten|overzetten|over te zetten|over te boeken|overboeken)\b)"},

    // CREDENTIAL_REQUEST: codes, PIN, login details.
    // A credential word alone ("uw pincode komt per post") is no request; it
    // needs a verb that asks for it.
#define ZICHT_CREDENTIALS                                                                      \
  "(?:pincode|pin code|inlogcode|inlogcodes|inloggegevens|bankgegevens|wachtwoord|"            \
  "beveiligingscode|verificatiecode|sms code|smscode|identificatiecode|tancode|tan code|"      \
  "responscode|toegangscode|activatiecode|koppelcode|codes|code|scanner|kaartnummer|cvc|"          \
  "rekeningnummer|iban)"
    {S::kCredentialRequest, W, R"(\b(?:geef|stuur|deel|noem|vul|voer|typ|tik|lees|bevestig|controleer|wat is|vragen om|nodig)\b (?:[^ ]+ ){0,4})" ZICHT_CREDENTIALS R"(\b)"},
    {S::kCredentialRequest, W, R"(\b)" ZICHT_CREDENTIALS R"( (?:[^ ]+ ){0,4}(?:doorgeven|door te geven|door|sturen|doorsturen|delen|invullen|invoeren|in te voeren|voorlezen|bevestigen|bij de hand|klaar houden|klaarhouden)\b)"},
    {S::kCredentialRequest, W, R"(\b(?:log|logt) (?:in|hier in|direct in|nu in)\b)"},
    {S::kCredentialRequest, W, R"(\binloggen\b)"},

    // REMOTE_ACCESS: "installeer AnyDesk zodat ik kan meekijken".
    {S::kRemoteAccess, W, R"(\b(?:anydesk|any desk|teamviewer|team viewer|quicksupport|quick support|rustdesk|supremo|ultraviewer|schermdelen|scherm delen|meekijken|mee kijken|overnemen van uw scherm)\b)"},
    {S::kRemoteAccess, W, R"(\b(?:installeer|installeren|download|downloaden) )" ZICHT_GAP4 R"((?:app|programma|software)\b)"},

    // CALLBACK_REQUEST: "bel ons direct terug op 020 ...", "u wordt gebeld".
    {S::kCallbackRequest, W, R"(\bbel (?:ons|direct|meteen|onmiddellijk|dan|terug|het nummer|naar|met de)\b)"},
    {S::kCallbackRequest, W, R"(\bbel )" ZICHT_GAP2 R"(0\d)"},
    {S::kCallbackRequest, W, R"(\b(?:terugbellen|terug bellen|belt u terug|bel terug|neem contact op|neem direct contact op|neem zo snel mogelijk contact op)\b)"},
    {S::kCallbackRequest, W, R"(\b(?:u|je|jij) (?:wordt|word) )" ZICHT_GAP2 R"(gebeld\b)"},
    {S::kCallbackRequest, W, R"(\bgebeld door\b)"},

    // CARD_PICKUP: "een koerier komt uw pas ophalen".
    {S::kCardPickup, W, R"(\b(?:koerier|bode|medewerker|collega)\b )" ZICHT_GAP6 R"((?:pas|passen|bankpas|pinpas|betaalpas|kaart|bankkaart)\b)"},
    {S::kCardPickup, W, R"(\b(?:koerier|bode|medewerker|collega)\b (?:[^ ]+ ){0,6}(?:ophalen|ophaalt|op te halen|komt halen)\b)"},
    {S::kCardPickup, W, R"(\b(?:pas|passen|bankpas|pinpas|betaalpas|bankkaart)\b )" ZICHT_GAP4 R"((?:ophalen|ophaalt|opgehaald|op te halen|komt halen|meegeven|afgeven|inleveren|envelop|doorknippen|doormidden)\b)"},

    // SUSPICIOUS_ACTIVITY: "wij zien verdachte transacties".
    {S::kSuspiciousActivity, W, R"(\b(?:verdachte|frauduleuze|ongebruikelijke|afwijkende|onbekende|vreemde|ongeautoriseerde|niet herkende) (?:transactie|transacties|betaling|betalingen|afschrijving|afschrijvingen|activiteit|activiteiten|inlogpoging|inlogpogingen|login|aanmelding|overboeking|overboekingen|opname|opnames)\b)"},
    {S::kSuspiciousActivity, W, R"(\b(?:ingelogd|inlogpoging|aangemeld) (?:[^ ]+ ){0,2}(?:vanaf|vanuit|op|met) (?:een )?(?:onbekend|onbekende|nieuw|nieuwe|ander|andere|buitenlands|buitenlandse) (?:apparaat|toestel|locatie|ip|land)\b)"},
    {S::kSuspiciousActivity, W, R"(\b(?:rekening|account|pas|gegevens) (?:is |zijn |wordt |worden )?(?:gehackt|overgenomen|misbruikt|gekopieerd|geskimd|gelekt|onderschept|gestolen)\b)"},
    {S::kSuspiciousActivity, W, R"(\bfraude (?:op|met) (?:uw|je) (?:rekening|pas|account)\b)"},

    // REFUND_LURE: money waiting to be claimed — the carrot where
    // ACCOUNT_BLOCKED is the stick.
    {S::kRefundLure, W, R"(\b(?:teruggave|teruggaaf|restitutie|terugbetaling|cashback|tegoed|toeslag|vergoeding|compensatie|prijs|gewonnen|winnaar|uitbetaling)\b )" ZICHT_GAP6 R"((?:staat klaar|klaar|ontvangen|aanvragen|aan|claimen|claim|uitbetalen|uitbetaald|recht op)\b)"},
    {S::kRefundLure, W, R"(\b(?:u heeft|je hebt|jij hebt) recht op\b)"},
    {S::kRefundLure, W, R"(\b(?:u krijgt|je krijgt|jij krijgt|u ontvangt|ontvangt u) (?:[^ ]+ ){0,4}(?:terug|uitbetaald|gestort|bijgeschreven|vergoed)\b)"},
    {S::kRefundLure, W, R"(\b(?:u heeft|je hebt) (?:[^ ]+ ){0,3}gewonnen\b)"},

    // SAFETY_ADVICE: the real bank's or police's voice — lowers every score.
    {S::kSafetyAdvice, W, R"(\b(?:wij|we|bank|banken|ing|rabobank|abn amro|politie)\b )" ZICHT_GAP4 R"((?:nooit|nimmer)\b)"},
    {S::kSafetyAdvice, W, R"(\b(?:vraagt|vragen|belt|bellen|sturen|stuurt) (?:u |je )?nooit\b)"},
    {S::kSafetyAdvice, W, R"(\bnooit (?:uw|je) (?:pincode|code|codes|inloggegevens|wachtwoord|pas|bankpas)\b)"},
    {S::kSafetyAdvice, W, R"(\b(?:deel|geef) (?:uw|je) )" ZICHT_GAP2 R"(nooit\b)"},
    {S::kSafetyAdvice, W, R"(\b(?:trap er niet in|wees alert|pas op voor|let op oplichters|waarschuwing voor|waarschuwt|waarschuwen|oplichters doen zich voor|nepberichten|nep berichten|bel altijd|bel eerst|check altijd|controleer altijd|hang op)\b)"},
});

}  // namespace

std::span<const PatternSpec> ImpersonationPatterns() { return kPatterns; }

}  // namespace zicht::screen
