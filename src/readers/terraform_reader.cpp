// Terraform plans and states (`terraform show -json`): recognised by their top-level keys
// (format_version with a plan's or a state's own members), streamed by parse_terraform_json,
// then read by read_terraform.
#include <algorithm>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "readers/reader.hpp"
#include "readers/terraform_json.hpp"

namespace certlint::readers {
namespace {

constexpr std::string_view kWhat = "a Terraform plan or state (terraform show -json)";

// Members only a plan has; a document with none of them is a state.
bool has_plan_key(const Peek& peek) {
    return peek.has("planned_values") || peek.has("resource_changes") ||
           peek.has("configuration") || peek.has("prior_state");
}

// Terraform writes format_version first, so the keys after it decide quickly.
class TerraformReader : public Reader {
public:
    explicit TerraformReader(InputKind kind) : kind_(kind) {}

    InputKind kind() const override { return kind_; }
    std::string_view what() const override { return kWhat; }

    Sniff sniff(const Peek& peek) const override {
        if (peek.shape != Peek::Shape::JsonObject) return Sniff::No;
        const bool versioned = peek.has("format_version");
        if (kind_ == InputKind::TerraformPlan) {
            if (versioned && has_plan_key(peek)) return Sniff::Yes;
            return peek.complete ? Sniff::No : Sniff::Maybe;
        }
        // A state: its own values tree, or (read whole) a version with nothing a plan has; a
        // format_version alone is an empty state, with members Terraform never writes it is
        // some other document.
        if (has_plan_key(peek)) return Sniff::No;
        if (versioned && peek.has("values")) return Sniff::Yes;
        if (!peek.complete) return Sniff::Maybe;
        const bool only_version = peek.keys.size() == 1;
        return versioned && (only_version || peek.has("terraform_version")) ? Sniff::Yes
                                                                            : Sniff::No;
    }

    void read(Model& model, Source& source, const LoadOptions& opts) const override {
        const std::string& path = source.path();
        std::optional<nlohmann::json> doc;
        {
            const auto scanner = source.json();
            doc = parse_terraform_json(*scanner);
        }
        if (!doc || !is_terraform_json(*doc)) {
            throw InputError(path, std::string("not ") + std::string(kWhat));
        }
        const std::size_t input = add_input(model, path, kind_);
        try {
            read_terraform(model, input, *doc, opts);
        } catch (const nlohmann::json::exception& e) {
            throw InputError(path, std::string("unexpected Terraform JSON structure: ") + e.what());
        }
    }

private:
    InputKind kind_;
};

}  // namespace

const Reader& terraform_plan_reader() {
    static const TerraformReader reader(InputKind::TerraformPlan);
    return reader;
}

const Reader& terraform_state_reader() {
    static const TerraformReader reader(InputKind::TerraformState);
    return reader;
}

}  // namespace certlint::readers
