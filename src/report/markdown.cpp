// Markdown for the GitHub job summary and pull request comments: a summary table, the
// findings grouped by resource with the fix, and a Mermaid graph of certificates ->
// validation -> consumers with the failing edges marked. Every input-controlled string is
// escaped for the context it lands in (text, code span, table cell, Mermaid label).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "certlint/report.hpp"
#include "report/escape.hpp"

namespace certlint {
namespace {

// `[CL201](docs page)`; a custom policy's ID without a link (it has no page in our docs).
std::string rule_link(const std::string& rule_id) {
    const std::string uri = esc::rule_help_uri(rule_id);
    return uri.empty() ? esc::md_text(rule_id)
                       : fmt::format("[{}]({})", esc::md_text(rule_id), uri);
}

// Above this many certificates + consumers the graph shows only resources with findings.
constexpr std::size_t kMaxGraphNodes = 80;
// At most this many notes are listed.
constexpr std::size_t kMaxNotes = 50;
// Mermaid refuses diagrams over 50,000 characters by default (maxTextSize): a graph that
// would be larger shows fewer of the resources with findings, and says so.
constexpr std::size_t kMaxMermaidChars = 50000;
// GitHub refuses a step summary over 1 MiB. The findings list stops at this many bytes (the
// summary table, a graph of at most kMaxMermaidChars, the fixes and the notes stay well
// within the rest) and says how many findings it left out.
constexpr std::size_t kMaxFindingsBytes = 600 * 1024;

std::string summary(const Report& report) {
    const Summary& s = report.summary;
    std::string out = "## certlint\n\n";
    const int total = s.error + s.warning + s.note;
    out += fmt::format("**{}** ({}, {}, {}) in {}: {}, {}.\n\n", esc::plural(total, "finding"),
                       esc::plural(s.error, "error"), esc::plural(s.warning, "warning"),
                       esc::plural(s.note, "note"), esc::plural(report.inputs.size(), "input"),
                       esc::plural(s.certificates, "certificate"),
                       esc::plural(s.consumers, "consumer"));
    if (!report.problems.empty()) {
        out += fmt::format(
            "**{} could not be read** (exit code 2); the findings are those of the others:\n\n",
            esc::plural(report.problems.size(), "input"));
        const std::size_t shown = std::min(report.problems.size(), kMaxNotes);
        for (std::size_t i = 0; i < shown; ++i) {
            out += "- " + esc::md_text(report.problems[i].message) + "\n";
        }
        if (shown < report.problems.size()) {
            out += fmt::format("- and {} more\n", report.problems.size() - shown);
        }
        out += "\n";
    }
    if (total == 0) return out + "No findings.\n\n";
    // One row per rule that fired, in catalog order (findings are sorted by resource).
    std::map<std::string, std::pair<const Finding*, std::size_t>> by_rule;
    for (const Finding& f : report.findings) {
        auto& entry = by_rule[f.rule_id];
        if (entry.first == nullptr || f.severity > entry.first->severity) entry.first = &f;
        ++entry.second;
    }
    out += "| Rule | Severity | Findings |\n|---|---|---:|\n";
    for (const auto& [id, entry] : by_rule) {
        const Finding& f = *entry.first;
        out += fmt::format("| {} {} | {} | {} |\n", rule_link(f.rule_id),
                           esc::md_code(f.rule, true), to_string(f.severity), entry.second);
    }
    return out + "\n";
}

std::string findings_by_resource(const Report& report) {
    if (report.findings.empty()) return {};
    // Findings are sorted by file then resource; group consecutive ones. The fix of each rule
    // is written once, under "How to fix" (a plan with 800 findings repeated it 800 times).
    std::string out = "### Findings by resource\n\n";
    std::size_t i = 0;
    while (i < report.findings.size()) {
        const Finding& first = report.findings[i];
        if (out.size() > kMaxFindingsBytes) {
            std::set<std::pair<std::string, std::string>> resources;
            for (std::size_t j = i; j < report.findings.size(); ++j) {
                resources.insert({report.findings[j].file, report.findings[j].resource});
            }
            out += fmt::format(
                "**{} on {} not shown here**, to keep this report under GitHub's 1 MiB job "
                "summary limit: see the SARIF or JSON report, or run certlint.\n\n",
                esc::plural(report.findings.size() - i, "more finding"),
                esc::plural(resources.size(), "resource"));
            break;
        }
        const esc::Place place = esc::place_of(first);
        out += fmt::format("#### {}\n\n", esc::md_code(first.resource));
        out +=
            place.line > 0
                ? fmt::format("{}\n\n", esc::md_code(fmt::format("{}:{}", place.file, place.line)))
                : fmt::format("{}\n\n", esc::md_code(place.file));
        for (; i < report.findings.size() && report.findings[i].file == first.file &&
               report.findings[i].resource == first.resource;
             ++i) {
            const Finding& f = report.findings[i];
            out += fmt::format("- **{}** {} {}: {}\n", to_string(f.severity), rule_link(f.rule_id),
                               esc::md_code(f.rule), esc::md_text(f.message));
            if (!f.certificate.empty()) {
                out += fmt::format("  certificate {}\n", esc::md_code(f.certificate));
            }
        }
        out += "\n";
    }
    return out;
}

// The full fix of every rule that fired (per input family: Terraform and CloudFormation
// fixes differ), folded.
std::string fixes(const Report& report) {
    std::set<std::pair<std::string, std::string>> seen;  // rule, remediation
    std::string out;
    for (const Finding& f : report.findings) {
        if (f.remediation.empty() || !seen.insert({f.rule_id, f.remediation}).second) continue;
        // Remediation text comes from the rule catalog, not from inputs.
        out += fmt::format("<details><summary>{} {}</summary>\n\n", esc::md_text(f.rule_id),
                           esc::md_code(f.rule)) +
               f.remediation + (f.remediation.back() == '\n' ? "" : "\n") + "\n</details>\n\n";
    }
    return out.empty() ? out : "### How to fix\n\n" + out;
}

// ---- graph ---------------------------------------------------------------------------------

struct Graph {
    std::string nodes;
    std::vector<std::string> edges;
    std::vector<std::size_t> failing_edges;
    std::set<std::string> failing_nodes;
};

// The graph, drawing at most `budget` resources with findings when the graph is limited to
// them (SIZE_MAX: all); `drawn`/`flagged_total` count them.
std::string graph(const Report& report, std::size_t budget, std::size_t& drawn,
                  std::size_t& flagged_total) {
    const ReportGraph& rg = report.graph;
    drawn = flagged_total = 0;
    if (rg.certificates.empty() && rg.consumers.empty()) return {};

    // Findings by (input path, resource), and consumer findings by the certificate they name.
    std::set<std::pair<std::string, std::string>> flagged;
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>>
        edge_rules;
    for (const Finding& f : report.findings) {
        flagged.insert({f.file, f.resource});
        if (!f.certificate.empty())
            edge_rules[{f.file, f.resource, f.certificate}].push_back(f.rule_id);
    }
    const auto is_flagged = [&](const CheckedResource& r) {
        return flagged.count({r.input, r.id}) != 0;
    };

    const bool limited = rg.certificates.size() + rg.consumers.size() > kMaxGraphNodes;
    std::vector<bool> show_cert(rg.certificates.size(), !limited);
    std::vector<bool> show_consumer(rg.consumers.size(), !limited);
    if (limited) {
        for (std::size_t i = 0; i < rg.consumers.size(); ++i) {
            const ReportGraph::Consumer& c = rg.consumers[i];
            if (!is_flagged(c.resource)) continue;
            if (++flagged_total > budget) continue;
            ++drawn;
            show_consumer[i] = true;
            for (const ReportGraph::Link& link : c.links) {
                if (link.certificate) show_cert[*link.certificate] = true;
            }
        }
        for (std::size_t i = 0; i < rg.certificates.size(); ++i) {
            if (!is_flagged(rg.certificates[i].resource)) continue;
            if (++flagged_total > budget) continue;
            ++drawn;
            show_cert[i] = true;
        }
        if (std::none_of(show_cert.begin(), show_cert.end(), [](bool b) { return b; }) &&
            std::none_of(show_consumer.begin(), show_consumer.end(), [](bool b) { return b; })) {
            return {};
        }
    }

    const auto label = [](const std::vector<std::string>& lines) {
        std::string out;
        for (const std::string& line : lines) {
            if (!out.empty()) out += "<br/>";
            out += esc::mermaid_label(line);
        }
        return out;
    };
    Graph g;
    for (std::size_t i = 0; i < rg.certificates.size(); ++i) {
        if (!show_cert[i]) continue;
        const ReportGraph::Certificate& c = rg.certificates[i];
        const std::string node = fmt::format("cert{}", i);
        g.nodes += fmt::format("    {}[\"{}\"]\n", node, label({c.resource.id, c.place}));
        if (is_flagged(c.resource)) g.failing_nodes.insert(node);
        if (c.step.empty()) continue;
        g.nodes += fmt::format("    val{}{{{{\"{}\"}}}}\n", i, label(c.step));
        g.edges.push_back(fmt::format("{} --> val{}", node, i));
    }
    std::map<std::string, std::string> arn_nodes;
    for (std::size_t i = 0; i < rg.consumers.size(); ++i) {
        if (!show_consumer[i]) continue;
        const ReportGraph::Consumer& c = rg.consumers[i];
        const std::string node = fmt::format("use{}", i);
        g.nodes += fmt::format("    {}(\"{}\")\n", node, esc::mermaid_label(c.resource.id));
        if (is_flagged(c.resource)) g.failing_nodes.insert(node);
        std::set<std::string> sources;
        for (const ReportGraph::Link& link : c.links) {
            std::string from;
            if (link.certificate) {
                const std::size_t ci = *link.certificate;
                if (!show_cert[ci]) continue;
                from = link.via_step && !rg.certificates[ci].step.empty()
                           ? fmt::format("val{}", ci)
                           : fmt::format("cert{}", ci);
            } else {
                auto [it, added] =
                    arn_nodes.emplace(link.arn, fmt::format("arn{}", arn_nodes.size()));
                if (added) {
                    g.nodes +=
                        fmt::format("    {}[\"{}\"]\n", it->second, esc::mermaid_label(link.arn));
                }
                from = it->second;
            }
            if (!sources.insert(from).second) continue;
            const auto rules = edge_rules.find({c.resource.input, c.resource.id, link.name});
            if (rules == edge_rules.end()) {
                g.edges.push_back(fmt::format("{} --> {}", from, node));
                continue;
            }
            std::string text;
            for (const std::string& r : rules->second) text += (text.empty() ? "" : " ") + r;
            g.failing_edges.push_back(g.edges.size());
            g.edges.push_back(
                fmt::format("{} -->|\"{}\"| {}", from, esc::mermaid_label(text), node));
        }
    }

    std::string out = "### Certificates and their consumers\n\n";
    if (limited && drawn < flagged_total) {
        out += fmt::format(
            "Showing {} of the {} resources with findings ({} certificates and {} consumers in "
            "total); the graph would exceed Mermaid's {} characters. Every finding is listed "
            "above.\n\n",
            drawn, flagged_total, rg.certificates.size(), rg.consumers.size(), kMaxMermaidChars);
    } else if (limited) {
        out += fmt::format(
            "Showing only resources with findings ({} certificates and {} "
            "consumers in total).\n\n",
            rg.certificates.size(), rg.consumers.size());
    }
    out += "```mermaid\nflowchart LR\n" + g.nodes;
    for (const std::string& e : g.edges) out += "    " + e + "\n";
    if (!g.failing_nodes.empty() || !g.failing_edges.empty()) {
        out += "    classDef failing fill:#ffebe9,stroke:#cf222e,color:#1f2328\n";
    }
    if (!g.failing_nodes.empty()) {
        std::string list;
        for (const std::string& n : g.failing_nodes) list += (list.empty() ? "" : ",") + n;
        out += "    class " + list + " failing\n";
    }
    for (const std::size_t e : g.failing_edges) {
        out += fmt::format("    linkStyle {} stroke:#cf222e,stroke-width:3px\n", e);
    }
    return out + "```\n";
}

// The graph within Mermaid's limit: fewer resources with findings until it fits.
std::string bounded_graph(const Report& report) {
    std::size_t drawn = 0;
    std::size_t total = 0;
    std::string out = graph(report, SIZE_MAX, drawn, total);
    const auto mermaid_size = [](const std::string& md) {
        const auto begin = md.find("```mermaid\n");
        return begin == std::string::npos ? 0 : md.size() - begin - std::strlen("```mermaid\n");
    };
    std::size_t size = mermaid_size(out);
    while (size > kMaxMermaidChars && drawn > 0) {
        // Nodes cost about the same: scale the budget down, by at least one.
        const auto scaled = static_cast<std::size_t>(static_cast<double>(drawn) * 0.95 *
                                                     static_cast<double>(kMaxMermaidChars) /
                                                     static_cast<double>(size));
        out = graph(report, std::min(scaled, drawn - 1), drawn, total);
        size = mermaid_size(out);
    }
    if (size > kMaxMermaidChars) return {};  // not even one resource fits: no graph at all
    return out;
}

// What could not be decided, waivers applied or expired, baselines: folded away.
std::string notes(const Report& report) {
    if (report.notes.empty()) return {};
    std::string out = fmt::format("\n<details><summary>{}</summary>\n\n",
                                  esc::plural(report.notes.size(), "note"));
    const std::size_t shown = std::min(report.notes.size(), kMaxNotes);
    for (std::size_t i = 0; i < shown; ++i) out += "- " + esc::md_text(report.notes[i]) + "\n";
    if (shown < report.notes.size()) {
        out += fmt::format("- and {} more (run certlint --verbose)\n", report.notes.size() - shown);
    }
    return out + "\n</details>\n";
}

}  // namespace

std::string render_markdown(const Report& report) {
    return summary(report) + findings_by_resource(report) + fixes(report) + bounded_graph(report) +
           notes(report);
}

}  // namespace certlint
