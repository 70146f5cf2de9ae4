// Fast reading of `terraform show -json` output: one streaming pass (JsonScanner) that keeps
// only what the Terraform reader uses, as a small nlohmann::json document of the same shape.
// Kept: resource_changes entries (identity, previous_address, actions, importing,
// before/after/after_unknown), the resources of planned_values / prior_state / state values
// module trees (identity and values), configuration, variables and the version keys. Resource
// values keep the attribute paths read_terraform reads (terraform_value_keys) and, in
// before/after/values, any string attribute holding a certificate ARN (references may read it);
// after_unknown keeps only what has a `true` below it. Nested blocks keep only the keys read in
// their objects, and are dropped when none is left. Null members (which read as missing) and mode
// "managed" (only "data" is looked for) are dropped. Everything else is validated and skipped
// unstored.
//
// Terraform writes planned_values before resource_changes, and prior_state after them. The
// values of a resource that also has a resource change are not needed (the reader takes the
// change's), so tree resources are held as compact text (their kept parts, copied while
// scanning) until the changes are known, then dropped or parsed: no second read of the input.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "readers/json_scan.hpp"
#include "readers/json_util.hpp"
#include "readers/terraform_json.hpp"
#include "readers/terraform_address.hpp"

namespace certlint::readers {
namespace {

using json = nlohmann::json;

struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using KeySet = std::unordered_set<std::string, Hash, std::equal_to<>>;

// What is kept of an attribute: all of it, or (nested blocks) only some keys of its objects,
// at any list depth.
struct Rule {
    bool whole = false;
    KeySet keys;
};
// Rules by attribute name, with a filter on (first byte, length) that answers most lookups
// of other keys without hashing.
class Rules {
public:
    Rule& operator[](const std::string& key) {
        const auto first = static_cast<unsigned char>(key.empty() ? 0 : key[0]);
        filter_[first] |= std::uint64_t{1} << (key.size() & 63);
        return rules_[key];
    }
    const Rule* find(std::string_view key) const {
        const auto first = static_cast<unsigned char>(key.empty() ? 0 : key[0]);
        if ((filter_[first] & (std::uint64_t{1} << (key.size() & 63))) == 0) return nullptr;
        const auto it = rules_.find(key);
        return it == rules_.end() ? nullptr : &it->second;
    }

private:
    std::unordered_map<std::string, Rule, Hash, std::equal_to<>> rules_;
    std::array<std::uint64_t, 256> filter_{};
};

Rules rules_of(const std::vector<std::vector<std::string>>& paths) {
    Rules rules;
    for (const auto& path : paths) {
        std::vector<std::string> steps;
        for (const std::string& s : path) {
            if (s != "*") steps.push_back(s);
        }
        if (steps.empty()) continue;
        Rule& rule = rules[steps[0]];
        if (steps.size() == 1) {
            rule.whole = true;
        } else {
            rule.keys.insert(steps[1]);
        }
    }
    return rules;
}

struct KeySets {
    Rules values;
    Rules unknown;
};

const KeySets& key_sets() {
    static const KeySets sets = [] {
        const TerraformValueKeys keys = terraform_value_keys();
        return KeySets{rules_of(keys.values), rules_of(keys.unknown)};
    }();
    return sets;
}

// Other string attributes are kept when they hold a certificate ARN: references to them
// (an SSM parameter's value, a custom resource's output) lead to certificates.
bool is_certificate_arn(std::string_view s) {
    return s.size() > 20 && s.compare(0, 4, "arn:") == 0 &&
           s.find(":acm:") != std::string_view::npos && is_acm_certificate_arn(std::string(s));
}


void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    std::size_t plain = 0;  // start of the run not yet appended
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c != '"' && c != '\\' && c >= 0x20) continue;
        out.append(s.data() + plain, i - plain);
        plain = i + 1;
        if (c < 0x20) {
            out += fmt::format("\\u{:04x}", c);
        } else {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        }
    }
    out.append(s.data() + plain, s.size() - plain);
    out.push_back('"');
}

enum class Tree { Planned, Prior, State };

class PlanParser {
public:
    explicit PlanParser(JsonScanner& s) : s_(s) {}

    std::optional<json> parse() {
        if (!s_.enter_object()) {
            s_.skip();
            s_.expect_end();
            return std::nullopt;
        }
        json out(json::value_t::object);
        bool first = true;
        bool skipped = false;  // top-level keys that are not kept
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (key == "resource_changes") {
                if (changes_seen_) s_.fail("duplicate key \"resource_changes\"");
                json& changes = out["resource_changes"] = resource_changes();
                index_changes(changes);
                changes_seen_ = true;
            } else if (key == "planned_values") {
                out["planned_values"] = values_root(Tree::Planned);
            } else if (key == "values") {
                out["values"] = values_root(Tree::State);
            } else if (key == "prior_state") {
                out["prior_state"] = prior_state();
            } else if (key == "format_version" || key == "terraform_version" ||
                       key == "variables" || key == "configuration" || key == "applyable" ||
                       key == "complete" || key == "errored") {
                std::string name(key);  // before the value is read, which moves the key
                out[name] = s_.value();
            } else {
                s_.skip();
                skipped = true;
            }
        }
        s_.expect_end();
        if (!out.contains("format_version")) return std::nullopt;
        // A lone format_version is an empty state (is_terraform_json); with other keys it is
        // some other document that happens to have one.
        if (skipped && out.size() == 1) return std::nullopt;
        for (const char* tree : {"planned_values", "values"}) {
            settle_tree(member(out, tree), std::string_view(tree) == "values");
        }
        settle_tree(member(member(out, "prior_state"), "values"), true);
        release();
        return out;
    }

private:
    // A tree resource held as text until the resource changes are known.
    struct Deferred {
        std::string_view address;
        std::string_view text;
    };
    static constexpr std::size_t kPoolBlock = std::size_t{4} << 20;

    JsonScanner& s_;
    std::string text_;
    std::vector<Deferred> deferred_;
    std::vector<std::unique_ptr<char[]>> pool_;
    char* pool_next_ = nullptr;
    std::size_t pool_left_ = 0;
    // Resources lists holding deferred resources -> index of their first one in deferred_.
    std::unordered_map<const json::array_t*, std::size_t> first_deferred_;
    bool changes_seen_ = false;
    // Absolute addresses of current resource changes -> their `before` is null.
    std::unordered_map<std::string, bool> changed_;

    // before, after, values (unknown = false) and after_unknown (unknown = true).
    json resource_values(bool unknown) {
        if (!s_.enter_object()) return s_.value();
        const Rules& rules = unknown ? key_sets().unknown : key_sets().values;
        json out(json::value_t::object);
        auto& object = *out.get_ptr<json::object_t*>();
        bool first = true;
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (const Rule* rule = rules.find(key)) {
                std::string name(key);
                json v = rule->whole ? s_.value() : block(rule->keys);
                if (v.is_null() || (unknown && !is_true_anywhere(v))) continue;
                if (!rule->whole && !has_member(v)) continue;  // reads as missing
                object.insert_or_assign(std::move(name), std::move(v));
            } else if (!unknown && s_.peek() == '"') {
                std::string name(key);
                const std::string_view v = s_.string();
                if (is_certificate_arn(v)) object.insert_or_assign(std::move(name), json(v));
            } else {
                s_.skip();
            }
        }
        return out;
    }

    // A nested block: of its objects (at any list depth), only `keys`.
    json block(const KeySet& keys) {
        if (s_.enter_array()) {
            json out(json::value_t::array);
            auto& list = *out.get_ptr<json::array_t*>();
            bool first = true;
            while (s_.next_element(first)) list.push_back(block(keys));
            return out;
        }
        if (!s_.enter_object()) return s_.value();
        json out(json::value_t::object);
        auto& object = *out.get_ptr<json::object_t*>();
        bool first = true;
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (keys.find(key) != keys.end()) {
                std::string name(key);
                json v = s_.value();
                object.insert_or_assign(std::move(name), std::move(v));
            } else {
                s_.skip();
            }
        }
        return out;
    }

    // A member read only as a string or for null-ness: null reads as missing.
    void put(json& out, std::string_view key) {
        std::string name(key);
        json v = s_.value();
        if (!v.is_null()) out[name] = std::move(v);
    }

    // "mode" is only compared with "data".
    void put_mode(json& out) {
        json v = s_.value();
        if (v.is_string() && v.get_ref<const std::string&>() == "data") out["mode"] = std::move(v);
    }

    // Reads an object member by member: `take(out, key)` reads the members it wants and
    // returns false for the others, which are skipped. A value that is not an object is
    // returned as it is.
    template <typename Take>
    json object(Take&& take) {
        if (!s_.enter_object()) return s_.value();
        json out(json::value_t::object);
        bool first = true;
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (!take(out, key)) s_.skip();
        }
        return out;
    }

    json change() {
        return object([&](json& out, std::string_view key) {
            if (key == "actions" || key == "importing") {
                std::string name(key);
                out[name] = s_.value();
            } else if (key == "before" || key == "after") {
                std::string name(key);
                json v = resource_values(false);
                if (!v.is_null()) out[name] = std::move(v);
            } else if (key == "after_unknown") {
                json v = resource_values(true);
                if (is_true_anywhere(v)) out["after_unknown"] = std::move(v);
            } else {
                return false;
            }
            return true;
        });
    }

    json resource_change() {
        return object([&](json& out, std::string_view key) {
            if (key == "change") {
                out["change"] = change();
            } else if (key == "mode") {
                put_mode(out);
            } else if (key == "address" || key == "module_address" || key == "type" ||
                       key == "name" || key == "index" || key == "deposed" ||
                       key == "previous_address") {
                put(out, key);
            } else {
                return false;
            }
            return true;
        });
    }

    json resource_changes() {
        if (!s_.enter_array()) return s_.value();
        json out(json::value_t::array);
        auto& list = *out.get_ptr<json::array_t*>();
        bool first = true;
        while (s_.next_element(first)) list.push_back(resource_change());
        return out;
    }

    // The resources the Terraform reader adds from resource changes (same iteration).
    void index_changes(const json& changes) {
        changed_.clear();
        for (const auto& rc : changes) {
            if (!member(rc, "deposed").is_null()) continue;
            std::string address =
                tf::absolute_address(str_or(rc, "address"), str_or(rc, "module_address"));
            if (address.empty()) continue;
            changed_[std::move(address)] = member(member(rc, "change"), "before").is_null();
        }
    }

public:
    // A tree resource as the Terraform reader needs it.
    json tree_resource() {
        return object([&](json& out, std::string_view key) {
            if (key == "values") {
                json v = resource_values(false);
                if (!v.is_null()) out["values"] = std::move(v);
            } else if (key == "mode") {
                put_mode(out);
            } else if (key == "address" || key == "type" || key == "name" || key == "index") {
                put(out, key);
            } else {
                return false;
            }
            return true;
        });
    }

private:
    // Held as text only while the resource changes are still to come (planned_values); once
    // they are known (prior_state comes after them) settle() can drop parsed resources.
    json resource(Tree tree) {
        if (tree == Tree::State || changes_seen_ || s_.peek() != '{') return tree_resource();
        return deferred_resource();
    }

    // A tree resource held until the resource changes are known: its address and the text
    // of the members tree_resource() reads (parsed by it if the resource is kept), in the
    // text pool; a discarded value marks its place in the resources list.
    json deferred_resource() {
        s_.enter_object();
        std::string& text = text_;
        text.assign("{");
        std::string address;
        const auto member_key = [&](std::string_view key) {
            if (text.size() > 1) text.push_back(',');
            append_json_string(text, key);
            text.push_back(':');
        };
        bool first = true;
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (key == "address") {
                member_key(key);
                if (s_.peek() == '"') {
                    address = s_.string();
                    append_json_string(text, address);
                } else {
                    s_.skip_into(text);
                }
            } else if (key == "mode" || key == "type" || key == "name" || key == "index") {
                member_key(key);
                s_.skip_into(text);
            } else if (key == "values") {
                member_key(key);
                values_text(text);
            } else {
                s_.skip();
            }
        }
        text.push_back('}');
        deferred_.push_back(Deferred{pool(address), pool(text)});
        return json(json::value_t::discarded);
    }

    // The text of resource values with the members resource_values() may keep.
    void values_text(std::string& text) {
        if (!s_.enter_object()) return s_.skip_into(text);
        text.push_back('{');
        const std::size_t start = text.size();
        const Rules& rules = key_sets().values;
        bool first = true;
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (rules.find(key) != nullptr) {
                if (text.size() > start) text.push_back(',');
                append_json_string(text, key);
                text.push_back(':');
                s_.skip_into(text);
            } else if (s_.peek() == '"') {
                std::string name(key);
                const std::string_view v = s_.string();
                if (!is_certificate_arn(v)) continue;
                if (text.size() > start) text.push_back(',');
                append_json_string(text, name);
                text.push_back(':');
                append_json_string(text, v);
            } else {
                s_.skip();
            }
        }
        text.push_back('}');
    }

    // Text kept in large blocks (freed whole once the resources are settled).
    std::string_view pool(std::string_view text) {
        if (text.empty()) return {};  // memcpy from/to a null pointer is undefined
        if (text.size() > pool_left_) {
            const std::size_t size = std::max(kPoolBlock, text.size());
            pool_.push_back(std::make_unique<char[]>(size));
            pool_next_ = pool_.back().get();
            pool_left_ = size;
        }
        char* at = pool_next_;
        std::memcpy(at, text.data(), text.size());
        pool_next_ += text.size();
        pool_left_ -= text.size();
        return {at, text.size()};
    }

    json materialize(const Deferred& d) const {
        JsonScanner text(s_.path(), d.text);
        return PlanParser(text).tree_resource();
    }

    json resources(Tree tree) {
        if (!s_.enter_array()) return s_.value();
        json out(json::value_t::array);
        auto& list = *out.get_ptr<json::array_t*>();
        const std::size_t first_deferred = deferred_.size();
        bool first = true;
        while (s_.next_element(first)) list.push_back(resource(tree));
        if (deferred_.size() > first_deferred) first_deferred_[&list] = first_deferred;
        return out;
    }

    json module(Tree tree) {
        if (!s_.enter_object()) return s_.value();
        json out(json::value_t::object);
        bool first = true;
        std::string_view key;
        while (s_.next_key(first, key)) {
            if (key == "address") {
                out["address"] = s_.value();
            } else if (key == "resources") {
                out["resources"] = resources(tree);
            } else if (key == "child_modules") {
                if (s_.enter_array()) {
                    json& list = out["child_modules"] = json::array();
                    bool first_child = true;
                    while (s_.next_element(first_child)) list.push_back(module(tree));
                } else {
                    out["child_modules"] = s_.value();
                }
            } else {
                s_.skip();
            }
        }
        if (changes_seen_) settle(out, tree != Tree::Planned);
        return out;
    }

    // {root_module: ...} of planned_values, prior_state.values and state values.
    json values_root(Tree tree) {
        return object([&](json& out, std::string_view key) {
            if (key != "root_module") return false;
            out["root_module"] = module(tree);
            return true;
        });
    }

    json prior_state() {
        return object([&](json& out, std::string_view key) {
            if (key != "values") return false;
            out["values"] = values_root(Tree::Prior);
            return true;
        });
    }

    // Frees the deferred text and gives the memory of everything not kept back.
    void release() {
        std::vector<Deferred>().swap(deferred_);
        std::vector<std::unique_ptr<char[]>>().swap(pool_);
        pool_left_ = 0;
        first_deferred_.clear();
        std::string().swap(text_);
        changed_.clear();
    }

    // The reader ignores the values of a tree resource that has a resource change, except
    // prior values when the change has no `before`: such resources are dropped.
    bool dropped(const std::string& address, bool prior) const {
        const auto it = changed_.find(address);
        return it != changed_.end() && (!prior || !it->second);
    }

    void settle(json& module, bool prior) const {
        const auto it = module.find("resources");
        if (it == module.end() || !it->is_array()) return;
        const std::string scope = str_or(module, "address");
        const auto deferred = first_deferred_.find(it->get_ptr<const json::array_t*>());
        std::size_t next = deferred == first_deferred_.end() ? deferred_.size() : deferred->second;
        json::array_t kept;
        for (json& r : *it) {
            if (r.is_discarded()) {
                const Deferred& d = deferred_.at(next++);
                if (dropped(tf::absolute_address(std::string(d.address), scope), prior)) continue;
                kept.push_back(materialize(d));
            } else if (r.is_object() &&
                       dropped(tf::absolute_address(str_or(r, "address"), scope), prior)) {
                continue;
            } else {
                kept.push_back(std::move(r));
            }
        }
        *it = std::move(kept);
    }

    void settle_tree(const json& root, bool prior) const {
        settle_modules(const_cast<json&>(member(root, "root_module")), prior);
    }

    void settle_modules(json& module, bool prior) const {
        if (!module.is_object()) return;
        settle(module, prior);
        const auto children = module.find("child_modules");
        if (children == module.end() || !children->is_array()) return;
        for (json& child : *children) settle_modules(child, prior);
        // Modules left without resources add nothing (planned values of changed resources).
        auto& list = children->get_ref<json::array_t&>();
        list.erase(std::remove_if(list.begin(), list.end(), is_empty_module), list.end());
    }

    static bool is_empty_module(const json& module) {
        if (!module.is_object()) return false;
        for (const char* key : {"resources", "child_modules"}) {
            const json& list = member(module, key);
            if (!list.is_null() && !(list.is_array() && list.empty())) return false;
        }
        return true;
    }
};

}  // namespace

std::optional<json> parse_terraform_json(JsonScanner& scanner) {
    return PlanParser(scanner).parse();
}

std::optional<json> parse_terraform_json(const std::string& path, std::string_view text) {
    JsonScanner scanner(path, text);
    return parse_terraform_json(scanner);
}

std::optional<json> parse_terraform_json_file(const std::string& path, std::FILE* file,
                                              std::uint64_t offset, std::size_t chunk) {
    JsonScanner scanner(path, file, offset, chunk);
    return parse_terraform_json(scanner);
}

}  // namespace certlint::readers
