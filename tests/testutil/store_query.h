#pragma once
// What a test reads back from a store, on either backend: a SQLite file or
// a PostgreSQL URL (store_backend.h). For tests that check what a command
// stored without going through the code under test. Write SQL that both
// engines read alike (`NOT valid`, not `valid = 0`).
//
// Test-only. Thread-safety: any thread; each call opens its own connection.
#include <cstdint>
#include <optional>
#include <string>

namespace zicht::testutil {

//! The rows `sql` returns, one line each ("\n"-terminated), columns joined
//! by '|', NULL as "". nullopt when the store cannot be opened read-only or
//! the statement fails (the database or its schema is not there yet).
std::optional<std::string> QueryStore(const std::string& location, const std::string& sql);

//! The first column of the first row of `sql` as a number (a COUNT(*)); -1
//! when QueryStore fails or returns no row.
int64_t QueryNumber(const std::string& location, const std::string& sql);

}  // namespace zicht::testutil
