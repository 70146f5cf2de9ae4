// build_model, and what makes a certificate "exported": outputs of root stacks, exports,
// SSM parameters, CDK cross-region exports and parameters passed to nested stacks (followed
// or not).
#include "readers/cfn_model.hpp"

#include <fmt/format.h>

namespace certlint::readers::cfn {

namespace {

void mark(Model& model, const Values& values, const std::string& by) {
    for (const Value& v : values) {
        if (v.kind != Value::Kind::Certificate) continue;
        Certificate& c = model.certificates[v.certificate];
        if (c.exported) continue;
        c.exported = true;
        c.exported_by = by;
    }
}

void mark_outputs(Model& model, const Stack& s, const Resolver& r) {
    const Node* outputs = s.section("Outputs");
    if (outputs == nullptr || !outputs->is_mapping()) return;
    for (const Entry& out : outputs->entries()) {
        const Node* value = out.value.get("Value");
        const Node* exp = out.value.get("Export");
        // Outputs of a nested stack leave the deployment only through an Export (or the
        // parent, which is followed where it uses them).
        if (value == nullptr || (s.parent != nullptr && exp == nullptr)) continue;
        const std::string by =
            exp != nullptr
                ? fmt::format(
                      "export {}",
                      r.literal(exp->get("Name"), s).value_or(s.prefix + std::string(out.key())))
                : fmt::format("output {}{}", s.prefix, out.key());
        mark(model, r.eval(*value, s), by);
    }
}

// Marks what each entry of `map` exports, described as `prefix` + key + `suffix`.
void mark_entries(Model& model, const Node* map, const Stack& s, const Resolver& r,
                  const std::string& prefix, const std::string& suffix) {
    if (map == nullptr || !map->is_mapping()) return;
    for (const Entry& e : map->entries()) {
        std::string by = prefix;
        by += e.key();
        by += suffix;
        mark(model, r.eval(e.value, s), by);
    }
}

void mark_resources(Model& model, const Stack& s, const Resolver& r) {
    for_each_resource(s, [&](const Stack&, const Entry& res) {
        const std::string_view type = resource_type(res.value);
        const Node* props = res.value.get("Properties");
        if (props == nullptr || !r.may_exist(res.value, s)) return;
        if (type == "AWS::SSM::Parameter" && props->get("Value") != nullptr) {
            const std::string name =
                r.literal(props->get("Name"), s).value_or(s.prefix + std::string(res.key()));
            mark(model, r.eval(*props->get("Value"), s), "SSM parameter " + name);
        } else if (type == "Custom::CrossRegionExportWriter") {
            const Node* writer = props->get("WriterProps");
            mark_entries(model, writer == nullptr ? nullptr : writer->get("exports"), s, r,
                         "cross-region export ", "");
        } else if (s.children.count(res.key()) != 0) {
            mark_entries(model, props->get("Parameters"), s, r, "parameter ",
                         " of nested stack " + s.prefix + std::string(res.key()));
        } else if (type == "AWS::CloudFormation::Stack" || type == "AWS::Serverless::Application") {
            // A nested stack that is not followed (its template is not a local file): what it
            // does with the ARN cannot be seen, so the ARN leaves the deployment checked.
            mark_entries(
                model, props->get("Parameters"), s, r, "parameter ",
                " of nested stack " + s.prefix + std::string(res.key()) + " (not followed)");
        }
    });
}

}  // namespace

void mark_exports(World& world, const Resolver& resolver) {
    for (const auto& stack : world.stacks()) {
        mark_outputs(world.model(), *stack, resolver);
        mark_resources(world.model(), *stack, resolver);
    }
}

const KeepRules& template_keep_rules() {
    static const KeepRules rules = [] {
        KeepRules r;
        keep_certificate_properties(r);
        keep_consumer_properties(r);
        r.metadata = {"certlint", "aws:asset:path", "aws:asset:property"};  // suppressed_rules,
                                                                            // nested_template
        return r;
    }();
    return rules;
}

void build_model(World& world) {
    const Resolver resolver(world);
    add_certificates(world, resolver);
    add_consumers(world, resolver);
    add_dns_records(world, resolver);
    mark_exports(world, resolver);
}

}  // namespace certlint::readers::cfn
