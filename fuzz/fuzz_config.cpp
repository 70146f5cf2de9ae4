// libFuzzer target: bytes as a .certlint.yaml configuration file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "certlint/errors.hpp"
#include "cli/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/certlint-fuzz-config-" + std::to_string(getpid()) + ".yaml";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return 0;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    try {
        certlint::cli::Settings settings;
        certlint::cli::read_config(path, settings);
    } catch (const certlint::UsageError&) {
    } catch (const certlint::InputError&) {
    }
    return 0;
}
