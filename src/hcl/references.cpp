// references() and to_string() (parse.hpp): the variables an expression reads, written as
// Terraform writes them in a plan's `configuration` (internal/command/jsonconfig: each
// reference's subject as addrs.ParseRef finds it, after it the remaining traversal, unwrapped
// one step at a time).
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "hcl/detail.hpp"
#include "hcl/parse.hpp"

namespace certlint::hcl {

namespace detail {

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out.push_back(ch);
                }
        }
    }
    return out + "\"";
}

}  // namespace detail

namespace {

// A number index as Go's big.Float Text('g', 10) writes it: integers plainly.
std::string number_key(const Literal& key) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", key.number);
    return buf;
}

std::string step_string(const Step& step) {
    if (step.kind == Step::Kind::Attr) return "." + step.name;
    if (step.key.kind == Literal::Kind::String) return "[" + detail::quote(step.key.string) + "]";
    return "[" + number_key(step.key) + "]";
}

// An instance key as Terraform accepts one (a string, or a whole number).
bool instance_key(const Step& step) {
    if (step.kind != Step::Kind::Index) return false;
    if (step.key.kind == Literal::Kind::String) return true;
    return step.key.kind == Literal::Kind::Number && step.key.number >= 0 &&
           step.key.number == static_cast<double>(static_cast<long long>(step.key.number));
}

class Collector {
public:
    std::vector<std::string> out;

    void expr(const Expr& e) {
        std::visit([this](const auto& node) { visit(node); }, e.node);
    }

private:
    void visit(const Literal&) {}
    void visit(const SplatItem&) {}
    void visit(const Template& t) { parts(t.parts); }
    void visit(const ScopeTraversal& t) { traversal(t); }
    void visit(const RelativeTraversal& t) { child(t.source); }
    void visit(const Index& i) {
        child(i.collection);
        child(i.key);
    }
    void visit(const Splat& s) {
        child(s.source);
        child(s.each);
    }
    void visit(const FunctionCall& c) {
        for (const ExprPtr& a : c.args) child(a);
    }
    void visit(const Conditional& c) {
        child(c.condition);
        child(c.if_true);
        child(c.if_false);
    }
    void visit(const Binary& b) {
        child(b.lhs);
        child(b.rhs);
    }
    void visit(const Unary& u) { child(u.operand); }
    void visit(const Tuple& t) {
        for (const ExprPtr& i : t.items) child(i);
    }
    void visit(const Object& o) {
        for (const ObjectItem& item : o.items) {
            if (!item.bare_key) child(item.key);
            child(item.value);
        }
    }
    void visit(const For& f) {
        child(f.collection);
        const std::size_t scope = hidden_.size();
        if (!f.key_var.empty()) hidden_.push_back(f.key_var);
        hidden_.push_back(f.value_var);
        child(f.key);
        child(f.value);
        child(f.condition);
        hidden_.resize(scope);
    }
    void visit(const Parens& p) { child(p.inner); }
    void visit(const Json& j) { child(j.expr); }

    void child(const ExprPtr& e) {
        if (e) expr(*e);
    }

    void parts(const std::vector<TemplatePart>& ps) {
        for (const TemplatePart& p : ps) {
            switch (p.kind) {
                case TemplatePart::Kind::Literal: break;
                case TemplatePart::Kind::Interpolation: child(p.expr); break;
                case TemplatePart::Kind::If:
                    child(p.expr);
                    parts(p.body);
                    parts(p.else_body);
                    break;
                case TemplatePart::Kind::For: {
                    child(p.expr);
                    const std::size_t scope = hidden_.size();
                    if (!p.key_var.empty()) hidden_.push_back(p.key_var);
                    hidden_.push_back(p.value_var);
                    parts(p.body);
                    hidden_.resize(scope);
                    break;
                }
            }
        }
    }

    // One reference: its subject and remaining steps as Terraform's addrs.ParseRef splits
    // them, then Terraform's unwrapping.
    void traversal(const ScopeTraversal& t) {
        for (const std::string& h : hidden_) {
            if (h == t.root) return;
        }
        const std::vector<Step>& s = t.steps;
        std::string subject;
        std::string extra;     // the resource or module call without its key, or ""
        std::size_t rest = 0;  // index of the first remaining step
        const std::string& r = t.root;
        auto attr = [&](std::size_t i) { return i < s.size() && s[i].kind == Step::Kind::Attr; };
        if (r == "count" || r == "each" || r == "local" || r == "path" || r == "terraform" ||
            r == "var") {
            if (!attr(0)) return;
            subject = r + "." + s[0].name;
            rest = 1;
        } else if (r == "self") {
            subject = r;
            rest = 0;
        } else if (r == "module") {
            if (!attr(0)) return;
            const std::string call = "module." + s[0].name;
            std::string instance = call;
            rest = 1;
            bool keyed = false;
            if (rest < s.size() && s[rest].kind == Step::Kind::Index) {
                if (!instance_key(s[rest])) return;
                instance += step_string(s[rest]);
                keyed = true;
                ++rest;
            }
            if (rest == s.size()) {
                subject = instance;
                if (keyed) extra = call;
            } else if (attr(rest)) {
                subject = instance + "." + s[rest].name;
                extra = instance;
                ++rest;
            } else {
                return;
            }
        } else if (r == "template" || r == "lazy" || r == "arg") {
            return;
        } else {
            std::size_t i = 0;
            std::string prefix;
            if (r == "data" || r == "resource") {
                if (!attr(0)) return;
                prefix = r == "data" ? "data." + s[0].name : s[0].name;
                i = 1;
            } else {
                prefix = r;
            }
            if (!attr(i)) return;
            const std::string resource = prefix + "." + s[i].name;
            rest = i + 1;
            subject = resource;
            if (rest < s.size() && s[rest].kind == Step::Kind::Index) {
                if (!instance_key(s[rest])) return;
                subject += step_string(s[rest]);
                extra = resource;
                ++rest;
            }
        }
        std::string full = subject;
        std::vector<std::string> prefixes;
        for (std::size_t i = rest; i < s.size(); ++i) {
            full += step_string(s[i]);
            prefixes.push_back(full);
        }
        for (auto it = prefixes.rbegin(); it != prefixes.rend(); ++it) {
            out.push_back(std::move(*it));
        }
        out.push_back(std::move(subject));
        if (!extra.empty()) out.push_back(std::move(extra));
    }

    std::vector<std::string> hidden_;  // iteration variables in scope
};

}  // namespace

std::vector<std::string> references(const Expr& expr) {
    Collector c;
    c.expr(expr);
    return std::move(c.out);
}

std::string to_string(const ScopeTraversal& traversal) {
    std::string out = traversal.root;
    for (const Step& step : traversal.steps) out += step_string(step);
    return out;
}

}  // namespace certlint::hcl
