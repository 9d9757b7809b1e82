#pragma once
// Placeholders: what a form or a partner's export puts in a field when the
// real value is unknown ("onbekend", "n.v.t.", "-", "0000000000",
// "NL00 0000 0000 0000 00"). They are not identifiers: linking two reports
// because both say "onbekend" would merge unrelated victims (docs/design.md,
// "Normalisation"). Such values are kept on the report as invalid with the
// reason "placeholder value".
//
// A value is a placeholder when, trimmed and ASCII-lower-cased,
//  1. it is one of the words in kPlaceholderWords (placeholder.cc), Dutch
//     and English ("onbekend", "nvt", "unknown", "geen", "null", "x", ...);
//  2. it is one character repeated ("xxxx", "---", "???", "...", "***");
//  3. without separators (space - . / _ + ( )) it is only zeros ("0",
//     "000-0000000"), or at most a two-letter country code and four digits
//     followed by eight or more zeros ("NL00000000000000", "+31 000000000",
//     "06-00000000");
//  4. for an e-mail address: its local part is a placeholder word
//     ("onbekend@example.nl").
//
// Thread-safety: pure function.
#include <string_view>

#include "model/identifier.h"

namespace zicht::normalize {

//! True when `value` (any white space around it is ignored) is a
//! placeholder for an identifier of `kind`.
bool IsPlaceholder(model::IdentifierKind kind, std::string_view value);

}  // namespace zicht::normalize
