// --source-dir: points Terraform findings at the .tf file and line of their resource block.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "cli/commands.hpp"
#include "readers/terraform_sources.hpp"

namespace certlint::cli {

void map_sources(Report& report, const std::string& source_dir) {
    if (source_dir.empty()) return;
    std::error_code ec;
    if (!std::filesystem::is_directory(source_dir, ec)) {
        throw UsageError("--source-dir " + source_dir + ": not a directory");
    }
    readers::TerraformSources sources(source_dir);
    for (Finding& f : report.findings) {
        if (f.location) continue;
        const bool terraform =
            std::any_of(report.inputs.begin(), report.inputs.end(), [&](const Input& in) {
                return in.path == f.file && family_of(in.kind) == InputFamily::Terraform;
            });
        if (!terraform) continue;
        f.location = sources.declaration(f.resource);
    }
    for (const std::string& problem : sources.problems()) {
        report.notes.push_back("--source-dir: " + problem);
    }
}

}  // namespace certlint::cli
