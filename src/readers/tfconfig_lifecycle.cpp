// create_before_destroy in a Terraform configuration (tfconfig_lifecycle.hpp).
#include "readers/tfconfig_lifecycle.hpp"

#include <deque>
#include <utility>

#include <fmt/format.h>

#include "hcl/parse.hpp"
#include "readers/terraform_address.hpp"

namespace certlint::readers::tf {
namespace {

// The expression below JSON-syntax and parenthesis wrappers.
const hcl::Expr* unwrap(const hcl::Expr* e) {
    while (e != nullptr) {
        if (const auto* j = e->as<hcl::Json>()) {
            e = j->expr.get();
        } else if (const auto* p = e->as<hcl::Parens>()) {
            e = p->inner.get();
        } else {
            break;
        }
    }
    return e;
}

void read_setting(const hcl::Body& lifecycle, LifecycleSetting& out) {
    const hcl::Attribute* a = lifecycle.attribute("create_before_destroy");
    if (a == nullptr) return;
    const hcl::Expr* e = unwrap(a->expr.get());
    const auto* lit = e != nullptr ? e->as<hcl::Literal>() : nullptr;
    if (lit != nullptr && lit->kind == hcl::Literal::Kind::Bool) {
        out.create_before_destroy = lit->boolean;
    } else {
        out.create_before_destroy = true;  // set to something: decided by nothing here
        out.literal = false;
    }
}

void append_block_references(const hcl::Expr& e, std::vector<std::string>& out) {
    std::vector<std::string> refs = hcl::references(e);
    out.insert(out.end(), std::make_move_iterator(refs.begin()),
               std::make_move_iterator(refs.end()));
}

// What `lifecycle { replace_triggered_by = [...] }` names: Terraform orders the resource after
// them as after its other references, so create_before_destroy is forced on them too (seen
// with Terraform 1.11.4: a resource with create_before_destroy whose replace_triggered_by
// alone names another makes that one's replacement ["create","delete"]). In JSON syntax an
// item is a string holding the reference.
void collect_replace_triggers(const hcl::Body& lifecycle, std::vector<std::string>& out) {
    const hcl::Attribute* a = lifecycle.attribute("replace_triggered_by");
    if (a == nullptr || a->expr == nullptr) return;
    if (const auto* json = a->expr->as<hcl::Json>(); json != nullptr && json->value != nullptr) {
        if (json->value->kind == hcl::JsonValue::Kind::Array) {
            for (const hcl::JsonValue& item : json->value->array) {
                if (item.kind == hcl::JsonValue::Kind::String) out.push_back(item.string);
            }
        }
        return;
    }
    append_block_references(*a->expr, out);
}

void collect_body(const hcl::Body& body, bool top, std::vector<std::string>& out) {
    for (const hcl::Attribute& a : body.attributes) {
        if (top && a.name == "lifecycle" && body.json) {
            const hcl::JsonBlocks blocks = hcl::json_blocks(a);
            for (const hcl::Block& b : blocks.blocks) collect_replace_triggers(b.body, out);
            continue;
        }
        if (top && (a.name == "lifecycle" || a.name == "depends_on" || a.name == "provider")) {
            continue;
        }
        append_block_references(*a.expr, out);
    }
    for (const hcl::Block& b : body.blocks) {
        if (top && b.type == "lifecycle") {
            collect_replace_triggers(b.body, out);
            continue;
        }
        collect_body(b.body, false, out);
    }
}

// The references of a list that are not a prefix of another one: Terraform's references list
// `module.m.out` and then `module.m`, and the module as a whole is not what is referenced.
std::vector<std::string> longest(const std::vector<std::string>& refs) {
    std::vector<std::string> out;
    for (const std::string& r : refs) {
        bool prefix = false;
        for (const std::string& o : refs) {
            if (o.size() > r.size() && o.compare(0, r.size(), r) == 0 &&
                (o[r.size()] == '.' || o[r.size()] == '[')) {
                prefix = true;
                break;
            }
        }
        if (!prefix) out.push_back(r);
    }
    return out;
}

std::string node_key(const std::string& path, const std::string& address) {
    return path + "|" + address;
}

std::string absolute(const std::string& node) {
    const std::size_t bar = node.find('|');
    const std::string path = node.substr(0, bar);
    const std::string address = node.substr(bar + 1);
    return path.empty() ? address : path + "." + address;
}

}  // namespace

LifecycleSetting read_lifecycle(const hcl::Body& resource_body) {
    LifecycleSetting out;
    for (const hcl::Block& b : resource_body.blocks) {
        if (b.type == "lifecycle") read_setting(b.body, out);
    }
    if (resource_body.json) {
        if (const hcl::Attribute* a = resource_body.attribute("lifecycle")) {
            const hcl::JsonBlocks blocks = hcl::json_blocks(*a);
            for (const hcl::Block& b : blocks.blocks) read_setting(b.body, out);
        }
    }
    return out;
}

std::vector<std::string> block_references(const hcl::Body& resource_body) {
    std::vector<std::string> out;
    collect_body(resource_body, true, out);
    return out;
}

CreateBeforeDestroyAnalysis::CreateBeforeDestroyAnalysis(
    const Configuration& config, std::map<std::string, ResourceBlockInfo> blocks)
    : config_(config), blocks_(std::move(blocks)) {
    for (const auto& [path, module] : config_.modules) {
        for (const Resource& r : module.resources()) {
            const std::string node = node_key(path, r.address);
            std::set<std::string> visiting;
            deps_[node];
            if (const auto it = blocks_.find(node); it != blocks_.end()) {
                add_dependencies(node, path, it->second.references, false, visiting);
            }
            for (const std::string& d : r.depends_on) {
                add_reference(node, path, d, false, visiting);
            }
            // depends_on, count and for_each of the module calls that enclose it.
            for (std::string p = path; !p.empty();) {
                const ScopeTail tail = split_scope(p);
                const Module* parent = config_.module(tail.parent);
                if (parent == nullptr) break;
                if (const auto c = parent->calls.find(tail.call); c != parent->calls.end()) {
                    for (const std::string& d : c->second.depends_on) {
                        add_reference(node, tail.parent, d, false, visiting);
                    }
                    for (const Expression* e : {&c->second.count, &c->second.for_each}) {
                        add_dependencies(node, tail.parent, e->references, false, visiting);
                    }
                }
                p = tail.parent;
            }
        }
        // A module that is not read: what its call passes it may be what one of its
        // resources depends on.
        for (const auto& [name, call] : module.calls) {
            const std::string child = join_scope(path, "module." + name);
            if (config_.module(child) != nullptr) continue;
            const std::string node = node_key(path, "module." + name);
            std::set<std::string> visiting;
            deps_[node];
            // `path` is a structured binding, which clang 14 cannot capture: name a copy.
            const std::string& scope = path;
            call.arguments.for_each_expression([&](const Expression& e) {
                add_dependencies(node, scope, e.references, false, visiting);
            });
            for (const std::string& d : call.depends_on) {
                add_reference(node, path, d, false, visiting);
            }
            undecided_[node] = fmt::format(
                "{} is not read (no local source, no .terraform/modules/modules.json entry): a "
                "resource in it may set create_before_destroy",
                absolute(node));
        }
    }
    propagate();
}

void CreateBeforeDestroyAnalysis::add_dependencies(const std::string& node, const std::string& path,
                                                   const std::vector<std::string>& refs,
                                                   bool uncertain,
                                                   std::set<std::string>& visiting) {
    for (const std::string& ref : longest(refs)) {
        add_reference(node, path, ref, uncertain, visiting);
    }
}

void CreateBeforeDestroyAnalysis::add_reference(const std::string& node, const std::string& path,
                                                const std::string& ref, bool uncertain,
                                                std::set<std::string>& visiting) {
    const std::vector<Segment> segs = split_address(ref);
    const Module* m = config_.module(path);
    if (segs.size() < 2 || m == nullptr) return;
    const std::string& root = segs[0].name;
    if (!visiting
             .insert(path + "|" + (uncertain ? "?" : "") + segs[0].name + "." + segs[1].name +
                     (segs.size() > 2 && root == "module" ? "." + segs[2].name : ""))
             .second) {
        return;  // followed already (or a cycle)
    }
    const auto edge = [&](const std::string& p, const std::string& address) {
        const Module* mm = config_.module(p);
        if (mm == nullptr || mm->resource(address) == nullptr) return;
        const std::string to = node_key(p, address);
        if (to != node) deps_[node].push_back(Edge{to, uncertain});
    };
    if (root == "var") {
        if (path.empty()) return;  // root input variables come from outside
        const ScopeTail tail = split_scope(path);
        const Module* parent = config_.module(tail.parent);
        if (parent == nullptr) return;
        const auto c = parent->calls.find(tail.call);
        if (c == parent->calls.end()) return;
        add_dependencies(node, tail.parent, c->second.arguments.attribute(segs[1].name).references,
                         uncertain, visiting);
    } else if (root == "local") {
        if (const auto l = m->locals.find(segs[1].name); l != m->locals.end()) {
            add_dependencies(node, path, l->second.references, uncertain, visiting);
        }
    } else if (root == "module") {
        const std::string child = join_scope(path, "module." + segs[1].name);
        const Module* cm = config_.module(child);
        if (cm == nullptr) {
            // Its outputs may come from anything its call passes it.
            const auto c = m->calls.find(segs[1].name);
            if (c == m->calls.end()) return;
            c->second.arguments.for_each_expression([&](const Expression& e) {
                add_dependencies(node, path, e.references, true, visiting);
            });
            return;
        }
        const auto follow = [&](const Output& o) {
            add_dependencies(node, child, o.value.references, uncertain, visiting);
            for (const std::string& d : o.depends_on) {
                add_reference(node, child, d, uncertain, visiting);
            }
        };
        if (segs.size() > 2) {
            if (const auto o = cm->outputs.find(segs[2].name); o != cm->outputs.end()) {
                follow(o->second);
            }
        } else {
            for (const auto& [name, o] : cm->outputs) follow(o);
            add_module_resources(node, child, uncertain);  // depends_on = [module.m]
        }
    } else if (root == "data") {
        if (segs.size() > 2) edge(path, "data." + segs[1].name + "." + segs[2].name);
    } else if (root != "each" && root != "count" && root != "self" && root != "path" &&
               root != "terraform") {
        edge(path, root + "." + segs[1].name);
    }
}

void CreateBeforeDestroyAnalysis::add_module_resources(const std::string& node,
                                                       const std::string& module_path,
                                                       bool uncertain) {
    for (const auto& [path, module] : config_.modules) {
        if (path != module_path && path.rfind(module_path + ".", 0) != 0) continue;
        for (const Resource& r : module.resources()) {
            const std::string to = node_key(path, r.address);
            if (to != node) deps_[node].push_back(Edge{to, uncertain});
        }
    }
}

void CreateBeforeDestroyAnalysis::propagate() {
    // Forced: everything a resource with a literal create_before_destroy = true depends on,
    // through known modules.
    std::deque<std::string> undecided_seeds;
    for (const auto& [node, info] : blocks_) {
        if (!info.lifecycle.literal) {
            undecided_[node] =
                fmt::format("the create_before_destroy of {} is not a literal", absolute(node));
            continue;
        }
        if (info.lifecycle.create_before_destroy != true) continue;
        std::deque<std::string> todo{node};
        while (!todo.empty()) {
            const std::string n = todo.front();
            todo.pop_front();
            const auto d = deps_.find(n);
            if (d == deps_.end()) continue;
            for (const Edge& e : d->second) {
                if (e.uncertain) {
                    if (!forced_by_.count(e.to) && !undecided_.count(e.to)) {
                        undecided_[e.to] = fmt::format(
                            "{} has create_before_destroy and may depend on it through a module "
                            "that is not read",
                            absolute(node));
                        undecided_seeds.push_back(e.to);
                    }
                    continue;
                }
                if (e.to == node || forced_by_.count(e.to)) continue;
                forced_by_[e.to] = absolute(node);
                todo.push_back(e.to);
            }
        }
    }
    // Undecided: what an undecided resource, or a module that is not read, depends on.
    for (const auto& [node, why] : undecided_) undecided_seeds.push_back(node);
    while (!undecided_seeds.empty()) {
        const std::string n = undecided_seeds.front();
        undecided_seeds.pop_front();
        const auto d = deps_.find(n);
        if (d == deps_.end()) continue;
        const std::string why = undecided_.at(n);
        for (const Edge& e : d->second) {
            if (forced_by_.count(e.to) || undecided_.count(e.to)) continue;
            undecided_[e.to] = why;
            undecided_seeds.push_back(e.to);
        }
    }
}

CreateBeforeDestroy CreateBeforeDestroyAnalysis::of(const std::string& module_path,
                                                    const std::string& address) const {
    const std::string node = node_key(module_path, address);
    const auto b = blocks_.find(node);
    if (b != blocks_.end() && b->second.lifecycle.literal &&
        b->second.lifecycle.create_before_destroy == true) {
        return {true, "its lifecycle"};
    }
    if (const auto f = forced_by_.find(node); f != forced_by_.end()) {
        return {true, "forced by " + f->second};
    }
    if (const auto u = undecided_.find(node); u != undecided_.end()) {
        return {std::nullopt, u->second};
    }
    return {false, {}};
}

}  // namespace certlint::readers::tf
