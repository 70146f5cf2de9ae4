// Certificates of a template: AWS::CertificateManager::Certificate and the CDK's deprecated
// DnsValidatedCertificate custom resource.
#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "base/dns.hpp"
#include "certlint/rule.hpp"
#include "readers/cfn_model.hpp"

namespace certlint::readers::cfn {

namespace {

constexpr std::string_view kCertificateType = "AWS::CertificateManager::Certificate";

// What one property will be: its single text, "absent" (left out, or AWS::NoValue whatever
// the conditions), or why it is not known before deploy.
struct PropertyValue {
    std::optional<std::string> text;
    bool absent = false;
    std::string why;
};

PropertyValue property_value(const Node* node, std::string_view property, const Stack& s,
                             const Resolver& r) {
    if (node == nullptr) return PropertyValue{std::nullopt, true, {}};
    std::vector<std::string> texts;
    std::vector<std::string> conditions;
    bool none = false;
    for (const Value& v : r.eval(*node, s)) {
        if (v.kind == Value::Kind::Unknown) {
            return PropertyValue{std::nullopt, false, fmt::format("{}: {}", property, v.text)};
        }
        if (v.kind == Value::Kind::Certificate) {
            return PropertyValue{
                std::nullopt, false,
                fmt::format("{} is a certificate ARN, known after deploy", property)};
        }
        if (!v.condition.empty()) conditions.push_back(v.condition);
        if (v.kind == Value::Kind::NoValue) {
            none = true;
        } else if (std::find(texts.begin(), texts.end(), v.text) == texts.end()) {
            texts.push_back(v.text);
        }
    }
    if (texts.size() + (none ? 1 : 0) > 1) {
        return PropertyValue{
            std::nullopt, false,
            fmt::format("{} depends on condition {}", property,
                        conditions.empty() ? std::string("?") : conditions.front())};
    }
    if (texts.empty()) return PropertyValue{std::nullopt, true, {}};
    return PropertyValue{texts.front(), false, {}};
}

// Records why the vocabulary's `field` is not known (certlint/view.hpp).
void set_unknown(Certificate& c, Symbol field, std::string why) {
    for (auto& [name, reason] : c.unknown_values) {
        if (name == field) {
            reason = std::move(why);
            return;
        }
    }
    c.unknown_values.emplace_back(field, std::move(why));
}

// A scalar property the vocabulary reads: the text when known; else its reason recorded.
std::string read_scalar(Certificate& c, const Node* node, std::string_view property, Symbol field,
                        const Stack& s, const Resolver& r) {
    PropertyValue v = property_value(node, property, s, r);
    if (!v.text && !v.absent) set_unknown(c, field, std::move(v.why));
    return v.text.value_or("");
}

// Tags: a list of {Key, Value} (a DnsValidatedCertificate's Lambda takes the CDK's
// {key: value} map). A key that is not known makes the whole set unknown; a value that is
// not known is that tag's.
void read_tags(Certificate& c, const Node* tags, const Stack& s, const Resolver& r) {
    if (tags == nullptr) return;
    const std::vector<Branch> lists = r.branches(*tags, s);
    if (lists.empty()) return;
    if (lists.size() > 1 || !lists.front().condition.empty()) {
        set_unknown(c, "tags",
                    fmt::format("Tags depends on condition {}", lists.front().condition));
        return;
    }
    std::vector<Tag> out;
    const auto add = [&](std::string key, const Node* value, const std::string& condition) {
        PropertyValue v = property_value(value, "the value of tag " + key, s, r);
        Tag t{std::move(key), std::nullopt, {}};
        if (!condition.empty()) {
            t.why = fmt::format("tag {} is set only when condition {} holds", t.key, condition);
        } else if (v.text) {
            t.value = std::move(v.text);
        } else if (v.absent) {
            t.value = std::string();
        } else {
            t.why = std::move(v.why);
        }
        const auto same = [&](const Tag& have) { return have.key == t.key; };
        out.erase(std::remove_if(out.begin(), out.end(), same), out.end());
        out.push_back(std::move(t));
    };
    const Node& list = *lists.front().node;
    if (list.is_mapping() && list.function().rfind("Fn::", 0) != 0 && list.function() != "Ref") {
        for (const Entry& e : list.entries()) add(std::string(e.key()), &e.value, {});
    } else if (list.is_sequence()) {
        for (const Node& item : list.items()) {
            const std::vector<Branch> tag = r.branches(item, s);
            if (tag.size() > 1) {
                set_unknown(c, "tags",
                            fmt::format("Tags depends on condition {}", tag.front().condition));
                return;
            }
            if (tag.empty()) continue;
            const PropertyValue key =
                property_value(tag.front().node->get("Key"), "a tag key", s, r);
            if (!key.text) {
                set_unknown(c, "tags", key.absent ? std::string("a tag without a Key") : key.why);
                return;
            }
            add(*key.text, tag.front().node->get("Value"), tag.front().condition);
        }
    } else {
        const PropertyValue v = property_value(&list, "Tags", s, r);
        set_unknown(c, "tags", v.why.empty() ? std::string("Tags is not a list of tags") : v.why);
        return;
    }
    std::sort(out.begin(), out.end(), [](const Tag& a, const Tag& b) { return a.key < b.key; });
    c.tags = std::move(out);
}

// A certificate name as written: its literal value when known, else the expression. Names
// that share a validation record (`*.x` and `x`) have the same key.
struct NameRef {
    std::string key;
    std::string display;
};

NameRef name_ref(const Node& n, const Stack& s, const Resolver& r) {
    if (const auto text = r.literal(&n, s)) {
        return NameRef{"=" + base::validation_record_name(*text), *text};
    }
    if (n.function() == "Fn::Sub" && n.argument().is_scalar()) {
        const std::string text(n.argument().text());
        return NameRef{"sub:" + base::validation_record_name(text), text};
    }
    const std::string expr = render(n);
    return NameRef{"expr:" + expr, expr};
}

// A DnsValidatedCertificate (CDK, deprecated): a custom resource whose Lambda requests the
// certificate and writes its validation records into HostedZoneId. Other custom resources
// take DomainName and HostedZoneId too, so the CDK's request handler must be behind it.
bool is_dns_validated_custom(const Stack& s, const Entry& r, const std::string& type) {
    const bool custom =
        type == "AWS::CloudFormation::CustomResource" || type.rfind("Custom::", 0) == 0;
    const Node* props = r.value.get("Properties");
    if (!custom || props == nullptr || props->get("DomainName") == nullptr ||
        props->get("HostedZoneId") == nullptr || props->get("ServiceToken") == nullptr) {
        return false;
    }
    if (r.key().find("CertificateRequestorResource") != std::string::npos) return true;
    const Node* token = props->get("ServiceToken");
    if (token->function() != "Fn::GetAtt") return false;
    const Node& arg = token->argument();
    const std::string_view function = arg.is_scalar() ? arg.text().substr(0, arg.text().find('.'))
                                      : !arg.items().empty() ? arg.items()[0].text()
                                                             : std::string_view();
    const Node* lambda = s.resource(function);
    const Node* lambda_props = lambda == nullptr ? nullptr : lambda->get("Properties");
    const Node* handler = lambda_props == nullptr ? nullptr : lambda_props->get("Handler");
    return handler != nullptr && handler->is_scalar() &&
           handler->text() == "index.certificateRequestHandler";
}

// Reads DomainName and SubjectAlternativeNames; `names` gets every name (with conditional
// ones), in order.
void read_names(Certificate& c, const Node& props, const Stack& s, const Resolver& r,
                std::vector<NameRef>& names) {
    bool known = false;
    std::string why;  // why the names are not known
    if (const Node* domain = props.get("DomainName")) {
        names.push_back(name_ref(*domain, s, r));
        const auto text = r.literal(domain, s);
        known = text.has_value();
        c.domain_name = text.value_or("");
        if (!text) {
            why = property_value(domain, "DomainName", s, r).why;
            set_unknown(c, "domain_name", why);
        }
    }
    const Node* sans = props.get("SubjectAlternativeNames");
    for (const Branch& list : sans == nullptr ? std::vector<Branch>{} : r.branches(*sans, s)) {
        if (!list.node->is_sequence()) {
            known = false;
            if (why.empty()) why = property_value(list.node, "SubjectAlternativeNames", s, r).why;
            continue;
        }
        for (const Node& san : list.node->items()) {
            for (const Branch& b : r.branches(san, s)) {
                names.push_back(name_ref(*b.node, s, r));
                const auto text = r.literal(b.node, s);
                known = known && text.has_value();
                if (!text && why.empty()) {
                    why = property_value(b.node, "SubjectAlternativeNames", s, r).why;
                }
                auto& out = c.subject_alternative_names;
                if (text && std::find(out.begin(), out.end(), *text) == out.end())
                    out.push_back(*text);
            }
        }
    }
    c.names_known = known;
    if (!known && !why.empty()) set_unknown(c, "domains", why);
}

// Adds to c.private_validation_zones the private hosted zones of the template (a
// AWS::Route53::HostedZone with VPCs) that `zone` (a HostedZoneId) may name, as
// "Zone" or "Zone (when Cond)". A literal zone id cannot be looked up and adds nothing.
void add_private_zones(Certificate& c, const Node& zone, const std::string& cond, const Stack& s,
                       const Resolver& r) {
    for (const ResourceRef& ref : r.resources(zone, s)) {
        const Node* res = ref.stack->resource(ref.id);
        if (res == nullptr || resource_type(*res) != "AWS::Route53::HostedZone") continue;
        const Node* props = res->get("Properties");
        const Node* vpcs = props == nullptr ? nullptr : props->get("VPCs");
        if (vpcs == nullptr) continue;
        for (const Branch& b : r.branches(*vpcs, *ref.stack)) {
            if (b.node->is_sequence() && b.node->items().empty()) continue;  // public
            const std::string when =
                join_conditions(join_conditions(cond, ref.condition), b.condition);
            std::string id = ref.stack->prefix + ref.id;
            if (!when.empty()) id += " (when " + when + ")";
            auto& out = c.private_validation_zones;
            if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
        }
    }
}

// Reads DomainValidationOptions; `zoned` gets the names that carry a HostedZoneId. False
// when the entries are not known before deploy.
bool read_validation_options(Certificate& c, const Node* options, const Stack& s, const Resolver& r,
                             std::vector<NameRef>& zoned) {
    if (options == nullptr) return true;
    for (const Branch& list : r.branches(*options, s)) {
        if (!list.node->is_sequence()) return false;
        for (const Node& item : list.node->items()) {
            for (const Branch& b : r.branches(item, s)) {
                if (!b.node->is_mapping()) return false;
                const Node* domain = b.node->get("DomainName");
                const Node* zone = b.node->get("HostedZoneId");
                const bool has_zone = zone != nullptr && !r.branches(*zone, s).empty();
                const NameRef name = domain == nullptr ? NameRef{} : name_ref(*domain, s, r);
                c.domain_validations.push_back(
                    DomainValidation{name.display, has_zone,
                                     r.literal(b.node->get("ValidationDomain"), s).value_or("")});
                if (has_zone) {
                    zoned.push_back(name);
                    add_private_zones(c, *zone, join_conditions(list.condition, b.condition), s, r);
                }
            }
        }
    }
    return true;
}

// CloudFormation creates a DNS validation record only for names with a HostedZoneId entry
// (a wildcard shares its base name's record). Names without one are listed.
void set_validation_records(Certificate& c, const std::vector<NameRef>& names,
                            const std::vector<NameRef>& zoned, bool decidable, Model& model) {
    if (c.validation_method != "DNS") return;
    if (!decidable) {
        c.has_validation_records = true;  // unknown: no finding rather than a guess
        model.notes.push_back(
            fmt::format("{}: DomainValidationOptions is not known before deploy; "
                        "its validation records are not checked",
                        c.id));
        return;
    }
    std::vector<std::string> missing;
    std::vector<std::string> seen;
    for (const NameRef& name : names) {
        const auto same = [&](const NameRef& z) { return z.key == name.key; };
        if (std::any_of(zoned.begin(), zoned.end(), same)) continue;
        if (std::find(seen.begin(), seen.end(), name.key) != seen.end()) continue;
        seen.push_back(name.key);
        missing.push_back(name.display);
    }
    // As the model defines it: false when nothing creates any record; the names otherwise.
    c.has_validation_records = !zoned.empty() || missing.empty();
    c.names_without_validation_records = std::move(missing);
}

std::string validation_method(const Node* node, bool is_private, const Stack& s,
                              const Resolver& r) {
    if (node == nullptr) return is_private ? std::string() : "EMAIL";  // omitted means EMAIL
    std::vector<std::string> methods;
    for (const Value& v : r.eval(*node, s)) {
        std::string m = v.kind == Value::Kind::NoValue ? "EMAIL" : v.text;
        if (v.kind != Value::Kind::Text && v.kind != Value::Kind::NoValue) return {};
        std::transform(m.begin(), m.end(), m.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        methods.push_back(m);
    }
    if (std::find(methods.begin(), methods.end(), "EMAIL") != methods.end()) return "EMAIL";
    if (methods.empty() || std::any_of(methods.begin(), methods.end(), [&](const std::string& m) {
            return m != methods.front();
        })) {
        return {};
    }
    return methods.front();
}

void fill_native(Certificate& c, const Node& props, const Stack& s, const Resolver& r,
                 Model& model) {
    const Node* authority = props.get("CertificateAuthorityArn");
    const bool is_private = authority != nullptr && !r.branches(*authority, s).empty();
    c.cert_type = is_private ? CertType::Private : CertType::AmazonIssued;
    c.validation_method = validation_method(props.get("ValidationMethod"), is_private, s, r);
    if (c.validation_method.empty() && props.get("ValidationMethod") != nullptr) {
        const PropertyValue v =
            property_value(props.get("ValidationMethod"), "ValidationMethod", s, r);
        if (!v.why.empty()) set_unknown(c, "validation_method", v.why);
    }
    c.key_algorithm =
        read_scalar(c, props.get("KeyAlgorithm"), "KeyAlgorithm", "key_algorithm", s, r);
    c.transparency_logging =
        read_scalar(c, props.get("CertificateTransparencyLoggingPreference"),
                    "CertificateTransparencyLoggingPreference", "transparency_logging", s, r);
    read_tags(c, props.get("Tags"), s, r);
    // A top-level property in CloudFormation (ACM's API has it as Options.Export); CDK writes
    // it for `allowExport: true`.
    c.export_option = r.literal(props.get("CertificateExport"), s).value_or("");
    std::vector<NameRef> names;
    std::vector<NameRef> zoned;
    read_names(c, props, s, r, names);
    const bool decidable =
        read_validation_options(c, props.get("DomainValidationOptions"), s, r, zoned);
    set_validation_records(c, names, zoned, decidable, model);
}

void fill_dns_validated(Certificate& c, const Node& props, const Stack& s, const Resolver& r) {
    c.cert_type = CertType::AmazonIssued;
    c.validation_method = "DNS";
    c.has_validation_records = true;  // its Lambda writes them into HostedZoneId
    add_private_zones(c, *props.get("HostedZoneId"), {}, s, r);
    c.transparency_logging =
        read_scalar(c, props.get("CertificateTransparencyLoggingPreference"),
                    "CertificateTransparencyLoggingPreference", "transparency_logging", s, r);
    read_tags(c, props.get("Tags"), s, r);
    if (const Node* region = props.get("Region")) {
        const auto text = r.literal(region, s);
        c.region = text ? MaybeString{text, {}}
                        : MaybeString{std::nullopt, fmt::format("the Region property of {} is not "
                                                                "known before deploy",
                                                                c.id)};
        if (text) c.partition = partition_of(*text);
    }
    std::vector<NameRef> names;
    read_names(c, props, s, r, names);
}

Certificate make_certificate(const Stack& s, const Entry& r, const std::string& type) {
    Certificate c;
    c.id = s.prefix + std::string(r.key());
    c.type = type;
    c.input = s.input;
    c.location = SourceLocation{s.path, r.line};
    c.managed = true;
    c.action = Action::Create;
    c.region = s.region;
    c.partition = s.partition;
    c.has_waiter = true;  // CloudFormation waits for issuance before dependents are created
    return c;
}

}  // namespace

std::vector<std::string> suppressed_rules(const Node& resource, const Stack& stack,
                                          const Resolver& resolver) {
    std::vector<std::string> out;
    const Node* meta = resource.get("Metadata");
    const Node* certlint = meta == nullptr ? nullptr : meta->get("certlint");
    const Node* ignore = certlint == nullptr ? nullptr : certlint->get("ignore");
    if (ignore == nullptr) return out;
    // Rule IDs or names; World::load has refused anything else (check_suppressions).
    const auto add = [&](const Node& n) {
        const auto text = resolver.literal(&n, stack);
        const Policy* policy = text ? find_policy(*text) : nullptr;
        if (policy != nullptr) out.push_back(policy->id);
    };
    if (ignore->is_sequence()) {
        for (const Node& n : ignore->items()) add(n);
    } else {
        add(*ignore);
    }
    return out;
}

void keep_certificate_properties(KeepRules& rules) {
    // fill_native(), read_names(), read_validation_options()
    for (const char* property :
         {"DomainName", "SubjectAlternativeNames", "ValidationMethod", "DomainValidationOptions",
          "CertificateAuthorityArn", "KeyAlgorithm", "CertificateTransparencyLoggingPreference",
          "CertificateExport", "Tags"}) {
        rules.keep(kCertificateType, property);
    }
}

void add_certificates(World& world, const Resolver& resolver) {
    Model& model = world.model();
    // Room for all of them at once: a growing vector would briefly hold two copies.
    std::size_t count = 0;
    for_each_resource(world, [&](const Stack&, const Entry& r) {
        if (resource_type(r.value) == kCertificateType) ++count;
    });
    model.certificates.reserve(model.certificates.size() + count);
    for_each_resource(world, [&](Stack& s, const Entry& r) {
        const std::string type(resource_type(r.value));
        const Node* props = r.value.get("Properties");
        const bool native = type == kCertificateType;
        if (!native && !is_dns_validated_custom(s, r, type)) return;
        if (!resolver.may_exist(r.value, s)) return;
        Certificate c = make_certificate(s, r, type);
        const Node none;
        if (native) {
            fill_native(c, props == nullptr ? none : *props, s, resolver, model);
        } else {
            fill_dns_validated(c, *props, s, resolver);
        }
        c.suppressed = suppressed_rules(r.value, s, resolver);
        s.certificates[std::string(r.key())] = model.certificates.size();
        model.certificates.push_back(std::move(c));
    });
}

}  // namespace certlint::readers::cfn
