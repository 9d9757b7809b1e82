#pragma once
// The process metrics every Prometheus client library exports (the
// "process_" names of the Prometheus client conventions), read from
// /proc/self when /metrics is scraped. prometheus-cpp does not provide them.
//
//   process_cpu_seconds_total        user + system CPU time (counter)
//   process_resident_memory_bytes    resident set size
//   process_virtual_memory_bytes     virtual memory size
//   process_open_fds                 open file descriptors
//   process_max_fds                  the open-files limit (RLIMIT_NOFILE)
//   process_start_time_seconds       start time, seconds since the Unix epoch
//
// Linux only; a value that cannot be read is left out rather than made up.
//
// Thread-safety: pure function of the process's state; callable anywhere.
#include <string>

namespace zicht::server {

//! The metrics above in the Prometheus text exposition format (HELP, TYPE
//! and one sample each), ready to append to the rest of /metrics.
std::string ProcessMetricsText();

}  // namespace zicht::server
