// The plan front end (terraform_plan.hpp): `terraform show -json` into a Configuration and
// Instances.
#include "readers/terraform_plan.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "readers/json_util.hpp"
#include "readers/terraform_address.hpp"

namespace certlint::readers::tf {
namespace {

// A plan records an argument as {"constant_value": v} or {"references": [...]}, and as {}
// when it can say neither.
Expression expression(const json& j) {
    Expression e;
    if (j.is_null()) return e;
    e.kind = Expression::Kind::Other;
    if (!j.is_object()) return e;
    if (const auto cv = j.find("constant_value"); cv != j.end()) {
        e.kind = Expression::Kind::Constant;
        e.value = *cv;
        return e;
    }
    const json& refs = member(j, "references");
    if (refs.is_array()) {
        e.kind = Expression::Kind::References;
        for (const auto& r : refs) {
            if (r.is_string()) e.references.push_back(r.get<std::string>());
        }
    } else if (j.empty()) {
        e.kind = Expression::Kind::Unrecorded;
    }
    return e;
}

bool is_expression(const json& j) {
    return !j.is_object() || j.empty() || j.contains("references") || j.contains("constant_value");
}

// `expressions`: arguments, and nested blocks as arrays of bodies (lists, sets) or one
// object (single blocks).
Body body(const json& expressions) {
    Body b;
    if (!expressions.is_object()) return b;
    for (const auto& [name, v] : expressions.items()) {
        if (v.is_array()) {
            std::vector<Body>& list = b.blocks[name];
            for (const auto& el : v) list.push_back(body(el));
        } else if (is_expression(v)) {
            Expression e = expression(v);
            if (e.present()) b.attributes.emplace(name, std::move(e));
        } else {
            b.blocks[name].push_back(body(v));
        }
    }
    return b;
}

std::vector<std::string> strings(const json& list) {
    std::vector<std::string> out;
    for (const auto& v : list) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

void add_module(Configuration& config, const json& module, const std::string& path) {
    Module m;
    m.path = path;
    for (const auto& r : member(module, "resources")) {
        const std::string address = str_or(r, "address");
        Resource res;
        res.address = address;
        res.data = str_or(r, "mode") == "data";
        res.type = str_or(r, "type");
        res.name = str_or(r, "name");
        res.provider_key = str_or(r, "provider_config_key");
        res.body = body(member(r, "expressions"));
        res.count = expression(member(r, "count_expression"));
        res.for_each = expression(member(r, "for_each_expression"));
        res.depends_on = strings(member(r, "depends_on"));
        m.add_resource(std::move(res));
    }
    const json& outputs = member(module, "outputs");
    if (outputs.is_object()) {
        for (const auto& [name, out] : outputs.items()) {
            m.outputs[name] =
                Output{expression(member(out, "expression")), strings(member(out, "depends_on"))};
        }
    }
    const json& variables = member(module, "variables");
    if (variables.is_object()) {
        for (const auto& [name, var] : variables.items()) {
            Variable v;
            if (var.is_object() && var.contains("default")) {
                v.has_default = true;
                v.default_value = var["default"];
            }
            m.variables[name] = std::move(v);
        }
    }
    const json& calls = member(module, "module_calls");
    std::vector<std::pair<std::string, const json*>> children;
    if (calls.is_object()) {
        for (const auto& [name, call] : calls.items()) {
            ModuleCall c;
            c.arguments = body(member(call, "expressions"));
            c.count = expression(member(call, "count_expression"));
            c.for_each = expression(member(call, "for_each_expression"));
            c.depends_on = strings(member(call, "depends_on"));
            m.calls[name] = std::move(c);
            const json& child = member(call, "module");
            if (child.is_object())
                children.emplace_back(join_scope(path, "module." + name), &child);
        }
    }
    config.modules[path] = std::move(m);
    for (const auto& [child_path, child] : children) add_module(config, *child, child_path);
}

Action parse_actions(const json& actions) {
    std::vector<std::string> a;
    if (actions.is_array()) {
        for (const auto& v : actions) {
            if (v.is_string()) a.push_back(v.get<std::string>());
        }
    }
    if (a.size() == 2 && a[0] == "delete" && a[1] == "create") return Action::ReplaceDeleteFirst;
    if (a.size() == 2 && a[0] == "create" && a[1] == "delete") return Action::ReplaceCreateFirst;
    if (a.size() == 2 && a[0] == "create" && a[1] == "forget") return Action::ReplaceCreateForget;
    if (a.size() == 1) {
        if (a[0] == "create") return Action::Create;
        if (a[0] == "delete") return Action::Delete;
        if (a[0] == "update") return Action::Update;
        if (a[0] == "read") return Action::Read;
        if (a[0] == "forget") return Action::Forget;
    }
    // Anything newer that still creates or deletes: say so rather than "no change".
    if (std::find(a.begin(), a.end(), "create") != a.end()) return Action::Create;
    if (std::find(a.begin(), a.end(), "delete") != a.end()) return Action::Delete;
    return Action::Existing;
}

// A moved block's previous address (`previous_address`) and an import (`change.importing`:
// {"id": ...}, or {"unknown": true} / an identity when the id is not a known string).
ChangeDetails change_details(const json& rc, const json& change) {
    ChangeDetails d;
    d.previous_address = str_or(rc, "previous_address");
    const json& importing = member(change, "importing");
    if (importing.is_object()) {
        d.importing = true;
        d.import_id = str_or(importing, "id");
    }
    return d;
}

// The instance at the resource `r` (of resource_changes or a module of values) in `scope`,
// added when new; npos when it has no address.
std::size_t add_instance(Instances& out, const json& r, const std::string& scope) {
    const std::string address = absolute_address(str_or(r, "address"), scope);
    if (address.empty()) return Instances::npos;
    if (const std::size_t found = out.find(address); found != Instances::npos) return found;
    Instance inst;
    inst.address = address;
    inst.scope = scope;
    inst.config_scope = strip_keys(scope);
    inst.data = str_or(r, "mode") == "data";
    inst.type = str_or(r, "type");
    inst.name = str_or(r, "name");
    const json& index = member(r, "index");
    if (index.is_number_integer()) inst.key = format_key_number(index.get<long long>());
    if (index.is_string()) inst.key = format_key_string(index.get<std::string>());
    return out.add(std::move(inst));
}

void add_resource_changes(const json& doc, Instances& out) {
    const json& changes = member(doc, "resource_changes");
    if (changes.is_array()) out.reserve(changes.size());  // no reallocation of big tables
    for (const auto& rc : changes) {
        if (!member(rc, "deposed").is_null()) continue;  // deposed objects: not current
        const json& change = member(rc, "change");
        const Action action = parse_actions(member(change, "actions"));
        const std::size_t id = add_instance(out, rc, str_or(rc, "module_address"));
        if (id == Instances::npos) continue;
        Instance& inst = out[id];
        inst.action = action;
        inst.change = change_details(rc, change);
        inst.before = &member(change, "before");
        const json& after = member(change, "after");
        inst.values = after.is_null() ? inst.before : &after;
        inst.unknown = &member(change, "after_unknown");
    }
}

void add_values(const json& module, bool prior, Instances& out) {
    if (!module.is_object()) return;
    const std::string scope = str_or(module, "address");
    for (const auto& r : member(module, "resources")) {
        const bool known =
            out.find(absolute_address(str_or(r, "address"), scope)) != Instances::npos;
        const std::size_t id = add_instance(out, r, scope);
        if (id == Instances::npos) continue;
        Instance& inst = out[id];
        const json& values = member(r, "values");
        if (!known) {
            inst.values = &values;
            if (prior) inst.before = &values;
            inst.action = inst.data ? Action::Read : Action::Existing;
        } else if (prior && inst.before->is_null()) {
            inst.before = &values;
        }
    }
    for (const auto& child : member(module, "child_modules")) add_values(child, prior, out);
}

}  // namespace

Configuration plan_configuration(const json& doc) {
    Configuration config;
    const json& configuration = member(doc, "configuration");
    const json& root = member(configuration, "root_module");
    if (root.is_object()) add_module(config, root, "");
    const json& providers = member(configuration, "provider_config");
    if (providers.is_object()) {
        for (const auto& [key, p] : providers.items()) {
            config.providers[key] = body(member(p, "expressions"));
        }
    }
    const json& variables = member(doc, "variables");
    if (variables.is_object()) {
        for (const auto& [name, var] : variables.items()) {
            if (var.is_object() && var.contains("value")) config.root_values[name] = var["value"];
        }
    }
    return config;
}

void plan_instances(const json& doc, Instances& out) {
    add_resource_changes(doc, out);
    add_values(member(member(doc, "planned_values"), "root_module"), false, out);
    add_values(member(member(member(doc, "prior_state"), "values"), "root_module"), true, out);
    add_values(member(member(doc, "values"), "root_module"), true, out);  // state files
}

}  // namespace certlint::readers::tf
