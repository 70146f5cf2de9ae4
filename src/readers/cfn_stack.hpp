// Loaded CloudFormation stacks: a root template with its nested stacks, or every stack of a
// CDK cloud assembly. One World is built per reader call and turned into model objects.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"
#include "readers/cfn_tree.hpp"

namespace certlint::readers::cfn {

inline constexpr int kMaxNestedDepth = 16;  // AWS::CloudFormation::Stack nesting we follow

// Where a root stack is deployed.
struct Environment {
    MaybeString region;
    std::optional<std::string> account;
    std::string stack_name;  // CDK: the deployed stack name
};

struct Stack {
    std::string path;       // template file (source locations; nested TemplateURLs)
    std::string prefix;     // prepended to logical ids: "", "Parent/", "CdkStack/"
    std::string name;       // deployed stack name when known (CDK)
    std::size_t input = 0;  // index into Model::inputs
    Document doc;
    MaybeString region;
    std::string partition = "aws";
    std::optional<std::string> account;
    const Stack* parent = nullptr;   // nested stacks: the stack that creates this one
    const Node* bindings = nullptr;  // nested stacks: the parent's Parameters for it
    std::map<std::string, const Stack*, std::less<>> children;  // nested stacks by logical id
    std::map<std::string, std::size_t, std::less<>>
        certificates;  // logical id -> Model::certificates

    [[nodiscard]] const Node* section(std::string_view name) const { return doc.root().get(name); }
    // The member `name` of the section Resources, Outputs, Parameters, Conditions or Mappings
    // (indexed: templates can have tens of thousands of resources); nullptr when absent.
    [[nodiscard]] const Node* member(std::string_view section, std::string_view name) const;
    [[nodiscard]] const Node* resource(std::string_view logical_id) const {
        return member("Resources", logical_id);
    }
    [[nodiscard]] std::string_view type_of(std::string_view logical_id) const;
    // The Value of the output `name`; nullptr when there is none.
    [[nodiscard]] const Node* output_value(std::string_view name) const {
        const Node* out = member("Outputs", name);
        return out == nullptr ? nullptr : out->get("Value");
    }

    // Builds the indexes member() uses; called once the document is parsed.
    void index();

private:
    struct Index {
        std::string_view section;
        const Node* mapping = nullptr;
        std::unordered_map<std::string_view, const Node*> members;
    };
    std::vector<Index> indexes_;
};

// The type of a resource definition ("" when it has none).
[[nodiscard]] std::string_view resource_type(const Node& resource);

// The deploy region from --region, else AWS_REGION, else AWS_DEFAULT_REGION.
[[nodiscard]] MaybeString deploy_region(const LoadOptions& opts);

// What a resource says about a nested stack's template, resolved as the reader follows it.
struct NestedTemplate {
    enum class Kind {
        None,     // not a nested stack (AWS::CloudFormation::Stack, AWS::Serverless::Application)
        Remote,   // its template is a URL, or not given literally (a CDK asset that is not
                  // beside the template, with an S3 TemplateURL, too): not followed
        Missing,  // a local file that does not exist
        Loop,     // a template on `chain` (it nests itself), or nesting deeper than followed
        Local,    // a local file to read
    };
    Kind kind = Kind::None;
    std::string path;           // Missing, Loop, Local: the file, from the parent's directory
    std::string key;            // Loop, Local: its canonical path (what `chain` holds)
    std::string missing_asset;  // the CDK asset path given that is not a file (else "")
};

// The nested template of `resource` in the template `parent`: a CDK asset path when that
// file exists, else the TemplateURL (Location for SAM applications) when literal. `chain`:
// the canonical paths of the templates from the root to `parent`.
[[nodiscard]] NestedTemplate resolve_nested_template(const std::string& parent,
                                                     const Node& resource,
                                                     const std::vector<std::string>& chain);

// The path with symlinks and dot segments resolved (to compare files); `path` when that fails.
[[nodiscard]] std::string canonical_path(const std::string& path);

// Parses the template file `path` (see parse_document). A UTF-8 JSON file is parsed as it is
// read, never held in memory whole, and keeps only what template_keep_rules() lists.
[[nodiscard]] Document parse_template_file(const std::string& path);

// Parses a JSON template from `scanner` keeping only what template_keep_rules() lists.
[[nodiscard]] Document parse_json_template(JsonScanner& scanner);

class World {
public:
    World(Model& model, const LoadOptions& opts, std::size_t input)
        : model_(model), opts_(opts), input_(input) {}

    // Adds the parsed document of the file `path` as a root stack and loads its nested
    // stacks. Throws InputError when it is not a template or a nested template cannot be
    // read.
    Stack& add_root(const std::string& path, Document doc, const Environment& env);

    [[nodiscard]] const std::vector<std::unique_ptr<Stack>>& stacks() const { return stacks_; }
    [[nodiscard]] Model& model() { return model_; }
    [[nodiscard]] const LoadOptions& options() const { return opts_; }

    // The stack deployed as `name` (in `region` when not empty), or nullptr.
    [[nodiscard]] const Stack* find_stack(const std::string& name, const std::string& region) const;

private:
    Stack& load(const std::string& path, Document doc, std::unique_ptr<Stack> stack,
                std::vector<std::string>& chain);
    void load_children(Stack& stack, std::vector<std::string>& chain);

    Model& model_;
    const LoadOptions& opts_;
    std::size_t input_;
    std::vector<std::unique_ptr<Stack>> stacks_;
};

// Calls f(stack, entry) for every entry of the stack's Resources mapping, in order.
template <typename S, typename F>
requires std::is_same_v<std::remove_const_t<S>, Stack>
void for_each_resource(S& stack, F&& f) {
    const Node* resources = stack.section("Resources");
    if (resources == nullptr || !resources->is_mapping()) return;
    for (const Entry& r : resources->entries()) f(stack, r);
}

// The same for every stack of the world, in order.
template <typename F>
void for_each_resource(const World& world, F&& f) {
    for (const auto& stack : world.stacks()) for_each_resource(*stack, f);
}

}  // namespace certlint::readers::cfn
