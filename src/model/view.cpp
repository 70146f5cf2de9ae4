// The policy vocabulary over the model (certlint/view.hpp).
#include "certlint/view.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "model/consumer_catalog.hpp"
#include "rules/rules.hpp"

namespace certlint::view {

using json = nlohmann::json;

namespace {

constexpr const char* kUnknownKey = "$unknown";

InputKind kind_of(const Model& m, std::size_t input) {
    return input < m.inputs.size() ? m.inputs[input].kind : InputKind::TerraformPlan;
}

// The reason a reader recorded for `field` of `c`, or nullptr.
const std::string* recorded(const Certificate& c, std::string_view field) {
    for (const auto& [name, why] : c.unknown_values) {
        if (name == field) return &why;
    }
    return nullptr;
}

// `field` (as the vocabulary names it), `tf` / `cfn` (as the input names the argument).
struct Names {
    std::string_view field;
    std::string_view tf;
    std::string_view cfn;
};

// Why a value the reader left empty is not known, when it recorded no reason: what each
// input kind can and cannot say.
std::string default_reason(const Model& m, const Certificate& c, const Names& n) {
    if (const std::string* why = recorded(c, n.field)) return *why;
    switch (kind_of(m, c.input)) {
        case InputKind::TerraformPlan: return fmt::format("{} is known only after apply", n.tf);
        case InputKind::TerraformState: return fmt::format("the state does not record {}", n.tf);
        case InputKind::TerraformConfig:
            return fmt::format("{} is not known from the configuration alone", n.tf);
        case InputKind::CloudFormation:
        case InputKind::CdkAssembly: return fmt::format("{} is not known before deploy", n.cfn);
        case InputKind::AcmInventory:
            return fmt::format("the inventory export does not include {}", n.cfn);
    }
    return "not known before apply";
}

bool is_data_source(const Certificate& c) {
    return !c.managed;
}

// A certificate ACM issues on request (public or private CA), in a deployment input: the
// request's defaults apply to what it leaves out.
bool is_request(const Model& m, const Certificate& c) {
    return c.managed && kind_of(m, c.input) != InputKind::AcmInventory &&
           (c.cert_type == CertType::AmazonIssued || c.cert_type == CertType::Private);
}

json type_of(const Model& m, const Certificate& c) {
    switch (c.cert_type) {
        case CertType::AmazonIssued: return "AMAZON_ISSUED";
        case CertType::Imported: return "IMPORTED";
        case CertType::Private: return "PRIVATE";
        case CertType::Unknown: break;
    }
    if (const std::string* why = recorded(c, "type")) return unknown(*why);
    if (is_data_source(c)) {
        return unknown("a looked-up certificate (data source) does not record its type");
    }
    return unknown(default_reason(m, c, {"type", "type", "the certificate type"}));
}

json domain_name_of(const Model& m, const Certificate& c,
                    const std::optional<std::vector<std::string>>& names) {
    if (!c.domain_name.empty()) return c.domain_name;
    if (c.cert_type == CertType::Imported && names && !names->empty()) return names->front();
    if (const std::string* why = recorded(c, "domain_name")) return unknown(*why);
    if (c.cert_type == CertType::Imported) {
        return unknown(
            "an imported certificate's names come from its certificate body, which "
            "is not known before apply");
    }
    return unknown(default_reason(m, c, {"domain_name", "domain_name", "DomainName"}));
}

json domains_of(const Model& m, const Certificate& c,
                const std::optional<std::vector<std::string>>& names) {
    if (names) return *names;
    if (const std::string* why = recorded(c, "domains")) return unknown(*why);
    if (is_data_source(c)) {
        return unknown(
            "a looked-up certificate's alternative names are known only from the PEM of an "
            "ISSUED certificate, which the input does not include");
    }
    if (c.cert_type == CertType::Imported) {
        return unknown(
            "an imported certificate's names come from its certificate body, which "
            "is not known before apply");
    }
    return unknown(default_reason(m, c,
                                  {"domains", "domain_name or subject_alternative_names",
                                   "DomainName or SubjectAlternativeNames"}));
}

json validation_method_of(const Model& m, const Certificate& c) {
    if (!c.validation_method.empty()) return c.validation_method.str();
    if (const std::string* why = recorded(c, "validation_method")) return unknown(*why);
    // Private and imported certificates are not validated (the AWS provider records NONE).
    if (c.managed && (c.cert_type == CertType::Private || c.cert_type == CertType::Imported)) {
        return "NONE";
    }
    if (is_data_source(c)) {
        return unknown(
            "a looked-up certificate (data source) does not record its validation "
            "method");
    }
    return unknown(
        default_reason(m, c, {"validation_method", "validation_method", "ValidationMethod"}));
}

json key_algorithm_of(const Model& m, const Certificate& c) {
    if (!c.key_algorithm.empty()) return c.key_algorithm.str();
    if (const std::string* why = recorded(c, "key_algorithm")) return unknown(*why);
    if (!c.certificate_body.empty()) {
        std::string error;
        if (const auto facts = rules::parse_pem_certificate(c.certificate_body, error)) {
            if (!facts->key_algorithm.empty()) return facts->key_algorithm;
        }
    }
    if (c.cert_type == CertType::Imported) {
        return unknown(
            "an imported certificate's key algorithm comes from its certificate "
            "body, which is not known before apply");
    }
    if (is_data_source(c)) {
        return unknown("a looked-up certificate (data source) does not record its key algorithm");
    }
    if (is_request(m, c)) return "RSA_2048";  // ACM's default for a request without one
    return unknown(default_reason(m, c, {"key_algorithm", "key_algorithm", "KeyAlgorithm"}));
}

json transparency_logging_of(const Model& m, const Certificate& c) {
    if (!c.transparency_logging.empty()) return c.transparency_logging.str();
    if (const std::string* why = recorded(c, "transparency_logging")) return unknown(*why);
    if (c.cert_type == CertType::Imported) return nullptr;  // ACM requests only
    if (is_data_source(c)) {
        return unknown(
            "a looked-up certificate (data source) does not record its transparency "
            "logging preference");
    }
    if (is_request(m, c)) return "ENABLED";  // ACM's default for a request without one
    return unknown(default_reason(
        m, c,
        {"transparency_logging", "options.certificate_transparency_logging_preference",
         "CertificateTransparencyLoggingPreference"}));
}

json status_of(const Model& m, const Certificate& c) {
    // A recorded status is the old object's when the deployment replaces it.
    if (creates(c.action) && c.action != Action::Create &&
        kind_of(m, c.input) == InputKind::TerraformPlan) {
        return unknown(
            "this deployment replaces the certificate: the new one's status is known "
            "only after apply");
    }
    if (!c.status.empty()) return c.status.str();
    if (const std::string* why = recorded(c, "status")) return unknown(*why);
    switch (kind_of(m, c.input)) {
        case InputKind::TerraformPlan:
            if (creates(c.action)) {
                return unknown(
                    "this deployment creates the certificate: its status is known "
                    "only after apply");
            }
            return unknown("the plan does not record the certificate's status");
        case InputKind::TerraformConfig:
            return unknown("a configuration does not record the certificate's status");
        case InputKind::CloudFormation:
        case InputKind::CdkAssembly:
            return unknown("a template does not record the certificate's status");
        case InputKind::TerraformState:
        case InputKind::AcmInventory: break;
    }
    return unknown(default_reason(m, c, {"status", "status", "Status"}));
}

json region_of(const MaybeString& region) {
    if (region.known()) return region.value->str();
    return unknown(region.why.empty() ? std::string("the region is not known before apply")
                                      : region.why.str());
}

json tags_of(const Model& m, const Certificate& c) {
    if (const std::string* why = recorded(c, "tags")) return unknown(*why);
    // ACM's DescribeCertificate does not return tags (ListTagsForCertificate does): an
    // inventory without them does not say the certificate has none.
    if (c.tags.empty() && kind_of(m, c.input) == InputKind::AcmInventory) {
        return unknown("the inventory export does not include tags");
    }
    json out = json::object();
    for (const Tag& t : c.tags) {
        out[t.key] =
            t.value ? json(*t.value) : unknown(t.why.empty() ? "not known before apply" : t.why);
    }
    return out;
}

std::string file_of(const Model& m, const Certificate& c) {
    if (c.location && !c.location->file.empty()) return c.location->file.str();
    return c.input < m.inputs.size() ? m.inputs[c.input].path : std::string();
}

// The index of `c` in m.certificates, or nullopt when it is not one of them.
std::optional<std::size_t> index_of(const Model& m, const Certificate* c) {
    if (c == nullptr || m.certificates.empty()) return std::nullopt;
    const Certificate* first = m.certificates.data();
    const Certificate* end = first + m.certificates.size();
    if (std::less<const Certificate*>{}(c, first) || !std::less<const Certificate*>{}(c, end)) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(c - first);
}

bool uses(const Consumer& k, std::size_t cert) {
    for (const Attachment& a : k.attachments) {
        for (const CertCandidate& cand : a.candidates) {
            if (cand.certificate == cert) return true;
        }
    }
    return false;
}

// Each field of the certificate but "consumers", in vocabulary order: put(name, make), where
// make() computes the value (a caller that does not want the field does not call it).
template <class Put>
void certificate_fields_each(const Model& m, const Certificate& c, Put&& put) {
    std::optional<std::optional<std::vector<std::string>>> names_once;
    const auto names = [&]() -> const std::optional<std::vector<std::string>>& {
        if (!names_once) names_once = rules::certificate_names(c);
        return *names_once;
    };
    put("address", [&] { return json(c.id); });
    put("type", [&] { return type_of(m, c); });
    put("domain_name", [&] { return domain_name_of(m, c, names()); });
    put("domains", [&] { return domains_of(m, c, names()); });
    put("validation_method", [&] { return validation_method_of(m, c); });
    put("key_algorithm", [&] { return key_algorithm_of(m, c); });
    put("region", [&] { return region_of(c.region); });
    put("partition",
        [&] { return json(c.partition.empty() ? std::string("aws") : c.partition.str()); });
    put("status", [&] { return status_of(m, c); });
    put("transparency_logging", [&] { return transparency_logging_of(m, c); });
    put("tags", [&] { return tags_of(m, c); });
    put("input_kind", [&] { return json(to_string(kind_of(m, c.input))); });
    put("file", [&] { return json(file_of(m, c)); });
    put("exported", [&] { return json(c.exported); });
}

// Each field of the consumer but "certificate", in vocabulary order (as
// certificate_fields_each); `cert` selects the attachments for "edge".
template <class Put>
void consumer_fields_each(const Consumer& k, std::optional<std::size_t> cert, Put&& put) {
    put("address", [&] { return json(k.id); });
    put("resource_type", [&] { return json(k.type.str()); });
    put("kind", [&] { return json(to_string(k.kind)); });
    put("edge", [&] {
        bool edge = false;
        for (const Attachment& a : k.attachments) {
            if (!a.edge) continue;
            if (!cert ||
                std::any_of(a.candidates.begin(), a.candidates.end(),
                            [&](const CertCandidate& cand) { return cand.certificate == cert; })) {
                edge = true;
            }
        }
        return json(edge);
    });
    put("region", [&] {
        const bool global = std::any_of(k.attachments.begin(), k.attachments.end(),
                                        [](const Attachment& a) { return a.edge; });
        return !k.region.known() && k.region.why.empty() && global
                   ? unknown(
                         "a CloudFront-backed resource is global: it has no region of its "
                         "own (its certificate must be in us-east-1)")
                   : region_of(k.region);
    });
    put("domains", [&] { return json(k.domains); });
}

// The certificate's fields without "consumers".
json certificate_fields_of(const Model& m, const Certificate& c) {
    json o = json::object();
    certificate_fields_each(m, c, [&](const char* name, auto&& make) { o[name] = make(); });
    return o;
}

// The consumer's fields without "certificate"; `cert` selects the attachments for "edge".
json consumer_fields_of(const Consumer& k, std::optional<std::size_t> cert) {
    json o = json::object();
    consumer_fields_each(k, cert, [&](const char* name, auto&& make) { o[name] = make(); });
    return o;
}

// The place of field `name` among the fields of `on` objects (fields() order).
std::size_t place_of(const std::vector<std::string>& names, std::size_t hint, const char* name) {
    if (hint < names.size() && names[hint] == name) return hint;  // they come in order
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// put() for the fields `wanted` marks: their values, by place.
template <class Sink>
auto wanted_only(const std::vector<std::string>& names, const std::vector<bool>& wanted,
                 const Sink& sink) {
    return [&names, &wanted, &sink, next = std::size_t{0}](const char* name, auto&& make) mutable {
        const std::size_t at = place_of(names, next, name);
        next = at + 1;
        if (at < wanted.size() && wanted[at]) sink(at, make());
    };
}

}  // namespace

json certificate_fields(const Model& m, const Certificate& c) {
    return certificate_fields_of(m, c);
}

json consumer_fields(const Model& m, const Consumer& k, const Certificate* c) {
    return consumer_fields_of(k, index_of(m, c));
}

const std::vector<std::string>& field_names(const std::string& on) {
    static const auto names_on = [](const std::string& of) {
        std::vector<std::string> out;
        for (const Field& f : fields()) {
            if (f.on == of) out.push_back(f.name);
        }
        return out;
    };
    static const std::vector<std::string> certificate_names = names_on("certificate");
    static const std::vector<std::string> consumer_names = names_on("consumer");
    return on == "certificate" ? certificate_names : consumer_names;
}

void certificate_fields(const Model& m, const Certificate& c, const std::vector<bool>& wanted,
                        const FieldSink& put) {
    certificate_fields_each(m, c, wanted_only(field_names("certificate"), wanted, put));
}

void consumer_fields(const Model& m, const Consumer& k, const Certificate* c,
                     const std::vector<bool>& wanted, const FieldSink& put) {
    consumer_fields_each(k, index_of(m, c), wanted_only(field_names("consumer"), wanted, put));
}

json unknown(const std::string& reason) {
    json o = json::object();
    o[kUnknownKey] = reason;
    return o;
}

bool is_unknown(const json& v) {
    if (!v.is_object() || v.size() != 1) return false;
    const auto it = v.find(kUnknownKey);
    return it != v.end() && it->is_string();
}

const std::string& unknown_reason(const json& v) {
    static const std::string none;
    if (!is_unknown(v)) return none;
    return v.find(kUnknownKey)->get_ref<const std::string&>();
}

json certificate(const Model& m, const Certificate& c) {
    json o = certificate_fields_of(m, c);
    json consumers = json::array();
    if (const auto idx = index_of(m, &c)) {
        for (const Consumer& k : m.consumers) {
            if (uses(k, *idx)) consumers.push_back(consumer_fields_of(k, idx));
        }
    }
    o["consumers"] = std::move(consumers);
    return o;
}

std::vector<std::vector<std::size_t>> consumers_by_certificate(const Model& m) {
    std::vector<std::vector<std::size_t>> users(m.certificates.size());
    for (std::size_t ki = 0; ki < m.consumers.size(); ++ki) {
        for (const Attachment& a : m.consumers[ki].attachments) {
            for (const CertCandidate& cand : a.candidates) {
                if (!cand.certificate || *cand.certificate >= users.size()) continue;
                std::vector<std::size_t>& list = users[*cand.certificate];
                if (list.empty() || list.back() != ki) list.push_back(ki);
            }
        }
    }
    return users;
}

json certificate(const Model& m, const Certificate& c,
                 const std::vector<std::vector<std::size_t>>& users) {
    json o = certificate_fields_of(m, c);
    json consumers = json::array();
    const auto idx = index_of(m, &c);
    if (idx && *idx < users.size()) {
        for (const std::size_t ki : users[*idx]) {
            consumers.push_back(consumer_fields_of(m.consumers[ki], idx));
        }
    }
    o["consumers"] = std::move(consumers);
    return o;
}

json consumer(const Model& m, const Consumer& k, const Certificate* c) {
    json o = consumer_fields_of(k, index_of(m, c));
    o["certificate"] = c == nullptr ? json(nullptr) : certificate_fields_of(m, *c);
    return o;
}

std::vector<const Certificate*> certificates_of(const Model& m, const Consumer& k) {
    std::vector<const Certificate*> out;
    for (const Attachment& a : k.attachments) {
        for (const CertCandidate& cand : a.candidates) {
            if (!cand.certificate || *cand.certificate >= m.certificates.size()) continue;
            const Certificate* c = &m.certificates[*cand.certificate];
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
        }
    }
    if (out.empty()) out.push_back(nullptr);
    return out;
}

// ---- the vocabulary -------------------------------------------------------------------------

namespace {

std::vector<std::string> consumer_kinds() {
    std::vector<std::string> out;
    for (const catalog::ConsumerEntry& e : catalog::consumers()) {
        if (std::find(out.begin(), out.end(), e.label) == out.end()) out.emplace_back(e.label);
    }
    return out;
}

std::vector<std::string> input_kinds() {
    std::vector<std::string> out;
    for (const InputKind k : all_input_kinds()) out.emplace_back(to_string(k));
    return out;
}

std::vector<Field> build_fields() {
    const std::string c = "certificate";
    const std::string k = "consumer";
    return {
        {"address",
         c,
         "string",
         "The certificate's name as findings give it: the Terraform address, the CloudFormation "
         "logical ID path (stack name first in a CDK assembly), or the ARN in an inventory.",
         {}},
        {"type",
         c,
         "string",
         "Who issues it: AMAZON_ISSUED (a public ACM certificate), PRIVATE (a private CA's), "
         "IMPORTED.",
         {"AMAZON_ISSUED", "PRIVATE", "IMPORTED"}},
        {"domain_name",
         c,
         "string",
         "The certificate's domain name (an imported certificate's first name when its body "
         "is known).",
         {}},
        {"domains",
         c,
         "list<string>",
         "Every name it covers: the domain name and the subject alternative names, each once.",
         {}},
        {"validation_method",
         c,
         "string",
         "DNS, EMAIL or HTTP; NONE for private and imported certificates. A CloudFormation "
         "certificate without ValidationMethod is EMAIL-validated.",
         {"DNS", "EMAIL", "HTTP", "NONE"}},
        {"key_algorithm",
         c,
         "string",
         "The key algorithm in ACM's spelling; RSA_2048 when a request leaves it out (ACM's "
         "default); an imported certificate's from its body.",
         {"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1",
          "EC_secp521r1"}},
        {"region",
         c,
         "string",
         "The region the certificate is in (provider configuration, ARN, stack or --region).",
         {}},
        {"partition", c, "string", "The AWS partition: aws, aws-cn, aws-us-gov, ...", {}},
        {"status",
         c,
         "string",
         "The recorded ACM status (Terraform state or prior state, inventory); unknown for a "
         "certificate the deployment creates.",
         {"PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED",
          "FAILED"}},
        {"transparency_logging",
         c,
         "string",
         "The certificate transparency logging preference; ENABLED when a request leaves it "
         "out; null for an imported certificate.",
         {"ENABLED", "DISABLED"}},
        {"tags",
         c,
         "map<string>",
         "The tags the certificate will carry (Terraform tags_all, or tags over the provider's "
         "default_tags; CloudFormation Tags); a policy addresses one as tags.KEY.",
         {}},
        {"input_kind", c, "string", "The kind of input it comes from.", input_kinds()},
        {"file",
         c,
         "string",
         "The file that declares it: its template (a nested stack's own), else the input's "
         "path.",
         {}},
        {"consumers",
         c,
         "list<consumer>",
         "The resources that may use it (each once), as consumer objects without their "
         "certificate.",
         {}},
        {"exported",
         c,
         "bool",
         "Its ARN leaves the deployment: a Terraform root output, a CloudFormation Output or "
         "Export, an SSM parameter.",
         {}},
        {"address",
         k,
         "string",
         "The consumer's name as findings give it (Terraform address, CloudFormation logical "
         "ID path, or the ARN from an inventory's InUseBy).",
         {}},
        {"resource_type",
         k,
         "string",
         "The resource type as the input names it (aws_lb_listener, "
         "AWS::ElasticLoadBalancingV2::Listener).",
         {}},
        {"kind", k, "string", "What it is, from the consumer catalog.", consumer_kinds()},
        {"edge",
         k,
         "bool",
         "It serves the certificate through CloudFront (an edge endpoint: only us-east-1 "
         "certificates). An API Gateway domain is edge when edge-optimized, not when regional "
         "or private (endpoint type PRIVATE); when its endpoint type is not known before "
         "apply, edge is false and its region unknown.",
         {}},
        {"region", k, "string", "The region the consumer is in.", {}},
        {"domains",
         k,
         "list<string>",
         "The names it serves (CloudFront aliases, a custom domain name), as far as they are "
         "known before apply.",
         {}},
        {"certificate",
         k,
         "certificate",
         "The certificate it uses (its certificate fields, without consumers); null when it "
         "uses none of the inputs' certificates. A consumer that may use several is seen once "
         "per certificate.",
         {}},
    };
}

}  // namespace

const std::vector<Field>& fields() {
    static const std::vector<Field> all = build_fields();
    return all;
}

const Field* find_field(const std::string& on, const std::string& name) {
    for (const Field& f : fields()) {
        if (f.on == on && f.name == name) return &f;
    }
    return nullptr;
}

}  // namespace certlint::view
