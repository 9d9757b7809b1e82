#pragma once
// Why one input line was rejected: the field at fault and what is wrong with
// it, in words for the partner who has to fix the line (docs/design.md, "Ingest
// guarantees": "a reason that names the field").
#include <string>

namespace zicht::ingest {

struct FieldError {
  //! The field at fault: "fraud_type", "victim.region", "identifiers[2].kind".
  //! Empty when the line as a whole is wrong (not JSON, not an object, a CSV
  //! row with the wrong number of cells).
  std::string field;
  //! What is wrong, e.g. "missing", "'hulpvraag' is not a fraud type (allowed: …)".
  //! Never contains an identifier value or report text.
  std::string reason;
};

}  // namespace zicht::ingest
