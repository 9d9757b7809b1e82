#pragma once
// A STIX 2.1 bundle ({"type":"bundle","objects":[…]}) read as one report,
// so `zicht ingest bundle.json` and POST /v1/reports take the indicators
// and observables a TIP or a CERT shares (docs/ingest.md, "STIX bundles").
//
// Mapping to the report object the validator takes:
//   id          the bundle's id
//   source      "stix"
//   reported_at the date of the earliest `created` in the bundle
//   fraud_type  overig
//   identifiers from observables: url → url; domain-name → url http://host/
//     (links by its registrable domain); email-addr → email; Zicht's
//     extension SCOs zicht-iban/-phone/-device/-handle/-crypto (and the
//     older x-zicht-*) → iban, phone, device, handle, crypto; and from each
//     indicator with pattern_type stix, every comparison `[TYPE:value =
//     '…']` of those types in its pattern. Repeats are dropped.
//   Other object types (malware, ipv4-addr, file, …) are dropped and named
//   in the summary's unknown fields as "objects[].type=malware".
//
// Thread-safety: pure functions.
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace zicht::ingest {

//! True when `doc` is {"type":"bundle", "objects":[…]}.
bool IsStixBundle(const rapidjson::Value& doc);

//! The report object for the bundle `doc` (REQUIRES IsStixBundle), built in
//! `out`; dropped object types land in `*dropped`.
void StixBundleToReport(const rapidjson::Value& doc, rapidjson::Document* out, std::vector<std::string>* dropped);

}  // namespace zicht::ingest
