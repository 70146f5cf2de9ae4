// CDK cloud assemblies (cdk.out): every stack of manifest.json, with the environment the
// manifest gives it, read as one deployment so cross-stack references can be followed.
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "readers/cfn_model.hpp"
#include "readers/cfn_stack.hpp"
#include "readers/readers.hpp"

namespace certlint::readers {

namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

constexpr int kMaxAssemblyDepth = 8;  // nested assemblies (CDK stages)

std::string string_at(const ojson& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "aws://ACCOUNT/REGION"; unknown-account / unknown-region fall back like templates.
cfn::Environment environment(const std::string& env, const std::string& stack_name,
                             const LoadOptions& opts) {
    cfn::Environment out{cfn::deploy_region(opts), std::nullopt, stack_name};
    const std::string scheme = "aws://";
    if (env.rfind(scheme, 0) != 0) return out;
    const std::string rest = env.substr(scheme.size());
    const auto slash = rest.find('/');
    const std::string account = rest.substr(0, slash);
    const std::string region = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
    if (!account.empty() && account != "unknown-account") out.account = account;
    if (!region.empty() && region != "unknown-region") out.region = MaybeString{region, {}};
    return out;
}

// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ...".
std::string json_problem(const ojson::exception& e) {
    const std::string what = e.what();
    const auto at = what.find("] ");
    return at == std::string::npos ? what : what.substr(at + 2);
}

ojson read_manifest(const std::string& path) {
    const std::string text = read_text_file(path);
    try {
        // Any json::exception: parse_error, but also out_of_range (a number that overflows).
        return ojson::parse(text);
    } catch (const ojson::exception& e) {
        throw InputError(path, "invalid JSON: " + json_problem(e));
    }
}

void add_stacks(cfn::World& world, const fs::path& dir, const std::string& manifest_path,
                const ojson& manifest, const LoadOptions& opts, int depth);

void add_assembly(cfn::World& world, const fs::path& dir, const LoadOptions& opts, int depth) {
    const std::string manifest_path = (dir / "manifest.json").string();
    if (depth > kMaxAssemblyDepth)
        throw InputError(manifest_path, "cloud assemblies nested too deeply");
    const ojson manifest = read_manifest(manifest_path);
    try {
        add_stacks(world, dir, manifest_path, manifest, opts, depth);
    } catch (const ojson::exception& e) {
        throw InputError(manifest_path, "unexpected manifest structure: " + json_problem(e));
    }
}

// The stacks (and nested assemblies) of one parsed manifest.json.
void add_stacks(cfn::World& world, const fs::path& dir, const std::string& manifest_path,
                const ojson& manifest, const LoadOptions& opts, int depth) {
    const auto artifacts = manifest.find("artifacts");
    if (!manifest.is_object() || artifacts == manifest.end() || !artifacts->is_object()) return;
    for (const auto& [id, artifact] : artifacts->items()) {
        if (!artifact.is_object()) continue;
        const std::string type = string_at(artifact, "type");
        const auto props_it = artifact.find("properties");
        const ojson props =
            props_it != artifact.end() && props_it->is_object() ? *props_it : ojson::object();
        if (type == "cdk:cloud-assembly") {
            const std::string sub = string_at(props, "directoryName");
            if (!sub.empty()) add_assembly(world, dir / sub, opts, depth + 1);
            continue;
        }
        if (type != "aws:cloudformation:stack") continue;
        const std::string file = string_at(props, "templateFile");
        if (file.empty()) {
            throw InputError(manifest_path,
                             fmt::format("stack artifact {} has no templateFile", id));
        }
        const std::string name = string_at(props, "stackName");
        const std::string path = (dir / file).string();
        world.add_root(
            path, cfn::parse_template_file(path),
            environment(string_at(artifact, "environment"), name.empty() ? id : name, opts));
    }
}

}  // namespace

void read_cdk_assembly(Model& model, const std::string& dir, const LoadOptions& opts) {
    model.inputs.push_back(Input{dir, InputKind::CdkAssembly});
    cfn::World world(model, opts, model.inputs.size() - 1);
    add_assembly(world, fs::path(dir), opts, 0);
    cfn::build_model(world);
}

}  // namespace certlint::readers
