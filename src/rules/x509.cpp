// X.509 helpers: the facts rules need from a PEM certificate (expiry, key algorithm, DNS
// names), read with OpenSSL's libcrypto.
#include <algorithm>
#include <ctime>
#include <memory>

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

std::int64_t epoch_of(const std::tm& tm) {
    return base::days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                                 static_cast<unsigned>(tm.tm_mday)) *
               86400 +
           tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

std::string openssl_error() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "not a PEM certificate";
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    return buf;
}

std::string key_algorithm_of(EVP_PKEY* key) {
    if (key == nullptr) return {};
    const int id = EVP_PKEY_base_id(key);
    if (id == EVP_PKEY_RSA) return fmt::format("RSA_{}", EVP_PKEY_bits(key));
    if (id == EVP_PKEY_EC) {
        char group[64] = {0};
        std::size_t len = 0;
        if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) == 1 && len > 0) {
            return std::string("EC_") + group;
        }
        return "EC";
    }
    return OBJ_nid2sn(id);
}

}  // namespace

std::optional<X509Facts> parse_pem_certificate(const std::string& pem, std::string& error) {
    ERR_clear_error();
    if (pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
        error = "no PEM certificate (-----BEGIN CERTIFICATE-----) in certificate_body";
        return std::nullopt;
    }
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio) {
        error = openssl_error();
        return std::nullopt;
    }
    const std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!cert) {
        error = "the PEM certificate cannot be parsed: " + openssl_error();
        return std::nullopt;
    }
    X509Facts facts;
    std::tm tm{};
    const ASN1_TIME* not_after = X509_get0_notAfter(cert.get());
    if (not_after == nullptr || ASN1_TIME_to_tm(not_after, &tm) != 1) {
        error = "the certificate's notAfter cannot be read: " + openssl_error();
        return std::nullopt;
    }
    facts.not_after = epoch_of(tm);
    facts.key_algorithm = key_algorithm_of(X509_get0_pubkey(cert.get()));

    if (X509_NAME* subject = X509_get_subject_name(cert.get())) {
        const int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
        if (idx >= 0) {
            const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx));
            if (data != nullptr) {
                facts.dns_names.emplace_back(
                    reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                    static_cast<std::size_t>(ASN1_STRING_length(data)));
            }
        }
    }
    auto* sans = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
    if (sans != nullptr) {
        for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
            const GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans, i);
            if (gn->type != GEN_DNS) continue;
            const ASN1_IA5STRING* dns = gn->d.dNSName;
            std::string name(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                             static_cast<std::size_t>(ASN1_STRING_length(dns)));
            if (std::find(facts.dns_names.begin(), facts.dns_names.end(), name) ==
                facts.dns_names.end()) {
                facts.dns_names.push_back(std::move(name));
            }
        }
        GENERAL_NAMES_free(sans);
    }
    ERR_clear_error();
    return facts;
}

std::string effective_key_algorithm(const Certificate& c) {
    if (!c.key_algorithm.empty()) return c.key_algorithm;
    if (!c.certificate_body.empty()) {
        std::string error;
        if (const auto facts = parse_pem_certificate(c.certificate_body, error)) {
            return facts->key_algorithm;
        }
        return {};
    }
    if (c.cert_type == CertType::AmazonIssued && c.managed) return "RSA_2048";
    return {};
}

std::vector<std::string> effective_key_algorithms(const Model& m) {
    std::vector<std::string> out;
    out.reserve(m.certificates.size());
    for (const Certificate& c : m.certificates) out.push_back(effective_key_algorithm(c));
    return out;
}

}  // namespace certlint::rules
