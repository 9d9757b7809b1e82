// GraphML export of one cluster (link/export.h), for Gephi and yEd.
#include "link/export.h"

namespace zicht::link {
namespace {

std::string Xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += ' ';
        else out.push_back(c);
    }
  }
  return out;
}

std::string Data(const char* key, std::string_view value) {
  return "      <data key=\"" + std::string(key) + "\">" + Xml(value) + "</data>\n";
}

}  // namespace

std::string ClusterGraphml(const ClusterDetail& d) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "  <key id=\"fraud_type\" for=\"node\" attr.name=\"fraud_type\" attr.type=\"string\"/>\n"
      "  <key id=\"mule\" for=\"node\" attr.name=\"mule\" attr.type=\"boolean\"/>\n"
      "  <key id=\"linkable\" for=\"node\" attr.name=\"linkable\" attr.type=\"boolean\"/>\n"
      "  <key id=\"role\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>\n";
  out += "  <graph id=\"" + Xml(d.summary.id) + "\" edgedefault=\"undirected\">\n";
  for (size_t i = 0; i < d.reports.size(); ++i) {
    const auto& r = d.reports[i].report;
    out += "    <node id=\"r" + std::to_string(i) + "\">\n";
    out += Data("type", "report");
    out += Data("label", r.key.source + "/" + r.key.id);
    out += Data("fraud_type", model::kFraudTypeNames.Name(r.fraud_type));
    out += "    </node>\n";
  }
  for (size_t i = 0; i < d.identifiers.size(); ++i) {
    const auto& n = d.identifiers[i];
    out += "    <node id=\"i" + std::to_string(i) + "\">\n";
    out += Data("type", "identifier");
    out += Data("label", n.canonical);
    out += Data("kind", n.domain ? "domain" : model::kIdentifierKindNames.Name(n.kind));
    out += Data("mule", n.mule ? "true" : "false");
    out += Data("linkable", n.linkable ? "true" : "false");
    out += "    </node>\n";
  }
  for (size_t i = 0; i < d.edges.size(); ++i) {
    const auto& e = d.edges[i];
    out += "    <edge id=\"e" + std::to_string(i) + "\" source=\"r" + std::to_string(e.report) + "\" target=\"i" +
           std::to_string(e.identifier) + "\">\n";
    out += Data("role", model::kRoleNames.Name(e.role));
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace zicht::link
