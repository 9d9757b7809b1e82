// Graphviz DOT export of one cluster (link/export.h).
#include "link/export.h"

namespace zicht::link {
namespace {

// DOT double-quoted string: backslash and quote escaped, newlines as \n.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string ClusterDot(const ClusterDetail& d) {
  std::string out = "graph " + Quote(d.summary.id) + " {\n";
  out += "  graph [label=" + Quote(d.summary.id + ": " + JoinExplanation(d.summary)) + ", overlap=false];\n";
  for (size_t i = 0; i < d.reports.size(); ++i) {
    const auto& r = d.reports[i].report;
    out += "  r" + std::to_string(i) + " [shape=box, label=" +
           Quote(r.key.source + "/" + r.key.id + "\n" + std::string(model::kFraudTypeNames.Name(r.fraud_type))) +
           "];\n";
  }
  for (size_t i = 0; i < d.identifiers.size(); ++i) {
    const auto& n = d.identifiers[i];
    std::string kind = n.domain ? "domain" : std::string(model::kIdentifierKindNames.Name(n.kind));
    std::string style = n.mule ? ", style=filled, fillcolor=salmon"
                        : !n.linkable ? ", style=dashed, color=gray"
                                      : "";
    out += "  i" + std::to_string(i) + " [shape=ellipse, label=" + Quote(kind + "\n" + n.canonical) + style + "];\n";
  }
  for (const auto& e : d.edges) {
    out += "  r" + std::to_string(e.report) + " -- i" + std::to_string(e.identifier) +
           " [label=" + Quote(model::kRoleNames.Name(e.role)) +
           (e.role == model::Role::kSpoofed ? ", style=dotted" : "") + "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace zicht::link
