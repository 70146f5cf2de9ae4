// The ACM inventory reader (spec §7, kind acm-inventory): `aws acm describe-certificate`
// output ({"Certificate": {...}}), arrays of those or of bare certificate objects, JSON Lines of
// either, `aws acm list-certificates` output (CertificateSummaryList) and AWS Config
// configuration items (configurationItems of type AWS::ACM::Certificate). Streamed: one
// certificate object is held at a time.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "certlint/errors.hpp"
#include "readers/inventory.hpp"
#include "readers/reader.hpp"

namespace certlint::readers {

namespace {

using inventory::Entry;
using inventory::Origin;

constexpr std::string_view kConfigType = "AWS::ACM::Certificate";

// Top-level keys that make a JSON object an inventory document or a certificate.
bool is_inventory_key(std::string_view key) {
    return key == "Certificate" || key == "CertificateSummaryList" || key == "configurationItems" ||
           key == "CertificateArn" || key == "certificateArn";
}

// A string member of an object; empty when absent or not a string.
std::string member_text(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class Reading {
public:
    Reading(const std::string& path, std::size_t input) : path_(path), input_(input) {}

    // Every top-level value of the document (one, or one a line in JSON Lines).
    void read(JsonScanner& scanner) {
        scanner.track_lines();
        bool any = false;
        while (scanner.peek() != -1) {
            any = true;
            const int line = scanner.line();
            if (scanner.enter_array()) {
                read_list(scanner, ListOf::Items);
            } else if (scanner.enter_object()) {
                read_object(scanner, line);
            } else {
                scanner.fail("expected a certificate object or a list of them");
            }
        }
        if (!any) throw InputError(path_, "file is empty");
    }

    std::vector<Entry>& entries() { return entries_; }

private:
    enum class ListOf { Items, Summaries, ConfigurationItems };

    Origin origin(int line) const { return Origin{&path_, line}; }

    void add_certificate(const nlohmann::json& object, int line, bool summary) {
        entries_.push_back(inventory::read_certificate(object, input_, origin(line), summary));
    }

    // An element of a plain list: {"Certificate": {...}}, a configuration item or a
    // certificate.
    void add_item(const nlohmann::json& item, int line) {
        if (!item.is_object()) {
            throw InputError(path_, fmt::format("a list element is not a certificate object "
                                                "(line {})",
                                                line));
        }
        if (const auto it = item.find("Certificate"); it != item.end()) {
            add_certificate(*it, line, false);
        } else if (item.contains("resourceType") || item.contains("configurationItemStatus")) {
            add_configuration_item(item, line);
        } else {
            add_certificate(item, line, false);
        }
    }

    // An AWS Config configuration item; other resource types are skipped.
    void add_configuration_item(const nlohmann::json& item, int line) {
        if (!item.is_object()) {
            throw InputError(path_,
                             fmt::format("a configuration item is not an object (line {})", line));
        }
        if (member_text(item, "resourceType") != kConfigType) return;
        const Origin at = origin(line);
        const auto captured = inventory::timestamp(item, "configurationItemCaptureTime", at);
        const std::string status = member_text(item, "configurationItemStatus");
        nlohmann::json parsed;
        const nlohmann::json* configuration = &inventory::field(item, "configuration");
        if (configuration->is_string()) {
            // get-resource-config-history returns the configuration as a JSON string.
            try {
                parsed = nlohmann::json::parse(configuration->get<std::string>());
            } catch (const nlohmann::json::exception&) {
                throw InputError(path_, fmt::format("configuration of a configuration item is a "
                                                    "string that is not JSON (line {})",
                                                    line));
            }
            configuration = &parsed;
        }
        const bool deleted = status == "ResourceDeleted" || status == "ResourceDeletionNotRecorded";
        if (deleted || configuration->is_null()) {
            // Nothing recorded (deleted, or not recorded): the latest item decides whether the
            // certificate exists.
            std::string arn = member_text(item, "arn");
            if (arn.empty()) arn = member_text(item, "resourceId");
            if (arn.empty()) return;
            Entry e;
            e.certificate.id = std::move(arn);
            e.captured = captured;
            e.deleted = true;
            entries_.push_back(std::move(e));
            return;
        }
        Entry e = inventory::read_certificate(*configuration, input_, at, false);
        e.captured = captured;
        entries_.push_back(std::move(e));
    }

    // The elements of a list the scanner just entered.
    void read_list(JsonScanner& scanner, ListOf of) {
        bool first = true;
        while (scanner.next_element(first)) {
            scanner.peek();  // to the element, so its line is counted
            const int line = scanner.line();
            const nlohmann::json item = scanner.value();
            switch (of) {
                case ListOf::Items: add_item(item, line); break;
                case ListOf::Summaries: add_certificate(item, line, true); break;
                case ListOf::ConfigurationItems: add_configuration_item(item, line); break;
            }
        }
    }

    // A top-level object the scanner just entered: a wrapper (describe-certificate,
    // list-certificates, Config) whose lists are streamed, or a bare certificate.
    void read_object(JsonScanner& scanner, int line) {
        nlohmann::json rest = nlohmann::json::object();
        bool wrapper = false;
        bool first = true;
        std::string_view key;
        while (scanner.next_key(first, key)) {
            const std::string name(key);
            if (name == "Certificate") {
                wrapper = true;
                scanner.peek();
                const int at = scanner.line();
                add_certificate(scanner.value(), at, false);
            } else if (name == "CertificateSummaryList" || name == "configurationItems") {
                wrapper = true;
                if (scanner.enter_array()) {
                    read_list(scanner, name == "configurationItems" ? ListOf::ConfigurationItems
                                                                    : ListOf::Summaries);
                } else if (scanner.value().is_null()) {
                    // An empty account as some tools write it.
                } else {
                    throw InputError(path_, fmt::format("{} is not a list", name));
                }
            } else if (wrapper) {
                scanner.skip();  // NextToken, fileVersion, ...
            } else {
                rest[name] = scanner.value();
            }
        }
        if (!wrapper) add_certificate(rest, line, false);
    }

    const std::string& path_;
    std::size_t input_;
    std::vector<Entry> entries_;
};

class InventoryReader final : public Reader {
public:
    InputKind kind() const override { return InputKind::AcmInventory; }
    std::string_view what() const override {
        return "an ACM inventory (describe-certificate or list-certificates output, AWS Config "
               "items)";
    }

    Sniff sniff(const Peek& peek) const override {
        switch (peek.shape) {
            case Peek::Shape::Directory:
            case Peek::Shape::Text: return Sniff::No;
            case Peek::Shape::JsonArray:
                // An empty list only when named: a directory scan does not take every `[]`
                // for an empty account.
                if (peek.empty) return peek.named ? Sniff::Yes : Sniff::No;
                break;
            case Peek::Shape::JsonObject: break;
        }
        for (const std::string& key : peek.keys) {
            if (key == "format_version" || key == "Resources" ||
                key == "AWSTemplateFormatVersion") {
                return Sniff::No;
            }
            if (is_inventory_key(key)) return Sniff::Yes;
            if (peek.shape == Peek::Shape::JsonArray && key == "resourceType") return Sniff::Yes;
        }
        return peek.complete ? Sniff::No : Sniff::Maybe;
    }

    void read(Model& model, Source& source, const LoadOptions&) const override {
        const std::string& path = source.path();
        const std::size_t input = add_input(model, path, kind());
        Reading reading(path, input);
        {
            const auto scanner = source.json();
            reading.read(*scanner);
        }
        inventory::add_entries(model, input, std::move(reading.entries()));
    }
};

}  // namespace

const Reader& inventory_reader() {
    static const InventoryReader reader;
    return reader;
}

}  // namespace certlint::readers
