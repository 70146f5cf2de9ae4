// Reads paths (files, directories, stdin) and hands each document to its reader.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certlint/engine.hpp"
#include "readers/readers.hpp"

namespace certlint {

namespace fs = std::filesystem;

InputError::InputError(const std::string& path, const std::string& problem)
    : std::runtime_error(fmt::format("{}: {}", printable(path), printable(problem))) {}

namespace {

constexpr std::size_t kMaxJsonDepth = 1000;
constexpr std::uintmax_t kMaxFileBytes = 4ULL << 30;  // 4 GiB: beyond that, refuse

std::string read_file(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) throw InputError(path, "file is too large");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    std::string bytes;
    if (!ec) bytes.reserve(static_cast<std::size_t>(size));
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError(path, "read error");
    return bytes;
}

// Rejects JSON nested deeper than kMaxJsonDepth before parsing (bounded stack and memory).
void check_json_depth(const std::string& path, const std::string& text) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) {
                throw InputError(path, fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth));
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
}

bool starts_like_json(const std::string& text) {
    const auto pos = text.find_first_not_of(" \t\r\n");
    return pos != std::string::npos && (text[pos] == '{' || text[pos] == '[');
}

std::size_t add_input(Model& model, const std::string& path, const char* kind) {
    model.inputs.push_back(Input{path, kind});
    return model.inputs.size() - 1;
}

// What a document found in a directory scan is; Skip for files that are neither.
enum class Sniff { Terraform, CloudFormation, Skip };

Sniff sniff_json(const nlohmann::json& doc) {
    if (readers::is_terraform_json(doc)) return Sniff::Terraform;
    if (doc.is_object() && (doc.contains("Resources") || doc.contains("AWSTemplateFormatVersion"))) {
        return Sniff::CloudFormation;
    }
    return Sniff::Skip;
}

// Loads one decoded document. `explicit_path`: named by the user (an unknown kind is an
// error) rather than found in a directory (an unknown kind is skipped).
void load_text(Model& model, const std::string& path, const std::string& text,
               const LoadOptions& opts, bool explicit_path) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        if (!explicit_path) return;
        throw InputError(path, "file is empty");
    }
    if (starts_like_json(text)) {
        check_json_depth(path, text);
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            if (!explicit_path && !readers::looks_like_cloudformation(text) &&
                text.find("\"format_version\"") == std::string::npos) {
                return;
            }
            std::string what = e.what();
            const auto pos = what.find("] ");
            throw InputError(path, "invalid JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2)));
        }
        switch (sniff_json(doc)) {
            case Sniff::Terraform: {
                const bool state = !doc.contains("planned_values") &&
                                   !doc.contains("resource_changes") &&
                                   !doc.contains("configuration") && !doc.contains("prior_state");
                const std::size_t input =
                    add_input(model, path, state ? "terraform-state" : "terraform-plan");
                try {
                    readers::read_terraform(model, input, doc, opts);
                } catch (const nlohmann::json::exception& e) {
                    throw InputError(path, std::string("unexpected Terraform JSON structure: ") + e.what());
                }
                return;
            }
            case Sniff::CloudFormation: {
                const std::size_t input = add_input(model, path, "cloudformation");
                readers::read_cloudformation(model, input, path, text, opts);
                return;
            }
            case Sniff::Skip:
                if (!explicit_path) return;
                throw InputError(path,
                                 "not a Terraform plan or state (terraform show -json) or a "
                                 "CloudFormation template");
        }
    }
    if (!explicit_path && !readers::looks_like_cloudformation(text)) return;
    const std::size_t input = add_input(model, path, "cloudformation");
    readers::read_cloudformation(model, input, path, text, opts);
}

bool is_candidate_file(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template";
}

bool is_cdk_assembly(const fs::path& dir) {
    std::error_code ec;
    const fs::path manifest = dir / "manifest.json";
    if (!fs::is_regular_file(manifest, ec)) return false;
    return fs::exists(dir / "tree.json", ec) || dir.filename() == "cdk.out" ||
           fs::exists(dir / "cdk.out", ec);
}

void load_directory(Model& model, const fs::path& root, const LoadOptions& opts) {
    if (is_cdk_assembly(root)) {
        readers::read_cdk_assembly(model, root.string(), opts);
        return;
    }
    std::vector<fs::path> files;
    std::vector<fs::path> assemblies;
    std::error_code ec;
    // Directory symlinks are not followed, so symlink loops cannot hang the scan.
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError(root.string(), "cannot read directory: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) throw InputError(root.string(), "cannot read directory: " + ec.message());
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (it->is_directory(ec)) {
            if (name == ".git" || name == "node_modules" || name == ".terraform" ||
                it->is_symlink(ec)) {
                it.disable_recursion_pending();
            } else if (is_cdk_assembly(p)) {
                assemblies.push_back(p);
                it.disable_recursion_pending();
            }
            continue;
        }
        if (it->is_regular_file(ec) && is_candidate_file(p)) files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    std::sort(assemblies.begin(), assemblies.end());
    for (const auto& dir : assemblies) readers::read_cdk_assembly(model, dir.string(), opts);
    for (const auto& file : files) {
        const std::string path = file.string();
        load_text(model, path, readers::decode_text(path, read_file(path)), opts, false);
    }
}

}  // namespace

void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts) {
    load_text(model, path, readers::decode_text(path, std::move(bytes)), opts, true);
}

Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts) {
    Model model;
    for (const std::string& path : paths) {
        if (path == "-") {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)),
                              std::istreambuf_iterator<char>());
            load_document(model, "-", std::move(bytes), opts);
            continue;
        }
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) throw InputError(path, "no such file or directory");
        if (fs::is_directory(status)) {
            load_directory(model, fs::path(path), opts);
        } else {
            load_document(model, path, read_file(path), opts);
        }
    }
    return model;
}

}  // namespace certlint
