#pragma once
// The synthetic report generator behind `zicht generate`: realistic Dutch
// fraud reports with planted criminal networks, for demos and benchmarks.
//
// Output is `model::Report`s exactly as a partner would send them:
// identifier values as written ("nl91 abna 0417 1643 00", "+31 (0)6 1234
// 5678"), not normalised — `canonical` stays empty and `valid` false, so
// benchmarks exercise normalisation like real input does. jsonl_writer.h
// turns them into docs/design.md's JSON Lines.
//
// What is planted (details and numbers in docs/generate.md):
//  - networks: groups of fraudsters, each with a heavy-tailed number of
//    reports (2 … max_network_reports), sharing money-mule IBANs, phones,
//    devices, phishing domains, handles, e-mails and crypto addresses across
//    many victims' reports. Networks never share identifiers with each
//    other, so the largest cluster is bounded by max_network_reports at any
//    scale (no accidental giant component);
//  - singletons: reports whose identifiers appear nowhere else;
//  - spoofed bank service numbers (role `spoofed`), placeholders
//    ("onbekend", "n.v.t.") and IBANs with a typo (bad check digits), which
//    must not link.
//
// Determinism: the same options give the same reports, byte for byte, on
// every run and platform with the same standard library's mt19937_64 — all
// randomness comes from one engine seeded by `seed` (random.h).
//
// Thread-safety: a Generator is not thread-safe; use one per thread (with
// different seeds) if needed.
#include <cstdint>
#include <memory>
#include <vector>

#include "common/time.h"
#include "model/report.h"

namespace zicht::generate {

struct GeneratorOptions {
  //! Seed of the one random engine. Same seed, same reports.
  uint64_t seed = 1;

  //! How many reports the caller intends to draw. Only sizes the number of
  //! networks active at once (about one per 1,000 planned reports), so that
  //! networks fill up and clusters look alike at 1k and at 10M reports.
  uint64_t planned_reports = 1000;

  //! Share of reports that belong to a planted network; the rest are
  //! singletons. Default 0.85.
  double network_share = 0.85;

  //! Largest number of reports one network files; bounds the largest
  //! cluster. Default 300.
  uint32_t max_network_reports = 300;

  //! Pareto shape of network sizes: smaller means heavier tail. Default 1.3
  //! (most networks have 2–5 reports, a few hundreds).
  double network_size_alpha = 1.3;

  //! The last day of the period (midnight UTC of that day), and its length.
  //! Fixed rather than "now" so output does not depend on the clock.
  UnixSeconds end_day = 1793404800;  // 2026-10-31
  int days = 730;

  //! Share of reports that carry a placeholder identifier ("onbekend").
  double placeholder_share = 0.02;

  //! Share of IBANs written with a typo (fails mod-97).
  double iban_typo_share = 0.005;
};

//! Checks the options: shares in [0, 1], max_network_reports ≥ 2, alpha > 0,
//! days ≥ 1. kInvalidArgument naming the option otherwise.
Status ValidateOptions(const GeneratorOptions& options);

class Generator {
 public:
  //! REQUIRES: ValidateOptions(options).ok().
  explicit Generator(const GeneratorOptions& options);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  //! Overwrites *report with the next report. Reuses its buffers, so a
  //! caller that keeps one Report avoids most allocations.
  void Next(model::Report* report);

  //! Number of reports produced so far.
  uint64_t count() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

//! Convenience for tests and in-memory benchmarks: the first `n` reports.
std::vector<model::Report> GenerateReports(const GeneratorOptions& options, uint64_t n);

}  // namespace zicht::generate
