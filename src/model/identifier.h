#pragma once
// An identifier on a report: an IBAN, phone number, e-mail, URL, device,
// handle or crypto address, with the role it played (docs/design.md, "Data model").
//
// `value` is what the partner sent, verbatim; `canonical` is its normal form
// (normalize/). An identifier that failed validation or is a placeholder
// keeps `valid = false` and an `invalid_reason`; it stays on the report but is
// never linked. For a URL, `domain` is its registrable domain (libpsl), which
// links too.
#include <string>

#include "model/enum_names.h"

namespace zicht::model {

enum class IdentifierKind { kIban, kPhone, kEmail, kUrl, kDevice, kHandle, kCrypto };
inline constexpr EnumNames<IdentifierKind, 7> kIdentifierKindNames{{
    "iban", "phone", "email", "url", "device", "handle", "crypto"}};

//! `spoofed`: shown to the victim but faked — it is NOT the fraudster's, so it
//! never links reports (the bank's real number would join every victim of
//! bank-helpdesk fraud into one cluster).
enum class Role { kBeneficiary, kContact, kSender, kSpoofed, kPaymentLink, kWebsite, kSuspectDevice, kOther };
inline constexpr EnumNames<Role, 8> kRoleNames{{
    "beneficiary", "contact", "sender", "spoofed", "payment_link", "website", "suspect_device",
    "other"}};

//! The role a report gets when it names none: iban→beneficiary,
//! phone/email/handle→contact, url→website, device→suspect_device,
//! crypto→beneficiary.
constexpr Role DefaultRole(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::kIban: return Role::kBeneficiary;
    case IdentifierKind::kPhone: return Role::kContact;
    case IdentifierKind::kEmail: return Role::kContact;
    case IdentifierKind::kUrl: return Role::kWebsite;
    case IdentifierKind::kDevice: return Role::kSuspectDevice;
    case IdentifierKind::kHandle: return Role::kContact;
    case IdentifierKind::kCrypto: return Role::kBeneficiary;
  }
  return Role::kOther;
}

struct Identifier {
  IdentifierKind kind = IdentifierKind::kIban;
  Role role = Role::kBeneficiary;
  std::string value;           // as received
  std::string canonical;       // normal form; empty when !valid
  std::string domain;          // url only: registrable domain; else empty
  bool valid = false;
  std::string invalid_reason;  // why !valid ("IBAN check digits do not match")

  bool operator==(const Identifier&) const = default;
};

}  // namespace zicht::model
