// The consumer table of the Terraform reader (terraform_consumers.hpp).
#include "readers/terraform_consumers.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "model/consumer_catalog.hpp"
#include "readers/terraform_graph.hpp"

namespace certlint::readers::tf {
namespace {

// Values at a path of object keys; "*" expands every element of an array; a number-like
// step into an array of one block takes its elements.
void collect_at(const json& node, const std::vector<std::string>& path, std::size_t i,
                std::vector<const json*>& out) {
    if (i == path.size()) {
        out.push_back(&node);
        return;
    }
    if (node.is_array()) {
        for (const auto& el : node) collect_at(el, path, i + (path[i] == "*" ? 1 : 0), out);
        return;
    }
    if (path[i] == "*") {
        collect_at(node, path, i + 1, out);
        return;
    }
    const json& next = member(node, path[i]);
    if (!next.is_null()) collect_at(next, path, i + 1, out);
}

// A consumer catalog path as steps of values/configuration: "listener[].ssl_certificate_id"
// is {listener, *, ssl_certificate_id} (see collect_at).
std::vector<std::string> steps_of(std::string_view path) {
    std::vector<std::string> out;
    for (const catalog::PathStep& step : catalog::path_steps(path)) {
        out.emplace_back(step.name);
        if (step.each) out.emplace_back("*");
    }
    return out;
}

// Where a plan's after_unknown marks the value at a path unknown before apply.
enum class UnknownAt {
    No,
    Value,  // a `true` at the path, or anywhere under the value at it
    Block,  // only a `true` on a block along the path: the whole block is unknown
};

// after_unknown at `path` (steps as collect_at reads them). Terraform 1.11.4 with provider
// 5.100 writes `true` on a whole block in two cases: a `dynamic` block whose for_each is not
// known before apply (`for_each = var.arn == null ? [] : [var.arn]` fed by a resource's
// attribute), and an optional block the provider fills in when the configuration leaves it out
// (API Gateway's endpoint_configuration, OpenSearch's domain_endpoint_options). The block is
// then missing from `after`, and Terraform's configuration JSON records no dynamic block.
UnknownAt unknown_at(const json& unknown, const std::vector<std::string>& path, std::size_t i = 0) {
    if (unknown.is_boolean()) {
        if (!unknown.get<bool>()) return UnknownAt::No;
        // A whole list at its own path ("server_certificate_arns[]") is the value, not a block.
        const bool at_value = std::all_of(path.begin() + static_cast<std::ptrdiff_t>(i), path.end(),
                                          [](const std::string& s) { return s == "*"; });
        return at_value ? UnknownAt::Value : UnknownAt::Block;
    }
    if (i == path.size()) return is_true_anywhere(unknown) ? UnknownAt::Value : UnknownAt::No;
    if (unknown.is_array()) {
        UnknownAt out = UnknownAt::No;
        for (const json& el : unknown) {
            out = std::max(out, unknown_at(el, path, i + (path[i] == "*" ? 1 : 0)));
            if (out == UnknownAt::Value) break;
        }
        return out;
    }
    if (path[i] == "*") return unknown_at(unknown, path, i + 1);
    const json& next = member(unknown, path[i]);
    return next.is_null() ? UnknownAt::No : unknown_at(next, path, i + 1);
}

// The endpoint type list of a consumer whose catalog entry reads one: a known value, or why
// it is not known before apply. A list the configuration does not set is the service's
// default (API Gateway: EDGE), which the provider fills in after apply.
struct ConsumerEndpointTypes {
    std::vector<std::string> known;
    std::string unknown_why;
};

ConsumerEndpointTypes consumer_endpoint_types(const Instance& inst,
                                              const std::vector<std::string>& path) {
    ConsumerEndpointTypes out;
    std::vector<const json*> values;
    collect_at(*inst.values, path, 0, values);
    for (const json* v : values) {
        if (v->is_string()) out.known.push_back(v->get<std::string>());
    }
    if (!out.known.empty() || unknown_at(*inst.unknown, path) == UnknownAt::No) return out;
    std::vector<std::string> expr_path;
    for (const std::string& step : path) {
        if (step != "*") expr_path.push_back(step);
    }
    if (inst.config != nullptr && !inst.config->body.at(expr_path).present()) return out;
    out.unknown_why = fmt::format("{} is not known before apply", fmt::join(expr_path, "."));
    return out;
}

}  // namespace

const std::unordered_map<std::string, ConsumerSpec>& consumer_specs() {
    static const std::unordered_map<std::string, ConsumerSpec> specs = [] {
        std::unordered_map<std::string, ConsumerSpec> m;
        for (const catalog::ConsumerEntry& entry : catalog::consumers()) {
            for (const catalog::Mapping& mapping : entry.terraform) {
                ConsumerSpec spec{entry.kind, {}, {}, {}};
                for (const catalog::CertPath& p : mapping.certificates) {
                    spec.attrs.push_back(AttrSpec{steps_of(p.path), p.edge, p.provider_computed,
                                                  std::string(p.regional_endpoint_type),
                                                  p.provider_fills_block});
                }
                for (std::string_view d : mapping.domains) spec.domain_paths.push_back(steps_of(d));
                if (!mapping.endpoint_types.empty())
                    spec.endpoint_types = steps_of(mapping.endpoint_types);
                for (std::string_view type : mapping.types) m.emplace(std::string(type), spec);
            }
        }
        return m;
    }();
    return specs;
}

void keep_consumer_values(TerraformValueKeys& keys) {
    for (const auto& [type, spec] : consumer_specs()) {
        for (const AttrSpec& attr : spec.attrs) {
            keys.values.push_back(attr.path);
            keys.unknown.push_back(attr.path);
        }
        for (const std::vector<std::string>& path : spec.domain_paths) keys.values.push_back(path);
        if (!spec.endpoint_types.empty()) {
            keys.values.push_back(spec.endpoint_types);
            keys.unknown.push_back(spec.endpoint_types);
        }
    }
}

void Graph::build_consumers() {
    const auto& specs = consumer_specs();
    model_.consumers.reserve(
        model_.consumers.size() +
        static_cast<std::size_t>(
            std::count_if(instances_.all().begin(), instances_.all().end(),
                          [&](const Instance& i) { return !i.data && specs.count(i.type) != 0; })));
    for (std::size_t id = 0; id < instances_.size(); ++id) {
        const Instance& inst = instances_[id];
        if (inst.data) continue;
        const auto spec = specs.find(inst.type);
        if (spec == specs.end()) continue;
        Consumer c;
        c.id = inst.address;
        c.type = inst.type;
        c.kind = spec->second.kind;
        c.input = input_;
        c.action = inst.action;
        c.change = inst.change;
        c.partition = "aws";
        for (const std::vector<std::string>& path : spec->second.domain_paths) {
            std::vector<const json*> vals;
            collect_at(*inst.values, path, 0, vals);
            for (const json* v : vals) add_strings(*v, c.domains);
        }
        std::optional<ConsumerEndpointTypes> types;
        std::string edge_undecided;
        for (const AttrSpec& attr : spec->second.attrs) {
            auto a = attachment(inst, attr);
            if (!a) continue;
            if (a->edge && !attr.regional_endpoint_type.empty()) {
                // API Gateway's certificate_arn: edge-optimized, or regional on a PRIVATE domain.
                if (!types) types = consumer_endpoint_types(inst, spec->second.endpoint_types);
                if (!types->unknown_why.empty()) {
                    a->edge = false;
                    edge_undecided = fmt::format(
                        "{}, and it decides whether {} must be in us-east-1 (edge-optimized) or "
                        "in the consumer's own region ({})",
                        types->unknown_why, a->attribute, attr.regional_endpoint_type);
                } else if (std::find(types->known.begin(), types->known.end(),
                                     attr.regional_endpoint_type) != types->known.end()) {
                    a->edge = false;
                }
            }
            c.attachments.push_back(std::move(*a));
        }
        if (c.attachments.empty()) continue;
        const bool needs_region = std::any_of(c.attachments.begin(), c.attachments.end(),
                                              [](const Attachment& a) { return !a.edge; });
        if (!edge_undecided.empty()) {
            c.region = {std::nullopt, edge_undecided};  // neither region rule can decide
        } else if (needs_region) {
            c.region = resolver_.region_of(inst);
        }
        model_.consumers.push_back(std::move(c));
    }
}

std::optional<Attachment> Graph::attachment(const Instance& inst, const AttrSpec& spec) {
    Attachment a;
    a.attribute = fmt::format("{}", fmt::join(spec.path, "."));
    a.edge = spec.edge;
    std::vector<const json*> values;
    collect_at(*inst.values, spec.path, 0, values);
    const UnknownAt unknown_kind = unknown_at(*inst.unknown, spec.path);
    const bool unknown = unknown_kind == UnknownAt::Value ||
                         (unknown_kind == UnknownAt::Block && !spec.provider_fills_block);
    Resolution res;
    bool known_value = false;
    for (const json* v : values) {
        if (v->is_string() && !v->get<std::string>().empty()) {
            add_literals(*v, res);
            known_value = true;
        }
    }
    if (!known_value && !unknown && inst.values != &kNullJson && !inst.values->is_null()) {
        return std::nullopt;  // the argument is not set: no certificate attached
    }
    // Follow the configuration to learn which certificate, and whether it is awaited.
    static const Expression kAbsent;
    const Expression& expr = inst.config != nullptr ? inst.config->body.at(spec.path) : kAbsent;
    RefContext ctx;
    ctx.self_key = inst.key;
    if (inst.config != nullptr) ctx.for_each = &inst.config->for_each;
    Resolution followed = resolver_.resolve(expr, inst.scope, ctx, 0);
    if (known_value) {
        // The value is authoritative; the configuration only tells how it is reached.
        resolver_.link_arns(res);
        resolver_.link_arns(followed);
        for (Target& t : res.targets) {
            for (const Target& f : followed.targets) {
                if (f.cert && t.cert == f.cert) t.via_waiter = t.via_waiter || f.via_waiter;
            }
        }
    } else {
        res.merge(std::move(followed));
        resolver_.link_arns(res);
    }
    if (res.targets.empty() && res.unresolved.empty() && !known_value) {
        if (!expr.present() && !unknown) return std::nullopt;
        if (!expr.present() && spec.provider_computed && inst.config != nullptr) {
            return std::nullopt;
        }
        if (unknown && unknown_kind == UnknownAt::Block && inst.config != nullptr) {
            // A plan's configuration records no dynamic block; a configuration's records the
            // content, which reads the iterator of a for_each that is not known.
            res.unresolved.push_back(
                fmt::format("{} is set by a dynamic block whose for_each is not known before apply",
                            spec.path.front()));
        } else if (!expr.present()) {
            res.unresolved.push_back("no configuration recorded for " + a.attribute);
        }
    }
    static const std::vector<std::string> kNone;
    const std::vector<std::string>& depends_on =
        inst.config != nullptr ? inst.config->depends_on : kNone;
    std::set<std::pair<std::size_t, std::string>> seen;
    for (const Target& t : res.targets) {
        if (!t.cert && t.arn.empty()) continue;  // other literals (conditions' operands)
        if (t.cert && !is_arn_attr(t.attr)) continue;
        CertCandidate cand;
        cand.certificate = t.cert;
        if (!t.arn.empty()) cand.arn = t.arn;
        cand.awaits_validation =
            t.via_waiter || (t.cert && resolver_.waited_by_depends_on(inst, depends_on, *t.cert));
        if (!seen.insert({t.cert.value_or(SIZE_MAX), t.arn}).second) {
            // Terraform orders a resource after everything its expression references,
            // whichever branch is taken (try(), conditionals): one path through the
            // waiter is enough.
            for (CertCandidate& prev : a.candidates) {
                if (prev.certificate == cand.certificate && prev.arn == cand.arn) {
                    prev.awaits_validation = prev.awaits_validation || cand.awaits_validation;
                }
            }
            continue;
        }
        a.candidates.push_back(std::move(cand));
    }
    for (const std::string& u : res.unresolved) {
        a.unresolved.push_back(u);
        note(fmt::format("{}: {}: {}", inst.address, a.attribute, u));
    }
    if (a.candidates.empty() && a.unresolved.empty()) return std::nullopt;
    return a;
}

}  // namespace certlint::readers::tf
