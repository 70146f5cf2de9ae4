// The graph document (graph_document.hpp, docs/graph.md): nodes carry the policy vocabulary
// (certlint/view.hpp) as it is, relations become node ids, and every unknown value is also
// listed with its reason.
#include "report/graph_document.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "certlint/engine.hpp"
#include "certlint/view.hpp"

namespace certlint::graph {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

namespace {

const char* action_name(Action a) {
    switch (a) {
        case Action::Existing: return "existing";
        case Action::Create: return "create";
        case Action::Update: return "update";
        case Action::Delete: return "delete";
        case Action::ReplaceDeleteFirst: return "replace-delete-first";
        case Action::ReplaceCreateFirst: return "replace-create-first";
        case Action::Read: return "read";
        case Action::Forget: return "forget";
        case Action::ReplaceCreateForget: return "replace-create-forget";
    }
    return "existing";
}

ojson location_of(const std::optional<SourceLocation>& loc) {
    if (!loc || loc->file.empty()) return nullptr;
    ojson o;
    o["file"] = loc->file.str();
    o["line"] = loc->line;
    return o;
}

// The vocabulary fields of `fields` in the vocabulary's order (then any others), as an
// ordered object; `skip` is left out.
ojson in_field_order(const json& fields, const std::string& on, const std::string& skip) {
    ojson out = ojson::object();
    for (const view::Field& f : view::fields()) {
        if (f.on != on || f.name == skip) continue;
        const auto it = fields.find(f.name);
        if (it != fields.end()) out[f.name] = ojson::parse(it->dump());
    }
    for (const auto& [key, value] : fields.items()) {
        if (key != skip && !out.contains(key)) out[key] = ojson::parse(value.dump());
    }
    return out;
}

// Every unknown value below `v` (at `path`), as {node, address, field, reason}.
void collect_unknowns(const ojson& v, const std::string& path, const std::string& node,
                      const std::string& address, ojson& out) {
    if (v.is_object() && v.size() == 1 && v.contains("$unknown") && v["$unknown"].is_string()) {
        ojson u;
        u["node"] = node;
        u["address"] = address;
        u["field"] = path;
        u["reason"] = v["$unknown"];
        out.push_back(std::move(u));
        return;
    }
    if (v.is_object()) {
        for (const auto& [key, item] : v.items()) {
            collect_unknowns(item, path.empty() ? key : path + "." + key, node, address, out);
        }
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            collect_unknowns(v[i], fmt::format("{}[{}]", path, i), node, address, out);
        }
    }
}

ojson validation_of(const Certificate& c) {
    ojson o;
    o["required"] = !is_exempt_from_validation(c) && c.managed;
    o["waiter"] = c.has_waiter;
    if (!c.validation_records_undecided.empty()) {
        o["records_created"] = ojson{{"$unknown", c.validation_records_undecided}};
    } else {
        o["records_created"] = c.has_validation_records;
    }
    o["records"] = c.validation_record_ids;
    o["names_without_records"] = c.names_without_validation_records;
    o["private_zones"] = c.private_validation_zones;
    o["removed_records"] = c.removed_validation_records;
    return o;
}

}  // namespace

ojson document(const Model& m) {
    ojson doc;
    doc["certlint_graph"] = kVersion;
    doc["tool"] = ojson{{"name", "certlint"}, {"version", version()}};
    doc["inputs"] = ojson::array();
    for (const Input& in : m.inputs) {
        doc["inputs"].push_back(ojson{{"path", in.path}, {"kind", to_string(in.kind)}});
    }

    const auto cert_id = [](std::size_t i) { return fmt::format("c{}", i + 1); };
    const auto consumer_id = [](std::size_t i) { return fmt::format("k{}", i + 1); };

    // Consumers of each certificate (model order, each once), and certificates outside the
    // inputs by ARN, in order of first use.
    std::vector<std::vector<std::size_t>> users(m.certificates.size());
    std::map<std::string, std::string> external_ids;
    ojson external = ojson::array();
    ojson edges = ojson::array();
    ojson unknowns = ojson::array();           // certificates' (model order), then
    ojson consumer_unknowns = ojson::array();  // consumers'
    std::vector<ojson> consumer_nodes;
    consumer_nodes.reserve(m.consumers.size());
    for (std::size_t ki = 0; ki < m.consumers.size(); ++ki) {
        const Consumer& k = m.consumers[ki];
        ojson node;
        node["id"] = consumer_id(ki);
        const ojson fields =
            in_field_order(view::consumer_fields(m, k, nullptr), "consumer", "certificate");
        for (const auto& [key, value] : fields.items()) node[key] = value;
        collect_unknowns(fields, "", consumer_id(ki), k.id, consumer_unknowns);
        node["action"] = action_name(k.action);
        node["location"] = location_of(k.location);
        ojson certs = ojson::array();
        ojson attachments = ojson::array();
        for (const Attachment& a : k.attachments) {
            for (const CertCandidate& cand : a.candidates) {
                ojson e;
                e["from"] = consumer_id(ki);
                if (cand.certificate && *cand.certificate < m.certificates.size()) {
                    const std::size_t ci = *cand.certificate;
                    e["to"] = cert_id(ci);
                    if (std::find(users[ci].begin(), users[ci].end(), ki) == users[ci].end()) {
                        users[ci].push_back(ki);
                    }
                } else if (cand.arn) {
                    auto [it, added] = external_ids.emplace(
                        *cand.arn, fmt::format("x{}", external_ids.size() + 1));
                    if (added) {
                        ojson x;
                        x["id"] = it->second;
                        x["arn"] = *cand.arn;
                        const auto parts = parse_arn(*cand.arn);
                        x["region"] = parts ? ojson(parts->region) : ojson(nullptr);
                        x["partition"] = parts ? ojson(parts->partition) : ojson(nullptr);
                        external.push_back(std::move(x));
                    }
                    e["to"] = it->second;
                } else {
                    // A certificate known by its region only (e.g. a cross-region output).
                    e["to"] = nullptr;
                    e["region"] = cand.region.known() ? ojson(cand.region.value->str())
                                                      : ojson{{"$unknown", cand.region.why.str()}};
                }
                e["attribute"] = a.attribute.str();
                e["edge"] = a.edge;
                e["awaits_validation"] = cand.awaits_validation;
                e["condition"] = cand.condition.empty() ? ojson(nullptr) : ojson(cand.condition);
                if (!e["to"].is_null() &&
                    std::find(certs.begin(), certs.end(), e["to"]) == certs.end()) {
                    certs.push_back(e["to"]);
                }
                edges.push_back(std::move(e));
            }
            for (const std::string& why : a.unresolved) {
                ojson u;
                u["node"] = consumer_id(ki);
                u["address"] = k.id;
                u["field"] = "certificate";
                u["reason"] = a.attribute.str() + ": " + why;
                consumer_unknowns.push_back(std::move(u));
            }
            ojson att;
            att["attribute"] = a.attribute.str();
            att["edge"] = a.edge;
            att["unresolved"] = a.unresolved;
            attachments.push_back(std::move(att));
        }
        node["certificates"] = std::move(certs);
        node["attachments"] = std::move(attachments);
        consumer_nodes.push_back(std::move(node));
    }

    doc["certificates"] = ojson::array();
    for (std::size_t ci = 0; ci < m.certificates.size(); ++ci) {
        const Certificate& c = m.certificates[ci];
        ojson node;
        node["id"] = cert_id(ci);
        const ojson fields =
            in_field_order(view::certificate_fields(m, c), "certificate", "consumers");
        for (const auto& [key, value] : fields.items()) {
            if (key == "exported") {
                ojson ids = ojson::array();
                for (const std::size_t ki : users[ci]) ids.push_back(consumer_id(ki));
                node["consumers"] = std::move(ids);
            }
            node[key] = value;
        }
        collect_unknowns(fields, "", cert_id(ci), c.id, unknowns);
        node["resource_type"] = c.type.str();
        node["managed"] = c.managed;
        node["action"] = action_name(c.action);
        node["arn"] = c.arn ? ojson(*c.arn) : ojson(nullptr);
        node["location"] = location_of(c.location);
        node["validation"] = validation_of(c);
        doc["certificates"].push_back(std::move(node));
    }
    doc["consumers"] = ojson::array();
    for (ojson& node : consumer_nodes) doc["consumers"].push_back(std::move(node));
    doc["external_certificates"] = std::move(external);
    doc["edges"] = std::move(edges);
    for (ojson& u : consumer_unknowns) unknowns.push_back(std::move(u));
    doc["unknowns"] = std::move(unknowns);
    doc["notes"] = m.notes;
    return doc;
}

std::string render_json(const Model& m) {
    return document(m).dump(2) + "\n";
}

}  // namespace certlint::graph
