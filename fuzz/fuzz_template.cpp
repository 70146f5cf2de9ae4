// libFuzzer target: bytes as a CloudFormation/SAM template in YAML or JSON (the loader
// picks by content), with a deploy region so region rules run too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "certlint/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        certlint::Model model;
        certlint::LoadOptions opts;
        opts.region = "eu-west-1";
        certlint::load_document(model, "fuzz.yaml",
                                std::string(reinterpret_cast<const char*>(data), size), opts);
        (void)certlint::run_rules(model, {});
    } catch (const certlint::InputError&) {
    } catch (const certlint::UsageError&) {
    }
    return 0;
}
