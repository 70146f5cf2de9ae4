// Certificates, their validation waiters and validation records (terraform_graph.hpp).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "base/dns.hpp"
#include "base/time.hpp"
#include "readers/terraform_graph.hpp"

namespace certlint::readers::tf {
namespace {

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

// Why an argument at `path` that the plan leaves unknown is not known, or nullopt when the
// configuration does not set it: a default then applies (the provider's or ACM's).
std::optional<std::string> unknown_argument(const Instance& inst,
                                            const std::vector<std::string>& path,
                                            std::string_view name) {
    if (inst.config == nullptr) return fmt::format("{} is known only after apply", name);
    const Expression& e = inst.config->body.at(path);
    if (!e.present()) return std::nullopt;
    if (e.kind == Expression::Kind::References && !e.references.empty()) {
        // Terraform lists every prefix of a traversal: the longest names it best.
        const auto longest = std::max_element(
            e.references.begin(), e.references.end(),
            [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
        return fmt::format("{} is computed from {}, known only after apply", name, *longest);
    }
    return fmt::format("{} is known only after apply", name);
}

// Records the reason for a field whose value the plan marks unknown and the configuration
// sets (nothing when it is left to its default).
void note_unknown(Certificate& c, const Instance& inst, const json& marks, Symbol field,
                  const std::vector<std::string>& path, std::string_view name) {
    if (!is_true_anywhere(marks)) return;
    if (auto why = unknown_argument(inst, path, name)) set_unknown(c, field, std::move(*why));
}

// ---- tags -----------------------------------------------------------------------------------

struct TagSet {
    std::vector<Tag> tags;
    std::string why;  // the set of keys is not known, and why
};

// A map of tags (`values`) and its after_unknown marks (true: all of it; an object: the
// keys whose values are unknown).
TagSet tag_set(const json& values, const json& marks, std::string_view what) {
    TagSet out;
    if (marks.is_boolean() && marks.get<bool>()) {
        out.why = fmt::format("{} is known only after apply", what);
        return out;
    }
    if (values.is_object()) {
        for (const auto& [key, v] : values.items()) {
            if (v.is_null()) continue;
            Tag t{key, std::nullopt, {}};
            if (v.is_string()) {
                t.value = v.get<std::string>();
            } else {
                t.value = v.dump();
            }
            out.tags.push_back(std::move(t));
        }
    }
    if (marks.is_object()) {
        for (const auto& [key, m] : marks.items()) {
            if (!is_true_anywhere(m)) continue;
            const auto same = [&key = key](const Tag& t) { return t.key == key; };
            auto it = std::find_if(out.tags.begin(), out.tags.end(), same);
            if (it == out.tags.end()) it = out.tags.insert(out.tags.end(), Tag{key, {}, {}});
            it->value.reset();
            it->why = fmt::format("the value of tag {} is known only after apply", key);
        }
    }
    return out;
}

// The provider configuration an instance uses, found as region_of finds it: its
// provider_config_key, else the module's "aws", else its parent module's. nullptr when the
// configuration has none (an implicit, empty one).
const Body* provider_body(const Configuration& config, const Instance& inst) {
    const std::string key = inst.config != nullptr ? inst.config->provider_key : "";
    std::string local = "aws";
    std::string module_cfg = inst.config_scope;
    if (!key.empty()) {
        const auto colon = key.find(':');
        if (colon == std::string::npos) {
            local = key;
            module_cfg.clear();
        } else {
            local = key.substr(colon + 1);
            if (key.rfind("module.", 0) == 0) module_cfg = key.substr(0, colon);
        }
    }
    for (int depth = 0; depth < kMaxDepth; ++depth) {
        const std::string k = module_cfg.empty() ? local : module_cfg + ":" + local;
        if (const auto it = config.providers.find(k); it != config.providers.end()) {
            return &it->second;
        }
        if (module_cfg.empty()) return nullptr;
        module_cfg = split_scope(module_cfg).parent;
    }
    return nullptr;
}

// The provider's default_tags, as far as the configuration and the plan's root variable
// values tell them.
TagSet default_tags(const Configuration& config, const Instance& inst) {
    TagSet out;
    const Body* provider = provider_body(config, inst);
    if (provider == nullptr) return out;
    const auto blocks = provider->blocks.find("default_tags");
    if (blocks == provider->blocks.end() || blocks->second.empty()) return out;
    const Expression& e = blocks->second.front().attribute("tags");
    if (e.kind == Expression::Kind::Absent) return out;
    if (e.kind == Expression::Kind::Constant) return tag_set(e.value, json(), "");
    // A plan records only what a computed map references (`{Owner = var.owner}` and
    // `var.tags` look alike), not the map.
    out.why = "the provider's default_tags are computed from values the plan does not record";
    return out;
}

// The tags the certificate will carry: tags_all when the plan knows it, else tags merged over
// the provider's default_tags (a data source's `tags` are the certificate's).
void fill_tags(Certificate& c, const Instance& inst, const Configuration& config) {
    const json& v = *inst.values;
    const json& unknown = *inst.unknown;
    const json& all = member(v, "tags_all");
    const json& all_marks = member(unknown, "tags_all");
    TagSet set;
    if (all.is_object() && !(all_marks.is_boolean() && all_marks.get<bool>())) {
        set = tag_set(all, all_marks, "tags_all");
    } else {
        TagSet own = tag_set(member(v, "tags"), member(unknown, "tags"), "tags");
        if (!own.why.empty()) {
            if (auto why = unknown_argument(inst, {"tags"}, "tags")) own.why = std::move(*why);
        }
        set = inst.data ? TagSet{} : default_tags(config, inst);
        if (!own.why.empty()) set.why = own.why;  // its own tags first
        for (Tag& t : own.tags) {
            const auto same = [&](const Tag& have) { return have.key == t.key; };
            set.tags.erase(std::remove_if(set.tags.begin(), set.tags.end(), same), set.tags.end());
            set.tags.push_back(std::move(t));
        }
    }
    if (!set.why.empty()) {
        set_unknown(c, "tags", std::move(set.why));
        return;
    }
    std::sort(set.tags.begin(), set.tags.end(),
              [](const Tag& a, const Tag& b) { return a.key < b.key; });
    c.tags = std::move(set.tags);
}

void fill_certificate_values(Certificate& c, const Instance& inst) {
    const json& v = *inst.values;
    const json& unknown = *inst.unknown;
    const std::string type = str_or(v, "type");
    if (type == "AMAZON_ISSUED") {
        c.cert_type = CertType::AmazonIssued;
    } else if (type == "IMPORTED") {
        c.cert_type = CertType::Imported;
    } else if (type == "PRIVATE") {
        c.cert_type = CertType::Private;
    } else if (!member(v, "certificate_authority_arn").is_null() ||
               is_true_anywhere(member(unknown, "certificate_authority_arn"))) {
        c.cert_type = CertType::Private;
    } else if (!member(v, "certificate_body").is_null() || !member(v, "private_key").is_null() ||
               is_true_anywhere(member(unknown, "certificate_body"))) {
        c.cert_type = CertType::Imported;
    } else if (c.managed) {
        c.cert_type = CertType::AmazonIssued;
    }
    c.validation_method = str_or(v, "validation_method");
    c.domain_name = str_or(v, "domain_name", str_or(v, "domain"));
    c.names_known = !c.domain_name.empty() && !is_true_anywhere(member(unknown, "domain_name"));
    if (inst.data) {
        // A lookup's `domain` is what it matched on (ACM's DomainName), not the certificate's
        // names: its alternative names are known only from the PEM ACM returns for an ISSUED
        // certificate (`certificate`), else not at all.
        c.names_known = false;
        c.certificate_body = str_or(v, "certificate");
    }
    for (const auto& san : member(v, "subject_alternative_names")) {
        if (san.is_string()) c.subject_alternative_names.push_back(san.get<std::string>());
    }
    if (is_true_anywhere(member(unknown, "subject_alternative_names")) &&
        c.subject_alternative_names.empty()) {
        c.names_known = false;
    }
    // The state holds what DescribeCertificate said, which may spell it RSA-2048 or
    // EC-prime256v1: the model has ACM's request spelling (RSA_2048, EC_prime256v1).
    std::string key_algorithm = str_or(v, "key_algorithm");
    std::replace(key_algorithm.begin(), key_algorithm.end(), '-', '_');
    c.key_algorithm = key_algorithm;
    for (const auto& o : member(v, "options")) {
        c.transparency_logging = str_or(o, "certificate_transparency_logging_preference");
        c.export_option = str_or(o, "export");  // AWS provider >= 6
    }
    if (!inst.data) {
        if (c.domain_name.empty()) {
            note_unknown(c, inst, member(unknown, "domain_name"), "domain_name", {"domain_name"},
                         "domain_name");
        }
        if (!c.names_known) {
            note_unknown(c, inst, member(unknown, "domain_name"), "domains", {"domain_name"},
                         "domain_name");
            note_unknown(c, inst, member(unknown, "subject_alternative_names"), "domains",
                         {"subject_alternative_names"}, "subject_alternative_names");
        }
        if (c.validation_method.empty()) {
            note_unknown(c, inst, member(unknown, "validation_method"), "validation_method",
                         {"validation_method"}, "validation_method");
        }
        if (c.key_algorithm.empty()) {
            note_unknown(c, inst, member(unknown, "key_algorithm"), "key_algorithm",
                         {"key_algorithm"}, "key_algorithm");
        }
        if (c.transparency_logging.empty()) {
            note_unknown(c, inst, member(unknown, "options"), "transparency_logging",
                         {"options", "certificate_transparency_logging_preference"},
                         "options.certificate_transparency_logging_preference");
        }
    }
    c.status = str_or(*inst.before, "status", str_or(v, "status"));
    c.renewal_eligibility = str_or(v, "renewal_eligibility");
    c.not_after = str_or(v, "not_after");
    for (const auto& r : member(v, "renewal_summary")) {  // what ACM said of its renewal
        c.renewal_status = str_or(r, "renewal_status");
        if (const std::string at = str_or(r, "updated_at"); base::parse_rfc3339(at)) {
            c.renewal_updated_at = at;
        }
        c.failure_reason = str_or(r, "renewal_status_reason");
    }
    if (!inst.data) c.certificate_body = str_or(v, "certificate_body");
}

void add_validation_record(Certificate& c, const std::string& id) {
    c.has_validation_records = true;
    if (std::find(c.validation_record_ids.begin(), c.validation_record_ids.end(), id) ==
        c.validation_record_ids.end()) {
        c.validation_record_ids.push_back(id);
    }
}

// Cheap filter before resolving: the expression references something that can lead to
// a certificate.
bool mentions_certificate_data(const Expression& expr) {
    for (const std::string& s : expr.references) {
        if (s.rfind("aws_acm_certificate.", 0) == 0 || s.rfind("module.", 0) == 0 ||
            s.rfind("var.", 0) == 0 || s.rfind("data.aws_acm_certificate.", 0) == 0) {
            return true;
        }
    }
    return false;
}

bool uses_locals(const Expression* expr) {
    return std::any_of(expr->references.begin(), expr->references.end(),
                       [](const std::string& r) { return r.rfind("local.", 0) == 0; });
}

}  // namespace

bool looks_like_dns_record_type(const std::string& type) {
    return type.find("record") != std::string::npos || type.find("dns") != std::string::npos;
}

void keep_certificate_values(TerraformValueKeys& keys) {
    // fill_certificate_values (`certificate`: a data source's PEM), link_waiters (resolver),
    // link_removed_records
    keys.values.insert(keys.values.end(),
                       {{"arn"},
                        {"type"},
                        {"certificate_authority_arn"},
                        {"certificate_body"},
                        {"private_key"},
                        {"validation_method"},
                        {"domain_name"},
                        {"domain"},
                        {"subject_alternative_names"},
                        {"key_algorithm"},
                        {"options", "certificate_transparency_logging_preference"},
                        {"options", "export"},
                        {"certificate"},
                        {"status"},
                        {"renewal_eligibility"},
                        {"not_after"},
                        {"renewal_summary", "renewal_status"},
                        {"renewal_summary", "renewal_status_reason"},
                        {"renewal_summary", "updated_at"},
                        {"domain_validation_options", "resource_record_name"},
                        {"name"},
                        {"tags"},
                        {"tags_all"}});
    keys.unknown.insert(keys.unknown.end(), {{"certificate_authority_arn"},
                                             {"certificate_body"},
                                             {"domain_name"},
                                             {"subject_alternative_names"},
                                             {"validation_method"},
                                             {"key_algorithm"},
                                             {"options"},
                                             {"tags"},
                                             {"tags_all"}});
}

void Graph::build_certificates() {
    model_.certificates.reserve(
        model_.certificates.size() +
        static_cast<std::size_t>(
            std::count_if(instances_.all().begin(), instances_.all().end(),
                          [](const Instance& i) { return i.type == "aws_acm_certificate"; })));
    for (std::size_t id = 0; id < instances_.size(); ++id) {
        const Instance& inst = instances_[id];
        if (inst.type != "aws_acm_certificate") continue;
        Certificate c;
        c.id = inst.address;
        c.type = inst.data ? "data.aws_acm_certificate" : inst.type;
        c.input = input_;
        c.managed = !inst.data;
        c.action = inst.action;
        c.change = inst.change;
        const json& v = *inst.values;
        std::string arn = str_or(v, "arn", str_or(*inst.before, "arn"));
        if (!arn.empty()) c.arn = arn;
        c.region = resolver_.region_of(inst);
        c.partition = "aws";
        if (const auto parts = parse_arn(arn)) c.partition = parts->partition;
        fill_certificate_values(c, inst);
        fill_tags(c, inst, config_);
        resolver_.add_certificate(id, model_.certificates.size(), c.arn);
        model_.certificates.push_back(std::move(c));
    }
}

void Graph::link_waiters() {
    for (std::size_t id = 0; id < instances_.size(); ++id) {
        const Instance& inst = instances_[id];
        if (inst.data || inst.type != "aws_acm_certificate_validation") continue;
        if (inst.action == Action::Delete) continue;
        Resolution r = resolver_.waiter_certificate(inst, 0);
        const auto records = waiter_records(inst);
        for (const Target& t : r.targets) {
            if (!t.cert) continue;
            resolver_.add_waiter(id, *t.cert);
            Certificate& c = model_.certificates[*t.cert];
            c.has_waiter = true;
            for (const auto& [rec, config] : records) {
                add_validation_record(c, rec);
                if (config != nullptr) record_configs_[*t.cert].emplace_back(inst.scope, config);
            }
        }
    }
}

// DNS record resources a waiter's validation_record_fqdns names: the records of its
// certificate, however their names were computed (e.g. through locals).
std::vector<std::pair<std::string, const Resource*>> Graph::waiter_records(
    const Instance& waiter) const {
    std::vector<std::pair<std::string, const Resource*>> out;
    if (waiter.config == nullptr) return out;
    const Expression& expr = waiter.config->body.attribute("validation_record_fqdns");
    for (const std::string& r : expr.references) {
        const std::vector<Segment> segs = split_address(r);
        if (segs.size() < 2 || !looks_like_dns_record_type(segs[0].name)) continue;
        const auto ids = instances_.of(false, segs[0].name, segs[1], waiter.scope);
        if (!ids.empty()) {
            out.emplace_back(join_scope(waiter.scope, segs[0].name + "." + segs[1].name),
                             instances_[ids.front()].config);
        }
    }
    return out;
}

// Any resource whose expressions use a certificate's domain_validation_options creates
// its validation records (Terraform <=0.15 references carry no attribute: a DNS record
// resource referencing the certificate counts).
void Graph::link_validation_records() {
    // A block without an instance in the plan (count = 0, an empty for_each: the DNS records
    // of terraform-aws-modules/acm with create_route53_records = false) creates nothing.
    const bool planned = !instances_.all().empty();
    for_each_config_resource([&](const Resource& r, const std::string& scope) {
        if (r.type == "aws_acm_certificate" || r.type == "aws_acm_certificate_validation" ||
            r.data) {
            return;
        }
        if (planned && instances_.of(false, r.type, Segment{r.name, ""}, scope).empty()) return;
        const bool dns_type = looks_like_dns_record_type(r.type);
        std::vector<const Expression*> exprs;
        r.body.for_each_expression([&](const Expression& e) { exprs.push_back(&e); });
        exprs.push_back(&r.for_each);
        exprs.push_back(&r.count);
        if (dns_type && std::any_of(exprs.begin(), exprs.end(), uses_locals)) {
            records_from_locals_.emplace_back(scope, r.address);
        }
        for (const Expression* e : exprs) {
            if (!mentions_certificate_data(*e)) continue;
            Resolution res = resolver_.resolve(*e, scope);
            for (const Target& t : res.targets) {
                if (!t.cert) continue;
                const bool dvo = t.attr.rfind("domain_validation_options", 0) == 0;
                if (dvo || (dns_type && t.attr.empty())) {
                    add_validation_record(model_.certificates[*t.cert],
                                          join_scope(scope, r.address));
                    record_configs_[*t.cert].emplace_back(scope, &r);
                }
            }
        }
    });
}

// DNS record resources built from locals may be any certificate's validation records:
// certificates of that module instance without known records stay undecided.
void Graph::mark_undecided_records() {
    if (records_from_locals_.empty()) return;
    std::unordered_map<std::string, std::vector<std::size_t>> certs_by_scope;
    for (const auto& [inst, cert] : resolver_.certificates()) {
        certs_by_scope[instances_[inst].scope].push_back(cert);
    }
    for (const auto& [scope, address] : records_from_locals_) {
        const auto certs = certs_by_scope.find(scope);
        if (certs == certs_by_scope.end()) continue;
        for (const std::size_t cert : certs->second) {
            Certificate& c = model_.certificates[cert];
            if (c.has_validation_records) continue;
            c.validation_records_undecided = fmt::format(
                "{} computes its records from local values, which the plan does not record",
                join_scope(scope, address));
        }
    }
}

// DNS records this plan deletes whose name is one of an existing certificate's
// validation record names: renewal needs them to stay.
void Graph::link_removed_records() {
    std::unordered_map<std::string, std::vector<std::size_t>> certs_by_record;
    for (const auto& [inst, cert] : resolver_.certificates()) {
        for (const auto& dvo : member(*instances_[inst].before, "domain_validation_options")) {
            const std::string name = base::normalize_name(str_or(dvo, "resource_record_name"));
            if (!name.empty()) certs_by_record[name].push_back(cert);
        }
    }
    if (certs_by_record.empty()) return;
    for (const Instance& inst : instances_.all()) {
        if (inst.data || inst.action != Action::Delete || !looks_like_dns_record_type(inst.type)) {
            continue;
        }
        const auto it = certs_by_record.find(base::normalize_name(str_or(*inst.before, "name")));
        if (it == certs_by_record.end()) continue;
        for (std::size_t cert : it->second) {
            model_.certificates[cert].removed_validation_records.push_back(inst.address);
        }
    }
}

}  // namespace certlint::readers::tf
