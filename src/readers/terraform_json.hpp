// The Terraform reader's internals: the streaming parser of `terraform show -json` output
// (terraform_json.cpp) and the reader that builds the model from what it keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"
#include "readers/json_scan.hpp"

namespace certlint::readers {

// Parses `terraform show -json` output into the parts read_terraform uses (one validating
// pass, unused values skipped unstored), from the scanner's position (the document's start)
// to its end. Returns nullopt when the document is valid JSON but not a Terraform document
// (no top-level object with format_version); throws InputError on invalid JSON anywhere,
// invalid UTF-8 or nesting deeper than 1000 levels.
[[nodiscard]] std::optional<nlohmann::json> parse_terraform_json(JsonScanner& scanner);

// parse_terraform_json over text in memory.
[[nodiscard]] std::optional<nlohmann::json> parse_terraform_json(const std::string& path,
                                                                 std::string_view text);

// parse_terraform_json streaming from `file` (from its current position, which is `offset`
// bytes into the input) in chunks of `chunk` bytes: the file is never in memory whole.
[[nodiscard]] std::optional<nlohmann::json> parse_terraform_json_file(
    const std::string& path, std::FILE* file, std::uint64_t offset = 0,
    std::size_t chunk = JsonScanner::kDefaultChunk);

// Attribute paths of resource values read_terraform reads ("*": every element of a list), so
// that parse_terraform_json can drop the rest. `values`: in before/after/values (which also
// keep any string attribute holding a certificate ARN: references may read it); `unknown`:
// in after_unknown (of which only whether `true` appears below matters). Null reads as
// missing; nested blocks are only read through these paths (a block with none of them reads
// as missing); `mode` is only compared with "data".
struct TerraformValueKeys {
    std::vector<std::vector<std::string>> values;
    std::vector<std::vector<std::string>> unknown;
};
[[nodiscard]] TerraformValueKeys terraform_value_keys();

// True when the parsed JSON object looks like `terraform show -json` output.
[[nodiscard]] bool is_terraform_json(const nlohmann::json& doc);

// Terraform plan or state (`terraform show -json`). Adds certificates and consumers.
void read_terraform(Model& model, std::size_t input, const nlohmann::json& doc,
                    const LoadOptions& opts);

}  // namespace certlint::readers
