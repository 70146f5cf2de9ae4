// Loading templates into stacks: the template checks, nested stacks with local templates.
#include "readers/cfn_stack.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "certlint/rule.hpp"
#include "readers/cfn_model.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"

namespace certlint::readers::cfn {

namespace fs = std::filesystem;

void Stack::index() {
    indexes_.clear();
    for (const char* name : {"Resources", "Outputs", "Parameters", "Conditions", "Mappings"}) {
        const Node* mapping = section(name);
        if (mapping == nullptr || !mapping->is_mapping()) continue;
        Index& index = indexes_.emplace_back();
        index.section = name;
        index.mapping = mapping;
        index.members.reserve(mapping->entries().size());
        for (const Entry& e : mapping->entries())
            index.members.emplace(e.key(), &e.value);  // first wins
    }
}

const Node* Stack::member(std::string_view section_name, std::string_view name) const {
    for (const Index& index : indexes_) {
        if (index.section != section_name) continue;
        const auto it = index.members.find(name);
        return it == index.members.end() ? nullptr : it->second;
    }
    const Node* mapping = section(section_name);
    return mapping == nullptr ? nullptr : mapping->get(name);
}

std::string_view Stack::type_of(std::string_view logical_id) const {
    const Node* r = resource(logical_id);
    return r == nullptr ? std::string_view() : resource_type(*r);
}

std::string_view resource_type(const Node& resource) {
    const Node* type = resource.get("Type");
    return type != nullptr ? type->text() : std::string_view();
}

MaybeString deploy_region(const LoadOptions& opts) {
    if (opts.region && !opts.region->empty()) return MaybeString{opts.region, {}};
    for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const char* value = std::getenv(var);
        if (value != nullptr && *value != '\0') return MaybeString{std::string(value), {}};
    }
    return MaybeString{std::nullopt, "no deploy region: pass --region or set AWS_REGION"};
}

Document parse_template_file(const std::string& path) {
    if (auto json = open_json_file(path)) {
        JsonScanner scanner(path, json->file.get(), json->offset);
        return parse_json_template(scanner);
    }
    return parse_document(path, read_text_file(path));
}

Document parse_json_template(JsonScanner& scanner) {
    return parse_json(scanner, &template_keep_rules());
}

namespace {

std::string describe(const Node& doc) {
    switch (doc.kind()) {
        case Node::Kind::Null: return "empty";
        case Node::Kind::Scalar: return "a single value";
        case Node::Kind::Sequence: return "a list";
        case Node::Kind::Mapping: break;
    }
    return "a mapping";
}

// AWS::LanguageExtensions loops (`Fn::ForEach::Name: [...]`) in place of resources.
bool is_for_each(std::string_view key) {
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
    if (resources == nullptr || resources->value.kind() == Node::Kind::Null) return;
    if (!resources->value.is_mapping()) {
        throw InputError(path,
                         fmt::format("line {}: Resources must be a mapping", resources->line));
    }
    for (const Entry& r : resources->value.entries()) {
        if (is_for_each(r.key())) continue;
        if (!r.value.is_mapping() || resource_type(r.value).empty()) {
            throw InputError(path,
                             fmt::format("line {}: resource {} has no Type", r.line, r.key()));
        }
    }
}

// Refuses `Metadata: {certlint: {ignore: [...]}}` entries that are not rule IDs or names:
// a typo must not silently leave a finding unsuppressed (suppressed_rules reads them).
void check_suppressions(const Stack& stack) {
    for_each_resource(stack, [&](const Stack&, const Entry& r) {
        const Node* meta = r.value.get("Metadata");
        const Node* certlint = meta == nullptr ? nullptr : meta->get("certlint");
        const Entry* ignore = certlint == nullptr ? nullptr : certlint->entry("ignore");
        if (ignore == nullptr) return;
        const auto fail = [&](const std::string& problem) {
            throw InputError(stack.path,
                             fmt::format("line {}: resource {}{}: Metadata certlint ignore: {}",
                                         ignore->line, stack.prefix, r.key(), problem));
        };
        const auto check = [&](const Node& n) {
            if (!n.is_scalar()) fail(fmt::format("{} is not a rule ID or name", render(n)));
            if (find_policy(std::string(n.text())) == nullptr) {
                fail(fmt::format("unknown rule '{}' (see certlint rules)", n.text()));
            }
        };
        if (ignore->value.kind() == Node::Kind::Null) return;
        if (ignore->value.is_mapping()) fail("must be a rule ID or name, or a list of them");
        if (ignore->value.is_sequence()) {
            for (const Node& n : ignore->value.items()) check(n);
        } else {
            check(ignore->value);
        }
    });
}

// The literal text of a TemplateURL-like value (a string, or Fn::Sub without variables).
std::optional<std::string> plain_text(const Node* n) {
    if (n == nullptr) return std::nullopt;
    if (n->is_scalar()) return std::string(n->text());
    if (n->function() == "Fn::Sub" && n->argument().is_scalar() &&
        n->argument().text().find("${") == std::string_view::npos) {
        return std::string(n->argument().text());
    }
    return std::nullopt;
}

}  // namespace

namespace {

// A CDK nested stack's template as an asset path (aws:asset:path with aws:asset:property
// TemplateURL), when literal.
std::optional<std::string> asset_path(const Node& resource) {
    const Node* meta = resource.get("Metadata");
    if (meta == nullptr) return std::nullopt;
    const auto property = plain_text(meta->get("aws:asset:property"));
    auto asset = plain_text(meta->get("aws:asset:path"));
    if (!asset || asset->empty() || property != "TemplateURL") return std::nullopt;
    return asset;
}

// The TemplateURL (Location for SAM applications) when it is literal; "" when it is not.
std::string template_url(const Node& resource, std::string_view type) {
    const Node* props = resource.get("Properties");
    if (props == nullptr) return {};
    const auto url =
        plain_text(props->get(type == "AWS::CloudFormation::Stack" ? "TemplateURL" : "Location"));
    return url ? *url : std::string();
}

}  // namespace

NestedTemplate resolve_nested_template(const std::string& parent, const Node& resource,
                                       const std::vector<std::string>& chain) {
    NestedTemplate out;
    const std::string_view type = resource_type(resource);
    if (type != "AWS::CloudFormation::Stack" && type != "AWS::Serverless::Application") {
        return out;
    }
    const fs::path dir = fs::path(parent).parent_path();
    std::error_code ec;
    std::string url;
    // A CDK asset is followed when it is beside the template. When it is not (only the
    // parent template was kept), the TemplateURL decides: CDK's is an S3 URL, not followed.
    if (const auto asset = asset_path(resource)) {
        const std::string path = (dir / *asset).lexically_normal().string();
        if (fs::is_regular_file(path, ec)) {
            url = *asset;
        } else {
            out.missing_asset = path;
        }
    }
    if (url.empty()) url = template_url(resource, type);
    if (url.empty() || url.find("://") != std::string::npos) {
        out.kind = NestedTemplate::Kind::Remote;
        return out;
    }
    out.path = (dir / url).lexically_normal().string();
    if (!fs::is_regular_file(out.path, ec)) {
        out.kind = NestedTemplate::Kind::Missing;
        return out;
    }
    out.key = canonical_path(out.path);
    const bool loop = std::find(chain.begin(), chain.end(), out.key) != chain.end() ||
                      chain.size() >= static_cast<std::size_t>(kMaxNestedDepth);
    out.kind = loop ? NestedTemplate::Kind::Loop : NestedTemplate::Kind::Local;
    return out;
}

std::string canonical_path(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

Stack& World::add_root(const std::string& path, Document doc, const Environment& env) {
    auto stack = std::make_unique<Stack>();
    stack->path = path;
    stack->name = env.stack_name;
    stack->prefix = env.stack_name.empty() ? std::string() : env.stack_name + "/";
    stack->input = input_;
    stack->region = env.region;
    if (env.region.known()) stack->partition = partition_of(*env.region.value);
    stack->account = env.account;
    std::vector<std::string> chain;
    return load(path, std::move(doc), std::move(stack), chain);
}

Stack& World::load(const std::string& path, Document doc, std::unique_ptr<Stack> stack,
                   std::vector<std::string>& chain) {
    check_template(path, doc.root());
    stack->doc = std::move(doc);
    stack->index();
    check_suppressions(*stack);
    Stack& ref = *stack;
    stacks_.push_back(std::move(stack));
    chain.push_back(canonical_path(path));
    load_children(ref, chain);
    chain.pop_back();
    return ref;
}

void World::load_children(Stack& stack, std::vector<std::string>& chain) {
    for_each_resource(stack, [&](Stack&, const Entry& r) {
        if (is_for_each(r.key())) {
            model_.notes.push_back(
                fmt::format("{}: {} is not expanded; the resources it makes are "
                            "not checked",
                            stack.path, r.key()));
            return;
        }
        const NestedTemplate nested = resolve_nested_template(stack.path, r.value, chain);
        switch (nested.kind) {
            case NestedTemplate::Kind::None: return;
            case NestedTemplate::Kind::Remote:
                model_.notes.push_back(
                    nested.missing_asset.empty()
                        ? fmt::format("{}: nested stack {}{} is not followed: its template "
                                      "is not a local file",
                                      stack.path, stack.prefix, r.key())
                        : fmt::format("{}: nested stack {}{} is not followed: its template "
                                      "asset {} is not beside the template, and its "
                                      "TemplateURL is not a local file",
                                      stack.path, stack.prefix, r.key(), nested.missing_asset));
                return;
            case NestedTemplate::Kind::Missing:
                throw InputError(stack.path,
                                 fmt::format("line {}: nested stack {}: template {} not found",
                                             r.line, r.key(), nested.path));
            case NestedTemplate::Kind::Loop:
                throw InputError(stack.path,
                                 fmt::format("line {}: nested stack {}: template {} nests "
                                             "itself or is nested too deeply",
                                             r.line, r.key(), nested.path));
            case NestedTemplate::Kind::Local: break;
        }
        const std::string& child_path = nested.path;
        auto child = std::make_unique<Stack>();
        child->path = child_path;
        child->prefix = stack.prefix + std::string(r.key()) + "/";
        child->input = stack.input;
        child->region = stack.region;
        child->partition = stack.partition;
        child->account = stack.account;
        child->parent = &stack;
        const Node* props = r.value.get("Properties");
        child->bindings = props == nullptr ? nullptr : props->get("Parameters");
        stack.children[std::string(r.key())] =
            &load(child_path, parse_template_file(child_path), std::move(child), chain);
    });
}

const Stack* World::find_stack(const std::string& name, const std::string& region) const {
    for (const auto& s : stacks_) {
        if (s->name != name || s->name.empty()) continue;
        if (region.empty() || !s->region.known() || *s->region.value == region) return s.get();
    }
    return nullptr;
}

}  // namespace certlint::readers::cfn
