// Evaluating template expressions before deploy: Ref, Fn::GetAtt, Fn::If, Fn::Sub, ... to
// the set of values they may have, each with the conditions that select it. What cannot be
// known before deploy is an Unknown value that says why; nothing is guessed.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "readers/cfn_stack.hpp"
#include "readers/cfn_tree.hpp"

namespace certlint::readers::cfn {

struct Value {
    enum class Kind { Text, Certificate, NoValue, Unknown };

    Kind kind = Kind::Unknown;
    std::string text;             // Text: the value; Unknown: why it is unknown
    std::size_t certificate = 0;  // Certificate: index into Model::certificates (its ARN)
    std::string condition;        // conditions that select this value: "A && !B"
    std::string pattern;          // Unknown from Fn::Sub / Fn::Join: the string with what is
                                  // known filled in and the rest left as ${Name} (or ${?})
    std::string region;           // Unknown: the region the ARN it stands for is known to be in
                                  // (an ACM ARN built with a known region; an output of a stack
                                  // in a named region that is not in the input); else empty
};
using Values = std::vector<Value>;

// A concrete node an expression may be, once Fn::If and AWS::NoValue are taken apart.
struct Branch {
    const Node* node = nullptr;
    std::string condition;
};

// A resource of the input an expression names (Ref / Fn::GetAtt), followed through nested
// stack parameters and outputs, exports and Fn::If.
struct ResourceRef {
    const Stack* stack = nullptr;
    std::string id;         // logical id in `stack`
    std::string condition;  // conditions that select it: "A && !B"
};

// "a && b" with empty sides left out.
[[nodiscard]] std::string join_conditions(const std::string& a, const std::string& b);

class Resolver {
public:
    explicit Resolver(const World& world) : world_(world) {}

    // Every value `node` may have in `stack` (parameter defaults count).
    [[nodiscard]] Values eval(const Node& node, const Stack& stack) const;
    // The value when it is a single literal whatever the conditions, else nullopt.
    [[nodiscard]] std::optional<std::string> literal(const Node* node, const Stack& stack) const;
    // A named condition of `stack`: decided only by --parameter values, the region and
    // literals (never by parameter defaults, which the deployer may override).
    [[nodiscard]] std::optional<bool> condition(std::string_view name, const Stack& stack) const;
    // The concrete nodes `node` may be (Fn::If branches; AWS::NoValue and null dropped).
    [[nodiscard]] std::vector<Branch> branches(const Node& node, const Stack& stack) const;
    // False when the resource's Condition is decided false.
    [[nodiscard]] bool may_exist(const Node& resource, const Stack& stack) const;
    // The resources `node` may name: `!Ref Zone`, `!GetAtt Zone.Id`, `!Sub ${Zone}`, a nested
    // stack's parameter bound to one, a nested stack output or an export whose value is one.
    // Anything else (literals, parameters of root stacks) names none.
    [[nodiscard]] std::vector<ResourceRef> resources(const Node& node, const Stack& stack) const;

private:
    enum class Mode { Lenient, Strict };  // Strict: parameter defaults of root stacks unknown
    struct Ctx {
        const Stack& stack;
        Mode mode;
        int depth;
        [[nodiscard]] Ctx in(const Stack& other) const { return Ctx{other, mode, depth + 1}; }
        [[nodiscard]] Ctx deeper() const { return Ctx{stack, mode, depth + 1}; }
    };

    Values eval(const Node& node, const Ctx& ctx) const;
    Values eval_function(std::string_view fn, const Node& arg, const Ctx& ctx) const;
    Values ref(std::string_view name, const Ctx& ctx) const;
    Values pseudo(std::string_view name, const Ctx& ctx) const;
    Values parameter(std::string_view name, const Node& decl, const Ctx& ctx) const;
    Values get_att(std::string_view id, std::string_view attribute, const Ctx& ctx) const;
    Values get_att(const Node& arg, const Ctx& ctx) const;
    Values output(const Stack& stack, std::string_view name, const Ctx& ctx) const;
    Values if_(const Node& arg, const Ctx& ctx) const;
    Values sub(const Node& arg, const Ctx& ctx) const;
    Values join(const Node& arg, const Ctx& ctx) const;
    Values select(const Node& arg, const Ctx& ctx) const;
    Values find_in_map(const Node& arg, const Ctx& ctx) const;
    Values import_value(const Node& arg, const Ctx& ctx) const;
    Values get_stack_output(const Node& arg, const Ctx& ctx) const;
    Values cross_region_import(std::string_view name, const Ctx& ctx) const;
    std::optional<std::string> single_text(const Node& node, const Ctx& ctx) const;
    // The stack and Value node of the export named `name` visible from ctx.stack.
    std::pair<const Stack*, const Node*> find_export(std::string_view name, const Ctx& ctx) const;
    void resources(const Node& node, const Ctx& ctx, const std::string& cond,
                   std::vector<ResourceRef>& out) const;
    void resource_or_output(std::string_view id, std::string_view attribute, const Ctx& ctx,
                            const std::string& cond, std::vector<ResourceRef>& out) const;

    std::optional<bool> condition(std::string_view name, const Stack& stack, int depth) const;
    std::optional<bool> eval_condition(const Node& node, const Stack& stack, int depth) const;
    void branches(const Node& node, const Stack& stack, const std::string& cond, int depth,
                  std::vector<Branch>& out) const;

    const World& world_;
    mutable std::map<std::pair<const Stack*, std::string>, std::optional<bool>> conditions_;
    // Built on first use: exports by evaluated name, per Mode (find_export), and what CDK
    // cross-region export writers write (cross_region_import).
    using Exports =
        std::unordered_map<std::string, std::vector<std::pair<const Stack*, const Node*>>>;
    mutable std::optional<Exports> exports_[2];
    mutable std::optional<std::unordered_map<std::string, std::pair<const Stack*, const Node*>>>
        cross_region_exports_;
};

}  // namespace certlint::readers::cfn
