// .certlint.yaml: region, fail_on, rules (on/off, severity, rule options) and waivers.
// Strict: a typo in a key or a value is an error naming the file and line, never ignored.
#include "cli/config.hpp"

#include <set>
#include <system_error>

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "base/time.hpp"
#include "certlint/rule.hpp"
#include "readers/readers.hpp"

namespace certlint::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* kConfigName = ".certlint.yaml";

struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
    YAML::Mark mark;  // of the value, or of the key when the value is empty
};

class Reader {
public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) const {
        if (mark.is_null()) throw UsageError(fmt::format("{}: {}", path_, what));
        throw UsageError(fmt::format("{}:{}: {}", path_, mark.line + 1, what));
    }

    // The entries of a mapping, refusing keys that are not scalars or appear twice.
    std::vector<Entry> entries(const YAML::Node& map, const std::string& what) const {
        if (!map.IsMap()) fail(map.Mark(), what + " must be a mapping");
        std::vector<Entry> out;
        std::set<std::string> seen;
        for (const auto& kv : map) {
            if (!kv.first.IsScalar()) fail(kv.first.Mark(), "keys in " + what + " must be strings");
            const std::string key = kv.first.Scalar();
            if (!seen.insert(key).second)
                fail(kv.first.Mark(), fmt::format("duplicate key '{}'", key));
            // An empty value has no position of its own; point at its key.
            const YAML::Mark mark = kv.second.IsNull() || kv.second.Mark().is_null()
                                        ? kv.first.Mark()
                                        : kv.second.Mark();
            out.push_back(Entry{key, kv.first, kv.second, mark});
        }
        return out;
    }

    std::string scalar(const Entry& e) const {
        if (!e.value.IsScalar()) fail(e.mark, e.key + " must be a string");
        return e.value.Scalar();
    }

    bool boolean(const Entry& e) const {
        const std::string s = e.value.IsScalar() ? e.value.Scalar() : "";
        if (s == "true") return true;
        if (s == "false") return false;
        fail(e.mark, e.key + " must be true or false");
    }

    std::string rule_id(const std::string& name, const YAML::Mark& mark) const {
        const Policy* p = find_policy(name);
        if (p == nullptr) fail(mark, fmt::format("unknown rule '{}' (see certlint rules)", name));
        return p->id;
    }

    Severity severity(const Entry& e) const {
        const std::string v = scalar(e);
        const auto s = parse_severity(v);
        if (!s) fail(e.mark, fmt::format("severity must be error, warning or note, not '{}'", v));
        return *s;
    }

private:
    std::string path_;
};

bool is_region(const std::string& s) {
    static const RE2 re(R"([a-z]{2}(-[a-z]+)+-\d{1,2})");
    return RE2::FullMatch(s, re);
}

// YYYY-MM-DD on the calendar, as the rules read dates.
bool is_date(const std::string& s) {
    return base::parse_date(s).has_value();
}

bool is_integer(const std::string& s) {
    return !s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string::npos;
}

void read_rules(const Reader& r, const YAML::Node& rules, Settings& s) {
    if (rules.IsNull()) return;
    std::set<std::string> configured;
    for (const Entry& rule : r.entries(rules, "rules")) {
        const std::string id = r.rule_id(rule.key, rule.key_node.Mark());
        if (!configured.insert(id).second) {
            r.fail(rule.key_node.Mark(), fmt::format("rule {} is configured twice", id));
        }
        const Policy& policy = *find_policy(id);
        RuleSettings& rs = s.run.rules[id];
        if (rule.value.IsNull()) continue;
        for (const Entry& e : r.entries(rule.value, "rules." + rule.key)) {
            if (e.key == "enabled") {
                rs.enabled = r.boolean(e);
            } else if (e.key == "severity") {
                rs.severity = r.severity(e);
            } else if (const auto opt = policy.options.find(e.key); opt != policy.options.end()) {
                const std::string v = r.scalar(e);
                if (is_integer(opt->second) && !is_integer(v)) {
                    r.fail(e.mark,
                           fmt::format("{} of {} must be a whole number, not '{}'", e.key, id, v));
                }
                rs.options[e.key] = v;
            } else {
                std::string known = "enabled, severity";
                for (const auto& [k, v] : policy.options) known += ", " + k;
                r.fail(e.key_node.Mark(),
                       fmt::format("unknown key '{}' for rule {} (expected {})", e.key, id, known));
            }
        }
    }
}

void read_waivers(const Reader& r, const YAML::Node& waivers, Settings& s) {
    if (waivers.IsNull()) return;
    if (!waivers.IsSequence()) r.fail(waivers.Mark(), "waivers must be a list");
    for (const YAML::Node& item : waivers) {
        Waiver w;
        w.line = item.Mark().line + 1;
        for (const Entry& e : r.entries(item, "a waiver")) {
            if (e.key == "rule") {
                w.rule = r.rule_id(r.scalar(e), e.mark);
            } else if (e.key == "resource") {
                w.resource_glob = r.scalar(e);
            } else if (e.key == "reason") {
                w.reason = r.scalar(e);
            } else if (e.key == "expires") {
                w.expires = r.scalar(e);
                if (!is_date(w.expires)) {
                    r.fail(e.mark,
                           fmt::format("expires must be a date (YYYY-MM-DD), not '{}'", w.expires));
                }
            } else {
                r.fail(e.key_node.Mark(), fmt::format("unknown key '{}' in a waiver (expected "
                                                      "rule, resource, reason, expires)",
                                                      e.key));
            }
        }
        for (const auto& [key, value] :
             {std::pair{"rule", &w.rule}, std::pair{"resource", &w.resource_glob},
              std::pair{"reason", &w.reason}}) {
            if (value->empty()) r.fail(item.Mark(), fmt::format("a waiver needs a '{}'", key));
        }
        s.run.waivers.push_back(std::move(w));
    }
}

// ---- policies: custom policy files and directories (section 8) ---------------------------

// The `policies` list: paths relative to the config file's directory.
std::vector<std::string> read_policy_paths(const Reader& r, const Entry& e) {
    std::vector<std::string> out;
    if (e.value.IsNull()) return out;
    if (!e.value.IsSequence()) r.fail(e.mark, "policies must be a list of files or directories");
    for (const YAML::Node& item : e.value) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            r.fail(item.Mark(), "policies must be a list of files or directories");
        }
        out.push_back(item.Scalar());
    }
    return out;
}

}  // namespace

bool valid_region(const std::string& region) {
    return is_region(region);
}

std::vector<std::string> config_policy_paths(const std::string& path) {
    const fs::path dir = fs::path(path).parent_path();
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path beside = dir / ".certlint" / "policies";
    if (fs::is_directory(beside, ec)) out.push_back(beside.lexically_normal().string());
    if (fs::is_directory(path, ec)) return out;  // read_config says what is wrong
    const std::string text = read_whole_file(path, "config file");
    const Reader r(path);
    YAML::Node doc;
    try {
        doc = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        r.fail(e.mark, "invalid YAML: " + e.msg);
    }
    if (!doc.IsMap()) return out;  // read_config says what is wrong
    for (const Entry& e : r.entries(doc, "the config file")) {
        if (e.key != "policies") continue;
        for (const std::string& p : read_policy_paths(r, e)) {
            const fs::path resolved = fs::path(p).is_absolute() ? fs::path(p) : dir / p;
            if (!fs::exists(resolved, ec)) {
                r.fail(e.mark, fmt::format("policies: no such file or directory '{}'", p));
            }
            out.push_back(resolved.lexically_normal().string());
        }
    }
    return out;
}

std::string find_config(const fs::path& dir) {
    std::error_code ec;
    const fs::path start = fs::absolute(dir, ec);
    if (ec) return {};
    fs::path up;
    for (fs::path d = start;; d = d.parent_path()) {
        if (fs::is_regular_file(d / kConfigName, ec)) {
            return (up / kConfigName).lexically_normal().string();
        }
        if (d == d.parent_path() || d.empty()) return {};
        up /= "..";
    }
}

bool parse_fail_on(const std::string& value, std::optional<Severity>& out) {
    if (value == "never") {
        out = std::nullopt;
        return true;
    }
    const auto severity = parse_severity(value);
    if (severity) out = *severity;
    return severity.has_value();
}

std::string read_whole_file(const std::string& path, const std::string& what) {
    try {
        return readers::read_file(path);
    } catch (const InputError&) {
        throw UsageError(path + ": cannot read " + what);
    }
}

void read_config(const std::string& path, Settings& s) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw UsageError(path + ": is a directory, not a config file");
    const std::string text = read_whole_file(path, "config file");
    const Reader r(path);
    YAML::Node doc;
    try {
        doc = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        r.fail(e.mark, "invalid YAML: " + e.msg);
    }
    if (doc.IsNull()) return;  // an empty file configures nothing
    for (const Entry& e : r.entries(doc, "the config file")) {
        if (e.key == "region") {
            const std::string region = r.scalar(e);
            if (!is_region(region)) {
                r.fail(e.mark, fmt::format("region must be an AWS region like eu-west-1, not '{}'",
                                           region));
            }
            s.load.region = region;
        } else if (e.key == "fail_on") {
            const std::string v = r.scalar(e);
            if (!parse_fail_on(v, s.fail_on)) {
                r.fail(e.mark, fmt::format("fail_on must be error, warning, note or never, not "
                                           "'{}'",
                                           v));
            }
        } else if (e.key == "rules") {
            read_rules(r, e.value, s);
        } else if (e.key == "waivers") {
            read_waivers(r, e.value, s);
        } else if (e.key == "policies") {
            (void)read_policy_paths(r, e);  // loaded before the rest (config_policy_paths)
        } else {
            r.fail(e.key_node.Mark(), fmt::format("unknown key '{}' (expected region, fail_on, "
                                                  "rules, waivers, policies)",
                                                  e.key));
        }
    }
}

}  // namespace certlint::cli
