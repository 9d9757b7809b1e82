// Endpoints whose stage is still being built elsewhere: ingest (reports and
// the public form), message screening and cluster exports.
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {

struct Service::IngestOutcome {};

void Service::HandleReports(const HttpRequest&, const Principal&, HttpResponse& res) {
  WriteError(res, 503, "unavailable", "report intake is not available in this build");
}

void Service::HandleFormReport(const HttpRequest&, HttpResponse& res) {
  WriteError(res, 503, "unavailable", "the report form is not available in this build");
}

void Service::HandleScreen(const HttpRequest&, HttpResponse& res) {
  WriteError(res, 503, "unavailable", "message screening is not available in this build");
}

void Service::WriteClusterExport(const link::ClusterDetail&, std::string_view format, HttpResponse& res) {
  WriteError(res, 400, "invalid_argument", "format '" + std::string(format) + "' is not available in this build");
}

}  // namespace zicht::server
