// The compiled form of a policy condition (internal to src/policy).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "policy/policy.hpp"

namespace certlint::policy {

// A scalar operand, in each form a value of the vocabulary may take.
struct Scalar {
    std::string text;              // as written
    std::optional<bool> boolean;   // when it reads as true/false
    std::optional<double> number;  // when it reads as a number
};

struct Condition {
    enum class Op {
        Equals,
        In,
        Matches,
        Exists,
        Gte,
        Lte,
        Count,  // children[0] on the list's length
        Every,  // children[0] on each element
        Some,
        None,
        All,  // children
        Any,
        Not,    // children[0]
        Field,  // children[0] on the value at `path`
    };
    Op op = Op::All;
    std::vector<Scalar> operands;   // equals (one), in
    std::shared_ptr<const RE2> re;  // matches
    bool exists = true;
    double number = 0;  // gte, lte
    std::vector<Condition> children;
    // Field: the keys from the object to the value (tags.Owner is {"tags", "Owner"}), and how
    // the policy wrote it, for messages.
    std::vector<std::string> path;
    std::string display;
    // Field: the first key's place in the vocabulary of the object it is read from
    // (field_slots), so that on a policy's own object it is an index, not a lookup.
    int slot = -1;
    On slot_on = On::Certificate;
};

}  // namespace certlint::policy
