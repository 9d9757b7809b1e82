#pragma once
// How far a commit is durable (docs/privacy.md, "Durability").
//
// kNormal (the default): SQLite WAL with synchronous=NORMAL. A commit
// survives a crash of the process (kill -9) but the last commits before a
// power loss or a kernel crash may be lost: the WAL is synced only at
// checkpoints. Audit entries of checks are written in 5 ms batches after
// the answer, so a kill -9 loses the entries still queued.
//
// kFull: synchronous=FULL (the WAL is synced at every commit), and the
// server answers a check only once its audit entry is committed (group
// commit: the entries that arrive during one commit go in the next). Nothing
// answered is missing from the audit log after a kill -9 or a power loss; it
// costs an fsync per batch and the check's latency includes it.
namespace zicht::store {

enum class Durability { kNormal, kFull };

}  // namespace zicht::store
