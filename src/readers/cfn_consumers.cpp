// Consumers of a template: the resources that attach an ACM certificate, and the possible
// certificates behind each attachment. Which types, at which properties, come from the
// consumer catalog (model/consumer_catalog.hpp).
#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "model/consumer_catalog.hpp"
#include "readers/cfn_model.hpp"

namespace certlint::readers::cfn {

namespace {

// A value found at a property path, with the conditions on the way to it.
struct Found {
    const Node* node = nullptr;
    std::string attribute;
    std::string condition;
};

std::string join_path(const std::string& base, std::string_view name) {
    return base.empty() ? std::string(name) : base + "." + std::string(name);
}

// Every value at `path` under `node`, through Fn::If branches and list items.
void collect(const Node& node, std::string_view path, const std::string& attribute,
             const std::string& cond, const Stack& s, const Resolver& r, std::vector<Found>& out) {
    for (const Branch& b : r.branches(node, s)) {
        const std::string c = join_conditions(cond, b.condition);
        if (path.empty()) {
            out.push_back(Found{b.node, attribute, c});
            continue;
        }
        const auto dot = path.find('.');
        std::string_view segment = path.substr(0, dot);
        const std::string_view rest =
            dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
        const bool each = segment.size() > 2 && segment.substr(segment.size() - 2) == "[]";
        if (each) segment.remove_suffix(2);
        const Node* child = b.node->get(segment);
        if (child == nullptr) continue;
        if (!each) {
            collect(*child, rest, join_path(attribute, segment), c, s, r, out);
            continue;
        }
        for (const Branch& list : r.branches(*child, s)) {
            const std::string lc = join_conditions(c, list.condition);
            if (!list.node->is_sequence()) {
                out.push_back(Found{nullptr, join_path(attribute, segment), lc});
                continue;
            }
            for (std::size_t i = 0; i < list.node->items().size(); ++i) {
                const std::string at = fmt::format("{}[{}]", join_path(attribute, segment), i);
                collect(list.node->items()[i], rest, at, lc, s, r, out);
            }
        }
    }
}

std::vector<Found> collect(const Node& root, std::string_view path, const std::string& base,
                           const Stack& s, const Resolver& r) {
    std::vector<Found> out;
    collect(root, path, base, {}, s, r, out);
    return out;
}

void add_candidate(Attachment& a, CertCandidate cand) {
    const auto same = [&](const CertCandidate& c) {
        return c.certificate == cand.certificate && c.arn == cand.arn &&
               c.region.value == cand.region.value && c.condition == cand.condition;
    };
    if (std::none_of(a.candidates.begin(), a.candidates.end(), same))
        a.candidates.push_back(std::move(cand));
}

// A candidate reached through a property CloudFormation fills only once the certificate is
// issued (CloudFormation waits for validation before creating dependents).
CertCandidate candidate(std::optional<std::size_t> certificate, std::optional<std::string> arn,
                        MaybeString region, std::string condition) {
    CertCandidate c;
    c.certificate = certificate;
    c.arn = std::move(arn);
    c.region = std::move(region);
    c.awaits_validation = true;
    c.condition = std::move(condition);
    return c;
}

void add_value(Attachment& a, const Value& v) {
    const std::string when = v.condition.empty() ? "" : " (when " + v.condition + ")";
    switch (v.kind) {
        case Value::Kind::Certificate:
            add_candidate(a, candidate(v.certificate, std::nullopt, {}, v.condition));
            break;
        case Value::Kind::Text:
            if (is_acm_certificate_arn(v.text)) {
                add_candidate(a, candidate(std::nullopt, v.text, {}, v.condition));
            } else if (!v.text.empty() && v.text.find(":iam::") == std::string::npos) {
                a.unresolved.push_back(
                    fmt::format("'{}' is not an ACM certificate ARN{}", v.text, when));
            }
            break;
        case Value::Kind::Unknown:
            // Not the ARN, but its region is known (`arn:...:acm:${AWS::Region}:...` with the
            // deploy region known; Fn::GetStackOutput of a stack in a named region): enough
            // for the region rules. The ARN itself stays unresolved.
            if (!v.region.empty()) {
                add_candidate(a, candidate(std::nullopt, std::nullopt, MaybeString{v.region, {}},
                                           v.condition));
            }
            a.unresolved.push_back(v.text + when);
            break;
        case Value::Kind::NoValue: break;
    }
}

Attachment attach(const Found& f, bool edge, const Stack& s, const Resolver& r) {
    Attachment a;
    a.attribute = f.attribute;
    a.edge = edge;
    if (f.node == nullptr) {
        a.unresolved.push_back(fmt::format("{} is a list not known before deploy", f.attribute));
        return a;
    }
    for (Value v : r.eval(*f.node, s)) {
        v.condition = join_conditions(f.condition, v.condition);
        add_value(a, v);
    }
    return a;
}

// Adds `a` to `list`, into the attachment of the same attribute when there is one (the
// branches of a Fn::If around a certificate property are one attachment).
void merge(std::vector<Attachment>& list, Attachment a) {
    if (a.candidates.empty() && a.unresolved.empty()) return;
    const auto same = std::find_if(list.begin(), list.end(), [&](const Attachment& x) {
        return x.attribute == a.attribute && x.edge == a.edge;
    });
    if (same == list.end()) {
        list.push_back(std::move(a));
        return;
    }
    for (CertCandidate& cand : a.candidates) add_candidate(*same, std::move(cand));
    for (std::string& why : a.unresolved) same->unresolved.push_back(std::move(why));
}

// The Domain of a SAM API: its own, or the one in Globals (Api / HttpApi).
const Node* sam_domain(const Stack& s, std::string_view type, const Node& props) {
    if (const Node* domain = props.get("Domain")) return domain;
    const Node* globals = s.section("Globals");
    const Node* api = globals == nullptr
                          ? nullptr
                          : globals->get(type == "AWS::Serverless::Api" ? "Api" : "HttpApi");
    return api == nullptr ? nullptr : api->get("Domain");
}

// A SAM REST API domain is REGIONAL unless EndpointConfiguration says EDGE.
bool sam_edge(const Node& domain, const Stack& s, const Resolver& r) {
    const Node* endpoint = domain.get("EndpointConfiguration");
    if (endpoint == nullptr) return false;
    const Values values = r.eval(*endpoint, s);
    return std::any_of(values.begin(), values.end(), [](const Value& v) {
        return v.kind == Value::Kind::Text && (v.text == "EDGE" || v.text == "edge");
    });
}

// Whether a possible value of the mapping's endpoint type list is `type` (an API Gateway
// domain whose endpoint type is PRIVATE takes a regional certificate in CertificateArn).
bool cfn_endpoint_type_is(const catalog::Mapping& spec, std::string_view type, const Node& root,
                          const std::string& base, const Stack& s, const Resolver& r) {
    if (spec.endpoint_types.empty() || type.empty()) return false;
    for (const Found& f : collect(root, spec.endpoint_types, base, s, r)) {
        if (f.node == nullptr) continue;
        for (const Value& v : r.eval(*f.node, s)) {
            if (v.kind == Value::Kind::Text && v.text == type) return true;
        }
    }
    return false;
}

std::vector<std::string> domains(const catalog::Mapping& spec, const Node& root, const Stack& s,
                                 const Resolver& r) {
    std::vector<std::string> out;
    for (std::string_view path : spec.domains) {
        for (const Found& f : collect(root, path, {}, s, r)) {
            if (f.node == nullptr) continue;
            for (const Value& v : r.eval(*f.node, s)) {
                if (v.kind != Value::Kind::Text || v.text.empty()) continue;
                if (std::find(out.begin(), out.end(), v.text) == out.end()) out.push_back(v.text);
            }
        }
    }
    return out;
}

void add_consumer(Model& model, const Stack& s, const Entry& r, std::string_view type,
                  const catalog::Match& match, const Resolver& res) {
    const catalog::Mapping& spec = *match.mapping;
    const Node none;
    const Node* props = r.value.get("Properties");
    const Node* root =
        spec.sam_domain ? sam_domain(s, type, props == nullptr ? none : *props) : props;
    if (root == nullptr) return;
    Consumer c;
    const std::string base = spec.sam_domain ? "Domain" : "";
    for (const catalog::CertPath& p : spec.certificates) {
        const bool edge = (p.edge && !cfn_endpoint_type_is(spec, p.regional_endpoint_type, *root,
                                                           base, s, res)) ||
                          (spec.edge_from_endpoint_configuration && sam_edge(*root, s, res));
        for (const Found& f : collect(*root, p.path, base, s, res))
            merge(c.attachments, attach(f, edge, s, res));
    }
    if (c.attachments.empty()) return;  // no ACM certificate (default or IAM certificate)
    c.id = s.prefix + std::string(r.key());
    c.type = std::string(type);
    c.kind = match.entry->kind;
    c.input = s.input;
    c.location = SourceLocation{s.path, r.line};
    c.action = Action::Create;
    c.region = s.region;
    c.partition = s.partition;
    c.domains = domains(spec, *root, s, res);
    c.suppressed = suppressed_rules(r.value, s, res);
    model.consumers.push_back(std::move(c));
}

}  // namespace

void keep_consumer_properties(KeepRules& rules) {
    for (const catalog::ConsumerEntry& entry : catalog::consumers()) {
        for (const catalog::Mapping& spec : entry.cloudformation) {
            for (std::string_view type : spec.types) {
                if (spec.sam_domain) {
                    rules.keep(type, "Domain");  // sam_domain(), sam_edge()
                    continue;
                }
                for (const catalog::CertPath& p : spec.certificates) rules.keep(type, p.path);
                for (std::string_view path : spec.domains) rules.keep(type, path);
                if (!spec.endpoint_types.empty()) rules.keep(type, spec.endpoint_types);
            }
        }
    }
}

void add_consumers(World& world, const Resolver& resolver) {
    // Room for all of them at once: a growing vector would briefly hold two copies.
    std::size_t count = 0;
    for_each_resource(world, [&](const Stack&, const Entry& r) {
        if (catalog::cloudformation_consumer(resource_type(r.value))) ++count;
    });
    world.model().consumers.reserve(world.model().consumers.size() + count);
    for_each_resource(world, [&](const Stack& s, const Entry& r) {
        const std::string_view type = resource_type(r.value);
        const catalog::Match match = catalog::cloudformation_consumer(type);
        if (!match || !resolver.may_exist(r.value, s)) return;
        add_consumer(world.model(), s, r, type, match, resolver);
    });
}

}  // namespace certlint::readers::cfn
