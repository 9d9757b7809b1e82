// Help-request fraud (hulpvraagfraude): the fraudster poses as a child or
// grandchild writing from a "new number" because the old phone broke, cannot
// call, and asks for money, often urgently and "don't tell dad". The 2020
// letter to parliament describes it; the police and Fraudehelpdesk warnings
// ("Hoi mam, dit is mijn nieuwe nummer") give the wording these patterns
// follow. Written against View::kWords (see patterns.h).
#include <array>

#include "screen/patterns.h"

namespace zicht::screen {
namespace {

using S = Signal;
constexpr View W = View::kWords;

constexpr std::array kPatterns = std::to_array<PatternSpec>({
    // NEW_NUMBER: "dit is mijn nieuwe nummer", "nw nr", "sla dit nummer op".
    {S::kNewNumber, W, R"(\bnieuwe (?:[^ ]+ ){0,3}nummer\b)"},
    {S::kNewNumber, W, R"(\b(?:dit|hier) is mijn nieuwe\b)"},
    {S::kNewNumber, W, R"(\bnieuwe 06\b)"},
    {S::kNewNumber, W, R"(\b(?:dit|hier|hierbij) (?:is )?mijn (?:nieuwe |andere |tijdelijke )?nummer\b)"},
    {S::kNewNumber, W, R"(\bnummer (?:is |zijn )?(?:veranderd|gewijzigd|gewisseld|aangepast|nieuwe)\b)"},
    {S::kNewNumber, W, R"(\b(?:ander|andere|tijdelijk|tijdelijke|reserve|oude) nummer\b)"},
    {S::kNewNumber, W, R"(\b(?:sla|bewaar|save|zet)\b )" ZICHT_GAP4 R"(nummer\b)"},
    {S::kNewNumber, W, R"(\bnummer\b )" ZICHT_GAP4 R"((?:opslaan|opslaat|op slaan|bewaren|toevoegen|vervangen|wijzigen|verwijderen)\b)"},
    {S::kNewNumber, W, R"(\bnieuwe (?:sim|simkaart|simkaartje|abonnement|provider)\b)"},
    {S::kNewNumber, W, R"(\bvia dit nummer\b)"},

    // FAMILY_ADDRESS: "hoi mam", "lieve oma", "je zoon".
    {S::kFamilyAddress, W, R"(\b(?:mam|pap|oma|opa)\b)"},
    {S::kFamilyAddress, W, R"(\b(?:je|jouw|uw) (?:zoon|dochter|kleinzoon|kleindochter|kind|neef|nicht|schoonzoon|schoondochter)\b)"},
    {S::kFamilyAddress, W, R"(\b(?:hoi|lieve|dag) (?:schat|schatje|lieverd|tante|oom|zus|broer|zusje|broertje)\b)"},

    // BROKEN_PHONE: "mn telefoon is kapot", "in het water gevallen".
    {S::kBrokenPhone, W, R"(\btelefoon\b )" ZICHT_GAP4 R"((?:kapot|gevallen|gestolen|kwijt|verloren|beschadigd|gecrasht|gebroken|gebarsten|overleden|dood|in het water|in de wc|in het toilet|werkt niet|doet het niet|doet niks|doet niets|doet raar|doet vreemd|hapert|reageert niet)\b)"},
    {S::kBrokenPhone, W, R"(\b(?:kapot|kapotte|gevallen|gestolen|kwijt|verloren|beschadigde|gebroken)\b )" ZICHT_GAP2 R"(telefoon\b)"},
    {S::kBrokenPhone, W, R"(\b(?:scherm|display|simkaart) (?:is )?(?:helemaal )?(?:kapot|gebroken|gebarsten|kwijt|geblokkeerd)\b)"},
    {S::kBrokenPhone, W, R"(\b(?:in het water|in de wc|in het toilet|in de gracht|in het zwembad|op de grond|uit mijn hand) (?:ge)?(?:vallen|gevallen|laten vallen)\b)"},
    {S::kBrokenPhone, W, R"(\b(?:oude )?nummer (?:werkt|doet) (?:het )?(?:even |nu |voorlopig )?niet\b)"},
    {S::kBrokenPhone, W, R"(\boude telefoon\b)"},

    // CANNOT_CALL: "ik kan nu niet bellen", "bellen lukt niet", "alleen appen".
    {S::kCannotCall, W, R"(\b(?:kan|lukt|mag)\b )" ZICHT_GAP4 R"(niet\b )" ZICHT_GAP2 R"((?:bellen|gebeld|praten|opnemen|spreken|videobellen|facetimen)\b)"},
    {S::kCannotCall, W, R"(\b(?:bellen|praten|opnemen) (?:lukt|gaat|werkt|kan) (?:[^ ]+ ){0,2}niet\b)"},
    {S::kCannotCall, W, R"(\b(?:alleen|enkel|voorlopig) (?:nog )?(?:appen|whatsappen|berichten|typen|via whatsapp|via de app)\b)"},
    {S::kCannotCall, W, R"(\b(?:microfoon|speaker|luidspreker|geluid) )" ZICHT_GAP2 R"((?:kapot|doet het niet|werkt niet)\b)"},
    {S::kCannotCall, W, R"(\bniet (?:bellen|gebeld worden)\b)"},
    {S::kCannotCall, W, R"(\bbel (?:mij|maar) niet\b)"},

    // SECRECY: "niet tegen papa zeggen", "tussen ons".
    {S::kSecrecy, W, R"(\b(?:zeg|vertel|zeggen|vertellen)\b )" ZICHT_GAP2 R"((?:niks|niets|niemand|het niet|niet) (?:tegen|aan)\b)"},
    {S::kSecrecy, W, R"(\bniet (?:tegen|aan) (?:[^ ]+ ){1,3}(?:zeggen|vertellen|laten weten)\b)"},
    {S::kSecrecy, W, R"(\b(?:tussen ons|ons geheimpje|geheim houden|geheimhouden|ons geheim|hou het voor je|houd het voor je|hou het stil|houd het stil|niemand vertellen|niemand weten|vertel niemand|zeg niemand)\b)"},
    {S::kSecrecy, W, R"(\bwil (?:niet|geen) dat )" ZICHT_GAP4 R"((?:weet|weten|hoort|horen)\b)"},
});

}  // namespace

std::span<const PatternSpec> HelpRequestPatterns() { return kPatterns; }

}  // namespace zicht::screen
