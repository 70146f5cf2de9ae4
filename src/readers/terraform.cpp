// Terraform `terraform show -json` reader (plans and states, format 0.1 to 1.2).
//
// Builds the certificate graph from planned/prior values and follows each consumer's
// certificate argument through the configuration's references: module outputs and input
// variables at any depth, validation waiters, data sources and literal ARNs. Regions come
// from the AWS provider v6 `region` attribute, ARNs, or the provider configuration (with
// Terraform <=1.1 module keys inheriting their parent's region).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "readers/json_util.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_address.hpp"
#include "readers/terraform_consumers.hpp"

namespace certlint::readers {
namespace {

using json = nlohmann::json;
using tf::AttrSpec;
using tf::consumer_specs;
using tf::ConsumerSpec;
using tf::Segment;

constexpr int kMaxDepth = 64;  // reference chains longer than this are cut (cycles)

// A resource instance as the plan/state describes it.
struct Instance {
    std::string address;
    std::string scope;         // module instance path, "" at root
    std::string config_scope;  // scope without instance keys
    bool data = false;
    std::string type;
    std::string name;
    std::string key;                    // "[0]", "[\"k\"]" or ""
    const json* values = &kNullJson;    // after values (before when deleted)
    const json* before = &kNullJson;    // values before the change (prior)
    const json* unknown = &kNullJson;   // after_unknown
    const json* config = nullptr;       // configuration resource
    Action action = Action::Existing;
};

// One thing a reference can lead to.
struct Target {
    std::optional<std::size_t> cert;  // Model::certificates index
    std::string arn;                  // literal ARN (when !cert or known)
    std::string literal;              // other literal string (e.g. a region)
    std::string attr;                 // attribute path below the certificate
    std::optional<std::size_t> instance;  // another resource instance (e.g. a hosted zone)
    bool via_waiter = false;
};

struct Resolution {
    std::vector<Target> targets;
    std::vector<std::string> unresolved;
    void merge(Resolution&& other) {
        targets.insert(targets.end(), std::make_move_iterator(other.targets.begin()),
                       std::make_move_iterator(other.targets.end()));
        unresolved.insert(unresolved.end(), std::make_move_iterator(other.unresolved.begin()),
                          std::make_move_iterator(other.unresolved.end()));
    }
};

Action parse_actions(const json& actions) {
    std::vector<std::string> a;
    if (actions.is_array()) {
        for (const auto& v : actions) {
            if (v.is_string()) a.push_back(v.get<std::string>());
        }
    }
    if (a.size() == 2 && a[0] == "delete" && a[1] == "create") return Action::ReplaceDeleteFirst;
    if (a.size() == 2 && a[0] == "create" && a[1] == "delete") return Action::ReplaceCreateFirst;
    if (a.size() == 1) {
        if (a[0] == "create") return Action::Create;
        if (a[0] == "delete") return Action::Delete;
        if (a[0] == "update") return Action::Update;
        if (a[0] == "read") return Action::Read;
    }
    if (!a.empty() && a[0] == "create") return Action::Create;  // ["create","forget"]
    return Action::Existing;
}

// Values at a path of object keys; "*" expands every element of an array; a number-like
// step into an array of one block takes its elements.
void collect_at(const json& node, const std::vector<std::string>& path, std::size_t i,
                std::vector<const json*>& out) {
    if (i == path.size()) {
        out.push_back(&node);
        return;
    }
    if (node.is_array()) {
        for (const auto& el : node) collect_at(el, path, i + (path[i] == "*" ? 1 : 0), out);
        return;
    }
    if (path[i] == "*") {
        collect_at(node, path, i + 1, out);
        return;
    }
    const json& next = member(node, path[i]);
    if (!next.is_null()) collect_at(next, path, i + 1, out);
}

bool looks_like_dns_record_type(const std::string& type) {
    return type.find("record") != std::string::npos || type.find("dns") != std::string::npos;
}

class TerraformReader {
public:
    TerraformReader(Model& model, std::size_t input, const json& doc, const LoadOptions& opts)
        : model_(model), input_(input), doc_(doc), opts_(opts) {}

    void read() {
        index_configuration(member(doc_, "configuration"));
        index_resource_changes();
        index_values(member(member(doc_, "planned_values"), "root_module"), false);
        index_values(member(member(member(doc_, "prior_state"), "values"), "root_module"), true);
        index_values(member(member(doc_, "values"), "root_module"), true);  // state files
        attach_config();
        build_certificates();
        link_waiters();
        link_validation_records();
        mark_undecided_records();
        link_removed_records();
        const auto zones = zones_by_id();
        link_private_zones(zones);
        collect_caa_records(zones);
        link_exports();
        build_consumers();
    }

private:
    Model& model_;
    std::size_t input_;
    const json& doc_;
    const LoadOptions& opts_;

    std::vector<Instance> instances_;
    std::unordered_map<std::string, std::size_t> by_address_;
    // "<scope>|<data.>type.name" -> instances
    std::unordered_map<std::string, std::vector<std::size_t>> by_resource_;
    std::set<std::string> module_instances_;  // every module instance path seen
    std::unordered_map<std::string, const json*> config_modules_;  // config path -> module
    std::unordered_map<std::string, const json*> config_resources_;  // "<cfgpath>|addr"
    std::unordered_map<std::size_t, std::size_t> cert_of_instance_;  // instance -> cert index
    std::unordered_map<std::string, std::size_t> cert_by_arn_;
    // waiter instance index -> certificates it validates
    std::unordered_map<std::size_t, std::vector<std::size_t>> waiter_certs_;
    std::map<std::string, std::vector<std::size_t>> waiters_by_scope_;  // of waiter_certs_
    std::set<std::string> notes_seen_;
    std::vector<std::pair<std::string, std::string>> records_from_locals_;  // scope, address
    // certificate -> (scope, configuration) of the resources creating its records
    std::map<std::size_t, std::vector<std::pair<std::string, const json*>>> record_configs_;

    void note(const std::string& text) {
        if (notes_seen_.insert(text).second) {
            model_.notes.push_back(model_.inputs[input_].path + ": " + text);
        }
    }

    // ---- indexing -------------------------------------------------------------------

    void index_configuration(const json& configuration) {
        const json& root = member(configuration, "root_module");
        if (root.is_object()) index_config_module(root, "");
    }

    void index_config_module(const json& module, const std::string& path) {
        config_modules_[path] = &module;
        for (const auto& r : member(module, "resources")) {
            const std::string address = str_or(r, "address");
            if (!address.empty()) config_resources_[path + "|" + address] = &r;
        }
        const json& calls = member(module, "module_calls");
        if (!calls.is_object()) return;
        for (const auto& [name, call] : calls.items()) {
            const json& child = member(call, "module");
            if (child.is_object()) index_config_module(child, tf::join_scope(path, "module." + name));
        }
    }

    std::size_t add_instance(const json& r, const std::string& scope) {
        const std::string address = tf::absolute_address(str_or(r, "address"), scope);
        if (address.empty()) return SIZE_MAX;
        const auto found = by_address_.find(address);
        if (found != by_address_.end()) return found->second;
        Instance inst;
        inst.address = address;
        inst.scope = scope;
        inst.config_scope = tf::strip_keys(scope);
        inst.data = str_or(r, "mode") == "data";
        inst.type = str_or(r, "type");
        inst.name = str_or(r, "name");
        const json& index = member(r, "index");
        if (index.is_number_integer()) inst.key = tf::format_key_number(index.get<long long>());
        if (index.is_string()) inst.key = tf::format_key_string(index.get<std::string>());
        const std::size_t id = instances_.size();
        by_address_.emplace(address, id);
        by_resource_[scope + "|" + (inst.data ? "data." : "") + inst.type + "." + inst.name]
            .push_back(id);
        for (std::string s = scope; !s.empty(); s = tf::split_scope(s).parent) {
            if (!module_instances_.insert(s).second) break;
        }
        instances_.push_back(std::move(inst));
        return id;
    }

    void index_resource_changes() {
        const json& changes = member(doc_, "resource_changes");
        if (changes.is_array()) {  // no reallocation of big tables while indexing
            instances_.reserve(changes.size());
            by_address_.reserve(changes.size());
        }
        for (const auto& rc : changes) {
            if (!member(rc, "deposed").is_null()) continue;  // deposed objects: not current
            const json& change = member(rc, "change");
            const Action action = parse_actions(member(change, "actions"));
            const std::size_t id = add_instance(rc, str_or(rc, "module_address"));
            if (id == SIZE_MAX) continue;
            Instance& inst = instances_[id];
            inst.action = action;
            inst.before = &member(change, "before");
            const json& after = member(change, "after");
            inst.values = after.is_null() ? inst.before : &after;
            inst.unknown = &member(change, "after_unknown");
        }
    }

    void index_values(const json& module, bool prior) {
        if (!module.is_object()) return;
        const std::string scope = str_or(module, "address");
        for (const auto& r : member(module, "resources")) {
            const bool known =
                by_address_.count(tf::absolute_address(str_or(r, "address"), scope)) != 0;
            const std::size_t id = add_instance(r, scope);
            if (id == SIZE_MAX) continue;
            Instance& inst = instances_[id];
            const json& values = member(r, "values");
            if (!known) {
                inst.values = &values;
                if (prior) inst.before = &values;
                inst.action = inst.data ? Action::Read : Action::Existing;
            } else if (prior && inst.before->is_null()) {
                inst.before = &values;
            }
        }
        for (const auto& child : member(module, "child_modules")) index_values(child, prior);
    }

    void attach_config() {
        for (Instance& inst : instances_) {
            const std::string rel = (inst.data ? "data." : "") + inst.type + "." + inst.name;
            const auto it = config_resources_.find(inst.config_scope + "|" + rel);
            if (it != config_resources_.end()) inst.config = it->second;
        }
    }

    // ---- regions ----------------------------------------------------------------------

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

    MaybeString region_of(const Instance& inst, int depth = 0) {
        if (MaybeString r = region_from_values(inst); r.known()) return r;
        const std::string key =
            inst.config != nullptr ? str_or(*inst.config, "provider_config_key") : "";
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
    MaybeString provider_region(const std::string& local, const std::string& module_cfg,
                                const std::string& scope, int depth) {
        if (depth > kMaxDepth) return {std::nullopt, "provider configuration chain too deep"};
        const std::string key = module_cfg.empty() ? local : module_cfg + ":" + local;
        const json& providers = member(member(doc_, "configuration"), "provider_config");
        const json& region = member(member(member(providers, key), "expressions"), "region");
        if (!region.is_null()) {
            Resolution res = resolve_expression(region, scope, {}, depth + 1);
            std::set<std::string> regions;
            for (const Target& t : res.targets) {
                if (!t.literal.empty()) regions.insert(t.literal);
            }
            if (regions.size() == 1) return {*regions.begin(), {}};
            return {std::nullopt,
                    fmt::format("the region of provider {} is not known before apply", key)};
        }
        if (module_cfg.empty()) return fallback_region(key);
        return provider_region(local, tf::split_scope(module_cfg).parent,
                               tf::split_scope(scope).parent, depth + 1);
    }

    MaybeString fallback_region(const std::string& key) {
        if (opts_.region) return {*opts_.region, {}};
        return {std::nullopt,
                fmt::format("provider {} has no region in the plan (it comes from the "
                            "environment); pass --region",
                            key)};
    }

    // The module instance path of `scope` truncated to the depth of `config_path`.
    static std::string scope_at_depth(const std::string& scope, const std::string& config_path) {
        const std::size_t want = config_path.empty() ? 0 : tf::split_address(config_path).size();
        const std::vector<Segment> segs = tf::split_address(scope);
        std::string out;
        for (std::size_t i = 0; i < want && i < segs.size(); ++i) {
            out = i == 0 ? segs[i].name + segs[i].key : out + "." + segs[i].name + segs[i].key;
        }
        return out;
    }

    // ---- reference resolution -----------------------------------------------------------

    struct RefContext {
        std::string self_key;  // the consumer instance key, to pair count/for_each instances
        bool pairs = false;    // the expression uses count.index / each.*
    };

    Resolution resolve_expression(const json& expr, const std::string& scope, RefContext ctx,
                                  int depth) {
        Resolution res;
        if (depth > kMaxDepth) {
            res.unresolved.push_back("reference chain too deep (cycle?)");
            return res;
        }
        if (!expr.is_object()) return res;
        if (const auto cv = expr.find("constant_value"); cv != expr.end()) {
            add_literals(*cv, res);
            return res;
        }
        const json& refs = member(expr, "references");
        if (!refs.is_array()) {
            if (expr.empty()) res.unresolved.push_back("an expression the plan does not record");
            return res;
        }
        std::vector<std::string> list;
        for (const auto& r : refs) {
            if (r.is_string()) list.push_back(r.get<std::string>());
        }
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

    static void add_literals(const json& value, Resolution& res) {
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

    static std::string join_attr(const std::vector<Segment>& segs, std::size_t from) {
        std::string out;
        for (std::size_t i = from; i < segs.size(); ++i) {
            if (!out.empty()) out.push_back('.');
            out += segs[i].name + segs[i].key;
        }
        return out;
    }

    static void append_attr(Resolution& res, const std::string& attr) {
        if (attr.empty()) return;
        for (Target& t : res.targets) {
            if (t.cert && t.attr.empty()) t.attr = attr;
        }
    }

    Resolution resolve_reference(const std::string& ref, const std::string& scope,
                                 const RefContext& ctx, int depth) {
        Resolution res;
        const std::vector<Segment> segs = tf::split_address(ref);
        const std::string& head = segs[0].name;
        if (head == "var" && segs.size() >= 2) {
            res = resolve_variable(segs[1].name, scope, depth);
            append_attr(res, join_attr(segs, 2));
        } else if (head == "local") {
            res.unresolved.push_back(ref + ": local values are not recorded in the plan JSON");
        } else if (head == "module" && segs.size() >= 2) {
            res = resolve_module_output(segs, scope, ctx, depth);
        } else if (head == "data" && segs.size() >= 3) {
            res = resolve_resource(true, segs[1].name, segs[2], join_attr(segs, 3), scope, ctx, depth);
        } else if (head == "each") {
            res.unresolved.push_back(ref + ": for_each values are not recorded in the plan JSON");
        } else if (head == "count" || head == "path" || head == "terraform" || head == "self") {
            // Not a value that can carry a certificate.
        } else if (segs.size() >= 2) {
            res = resolve_resource(false, head, segs[1], join_attr(segs, 2), scope, ctx, depth);
        }
        return res;
    }

    Resolution resolve_variable(const std::string& name, const std::string& scope, int depth) {
        Resolution res;
        if (scope.empty()) {
            const json& var = member(member(doc_, "variables"), name);
            if (var.contains("value")) {
                add_literals(var["value"], res);
            } else {
                res.unresolved.push_back("var." + name + " has no value in the plan");
            }
            return res;
        }
        const tf::ScopeTail tail = tf::split_scope(scope);
        const std::string parent_cfg = tf::strip_keys(tail.parent);
        const auto pm = config_modules_.find(parent_cfg);
        if (pm != config_modules_.end()) {
            const json& call = member(member(*pm->second, "module_calls"), tail.call);
            const json& expr = member(member(call, "expressions"), name);
            if (!expr.is_null()) return resolve_expression(expr, tail.parent, {}, depth + 1);
        }
        const auto cm = config_modules_.find(tf::strip_keys(scope));
        if (cm != config_modules_.end()) {
            const json& var = member(member(*cm->second, "variables"), name);
            if (var.contains("default")) {
                add_literals(var["default"], res);
                return res;
            }
        }
        res.unresolved.push_back(fmt::format("var.{} of {} is not known before apply", name, scope));
        return res;
    }

    Resolution resolve_module_output(const std::vector<Segment>& segs, const std::string& scope,
                                     const RefContext& ctx, int depth) {
        Resolution res;
        const Segment& call = segs[1];
        if (segs.size() < 3) {
            res.unresolved.push_back("module." + call.name + call.key +
                                     ": a whole module object cannot be followed");
            return res;
        }
        const std::string output = segs[2].name;
        const std::string cfg = tf::join_scope(tf::strip_keys(scope), "module." + call.name);
        const auto cm = config_modules_.find(cfg);
        if (cm == config_modules_.end()) {
            res.unresolved.push_back("module." + call.name + " is not in the configuration");
            return res;
        }
        const json& out = member(member(*cm->second, "outputs"), output);
        const json& expr = member(out, "expression");
        const bool waits = depends_on_covers_waiter(member(out, "depends_on"),
                                                    tf::join_scope(scope, "module." + call.name),
                                                    std::nullopt);
        for (const std::string& child : module_instances_of(scope, call)) {
            Resolution r = resolve_expression(expr, child, ctx, depth + 1);
            if (waits) {
                for (Target& t : r.targets) t.via_waiter = true;
            }
            append_attr(r, join_attr(segs, 3));
            res.merge(std::move(r));
        }
        return res;
    }

    // Module instances of `call` under `scope` present in the plan (one key or all keys).
    std::vector<std::string> module_instances_of(const std::string& scope, const Segment& call) {
        const std::string base = tf::join_scope(scope, "module." + call.name);
        if (!call.key.empty()) return {base + call.key};
        std::vector<std::string> out;
        for (auto it = module_instances_.lower_bound(base); it != module_instances_.end(); ++it) {
            if (it->compare(0, base.size(), base) != 0) break;
            const std::string rest = it->substr(base.size());
            if (rest.empty() || (rest[0] == '[' && rest.find("].") == std::string::npos &&
                                 rest.find(".module.") == std::string::npos)) {
                out.push_back(*it);
            }
        }
        if (out.empty() && config_modules_.count(tf::strip_keys(base)) != 0 &&
            module_instances_.empty()) {
            out.push_back(base);  // plans without instances (configuration only)
        }
        return out;
    }

    std::vector<std::size_t> instances_of(bool data, const std::string& type,
                                          const Segment& name, const std::string& scope,
                                          const RefContext& ctx) {
        const auto it = by_resource_.find(scope + "|" + (data ? "data." : "") + type + "." + name.name);
        if (it == by_resource_.end()) return {};
        std::vector<std::size_t> out;
        for (std::size_t id : it->second) {
            if (name.key.empty() || instances_[id].key == name.key) out.push_back(id);
        }
        if (name.key.empty() && ctx.pairs && !ctx.self_key.empty()) {
            for (std::size_t id : out) {
                if (instances_[id].key == ctx.self_key) return {id};
            }
        }
        return out;
    }

    Resolution resolve_resource(bool data, const std::string& type, const Segment& name,
                                const std::string& attr, const std::string& scope,
                                const RefContext& ctx, int depth) {
        Resolution res;
        const std::vector<std::size_t> ids = instances_of(data, type, name, scope, ctx);
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

    static const json& value_at(const json& values, const std::string& attr) {
        const json* node = &values;
        for (const Segment& s : tf::split_address(attr)) {
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

    Resolution waiter_certificate(const Instance& waiter, int depth) {
        Resolution res;
        const std::string arn = str_or(*waiter.values, "certificate_arn");
        if (!arn.empty()) add_literals(json(arn), res);
        if (waiter.config != nullptr) {
            RefContext ctx;
            ctx.self_key = waiter.key;
            res.merge(resolve_expression(member(member(*waiter.config, "expressions"), "certificate_arn"),
                                         waiter.scope, ctx, depth + 1));
        }
        link_arns(res);
        return res;
    }

    // Literal ARNs of certificates the plan knows become certificate targets.
    void link_arns(Resolution& res) {
        for (Target& t : res.targets) {
            if (t.cert || t.arn.empty()) continue;
            const auto it = cert_by_arn_.find(t.arn);
            if (it != cert_by_arn_.end()) t.cert = it->second;
        }
    }

    // True when a depends_on list (in `scope`) covers a validation waiter — of `cert`, or of
    // any certificate when cert is nullopt.
    bool depends_on_covers_waiter(const json& depends_on, const std::string& scope,
                                  std::optional<std::size_t> cert) {
        if (!depends_on.is_array() || waiter_certs_.empty()) return false;
        for (const auto& d : depends_on) {
            if (!d.is_string()) continue;
            const std::vector<Segment> segs = tf::split_address(d.get<std::string>());
            const auto validates = [&](std::size_t waiter) {
                const std::vector<std::size_t>& certs = waiter_certs_.at(waiter);
                return !cert || std::find(certs.begin(), certs.end(), *cert) != certs.end();
            };
            // Waiters by scope (waiters_by_scope_), not a scan of all waiters per entry.
            if (segs[0].name == "module" && segs.size() >= 2) {
                const std::string base = tf::join_scope(scope, "module." + segs[1].name + segs[1].key);
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

    // ---- graph building -----------------------------------------------------------------

    void build_certificates() {
        model_.certificates.reserve(
            model_.certificates.size() +
            static_cast<std::size_t>(std::count_if(
                instances_.begin(), instances_.end(),
                [](const Instance& i) { return i.type == "aws_acm_certificate"; })));
        for (std::size_t id = 0; id < instances_.size(); ++id) {
            const Instance& inst = instances_[id];
            if (inst.type != "aws_acm_certificate") continue;
            Certificate c;
            c.id = inst.address;
            c.type = inst.data ? "data.aws_acm_certificate" : inst.type;
            c.input = input_;
            c.managed = !inst.data;
            c.action = inst.action;
            const json& v = *inst.values;
            std::string arn = str_or(v, "arn", str_or(*inst.before, "arn"));
            if (!arn.empty()) c.arn = arn;
            c.region = region_of(inst);
            c.partition = "aws";
            if (const auto parts = parse_arn(arn)) c.partition = parts->partition;
            fill_certificate_values(c, inst);
            if (c.arn) cert_by_arn_.emplace(*c.arn, model_.certificates.size());
            cert_of_instance_.emplace(id, model_.certificates.size());
            model_.certificates.push_back(std::move(c));
        }
    }

    static void fill_certificate_values(Certificate& c, const Instance& inst) {
        const json& v = *inst.values;
        const json& unknown = *inst.unknown;
        const std::string type = str_or(v, "type");
        if (type == "AMAZON_ISSUED") {
            c.cert_type = CertType::AmazonIssued;
        } else if (type == "IMPORTED") {
            c.cert_type = CertType::Imported;
        } else if (type == "PRIVATE") {
            c.cert_type = CertType::Private;
        } else if (!member(v, "certificate_authority_arn").is_null() ||
                   is_true_anywhere(member(unknown, "certificate_authority_arn"))) {
            c.cert_type = CertType::Private;
        } else if (!member(v, "certificate_body").is_null() || !member(v, "private_key").is_null() ||
                   is_true_anywhere(member(unknown, "certificate_body"))) {
            c.cert_type = CertType::Imported;
        } else if (c.managed) {
            c.cert_type = CertType::AmazonIssued;
        }
        c.validation_method = str_or(v, "validation_method");
        c.domain_name = str_or(v, "domain_name", str_or(v, "domain"));
        c.names_known = !c.domain_name.empty() && !is_true_anywhere(member(unknown, "domain_name"));
        for (const auto& san : member(v, "subject_alternative_names")) {
            if (san.is_string()) c.subject_alternative_names.push_back(san.get<std::string>());
        }
        if (is_true_anywhere(member(unknown, "subject_alternative_names")) &&
            c.subject_alternative_names.empty()) {
            c.names_known = false;
        }
        // The state holds what DescribeCertificate said, which may spell it RSA-2048 or
        // EC-prime256v1: the model has ACM's request spelling (RSA_2048, EC_prime256v1).
        std::string key_algorithm = str_or(v, "key_algorithm");
        std::replace(key_algorithm.begin(), key_algorithm.end(), '-', '_');
        c.key_algorithm = key_algorithm;
        for (const auto& o : member(v, "options")) {
            c.transparency_logging = str_or(o, "certificate_transparency_logging_preference");
        }
        c.status = str_or(*inst.before, "status", str_or(v, "status"));
        c.renewal_eligibility = str_or(v, "renewal_eligibility");
        c.not_after = str_or(v, "not_after");
        c.certificate_body = str_or(v, "certificate_body");
    }

    // Calls f(config_resource, scope) for every configured resource in every module instance.
    template <typename F>
    void for_each_config_resource(F&& f) {
        std::vector<std::string> scopes{""};
        scopes.insert(scopes.end(), module_instances_.begin(), module_instances_.end());
        for (const std::string& scope : scopes) {
            const auto cm = config_modules_.find(tf::strip_keys(scope));
            if (cm == config_modules_.end()) continue;
            for (const auto& r : member(*cm->second, "resources")) f(r, scope);
        }
    }

    void link_waiters() {
        for (std::size_t id = 0; id < instances_.size(); ++id) {
            const Instance& inst = instances_[id];
            if (inst.data || inst.type != "aws_acm_certificate_validation") continue;
            if (inst.action == Action::Delete) continue;
            Resolution r = waiter_certificate(inst, 0);
            const auto records = waiter_records(inst);
            for (const Target& t : r.targets) {
                if (!t.cert) continue;
                std::vector<std::size_t>& certs = waiter_certs_[id];
                if (certs.empty()) waiters_by_scope_[inst.scope].push_back(id);
                certs.push_back(*t.cert);
                Certificate& c = model_.certificates[*t.cert];
                c.has_waiter = true;
                for (const auto& [rec, config] : records) {
                    add_validation_record(c, rec);
                    if (config != nullptr) record_configs_[*t.cert].emplace_back(inst.scope, config);
                }
            }
        }
    }

    // DNS record resources a waiter's validation_record_fqdns names: the records of its
    // certificate, however their names were computed (e.g. through locals).
    std::vector<std::pair<std::string, const json*>> waiter_records(const Instance& waiter) {
        std::vector<std::pair<std::string, const json*>> out;
        if (waiter.config == nullptr) return out;
        const json& expr = member(member(*waiter.config, "expressions"), "validation_record_fqdns");
        for (const auto& r : member(expr, "references")) {
            if (!r.is_string()) continue;
            const std::vector<Segment> segs = tf::split_address(r.get<std::string>());
            if (segs.size() < 2 || !looks_like_dns_record_type(segs[0].name)) continue;
            const auto ids = instances_of(false, segs[0].name, segs[1], waiter.scope, {});
            if (!ids.empty()) {
                out.emplace_back(tf::join_scope(waiter.scope, segs[0].name + "." + segs[1].name),
                                 instances_[ids.front()].config);
            }
        }
        return out;
    }

    static void add_validation_record(Certificate& c, const std::string& id) {
        c.has_validation_records = true;
        if (std::find(c.validation_record_ids.begin(), c.validation_record_ids.end(), id) ==
            c.validation_record_ids.end()) {
            c.validation_record_ids.push_back(id);
        }
    }

    // Any resource whose expressions use a certificate's domain_validation_options creates
    // its validation records (Terraform <=0.15 references carry no attribute: a DNS record
    // resource referencing the certificate counts).
    void link_validation_records() {
        for_each_config_resource([&](const json& r, const std::string& scope) {
            const std::string type = str_or(r, "type");
            if (type == "aws_acm_certificate" || type == "aws_acm_certificate_validation" ||
                str_or(r, "mode") == "data") {
                return;
            }
            const bool dns_type = looks_like_dns_record_type(type);
            std::vector<const json*> exprs;
            collect_expressions(member(r, "expressions"), exprs);
            exprs.push_back(&member(r, "for_each_expression"));
            exprs.push_back(&member(r, "count_expression"));
            if (dns_type && std::any_of(exprs.begin(), exprs.end(), uses_locals)) {
                records_from_locals_.emplace_back(scope, str_or(r, "address"));
            }
            for (const json* e : exprs) {
                if (!mentions_certificate_data(*e)) continue;
                Resolution res = resolve_expression(*e, scope, {}, 0);
                for (const Target& t : res.targets) {
                    if (!t.cert) continue;
                    const bool dvo = t.attr.rfind("domain_validation_options", 0) == 0;
                    if (dvo || (dns_type && t.attr.empty())) {
                        add_validation_record(model_.certificates[*t.cert],
                                              tf::join_scope(scope, str_or(r, "address")));
                        record_configs_[*t.cert].emplace_back(scope, &r);
                    }
                }
            }
        });
    }

    static bool uses_locals(const json* expr) {
        for (const auto& r : member(*expr, "references")) {
            if (r.is_string() && r.get<std::string>().rfind("local.", 0) == 0) return true;
        }
        return false;
    }

    // DNS record resources built from locals may be any certificate's validation records:
    // certificates of that module instance without known records stay undecided.
    void mark_undecided_records() {
        if (records_from_locals_.empty()) return;
        std::unordered_map<std::string, std::vector<std::size_t>> certs_by_scope;
        for (const auto& [inst, cert] : cert_of_instance_) {
            certs_by_scope[instances_[inst].scope].push_back(cert);
        }
        for (const auto& [scope, address] : records_from_locals_) {
            const auto certs = certs_by_scope.find(scope);
            if (certs == certs_by_scope.end()) continue;
            for (const std::size_t cert : certs->second) {
                Certificate& c = model_.certificates[cert];
                if (c.has_validation_records) continue;
                c.validation_records_undecided = fmt::format(
                    "{} computes its records from local values, which the plan does not record",
                    tf::join_scope(scope, address));
            }
        }
    }

    static std::string trim_dot(std::string name) {
        while (!name.empty() && name.back() == '.') name.pop_back();
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return name;
    }

    // DNS records this plan deletes whose name is one of an existing certificate's
    // validation record names: renewal needs them to stay.
    void link_removed_records() {
        std::unordered_map<std::string, std::vector<std::size_t>> certs_by_record;
        for (const auto& [inst, cert] : cert_of_instance_) {
            for (const auto& dvo : member(*instances_[inst].before, "domain_validation_options")) {
                const std::string name = trim_dot(str_or(dvo, "resource_record_name"));
                if (!name.empty()) certs_by_record[name].push_back(cert);
            }
        }
        if (certs_by_record.empty()) return;
        for (const Instance& inst : instances_) {
            if (inst.data || inst.action != Action::Delete || !looks_like_dns_record_type(inst.type)) {
                continue;
            }
            const auto it = certs_by_record.find(trim_dot(str_or(*inst.before, "name")));
            if (it == certs_by_record.end()) continue;
            for (std::size_t cert : it->second) {
                model_.certificates[cert].removed_validation_records.push_back(inst.address);
            }
        }
    }

    // ---- hosted zones and CAA records ----------------------------------------------------

    struct Zone {
        std::string address;
        std::string name;
        bool is_private = false;
    };

    std::optional<Zone> zone_of_instance(const Instance& inst) const {
        if (inst.type == "aws_route53_zone" && inst.data) {
            const json& p = member(*inst.values, "private_zone");
            return Zone{inst.address, str_or(*inst.values, "name"), p.is_boolean() && p.get<bool>()};
        }
        if (inst.type == "aws_route53_zone") {
            const json& vpc = member(*inst.values, "vpc");
            const bool has_vpc = (vpc.is_array() && !vpc.empty()) ||
                                 (inst.config != nullptr && member(*inst.config, "expressions").contains("vpc"));
            return Zone{inst.address, str_or(*inst.values, "name"), has_vpc};
        }
        return std::nullopt;
    }

    // Hosted zones by zone id (known ids only).
    std::unordered_map<std::string, Zone> zones_by_id() const {
        std::unordered_map<std::string, Zone> out;
        for (const Instance& inst : instances_) {
            const auto zone = zone_of_instance(inst);
            if (!zone) continue;
            for (const char* key : {"zone_id", "id"}) {
                const std::string id = str_or(*inst.values, key);
                if (!id.empty()) out.emplace(id, *zone);
            }
        }
        return out;
    }

    // The zones an expression (a record's zone_id) can lead to.
    std::vector<Zone> zones_of(const json& expr, const std::string& scope,
                               const std::unordered_map<std::string, Zone>& by_id) {
        std::vector<Zone> out;
        Resolution res = resolve_expression(expr, scope, {}, 0);
        for (const Target& t : res.targets) {
            if (t.instance) {
                if (auto z = zone_of_instance(instances_[*t.instance])) out.push_back(*z);
            } else if (const auto it = by_id.find(t.literal); it != by_id.end()) {
                out.push_back(it->second);
            }
        }
        return out;
    }

    void link_private_zones(const std::unordered_map<std::string, Zone>& by_id) {
        for (const auto& [cert, records] : record_configs_) {
            Certificate& c = model_.certificates[cert];
            for (const auto& [scope, config] : records) {
                const json& zone_id = member(member(*config, "expressions"), "zone_id");
                for (const Zone& z : zones_of(zone_id, scope, by_id)) {
                    if (!z.is_private) continue;
                    if (std::find(c.private_validation_zones.begin(), c.private_validation_zones.end(),
                                  z.address) == c.private_validation_zones.end()) {
                        c.private_validation_zones.push_back(z.address);
                    }
                }
            }
        }
    }

    // Route 53 CAA record sets with known names and values; relative names are qualified
    // with their zone's name when it is known.
    void collect_caa_records(const std::unordered_map<std::string, Zone>& by_id) {
        for (const Instance& inst : instances_) {
            if (inst.data || inst.type != "aws_route53_record" || inst.action == Action::Delete) continue;
            if (str_or(*inst.values, "type") != "CAA") continue;
            std::string name = str_or(*inst.values, "name");
            if (name.empty()) {
                note(inst.address + ": CAA record name is not known before apply");
                continue;
            }
            while (!name.empty() && name.back() == '.') name.pop_back();
            const auto zone = by_id.find(str_or(*inst.values, "zone_id"));
            if (zone != by_id.end() && !zone->second.name.empty()) {
                std::string zname = zone->second.name;
                while (!zname.empty() && zname.back() == '.') zname.pop_back();
                const bool qualified = name == zname || (name.size() > zname.size() &&
                    name.compare(name.size() - zname.size() - 1, std::string::npos, "." + zname) == 0);
                if (!qualified) name += "." + zname;
            }
            CaaRecordSet caa;
            caa.id = inst.address;
            caa.name = name;
            add_strings(member(*inst.values, "records"), caa.values);
            model_.caa_records.push_back(std::move(caa));
        }
    }

    // Cheap filter before resolving: the expression references something that can lead to
    // a certificate.
    static bool mentions_certificate_data(const json& expr) {
        for (const auto& r : member(expr, "references")) {
            if (!r.is_string()) continue;
            const std::string s = r.get<std::string>();
            if (s.rfind("aws_acm_certificate.", 0) == 0 || s.rfind("module.", 0) == 0 ||
                s.rfind("var.", 0) == 0 || s.rfind("data.aws_acm_certificate.", 0) == 0) {
                return true;
            }
        }
        return false;
    }

    static void collect_expressions(const json& node, std::vector<const json*>& out) {
        if (node.is_object()) {
            if (node.contains("references") || node.contains("constant_value")) {
                out.push_back(&node);
                return;
            }
            for (const auto& el : node) collect_expressions(el, out);
        } else if (node.is_array()) {
            for (const auto& el : node) collect_expressions(el, out);
        }
    }

    static bool is_arn_attr(const std::string& attr) {
        return attr.empty() || attr == "arn" || attr == "id" || attr == "certificate_arn";
    }

    void link_exports() {
        // Root outputs.
        const auto root = config_modules_.find("");
        if (root != config_modules_.end()) {
            const json& outputs = member(*root->second, "outputs");
            if (outputs.is_object()) {
                for (const auto& [name, out] : outputs.items()) {
                    mark_exported(member(out, "expression"), "", "output." + name);
                }
            }
        }
        // SSM parameters holding the ARN.
        for_each_config_resource([&](const json& r, const std::string& scope) {
            if (str_or(r, "type") != "aws_ssm_parameter" || str_or(r, "mode") == "data") return;
            mark_exported(member(member(r, "expressions"), "value"), scope,
                          tf::join_scope(scope, str_or(r, "address")));
        });
    }

    void mark_exported(const json& expr, const std::string& scope, const std::string& by) {
        Resolution res = resolve_expression(expr, scope, {}, 0);
        link_arns(res);
        for (const Target& t : res.targets) {
            if (!t.cert || !is_arn_attr(t.attr)) continue;
            Certificate& c = model_.certificates[*t.cert];
            if (!c.exported) {
                c.exported = true;
                c.exported_by = by;
            }
        }
    }

    const json& config_expression(const Instance& inst, const std::vector<std::string>& path) {
        if (inst.config == nullptr) return kNullJson;
        const json* node = &member(*inst.config, "expressions");
        for (const std::string& step : path) {
            if (node->is_array()) {
                if (node->empty()) return kNullJson;
                node = &(*node)[0];  // a nested block: its (first) configured block
            }
            if (step == "*") continue;
            node = &member(*node, step);
        }
        return *node;
    }

    void build_consumers() {
        const auto& specs = consumer_specs();
        model_.consumers.reserve(
            model_.consumers.size() +
            static_cast<std::size_t>(std::count_if(
                instances_.begin(), instances_.end(),
                [&](const Instance& i) { return !i.data && specs.count(i.type) != 0; })));
        for (std::size_t id = 0; id < instances_.size(); ++id) {
            const Instance& inst = instances_[id];
            if (inst.data) continue;
            const auto spec = specs.find(inst.type);
            if (spec == specs.end()) continue;
            Consumer c;
            c.id = inst.address;
            c.type = inst.type;
            c.kind = spec->second.kind;
            c.input = input_;
            c.action = inst.action;
            c.partition = "aws";
            for (const std::string& d : spec->second.domain_attrs) {
                std::vector<const json*> vals;
                std::vector<std::string> path;
                for (const Segment& s : tf::split_address(d)) path.push_back(s.name);
                collect_at(*inst.values, path, 0, vals);
                for (const json* v : vals) add_strings(*v, c.domains);
            }
            for (const AttrSpec& attr : spec->second.attrs) {
                if (auto a = attachment(inst, attr)) c.attachments.push_back(std::move(*a));
            }
            if (c.attachments.empty()) continue;
            const bool needs_region =
                std::any_of(c.attachments.begin(), c.attachments.end(),
                            [](const Attachment& a) { return !a.edge; });
            if (needs_region) c.region = region_of(inst);
            model_.consumers.push_back(std::move(c));
        }
    }

    static void add_strings(const json& v, std::vector<std::string>& out) {
        if (v.is_string()) {
            out.push_back(v.get<std::string>());
        } else if (v.is_array()) {
            for (const auto& el : v) add_strings(el, out);
        }
    }

    std::optional<Attachment> attachment(const Instance& inst, const AttrSpec& spec) {
        Attachment a;
        a.attribute = fmt::format("{}", fmt::join(spec.path, "."));
        a.edge = spec.edge;
        std::vector<const json*> values;
        collect_at(*inst.values, spec.path, 0, values);
        std::vector<const json*> unknowns;
        collect_at(*inst.unknown, spec.path, 0, unknowns);
        const bool unknown = std::any_of(unknowns.begin(), unknowns.end(),
                                         [](const json* u) { return is_true_anywhere(*u); });
        Resolution res;
        bool known_value = false;
        for (const json* v : values) {
            if (v->is_string() && !v->get<std::string>().empty()) {
                add_literals(*v, res);
                known_value = true;
            }
        }
        if (!known_value && !unknown && inst.values != &kNullJson && !inst.values->is_null()) {
            return std::nullopt;  // the argument is not set: no certificate attached
        }
        // Follow the configuration to learn which certificate, and whether it is awaited.
        const json& expr = config_expression(inst, spec.path);
        RefContext ctx;
        ctx.self_key = inst.key;
        Resolution followed = resolve_expression(expr, inst.scope, ctx, 0);
        if (known_value) {
            // The value is authoritative; the configuration only tells how it is reached.
            link_arns(res);
            link_arns(followed);
            for (Target& t : res.targets) {
                for (const Target& f : followed.targets) {
                    if (f.cert && t.cert == f.cert) t.via_waiter = t.via_waiter || f.via_waiter;
                }
            }
        } else {
            res.merge(std::move(followed));
            link_arns(res);
        }
        if (res.targets.empty() && res.unresolved.empty() && !known_value) {
            if (expr.is_null() && !unknown) return std::nullopt;
            if (expr.is_null()) res.unresolved.push_back("no configuration recorded for " + a.attribute);
        }
        const json& depends_on =
            inst.config != nullptr ? member(*inst.config, "depends_on") : kNullJson;
        std::set<std::pair<std::size_t, std::string>> seen;
        for (const Target& t : res.targets) {
            if (!t.cert && t.arn.empty()) continue;  // other literals (conditions' operands)
            if (t.cert && !is_arn_attr(t.attr)) continue;
            CertCandidate cand;
            cand.certificate = t.cert;
            if (!t.arn.empty()) cand.arn = t.arn;
            cand.awaits_validation = t.via_waiter ||
                                     (t.cert && waited_by_depends_on(inst, depends_on, *t.cert));
            if (!seen.insert({t.cert.value_or(SIZE_MAX), t.arn}).second) {
                // Terraform orders a resource after everything its expression references,
                // whichever branch is taken (try(), conditionals): one path through the
                // waiter is enough.
                for (CertCandidate& prev : a.candidates) {
                    if (prev.certificate == cand.certificate && prev.arn == cand.arn) {
                        prev.awaits_validation = prev.awaits_validation || cand.awaits_validation;
                    }
                }
                continue;
            }
            a.candidates.push_back(std::move(cand));
        }
        for (const std::string& u : res.unresolved) {
            a.unresolved.push_back(u);
            note(fmt::format("{}: {}: {}", inst.address, a.attribute, u));
        }
        if (a.candidates.empty() && a.unresolved.empty()) return std::nullopt;
        return a;
    }

    // depends_on on the resource or on any enclosing module call covers the cert's waiter.
    bool waited_by_depends_on(const Instance& inst, const json& depends_on, std::size_t cert) {
        if (depends_on_covers_waiter(depends_on, inst.scope, cert)) return true;
        for (std::string scope = inst.scope; !scope.empty();) {
            const tf::ScopeTail tail = tf::split_scope(scope);
            const auto pm = config_modules_.find(tf::strip_keys(tail.parent));
            if (pm != config_modules_.end()) {
                const json& call = member(member(*pm->second, "module_calls"), tail.call);
                if (depends_on_covers_waiter(member(call, "depends_on"), tail.parent, cert)) {
                    return true;
                }
            }
            scope = tail.parent;
        }
        return false;
    }
};

}  // namespace

bool is_terraform_json(const json& doc) {
    if (!doc.is_object() || !doc.contains("format_version")) return false;
    return doc.contains("planned_values") || doc.contains("resource_changes") ||
           doc.contains("configuration") || doc.contains("prior_state") ||
           doc.contains("values") || doc.contains("terraform_version") || doc.size() == 1;
}

TerraformValueKeys terraform_value_keys() {
    TerraformValueKeys keys;
    keys.values = {
        // certificates (fill_certificate_values, region_from_values, link_removed_records)
        {"arn"}, {"region"}, {"type"}, {"certificate_authority_arn"}, {"certificate_body"},
        {"private_key"}, {"validation_method"}, {"domain_name"}, {"domain"},
        {"subject_alternative_names"}, {"key_algorithm"},
        {"options", "certificate_transparency_logging_preference"}, {"status"},
        {"renewal_eligibility"}, {"not_after"},
        {"domain_validation_options", "resource_record_name"},
        // validation waiters, hosted zones, records (CAA)
        {"certificate_arn"}, {"private_zone"}, {"name"}, {"vpc"}, {"zone_id"}, {"id"},
        {"records"},
        // values references commonly read (value_at; certificate ARNs are always kept)
        {"value"}, {"outputs"}, {"result"}, {"listener_arn"}};
    keys.unknown = {{"certificate_authority_arn"}, {"certificate_body"}, {"domain_name"},
                    {"subject_alternative_names"}};
    for (const auto& [type, spec] : consumer_specs()) {
        for (const AttrSpec& attr : spec.attrs) {
            keys.values.push_back(attr.path);
            keys.unknown.push_back(attr.path);
        }
        for (const std::string& d : spec.domain_attrs) {
            std::vector<std::string> path;
            for (const Segment& s : tf::split_address(d)) path.push_back(s.name);
            keys.values.push_back(path);
        }
    }
    return keys;
}

void read_terraform(Model& model, std::size_t input, const json& doc, const LoadOptions& opts) {
    TerraformReader(model, input, doc, opts).read();
}

}  // namespace certlint::readers
