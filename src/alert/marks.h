#pragma once
// What partners reported back that changes a check's answer (docs/alerts.md,
// "Outcomes and disputes"), added to a verdict after the engine made it:
//
//   CONFIRMED_MULE  the bank blocked or closed the account (POST /v1/feedback
//                   account_blocked / account_closed): risk becomes high
//   DISPUTED        a partner disputes the identifier and no analyst has
//                   resolved it yet (POST /v1/disputes)
//   DISPUTE_UPHELD  an analyst upheld a dispute: the identifier is on the
//                   stored warning-list `zicht-disputes` (so it no longer
//                   raises risk above low nor links; DisputeWarningList)
//
// The codes come after the engine's reasons (link/verdict.h), in this order.
//
// Beside the codes, every outcome partners reported about the identifier,
// summed up (alert/outcome_summary.h): Apply copies the counts and euros
// into Verdict::outcomes (POST /v1/check writes them at scope detail only),
// and OutcomesOf hands the whole summary — partners, reasons — to the
// analysts' cluster view. Held in memory and replaced whole when outcomes
// change (server/alert_service.h), so a check pays a hash look-up, never a
// store query.
//
// Thread-safety: immutable after construction; Apply may run concurrently.
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "alert/outcome_summary.h"
#include "link/engine.h"
#include "store/alert_store.h"
#include "store/warning_list_store.h"

namespace zicht::alert {

class Marks {
 public:
  Marks() = default;
  explicit Marks(const store::IdentifierMarks& marks, const OutcomesByIdentifier& outcomes = {});

  bool empty() const { return disputed_.empty() && upheld_.empty() && mules_.empty() && outcomes_.empty(); }

  //! Adds the codes above and the identifier's outcomes to `v` (by kind
  //! and v.normalized).
  void Apply(link::Verdict& v) const;

  //! Every outcome of (kind, normalized) in kOutcomeNames order; null when
  //! none was reported.
  const std::vector<OutcomeSummary>* OutcomesOf(std::string_view kind, std::string_view normalized) const;

 private:
  std::unordered_set<std::string> disputed_;  // kind + '\n' + normalized
  std::unordered_set<std::string> upheld_;
  std::unordered_set<std::string> mules_;
  std::unordered_map<std::string, std::vector<OutcomeSummary>> outcomes_;
};

//! The marks and outcomes stored in `alerts` (a CLI command's one read).
Result<Marks> ReadMarks(store::AlertStore& alerts);

//! The IBANs of `marks.confirmed_mule`, for Engine::SetConfirmedMules
//! (the cluster priority; docs/linking.md, "Priority").
std::vector<std::string> ConfirmedMuleIbans(const store::IdentifierMarks& marks);

//! Reads the confirmed mules from the alert tables at `location` into
//! `engine` (the CLI's `zicht clusters` / `zicht cluster`).
Status LoadConfirmedMules(const std::string& location, link::Engine& engine);

//! Name of the stored warning-list that holds upheld disputes.
inline constexpr std::string_view kDisputeListName = "zicht-disputes";

//! Rewrites the stored warning-list kDisputeListName from the upheld
//! disputes in `alerts` (one transaction in `lists`). The caller reloads
//! the engine's warning-lists afterwards.
Status WriteDisputeWarningList(store::AlertStore& alerts, store::WarningListStore& lists, UnixSeconds now);

}  // namespace zicht::alert
