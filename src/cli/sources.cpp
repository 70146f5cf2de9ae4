// --source-dir: the Terraform source tree of the plans and states checked. The loader reads it
// (readers/terraform_sources.hpp): locations and inline suppressions.
#include <filesystem>
#include <system_error>

#include "cli/commands.hpp"

namespace certlint::cli {

void check_source_dir(const std::string& source_dir) {
    if (source_dir.empty()) return;
    std::error_code ec;
    if (!std::filesystem::is_directory(source_dir, ec)) {
        throw UsageError("--source-dir " + source_dir + ": not a directory");
    }
}

}  // namespace certlint::cli
