#include "server/router.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "testutil/testutil.h"

namespace zicht::server {
namespace {

TEST(RouterTest, MatchesPathsAndParameters) {
  RouteMatch m = MatchRoute(Method::kPost, "/v1/check");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "check");
  m = MatchRoute(Method::kGet, "/v1/clusters/C-abc");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "cluster");
  EXPECT_EQ(m.path_param, "C-abc");
  EXPECT_EQ(MatchRoute(Method::kGet, "/v1/clusters/a/b").route, nullptr);
  EXPECT_EQ(MatchRoute(Method::kHead, "/healthz").route->name, "healthz");
  m = MatchRoute(Method::kDelete, "/v1/reports/politie/PL%2F42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "erase_report");
  EXPECT_EQ(m.path_param, "politie");
  EXPECT_EQ(m.path_param2, "PL%2F42");
  EXPECT_EQ(MatchRoute(Method::kDelete, "/v1/reports/politie").route, nullptr);
  EXPECT_EQ(MatchRoute(Method::kDelete, "/v1/reports/politie/").route, nullptr);
  EXPECT_EQ(MatchRoute(Method::kDelete, "/v1/reports/politie/a/b").route, nullptr);
  EXPECT_EQ(MatchRoute(Method::kGet, "/v1/reports/politie/a").allow, "DELETE");
}

// Every endpoint file registered its route, once, with a handler; ids are
// the table's positions (metrics index by them).
TEST(RouterTest, EveryEndpointFileRegisteredItsRoute) {
  std::set<std::string> names;
  for (size_t i = 0; i < Routes().size(); ++i) {
    const Route& r = Routes()[i];
    EXPECT_EQ(r.id, i);
    EXPECT_NE(r.handler, nullptr) << r.path;
    EXPECT_TRUE(names.insert(std::string(r.name)).second) << r.name;
  }
  for (const char* name : {"healthz", "metrics", "check", "reports", "erase_report", "clusters", "cluster", "mules",
                           "stats", "evaluate", "screen", "screen_thread", "oprf_evaluate", "blind_bucket",
                           "form_validate", "form_report", "alerts", "feedback", "disputes"}) {
    EXPECT_TRUE(names.count(name)) << name << " is not registered";
  }
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  RouteMatch m = MatchRoute(Method::kGet, "/v1/check");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "POST");
  m = MatchRoute(Method::kPost, "/v1/stats");
  EXPECT_EQ(m.allow, "GET, HEAD");
  m = MatchRoute(Method::kGet, "/v1/nothing");
  EXPECT_FALSE(m.method_not_allowed);
}

// docs/openapi.yaml must list exactly the routes the server has: a simple
// line scan of `paths:` (two-space path keys, four-space method keys).
TEST(RouterTest, OpenApiDocumentMatchesRouteTable) {
  std::ifstream in(testutil::SourceDir() + "/docs/openapi.yaml");
  ASSERT_TRUE(in) << "docs/openapi.yaml missing";
  std::set<std::string> documented;
  std::string line, current;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ' && line[0] != '#') break;  // next top-level key
    if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
      current = line.substr(2, line.size() - 3);
    } else if (line.size() > 5 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      std::string method = line.substr(4, line.size() - 5);
      if (method == "get" || method == "post" || method == "put" || method == "delete" || method == "patch") {
        for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        documented.insert(method + " " + current);
      }
    }
  }
  std::set<std::string> served;
  for (const Route& r : Routes()) {
    std::string method = r.method == Method::kGet ? "GET" : r.method == Method::kDelete ? "DELETE" : "POST";
    served.insert(method + " " + std::string(r.path));
  }
  EXPECT_EQ(documented, served);
}

}  // namespace
}  // namespace zicht::server
