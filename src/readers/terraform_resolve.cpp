// Following Terraform references (terraform_resolve.hpp). Regions come from the AWS provider v6
// `region` attribute, ARNs, or the provider configuration (with Terraform <=1.1 module keys
// inheriting their parent's region).
#include "readers/terraform_resolve.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace certlint::readers::tf {
namespace {

std::string join_attr(const std::vector<Segment>& segs, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < segs.size(); ++i) {
        if (!out.empty()) out.push_back('.');
        out += segs[i].name + segs[i].key;
    }
    return out;
}

void append_attr(Resolution& res, const std::string& attr) {
    if (attr.empty()) return;
    for (Target& t : res.targets) {
        if (t.cert && t.attr.empty()) t.attr = attr;
    }
}

const json& value_at(const json& values, const std::string& attr) {
    const json* node = &values;
    for (const Segment& s : split_address(attr)) {
        node = &member(*node, s.name);
        if (!s.key.empty() && node->is_array()) {
            const std::string digits = s.key.substr(1, s.key.size() - 2);
            if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
                return kNullJson;
            }
            const std::size_t i = std::stoul(digits);
            if (i >= node->size()) return kNullJson;
            node = &(*node)[i];
        }
    }
    return *node;
}

// The module instance path of `scope` truncated to the depth of `config_path`.
std::string scope_at_depth(const std::string& scope, const std::string& config_path) {
    const std::size_t want = config_path.empty() ? 0 : split_address(config_path).size();
    const std::vector<Segment> segs = split_address(scope);
    std::string out;
    for (std::size_t i = 0; i < want && i < segs.size(); ++i) {
        out = i == 0 ? segs[i].name + segs[i].key : out + "." + segs[i].name + segs[i].key;
    }
    return out;
}

MaybeString region_from_values(const Instance& inst) {
    const std::string arn = str_or(*inst.values, "arn", str_or(*inst.before, "arn"));
    if (const auto parts = parse_arn(arn); parts && !parts->region.empty()) {
        return {parts->region, {}};
    }
    const std::string region = str_or(*inst.values, "region");
    if (!region.empty()) return {region, {}};
    // A listener certificate lives where its listener does.
    if (const auto parts = parse_arn(str_or(*inst.values, "listener_arn"));
        parts && !parts->region.empty()) {
        return {parts->region, {}};
    }
    return {};
}

}  // namespace

void Resolution::merge(Resolution&& other) {
    targets.insert(targets.end(), std::make_move_iterator(other.targets.begin()),
                   std::make_move_iterator(other.targets.end()));
    unresolved.insert(unresolved.end(), std::make_move_iterator(other.unresolved.begin()),
                      std::make_move_iterator(other.unresolved.end()));
}

void add_literals(const json& value, Resolution& res) {
    if (value.is_string()) {
        const std::string s = value.get<std::string>();
        Target t;
        if (is_acm_certificate_arn(s)) {
            t.arn = s;
        } else {
            t.literal = s;
        }
        res.targets.push_back(std::move(t));
    } else if (value.is_array()) {
        for (const auto& el : value) add_literals(el, res);
    }
}

bool is_arn_attr(const std::string& attr) {
    return attr.empty() || attr == "arn" || attr == "id" || attr == "certificate_arn";
}

void keep_resolver_values(TerraformValueKeys& keys) {
    // region_from_values, waiter_certificate, and attributes references commonly read
    // (value_at; certificate ARNs are always kept).
    keys.values.insert(keys.values.end(), {{"arn"},
                                           {"region"},
                                           {"listener_arn"},
                                           {"certificate_arn"},
                                           {"value"},
                                           {"outputs"},
                                           {"result"}});
}

void Resolver::add_certificate(std::size_t instance, std::size_t cert,
                               const std::optional<std::string>& arn) {
    if (arn) cert_by_arn_.emplace(*arn, cert);
    cert_of_instance_.emplace(instance, cert);
}

void Resolver::add_waiter(std::size_t waiter, std::size_t cert) {
    std::vector<std::size_t>& certs = waiter_certs_[waiter];
    if (certs.empty()) waiters_by_scope_[instances_[waiter].scope].push_back(waiter);
    certs.push_back(cert);
}

// ---- regions ----------------------------------------------------------------------------

MaybeString Resolver::region_of(const Instance& inst, int depth) const {
    if (MaybeString r = region_from_values(inst); r.known()) return r;
    const std::string key = inst.config != nullptr ? inst.config->provider_key : "";
    const auto colon = key.find(':');
    if (key.empty()) {
        return provider_region("aws", inst.config_scope, inst.scope, depth);
    }
    if (colon == std::string::npos) return provider_region(key, "", "", depth);  // root key
    // "module.a.module.b:aws.x" (>=0.13 full path) or "b:aws.x" (<=0.15: the call name
    // only; the resource's own module is meant).
    const std::string module_cfg =
        key.rfind("module.", 0) == 0 ? key.substr(0, colon) : inst.config_scope;
    return provider_region(key.substr(colon + 1), module_cfg,
                           scope_at_depth(inst.scope, module_cfg), depth);
}

// Region of provider `local` ("aws", "aws.alias") as configured in module `module_cfg`
// (instance `scope`); a module provider without a region inherits its parent's.
MaybeString Resolver::provider_region(const std::string& local, const std::string& module_cfg,
                                      const std::string& scope, int depth) const {
    if (depth > kMaxDepth) return {std::nullopt, "provider configuration chain too deep"};
    const std::string key = module_cfg.empty() ? local : module_cfg + ":" + local;
    const auto provider = config_.providers.find(key);
    const Expression* region =
        provider == config_.providers.end() ? nullptr : &provider->second.attribute("region");
    if (region != nullptr && region->present()) {
        Resolution res = resolve(*region, scope, {}, depth + 1);
        std::set<std::string> regions;
        for (const Target& t : res.targets) {
            if (!t.literal.empty()) regions.insert(t.literal);
        }
        if (regions.size() == 1) return {*regions.begin(), {}};
        return {std::nullopt,
                fmt::format("the region of provider {} is not known before apply", key)};
    }
    if (module_cfg.empty()) return fallback_region(key);
    return provider_region(local, split_scope(module_cfg).parent, split_scope(scope).parent,
                           depth + 1);
}

MaybeString Resolver::fallback_region(const std::string& key) const {
    if (opts_.region) return {*opts_.region, {}};
    return {std::nullopt, fmt::format("provider {} has no region in the plan (it comes from the "
                                      "environment); pass --region",
                                      key)};
}

// ---- references -------------------------------------------------------------------------

Resolution Resolver::resolve(const Expression& expr, const std::string& scope, RefContext ctx,
                             int depth) const {
    Resolution res;
    if (depth > kMaxDepth) {
        res.unresolved.push_back("reference chain too deep (cycle?)");
        return res;
    }
    if (expr.kind == Expression::Kind::Constant) {
        add_literals(expr.value, res);
        return res;
    }
    if (expr.kind == Expression::Kind::Unrecorded) {
        res.unresolved.push_back("an expression the plan does not record");
        return res;
    }
    if (expr.kind != Expression::Kind::References) return res;
    std::vector<std::string> list = expr.references;
    ctx.pairs = std::any_of(list.begin(), list.end(), [](const std::string& r) {
        return r == "count.index" || r.rfind("each.", 0) == 0;
    });
    // Keep only the longest form of each reference (Terraform lists every prefix).
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string& r = list[i];
        const bool prefix_of_next = i + 1 < list.size() && list[i + 1].size() > r.size() &&
                                    list[i + 1].compare(0, r.size(), r) == 0 &&
                                    (list[i + 1][r.size()] == '.' || list[i + 1][r.size()] == '[');
        if (prefix_of_next) continue;
        res.merge(resolve_reference(r, scope, ctx, depth + 1));
    }
    return res;
}

Resolution Resolver::resolve_reference(const std::string& ref, const std::string& scope,
                                       const RefContext& ctx, int depth) const {
    Resolution res;
    const std::vector<Segment> segs = split_address(ref);
    const std::string& head = segs[0].name;
    if (head == "var" && segs.size() >= 2) {
        res = resolve_variable(segs[1].name, scope, depth);
        append_attr(res, join_attr(segs, 2));
    } else if (head == "local" && segs.size() >= 2 && local(segs[1].name, scope) != nullptr) {
        res = resolve(*local(segs[1].name, scope), scope, {}, depth + 1);
        append_attr(res, join_attr(segs, 2));
    } else if (head == "local") {
        res.unresolved.push_back(ref + ": local values are not recorded in the plan JSON");
    } else if (head == "module" && segs.size() >= 2) {
        res = resolve_module_output(segs, scope, ctx, depth);
    } else if (head == "data" && segs.size() >= 3) {
        res = resolve_resource(true, segs[1].name, segs[2], join_attr(segs, 3), scope, ctx, depth);
    } else if (head == "each" && segs.size() >= 2 && segs[1].name == "value") {
        res = resolve_each_value(segs, scope, ctx, depth);
    } else if (head == "each") {
        // each.key only pairs instances (see RefContext); it is not a certificate.
    } else if (head == "count" || head == "path" || head == "terraform" || head == "self") {
        // Not a value that can carry a certificate.
    } else if (segs.size() >= 2) {
        res = resolve_resource(false, head, segs[1], join_attr(segs, 2), scope, ctx, depth);
    }
    return res;
}

const Expression* Resolver::local(const std::string& name, const std::string& scope) const {
    const Module* m = config_.module(strip_keys(scope));
    if (m == nullptr) return nullptr;
    const auto it = m->locals.find(name);
    return it == m->locals.end() ? nullptr : &it->second;
}

Resolution Resolver::resolve_variable(const std::string& name, const std::string& scope,
                                      int depth) const {
    Resolution res;
    if (scope.empty()) {
        const auto value = config_.root_values.find(name);
        if (value != config_.root_values.end()) {
            add_literals(value->second, res);
        } else {
            res.unresolved.push_back("var." + name + " has no value in the plan");
        }
        return res;
    }
    const ScopeTail tail = split_scope(scope);
    if (const Module* parent = config_.module(strip_keys(tail.parent)); parent != nullptr) {
        const auto call = parent->calls.find(tail.call);
        if (call != parent->calls.end()) {
            const Expression& expr = call->second.arguments.attribute(name);
            if (expr.present()) return resolve(expr, tail.parent, {}, depth + 1);
        }
    }
    if (const Module* m = config_.module(strip_keys(scope)); m != nullptr) {
        const auto var = m->variables.find(name);
        if (var != m->variables.end() && var->second.has_default) {
            add_literals(var->second.default_value, res);
            return res;
        }
    }
    res.unresolved.push_back(fmt::format("var.{} of {} is not known before apply", name, scope));
    return res;
}

Resolution Resolver::resolve_module_output(const std::vector<Segment>& segs,
                                           const std::string& scope, const RefContext& ctx,
                                           int depth) const {
    Resolution res;
    const Segment& call = segs[1];
    if (segs.size() < 3) return resolve_whole_module(call, scope, ctx, depth);
    const Module* m = config_.module(join_scope(strip_keys(scope), "module." + call.name));
    if (m == nullptr) {
        res.unresolved.push_back("module." + call.name + " is not in the configuration");
        return res;
    }
    static const Output kNoOutput;
    const auto found = m->outputs.find(segs[2].name);
    const Output& out = found == m->outputs.end() ? kNoOutput : found->second;
    const bool waits = depends_on_covers_waiter(
        out.depends_on, join_scope(scope, "module." + call.name), std::nullopt);
    RefContext inner = ctx;
    inner.for_each = nullptr;  // each.* inside the module is the module's own
    for (const std::string& child : instances_.of_call(scope, call, config_)) {
        Resolution r = resolve(out.value, child, inner, depth + 1);
        if (waits) {
            for (Target& t : r.targets) t.via_waiter = true;
        }
        append_attr(r, join_attr(segs, 3));
        res.merge(std::move(r));
    }
    return res;
}

// `module.m[each.key].out` (or `[count.index]`, `[var.k]`) is recorded as `module.m` plus the
// key's references: the output's name is lost. Every output of the module instance with the
// consumer's key is followed (of every instance when no key pairs); an output that leads to
// no certificate is left out, and the unresolved reasons count only when none does.
Resolution Resolver::resolve_whole_module(const Segment& call, const std::string& scope,
                                          const RefContext& ctx, int depth) const {
    Resolution res;
    const std::string name = "module." + call.name + call.key;
    const Module* m = config_.module(join_scope(strip_keys(scope), "module." + call.name));
    if (m == nullptr || m->outputs.empty()) {
        res.unresolved.push_back(name + ": a whole module object cannot be followed");
        return res;
    }
    Segment instance = call;
    if (instance.key.empty() && ctx.pairs && !ctx.self_key.empty()) {
        const std::string paired = join_scope(scope, "module." + call.name) + ctx.self_key;
        if (instances_.module_instances().count(paired) != 0) instance.key = ctx.self_key;
    }
    Resolution unresolved;
    for (const auto& [output, _] : m->outputs) {
        Resolution r = resolve_module_output({Segment{"module", ""}, instance, Segment{output, ""}},
                                             scope, ctx, depth);
        const bool leads = std::any_of(r.targets.begin(), r.targets.end(), [](const Target& t) {
            return (t.cert && is_arn_attr(t.attr)) || !t.arn.empty();
        });
        if (leads) {
            r.unresolved.clear();
            res.merge(std::move(r));
        } else {
            unresolved.unresolved.insert(unresolved.unresolved.end(), r.unresolved.begin(),
                                         r.unresolved.end());
        }
    }
    if (res.targets.empty()) {
        res.unresolved = std::move(unresolved.unresolved);
        if (res.unresolved.empty()) {
            res.unresolved.push_back(name + ": no output of the module leads to a certificate");
        }
    }
    return res;
}

// `each.value[.attr]` of a resource whose for_each is a collection of resources or module
// instances (`for_each = aws_acm_certificate.certs`, `= module.cert`): the element with the
// instance's own key.
Resolution Resolver::resolve_each_value(const std::vector<Segment>& segs, const std::string& scope,
                                        const RefContext& ctx, int depth) const {
    Resolution res;
    const std::string ref = "each.value" + (segs.size() > 2 ? "." + join_attr(segs, 2) : "");
    if (ctx.for_each == nullptr || ctx.self_key.empty() ||
        ctx.for_each->kind != Expression::Kind::References) {
        res.unresolved.push_back(ref + ": for_each values are not recorded in the plan JSON");
        return res;
    }
    RefContext inner = ctx;
    inner.for_each = nullptr;
    bool followed = false;
    for (const std::string& r : ctx.for_each->references) {
        const std::vector<Segment> fs = split_address(r);
        const bool collection =
            (fs.size() == 2 && fs[0].name == "module" && fs[1].key.empty()) ||
            (fs.size() == 3 && fs[0].name == "data" && fs[2].key.empty()) ||
            (fs.size() == 2 && fs[1].key.empty() && fs[0].key.empty() && fs[0].name != "var" &&
             fs[0].name != "local" && fs[0].name != "each" && fs[0].name != "count" &&
             fs[0].name != "data" && fs[0].name != "module");
        if (!collection) continue;
        followed = true;
        std::string element = r + ctx.self_key;
        if (segs.size() > 2) element += "." + join_attr(segs, 2);
        res.merge(resolve_reference(element, scope, inner, depth + 1));
    }
    if (!followed) {
        res.unresolved.push_back(ref + ": for_each values are not recorded in the plan JSON");
    }
    return res;
}

Resolution Resolver::resolve_resource(bool data, const std::string& type, const Segment& name,
                                      const std::string& attr, const std::string& scope,
                                      const RefContext& ctx, int depth) const {
    Resolution res;
    const std::vector<std::size_t> ids =
        instances_.of(data, type, name, scope, ctx.pairs ? ctx.self_key : std::string());
    for (std::size_t id : ids) {
        const Instance& inst = instances_[id];
        if (type == "aws_acm_certificate") {
            const auto c = cert_of_instance_.find(id);
            if (c != cert_of_instance_.end()) {
                Target t;
                t.cert = c->second;
                t.attr = attr;
                res.targets.push_back(std::move(t));
            }
        } else if (!data && type == "aws_acm_certificate_validation" &&
                   (attr.empty() || attr == "certificate_arn" || attr == "id")) {
            Resolution r = waiter_certificate(inst, depth);
            for (Target& t : r.targets) t.via_waiter = true;
            res.merge(std::move(r));
        } else if (!attr.empty()) {
            const json& v = value_at(*inst.values, attr);
            if (v.is_string()) {
                add_literals(v, res);
            } else {
                Target t;
                t.instance = id;
                t.attr = attr;
                res.targets.push_back(std::move(t));
                res.unresolved.push_back(inst.address + "." + attr + " is not known before apply");
            }
        }
    }
    return res;
}

Resolution Resolver::waiter_certificate(const Instance& waiter, int depth) const {
    Resolution res;
    const std::string arn = str_or(*waiter.values, "certificate_arn");
    if (!arn.empty()) add_literals(json(arn), res);
    if (waiter.config != nullptr) {
        RefContext ctx;
        ctx.self_key = waiter.key;
        ctx.for_each = &waiter.config->for_each;
        res.merge(resolve(waiter.config->body.attribute("certificate_arn"), waiter.scope, ctx,
                          depth + 1));
    }
    link_arns(res);
    return res;
}

void Resolver::link_arns(Resolution& res) const {
    for (Target& t : res.targets) {
        if (t.cert || t.arn.empty()) continue;
        const auto it = cert_by_arn_.find(t.arn);
        if (it != cert_by_arn_.end()) t.cert = it->second;
    }
}

// ---- depends_on -------------------------------------------------------------------------

bool Resolver::waited_by_depends_on(const Instance& inst,
                                    const std::vector<std::string>& depends_on,
                                    std::size_t cert) const {
    if (depends_on_covers_waiter(depends_on, inst.scope, cert)) return true;
    for (std::string scope = inst.scope; !scope.empty();) {
        const ScopeTail tail = split_scope(scope);
        if (const Module* parent = config_.module(strip_keys(tail.parent)); parent != nullptr) {
            const auto call = parent->calls.find(tail.call);
            if (call != parent->calls.end() &&
                depends_on_covers_waiter(call->second.depends_on, tail.parent, cert)) {
                return true;
            }
        }
        scope = tail.parent;
    }
    return false;
}

// True when a depends_on list (in `scope`) covers a validation waiter — of `cert`, or of
// any certificate when cert is nullopt.
bool Resolver::depends_on_covers_waiter(const std::vector<std::string>& depends_on,
                                        const std::string& scope,
                                        std::optional<std::size_t> cert) const {
    if (depends_on.empty() || waiter_certs_.empty()) return false;
    for (const std::string& d : depends_on) {
        const std::vector<Segment> segs = split_address(d);
        const auto validates = [&](std::size_t waiter) {
            const std::vector<std::size_t>& certs = waiter_certs_.at(waiter);
            return !cert || std::find(certs.begin(), certs.end(), *cert) != certs.end();
        };
        // Waiters by scope (waiters_by_scope_), not a scan of all waiters per entry.
        if (segs[0].name == "module" && segs.size() >= 2) {
            const std::string base = join_scope(scope, "module." + segs[1].name + segs[1].key);
            for (auto it = waiters_by_scope_.lower_bound(base);
                 it != waiters_by_scope_.end() && it->first.compare(0, base.size(), base) == 0;
                 ++it) {
                for (std::size_t w : it->second) {
                    if (validates(w)) return true;
                }
            }
        } else if (segs.size() >= 2 && segs[0].name == "aws_acm_certificate_validation") {
            const auto it = waiters_by_scope_.find(scope);
            if (it == waiters_by_scope_.end()) continue;
            for (std::size_t w : it->second) {
                if (instances_[w].name == segs[1].name && validates(w)) return true;
            }
        }
    }
    return false;
}

}  // namespace certlint::readers::tf
