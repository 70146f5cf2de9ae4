// The policy vocabulary over the model (spec §8 "Fields" and "Values"): each certificate and
// consumer as a JSON tree of the fixed, documented fields that custom policies, `certlint
// graph` and `certlint rules --fields` share.
//
// Values are what the deploy will have: a default the service applies counts (a request that
// omits the key algorithm gets RSA_2048, one that omits the transparency logging preference
// gets ENABLED, a CloudFormation certificate without ValidationMethod is EMAIL-validated). A
// value not known before apply is the object {"$unknown": "<reason>"} (exactly that one key)
// wherever it occurs: in place of a whole field, of a list or map, or of one item or one map
// value. A field that does not apply to the object is null (a consumer without a certificate
// in the inputs; an imported certificate's transparency logging preference).
//
// A consumer may use several certificates (several attachments, several candidates of one
// attachment: a CloudFormation Fn::If, a list of listener certificates). A policy `on:
// consumer` sees it once per certificate it may use: call consumer(m, k, c) for each `c` of
// certificates_of(m, k) — every distinct certificate of the inputs among its attachments'
// candidates, in attachment and candidate order, or one nullptr when there is none (it uses
// only certificates outside the inputs, known by ARN, or none that could be resolved).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certlint/model.hpp"

namespace certlint::view {

// The certificate's fields; "consumers" holds every consumer that may use it (each once, in
// model order), as consumer objects without their "certificate".
[[nodiscard]] nlohmann::json certificate(const Model& m, const Certificate& c);

// The consumers of every certificate (indexes into m.consumers, model order, each once),
// from one pass over the consumers; and certificate() with it, in time proportional to the
// certificate's own consumers rather than to all of them (for views of many certificates).
[[nodiscard]] std::vector<std::vector<std::size_t>> consumers_by_certificate(const Model& m);
[[nodiscard]] nlohmann::json certificate(const Model& m, const Certificate& c,
                                         const std::vector<std::vector<std::size_t>>& users);

// The consumer's fields as seen through certificate `c` (one of certificates_of(m, k)):
// "edge" is true when an attachment through which it uses `c` is CloudFront-backed (with
// nullptr: when any attachment is); "certificate" is the certificate object without
// "consumers", or null when `c` is nullptr.
[[nodiscard]] nlohmann::json consumer(const Model& m, const Consumer& k, const Certificate* c);

// The same without the relation: the certificate's fields without "consumers", the
// consumer's without "certificate" (what certificate() and consumer() nest). For callers
// that relate objects themselves (the graph document; policies over many objects).
[[nodiscard]] nlohmann::json certificate_fields(const Model& m, const Certificate& c);
[[nodiscard]] nlohmann::json consumer_fields(const Model& m, const Consumer& k,
                                             const Certificate* c);

// The names of the fields of `on` objects ("certificate" or "consumer"), in fields() order:
// the places the calls below number them by.
[[nodiscard]] const std::vector<std::string>& field_names(const std::string& on);

// Some fields only, computed and handed over one by one (for callers that keep them in
// records of their own, e.g. custom policies, which need only the fields they read): the
// fields of certificate_fields / consumer_fields whose place `wanted` marks, each as
// put(place, value), in order.
using FieldSink = std::function<void(std::size_t place, nlohmann::json value)>;
void certificate_fields(const Model& m, const Certificate& c, const std::vector<bool>& wanted,
                        const FieldSink& put);
void consumer_fields(const Model& m, const Consumer& k, const Certificate* c,
                     const std::vector<bool>& wanted, const FieldSink& put);

// The certificates of the inputs a consumer may use (see above); never empty.
[[nodiscard]] std::vector<const Certificate*> certificates_of(const Model& m, const Consumer& k);

// A value unknown before apply, and why.
[[nodiscard]] bool is_unknown(const nlohmann::json& v);
[[nodiscard]] const std::string& unknown_reason(const nlohmann::json& v);  // "" when known
[[nodiscard]] nlohmann::json unknown(const std::string& reason);

// One field of the vocabulary.
struct Field {
    std::string name;                 // "domain_name", "tags" (policies address `tags.KEY`)
    std::string on;                   // certificate | consumer
    std::string type;                 // string|bool|number|list<string>|map<string>|list<consumer>|
                                      // certificate
    std::string description;          // one sentence: what it is, where it comes from, its defaults
    std::vector<std::string> values;  // the values it takes when they are a closed set
};

// The fixed vocabulary, certificate fields first, in the order of spec §8: for
// `rules --fields`, docs/fields.md and the policy validator.
[[nodiscard]] const std::vector<Field>& fields();

// The field `name` of objects `on`, or nullptr.
[[nodiscard]] const Field* find_field(const std::string& on, const std::string& name);

}  // namespace certlint::view
