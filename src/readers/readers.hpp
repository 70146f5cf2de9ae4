// Internal interface between the loader (load.cpp) and the format readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certlint/engine.hpp"
#include "certlint/model.hpp"
#include "readers/cfn_tree.hpp"
#include "readers/json_scan.hpp"

namespace certlint::readers {

// Bytes to UTF-8: strips a UTF-8 BOM, converts UTF-16 LE/BE with BOM, rejects invalid
// UTF-8 and other encodings (InputError naming `path`).
[[nodiscard]] std::string decode_text(const std::string& path, std::string bytes);

// The bytes of a file (pipes too), refused beyond 4 GiB; InputError when it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path);

// read_file, then decode_text.
[[nodiscard]] std::string read_text_file(const std::string& path);

// True when the text's first non-whitespace character is `{` or `[`.
[[nodiscard]] bool starts_like_json(std::string_view text);

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// A regular file that is UTF-8 JSON by its start (an optional UTF-8 BOM, whitespace, then `{`
// or `[`), open and positioned after the BOM, to be streamed (JsonScanner) instead of read
// whole.
struct JsonFile {
    FilePtr file;
    std::size_t offset = 0;  // bytes before the file's position (the BOM)
};
// The file `path` as a JsonFile; nullopt when it is not one (YAML, UTF-16, a pipe, ...).
// InputError when it cannot be opened or read.
[[nodiscard]] std::optional<JsonFile> open_json_file(const std::string& path);

// Parses `terraform show -json` output into the parts read_terraform uses (one validating
// pass, unused values skipped unstored). Returns nullopt when the text is valid JSON but not a
// Terraform document (no top-level object with format_version), or a JSON object whose first
// keys are a CloudFormation template's (then not read further, and *template_start is set
// true: only then can the document be a template); throws InputError on invalid JSON
// anywhere, invalid UTF-8 or nesting deeper than 1000 levels.
[[nodiscard]] std::optional<nlohmann::json> parse_terraform_json(const std::string& path,
                                                                 std::string_view text,
                                                                 bool* template_start = nullptr);

// The same as parse_terraform_json, streaming from `file` (from its current position, which is
// `offset` bytes into the input) in chunks of `chunk` bytes: the file is never in memory whole.
[[nodiscard]] std::optional<nlohmann::json> parse_terraform_json_file(
    const std::string& path, std::FILE* file, std::uint64_t offset = 0,
    std::size_t chunk = JsonScanner::kDefaultChunk, bool* template_start = nullptr);

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

// A CloudFormation / SAM template (JSON or YAML), parsed from the file `path` (used for
// nested stacks, whose TemplateURL is relative to it, and source locations). Throws
// InputError when the document is not a template. Nested stacks' logical ids are prefixed
// with the parent's ("Parent/Child").
void read_cloudformation(Model& model, std::size_t input, const std::string& path,
                         cfn::Document doc, const LoadOptions& opts);

// True when a parsed document is a template: a mapping with Resources or
// AWSTemplateFormatVersion.
[[nodiscard]] bool is_cloudformation_document(const cfn::Node& root);

// True when the text looks like a CloudFormation/SAM template (used by directory scans).
[[nodiscard]] bool looks_like_cloudformation(const std::string& text);

// A CDK cloud assembly directory (contains manifest.json).
void read_cdk_assembly(Model& model, const std::string& dir, const LoadOptions& opts);

}  // namespace certlint::readers
