// Where Terraform resources are declared in their .tf files (--source-dir). A plan names a
// resource by address (module.web.aws_lb_listener.https[0]) but not where its block is; the
// source tree holds `resource "aws_lb_listener" "https" {` in the directory of module "web".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certlint/load_options.hpp"
#include "certlint/model.hpp"
#include "readers/terraform_ignores.hpp"

namespace certlint::readers {

class TerraformSources {
public:
    // `root`: the directory `terraform plan` ran in. Files are read as they are needed.
    explicit TerraformSources(std::string root);
    TerraformSources(const TerraformSources&) = delete;
    TerraformSources& operator=(const TerraformSources&) = delete;
    ~TerraformSources();

    // The file (root joined with its path in the tree) and line of the block that declares
    // the resource or data source at `address`, found by following module calls' local
    // `source` (or .terraform/modules/modules.json); else the one such block anywhere in the
    // tree. nullopt when it is not an address, not found, or declared more than once.
    [[nodiscard]] std::optional<SourceLocation> declaration(const std::string& address);

    // The certlint:ignore comments (terraform_ignores.hpp) that apply to the resource at
    // `address`: on its block, and on the module blocks that call its module. InputError for a
    // bad one in a file read.
    [[nodiscard]] std::vector<InlineIgnore> ignores(const std::string& address);

    // Reads the root and every module directory its module calls reach (local sources,
    // .terraform/modules/modules.json), as the configuration mode does, so that every
    // certlint:ignore comment in them is checked: InputError for a bad one, notes for the rest.
    void read_all_modules();

    // "file: problem" for each file that could not be read (it only loses locations).
    [[nodiscard]] const std::vector<std::string>& problems() const;
    // Notes on the certlint:ignore comments of the files read (no reason, applies to nothing).
    [[nodiscard]] const std::vector<std::string>& notes() const;

private:
    class Tree;
    std::string root_;
    std::unique_ptr<Tree> tree_;
};

// After a reader read inputs [first_input, end) into `model`: each Terraform plan or state whose
// sources are known (opts.source_dir, else the .tf files in the plan's directory, spec §6) gets
// their .tf locations and certlint:ignore suppressions. InputError for a bad suppression.
void attach_terraform_sources(Model& model, std::size_t first_input, const LoadOptions& opts);

}  // namespace certlint::readers
