// Evaluates compiled conditions on vocabulary objects, in three-valued (Kleene) logic: a
// condition on a value unknown before apply is Undecided; `all` is False when one part is
// False, `any` True when one part is True, otherwise Undecided decides. Alongside the result
// it collects the values that explain it ({failing} in messages) and the unknown values that
// left it undecided.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "policy/condition.hpp"

namespace certlint::policy {

namespace {

using Json = nlohmann::json;
using Op = Condition::Op;
using Witness = std::vector<std::string>;

bool is_unknown(const Json& v) {
    return v.is_object() && v.size() == 1 && v.begin().key() == "$unknown";
}

std::string unknown_reason(const Json& v) {
    const Json& why = v.begin().value();
    return why.is_string() ? why.get<std::string>() : why.dump();
}

std::string render(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_object()) {
        const auto a = v.find("address");
        if (a != v.end() && a->is_string()) return a->get<std::string>();
    }
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void add(Witness* w, std::string s) {
    if (w == nullptr) return;
    if (std::find(w->begin(), w->end(), s) == w->end()) w->push_back(std::move(s));
}

void merge(Witness* w, const Witness& from) {
    if (w == nullptr) return;
    for (const std::string& s : from) add(w, s);
}

bool equal(const Json& v, const Scalar& s) {
    if (v.is_string()) return v.get_ref<const std::string&>() == s.text;
    if (v.is_boolean()) return s.boolean && *s.boolean == v.get<bool>();
    if (v.is_number()) return s.number && *s.number == v.get<double>();
    return false;
}

Tri tri(bool b) {
    return b ? Tri::True : Tri::False;
}

class Evaluator {
public:
    Evaluator(bool explain, const Json* top, const std::vector<const Json*>* slots)
        : explain_(explain), top_(top), slots_(slots) {}

    // `at`: how the policy names the value (for the note on an unknown one).
    Tri eval(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        const std::size_t mark = unknowns_.size();
        const Tri t = eval_node(c, v, w, at);
        if (t != Tri::Undecided) unknowns_.resize(mark);  // what did not matter
        return t;
    }

    const std::vector<std::string>& unknowns() const { return unknowns_; }
    bool explain() const { return explain_; }

private:
    Tri undecided(const Json& v, const std::string& at) {
        unknowns_.push_back(
            fmt::format("{} is unknown ({})", at.empty() ? "the value" : at, unknown_reason(v)));
        return Tri::Undecided;
    }

    Tri eval_node(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        switch (c.op) {
            case Op::All: return all(c, v, w, at);
            case Op::Any: return any(c, v, w, at);
            case Op::Not: {
                const Tri t = eval(c.children.front(), v, w, at);
                return t == Tri::Undecided ? t : tri(t == Tri::False);
            }
            case Op::Field: return field(c, v, w);
            default: break;
        }
        if (is_unknown(v)) return undecided(v, at);
        switch (c.op) {
            case Op::Equals:
            case Op::In: {
                if (v.is_null()) return Tri::False;
                if (w != nullptr) add(w, render(v));
                return tri(std::any_of(c.operands.begin(), c.operands.end(),
                                       [&](const Scalar& s) { return equal(v, s); }));
            }
            case Op::Matches: {
                if (!v.is_string()) return Tri::False;
                const std::string& s = v.get_ref<const std::string&>();
                if (w != nullptr) add(w, s);
                return tri(RE2::FullMatch(s, *c.re));
            }
            case Op::Exists: {
                const bool present = !v.is_null();
                if (present && w != nullptr) add(w, render(v));
                return tri(present == c.exists);
            }
            case Op::Gte:
            case Op::Lte: {
                if (!v.is_number()) return Tri::False;
                if (w != nullptr) add(w, render(v));
                const double n = v.get<double>();
                return tri(c.op == Op::Gte ? n >= c.number : n <= c.number);
            }
            case Op::Count: {
                // An unknown element may stand for any number of them: the length is unknown.
                if (v.is_array()) {
                    for (const Json& e : v) {
                        if (is_unknown(e)) return undecided(e, at);
                    }
                }
                const std::size_t n = v.is_array() || v.is_object() ? v.size() : 0;
                return eval(c.children.front(), Json(n), w, at);
            }
            case Op::Every:
            case Op::Some:
            case Op::None: return quantified(c, v, w, at);
            default: break;
        }
        return Tri::False;
    }

    Tri all(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        Tri result = Tri::True;
        Witness failed;
        Witness passed;
        for (const Condition& part : c.children) {
            Witness mine;
            const Tri t = eval(part, v, explain_ ? &mine : nullptr, at);
            if (t == Tri::False) {
                result = Tri::False;
                merge(&failed, mine);
                if (!explain_) return result;
            } else if (t == Tri::Undecided && result == Tri::True) {
                result = Tri::Undecided;
            } else if (t == Tri::True) {
                merge(&passed, mine);
            }
        }
        merge(w, result == Tri::False ? failed : passed);
        return result;
    }

    Tri any(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        Tri result = Tri::False;
        Witness failed;
        Witness passed;
        for (const Condition& part : c.children) {
            Witness mine;
            const Tri t = eval(part, v, explain_ ? &mine : nullptr, at);
            if (t == Tri::True) {
                result = Tri::True;
                merge(&passed, mine);
                if (!explain_) return result;
            } else if (t == Tri::Undecided && result == Tri::False) {
                result = Tri::Undecided;
            } else if (t == Tri::False) {
                merge(&failed, mine);
            }
        }
        merge(w, result == Tri::True ? passed : failed);
        return result;
    }

    // every / some / none over a list's elements. The witnesses are the elements that decide
    // (an object element is named by its address).
    Tri quantified(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        if (v.is_null()) return tri(c.op != Op::Some);  // no elements
        Json single;
        const Json* list = &v;
        if (!v.is_array()) {  // a single value is a list of one
            single = Json::array({v});
            list = &single;
        }
        std::size_t n_true = 0;
        std::size_t n_undecided = 0;
        Witness yes;
        Witness no;
        for (const Json& e : *list) {
            Witness mine;
            const Tri t = eval(c.children.front(), e, explain_ ? &mine : nullptr, at);
            if (t == Tri::Undecided) {
                ++n_undecided;
                continue;
            }
            Witness& into = t == Tri::True ? yes : no;
            if (explain_) {
                if (e.is_object() || mine.empty()) {
                    add(&into, render(e));
                } else {
                    merge(&into, mine);
                }
            }
            if (t == Tri::True) ++n_true;
        }
        const std::size_t n_false = list->size() - n_true - n_undecided;
        switch (c.op) {
            case Op::Every:
                if (n_false > 0) return merge(w, no), Tri::False;
                if (n_undecided > 0) return Tri::Undecided;
                return merge(w, yes), Tri::True;
            case Op::Some:
                if (n_true > 0) return merge(w, yes), Tri::True;
                if (n_undecided > 0) return Tri::Undecided;
                return merge(w, no), Tri::False;
            default:  // None
                if (n_true > 0) return merge(w, yes), Tri::False;
                if (n_undecided > 0) return Tri::Undecided;
                return merge(w, no), Tri::True;
        }
    }

    Tri field(const Condition& c, const Json& object, Witness* w) {
        static const Json kNull;
        const Json* cur = &object;
        auto key_it = c.path.begin();
        if (&object == top_ && slots_ != nullptr && c.slot >= 0 &&
            static_cast<std::size_t>(c.slot) < slots_->size()) {
            const Json* first = (*slots_)[static_cast<std::size_t>(c.slot)];
            cur = first != nullptr ? first : &kNull;
            ++key_it;
        }
        for (; key_it != c.path.end(); ++key_it) {
            const std::string& key = *key_it;
            if (is_unknown(*cur)) return undecided(*cur, c.display);
            if (!cur->is_object()) {
                cur = &kNull;
                break;
            }
            const auto it = cur->find(key);
            cur = it == cur->end() ? &kNull : &*it;
        }
        Witness mine;
        const Tri t = eval(c.children.front(), *cur, explain_ ? &mine : nullptr, c.display);
        if (explain_) {
            // An absent value is named by its field (tags.Owner), not by an empty string.
            if (cur->is_null() && t != Tri::Undecided && mine.empty()) mine.push_back(c.display);
            merge(w, mine);
        }
        return t;
    }

    bool explain_;
    const Json* top_;
    const std::vector<const Json*>* slots_;
    std::vector<std::string> unknowns_;
};

}  // namespace

Outcome evaluate(const Condition& c, const nlohmann::json& object, bool explain,
                 const std::vector<const nlohmann::json*>* slots) {
    Evaluator e(explain, &object, slots);
    Outcome out;
    out.result = e.eval(c, object, explain ? &out.failing : nullptr, "");
    if (out.result == Tri::Undecided) {
        std::string joined;
        for (const std::string& u : e.unknowns()) {
            if (joined.find(u) != std::string::npos) continue;
            joined += (joined.empty() ? "" : "; ") + u;
        }
        out.unknown = std::move(joined);
    }
    if (out.result != Tri::False) out.failing.clear();
    return out;
}

}  // namespace certlint::policy
