// Evaluating HCL expressions of a Terraform configuration (tfconfig_eval.hpp).
#include "readers/tfconfig_eval.hpp"

#include <utility>

#include <fmt/format.h>

namespace certlint::readers::tf {
namespace {

constexpr int kMaxEvalDepth = 256;

class Evaluator {
public:
    Evaluator(const Scope& scope, std::vector<Binding> bindings)
        : scope_(scope), bindings_(std::move(bindings)) {}

    Value eval(const hcl::Expr& e) {
        if (++depth_ > kMaxEvalDepth) {
            --depth_;
            return Value::unknown("expression nested too deeply to evaluate");
        }
        Value v = std::visit([&](const auto& node) { return eval_node(node, e); }, e.node);
        --depth_;
        return v;
    }

private:
    const Value* bound(const std::string& name) const {
        for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
            if (it->name == name) return &it->value;
        }
        return nullptr;
    }

    Value eval_node(const hcl::Literal& l, const hcl::Expr&) { return literal(l); }

    static Value literal(const hcl::Literal& l) {
        switch (l.kind) {
            case hcl::Literal::Kind::Null: return Value();
            case hcl::Literal::Kind::Bool: return Value::boolean(l.boolean);
            case hcl::Literal::Kind::Number: return Value::number(l.number);
            case hcl::Literal::Kind::String: return Value::string(l.string);
        }
        return Value();
    }

    Value eval_node(const hcl::Template& t, const hcl::Expr&) {
        // "${x}" alone is x itself, not its string (HCL's template wrap).
        if (t.parts.size() == 1 && t.parts[0].kind == hcl::TemplatePart::Kind::Interpolation &&
            t.parts[0].expr) {
            return eval(*t.parts[0].expr);
        }
        std::string out;
        Value unknown;
        bool is_unknown = false;
        render(t.parts, out, unknown, is_unknown);
        if (is_unknown) return unknown;
        return Value::string(std::move(out));
    }

    void render(const std::vector<hcl::TemplatePart>& parts, std::string& out, Value& unknown,
                bool& is_unknown) {
        for (const hcl::TemplatePart& p : parts) {
            switch (p.kind) {
                case hcl::TemplatePart::Kind::Literal: out += p.text; break;
                case hcl::TemplatePart::Kind::Interpolation: {
                    const Value v = eval(*p.expr);
                    if (!v.wholly_known()) {
                        if (!is_unknown) unknown = v.first_unknown();
                        is_unknown = true;
                    } else if (v.is_null()) {
                        throw EvalError("a template interpolates a null value");
                    } else {
                        out += to_str(v, "an interpolated value");
                    }
                    break;
                }
                case hcl::TemplatePart::Kind::If: {
                    const Value c = eval(*p.expr);
                    if (c.is_unknown()) {
                        if (!is_unknown) unknown = c;
                        is_unknown = true;
                        break;
                    }
                    render(to_bool(c, "a template condition") ? p.body : p.else_body, out, unknown,
                           is_unknown);
                    break;
                }
                case hcl::TemplatePart::Kind::For: {
                    const Value coll = eval(*p.expr);
                    if (!coll.is_known()) {
                        if (!is_unknown) unknown = coll;
                        is_unknown = true;
                        break;
                    }
                    iterate(coll, [&](const Value& k, const Value& v) {
                        const std::size_t mark = bindings_.size();
                        if (!p.key_var.empty()) bindings_.push_back({p.key_var, k});
                        bindings_.push_back({p.value_var, v});
                        render(p.body, out, unknown, is_unknown);
                        bindings_.resize(mark);
                    });
                    break;
                }
            }
        }
    }

    // Calls f(key, value) for each element: lists by index, sets by value, objects by key.
    template <typename F>
    static void iterate(const Value& coll, F&& f) {
        if (coll.type() == Value::Type::List) {
            for (std::size_t i = 0; i < coll.items().size(); ++i) {
                f(Value::number(static_cast<double>(i)), coll.items()[i]);
            }
        } else if (coll.type() == Value::Type::Set) {
            for (const Value& v : coll.items()) f(v, v);
        } else if (coll.type() == Value::Type::Object) {
            for (const auto& [k, v] : coll.fields()) f(Value::string(k), v);
        } else if (coll.is_null()) {
            throw EvalError("cannot iterate over a null value");
        } else {
            throw EvalError(fmt::format("cannot iterate over a {}", coll.type_name()));
        }
    }

    Value eval_node(const hcl::ScopeTraversal& t, const hcl::Expr&) {
        if (const Value* v = bound(t.root)) return apply_steps(*v, t.steps);
        std::size_t used = 0;
        Value v = scope_.lookup(t.root, t.steps, used);
        return apply_steps(std::move(v), t.steps, used);
    }

    Value eval_node(const hcl::RelativeTraversal& t, const hcl::Expr&) {
        return apply_steps(eval(*t.source), t.steps);
    }

    Value eval_node(const hcl::Index& i, const hcl::Expr&) {
        const Value coll = eval(*i.collection);
        const Value key = eval(*i.key);
        return index_value(coll, key);
    }

    Value eval_node(const hcl::Splat& s, const hcl::Expr&) {
        const Value source = eval(*s.source);
        if (source.is_unknown()) return source;
        Value::List items;
        if (source.is_null()) return Value::list({});
        if (source.is_sequence()) {
            items = source.items();
        } else {
            items.push_back(source);  // a single value splats as a one-element list
        }
        Value::List out;
        const Value saved = splat_item_;
        for (const Value& item : items) {
            splat_item_ = item;
            out.push_back(s.each ? eval(*s.each) : item);
        }
        splat_item_ = saved;
        if (source.type() == Value::Type::Set) return Value::set(std::move(out));
        return Value::list(std::move(out));
    }

    Value eval_node(const hcl::SplatItem&, const hcl::Expr&) { return splat_item_; }

    Value eval_node(const hcl::FunctionCall& f, const hcl::Expr&) {
        if (f.name == "try") {
            std::vector<std::function<Value()>> thunks;
            for (const hcl::ExprPtr& a : f.args)
                thunks.emplace_back([this, a] { return eval(*a); });
            return try_values(thunks);
        }
        if (f.name == "can") {
            if (f.args.size() != 1) throw EvalError("can() takes 1 argument");
            const hcl::ExprPtr a = f.args[0];
            return can_value([this, a] { return eval(*a); });
        }
        if (!is_known_function(f.name)) {
            return Value::unknown(fmt::format("function {}() is not evaluated", f.name));
        }
        std::vector<Value> args;
        for (std::size_t i = 0; i < f.args.size(); ++i) {
            Value v = eval(*f.args[i]);
            if (f.expand_final && i + 1 == f.args.size()) {
                if (v.is_unknown()) return v;
                if (!v.is_sequence()) throw EvalError("only a list can be expanded with ...");
                for (const Value& el : v.items()) args.push_back(el);
            } else {
                args.push_back(std::move(v));
            }
        }
        return call_function(f.name, args, scope_.functions());
    }

    Value eval_node(const hcl::Conditional& c, const hcl::Expr&) {
        const Value cond = eval(*c.condition);
        if (cond.is_unknown()) return cond;
        return to_bool(cond, "the condition") ? eval(*c.if_true) : eval(*c.if_false);
    }

    Value eval_node(const hcl::Binary& b, const hcl::Expr&) {
        static constexpr std::string_view kOps[] = {
            "||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"};
        const Value lhs = eval(*b.lhs);
        const Value rhs = eval(*b.rhs);
        return binary_op(kOps[static_cast<int>(b.op)], lhs, rhs);
    }

    Value eval_node(const hcl::Unary& u, const hcl::Expr&) {
        return unary_op(u.op == hcl::UnaryOp::Not ? "!" : "-", eval(*u.operand));
    }

    Value eval_node(const hcl::Tuple& t, const hcl::Expr&) {
        Value::List items;
        items.reserve(t.items.size());
        for (const hcl::ExprPtr& e : t.items) items.push_back(eval(*e));
        return Value::list(std::move(items));
    }

    Value eval_node(const hcl::Object& o, const hcl::Expr&) {
        Value::Object fields;
        for (const hcl::ObjectItem& item : o.items) {
            std::string key;
            if (item.bare_key) {
                const auto* l = item.key->as<hcl::Literal>();
                key = l != nullptr ? l->string : "";
            } else {
                const Value k = eval(*item.key);
                if (!k.wholly_known()) return k.first_unknown();
                key = to_str(k, "an object key");
            }
            fields.insert_or_assign(std::move(key), eval(*item.value));
        }
        return Value::object(std::move(fields));
    }

    Value eval_node(const hcl::For& f, const hcl::Expr&) {
        const Value coll = eval(*f.collection);
        if (coll.is_unknown()) return coll;
        if (coll.type() == Value::Type::Set && !coll.wholly_known()) return coll.first_unknown();
        Value::List items;
        Value::Object fields;
        std::map<std::string, Value::List> groups;
        std::optional<Value> unknown;
        iterate(coll, [&](const Value& k, const Value& v) {
            if (unknown) return;
            const std::size_t mark = bindings_.size();
            if (!f.key_var.empty()) bindings_.push_back({f.key_var, k});
            bindings_.push_back({f.value_var, v});
            bool keep = true;
            if (f.condition) {
                const Value c = eval(*f.condition);
                if (c.is_unknown()) {
                    unknown = c;  // which elements are kept is not known
                } else {
                    keep = to_bool(c, "the for condition");
                }
            }
            if (keep && !unknown) {
                if (f.object) {
                    const Value key = eval(*f.key);
                    if (!key.wholly_known()) {
                        unknown = key.first_unknown();
                    } else {
                        std::string name = to_str(key, "a for key");
                        if (f.grouping) {
                            groups[name].push_back(eval(*f.value));
                        } else if (!fields.emplace(name, eval(*f.value)).second) {
                            throw EvalError(fmt::format(
                                "duplicate key \"{}\" in a for expression (use ... to group)",
                                name));
                        }
                    }
                } else {
                    items.push_back(eval(*f.value));
                }
            }
            bindings_.resize(mark);
        });
        if (unknown) return *unknown;
        if (!f.object) return Value::list(std::move(items));
        if (f.grouping) {
            for (auto& [k, list] : groups) fields.emplace(k, Value::list(std::move(list)));
        }
        return Value::object(std::move(fields));
    }

    Value eval_node(const hcl::Parens& p, const hcl::Expr&) { return eval(*p.inner); }

    Value eval_node(const hcl::Json& j, const hcl::Expr&) {
        if (!j.expr) return Value();
        return eval(*j.expr);
    }

    const Scope& scope_;
    std::vector<Binding> bindings_;
    Value splat_item_;
    int depth_ = 0;
};

}  // namespace

Value step_key(const hcl::Step& step) {
    if (step.key.kind == hcl::Literal::Kind::Number) return Value::number(step.key.number);
    return Value::string(step.key.string);
}

Value apply_steps(Value v, const std::vector<hcl::Step>& steps, std::size_t from) {
    for (std::size_t i = from; i < steps.size(); ++i) {
        const hcl::Step& s = steps[i];
        v = s.kind == hcl::Step::Kind::Attr ? get_attr(v, s.name) : index_value(v, step_key(s));
    }
    return v;
}

Value evaluate(const hcl::Expr& expr, const Scope& scope, const std::vector<Binding>& bindings) {
    Evaluator e(scope, bindings);
    return e.eval(expr);
}

}  // namespace certlint::readers::tf
