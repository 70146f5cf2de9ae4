// The order of the graph steps, and exports (terraform_graph.hpp).
#include "readers/terraform_graph.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

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
    link_exported_validation_options();
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

// DNS-validated certificates whose records nothing here creates, while their validation
// options leave the configuration (a root output, a module call's argument): the records are
// made elsewhere, as in terraform-aws-modules/acm's external-DNS mode, so whether they exist
// is not known here (CL002 says so in a note instead of reporting them missing).
void Graph::link_exported_validation_options() {
    const auto lacks_records = [](const Certificate& c) {
        return c.managed && c.validation_method == "DNS" && !c.has_validation_records &&
               c.validation_records_undecided.empty();
    };
    if (std::none_of(model_.certificates.begin(), model_.certificates.end(), lacks_records)) {
        return;
    }
    std::map<std::size_t, std::string> leaves_through;  // certificate -> where
    const auto follow = [&](const Expression& expr, const std::string& scope,
                            const std::string& where) {
        if (expr.kind != Expression::Kind::References) return;
        for (const Target& t : resolver_.resolve(expr, scope).targets) {
            // A splat (aws_acm_certificate.this[*].domain_validation_options) is recorded as
            // the whole resource: no attribute.
            if (t.cert && (t.attr.empty() || t.attr.rfind("domain_validation_options", 0) == 0)) {
                leaves_through.emplace(*t.cert, where);
            }
        }
    };
    if (const Module* root = config_.module(""); root != nullptr) {
        for (const auto& [name, out] : root->outputs) follow(out.value, "", "output." + name);
    }
    std::vector<std::string> scopes{""};
    scopes.insert(scopes.end(), instances_.module_instances().begin(),
                  instances_.module_instances().end());
    for (const std::string& scope : scopes) {
        const Module* m = config_.module(strip_keys(scope));
        if (m == nullptr) continue;
        for (const auto& [call, body] : m->calls) {
            for (const auto& [input, expr] : body.arguments.attributes) {
                follow(expr, scope,
                       fmt::format("{} (input {})", join_scope(scope, "module." + call), input));
            }
        }
    }
    for (const auto& [cert, where] : leaves_through) {
        Certificate& c = model_.certificates[cert];
        if (!lacks_records(c)) continue;
        c.validation_records_undecided = fmt::format(
            "nothing in this plan creates its validation records, but its "
            "domain_validation_options leave through {}: the records are presumably created "
            "elsewhere",
            where);
    }
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
