// The Terraform configuration front end (tfconfig.hpp). Loading: the root directory's `.tf` and
// `.tf.json` files, local modules to any depth, registry and git modules through
// `.terraform/modules/modules.json`. Evaluation: every module instance (count / for_each of
// module calls over known collections) and every resource instance, with variables by
// Terraform's precedence. Output: a Configuration as a plan's `configuration` block records
// it (provider keys resolved to the provider block that serves the resource, as Terraform >= 1.2
// writes them) and one Instance per resource instance with its evaluated values, then the
// graph building that plans use.
#include "readers/tfconfig.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hcl/parse.hpp"
#include "readers/reader.hpp"
#include "readers/json_util.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_address.hpp"
#include "readers/terraform_config.hpp"
#include "readers/terraform_graph.hpp"
#include "readers/terraform_ignores.hpp"
#include "readers/terraform_json.hpp"
#include "readers/tfconfig_eval.hpp"
#include "readers/tfconfig_lifecycle.hpp"

namespace certlint::readers {

namespace fs = std::filesystem;
using json = nlohmann::json;
using tf::Binding;
using tf::EvalError;
using tf::Value;

namespace {

constexpr int kMaxModuleDepth = 32;

bool is_tf_file(const fs::path& p) {
    const std::string name = p.filename().string();
    const auto ends = [&](std::string_view s) {
        return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    return ends(".tf") || ends(".tf.json");
}

std::vector<fs::path> tf_files(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && is_tf_file(it->path())) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string normal(const fs::path& p) {
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s.empty() ? "." : s;
}

bool is_local_source(const std::string& s) {
    return s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 || s == "." || s == "..";
}

// A syntax error as `FILE:LINE:COL: what is wrong` (InputError adds ": " after the path).
InputError parse_error(const hcl::ParseError& e) {
    return InputError(fmt::format("{}:{}:{}", e.file, e.pos.line, e.pos.column), e.message);
}

// A literal string expression (a module's `source`): "" when it is not one.
std::string literal_string(const hcl::Expr* e) {
    if (e == nullptr) return "";
    if (const auto* j = e->as<hcl::Json>()) return j->expr ? literal_string(j->expr.get()) : "";
    if (const auto* l = e->as<hcl::Literal>()) {
        return l->kind == hcl::Literal::Kind::String ? l->string : "";
    }
    if (const auto* t = e->as<hcl::Template>()) {
        std::string out;
        for (const hcl::TemplatePart& p : t->parts) {
            if (p.kind != hcl::TemplatePart::Kind::Literal) return "";
            out += p.text;
        }
        return out;
    }
    return "";
}

// A traversal written as an expression (`aws.west`, `aws_x.y`) or, in JSON syntax, as a
// string: its text, "" when it is neither.
std::string traversal_text(const hcl::Expr* e) {
    if (e == nullptr) return "";
    if (const auto* t = e->as<hcl::ScopeTraversal>()) return hcl::to_string(*t);
    if (const auto* j = e->as<hcl::Json>()) {
        if (!j->expr) return "";
        if (const auto* tmpl = j->expr->as<hcl::Template>()) {
            const std::string s = literal_string(j->expr.get());
            if (!s.empty() || !tmpl->parts.empty()) return s;
        }
        return traversal_text(j->expr.get());
    }
    if (const auto* tmpl = e->as<hcl::Template>()) {
        if (tmpl->parts.size() == 1 &&
            tmpl->parts[0].kind == hcl::TemplatePart::Kind::Interpolation)
            return traversal_text(tmpl->parts[0].expr.get());
    }
    return "";
}

// ---- instance values as the graph reads them ---------------------------------------------

// What is kept of an instance's values, as the plan reader keeps them of a plan's (see
// terraform_json.cpp): the attribute paths terraform_value_keys() lists (a whole attribute, or
// of a nested block's objects at any list depth only some keys; a block with none of them left
// reads as missing, and is dropped) and, in the values, any other string attribute holding a
// certificate ARN. Graph building reads nothing else, so the rest (most of a configuration's
// resources: buckets, roles, security groups) is not stored.
struct KeepRule {
    bool whole = false;
    std::set<std::string, std::less<>> keys;
};
using KeepRules = std::map<std::string, KeepRule, std::less<>>;

KeepRules keep_rules(const std::vector<std::vector<std::string>>& paths) {
    KeepRules rules;
    for (const auto& path : paths) {
        std::vector<std::string> steps;
        for (const std::string& s : path) {
            if (s != "*") steps.push_back(s);
        }
        if (steps.empty()) continue;
        KeepRule& rule = rules[steps[0]];
        if (steps.size() == 1) {
            rule.whole = true;
        } else {
            rule.keys.insert(steps[1]);
        }
    }
    return rules;
}

const KeepRules& keep_rules(bool unknown) {
    static const std::pair<KeepRules, KeepRules> rules = [] {
        const TerraformValueKeys keys = terraform_value_keys();
        return std::pair{keep_rules(keys.values), keep_rules(keys.unknown)};
    }();
    return unknown ? rules.second : rules.first;
}

json keep_block(const json& v, const std::set<std::string, std::less<>>& keys) {
    if (v.is_array()) {
        json out = json::array();
        for (const json& el : v) out.push_back(keep_block(el, keys));
        return out;
    }
    if (!v.is_object()) return v;
    json out = json::object();
    for (const auto& [k, x] : v.items()) {
        if (keys.count(k) != 0) out[k] = x;
    }
    return out;
}


bool true_anywhere(const json& j) {
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_array() || j.is_object()) {
        return std::any_of(j.begin(), j.end(), [](const json& el) { return true_anywhere(el); });
    }
    return false;
}

bool is_certificate_arn(const std::string& s) {
    return s.size() > 20 && s.compare(0, 4, "arn:") == 0 && s.find(":acm:") != std::string::npos &&
           is_acm_certificate_arn(s);
}

// An instance's values (unknown: its unknown marks) with only what the graph reads.
json kept_values(const Value& v, bool unknown) {
    if (v.type() != Value::Type::Object || (unknown && v.wholly_known())) {
        return unknown ? v.unknown_mask() : v.to_json();
    }
    const KeepRules& rules = keep_rules(unknown);
    json out = json::object();
    for (const auto& [name, field] : v.fields()) {
        if (const auto rule = rules.find(name); rule != rules.end()) {
            json x = unknown ? field.unknown_mask() : field.to_json();
            if (!rule->second.whole) x = keep_block(x, rule->second.keys);
            if (x.is_null() || (unknown && !true_anywhere(x))) continue;
            if (!rule->second.whole && !has_member(x)) continue;
            out[name] = std::move(x);
        } else if (!unknown && field.type() == Value::Type::String &&
                   is_certificate_arn(field.as_string())) {
            out[name] = field.as_string();
        }
    }
    return out;
}

// ---- loading --------------------------------------------------------------------------------

// One module directory, parsed.
struct SourceModule {
    std::string dir;
    std::deque<hcl::File> files;
    std::vector<hcl::Block> json_blocks;  // nested blocks of .tf.json bodies (kept alive)
    std::map<std::string, const hcl::Block*, std::less<>> variables;
    std::map<std::string, const hcl::Attribute*, std::less<>> locals;
    std::map<std::string, const hcl::Block*, std::less<>> outputs;
    std::map<std::string, const hcl::Block*, std::less<>> calls;
    std::vector<const hcl::Block*> resources;  // resource and data blocks
    std::vector<const hcl::Block*> providers;
    std::vector<const hcl::Block*> moved_and_imports;  // `moved` and `import` blocks
    bool released = false;  // its syntax trees are freed (Loader::release)
};

// The `.terraform/modules/modules.json` of a root: module keys ("a", "a.b") to directories.
std::map<std::string, std::string> installed_modules(const fs::path& root) {
    std::map<std::string, std::string> out;
    const fs::path manifest = root / ".terraform" / "modules" / "modules.json";
    std::error_code ec;
    if (!fs::is_regular_file(manifest, ec)) return out;
    try {
        const json doc = json::parse(read_text_file(manifest.string()));
        for (const json& m : doc.value("Modules", json::array())) {
            if (!m.is_object()) continue;
            const std::string key = m.value("Key", "");
            const std::string dir = m.value("Dir", "");
            if (!key.empty() && !dir.empty()) out[key] = normal(root / dir);
        }
    } catch (const std::exception&) {
        // An unreadable manifest: its modules are opaque.
    }
    return out;
}

class Loader {
public:
    explicit Loader(std::string root) : root_(std::move(root)) {}

    // The module in `dir`, parsed once (again after release()). InputError on a syntax error.
    const SourceModule& load(const std::string& dir) {
        const std::string key = normal(dir);
        if (const auto it = modules_.find(key); it != modules_.end()) {
            if (!it->second->released) return *it->second;
            released_.push_back(std::move(it->second));
            modules_.erase(it);
        }
        auto m = std::make_unique<SourceModule>();
        m->dir = key;
        for (const fs::path& p : tf_files(key)) parse_file(*m, p);
        const SourceModule& ref = *m;
        modules_.emplace(key, std::move(m));
        return ref;
    }

    // One more module instance reads `m`.
    void acquire(const SourceModule& m) { ++users_[&m]; }

    // A module instance is done with `m`: when it was the last, its syntax trees are freed
    // (their files and comments stay); a later load() parses the directory again.
    void release(const SourceModule& m) {
        const auto it = users_.find(&m);
        if (it == users_.end() || --it->second > 0) return;
        users_.erase(it);
        auto& sm = const_cast<SourceModule&>(m);  // NOLINT: the Loader owns it
        sm.released = true;
        sm.variables.clear();
        sm.locals.clear();
        sm.outputs.clear();
        sm.calls.clear();
        sm.resources = {};
        sm.providers = {};
        sm.moved_and_imports = {};
        sm.json_blocks = {};
        for (hcl::File& f : sm.files) {
            f.body = hcl::Body{};
            f.expr = nullptr;
            std::string().swap(f.text);  // (a move-assignment would keep the buffer)
        }
    }

private:
    void parse_file(SourceModule& m, const fs::path& p) {
        const std::string name = normal(p);
        hcl::File& file = m.files.emplace_back(name, read_text_file(name));
        const bool is_json = name.size() > 8 && name.compare(name.size() - 8, 8, ".tf.json") == 0;
        const std::optional<hcl::ParseError> err =
            is_json ? hcl::parse_json(file) : hcl::parse_native(file);
        if (err) throw parse_error(*err);
        for (const hcl::Block& b : file.body.blocks) add_block(m, b);
        collect_ignores(file);
    }

    // The certlint:ignore comments of a parsed file (terraform_ignores.hpp).
    void collect_ignores(const hcl::File& file) {
        auto ignores = file_ignores(file, ignore_notes_);
        if (!ignores.empty()) ignores_[&file] = std::move(ignores);
    }

public:
    // The certlint:ignore comments that apply to `b`, a top-level block of a parsed file.
    std::vector<InlineIgnore> ignores_on(const hcl::Block& b) const {
        const auto it = ignores_.find(b.range.file);
        return it == ignores_.end() ? std::vector<InlineIgnore>() : block_ignores(it->second, b);
    }
    bool has_ignores() const { return !ignores_.empty(); }
    const std::vector<std::string>& ignore_notes() const { return ignore_notes_; }

private:
    std::map<const hcl::File*, std::vector<InlineIgnore>> ignores_;
    std::vector<std::string> ignore_notes_;

    static void add_block(SourceModule& m, const hcl::Block& b) {
        const auto label = [&](std::size_t i) {
            return i < b.labels.size() ? b.labels[i] : std::string();
        };
        if (b.type == "variable") {
            m.variables.emplace(label(0), &b);
        } else if (b.type == "locals") {
            for (const hcl::Attribute& a : b.body.attributes) m.locals.emplace(a.name, &a);
        } else if (b.type == "output") {
            m.outputs.emplace(label(0), &b);
        } else if (b.type == "module") {
            m.calls.emplace(label(0), &b);
        } else if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
            m.resources.push_back(&b);
        } else if (b.type == "provider") {
            m.providers.push_back(&b);
        } else if (b.type == "moved" || b.type == "import") {
            m.moved_and_imports.push_back(&b);
        }
    }

    std::string root_;
    std::map<std::string, std::unique_ptr<SourceModule>> modules_;
    std::vector<std::unique_ptr<SourceModule>> released_;  // replaced after release()
    std::map<const SourceModule*, int> users_;
};

// ---- the configuration being evaluated ------------------------------------------------------

struct ResourceInstance {
    std::string key;  // "[0]", "[\"k\"]", ""
    Value each_key, each_value, count_index;
    std::optional<Value> body;  // evaluated, once asked
    bool evaluating = false;
};

struct ResourceState {
    const hcl::Block* block = nullptr;
    bool data = false;
    std::string type, name;
    bool expanded = false;
    bool expanding = false;
    enum class Mode { Single, Count, ForEach, Unknown } mode = Mode::Single;
    std::string unknown_reason;  // Mode::Unknown
    std::vector<ResourceInstance> instances;
};

struct ModuleInstance;

struct CallState {
    const hcl::Block* block = nullptr;
    bool expanded = false;
    bool expanding = false;
    enum class Mode { Single, Count, ForEach, Unknown } mode = Mode::Single;
    std::string opaque;  // why the module is not read ("" when it is)
    std::vector<std::unique_ptr<ModuleInstance>> instances;
};

struct ModuleInstance {
    const SourceModule* src = nullptr;
    std::string path;         // with keys: module.a["x"].module.b
    std::string config_path;  // without keys
    std::string rel_dir;      // path.module: relative to the root ("." for the root)
    ModuleInstance* parent = nullptr;
    const hcl::Block* call = nullptr;  // the module block that made it (nullptr: root)
    Value each_key, each_value, count_index;
    int depth = 0;
    std::map<std::string, Value, std::less<>> vars, locals, outputs;
    std::set<std::string, std::less<>> busy;  // locals/outputs/vars being evaluated (cycles)
    std::map<std::string, ResourceState, std::less<>> resources;  // by "type.name" / "data.t.n"
    std::map<std::string, CallState, std::less<>> calls;
    // Done (Frontend::retire): src is null, every output is in `outputs`, and nothing else of
    // it is evaluated again.
    bool retired = false;
};

class Frontend;

// What names mean inside a module instance (and a resource instance of it).
class InstanceScope : public tf::Scope {
public:
    InstanceScope(Frontend& fe, ModuleInstance& mi, const Value* each_key = nullptr,
                  const Value* each_value = nullptr, const Value* count_index = nullptr)
        : fe_(fe), mi_(mi), each_key_(each_key), each_value_(each_value), count_(count_index) {}

    Value lookup(const std::string& root, const std::vector<hcl::Step>& steps,
                 std::size_t& used) const override;
    tf::FunctionContext functions() const override;

private:
    Frontend& fe_;
    ModuleInstance& mi_;
    const Value* each_key_;
    const Value* each_value_;
    const Value* count_;
};

// Evaluates no names: variable defaults, tfvars, --var values.
class EmptyScope : public tf::Scope {
public:
    Value lookup(const std::string& root, const std::vector<hcl::Step>&,
                 std::size_t&) const override {
        return Value::unknown(fmt::format("{} cannot be referenced here", root));
    }
    tf::FunctionContext functions() const override { return {}; }
};

std::string attr_name(const hcl::Step& s) {
    return s.kind == hcl::Step::Kind::Attr ? s.name : std::string();
}

// The meta-arguments of resource and module blocks, which are not arguments of the resource.
bool is_meta(std::string_view name) {
    return name == "count" || name == "for_each" || name == "provider" || name == "depends_on" ||
           name == "lifecycle" || name == "provisioner" || name == "connection" ||
           name == "providers" || name == "source" || name == "version";
}

// The type constraint of a variable, as far as conversions matter: set(...), list(...),
// map(...), or "".
std::string type_kind(const hcl::Expr* e) {
    if (e == nullptr) return "";
    if (const auto* f = e->as<hcl::FunctionCall>()) return f->name;
    if (const auto* t = e->as<hcl::ScopeTraversal>()) return t->root;
    if (const auto* j = e->as<hcl::Json>()) {
        const std::string s = literal_string(j->expr.get());
        return s.substr(0, s.find('('));
    }
    return "";
}

Value convert_to_type(Value v, const std::string& kind) {
    if (!v.is_known() || v.is_null()) return v;
    try {
        if (kind == "set" && v.is_sequence()) return tf::call_function("toset", {v});
        if (kind == "list" && v.is_sequence()) return tf::call_function("tolist", {v});
        if (kind == "number" && v.type() == Value::Type::String) {
            return Value::number(tf::to_num(v));
        }
        if (kind == "string" &&
            (v.type() == Value::Type::Number || v.type() == Value::Type::Bool)) {
            return Value::string(tf::to_str(v));
        }
    } catch (const EvalError&) {
    }
    return v;
}

class Frontend {
public:
    Frontend(std::string root, const LoadOptions& opts, Model& model)
        : root_(normal(root)),
          opts_(opts),
          model_(model),
          loader_(root_),
          installed_(installed_modules(root_)) {}

    void read();

    // ---- what scopes ask --------------------------------------------------------------------

    Value variable(ModuleInstance& mi, const std::string& name) {
        if (const auto it = mi.vars.find(name); it != mi.vars.end()) return it->second;
        const std::string busy = "var." + name;
        if (!mi.busy.insert(busy).second)
            return Value::unknown("var." + name + " refers to itself");
        Value v = compute_variable(mi, name);
        mi.busy.erase(busy);
        mi.vars.emplace(name, v);
        return v;
    }

    Value local(ModuleInstance& mi, const std::string& name) {
        if (const auto it = mi.locals.find(name); it != mi.locals.end()) return it->second;
        const auto decl = mi.src->locals.find(name);
        if (decl == mi.src->locals.end()) {
            throw EvalError(fmt::format("local.{} is not declared", name));
        }
        const std::string busy = "local." + name;
        if (!mi.busy.insert(busy).second)
            return Value::unknown("local." + name + " refers to itself");
        Value v = eval(*decl->second->expr, mi);
        mi.busy.erase(busy);
        mi.locals.emplace(name, v);
        return v;
    }

    Value output(ModuleInstance& mi, const std::string& name) {
        if (const auto it = mi.outputs.find(name); it != mi.outputs.end()) return it->second;
        if (mi.retired) {
            throw EvalError(fmt::format("module {} has no output \"{}\"", mi.path, name));
        }
        const auto decl = mi.src->outputs.find(name);
        if (decl == mi.src->outputs.end()) {
            throw EvalError(fmt::format("module {} has no output \"{}\"", mi.path, name));
        }
        const std::string busy = "output." + name;
        if (!mi.busy.insert(busy).second)
            return Value::unknown("output " + name + " refers to itself");
        const hcl::Attribute* value = decl->second->body.attribute("value");
        Value v = value == nullptr ? Value() : eval(*value->expr, mi);
        mi.busy.erase(busy);
        mi.outputs.emplace(name, v);
        return v;
    }

    // A module call's value: the object of its outputs (a list or object of them with
    // count / for_each). `steps` after the call name let it evaluate only the output asked.
    Value module_value(ModuleInstance& mi, const std::string& call_name,
                       const std::vector<hcl::Step>& steps, std::size_t& used) {
        const auto it = mi.src->calls.find(call_name);
        if (it == mi.src->calls.end()) {
            throw EvalError(fmt::format("module.{} is not declared", call_name));
        }
        CallState& call = expand_call(mi, call_name);
        used = 1;
        if (!call.opaque.empty()) {
            used = steps.size();
            return Value::unknown(call.opaque);
        }
        if (call.mode == CallState::Mode::Unknown) {
            used = steps.size();
            return Value::unknown(
                fmt::format("the instances of module.{} are not known", call_name));
        }
        if (call.mode == CallState::Mode::Single) {
            ModuleInstance& child = *call.instances.front();
            if (steps.size() >= 2 && steps[1].kind == hcl::Step::Kind::Attr) {
                used = 2;
                return output(child, steps[1].name);
            }
            return whole_module(child);
        }
        if (steps.size() >= 3 && steps[1].kind == hcl::Step::Kind::Index &&
            steps[2].kind == hcl::Step::Kind::Attr) {
            const std::string key = instance_key(call.mode == CallState::Mode::Count, steps[1]);
            for (auto& child : call.instances) {
                if (child->path.size() >= key.size() &&
                    child->path.compare(child->path.size() - key.size(), key.size(), key) == 0) {
                    used = 3;
                    return output(*child, steps[2].name);
                }
            }
        }
        if (call.mode == CallState::Mode::Count) {
            Value::List items;
            for (auto& child : call.instances) items.push_back(whole_module(*child));
            return Value::list(std::move(items));
        }
        Value::Object fields;
        for (auto& child : call.instances) {
            fields.emplace(tf::to_str(child->each_key), whole_module(*child));
        }
        return Value::object(std::move(fields));
    }

    // A resource's value: the object of one instance, or the list (count) / object (for_each)
    // of them.
    Value resource_value(ModuleInstance& mi, bool data, const std::string& type,
                         const std::string& name) {
        const std::string key = (data ? "data." : "") + type + "." + name;
        const auto it = mi.resources.find(key);
        if (it == mi.resources.end()) {
            throw EvalError(fmt::format("{} is not declared in {}", key,
                                        mi.path.empty() ? "the root module" : mi.path));
        }
        ResourceState& rs = expand_resource(mi, it->second);
        switch (rs.mode) {
            case ResourceState::Mode::Unknown:
                return Value::unknown(fmt::format("the instances of {} are not known: {}",
                                                  tf::join_scope(mi.path, key), rs.unknown_reason));
            case ResourceState::Mode::Single: return instance_value(mi, rs, rs.instances.front());
            case ResourceState::Mode::Count: {
                Value::List items;
                for (ResourceInstance& ri : rs.instances)
                    items.push_back(instance_value(mi, rs, ri));
                return Value::list(std::move(items));
            }
            case ResourceState::Mode::ForEach: {
                Value::Object fields;
                for (ResourceInstance& ri : rs.instances) {
                    fields.emplace(tf::to_str(ri.each_key), instance_value(mi, rs, ri));
                }
                return Value::object(std::move(fields));
            }
        }
        return Value();
    }

    [[nodiscard]] const std::string& root() const { return root_; }

    Value eval(const hcl::Expr& e, ModuleInstance& mi, const Value* each_key = nullptr,
               const Value* each_value = nullptr, const Value* count = nullptr,
               const std::vector<Binding>& bindings = {}) {
        InstanceScope scope(*this, mi, each_key, each_value, count);
        try {
            return tf::evaluate(e, scope, bindings);
        } catch (const EvalError& err) {
            const hcl::Range& r = e.range;
            return Value::unknown(fmt::format("{}:{}: {}", r.file != nullptr ? r.file->name : "",
                                              r.begin.line, err.what()));
        }
    }

private:
    static std::string instance_key(bool count, const hcl::Step& step) {
        if (count || step.key.kind == hcl::Literal::Kind::Number) {
            return tf::format_key_number(static_cast<long long>(step.key.number));
        }
        return tf::format_key_string(step.key.string);
    }

    Value whole_module(ModuleInstance& child) {
        Value::Object fields;
        if (child.retired) return Value::object(child.outputs);
        for (const auto& [name, _] : child.src->outputs) fields.emplace(name, output(child, name));
        return Value::object(std::move(fields));
    }

    Value compute_variable(ModuleInstance& mi, const std::string& name) {
        const auto decl = mi.src->variables.find(name);
        if (decl == mi.src->variables.end()) {
            throw EvalError(fmt::format("var.{} is not declared", name));
        }
        const hcl::Attribute* type = decl->second->body.attribute("type");
        const std::string kind = type_kind(type != nullptr ? type->expr.get() : nullptr);
        if (mi.parent == nullptr) {
            if (const auto v = root_values_.find(name); v != root_values_.end()) {
                return convert_to_type(v->second, kind);
            }
        } else if (const hcl::Attribute* arg = mi.call->body.attribute(name)) {
            return convert_to_type(
                eval(*arg->expr, *mi.parent, &mi.each_key, &mi.each_value, &mi.count_index), kind);
        }
        if (const hcl::Attribute* def = decl->second->body.attribute("default")) {
            EmptyScope empty;
            try {
                return convert_to_type(tf::evaluate(*def->expr, empty), kind);
            } catch (const EvalError& e) {
                return Value::unknown(fmt::format("the default of var.{}: {}", name, e.what()));
            }
        }
        if (mi.parent == nullptr) {
            return Value::unknown(fmt::format(
                "var.{} has no value (set it with --var, --var-file or a tfvars file)", name));
        }
        return Value::unknown(fmt::format("var.{} of {} has no value", name, mi.path));
    }

    // The instances of a resource, from its count / for_each.
    ResourceState& expand_resource(ModuleInstance& mi, ResourceState& rs) {
        if (rs.expanded || rs.expanding) return rs;
        rs.expanding = true;
        expand(mi, rs.block, nullptr, rs.mode, rs.unknown_reason,
               [&](std::string key, Value k, Value v, Value c) {
                   ResourceInstance ri;
                   ri.key = std::move(key);
                   ri.each_key = std::move(k);
                   ri.each_value = std::move(v);
                   ri.count_index = std::move(c);
                   rs.instances.push_back(std::move(ri));
               });
        rs.expanding = false;
        rs.expanded = true;
        return rs;
    }

    // Calls add(key, each.key, each.value, count.index) per instance of a block with count /
    // for_each, evaluated in `mi` (for a module call, with the call's own context unset).
    template <typename Mode, typename Add>
    void expand(ModuleInstance& mi, const hcl::Block* block, const void*, Mode& mode,
                std::string& reason, Add&& add) {
        const hcl::Attribute* count = block->body.attribute("count");
        const hcl::Attribute* for_each = block->body.attribute("for_each");
        const Value none = Value::unknown("not in a resource with count or for_each");
        if (count != nullptr) {
            const Value n = eval(*count->expr, mi);
            if (!n.wholly_known()) {
                mode = Mode::Unknown;
                reason = "count is not known: " + n.unknown_reason();
                add("", none, none, n.first_unknown());
                return;
            }
            long long total = 0;
            try {
                total = n.is_null() ? 0 : tf::to_int(n, "count");
            } catch (const EvalError& e) {
                mode = Mode::Unknown;
                reason = e.what();
                add("", none, none, Value::unknown(reason));
                return;
            }
            mode = Mode::Count;
            for (long long i = 0; i < total && i < 100000; ++i) {
                add(tf::format_key_number(i), none, none, Value::number(static_cast<double>(i)));
            }
            return;
        }
        if (for_each != nullptr) {
            const Value coll = eval(*for_each->expr, mi);
            const bool keys_known =
                coll.is_known() && (coll.type() == Value::Type::Object || coll.wholly_known());
            if (!keys_known) {
                mode = Mode::Unknown;
                reason = "for_each is not known: " + coll.unknown_reason();
                const Value u = coll.first_unknown();
                add("", u, u, none);
                return;
            }
            if (coll.type() == Value::Type::Object) {
                mode = Mode::ForEach;
                for (const auto& [k, v] : coll.fields()) {
                    add(tf::format_key_string(k), Value::string(k), v, none);
                }
                return;
            }
            if (coll.type() == Value::Type::Set) {
                mode = Mode::ForEach;
                for (const Value& el : coll.items()) {
                    std::string k;
                    try {
                        k = tf::to_str(el, "a for_each element");
                    } catch (const EvalError&) {
                        continue;
                    }
                    add(tf::format_key_string(k), Value::string(k), Value::string(k), none);
                }
                return;
            }
            mode = Mode::Unknown;
            reason = fmt::format(
                "for_each is a {}; Terraform takes only a map or a set of strings (toset())",
                coll.type_name());
            const Value u = Value::unknown(reason);
            add("", u, u, none);
            return;
        }
        mode = Mode::Single;
        add("", none, none, none);
    }

    CallState& expand_call(ModuleInstance& mi, const std::string& name) {
        CallState& call = mi.calls[name];
        if (call.expanded || call.expanding) return call;
        call.expanding = true;
        call.block = mi.src->calls.at(name);
        const std::string source =
            literal_string(call.block->body.attribute("source") != nullptr
                               ? call.block->body.attribute("source")->expr.get()
                               : nullptr);
        std::string dir;
        const std::string config_path = tf::join_scope(mi.config_path, "module." + name);
        if (is_local_source(source)) {
            dir = normal(fs::path(mi.src->dir) / source);
        } else {
            // Registry and git modules: where `terraform init` put them.
            std::string key;
            for (const tf::Segment& s : tf::split_address(config_path)) {
                if (s.name == "module") continue;
                key += (key.empty() ? "" : ".") + s.name;
            }
            if (const auto it = installed_.find(key); it != installed_.end()) dir = it->second;
        }
        std::error_code ec;
        if (dir.empty() || !fs::is_directory(dir, ec)) {
            call.opaque = dir.empty() ? fmt::format(
                                            "module.{} (source \"{}\") is not read: not a local "
                                            "path, and not in .terraform/modules/modules.json "
                                            "(run terraform init)",
                                            name, source)
                                      : fmt::format("module.{}: no directory {}", name, dir);
            note(fmt::format("{}: {}", config_path, call.opaque));
        } else if (mi.depth >= kMaxModuleDepth) {
            call.opaque = fmt::format("module.{}: modules nested deeper than {} are not read", name,
                                      kMaxModuleDepth);
        }
        std::string reason;
        const SourceModule* src = call.opaque.empty() ? &loader_.load(dir) : nullptr;
        expand(mi, call.block, nullptr, call.mode, reason,
               [&](const std::string& key, Value k, Value v, Value c) {
                   auto child = std::make_unique<ModuleInstance>();
                   child->src = src;
                   child->path = tf::join_scope(mi.path, "module." + name) + key;
                   child->config_path = config_path;
                   child->parent = &mi;
                   child->call = call.block;
                   child->each_key = std::move(k);
                   child->each_value = std::move(v);
                   child->count_index = std::move(c);
                   child->depth = mi.depth + 1;
                   if (src != nullptr) {
                       loader_.acquire(*src);
                       child->rel_dir = normal(fs::path(dir).lexically_relative(root_));
                       init_resources(*child);
                   }
                   call.instances.push_back(std::move(child));
               });
        if (call.mode == CallState::Mode::Unknown) {
            note(fmt::format("{}: {}; its resources are checked once, without a key",
                             tf::join_scope(mi.path, "module." + name), reason));
        }
        call.expanding = false;
        call.expanded = true;
        return call;
    }

    void init_resources(ModuleInstance& mi) {
        for (const hcl::Block* b : mi.src->resources) {
            ResourceState rs;
            rs.block = b;
            rs.data = b->type == "data";
            rs.type = b->labels[0];
            rs.name = b->labels[1];
            mi.resources.emplace((rs.data ? "data." : "") + rs.type + "." + rs.name, std::move(rs));
        }
    }

    // The instance's arguments and nested blocks as an object whose other attributes are
    // known only after apply.
    Value instance_value(ModuleInstance& mi, ResourceState& rs, ResourceInstance& ri) {
        if (ri.body) return *ri.body;
        const std::string address =
            tf::join_scope(mi.path, (rs.data ? "data." : "") + rs.type + "." + rs.name + ri.key);
        if (ri.evaluating) return Value::unknown(address + " refers to itself");
        ri.evaluating = true;
        Value::Object fields =
            body_value(rs.block->body, mi, &ri.each_key, &ri.each_value, &ri.count_index, {});
        ri.evaluating = false;
        ri.body = Value::open_object(std::move(fields), address);
        return *ri.body;
    }

    // `only_blocks` (top level): evaluates only the nested blocks of these types; a skipped
    // type is missing from the object (an attribute of the same name too, as a block would
    // have replaced it).
    Value::Object body_value(const hcl::Body& body, ModuleInstance& mi, const Value* k,
                             const Value* v, const Value* c, const std::vector<Binding>& bindings,
                             bool top = true,
                             const std::set<std::string, std::less<>>* only_blocks = nullptr) {
        Value::Object fields;
        std::vector<std::string_view> skipped;
        const auto skip = [&](std::string_view type) {
            if (only_blocks == nullptr || only_blocks->count(type) != 0) return false;
            skipped.push_back(type);
            return true;
        };
        for (const hcl::Attribute& a : body.attributes) {
            if (top && is_meta(a.name)) continue;
            if (body.json && json_is_block(a)) {
                if (skip(a.name)) continue;
                const hcl::JsonBlocks blocks = hcl::json_blocks(a);
                Value::List list;
                for (const hcl::Block& b : blocks.blocks) {
                    list.push_back(Value::object(body_value(b.body, mi, k, v, c, bindings, false)));
                }
                fields.insert_or_assign(a.name, Value::list(std::move(list)));
                continue;
            }
            fields.insert_or_assign(a.name, eval(*a.expr, mi, k, v, c, bindings));
        }
        std::map<std::string, Value::List> blocks;
        for (const hcl::Block& b : body.blocks) {
            if (top && is_meta(b.type)) continue;
            if (b.type == "dynamic" && !b.labels.empty()) {
                if (skip(b.labels[0])) continue;
                dynamic_block(b, mi, k, v, c, bindings, blocks[b.labels[0]]);
                continue;
            }
            if (skip(b.type)) continue;
            blocks[b.type].push_back(
                Value::object(body_value(b.body, mi, k, v, c, bindings, false)));
        }
        for (auto& [type, list] : blocks)
            fields.insert_or_assign(type, Value::list(std::move(list)));
        for (std::string_view type : skipped) {
            if (const auto it = fields.find(type); it != fields.end()) fields.erase(it);
        }
        return fields;
    }

    // An instance's value for add_instances: its cached value when something referenced it,
    // else its arguments with only the nested blocks graph building reads (kept_values drops
    // the others; most of a large configuration's bulk is nested blocks of security groups,
    // buckets and distributions that nothing reads). Not cached: a reference evaluates all.
    Value value_to_keep(ModuleInstance& mi, ResourceState& rs, ResourceInstance& ri) {
        if (ri.body) return *ri.body;
        static const std::set<std::string, std::less<>> kept = [] {
            std::set<std::string, std::less<>> out;
            for (const bool unknown : {false, true}) {
                for (const auto& [name, _] : keep_rules(unknown)) out.insert(name);
            }
            return out;
        }();
        const std::string address =
            tf::join_scope(mi.path, (rs.data ? "data." : "") + rs.type + "." + rs.name + ri.key);
        ri.evaluating = true;
        Value::Object fields = body_value(rs.block->body, mi, &ri.each_key, &ri.each_value,
                                          &ri.count_index, {}, true, &kept);
        ri.evaluating = false;
        return Value::open_object(std::move(fields), address);
    }

    // `dynamic "x" { for_each = ...; iterator = it; content { ... } }`: one block per element;
    // unknown when the collection is.
    void dynamic_block(const hcl::Block& b, ModuleInstance& mi, const Value* k, const Value* v,
                       const Value* c, const std::vector<Binding>& bindings, Value::List& out) {
        const hcl::Attribute* for_each = b.body.attribute("for_each");
        const hcl::Attribute* iterator = b.body.attribute("iterator");
        const std::string it_name =
            iterator != nullptr ? traversal_text(iterator->expr.get()) : b.labels[0];
        const hcl::Block* content = nullptr;
        for (const hcl::Block& inner : b.body.blocks) {
            if (inner.type == "content") content = &inner;
        }
        if (for_each == nullptr || content == nullptr) return;
        const Value coll = eval(*for_each->expr, mi, k, v, c, bindings);
        if (!coll.is_known() || (coll.type() == Value::Type::Set && !coll.wholly_known())) {
            out.push_back(coll.first_unknown());
            return;
        }
        const auto one = [&](const Value& key, const Value& value) {
            std::vector<Binding> inner = bindings;
            inner.push_back({it_name, Value::object({{"key", key}, {"value", value}})});
            out.push_back(Value::object(body_value(content->body, mi, k, v, c, inner, false)));
        };
        if (coll.type() == Value::Type::Object) {
            for (const auto& [key, value] : coll.fields()) one(Value::string(key), value);
        } else if (coll.type() == Value::Type::List) {
            for (std::size_t i = 0; i < coll.items().size(); ++i) {
                one(Value::number(static_cast<double>(i)), coll.items()[i]);
            }
        } else if (coll.type() == Value::Type::Set) {
            for (const Value& el : coll.items()) one(el, el);
        }
    }

    // JSON syntax: a property whose value is an object, or an array of objects, is taken as
    // nested blocks (the schema would say; maps of strings such as tags stay attributes).
    static bool json_is_block(const hcl::Attribute& a) {
        if (a.name == "tags" || a.name == "tags_all" || a.name == "triggers" ||
            a.name == "variables" || a.name == "environment") {
            return false;
        }
        const auto* j = a.expr->as<hcl::Json>();
        if (j == nullptr || !j->value) return false;
        const hcl::JsonValue& jv = *j->value;
        if (jv.kind == hcl::JsonValue::Kind::Object) return true;
        return jv.kind == hcl::JsonValue::Kind::Array && !jv.array.empty() &&
               std::all_of(jv.array.begin(), jv.array.end(), [](const hcl::JsonValue& el) {
                   return el.kind == hcl::JsonValue::Kind::Object;
               });
    }

    // ---- the Configuration ------------------------------------------------------------------

    tf::Expression expression(const hcl::Expr& e, const SourceModule& src) {
        tf::Expression out;
        std::vector<std::string> refs = hcl::references(e);
        if (!refs.empty()) {
            out.kind = tf::Expression::Kind::References;
            out.references = std::move(refs);
            return out;
        }
        EmptyFileScope scope(src.dir, root_);
        Value v;
        try {
            v = tf::evaluate(e, scope);
        } catch (const EvalError&) {
            v = Value::unknown("error");
        }
        if (v.wholly_known()) {
            out.kind = tf::Expression::Kind::Constant;
            out.value = v.to_json();
        } else {
            out.kind = tf::Expression::Kind::Unrecorded;
        }
        return out;
    }

    // Constants may read files of their module (file("cert.pem")).
    class EmptyFileScope : public EmptyScope {
    public:
        EmptyFileScope(std::string dir, std::string root)
            : dir_(std::move(dir)), root_(std::move(root)) {}
        tf::FunctionContext functions() const override { return {root_, dir_}; }

    private:
        std::string dir_, root_;
    };

    // How much of a body the Configuration records. Graph building reads a resource's
    // arguments at the paths terraform_value_keys() lists, and of all its other arguments only
    // their references (to find what leads to certificates): in a resource's nested blocks of
    // other types (a security group's ingress rules, a distribution's cache behaviours), only
    // arguments with references are recorded.
    enum class Detail { All, Resource, ReferencesOnly };

    tf::Body body(const hcl::Body& b, const SourceModule& src, bool top = true,
                  Detail detail = Detail::All) {
        static const std::set<std::string, std::less<>> kept = [] {
            std::set<std::string, std::less<>> out;
            for (const bool unknown : {false, true}) {
                for (const auto& [name, _] : keep_rules(unknown)) out.insert(name);
            }
            return out;
        }();
        // The detail of a nested block of type `type`.
        const auto inner_detail = [&](std::string_view type) {
            if (detail == Detail::Resource) {
                return kept.count(type) != 0 ? Detail::All : Detail::ReferencesOnly;
            }
            return detail;
        };
        tf::Body out;
        for (const hcl::Attribute& a : b.attributes) {
            if (top && is_meta(a.name)) continue;
            if (b.json && json_is_block(a)) {
                const hcl::JsonBlocks blocks = hcl::json_blocks(a);
                std::vector<tf::Body>& list = out.blocks[a.name];
                for (const hcl::Block& inner : blocks.blocks)
                    list.push_back(body(inner.body, src, false, inner_detail(a.name)));
                continue;
            }
            if (detail == Detail::ReferencesOnly) {
                std::vector<std::string> refs = hcl::references(*a.expr);
                if (refs.empty()) continue;
                tf::Expression e;
                e.kind = tf::Expression::Kind::References;
                e.references = std::move(refs);
                out.attributes.emplace(a.name, std::move(e));
                continue;
            }
            out.attributes.emplace(a.name, expression(*a.expr, src));
        }
        for (const hcl::Block& inner : b.blocks) {
            if (top && is_meta(inner.type)) continue;
            if (inner.type == "dynamic" && !inner.labels.empty()) {
                for (const hcl::Block& content : inner.body.blocks) {
                    if (content.type == "content") {
                        out.blocks[inner.labels[0]].push_back(
                            body(content.body, src, false, inner_detail(inner.labels[0])));
                    }
                }
                continue;
            }
            out.blocks[inner.type].push_back(
                body(inner.body, src, false, inner_detail(inner.type)));
        }
        return out;
    }

    std::vector<std::string> depends_on(const hcl::Body& b) {
        std::vector<std::string> out;
        const hcl::Attribute* a = b.attribute("depends_on");
        if (a == nullptr) return out;
        const hcl::Expr* e = a->expr.get();
        if (const auto* j = e->as<hcl::Json>()) e = j->expr.get();
        if (e == nullptr) return out;
        if (const auto* t = e->as<hcl::Tuple>()) {
            for (const hcl::ExprPtr& item : t->items) {
                std::string s = traversal_text(item.get());
                if (s.empty()) {
                    const std::vector<std::string> refs = hcl::references(*item);
                    if (!refs.empty()) s = refs.front();
                }
                if (!s.empty()) out.push_back(std::move(s));
            }
        }
        return out;
    }

    tf::Expression meta_expression(const hcl::Body& b, std::string_view name,
                                   const SourceModule& src) {
        const hcl::Attribute* a = b.attribute(name);
        return a == nullptr ? tf::Expression{} : expression(*a->expr, src);
    }

    // The key of the provider configuration that serves provider `local` ("aws", "aws.west")
    // in the module at `config_path`, as Terraform >= 1.2 writes provider_config_key: the
    // block's own key when the module declares it, else what the module call's `providers`
    // map passes, else (a default provider) the parent's.
    std::string provider_key(const ModuleInstance& mi, const std::string& local) {
        for (const hcl::Block* p : mi.src->providers) {
            if (p->labels.empty()) continue;
            const hcl::Attribute* alias = p->body.attribute("alias");
            const std::string name =
                p->labels[0] + (alias != nullptr ? "." + literal_string(alias->expr.get()) : "");
            if (name == local) return mi.config_path.empty() ? local : mi.config_path + ":" + local;
        }
        if (mi.parent == nullptr) return local;
        if (const hcl::Attribute* providers = mi.call->body.attribute("providers")) {
            const hcl::Expr* e = providers->expr.get();
            if (const auto* j = e->as<hcl::Json>()) e = j->expr.get();
            if (const auto* o = e != nullptr ? e->as<hcl::Object>() : nullptr) {
                for (const hcl::ObjectItem& item : o->items) {
                    std::string key = traversal_text(item.key.get());
                    if (key.empty()) key = literal_string(item.key.get());
                    if (key == local) {
                        const std::string target = traversal_text(item.value.get());
                        if (!target.empty()) return provider_key(*mi.parent, target);
                    }
                }
            }
        }
        return provider_key(*mi.parent, local);
    }

    std::string resource_provider(const ModuleInstance& mi, const hcl::Block& b) {
        std::string local = b.labels[0].substr(0, b.labels[0].find('_'));
        if (const hcl::Attribute* p = b.body.attribute("provider")) {
            const std::string t = traversal_text(p->expr.get());
            if (!t.empty()) local = t;
        }
        return provider_key(mi, local);
    }

    void build_module_config(const ModuleInstance& mi);
    void add_providers(const ModuleInstance& mi);
    void add_instances(ModuleInstance& mi);
    void retire(ModuleInstance& mi);
    void note(const std::string& text) {
        if (notes_seen_.insert(text).second) notes_.push_back(text);
    }
    void read_variables();
    void set_locations(std::size_t input, std::size_t first_cert, std::size_t first_consumer);
    void set_suppressions(std::size_t input, std::size_t first_cert, std::size_t first_consumer);
    void set_create_before_destroy(std::size_t input, std::size_t first_cert);

    std::string root_;
    const LoadOptions& opts_;
    Model& model_;
    Loader loader_;
    std::map<std::string, std::string> installed_;
    std::map<std::string, Value, std::less<>> root_values_;
    std::set<std::string> notes_seen_;
    std::vector<std::string> notes_;

    tf::Configuration config_;
    tf::Instances instances_;
    std::deque<json> values_;  // instance values and unknown marks (Instances point here)
    std::map<std::string, SourceLocation> locations_;  // instance address -> its block
    std::set<std::string> configured_;                 // config paths already in config_
    // Instance address -> the certlint:ignore comments on its block and its module calls.
    std::map<std::string, std::vector<InlineIgnore>> ignores_;
    void add_inline_ignores(const std::string& address, const ModuleInstance& mi,
                            const hcl::Block& block);
    // "<module path>|<address>" -> lifecycle and references (tfconfig_lifecycle.hpp)
    std::map<std::string, tf::ResourceBlockInfo> lifecycles_;
};

Value InstanceScope::lookup(const std::string& root, const std::vector<hcl::Step>& steps,
                            std::size_t& used) const {
    const std::string first = steps.empty() ? "" : attr_name(steps[0]);
    used = steps.empty() ? 0 : 1;
    if (root == "var" && !first.empty()) return fe_.variable(mi_, first);
    if (root == "local" && !first.empty()) return fe_.local(mi_, first);
    if (root == "each") {
        if (each_key_ == nullptr) throw EvalError("each. is only valid with for_each");
        if (first == "key") return *each_key_;
        if (first == "value") return *each_value_;
        throw EvalError("each has only key and value");
    }
    if (root == "count") {
        if (count_ == nullptr) throw EvalError("count. is only valid with count");
        if (first == "index") return *count_;
        throw EvalError("count has only index");
    }
    if (root == "path") {
        if (first == "module") return Value::string(mi_.rel_dir);
        if (first == "root") return Value::string(".");
        if (first == "cwd") return Value::string(fe_.root());
        throw EvalError("path has only module, root and cwd");
    }
    if (root == "terraform" && first == "workspace") return Value::string("default");
    if (root == "module" && !first.empty()) {
        std::vector<hcl::Step> rest(steps.begin(), steps.end());
        return fe_.module_value(mi_, first, rest, used);
    }
    if (root == "data" && steps.size() >= 2 && !first.empty()) {
        used = 2;
        return fe_.resource_value(mi_, true, first, attr_name(steps[1]));
    }
    if (root == "self") {
        used = steps.size();
        return Value::unknown("self is known only after apply");
    }
    if (!first.empty() && root.find('_') != std::string::npos) {
        return fe_.resource_value(mi_, false, root, first);
    }
    used = steps.size();
    return Value::unknown(fmt::format("{} is not a reference certlint evaluates", root));
}

tf::FunctionContext InstanceScope::functions() const {
    return {fe_.root(), mi_.src != nullptr ? mi_.src->dir : fe_.root()};
}

void Frontend::read_variables() {
    // Terraform's precedence, lowest first: terraform.tfvars, *.auto.tfvars in name order,
    // then --var-file and --var in command-line order.
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_regular_file(fs::path(root_) / "terraform.tfvars", ec)) {
        files.push_back(normal(fs::path(root_) / "terraform.tfvars"));
    }
    std::vector<std::string> autos;
    for (fs::directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 12 && name.compare(name.size() - 12, 12, ".auto.tfvars") == 0) {
            autos.push_back(normal(it->path()));
        }
    }
    std::sort(autos.begin(), autos.end());
    files.insert(files.end(), autos.begin(), autos.end());
    const auto read_file_values = [&](const std::string& path) {
        hcl::File file(path, read_text_file(path));
        const bool is_json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
        const auto err = is_json ? hcl::parse_json(file) : hcl::parse_native(file);
        if (err) throw parse_error(*err);
        EmptyScope empty;
        for (const hcl::Attribute& a : file.body.attributes) {
            try {
                root_values_.insert_or_assign(a.name, tf::evaluate(*a.expr, empty));
            } catch (const EvalError& e) {
                throw InputError(path, fmt::format("{}:{}: {}", a.range.begin.line,
                                                   a.range.begin.column, e.what()));
            }
        }
    };
    for (const std::string& f : files) read_file_values(f);
    const SourceModule& src = loader_.load(root_);
    for (const TerraformVar& v : opts_.terraform_vars) {
        if (v.file) {
            read_file_values(v.text);
            continue;
        }
        const std::size_t eq = v.text.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("--var " + v.text + ": expected NAME=VALUE");
        }
        const std::string name = v.text.substr(0, eq);
        const std::string value = v.text.substr(eq + 1);
        // A string variable (or one without a type) takes the text as it is; others parse it
        // as an HCL expression, as terraform -var does.
        std::string kind;
        if (const auto decl = src.variables.find(name); decl != src.variables.end()) {
            const hcl::Attribute* type = decl->second->body.attribute("type");
            kind = type_kind(type != nullptr ? type->expr.get() : nullptr);
        }
        if (kind.empty() || kind == "string") {
            root_values_.insert_or_assign(name, Value::string(value));
            continue;
        }
        hcl::File file("--var " + name, value);
        if (const auto err = hcl::parse_expression(file)) {
            throw UsageError(fmt::format("--var {}: {}", name, err->message));
        }
        EmptyScope empty;
        try {
            root_values_.insert_or_assign(name, tf::evaluate(*file.expr, empty));
        } catch (const EvalError& e) {
            throw UsageError(fmt::format("--var {}: {}", name, e.what()));
        }
    }
}

void Frontend::add_providers(const ModuleInstance& mi) {
    for (const hcl::Block* p : mi.src->providers) {
        if (p->labels.empty()) continue;
        const hcl::Attribute* alias = p->body.attribute("alias");
        const std::string local =
            p->labels[0] + (alias != nullptr ? "." + literal_string(alias->expr.get()) : "");
        const std::string key = mi.config_path.empty() ? local : mi.config_path + ":" + local;
        config_.providers.emplace(key, body(p->body, *mi.src));
    }
}

void Frontend::build_module_config(const ModuleInstance& mi) {
    if (mi.src == nullptr || !configured_.insert(mi.config_path).second) return;
    const SourceModule& src = *mi.src;
    tf::Module m;
    m.path = mi.config_path;
    for (const hcl::Block* b : src.resources) {
        tf::Resource r;
        r.data = b->type == "data";
        r.type = b->labels[0];
        r.name = b->labels[1];
        r.address = (r.data ? "data." : "") + r.type + "." + r.name;
        r.provider_key = resource_provider(mi, *b);
        r.body = body(b->body, src, true, Detail::Resource);
        r.count = meta_expression(b->body, "count", src);
        r.for_each = meta_expression(b->body, "for_each", src);
        r.depends_on = depends_on(b->body);
        lifecycles_[mi.config_path + "|" + r.address] = {tf::read_lifecycle(b->body),
                                                         tf::block_references(b->body)};
        m.add_resource(std::move(r));
    }
    for (const auto& [name, b] : src.calls) {
        tf::ModuleCall c;
        c.arguments = body(b->body, src);
        c.count = meta_expression(b->body, "count", src);
        c.for_each = meta_expression(b->body, "for_each", src);
        c.depends_on = depends_on(b->body);
        m.calls.emplace(name, std::move(c));
    }
    for (const auto& [name, b] : src.outputs) {
        tf::Output o;
        o.value = meta_expression(b->body, "value", src);
        o.depends_on = depends_on(b->body);
        m.outputs.emplace(name, std::move(o));
    }
    for (const auto& [name, b] : src.variables) {
        tf::Variable v;
        if (const hcl::Attribute* def = b->body.attribute("default")) {
            EmptyScope empty;
            try {
                const Value d = tf::evaluate(*def->expr, empty);
                if (d.wholly_known()) {
                    v.has_default = true;
                    v.default_value = d.to_json();
                }
            } catch (const EvalError&) {
            }
        }
        m.variables.emplace(name, std::move(v));
    }
    for (const auto& [name, a] : src.locals) m.locals.emplace(name, expression(*a->expr, src));
    config_.modules.emplace(mi.config_path, std::move(m));
    add_providers(mi);
}

void Frontend::add_instances(ModuleInstance& mi) {
    if (mi.src == nullptr) return;
    build_module_config(mi);
    for (auto& [key, rs] : mi.resources) {
        expand_resource(mi, rs);
        if (rs.mode == ResourceState::Mode::Unknown) {
            note(fmt::format("{}: {}; checked once, without a key, on what all its instances share",
                             tf::join_scope(mi.path, key), rs.unknown_reason));
        }
        for (ResourceInstance& ri : rs.instances) {
            const Value v = value_to_keep(mi, rs, ri);
            tf::Instance inst;
            inst.scope = mi.path;
            inst.config_scope = mi.config_path;
            inst.data = rs.data;
            inst.type = rs.type;
            inst.name = rs.name;
            inst.key = ri.key;
            inst.address = tf::join_scope(mi.path, key + ri.key);
            inst.values = &values_.emplace_back(kept_values(v, false));
            inst.before = &kNullJson;
            inst.unknown = &values_.emplace_back(kept_values(v, true));
            inst.action = rs.data ? Action::Read : Action::Create;
            // An object a `moved` block renames, or an `import` block adopts, exists already:
            // this configuration does not create it.
            for (const hcl::Block* b : mi.src->moved_and_imports) {
                const hcl::Attribute* to = b->body.attribute("to");
                if (to == nullptr || b->body.attribute("for_each") != nullptr ||
                    tf::join_scope(mi.path, traversal_text(to->expr.get())) != inst.address) {
                    continue;
                }
                inst.action = Action::Existing;
                if (b->type == "moved") {
                    const hcl::Attribute* from = b->body.attribute("from");
                    if (from != nullptr) {
                        inst.change.previous_address =
                            tf::join_scope(mi.path, traversal_text(from->expr.get()));
                    }
                } else {
                    inst.change.importing = true;
                    if (const hcl::Attribute* id = b->body.attribute("id")) {
                        const Value v = eval(*id->expr, mi);
                        if (v.type() == Value::Type::String) inst.change.import_id = v.as_string();
                    }
                }
            }
            const hcl::Range& r = rs.block->range;
            if (r.file != nullptr) {
                locations_[inst.address] = SourceLocation{Symbol(r.file->name), r.begin.line};
            }
            if (loader_.has_ignores()) add_inline_ignores(inst.address, mi, *rs.block);
            instances_.add(std::move(inst));
        }
    }
    for (const auto& [name, _] : mi.src->calls) {
        CallState& call = expand_call(mi, name);
        for (auto& child : call.instances) {
            add_instances(*child);
            retire(*child);
        }
    }
}

// A module instance whose resources (and whose children's) are all added: its outputs are
// evaluated (what its parent and siblings may still read of it) and the rest is freed, its
// syntax trees too once no other instance of the module is left. Memory then holds the
// modules being read, not every module of the configuration.
void Frontend::retire(ModuleInstance& mi) {
    if (mi.src == nullptr || mi.retired) return;
    for (const auto& [name, _] : mi.src->outputs) output(mi, name);
    mi.vars.clear();
    mi.locals.clear();
    mi.busy.clear();
    mi.resources.clear();
    mi.retired = true;
    loader_.release(*mi.src);
    mi.src = nullptr;
}

void Frontend::set_locations(std::size_t input, std::size_t first_cert,
                             std::size_t first_consumer) {
    const auto locate = [&](const std::string& id) -> std::optional<SourceLocation> {
        const auto it = locations_.find(id);
        if (it == locations_.end()) return std::nullopt;
        return it->second;
    };
    for (std::size_t i = first_cert; i < model_.certificates.size(); ++i) {
        Certificate& c = model_.certificates[i];
        if (c.input == input && !c.location) c.location = locate(c.id);
    }
    for (std::size_t i = first_consumer; i < model_.consumers.size(); ++i) {
        Consumer& c = model_.consumers[i];
        if (c.input == input && !c.location) c.location = locate(c.id);
    }
    set_suppressions(input, first_cert, first_consumer);
}

void Frontend::add_inline_ignores(const std::string& address, const ModuleInstance& mi,
                                  const hcl::Block& block) {
    std::vector<InlineIgnore> found = loader_.ignores_on(block);
    for (const ModuleInstance* m = &mi; m != nullptr && m->call != nullptr; m = m->parent) {
        const std::vector<InlineIgnore> on_call = loader_.ignores_on(*m->call);
        found.insert(found.end(), on_call.begin(), on_call.end());
    }
    if (!found.empty()) ignores_[address] = std::move(found);
}

void Frontend::set_suppressions(std::size_t input, std::size_t first_cert,
                                std::size_t first_consumer) {
    // (A module parsed again after release() notes its comments again: once is enough.)
    std::set<std::string> seen;
    for (const std::string& n : loader_.ignore_notes()) {
        if (seen.insert(n).second) model_.notes.push_back(n);
    }
    if (ignores_.empty()) return;
    const auto suppress = [&](auto& object) {
        const auto it = ignores_.find(object.id);
        if (object.input == input && it != ignores_.end()) {
            add_ignores(object.suppressed, object.suppression_reasons, it->second);
        }
    };
    for (std::size_t i = first_cert; i < model_.certificates.size(); ++i) {
        suppress(model_.certificates[i]);
    }
    for (std::size_t i = first_consumer; i < model_.consumers.size(); ++i) {
        suppress(model_.consumers[i]);
    }
}

// CL202 looks ahead (spec §6): whether each certificate's next replacement creates first.
void Frontend::set_create_before_destroy(std::size_t input, std::size_t first_cert) {
    std::optional<tf::CreateBeforeDestroyAnalysis> analysis;
    for (std::size_t i = first_cert; i < model_.certificates.size(); ++i) {
        Certificate& c = model_.certificates[i];
        const std::size_t id = instances_.find(c.id);
        if (c.input != input || !c.managed || id == tf::Instances::npos) continue;
        if (!analysis) analysis.emplace(config_, std::move(lifecycles_));
        const tf::Instance& inst = instances_[id];
        const tf::CreateBeforeDestroy cbd =
            analysis->of(inst.config_scope, inst.type + "." + inst.name);
        c.create_before_destroy = cbd.value;
        c.create_before_destroy_why = cbd.why;
        if (!cbd.value) {
            model_.notes.push_back(fmt::format(
                "{}: whether its next replacement creates first is not known: {}", c.id, cbd.why));
        }
    }
}

void Frontend::read() {
    if (tf_files(root_).empty()) throw InputError(root_, "no .tf or .tf.json files");
    ModuleInstance root;
    root.src = &loader_.load(root_);
    root.rel_dir = ".";
    init_resources(root);
    read_variables();
    add_instances(root);
    // Root variables as a plan's `variables` records them: every one with a known value.
    for (const auto& [name, _] : root.src->variables) {
        const Value v = variable(root, name);
        if (v.wholly_known()) config_.root_values.emplace(name, v.to_json());
    }
    instances_.attach(config_);
    const std::size_t input = add_input(model_, root_, InputKind::TerraformConfig);
    const std::size_t first_cert = model_.certificates.size();
    const std::size_t first_consumer = model_.consumers.size();
    for (const std::string& n : notes_) model_.notes.push_back(n);
    tf::Graph(model_, input, config_, instances_, opts_).build();
    set_locations(input, first_cert, first_consumer);
    set_create_before_destroy(input, first_cert);
}

}  // namespace

bool has_terraform_files(const std::string& dir) {
    return !tf_files(dir).empty();
}

bool has_terraform_plan_beside(const std::string& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.extension() != ".json" || is_tf_file(p) || !it->is_regular_file(ec)) continue;
        std::FILE* f = std::fopen(p.string().c_str(), "rb");
        if (f == nullptr) continue;
        char buf[4096];
        const std::size_t n = std::fread(buf, 1, sizeof buf, f);
        std::fclose(f);
        const std::string_view head(buf, n);
        if (head.find("\"format_version\"") != std::string_view::npos &&
            (head.find("\"terraform_version\"") != std::string_view::npos ||
             head.find("\"planned_values\"") != std::string_view::npos)) {
            return true;
        }
    }
    return false;
}

std::set<std::string> called_module_dirs(const std::vector<std::string>& dirs) {
    std::set<std::string> out;
    std::vector<std::string> todo(dirs.begin(), dirs.end());
    std::set<std::string> seen;
    while (!todo.empty()) {
        const std::string dir = normal(todo.back());
        todo.pop_back();
        if (!seen.insert(dir).second) continue;
        for (const fs::path& p : tf_files(dir)) {
            try {
                hcl::File file(normal(p), read_text_file(normal(p)));
                const bool is_json = p.string().size() > 8 &&
                                     p.string().compare(p.string().size() - 8, 8, ".tf.json") == 0;
                if (is_json ? hcl::parse_json(file) : hcl::parse_native(file)) continue;
                for (const hcl::Block& b : file.body.blocks) {
                    if (b.type != "module") continue;
                    const hcl::Attribute* source = b.body.attribute("source");
                    const std::string s = literal_string(source ? source->expr.get() : nullptr);
                    if (!is_local_source(s)) continue;
                    const std::string child = normal(fs::path(dir) / s);
                    if (child != dir) {
                        out.insert(child);
                        todo.push_back(child);
                    }
                }
            } catch (const InputError&) {
                continue;
            }
        }
    }
    return out;
}

void read_terraform_config(Model& model, const std::string& dir, const LoadOptions& opts) {
    Frontend(dir, opts, model).read();
}

}  // namespace certlint::readers
