#include "screen/spelling_variants.h"

#include <array>

namespace zicht::screen {
namespace {

// Grouped by canonical word. Variants are written as they look after
// normalisation: lower case, no diacritics, apostrophes dropped ("m'n" →
// "mn"), runs of three or more equal letters collapsed to one ("mammm" →
// "mam", "hoiii" → "hoi").
constexpr std::array kVariants = std::to_array<SpellingVariant>({
    // nummer
    {"nr", "nummer"}, {"nmr", "nummer"}, {"numer", "nummer"}, {"nummr", "nummer"},
    {"nummertje", "nummer"}, {"telnr", "nummer"}, {"telefoonnummer", "nummer"},
    {"telefoonnr", "nummer"}, {"06nummer", "nummer"}, {"mobielnummer", "nummer"},
    {"gsmnummer", "nummer"}, {"nummers", "nummer"}, {"reservenummer", "reserve nummer"},
    {"werknummer", "ander nummer"}, {"noodnummer", "ander nummer"},
    // nieuwe
    {"nw", "nieuwe"}, {"nwe", "nieuwe"}, {"nieuw", "nieuwe"}, {"niew", "nieuwe"},
    {"niewe", "nieuwe"}, {"nieuwee", "nieuwe"}, {"new", "nieuwe"},
    // even (chat: "ff", "effe")
    {"ff", "even"}, {"effe", "even"}, {"efkes", "even"}, {"eventjes", "even"}, {"evn", "even"},
    // mijn / ik / je / kan
    {"mn", "mijn"}, {"mijne", "mijn"}, {"me", "mij"}, {"k", "ik"}, {"ikke", "ik"},
    {"jij", "je"}, {"jou", "je"}, {"jy", "je"}, {"kun", "kan"}, {"kunt", "kan"},
    {"ken", "kan"}, {"kunje", "kan je"}, {"kanje", "kan je"}, {"kunnen", "kan"},
    // family
    {"mama", "mam"}, {"mams", "mam"}, {"mamma", "mam"}, {"mammie", "mam"}, {"mamsie", "mam"},
    {"mamie", "mam"}, {"mami", "mam"}, {"mammy", "mam"}, {"ma", "mam"}, {"moeder", "mam"},
    {"mom", "mam"}, {"mum", "mam"}, {"mamaatje", "mam"},
    {"papa", "pap"}, {"pappa", "pap"}, {"pappie", "pap"}, {"paps", "pap"}, {"papsie", "pap"},
    {"pa", "pap"}, {"vader", "pap"}, {"dad", "pap"}, {"daddy", "pap"},
    {"omi", "oma"}, {"omaatje", "oma"}, {"grootmoeder", "oma"}, {"opi", "opa"},
    {"opaatje", "opa"}, {"grootvader", "opa"},
    // telefoon
    {"tel", "telefoon"}, {"telefoontje", "telefoon"}, {"mobiel", "telefoon"},
    {"mobieltje", "telefoon"}, {"gsm", "telefoon"}, {"foon", "telefoon"}, {"phone", "telefoon"},
    {"iphone", "telefoon"}, {"toestel", "telefoon"}, {"telefon", "telefoon"},
    {"telfoon", "telefoon"}, {"telefoo", "telefoon"}, {"smartphone", "telefoon"},
    // geld / euro
    {"centjes", "geld"}, {"poen", "geld"}, {"doekoe", "geld"}, {"pegels", "geld"},
    {"geldje", "geld"}, {"eur", "euro"}, {"euros", "euro"},
    // alsjeblieft
    {"aub", "alsjeblieft"}, {"asjeblieft", "alsjeblieft"}, {"asjeblief", "alsjeblieft"},
    {"alsjeblief", "alsjeblieft"}, {"alstublieft", "alsjeblieft"}, {"astublieft", "alsjeblieft"},
    {"plz", "alsjeblieft"}, {"pls", "alsjeblieft"}, {"plss", "alsjeblieft"},
    {"please", "alsjeblieft"}, {"svp", "alsjeblieft"}, {"alsjeblieftt", "alsjeblieft"},
    // time and pressure
    {"vndg", "vandaag"}, {"drigend", "dringend"}, {"dringent", "dringend"},
    {"dringed", "dringend"}, {"urgent", "dringend"}, {"zsm", "zo snel mogelijk"},
    {"asap", "zo snel mogelijk"}, {"snell", "snel"}, {"nuu", "nu"},
    // kapot
    {"stuk", "kapot"}, {"kappot", "kapot"}, {"broken", "kapot"}, {"defect", "kapot"},
    {"kapotgevallen", "kapot gevallen"},
    // greetings and chat
    {"hey", "hoi"}, {"hai", "hoi"}, {"hee", "hoi"}, {"hoii", "hoi"}, {"heyy", "hoi"},
    {"heey", "hoi"}, {"hallo", "hoi"}, {"hallootjes", "hoi"}, {"hi", "hoi"}, {"hoj", "hoi"},
    {"hej", "hoi"}, {"hoy", "hoi"}, {"nie", "niet"}, {"nt", "niet"}, {"sry", "sorry"},
    {"sorrie", "sorry"}, {"berichtje", "bericht"}, {"appje", "bericht"},
    // money words
    {"rek", "rekening"}, {"reknr", "rekeningnummer"}, {"rekeningnr", "rekeningnummer"},
    {"overmaake", "overmaken"}, {"overmaaken", "overmaken"}, {"overmake", "overmaken"},
    {"betale", "betalen"}, {"betaalen", "betalen"},
    // organisations
    {"abnamro", "abn amro"}, {"rabo", "rabobank"}, {"belastingsdienst", "belastingdienst"},
    {"pakketje", "pakket"}, {"digi", "digid"},
});

}  // namespace

std::span<const SpellingVariant> SpellingVariants() { return kVariants; }

}  // namespace zicht::screen
