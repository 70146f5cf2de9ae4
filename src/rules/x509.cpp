// Time and X.509 helpers: RFC 3339 timestamps, and the facts rules need from a PEM
// certificate (expiry, key algorithm, DNS names), read with OpenSSL's libcrypto.
#include <algorithm>
#include <cctype>
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

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

std::int64_t epoch_of(const std::tm& tm) {
    return days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
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

std::optional<std::int64_t> parse_rfc3339(std::string_view s) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) ||
        s[7] != '-' || !digits(s, 8, 2, day)) {
        return std::nullopt;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 ||
        day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) {
        return std::nullopt;
    }
    std::int64_t offset = 0;
    if (s.size() > 10) {
        if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, hour) ||
            s.size() < 19 || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' ||
            !digits(s, 17, 2, second)) {
            return std::nullopt;
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        std::size_t pos = 19;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            const std::size_t start = pos;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) != 0) ++pos;
            if (pos == start) return std::nullopt;
        }
        if (pos == s.size()) return std::nullopt;  // RFC 3339 requires a zone
        if (s[pos] == 'Z' || s[pos] == 'z') {
            ++pos;
        } else if (s[pos] == '+' || s[pos] == '-') {
            int oh = 0, om = 0;
            if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
                !digits(s, pos + 4, 2, om)) {
                return std::nullopt;
            }
            offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
            pos += 6;
        } else {
            return std::nullopt;
        }
        if (pos != s.size()) return std::nullopt;
    }
    return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
           hour * 3600 + minute * 60 + second - offset;
}

std::string format_rfc3339(std::int64_t t) {
    std::int64_t days = t / 86400;
    std::int64_t rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    // civil_from_days (Howard Hinnant).
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, rem / 3600,
                       (rem % 3600) / 60, rem % 60);
}

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
