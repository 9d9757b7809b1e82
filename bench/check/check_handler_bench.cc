// check_handler_bench DB KEYS_FILE API_KEY IBAN...
//
// Calls Service::Handle for POST /v1/check with one identifier, cycling
// through the IBANs given, on one thread, and prints the wall time per call
// and the audit writer's CPU per entry (measured as the process's CPU time
// beyond the calling thread's). No network, so the figure is repeatable
// where the HTTP benchmark is not.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "server/http_message.h"
#include "server/service.h"

namespace {

double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: check_handler_bench DB KEYS_FILE API_KEY IBAN...\n");
    return 2;
  }
  zicht::server::ServerOptions options;
  options.db_path = argv[1];
  options.keys_path = argv[2];
  auto service = zicht::server::Service::Open(options);
  if (!service.ok()) {
    std::fprintf(stderr, "check_handler_bench: %s\n", service.status().ToString().c_str());
    return 1;
  }
  std::string authorization = std::string("Bearer ") + argv[3];
  std::vector<std::string> bodies;
  for (int i = 4; i < argc; ++i) {
    bodies.push_back(std::string(R"({"identifiers":[{"kind":"iban","value":")") + argv[i] + "\"}]}");
  }
  zicht::server::AuthCache cache;
  zicht::server::HttpResponse res;
  auto call = [&](size_t i) {
    zicht::server::HttpRequest req;
    req.method = zicht::server::Method::kPost;
    req.target = "/v1/check";
    req.authorization = authorization;
    req.purpose = "payment-screening";
    req.content_type = "application/json";
    req.body = bodies[i % bodies.size()];
    req.client_ip = "127.0.0.1";
    req.auth_cache = &cache;
    (*service)->Handle(req, res);
    if (res.status != 200) {
      std::fprintf(stderr, "check_handler_bench: status %d: %s\n", res.status, res.body.c_str());
      std::exit(1);
    }
  };
  for (size_t i = 0; i < 20000; ++i) call(i);  // warm caches and the audit writer
  constexpr size_t kCalls = 1000000;
  const double process0 = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
  const double thread0 = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
  const auto wall0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < kCalls; ++i) call(i);
  const double thread_cpu = CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - thread0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  (*service)->Shutdown();  // the writer drains what is queued
  const double process_cpu = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process0;
  std::printf("handler %.3f us/check (thread CPU; wall %.3f us)\n", thread_cpu * 1e6 / kCalls,
              wall * 1e6 / kCalls);
  std::printf("audit_writer %.3f us/check\n", (process_cpu - thread_cpu) * 1e6 / kCalls);
  return 0;
}
