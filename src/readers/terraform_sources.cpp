// TerraformSources (terraform_sources.hpp): the .tf file and line of a resource block.
// A plan names resources by address (module.web.aws_lb_listener.https[0]); the source tree
// holds `resource "aws_lb_listener" "https" {` in the directory of module "web", which is
// found by following each module call's local `source` (or .terraform/modules/modules.json,
// which `terraform init` writes for every module, registry ones included).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "certlint/errors.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_address.hpp"
#include "readers/terraform_sources.hpp"

namespace certlint::readers {
namespace fs = std::filesystem;

namespace {

// ---- a small HCL tokenizer: enough to find block headers and `source = "..."` -------------

struct Token {
    enum Kind { Ident, String, LBrace, RBrace, Equals, Newline, Other } kind = Other;
    std::string text;
    int line = 0;
};

class Lexer {
public:
    explicit Lexer(const std::string& s) : s_(s) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            const int line = line_;
            if (c == '\n') {
                out.push_back({Token::Newline, {}, line});
                ++line_;
                ++i_;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++i_;
            } else if (c == '#' || starts("//")) {
                while (i_ < s_.size() && s_[i_] != '\n') ++i_;
            } else if (starts("/*")) {
                i_ += 2;
                while (i_ < s_.size() && !starts("*/")) advance();
                i_ = std::min(i_ + 2, s_.size());
            } else if (c == '"') {
                out.push_back({Token::String, string_literal(), line});
            } else if (starts("<<") && heredoc()) {
                out.push_back({Token::Other, {}, line});
            } else if (c == '{' || c == '}') {
                out.push_back({c == '{' ? Token::LBrace : Token::RBrace, {}, line});
                ++i_;
            } else if (c == '=' && !starts("==") && !starts("=>")) {
                out.push_back({Token::Equals, {}, line});
                ++i_;
            } else if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') {
                const std::size_t start = i_;
                while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) != 0 ||
                                          s_[i_] == '_' || s_[i_] == '-')) {
                    ++i_;
                }
                out.push_back({Token::Ident, s_.substr(start, i_ - start), line});
            } else {
                out.push_back({Token::Other, std::string(1, c), line});
                ++i_;
            }
        }
        return out;
    }

private:
    bool starts(const char* p) const { return s_.compare(i_, std::strlen(p), p) == 0; }

    void advance() {
        if (s_[i_] == '\n') ++line_;
        ++i_;
    }

    // A quoted string starting at `"`; template interpolations are skipped, not kept.
    std::string string_literal() {
        std::string text;
        ++i_;
        while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\n') {
            if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
                text.push_back(s_[i_ + 1]);
                i_ += 2;
            } else if ((starts("$${") || starts("%%{"))) {
                text += s_.substr(i_ + 1, 2);
                i_ += 3;
            } else if (starts("${") || starts("%{")) {
                text += "${...}";
                i_ += 2;
                skip_expression();
            } else {
                text.push_back(s_[i_++]);
            }
        }
        if (i_ < s_.size() && s_[i_] == '"') ++i_;
        return text;
    }

    // The inside of ${ ... } up to its closing brace, strings and nested braces included.
    void skip_expression() {
        int depth = 0;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '"') {
                (void)string_literal();
            } else if (c == '{') {
                ++depth;
                ++i_;
            } else if (c == '}') {
                ++i_;
                if (depth-- == 0) return;
            } else {
                advance();
            }
        }
    }

    // <<EOF or <<-EOF ... EOF: skipped whole. False when `<<` does not start a heredoc.
    bool heredoc() {
        std::size_t j = i_ + 2;
        if (j < s_.size() && s_[j] == '-') ++j;
        const std::size_t start = j;
        while (j < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[j])) != 0 || s_[j] == '_')) {
            ++j;
        }
        if (j == start) return false;
        const std::string marker = s_.substr(start, j - start);
        i_ = j;
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
        while (i_ < s_.size()) {
            advance();  // the newline ending the previous line
            std::size_t end = s_.find('\n', i_);
            if (end == std::string::npos) end = s_.size();
            std::string line = s_.substr(i_, end - i_);
            const auto first = line.find_first_not_of(" \t");
            const auto last = line.find_last_not_of(" \t\r");
            line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
            i_ = end;
            if (line == marker) return true;
        }
        return true;
    }

    const std::string& s_;
    std::size_t i_ = 0;
    int line_ = 1;
};

// ---- what one module directory declares ---------------------------------------------------

struct Declared {
    std::string file;  // path inside the source dir
    int line = 0;
};

struct ModuleDir {
    std::map<std::string, Declared> resources;          // "TYPE.NAME" or "data.TYPE.NAME"
    std::map<std::string, std::string> module_sources;  // module call name -> source
};

void scan_file(const std::string& text, const std::string& rel, ModuleDir& dir) {
    const std::vector<Token> tokens = Lexer(text).run();
    int depth = 0;
    bool statement_start = true;
    std::string current_module;  // top-level module block we are in
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind == Token::Newline) {
            statement_start = true;
            continue;
        }
        if (t.kind == Token::LBrace) ++depth;
        if (t.kind == Token::RBrace && depth > 0 && --depth == 0) current_module.clear();
        if (!statement_start || t.kind != Token::Ident) {
            statement_start = t.kind == Token::LBrace || t.kind == Token::RBrace;
            continue;
        }
        statement_start = false;
        // Labels up to the block's `{` (quoted strings or bare identifiers).
        auto labels = [&](std::size_t from,
                          std::size_t n) -> std::optional<std::vector<std::string>> {
            std::vector<std::string> out;
            std::size_t k = from;
            for (; k < tokens.size() && out.size() < n; ++k) {
                if (tokens[k].kind != Token::String && tokens[k].kind != Token::Ident) return {};
                out.push_back(tokens[k].text);
            }
            if (k >= tokens.size() || tokens[k].kind != Token::LBrace) return {};
            return out;
        };
        if (depth == 0 && (t.text == "resource" || t.text == "data")) {
            if (const auto l = labels(i + 1, 2)) {
                const std::string key = (t.text == "data" ? "data." : "") + (*l)[0] + "." + (*l)[1];
                dir.resources.emplace(key, Declared{rel, t.line});
            }
        } else if (depth == 0 && t.text == "module") {
            if (const auto l = labels(i + 1, 1)) current_module = (*l)[0];
        } else if (depth == 1 && !current_module.empty() && t.text == "source" &&
                   i + 2 < tokens.size() && tokens[i + 1].kind == Token::Equals &&
                   tokens[i + 2].kind == Token::String) {
            dir.module_sources[current_module] = tokens[i + 2].text;
        }
    }
}

// ---- the source tree -----------------------------------------------------------------------

}  // namespace

class TerraformSources::Tree {
public:
    explicit Tree(std::string root) : root_(std::move(root)) {
        const fs::path manifest = fs::path(root_) / ".terraform" / "modules" / "modules.json";
        std::error_code ec;
        if (!fs::is_regular_file(manifest, ec)) return;
        const auto doc = nlohmann::json::parse(read(manifest), nullptr, false);
        if (!doc.is_object() || !doc.contains("Modules") || !doc["Modules"].is_array()) return;
        for (const auto& m : doc["Modules"]) {
            if (m.is_object() && m.value("Key", nlohmann::json()).is_string() &&
                m.value("Dir", nlohmann::json()).is_string()) {
                installed_[m["Key"].get<std::string>()] = m["Dir"].get<std::string>();
            }
        }
    }

    std::vector<std::string> problems;  // files that could not be read

    // The declaration of resource `key` in the module at `modules` (names of module calls).
    std::optional<Declared> find(const std::vector<std::string>& modules, const std::string& key) {
        if (const auto dir = module_dir(modules)) {
            const ModuleDir& m = index(*dir);
            if (const auto it = m.resources.find(key); it != m.resources.end()) return it->second;
        }
        return unique_anywhere(key);
    }

private:
    // A file's text; "" (and a problem) when it cannot be read: that loses locations only.
    std::string read(const fs::path& p) {
        try {
            return read_file(p.string());
        } catch (const InputError& e) {
            problems.push_back(e.what());
            return {};
        }
    }

    // The module's directory, relative to the root ("" = the root itself).
    std::optional<fs::path> module_dir(const std::vector<std::string>& modules) {
        fs::path dir;
        std::string key;
        for (const std::string& name : modules) {
            key += (key.empty() ? "" : ".") + name;
            if (const auto it = installed_.find(key); it != installed_.end()) {
                dir = fs::path(it->second).lexically_normal();
                continue;
            }
            const ModuleDir& m = index(dir);
            const auto src = m.module_sources.find(name);
            if (src == m.module_sources.end()) return std::nullopt;
            const std::string& s = src->second;
            if (s.rfind("./", 0) != 0 && s.rfind("../", 0) != 0) return std::nullopt;
            dir = (dir / s).lexically_normal();
        }
        return dir;
    }

    const ModuleDir& index(const fs::path& rel_dir) {
        const std::string key = rel_dir.lexically_normal().string();
        if (const auto it = dirs_.find(key); it != dirs_.end()) return it->second;
        ModuleDir& m = dirs_[key];
        std::vector<fs::path> files;
        std::error_code ec;
        for (fs::directory_iterator it(fs::path(root_) / rel_dir, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (it->path().extension() == ".tf" && it->is_regular_file(ec))
                files.push_back(it->path());
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            scan_file(read(f), (rel_dir / f.filename()).lexically_normal().string(), m);
        }
        return m;
    }

    // When the module cannot be followed: the one declaration of `key` in the whole tree.
    std::optional<Declared> unique_anywhere(const std::string& key) {
        if (!all_indexed_) {
            all_indexed_ = true;
            std::error_code ec;
            fs::recursive_directory_iterator it(root_,
                                                fs::directory_options::skip_permission_denied, ec);
            for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (it->is_directory(ec) && (it->is_symlink(ec) || name == ".git")) {
                    it.disable_recursion_pending();
                } else if (it->is_directory(ec)) {
                    (void)index(fs::relative(it->path(), root_, ec));
                }
            }
            (void)index("");
        }
        std::optional<Declared> found;
        for (const auto& [dir, m] : dirs_) {
            const auto it = m.resources.find(key);
            if (it == m.resources.end()) continue;
            if (found) return std::nullopt;  // ambiguous: better no location than a wrong one
            found = it->second;
        }
        return found;
    }

    std::string root_;
    std::map<std::string, std::string> installed_;  // modules.json: "a.b" -> dir
    std::map<std::string, ModuleDir> dirs_;
    bool all_indexed_ = false;
};

namespace {

// module.a[0].module.b["x"].aws_lb.this[0] -> ({a, b}, "aws_lb.this"); nullopt if not an address.
std::optional<std::pair<std::vector<std::string>, std::string>> split_address(
    const std::string& a) {
    const std::vector<tf::Segment> parts = tf::split_address(a);
    std::vector<std::string> modules;
    std::size_t i = 0;
    while (i + 1 < parts.size() && parts[i].name == "module") {
        modules.push_back(parts[i + 1].name);
        i += 2;
    }
    const std::size_t rest = parts.size() - i;
    if (rest == 3 && parts[i].name == "data") {
        return std::pair{modules, "data." + parts[i + 1].name + "." + parts[i + 2].name};
    }
    if (rest == 2 && !parts[i].name.empty() && !parts[i + 1].name.empty()) {
        return std::pair{modules, parts[i].name + "." + parts[i + 1].name};
    }
    return std::nullopt;
}

}  // namespace

TerraformSources::TerraformSources(std::string root)
    : root_(root), tree_(std::make_unique<Tree>(std::move(root))) {}

TerraformSources::~TerraformSources() = default;

std::optional<SourceLocation> TerraformSources::declaration(const std::string& address) {
    const auto split = split_address(address);
    if (!split) return std::nullopt;
    const auto decl = tree_->find(split->first, split->second);
    if (!decl) return std::nullopt;
    return SourceLocation{(fs::path(root_) / decl->file).lexically_normal().string(), decl->line};
}

const std::vector<std::string>& TerraformSources::problems() const {
    return tree_->problems;
}

}  // namespace certlint::readers
