// The configuration and instance index every Terraform front end fills (terraform_config.hpp).
#include "readers/terraform_config.hpp"

#include <utility>

namespace certlint::readers::tf {
namespace {

const Expression kAbsent;
const Expression kOther{Expression::Kind::Other, {}, {}};

}  // namespace

const Expression& Body::attribute(std::string_view name) const {
    if (const auto it = attributes.find(name); it != attributes.end()) return it->second;
    return blocks.find(name) != blocks.end() ? kOther : kAbsent;
}

bool Body::has(std::string_view name) const {
    return attributes.find(name) != attributes.end() || blocks.find(name) != blocks.end();
}

const Expression& Body::at(const std::vector<std::string>& path) const {
    const Body* body = this;
    const Expression* expr = nullptr;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const std::string& step = path[i];
        if (step == "*") continue;
        if (expr != nullptr || body == nullptr) return kAbsent;  // below an argument
        if (const auto a = body->attributes.find(step); a != body->attributes.end()) {
            expr = &a->second;
            continue;
        }
        const auto b = body->blocks.find(step);
        if (b == body->blocks.end()) return kAbsent;
        if (b->second.empty()) return i + 1 == path.size() ? kOther : kAbsent;
        body = &b->second.front();  // a nested block: its (first) configured block
    }
    if (expr != nullptr) return *expr;
    return path.empty() ? kAbsent : kOther;
}

void Body::for_each_expression(const std::function<void(const Expression&)>& f) const {
    for (const auto& [name, expr] : attributes) f(expr);
    for (const auto& [name, list] : blocks) {
        for (const Body& b : list) b.for_each_expression(f);
    }
}

void Module::add_resource(Resource r) {
    if (!r.address.empty()) index_[r.address] = resources_.size();
    resources_.push_back(std::move(r));
}

const Resource* Module::resource(const std::string& address) const {
    const auto it = index_.find(address);
    return it == index_.end() ? nullptr : &resources_[it->second];
}

const Module* Configuration::module(const std::string& path) const {
    const auto it = modules.find(path);
    return it == modules.end() ? nullptr : &it->second;
}

void Instances::reserve(std::size_t n) {
    list_.reserve(n);
    by_address_.reserve(n);
}

std::size_t Instances::find(const std::string& address) const {
    const auto it = by_address_.find(address);
    return it == by_address_.end() ? npos : it->second;
}

std::size_t Instances::add(Instance inst) {
    const std::size_t id = list_.size();
    by_address_.emplace(inst.address, id);
    by_resource_[inst.scope + "|" + (inst.data ? "data." : "") + inst.type + "." + inst.name]
        .push_back(id);
    for (std::string s = inst.scope; !s.empty(); s = split_scope(s).parent) {
        if (!modules_.insert(s).second) break;
    }
    list_.push_back(std::move(inst));
    return id;
}

void Instances::attach(const Configuration& configuration) {
    for (Instance& inst : list_) {
        const Module* m = configuration.module(inst.config_scope);
        if (m == nullptr) continue;
        inst.config = m->resource((inst.data ? "data." : "") + inst.type + "." + inst.name);
    }
}

std::vector<std::size_t> Instances::of(bool data, const std::string& type, const Segment& name,
                                       const std::string& scope,
                                       const std::string& self_key) const {
    const auto it = by_resource_.find(scope + "|" + (data ? "data." : "") + type + "." + name.name);
    if (it == by_resource_.end()) return {};
    std::vector<std::size_t> out;
    for (std::size_t id : it->second) {
        if (name.key.empty() || list_[id].key == name.key) out.push_back(id);
    }
    if (name.key.empty() && !self_key.empty()) {
        for (std::size_t id : out) {
            if (list_[id].key == self_key) return {id};
        }
    }
    return out;
}

std::vector<std::string> Instances::of_call(const std::string& scope, const Segment& call,
                                            const Configuration& configuration) const {
    const std::string base = join_scope(scope, "module." + call.name);
    if (!call.key.empty()) return {base + call.key};
    std::vector<std::string> out;
    for (auto it = modules_.lower_bound(base); it != modules_.end(); ++it) {
        if (it->compare(0, base.size(), base) != 0) break;
        const std::string rest = it->substr(base.size());
        if (rest.empty() || (rest[0] == '[' && rest.find("].") == std::string::npos &&
                             rest.find(".module.") == std::string::npos)) {
            out.push_back(*it);
        }
    }
    if (out.empty() && configuration.module(strip_keys(base)) != nullptr && modules_.empty()) {
        out.push_back(base);  // plans without instances (configuration only)
    }
    return out;
}

}  // namespace certlint::readers::tf
