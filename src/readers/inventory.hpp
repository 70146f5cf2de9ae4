// The ACM inventory reader's parts (spec §7): what one certificate object of any export shape
// becomes in the model (inventory_certificate.cpp), and the reader that finds those objects in
// describe-certificate output, arrays, JSON Lines, list-certificates output and AWS Config
// configuration items (inventory_reader.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "certlint/model.hpp"

namespace certlint::readers::inventory {

// Where a certificate object came from, for error messages and finding locations.
struct Origin {
    const std::string* path = nullptr;
    int line = 0;
};

// One certificate as read, before the model is built: the certificate and the ARNs that use
// it (InUseBy).
struct Entry {
    Certificate certificate;
    std::vector<std::string> in_use_by;
    std::optional<std::int64_t> captured;  // AWS Config configurationItemCaptureTime
    bool deleted = false;                  // AWS Config: the certificate no longer exists
};

// A field of an ACM object by its API name ("CertificateArn"), also found in AWS Config's
// camelCase ("certificateArn"). Null when absent.
[[nodiscard]] const nlohmann::json& field(const nlohmann::json& object, std::string_view name);

// A timestamp as the AWS CLI and security-data tools write it: RFC 3339 (fractions and offsets
// allowed) or seconds since the epoch (a number or a numeric string, with fractions; values
// too large to be seconds are read as milliseconds, as some exports write them). nullopt for
// null; InputError naming the field when it is something else.
[[nodiscard]] std::optional<std::int64_t> timestamp(const nlohmann::json& object,
                                                    std::string_view name, const Origin& origin);

// A CertificateDetail (describe-certificate) or CertificateSummary (list-certificates) object
// as an entry of input `input`. `summary`: it is a CertificateSummary (InUse instead of
// InUseBy, SubjectAlternativeNameSummaries). InputError when it is not a certificate object.
[[nodiscard]] Entry read_certificate(const nlohmann::json& object, std::size_t input,
                                     const Origin& origin, bool summary);

// Adds the entries to the model: certificates in order, one consumer per distinct InUseBy ARN.
// An ARN listed more than once is one certificate: the latest Config capture wins, else the
// first listed; deleted ones are dropped.
void add_entries(Model& model, std::size_t input, std::vector<Entry>&& entries);

}  // namespace certlint::readers::inventory
