#include "server/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace zicht::server {
namespace {

std::string ReadWhole(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Fields of /proc/self/stat after "pid (comm) ": the command name may hold
// spaces and parentheses, so parsing starts after the last ')'. fields[0] is
// field 3 (state) of proc(5).
std::vector<std::string> StatFields() {
  const std::string stat = ReadWhole("/proc/self/stat");
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(stat.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

std::optional<double> Field(const std::vector<std::string>& fields, size_t number) {
  if (number < 3 || number - 3 >= fields.size()) return std::nullopt;
  try {
    return std::stod(fields[number - 3]);
  } catch (...) {  // a malformed /proc entry: leave the metric out
    return std::nullopt;
  }
}

std::optional<double> BootTimeSeconds() {
  std::istringstream stat(ReadWhole("/proc/stat"));
  for (std::string line; std::getline(stat, line);) {
    if (line.rfind("btime ", 0) != 0) continue;
    try {
      return std::stod(line.substr(6));
    } catch (...) {  // malformed: leave the start time out
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void Append(std::string& out, const char* name, const char* type, const char* help, std::optional<double> value) {
  if (!value) return;
  char number[64];
  std::snprintf(number, sizeof(number), "%.17g", *value);
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
  out += name;
  out += ' ';
  out += number;
  out += '\n';
}

}  // namespace

std::string ProcessMetricsText() {
  const std::vector<std::string> fields = StatFields();
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  std::optional<double> cpu;
  if (auto user = Field(fields, 14), system = Field(fields, 15); user && system) cpu = (*user + *system) / ticks;
  std::optional<double> start;
  if (auto since_boot = Field(fields, 22), boot = BootTimeSeconds(); since_boot && boot) {
    start = *boot + *since_boot / ticks;
  }
  std::optional<double> virtual_bytes = Field(fields, 23);
  std::optional<double> resident;
  if (auto pages = Field(fields, 24)) resident = *pages * page;
  std::optional<double> open_fds;
  std::error_code error;
  double count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end; it.increment(error)) {
    ++count;
  }
  if (!error) open_fds = count;
  std::optional<double> max_fds;
  if (rlimit limit{}; getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    max_fds = static_cast<double>(limit.rlim_cur);
  }

  std::string out;
  Append(out, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", cpu);
  Append(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", resident);
  Append(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", virtual_bytes);
  Append(out, "process_open_fds", "gauge", "Number of open file descriptors.", open_fds);
  Append(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.", max_fds);
  Append(out, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
         start);
  return out;
}

}  // namespace zicht::server
