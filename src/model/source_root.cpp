#include "model/source_root.hpp"

#include <filesystem>
#include <system_error>

namespace certlint {

namespace fs = std::filesystem;

namespace {

// Lexically normal, without a trailing '/' (`infra/` and `infra` are one directory).
std::string normal(const fs::path& p) {
    std::string s = p.lexically_normal().generic_string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

}  // namespace

std::string find_source_root() {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (ec) return {};
    for (fs::path dir = cwd;; dir = dir.parent_path()) {
        if (fs::exists(dir / ".git", ec)) return normal(dir);
        if (dir == dir.root_path() || dir.parent_path() == dir) break;
    }
    return normal(cwd);
}

std::string root_relative(const std::string& path, const std::string& root) {
    if (path.empty() || path == "-") return path;
    const fs::path p(path);
    if (root.empty()) return normal(p);
    std::error_code ec;
    const fs::path abs = p.is_absolute() ? p : fs::absolute(p, ec);
    if (ec) return normal(p);
    const fs::path rel = fs::path(normal(abs)).lexically_relative(fs::path(root));
    if (rel.empty() || *rel.begin() == "..") return normal(abs);
    return normal(rel);
}

std::string repository_path(const std::string& path, const std::string& fallback_root) {
    if (path.empty() || path == "-") return path;
    std::error_code ec;
    const fs::path abs = fs::path(normal(fs::absolute(fs::path(path), ec)));
    if (ec) return root_relative(path, fallback_root);
    for (fs::path dir = abs.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / ".git", ec)) return normal(abs.lexically_relative(dir));
        if (dir == dir.root_path() || dir.parent_path() == dir) break;
    }
    return root_relative(path, fallback_root);
}

}  // namespace certlint
