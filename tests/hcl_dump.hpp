// A compact S-expression rendering of HCL syntax trees, for the HCL tests: each node kind and
// its children, so a test states the whole tree it expects in one string.
#pragma once

#include <string>
#include <variant>

#include "hcl/ast.hpp"
#include "hcl/parse.hpp"

namespace hcltest {

using namespace certlint::hcl;

inline std::string q(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string dump(const Expr& e);

inline std::string dump(const ExprPtr& e) {
    return e ? dump(*e) : "nil";
}

inline std::string steps(const std::vector<Step>& ss) {
    ScopeTraversal t;
    t.steps = ss;
    return to_string(t);
}

inline std::string parts(const std::vector<TemplatePart>& ps) {
    std::string out;
    for (const TemplatePart& p : ps) {
        if (!out.empty()) out += " ";
        switch (p.kind) {
            case TemplatePart::Kind::Literal: out += q(p.text); break;
            case TemplatePart::Kind::Interpolation: out += "${" + dump(p.expr) + "}"; break;
            case TemplatePart::Kind::If:
                out += "(%if " + dump(p.expr) + " (" + parts(p.body) + ")";
                if (p.has_else) out += " else (" + parts(p.else_body) + ")";
                out += ")";
                break;
            case TemplatePart::Kind::For:
                out += "(%for " + (p.key_var.empty() ? "" : p.key_var + ",") + p.value_var + " " +
                       dump(p.expr) + " (" + parts(p.body) + "))";
                break;
        }
    }
    return out;
}

inline const char* op_name(BinaryOp op) {
    switch (op) {
        case BinaryOp::Or: return "||";
        case BinaryOp::And: return "&&";
        case BinaryOp::Equal: return "==";
        case BinaryOp::NotEqual: return "!=";
        case BinaryOp::Less: return "<";
        case BinaryOp::Greater: return ">";
        case BinaryOp::LessOrEqual: return "<=";
        case BinaryOp::GreaterOrEqual: return ">=";
        case BinaryOp::Add: return "+";
        case BinaryOp::Subtract: return "-";
        case BinaryOp::Multiply: return "*";
        case BinaryOp::Divide: return "/";
        case BinaryOp::Modulo: return "%";
    }
    return "?";
}

struct Dumper {
    std::string operator()(const Literal& l) const {
        switch (l.kind) {
            case Literal::Kind::Null: return "null";
            case Literal::Kind::Bool: return l.boolean ? "true" : "false";
            case Literal::Kind::Number: return l.number_text;
            case Literal::Kind::String: return q(l.string);
        }
        return "?";
    }
    std::string operator()(const Template& t) const {
        return std::string(t.heredoc ? "(heredoc " : "(tmpl ") + parts(t.parts) + ")";
    }
    std::string operator()(const ScopeTraversal& t) const { return to_string(t); }
    std::string operator()(const RelativeTraversal& t) const {
        return "(rel " + dump(t.source) + " " + steps(t.steps) + ")";
    }
    std::string operator()(const Index& i) const {
        return "(index " + dump(i.collection) + " " + dump(i.key) + ")";
    }
    std::string operator()(const Splat& s) const {
        return std::string(s.attribute_only ? "(attrsplat " : "(splat ") + dump(s.source) + " " +
               dump(s.each) + ")";
    }
    std::string operator()(const SplatItem&) const { return "@"; }
    std::string operator()(const FunctionCall& c) const {
        std::string out = "(call " + c.name;
        for (const ExprPtr& a : c.args) out += " " + dump(a);
        if (c.expand_final) out += " ...";
        return out + ")";
    }
    std::string operator()(const Conditional& c) const {
        return "(? " + dump(c.condition) + " " + dump(c.if_true) + " " + dump(c.if_false) + ")";
    }
    std::string operator()(const Binary& b) const {
        return std::string("(") + op_name(b.op) + " " + dump(b.lhs) + " " + dump(b.rhs) + ")";
    }
    std::string operator()(const Unary& u) const {
        return std::string(u.op == UnaryOp::Not ? "(! " : "(neg ") + dump(u.operand) + ")";
    }
    std::string operator()(const Tuple& t) const {
        std::string out = "[";
        for (const ExprPtr& i : t.items) out += (out.size() > 1 ? " " : "") + dump(i);
        return out + "]";
    }
    std::string operator()(const Object& o) const {
        std::string out = "{";
        for (const ObjectItem& i : o.items) {
            if (out.size() > 1) out += " ";
            out += (i.bare_key ? i.key->as<Literal>()->string : "(" + dump(i.key) + ")") + "=" +
                   dump(i.value);
        }
        return out + "}";
    }
    std::string operator()(const For& f) const {
        std::string out = std::string(f.object ? "(for{} " : "(for[] ") +
                          (f.key_var.empty() ? "" : f.key_var + ",") + f.value_var + " " +
                          dump(f.collection);
        if (f.key) out += " " + dump(f.key) + " =>";
        out += " " + dump(f.value);
        if (f.grouping) out += " ...";
        if (f.condition) out += " if " + dump(f.condition);
        return out + ")";
    }
    std::string operator()(const Parens& p) const { return "(paren " + dump(p.inner) + ")"; }
    std::string operator()(const Json& j) const { return "(json " + dump(j.expr) + ")"; }
};

inline std::string dump(const Expr& e) {
    return std::visit(Dumper{}, e.node);
}

}  // namespace hcltest
