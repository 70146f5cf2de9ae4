// Drawings of the graph document (graph_document.hpp): Graphviz DOT and Mermaid. Both draw
// what the JSON document holds: certificates (boxes; dashed when only an ARN outside the
// inputs), consumers (rounded), and an arrow from each consumer to each certificate it may
// use, labelled with the attribute. Every input-controlled string is escaped for its format.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "report/graph_document.hpp"

namespace certlint::graph {

using ojson = nlohmann::ordered_json;

namespace {

// Mermaid refuses diagrams over 50,000 characters (maxTextSize) and 500 edges (maxEdges) by
// default: a drawing stops before either and says what it left out.
constexpr std::size_t kMaxMermaidChars = 50000;
constexpr std::size_t kMaxMermaidEdges = 500;

std::string text_of(const ojson& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.contains("$unknown")) return "unknown";
    if (v.is_null()) return "-";
    return v.dump();
}

// The lines of a node's label.
std::vector<std::string> certificate_label(const ojson& c) {
    std::string second =
        c["region"].is_string() ? c["region"].get<std::string>() : std::string("region unknown");
    if (c["validation_method"].is_string()) second += " · " + text_of(c["validation_method"]);
    return {text_of(c["address"]), second};
}

std::vector<std::string> consumer_label(const ojson& k) {
    std::string second = text_of(k["kind"]);
    if (k["edge"].is_boolean() && k["edge"].get<bool>()) second += " (edge)";
    return {text_of(k["address"]), second};
}

std::string edge_label(const ojson& e) {
    std::string label = text_of(e["attribute"]);
    if (e["awaits_validation"].is_boolean() && e["awaits_validation"].get<bool>()) {
        label += " (validated)";
    }
    if (e["condition"].is_string()) label += " when " + e["condition"].get<std::string>();
    return label;
}

// ---- DOT ------------------------------------------------------------------------------------

// A DOT double-quoted string's contents: one line, `"` and `\` escaped.
std::string dot_text(const std::string& s) {
    std::string out;
    for (const char c : esc::single_line(s)) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

std::string dot_label(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
        if (!out.empty()) out += "\\n";
        out += dot_text(line);
    }
    return out;
}

// ---- Mermaid --------------------------------------------------------------------------------

std::string mermaid_label(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
        if (!out.empty()) out += "<br/>";
        out += esc::mermaid_label(line);
    }
    return out;
}

}  // namespace

std::string render_dot(const Model& m) {
    const ojson doc = document(m);
    std::string out = "digraph certlint {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
    for (const ojson& c : doc["certificates"]) {
        out += fmt::format("  {} [shape=box, label=\"{}\"];\n", c["id"].get<std::string>(),
                           dot_label(certificate_label(c)));
    }
    for (const ojson& x : doc["external_certificates"]) {
        out += fmt::format("  {} [shape=box, style=dashed, label=\"{}\"];\n",
                           x["id"].get<std::string>(),
                           dot_label({text_of(x["arn"]), "not in the inputs"}));
    }
    for (const ojson& k : doc["consumers"]) {
        out += fmt::format("  {} [shape=box, style=rounded, label=\"{}\"];\n",
                           k["id"].get<std::string>(), dot_label(consumer_label(k)));
    }
    for (const ojson& e : doc["edges"]) {
        if (!e["to"].is_string()) continue;
        out += fmt::format("  {} -> {} [label=\"{}\"{}];\n", e["from"].get<std::string>(),
                           e["to"].get<std::string>(), dot_text(edge_label(e)),
                           e["edge"].get<bool>() ? ", style=bold" : "");
    }
    return out + "}\n";
}

std::string render_mermaid(const Model& m) {
    const ojson doc = document(m);
    std::string out = "flowchart LR\n";
    std::set<std::string> drawn_nodes;
    std::size_t edges = 0;
    std::size_t certificates_drawn = 0;
    std::size_t consumers_drawn = 0;
    const std::size_t total_certificates =
        doc["certificates"].size() + doc["external_certificates"].size();

    // Certificate nodes by id (drawn on first use), edges by consumer id.
    std::map<std::string, std::string> cert_lines;
    for (const ojson& c : doc["certificates"]) {
        const std::string id = c["id"].get<std::string>();
        cert_lines[id] = fmt::format("    {}[\"{}\"]\n", id, mermaid_label(certificate_label(c)));
    }
    for (const ojson& x : doc["external_certificates"]) {
        const std::string id = x["id"].get<std::string>();
        cert_lines[id] = fmt::format("    {}[\"{}\"]\n", id,
                                     mermaid_label({text_of(x["arn"]), "not in the inputs"}));
    }
    const auto node_line = [&](const std::string& id) {
        const auto it = cert_lines.find(id);
        return it == cert_lines.end() ? std::string() : it->second;
    };
    std::map<std::string, std::vector<const ojson*>> edges_of;
    for (const ojson& e : doc["edges"]) {
        if (e["to"].is_string()) edges_of[e["from"].get<std::string>()].push_back(&e);
    }
    bool cut = false;
    // One consumer at a time, with the certificates it uses, while the drawing stays within
    // what Mermaid renders.
    for (const ojson& k : doc["consumers"]) {
        const std::string id = k["id"].get<std::string>();
        std::string part = fmt::format("    {}(\"{}\")\n", id, mermaid_label(consumer_label(k)));
        std::set<std::string> new_nodes;
        std::size_t new_edges = 0;
        std::string edge_text;
        for (const ojson* edge : edges_of[id]) {
            const ojson& e = *edge;
            const std::string to = e["to"].get<std::string>();
            if (drawn_nodes.count(to) == 0 && new_nodes.insert(to).second) part += node_line(to);
            edge_text +=
                fmt::format("    {} -->|\"{}\"| {}\n", id, esc::mermaid_label(edge_label(e)), to);
            ++new_edges;
        }
        part += edge_text;
        if (out.size() + part.size() > kMaxMermaidChars - 400 ||
            edges + new_edges > kMaxMermaidEdges) {
            cut = true;
            break;
        }
        out += part;
        edges += new_edges;
        ++consumers_drawn;
        certificates_drawn += new_nodes.size();
        drawn_nodes.insert(new_nodes.begin(), new_nodes.end());
    }
    // Certificates nothing uses.
    if (!cut) {
        for (const ojson& c : doc["certificates"]) {
            const std::string id = c["id"].get<std::string>();
            if (drawn_nodes.count(id) != 0) continue;
            const std::string line = node_line(id);
            if (out.size() + line.size() > kMaxMermaidChars - 400) break;
            out += line;
            ++certificates_drawn;
            drawn_nodes.insert(id);
        }
    }
    const std::size_t consumers_left = doc["consumers"].size() - consumers_drawn;
    const std::size_t certificates_left = total_certificates - certificates_drawn;
    if (consumers_left + certificates_left > 0) {
        out += fmt::format(
            "    %% certlint: {} and {} not drawn: Mermaid renders at most {} characters and "
            "{} edges; certlint graph --format dot or json has them all\n",
            esc::plural(certificates_left, "certificate"), esc::plural(consumers_left, "consumer"),
            kMaxMermaidChars, kMaxMermaidEdges);
    }
    return out;
}

}  // namespace certlint::graph
