// libFuzzer target: any bytes as a Terraform plan/state (or whatever the loader makes of
// them), then the rules. Errors must be InputError/UsageError, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "certlint/engine.hpp"
#include "certlint/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        certlint::Model model;
        certlint::load_document(model, "fuzz.json",
                                std::string(reinterpret_cast<const char*>(data), size), {});
        (void)certlint::run_rules(model, {});
    } catch (const certlint::InputError&) {
    } catch (const certlint::UsageError&) {
    }
    return 0;
}
