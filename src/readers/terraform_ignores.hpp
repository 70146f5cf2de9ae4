// Inline suppressions in Terraform sources (spec §5): a comment
//
//     # certlint:ignore CL201 reason            (also //, and /* */ on one line)
//     # certlint:ignore CL201, unused-certificate reason
//
// on the line before a `resource`, `data` or `module` block (or in a run of such comments ending
// there), or anywhere inside the block, silences those rules for that resource; on a `module`
// block, for every resource of that module instance, to any depth. Rules are IDs or names, any
// case, custom policies included. Used by the configuration front end (tfconfig.cpp) and by
// plans whose sources are known (terraform_sources.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "certlint/model.hpp"
#include "hcl/ast.hpp"

namespace certlint::readers {

struct InlineIgnore {
    std::vector<std::string> rules;  // policy IDs
    std::string reason;              // may be empty
    std::string file;
    int line = 0;
    std::size_t begin = 0, end = 0;  // the comment's bytes in the file
};

// The certlint:ignore comments of a parsed file, each checked: InputError ("FILE:LINE",
// problem) for one that names no rule, an unknown rule, or spans several lines. `notes` gets
// one line for a comment without a reason and for one that applies to no block.
[[nodiscard]] std::vector<InlineIgnore> file_ignores(const hcl::File& file,
                                                     std::vector<std::string>& notes);

// Whether a parsed file has any comment that looks like a certlint:ignore (a cheap test).
[[nodiscard]] bool mentions_ignore(const hcl::File& file);

// The ignores of a file (file_ignores) that apply to `block`, a top-level block of it.
[[nodiscard]] std::vector<InlineIgnore> block_ignores(const std::vector<InlineIgnore>& ignores,
                                                      const hcl::Block& block);

// Adds `ignores` to what is suppressed on a certificate or consumer.
void add_ignores(std::vector<std::string>& suppressed,
                 std::vector<std::pair<std::string, std::string>>& reasons,
                 const std::vector<InlineIgnore>& ignores);

}  // namespace certlint::readers
