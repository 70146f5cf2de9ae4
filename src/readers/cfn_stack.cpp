// Loading templates into stacks: the template checks, nested stacks with local templates.
#include "readers/cfn_stack.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

#include "readers/readers.hpp"

namespace certlint::readers::cfn {

namespace fs = std::filesystem;

const Node* Stack::resource(std::string_view logical_id) const {
    const Node* resources = section("Resources");
    return resources == nullptr ? nullptr : resources->get(logical_id);
}

std::string Stack::type_of(std::string_view logical_id) const {
    const Node* r = resource(logical_id);
    return r == nullptr ? std::string() : resource_type(*r);
}

std::string resource_type(const Node& resource) {
    const Node* type = resource.get("Type");
    return type != nullptr && type->is_scalar() ? type->text : std::string();
}

std::string partition_of(const std::string& region) {
    if (region.rfind("cn-", 0) == 0) return "aws-cn";
    if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
    if (region.rfind("us-isob-", 0) == 0) return "aws-iso-b";
    if (region.rfind("us-iso-", 0) == 0) return "aws-iso";
    return "aws";
}

MaybeString deploy_region(const LoadOptions& opts) {
    if (opts.region && !opts.region->empty()) return MaybeString{opts.region, {}};
    for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const char* value = std::getenv(var);
        if (value != nullptr && *value != '\0') return MaybeString{std::string(value), {}};
    }
    return MaybeString{std::nullopt, "no deploy region: pass --region or set AWS_REGION"};
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError(path, "read error");
    return decode_text(path, std::move(bytes));
}

namespace {

std::string describe(const Node& doc) {
    switch (doc.kind) {
        case Node::Kind::Null: return "empty";
        case Node::Kind::Scalar: return "a single value";
        case Node::Kind::Sequence: return "a list";
        case Node::Kind::Mapping: break;
    }
    return "a mapping";
}

// AWS::LanguageExtensions loops (`Fn::ForEach::Name: [...]`) in place of resources.
bool is_for_each(const std::string& key) {
    return key.rfind("Fn::ForEach::", 0) == 0;
}

// Refuses documents that are not templates, so nothing unreadable is reported clean.
void check_template(const std::string& path, const Node& doc) {
    if (!doc.is_mapping()) {
        throw InputError(path, "not a CloudFormation template: the document is " + describe(doc));
    }
    const Entry* resources = doc.entry("Resources");
    if (resources == nullptr && doc.get("AWSTemplateFormatVersion") == nullptr) {
        throw InputError(path, "not a CloudFormation template: no Resources section");
    }
    if (resources == nullptr || resources->value.kind == Node::Kind::Null) return;
    if (!resources->value.is_mapping()) {
        throw InputError(path,
                         fmt::format("line {}: Resources must be a mapping", resources->line));
    }
    for (const Entry& r : resources->value.entries) {
        if (is_for_each(r.key)) continue;
        if (!r.value.is_mapping() || resource_type(r.value).empty()) {
            throw InputError(path, fmt::format("line {}: resource {} has no Type", r.line, r.key));
        }
    }
}

// The literal text of a TemplateURL-like value (a string, or Fn::Sub without variables).
std::optional<std::string> plain_text(const Node* n) {
    if (n == nullptr) return std::nullopt;
    if (n->is_scalar()) return n->text;
    if (n->function() == "Fn::Sub" && n->argument().is_scalar() &&
        n->argument().text.find("${") == std::string::npos) {
        return n->argument().text;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> nested_template(const Node& resource) {
    const std::string type = resource_type(resource);
    if (type != "AWS::CloudFormation::Stack" && type != "AWS::Serverless::Application") {
        return std::nullopt;
    }
    const Node* meta = resource.get("Metadata");
    if (meta != nullptr) {
        const auto property = plain_text(meta->get("aws:asset:property"));
        auto asset = plain_text(meta->get("aws:asset:path"));
        if (asset && property == "TemplateURL") return asset;
    }
    const Node* props = resource.get("Properties");
    if (props == nullptr) return std::string();
    const auto url =
        plain_text(props->get(type == "AWS::CloudFormation::Stack" ? "TemplateURL" : "Location"));
    return url ? *url : std::string();
}

bool is_remote_template(const std::string& url) {
    return url.empty() || url.find("://") != std::string::npos;
}

std::string nested_template_path(const std::string& parent, const std::string& url) {
    return (fs::path(parent).parent_path() / url).lexically_normal().string();
}

std::string canonical_path(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

Stack& World::add_root(const std::string& path, const std::string& text, const Environment& env) {
    auto stack = std::make_unique<Stack>();
    stack->path = path;
    stack->name = env.stack_name;
    stack->prefix = env.stack_name.empty() ? std::string() : env.stack_name + "/";
    stack->input = input_;
    stack->region = env.region;
    if (env.region.known()) stack->partition = partition_of(*env.region.value);
    stack->account = env.account;
    std::vector<std::string> chain;
    return load(path, text, std::move(stack), chain);
}

Stack& World::load(const std::string& path, const std::string& text, std::unique_ptr<Stack> stack,
                   std::vector<std::string>& chain) {
    stack->doc = parse_document(path, text);
    check_template(path, stack->doc);
    Stack& ref = *stack;
    stacks_.push_back(std::move(stack));
    chain.push_back(canonical_path(path));
    load_children(ref, chain);
    chain.pop_back();
    return ref;
}

void World::load_children(Stack& stack, std::vector<std::string>& chain) {
    const Node* resources = stack.section("Resources");
    if (resources == nullptr || !resources->is_mapping()) return;
    for (const Entry& r : resources->entries) {
        if (is_for_each(r.key)) {
            model_.notes.push_back(
                fmt::format("{}: {} is not expanded; the resources it makes are "
                            "not checked",
                            stack.path, r.key));
            continue;
        }
        const auto url = nested_template(r.value);
        if (!url) continue;
        if (is_remote_template(*url)) {
            model_.notes.push_back(
                fmt::format("{}: nested stack {}{} is not followed: its template "
                            "is not a local file",
                            stack.path, stack.prefix, r.key));
            continue;
        }
        const std::string child_path = nested_template_path(stack.path, *url);
        std::error_code ec;
        if (!fs::is_regular_file(child_path, ec)) {
            throw InputError(stack.path,
                             fmt::format("line {}: nested stack {}: template {} not found", r.line,
                                         r.key, child_path));
        }
        const std::string key = canonical_path(child_path);
        if (std::find(chain.begin(), chain.end(), key) != chain.end() ||
            chain.size() >= static_cast<std::size_t>(kMaxNestedDepth)) {
            throw InputError(stack.path, fmt::format("line {}: nested stack {}: template {} nests "
                                                     "itself or is nested too deeply",
                                                     r.line, r.key, child_path));
        }
        auto child = std::make_unique<Stack>();
        child->path = child_path;
        child->prefix = stack.prefix + r.key + "/";
        child->input = stack.input;
        child->region = stack.region;
        child->partition = stack.partition;
        child->account = stack.account;
        child->parent = &stack;
        const Node* props = r.value.get("Properties");
        child->bindings = props == nullptr ? nullptr : props->get("Parameters");
        stack.children[r.key] =
            &load(child_path, read_text_file(child_path), std::move(child), chain);
    }
}

const Stack* World::find_stack(const std::string& name, const std::string& region) const {
    for (const auto& s : stacks_) {
        if (s->name != name || s->name.empty()) continue;
        if (region.empty() || !s->region.known() || *s->region.value == region) return s.get();
    }
    return nullptr;
}

}  // namespace certlint::readers::cfn
