#pragma once
// A MISP event ({"Event":{…}}, MISP's core JSON format, as MISP exports it
// and `zicht cluster ID --format misp` writes it) read as one report, so
// `zicht ingest event.json` and POST /v1/reports take what CERTs and fraud
// teams already share (docs/ingest.md, "MISP events").
//
// Mapping to the report object the validator takes:
//   id          Event.uuid
//   source      "misp"
//   reported_at Event.date (YYYY-MM-DD)
//   fraud_type  a tag zicht:fraud-type="…" (Zicht's own export), else overig
//   text        Event.info
//   identifiers Event.Attribute[] and Event.Object[].Attribute[] by type:
//     iban → iban; phone-number, whois-registrant-phone → phone;
//     email, email-src, whois-registrant-email → email; url, uri, link →
//     url; domain, hostname, domain|ip, hostname|port → url (http://host/,
//     which links by its registrable domain); btc, xmr, dash, bch → crypto.
//   Other types (hashes, IPs, files, email-dst/target-email, which name the
//   victim) are dropped and named in the summary's unknown fields as
//   "Attribute[].type=md5".
//
// Thread-safety: pure functions.
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace zicht::ingest {

//! True when `doc` is {"Event": {…}}.
bool IsMispEvent(const rapidjson::Value& doc);

//! The report object for the event in `doc` (REQUIRES IsMispEvent), built
//! in `out`; dropped attribute types land in `*dropped` (one per attribute).
void MispEventToReport(const rapidjson::Value& doc, rapidjson::Document* out, std::vector<std::string>* dropped);

}  // namespace zicht::ingest
