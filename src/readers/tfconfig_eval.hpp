// Evaluating HCL expressions (src/hcl/ast.hpp) of a Terraform configuration to Values
// (tfconfig_value.hpp): literals, templates with directives, references, conditionals,
// operators, `for` over known collections, splats, indexing and the functions of spec §6.
// What the names in an expression stand for (var., local., resources, module outputs, each.,
// count., path.) is the Scope's: the configuration front end (tfconfig.cpp) answers them per
// module instance and resource instance. Anything that cannot be known is an unknown Value
// with a reason; what Terraform would refuse is an EvalError.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "hcl/ast.hpp"
#include "readers/tfconfig_value.hpp"

namespace certlint::readers::tf {

class Scope {
public:
    Scope() = default;
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    virtual ~Scope() = default;

    // The value of the traversal `root.steps...`, for a root that is not a local name of the
    // expression (a `for` or template `%{for}` variable, a dynamic block's iterator). The
    // scope reads the steps it needs (`var` + `.name`, `aws_x` + `.y`, `module` + `.m`) and
    // sets `used` to their number; the evaluator applies the remaining steps to the result.
    virtual Value lookup(const std::string& root, const std::vector<hcl::Step>& steps,
                         std::size_t& used) const = 0;
    // Where file() reads.
    [[nodiscard]] virtual FunctionContext functions() const = 0;
};

// A name bound inside an expression (a for variable, a dynamic block's iterator).
struct Binding {
    std::string name;
    Value value;
};

// The value of `expr` in `scope`, with `bindings` visible as variables.
[[nodiscard]] Value evaluate(const hcl::Expr& expr, const Scope& scope,
                             const std::vector<Binding>& bindings = {});

// A step's literal key as a Value.
[[nodiscard]] Value step_key(const hcl::Step& step);
// Applies literal steps to a value (get_attr / index_value).
[[nodiscard]] Value apply_steps(Value v, const std::vector<hcl::Step>& steps, std::size_t from = 0);

}  // namespace certlint::readers::tf
