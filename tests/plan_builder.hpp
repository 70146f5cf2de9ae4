// Builds `terraform show -json` plan documents in the real shape (resource_changes,
// planned_values with nested child_modules, prior_state, configuration with module calls)
// for reader unit tests, so each test states only what it is about.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace certlint::test {

using json = nlohmann::json;

inline json refs(std::initializer_list<const char*> r) {
    json out = json::array();
    for (const char* s : r) out.push_back(s);
    return json{{"references", out}};
}
inline json constant(json v) { return json{{"constant_value", std::move(v)}}; }

class PlanBuilder {
public:
    explicit PlanBuilder(std::string version = "1.9.8", std::string format = "1.2")
        : version_(std::move(version)), format_(std::move(format)) {
        doc_["format_version"] = format_;
        doc_["terraform_version"] = version_;
        doc_["configuration"]["root_module"] = json::object();
    }

    // A provider configuration entry; `region` empty = none.
    PlanBuilder& provider(const std::string& key, const std::string& region,
                          const std::string& module_address = {}) {
        json p{{"name", "aws"}, {"full_name", "registry.terraform.io/hashicorp/aws"}};
        const auto dot = key.find('.', key.find(':') == std::string::npos ? 0 : key.find(':'));
        if (dot != std::string::npos) p["alias"] = key.substr(dot + 1);
        if (!module_address.empty()) p["module_address"] = module_address;
        if (!region.empty()) p["expressions"]["region"] = constant(region);
        doc_["configuration"]["provider_config"][key] = p;
        return *this;
    }

    PlanBuilder& variable(const std::string& name, json value) {
        doc_["variables"][name]["value"] = std::move(value);
        return *this;
    }

    // One resource instance: address is absolute; values are `after` (or `before` when the
    // action is delete). `unknown` is after_unknown. `before` defaults to null for creates.
    PlanBuilder& instance(const std::string& address, std::vector<std::string> actions,
                          json after, json unknown = json::object(), json before = nullptr) {
        json r = parse_address(address);
        r["provider_name"] = "registry.terraform.io/hashicorp/aws";
        json change{{"actions", actions}, {"before", before}, {"after", after},
                    {"after_unknown", unknown}};
        r["change"] = change;
        doc_["resource_changes"].push_back(r);
        const bool deleted = actions.size() == 1 && actions[0] == "delete";
        if (!deleted) add_values(doc_["planned_values"]["root_module"], r, after);
        if (!before.is_null()) add_values(doc_["prior_state"]["values"]["root_module"], r, before);
        return *this;
    }

    // A data source read at plan time: only in prior_state.
    PlanBuilder& data(const std::string& address, json values) {
        json r = parse_address(address);
        r["provider_name"] = "registry.terraform.io/hashicorp/aws";
        add_values(doc_["prior_state"]["values"]["root_module"], r, values);
        return *this;
    }

    // A configuration resource in module `module_path` ("" root, "module.a.module.b").
    PlanBuilder& config(const std::string& module_path, const std::string& address,
                        json expressions, const std::string& provider_key = "aws",
                        json extra = json::object()) {
        json r{{"address", address}, {"provider_config_key", provider_key},
               {"expressions", std::move(expressions)}, {"schema_version", 0}};
        const auto dot = address.find('.');
        const bool data = address.rfind("data.", 0) == 0;
        const std::string rest = data ? address.substr(5) : address;
        const auto dot2 = rest.find('.');
        r["mode"] = data ? "data" : "managed";
        r["type"] = rest.substr(0, dot2);
        r["name"] = rest.substr(dot2 + 1);
        (void)dot;
        r.update(extra);
        module(module_path)["resources"].push_back(r);
        return *this;
    }

    PlanBuilder& module_call(const std::string& parent, const std::string& name, json expressions,
                             json extra = json::object()) {
        json& call = module(parent)["module_calls"][name];
        call["source"] = "./modules/" + name;
        call["expressions"] = std::move(expressions);
        call.update(extra);
        if (!call.contains("module")) call["module"] = json::object();
        return *this;
    }

    PlanBuilder& output(const std::string& module_path, const std::string& name, json expression,
                        json extra = json::object()) {
        json out{{"expression", std::move(expression)}};
        out.update(extra);
        module(module_path)["outputs"][name] = out;
        return *this;
    }

    PlanBuilder& module_variable(const std::string& module_path, const std::string& name,
                                 json default_value) {
        module(module_path)["variables"][name]["default"] = std::move(default_value);
        return *this;
    }

    [[nodiscard]] std::string str() const { return doc_.dump(); }
    json& doc() { return doc_; }

private:
    std::string version_;
    std::string format_;
    json doc_;

    json& module(const std::string& path) {
        json* m = &doc_["configuration"]["root_module"];
        std::size_t pos = 0;
        while (pos < path.size()) {
            // path: module.a.module.b
            const auto start = path.find("module.", pos);
            if (start == std::string::npos) break;
            const auto name_start = start + 7;
            auto end = path.find(".module.", name_start);
            const std::string name =
                path.substr(name_start, end == std::string::npos ? std::string::npos : end - name_start);
            m = &(*m)["module_calls"][name]["module"];
            if (end == std::string::npos) break;
            pos = end + 1;
        }
        return *m;
    }

    static json parse_address(const std::string& address) {
        // module.a[0].module.b.aws_x.y["k"] -> module_address, mode, type, name, index
        json r{{"address", address}};
        std::string rest = address;
        std::string module_address;
        while (rest.rfind("module.", 0) == 0) {
            const auto dot = rest.find('.', 7);
            module_address += (module_address.empty() ? "" : ".") + rest.substr(0, dot);
            rest = rest.substr(dot + 1);
        }
        if (!module_address.empty()) r["module_address"] = module_address;
        const bool data = rest.rfind("data.", 0) == 0;
        if (data) rest = rest.substr(5);
        r["mode"] = data ? "data" : "managed";
        const auto dot = rest.find('.');
        r["type"] = rest.substr(0, dot);
        std::string name = rest.substr(dot + 1);
        const auto br = name.find('[');
        if (br != std::string::npos) {
            const std::string key = name.substr(br + 1, name.size() - br - 2);
            r["index"] = key[0] == '"' ? json(key.substr(1, key.size() - 2)) : json(std::stoi(key));
            name = name.substr(0, br);
        }
        r["name"] = name;
        return r;
    }

    static void add_values(json& root, const json& rc, const json& values) {
        json r{{"address", rc["address"]}, {"mode", rc["mode"]}, {"type", rc["type"]},
               {"name", rc["name"]}, {"provider_name", rc["provider_name"]},
               {"schema_version", 0}, {"values", values}, {"sensitive_values", json::object()}};
        if (rc.contains("index")) r["index"] = rc["index"];
        if (!rc.contains("module_address")) {
            root["resources"].push_back(r);
            return;
        }
        const std::string target = rc["module_address"];
        json* m = &root;
        std::string prefix;
        std::string rest = target;
        while (!rest.empty()) {
            const auto next = rest.find(".module.");
            const std::string part = next == std::string::npos ? rest : rest.substr(0, next);
            prefix += (prefix.empty() ? "" : ".") + part;
            rest = next == std::string::npos ? "" : rest.substr(next + 1);
            json* found = nullptr;
            for (auto& child : (*m)["child_modules"]) {
                if (child["address"] == prefix) found = &child;
            }
            if (found == nullptr) {
                (*m)["child_modules"].push_back(json{{"address", prefix}});
                found = &(*m)["child_modules"].back();
            }
            m = found;
        }
        (*m)["resources"].push_back(r);
    }
};

}  // namespace certlint::test
