// Every field of a Model as JSON (see model_dump.hpp).
#include "model_dump.hpp"

namespace certlint::test {

namespace {

using json = nlohmann::json;

json maybe(const MaybeString& m) {
    return m.value ? json(*m.value) : json({{"why", m.why}});
}

json optional_string(const std::optional<std::string>& s) {
    return s ? json(*s) : json();
}

}  // namespace

json dump_model(const Model& m) {
    json out = json::object();
    out["inputs"] = json::array();
    for (const Input& i : m.inputs) out["inputs"].push_back({i.path, i.kind});
    out["certificates"] = json::array();
    for (const Certificate& c : m.certificates) {
        json names = json::array();
        for (const DomainValidation& d : c.domain_validations) {
            names.push_back({d.domain, d.has_hosted_zone, d.validation_domain});
        }
        out["certificates"].push_back({
            {"id", c.id},
            {"type", c.type},
            {"input", c.input},
            {"managed", c.managed},
            {"action", static_cast<int>(c.action)},
            {"arn", optional_string(c.arn)},
            {"region", maybe(c.region)},
            {"partition", c.partition},
            {"cert_type", static_cast<int>(c.cert_type)},
            {"validation_method", c.validation_method},
            {"names_known", c.names_known},
            {"domain_name", c.domain_name},
            {"subject_alternative_names", c.subject_alternative_names},
            {"domain_validations", names},
            {"key_algorithm", c.key_algorithm},
            {"transparency_logging", c.transparency_logging},
            {"export_option", c.export_option},
            {"status", c.status},
            {"renewal_eligibility", c.renewal_eligibility},
            {"not_after", c.not_after},
            {"certificate_body", c.certificate_body},
            {"exported", c.exported},
            {"exported_by", c.exported_by},
            {"has_validation_records", c.has_validation_records},
            {"names_without_validation_records", c.names_without_validation_records},
            {"has_waiter", c.has_waiter},
            {"validation_record_ids", c.validation_record_ids},
            {"validation_records_undecided", c.validation_records_undecided},
            {"private_validation_zones", c.private_validation_zones},
            {"removed_validation_records", c.removed_validation_records},
            {"suppressed", c.suppressed},
        });
    }
    out["consumers"] = json::array();
    for (const Consumer& c : m.consumers) {
        json attachments = json::array();
        for (const Attachment& a : c.attachments) {
            json candidates = json::array();
            for (const CertCandidate& cand : a.candidates) {
                candidates.push_back({cand.certificate ? json(*cand.certificate) : json(),
                                      optional_string(cand.arn), maybe(cand.region),
                                      cand.awaits_validation, cand.condition});
            }
            attachments.push_back({{"attribute", a.attribute},
                                   {"edge", a.edge},
                                   {"candidates", candidates},
                                   {"unresolved", a.unresolved}});
        }
        out["consumers"].push_back({{"id", c.id},
                                    {"type", c.type},
                                    {"kind", static_cast<int>(c.kind)},
                                    {"input", c.input},
                                    {"action", static_cast<int>(c.action)},
                                    {"region", maybe(c.region)},
                                    {"partition", c.partition},
                                    {"domains", c.domains},
                                    {"attachments", attachments},
                                    {"suppressed", c.suppressed}});
    }
    out["caa_records"] = json::array();
    for (const CaaRecordSet& caa : m.caa_records) {
        out["caa_records"].push_back({caa.id, caa.name, caa.values});
    }
    out["notes"] = m.notes;
    return out;
}

}  // namespace certlint::test
