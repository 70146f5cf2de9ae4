// The plan front end (terraform_plan.hpp): `terraform show -json` into a Configuration and
// Instances.
#include "readers/terraform_plan.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "hcl/parse.hpp"
#include "readers/json_util.hpp"
#include "readers/terraform_address.hpp"

namespace certlint::readers::tf {
namespace {

std::vector<std::string> strings(const json& list) {
    std::vector<std::string> out;
    for (const auto& v : list) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

// What the strings of a constant_value hold when they are read as HCL templates.
struct Templates {
    bool dynamic = false;                 // a string interpolates or has a directive
    std::vector<std::string> references;  // of those strings, as Terraform lists them
};

// Rewrites the strings (and object keys) of `v` that are templates of literal text only to
// that text (`$${` is `${`), and notes in `t` those that are not literal.
void read_templates(json& v, Templates& t) {
    if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        if (s.find("${") == std::string::npos && s.find("%{") == std::string::npos) return;
        hcl::File f("constant_value", s);
        // Not a template (a stray "${" in a native-syntax literal): the string as it is.
        if (hcl::parse_template(f)) return;
        std::string text;
        for (const hcl::TemplatePart& part : f.expr->as<hcl::Template>()->parts) {
            if (part.kind != hcl::TemplatePart::Kind::Literal) {
                t.dynamic = true;
                for (std::string& r : hcl::references(*f.expr))
                    t.references.push_back(std::move(r));
                return;
            }
            text += part.text;
        }
        v = std::move(text);
    } else if (v.is_array()) {
        for (json& item : v) read_templates(item, t);
    } else if (v.is_object()) {
        json out = json::object();
        for (auto& [key, item] : v.items()) {
            json k = key;
            read_templates(k, t);
            read_templates(item, t);
            out[k.is_string() ? k.get<std::string>() : key] = std::move(item);
        }
        v = std::move(out);
    }
}

// A plan records an argument as {"constant_value": v} or {"references": [...]}, and as {}
// when it can say neither. A plan of a JSON-syntax configuration (.tf.json, CDK for
// Terraform's cdk.tf.json) records its expressions, which are strings holding templates, as
// {"constant_value": "${aws_x.y.arn}", "references": ["aws_x.y.arn", "aws_x.y"]}: Terraform
// writes the JSON value as it stands (it evaluates it without a scope). A template with
// interpolations or directives is not a constant: it is read by its references (the
// recorded ones, else those of the parsed template), and is Unrecorded when it has none
// (`"${upper("a")}"`; also a native-syntax literal written `"$${...}"`, which the plan cannot
// tell apart from it). Templates of literal text only are the constant they stand for.
Expression expression(const json& j) {
    Expression e;
    if (j.is_null()) return e;
    e.kind = Expression::Kind::Other;
    if (!j.is_object()) return e;
    if (const auto cv = j.find("constant_value"); cv != j.end()) {
        json value = *cv;
        Templates t;
        read_templates(value, t);
        if (!t.dynamic) {
            e.kind = Expression::Kind::Constant;
            e.value = std::move(value);
            return e;
        }
        e.references = strings(member(j, "references"));
        if (e.references.empty()) e.references = std::move(t.references);
        e.kind = e.references.empty() ? Expression::Kind::Unrecorded : Expression::Kind::References;
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
