// TerraformSources (terraform_sources.hpp): the .tf file and line of a resource block.
// A plan names resources by address (module.web.aws_lb_listener.https[0]); the source tree
// holds `resource "aws_lb_listener" "https" {` in the directory of module "web", which is
// found by following each module call's local `source` (or .terraform/modules/modules.json,
// which `terraform init` writes for every module, registry ones included).
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "certlint/errors.hpp"
#include "hcl/parse.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_address.hpp"
#include "readers/terraform_ignores.hpp"
#include "readers/terraform_sources.hpp"
#include "readers/tfconfig.hpp"

namespace certlint::readers {
namespace fs = std::filesystem;

// What one module directory declares. Named (not file-local): TerraformSources::Tree holds
// them, and a class's members must not have internal-linkage types (-Wsubobject-linkage, which
// g++ reports when this file is compiled as part of a unity build).
namespace sources_index {

struct Declared {
    std::string file;  // path inside the source dir
    int line = 0;
    std::vector<InlineIgnore> ignores;  // certlint:ignore comments on the block
};

struct ModuleDir {
    std::map<std::string, sources_index::Declared> resources;  // "TYPE.NAME" or "data.TYPE.NAME"
    std::map<std::string, std::string> module_sources;         // module call name -> source
    std::map<std::string, std::vector<InlineIgnore>> module_ignores;  // module call name -> ...
};

}  // namespace sources_index

namespace {

// ---- what one module directory declares ---------------------------------------------------

// A string attribute's literal value (`source = "./modules/web"`); nullopt for anything else.
std::optional<std::string> literal_string(const hcl::Attribute* attr) {
    if (attr == nullptr || !attr->expr) return std::nullopt;
    const hcl::Expr* e = attr->expr.get();
    if (const auto* j = e->as<hcl::Json>()) e = j->expr.get();
    const auto* t = e != nullptr ? e->as<hcl::Template>() : nullptr;
    if (t == nullptr) return std::nullopt;
    std::string out;
    for (const hcl::TemplatePart& part : t->parts) {
        if (part.kind != hcl::TemplatePart::Kind::Literal) return std::nullopt;
        out += part.text;
    }
    return out;
}

// The resource, data and module blocks of one .tf or .tf.json file. A syntax error is a
// problem (the file's blocks before it still count); a bad certlint:ignore comment, an
// InputError (terraform_ignores.hpp).
void scan_file(const std::string& text, const std::string& path, const std::string& rel, bool json,
               sources_index::ModuleDir& dir, std::vector<std::string>& problems,
               std::vector<std::string>& notes) {
    hcl::File file(path, text);
    if (const auto err = json ? hcl::parse_json(file) : hcl::parse_native(file)) {
        problems.push_back(err->to_string());
    }
    const std::vector<InlineIgnore> ignores = file_ignores(file, notes);
    for (const hcl::Block& b : file.body.blocks) {
        // A native block's line is its type's (`resource "t" "n" {`); a JSON block's, its
        // name's (`"n": {` under "resource" and the type).
        const int line = json && !b.label_ranges.empty() ? b.label_ranges.back().begin.line
                                                         : b.type_range.begin.line;
        if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
            const std::string key =
                (b.type == "data" ? "data." : "") + b.labels[0] + "." + b.labels[1];
            dir.resources.emplace(key,
                                  sources_index::Declared{rel, line, block_ignores(ignores, b)});
        } else if (b.type == "module" && b.labels.size() == 1) {
            if (const auto src = literal_string(b.body.attribute("source"))) {
                dir.module_sources[b.labels[0]] = *src;
            }
            if (auto on_call = block_ignores(ignores, b); !on_call.empty()) {
                dir.module_ignores[b.labels[0]] = std::move(on_call);
            }
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
    std::vector<std::string> notes;     // about certlint:ignore comments

    // The declaration of resource `key` in the module at `modules` (names of module calls).
    std::optional<sources_index::Declared> find(const std::vector<std::string>& modules,
                                                const std::string& key) {
        if (const auto dir = module_dir(modules)) {
            const sources_index::ModuleDir& m = index(*dir);
            if (const auto it = m.resources.find(key); it != m.resources.end()) return it->second;
        }
        return unique_anywhere(key);
    }

    // The certlint:ignore comments on the module blocks that call the module at `modules`, as
    // far as the calls can be followed, outermost first.
    std::vector<InlineIgnore> call_ignores(const std::vector<std::string>& modules) {
        std::vector<InlineIgnore> out;
        for (std::size_t n = 0; n < modules.size(); ++n) {
            const std::vector<std::string> parent(modules.begin(),
                                                  modules.begin() + static_cast<std::ptrdiff_t>(n));
            const auto dir = module_dir(parent);
            if (!dir) break;
            const sources_index::ModuleDir& m = index(*dir);
            if (const auto it = m.module_ignores.find(modules[n]); it != m.module_ignores.end()) {
                out.insert(out.end(), it->second.begin(), it->second.end());
            }
        }
        return out;
    }

    // Reads every module directory of the configuration, from the root through the module
    // calls that can be followed (local sources, modules.json), as the configuration mode
    // reads them: so every certlint:ignore comment in them is checked (an unknown rule is an
    // InputError) and noted, not only those in the directories of the plan's certificates and
    // consumers.
    void read_all_modules() {
        std::set<std::string> seen;
        read_modules({}, seen);
    }

private:
    void read_modules(const std::vector<std::string>& modules, std::set<std::string>& seen) {
        const auto dir = module_dir(modules);
        if (!dir || !seen.insert(dir->lexically_normal().string()).second) return;
        const sources_index::ModuleDir& m = index(*dir);
        for (const auto& [name, source] : m.module_sources) {
            std::vector<std::string> child = modules;
            child.push_back(name);
            read_modules(child, seen);
        }
    }

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
            const sources_index::ModuleDir& m = index(dir);
            const auto src = m.module_sources.find(name);
            if (src == m.module_sources.end()) return std::nullopt;
            const std::string& s = src->second;
            if (s.rfind("./", 0) != 0 && s.rfind("../", 0) != 0) return std::nullopt;
            dir = (dir / s).lexically_normal();
        }
        return dir;
    }

    const sources_index::ModuleDir& index(const fs::path& rel_dir) {
        const std::string key = rel_dir.lexically_normal().string();
        if (const auto it = dirs_.find(key); it != dirs_.end()) return it->second;
        sources_index::ModuleDir& m = dirs_[key];
        std::vector<fs::path> files;
        std::error_code ec;
        for (fs::directory_iterator it(fs::path(root_) / rel_dir, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (is_terraform_configuration(it->path()) && it->is_regular_file(ec)) {
                files.push_back(it->path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            scan_file(read(f), f.string(), (rel_dir / f.filename()).lexically_normal().string(),
                      f.filename().string().ends_with(".tf.json"), m, problems, notes);
        }
        return m;
    }

    // When the module cannot be followed: the one declaration of `key` in the whole tree.
    std::optional<sources_index::Declared> unique_anywhere(const std::string& key) {
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
        std::optional<sources_index::Declared> found;
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
    std::map<std::string, sources_index::ModuleDir> dirs_;
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

std::vector<InlineIgnore> TerraformSources::ignores(const std::string& address) {
    const auto split = split_address(address);
    if (!split) return {};
    std::vector<InlineIgnore> out = tree_->call_ignores(split->first);
    if (const auto decl = tree_->find(split->first, split->second)) {
        out.insert(out.end(), decl->ignores.begin(), decl->ignores.end());
    }
    return out;
}

void TerraformSources::read_all_modules() {
    tree_->read_all_modules();
}

const std::vector<std::string>& TerraformSources::problems() const {
    return tree_->problems;
}

const std::vector<std::string>& TerraformSources::notes() const {
    return tree_->notes;
}

void attach_terraform_sources(Model& model, std::size_t first_input, const LoadOptions& opts) {
    for (std::size_t i = first_input; i < model.inputs.size(); ++i) {
        const Input& in = model.inputs[i];
        if (in.kind != InputKind::TerraformPlan && in.kind != InputKind::TerraformState) continue;
        std::string root = opts.source_dir;
        const bool inferred = root.empty();
        if (inferred) {
            // A plan made where its sources are: `terraform show -json tfplan > plan.json`.
            if (in.path == "-") continue;
            const fs::path dir = fs::path(in.path).parent_path();
            root = dir.empty() ? "." : dir.string();
            if (!has_terraform_files(root)) continue;
        }
        const std::string path = in.path;
        TerraformSources sources(root);
        const auto attach = [&](auto& object) {
            if (object.input != i) return;
            if (!object.location) object.location = sources.declaration(object.id);
            add_ignores(object.suppressed, object.suppression_reasons, sources.ignores(object.id));
        };
        for (Certificate& c : model.certificates) attach(c);
        for (Consumer& c : model.consumers) attach(c);
        sources.read_all_modules();  // every ignore comment checked, as in configuration mode
        if (inferred) {
            model.notes.push_back(path + ": Terraform sources inferred: the .tf files beside it (" +
                                  root + "); findings point at their lines");
        }
        for (const std::string& problem : sources.problems()) {
            model.notes.push_back(
                (inferred ? path + ": Terraform sources: " : std::string("--source-dir: ")) +
                problem);
        }
        for (const std::string& note : sources.notes()) model.notes.push_back(note);
    }
}

}  // namespace certlint::readers
