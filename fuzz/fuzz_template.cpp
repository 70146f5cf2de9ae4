// libFuzzer target: bytes as a CloudFormation/SAM template in YAML or JSON (the loader
// picks by content), with a deploy region so region rules run too. JSON is also read the
// way template files are (streamed, keeping only what template_keep_rules() lists).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "readers/cfn_stack.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    certlint::LoadOptions opts;
    opts.region = "eu-west-1";
    try {
        certlint::Model model;
        certlint::load_document(model, "fuzz.yaml", text, opts);
        (void)certlint::run_rules(model, {});
    } catch (const certlint::InputError&) {
    } catch (const certlint::UsageError&) {
    }
    try {
        certlint::readers::JsonScanner scanner("fuzz.json", std::string_view(text));
        auto doc = certlint::readers::cfn::parse_json_template(scanner);
        if (certlint::readers::is_cloudformation_document(doc.root())) {
            certlint::Model model;
            model.inputs.push_back(certlint::Input{"fuzz.json", certlint::InputKind::CloudFormation});
            certlint::readers::read_cloudformation(model, 0, "fuzz.json", std::move(doc), opts);
            (void)certlint::run_rules(model, {});
        }
    } catch (const certlint::InputError&) {
    }
    return 0;
}
