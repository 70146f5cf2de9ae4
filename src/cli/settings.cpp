// Settings of a check run: the config file first, then the command line on top of it.
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "certlint/engine.hpp"
#include "certlint/rule.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"

namespace certlint::cli {
namespace {

std::string rule_id_of(const std::string& name) {
    const Policy* p = find_policy_any_case(name);
    if (p == nullptr) throw UsageError(fmt::format("unknown rule '{}' (see certlint rules)", name));
    return p->id;
}

}  // namespace

Settings load_settings(const std::string& config_path, const std::string& region,
                       const std::string& fail_on, const std::vector<std::string>& enable,
                       const std::vector<std::string>& disable,
                       const std::vector<std::string>& parameters, const std::string& now) {
    Settings s;
    const std::string config =
        config_path.empty() ? find_config(std::filesystem::current_path()) : config_path;
    if (!config.empty()) read_config(config, s);
    if (!region.empty()) {
        if (!valid_region(region)) {
            throw UsageError("--region must be an AWS region like eu-west-1, not '" + region + "'");
        }
        s.load.region = region;
    }
    if (!fail_on.empty() && !parse_fail_on(fail_on, s.fail_on)) {
        throw UsageError("--fail-on must be error, warning, note or never, not '" + fail_on + "'");
    }
    for (const std::string& r : enable) s.run.rules[rule_id_of(r)].enabled = true;
    for (const std::string& r : disable) s.run.rules[rule_id_of(r)].enabled = false;
    for (const std::string& p : parameters) {
        const auto eq = p.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("--parameter must be NAME=VALUE, not '" + p + "'");
        }
        s.load.parameters[p.substr(0, eq)] = p.substr(eq + 1);
    }
    if (!now.empty()) {
        if (!is_rfc3339(now)) throw UsageError("--now must be an RFC 3339 time, not '" + now + "'");
        s.run.now = now.size() == 10 ? now + "T00:00:00Z" : now;
    }
    return s;
}

bool use_color(bool no_color_flag, bool stdout_is_tty, const char* no_color_env,
               const char* term_env) {
    if (no_color_flag || !stdout_is_tty) return false;
    if (no_color_env != nullptr && *no_color_env != '\0') return false;
    return term_env == nullptr || std::string_view(term_env) != "dumb";
}

}  // namespace certlint::cli
