// The order of the graph steps, and exports (terraform_graph.hpp).
#include "readers/terraform_graph.hpp"

namespace certlint::readers::tf {

void add_strings(const json& v, std::vector<std::string>& out) {
    if (v.is_string()) {
        out.push_back(v.get<std::string>());
    } else if (v.is_array()) {
        for (const auto& el : v) add_strings(el, out);
    }
}

void Graph::build() {
    build_certificates();
    link_waiters();
    link_validation_records();
    mark_undecided_records();
    link_removed_records();
    link_zones_and_caa();
    link_exports();
    build_consumers();
}

void Graph::note(const std::string& text) {
    if (notes_seen_.insert(text).second) {
        model_.notes.push_back(model_.inputs[input_].path + ": " + text);
    }
}

// Certificates whose ARN leaves the configuration: root outputs, SSM parameters.
void Graph::link_exports() {
    if (const Module* root = config_.module(""); root != nullptr) {
        for (const auto& [name, out] : root->outputs)
            mark_exported(out.value, "", "output." + name);
    }
    for_each_config_resource([&](const Resource& r, const std::string& scope) {
        if (r.type != "aws_ssm_parameter" || r.data) return;
        mark_exported(r.body.attribute("value"), scope, join_scope(scope, r.address));
    });
}

void Graph::mark_exported(const Expression& expr, const std::string& scope, const std::string& by) {
    Resolution res = resolver_.resolve(expr, scope);
    resolver_.link_arns(res);
    for (const Target& t : res.targets) {
        if (!t.cert || !is_arn_attr(t.attr)) continue;
        Certificate& c = model_.certificates[*t.cert];
        if (!c.exported) {
            c.exported = true;
            c.exported_by = by;
        }
    }
}

}  // namespace certlint::readers::tf
