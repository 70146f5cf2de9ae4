// Internal interface between the loader (load.cpp) and the format readers.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "certlint/engine.hpp"
#include "certlint/model.hpp"

namespace certlint::readers {

// Bytes to UTF-8: strips a UTF-8 BOM, converts UTF-16 LE/BE with BOM, rejects invalid
// UTF-8 and other encodings (InputError naming `path`).
[[nodiscard]] std::string decode_text(const std::string& path, std::string bytes);

// True when the parsed JSON object looks like `terraform show -json` output.
[[nodiscard]] bool is_terraform_json(const nlohmann::json& doc);

// Terraform plan or state (`terraform show -json`). Adds certificates and consumers.
void read_terraform(Model& model, std::size_t input, const nlohmann::json& doc,
                    const LoadOptions& opts);

// CloudFormation / SAM template text (JSON or YAML). `path` is used for nested stacks
// (TemplateURL relative to it) and source locations. Throws InputError when the text is not
// a template. `stack_prefix` is prepended to logical ids ("Parent/" for nested stacks).
void read_cloudformation(Model& model, std::size_t input, const std::string& path,
                         const std::string& text, const LoadOptions& opts);

// True when the text looks like a CloudFormation/SAM template (used by directory scans).
[[nodiscard]] bool looks_like_cloudformation(const std::string& text);

// A CDK cloud assembly directory (contains manifest.json).
void read_cdk_assembly(Model& model, const std::string& dir, const LoadOptions& opts);

}  // namespace certlint::readers
