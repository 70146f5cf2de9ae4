// What the format readers share: reading and decoding input bytes, and the entry points of
// the CloudFormation and CDK readers. (The reader interface is reader.hpp; Terraform's own
// are in terraform_json.hpp.)
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/glob.hpp"
#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
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

// What a directory scan treats as a Terraform configuration file (x.tf, x.tf.json), and why
// it never enters `dir` (empty: it does); load.cpp decides both for every walk of a tree.
[[nodiscard]] bool is_terraform_configuration(const std::filesystem::path& p);
[[nodiscard]] std::string always_skipped(const std::filesystem::path& dir);

// --exclude GLOB as every walk of a tree applies it (directory scans, --terraform-roots-of):
// a trailing '/' and a leading "./" of a glob are dropped, and a glob excludes a path found by
// a walk of `root` when it matches the path relative to `root`, the path as found, or its
// name. An excluded directory is not entered.
class ScanExcludes {
public:
    explicit ScanExcludes(const std::vector<std::string>& globs);
    // The glob that excludes `p`, or nullptr.
    [[nodiscard]] const base::Glob* match(const std::filesystem::path& root,
                                          const std::filesystem::path& p) const;

private:
    std::vector<base::Glob> globs_;
};

}  // namespace certlint::readers
