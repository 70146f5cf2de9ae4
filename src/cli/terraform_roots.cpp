// --terraform-roots-of (terraform_roots.hpp).
#include "cli/terraform_roots.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "certlint/errors.hpp"
#include "readers/readers.hpp"
#include "readers/tfconfig.hpp"

namespace certlint::cli {
namespace {

namespace fs = std::filesystem;

// A path relative to the current directory, lexically normal, "." for the directory itself
// (the form readers::called_module_dirs gives).
std::string normal(fs::path p) {
    if (p.is_absolute()) {
        std::error_code ec;
        const fs::path cwd = fs::current_path(ec);
        if (!ec) p = p.lexically_relative(cwd);
    }
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s.empty() ? "." : s;
}

// Directories under the current one that directly hold a .tf or .tf.json file, walked as a
// directory scan of "." walks it: what --exclude matches is not entered.
std::set<std::string> terraform_dirs(const readers::ScanExcludes& excludes) {
    std::set<std::string> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(".", fs::directory_options::none, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::directory_entry& e = *it;
        std::error_code type_ec;
        if (excludes.match(".", e.path()) != nullptr) {
            if (e.is_directory(type_ec)) it.disable_recursion_pending();
            continue;
        }
        if (e.is_directory(type_ec)) {
            // The directories a scan never enters (load.cpp), cdk.out/asset.* included.
            if (!readers::always_skipped(e.path()).empty()) it.disable_recursion_pending();
            continue;
        }
        if (readers::is_terraform_configuration(e.path())) {
            out.insert(normal(e.path().parent_path()));
        }
    }
    return out;
}

// Whether a walk of "." would skip the file `p`: --exclude matches it or a directory on the
// way to it.
bool excluded_file(const std::string& p, const readers::ScanExcludes& excludes) {
    const std::string rel = normal(p);
    if (rel == ".." || rel.rfind("../", 0) == 0) return false;  // outside: no walk reaches it
    fs::path walked(".");
    for (const fs::path& part : fs::path(rel)) {
        walked /= part;
        if (excludes.match(".", walked) != nullptr) return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> terraform_roots_of(const std::vector<std::string>& files,
                                            const std::vector<std::string>& exclude) {
    const readers::ScanExcludes excludes(exclude);
    std::vector<std::string> dirs;  // of the files, each once
    for (const std::string& f : files) {
        const fs::path p(f);
        bool ignored = false;
        for (const fs::path& part : p) ignored = ignored || part == ".terraform";
        if (ignored || excluded_file(f, excludes)) continue;
        if (!readers::is_terraform_configuration(p)) {
            throw UsageError(
                fmt::format("--terraform-roots-of: {} is not a .tf or .tf.json file", f));
        }
        const std::string dir = normal(p.parent_path());
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
    }
    if (dirs.empty()) return {};
    const std::set<std::string> all = terraform_dirs(excludes);
    // What each directory calls, to any depth; roots are the ones nothing calls.
    std::map<std::string, std::set<std::string>> reach;
    std::set<std::string> called;
    for (const std::string& d : all) {
        reach[d] = readers::called_module_dirs({d});
        called.insert(reach[d].begin(), reach[d].end());
    }
    std::set<std::string> roots;
    for (const std::string& dir : dirs) {
        bool found = false;
        for (const auto& [root, modules] : reach) {
            if (called.count(root) != 0) continue;
            if (root == dir || modules.count(dir) != 0) {
                roots.insert(root);
                found = true;
            }
        }
        if (!found) {
            throw UsageError(fmt::format(
                "--terraform-roots-of: no root module under the current directory is or calls "
                "{} (a module reached only through a cycle, or a directory outside it)",
                dir));
        }
    }
    return {roots.begin(), roots.end()};
}

}  // namespace certlint::cli
