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

const Json& null_json() {
    static const Json kNull;
    return kNull;
}

inline bool is_unknown(const Json& v) {
    return v.is_object() && v.size() == 1 && v.begin().key() == "$unknown";
}

std::string unknown_reason(const Json& v) {
    const Json& why = v.begin().value();
    return why.is_string() ? why.get<std::string>() : why.dump();
}

// A Ref that is a JSON value (or absent, as null), not a record or a list of them.
bool is_plain(const Ref& r) {
    return r.record == nullptr && r.records == nullptr;
}

const Json& plain(const Ref& r) {
    return r.json != nullptr ? *r.json : null_json();
}

bool is_null(const Ref& r) {
    return is_plain(r) && plain(r).is_null();
}

bool is_unknown(const Ref& r) {
    return is_plain(r) && r.json != nullptr && is_unknown(*r.json);
}

// A record's field by name (for a key the policy did not resolve to this record's slots).
Ref member(const Record& r, const std::string& key) {
    const std::vector<std::string>& names = slot_names(r.on);
    for (std::size_t i = 0; i < names.size() && i < r.slots.size(); ++i) {
        if (names[i] == key) return r.slots[i];
    }
    return {};
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

inline bool equal(const Json& v, const Scalar& s) {
    if (const std::string* text = v.get_ptr<const std::string*>()) {
        return text->size() == s.text.size() && *text == s.text;
    }
    if (v.is_boolean()) return s.boolean && *s.boolean == v.get<bool>();
    if (v.is_number()) return s.number && *s.number == v.get<double>();
    return false;
}

Tri tri(bool b) {
    return b ? Tri::True : Tri::False;
}

class Evaluator {
public:
    explicit Evaluator(bool explain) : explain_(explain) {}

    // `at`: how the policy names the value (for the note on an unknown one).
    Tri eval(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        const std::size_t mark = unknowns_.size();
        const Tri t = eval_node(c, v, w, at);
        if (t != Tri::Undecided) unknowns_.resize(mark);  // what did not matter
        return t;
    }

    const std::vector<std::string>& unknowns() const { return unknowns_; }

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
                // An unknown element may stand for any number of them: the length is
                // unknown.
                if (v.is_array()) {
                    for (const Json& e : v) {
                        if (is_unknown(e)) return undecided(e, at);
                    }
                }
                const Json length(v.is_array() || v.is_object() ? v.size() : 0);
                return eval(c.children.front(), length, w, at);
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

    // One element of a list: every / some / none judge each.
    void element(const Condition& c, const Json& e, const std::string& at, std::size_t& n_true,
                 std::size_t& n_undecided, Witness& yes, Witness& no) {
        Witness mine;
        const Tri t = eval(c.children.front(), e, explain_ ? &mine : nullptr, at);
        if (t == Tri::Undecided) {
            ++n_undecided;
            return;
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

    // every / some / none over a list's elements. The witnesses are the elements that decide
    // (an object element is named by its address).
    Tri quantified(const Condition& c, const Json& v, Witness* w, const std::string& at) {
        if (v.is_null()) return tri(c.op != Op::Some);  // no elements
        std::size_t n_true = 0;
        std::size_t n_undecided = 0;
        std::size_t size = 1;
        Witness yes;
        Witness no;
        if (v.is_array()) {
            size = v.size();
            for (const Json& e : v) element(c, e, at, n_true, n_undecided, yes, no);
        } else {  // a single value is a list of one
            element(c, v, at, n_true, n_undecided, yes, no);
        }
        const std::size_t n_false = size - n_true - n_undecided;
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
        const Json* cur = &object;
        for (const std::string& key : c.path) {
            if (is_unknown(*cur)) return undecided(*cur, c.display);
            if (!cur->is_object()) {
                cur = &null_json();
                break;
            }
            const auto it = cur->find(key);
            cur = it == cur->end() ? &null_json() : &*it;
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
    std::vector<std::string> unknowns_;
};

Outcome evaluate_json(const Condition& c, const Json& object, bool explain) {
    Outcome out;
    Evaluator e(explain);
    static const std::string kTop;
    out.result = e.eval(c, object, explain ? &out.failing : nullptr, kTop);
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

}  // namespace

Outcome evaluate(const Condition& c, const nlohmann::json& object, bool explain) {
    return evaluate_json(c, object, explain);
}

// ---- Program ------------------------------------------------------------------------------

std::uint32_t Program::append(const Condition& c) {
    const auto at = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
    Node node;
    node.op = c.op;
    node.exists = c.exists;
    node.number = c.number;
    switch (c.op) {
        case Op::All:
        case Op::Any: {
            std::vector<std::uint32_t> parts;
            for (const Condition& part : c.children) parts.push_back(append(part));
            node.begin = static_cast<std::uint32_t>(kids_.size());
            kids_.insert(kids_.end(), parts.begin(), parts.end());
            node.end = static_cast<std::uint32_t>(kids_.size());
            break;
        }
        case Op::Field:
            node.begin = static_cast<std::uint32_t>(steps_.size());
            for (std::size_t i = 0; i < c.path.size(); ++i) {
                Step step;
                step.slot = i < c.slots.size() ? c.slots[i] : -1;
                step.on = i < c.slot_ons.size() ? c.slot_ons[i] : On::Certificate;
                step.key = &c.path[i];
                steps_.push_back(step);
            }
            node.end = static_cast<std::uint32_t>(steps_.size());
            node.child = append(c.children.front());
            break;
        case Op::Not:
        case Op::Count:
        case Op::Every:
        case Op::Some:
        case Op::None: node.child = append(c.children.front()); break;
        case Op::Equals:
        case Op::In:
            node.begin = static_cast<std::uint32_t>(operands_.size());
            for (const Scalar& s : c.operands) {
                Operand o;
                o.text = s.text;
                o.boolean = s.boolean ? static_cast<std::int8_t>(*s.boolean) : std::int8_t{-1};
                o.has_number = s.number.has_value();
                o.number = s.number.value_or(0);
                operands_.push_back(o);
            }
            node.end = static_cast<std::uint32_t>(operands_.size());
            break;
        case Op::Matches:
            node.re = c.re.get();
            node.regex = regexes_.index(c);
            break;
        case Op::Exists:
        case Op::Gte:
        case Op::Lte: break;
    }
    nodes_[at] = node;
    return at;
}

Tri Program::decide(std::uint32_t root, const Record& object, RegexCache& rx) const {
    return eval_node(root, Ref(&object), rx);
}

namespace {

inline bool equal(const Json& v, const Program::Operand& o) {
    if (const std::string* text = v.get_ptr<const std::string*>()) {
        return text->size() == o.text.size() && std::string_view(*text) == o.text;
    }
    if (v.is_boolean()) return o.boolean >= 0 && (o.boolean == 1) == v.get<bool>();
    if (v.is_number()) return o.has_number && o.number == v.get<double>();
    return false;
}

}  // namespace

Tri Program::eval_node(std::uint32_t n, const Ref& v, RegexCache& rx) const {
    const Node& node = nodes_[n];
    switch (node.op) {
        case Op::All:
        case Op::Any: return eval_parts(node, v, rx);
        case Op::Not: {
            const Tri t = eval_node(node.child, v, rx);
            return t == Tri::Undecided ? t : tri(t == Tri::False);
        }
        case Op::Field: return eval_field(node, v, rx);
        default: break;
    }
    if (is_unknown(v)) return Tri::Undecided;
    switch (node.op) {
        case Op::Equals:
        case Op::In: {
            if (!is_plain(v)) return Tri::False;
            const Json& j = plain(v);
            if (j.is_null()) return Tri::False;
            for (std::uint32_t i = node.begin; i < node.end; ++i) {
                if (equal(j, operands_[i])) return Tri::True;
            }
            return Tri::False;
        }
        case Op::Matches: {
            const std::string* text =
                is_plain(v) ? plain(v).get_ptr<const std::string*>() : nullptr;
            if (text == nullptr) return Tri::False;
            return tri(rx.full_match(node.regex, *node.re, *text));
        }
        case Op::Exists: return tri(!is_null(v) == node.exists);
        case Op::Gte:
        case Op::Lte: {
            if (!is_plain(v) || !plain(v).is_number()) return Tri::False;
            const double x = plain(v).get<double>();
            return tri(node.op == Op::Gte ? x >= node.number : x <= node.number);
        }
        case Op::Count: return eval_length(node, v, rx);
        case Op::Every:
        case Op::Some:
        case Op::None: return eval_quantified(node, v, rx);
        default: break;
    }
    return Tri::False;
}

// all / any: the first part that decides, else undecided when one is.
Tri Program::eval_parts(const Node& node, const Ref& v, RegexCache& rx) const {
    const Tri decisive = node.op == Op::All ? Tri::False : Tri::True;
    Tri result = node.op == Op::All ? Tri::True : Tri::False;
    for (std::uint32_t i = node.begin; i < node.end; ++i) {
        const Tri t = eval_node(kids_[i], v, rx);
        if (t == decisive) return t;
        if (t == Tri::Undecided) result = t;
    }
    return result;
}

Tri Program::eval_field(const Node& node, const Ref& object, RegexCache& rx) const {
    Ref cur = object;
    for (std::uint32_t i = node.begin; i < node.end; ++i) {
        const Step& step = steps_[i];
        if (is_unknown(cur)) return Tri::Undecided;
        if (cur.record != nullptr) {
            const Record& r = *cur.record;
            if (step.slot >= 0 && step.on == r.on &&
                static_cast<std::size_t>(step.slot) < r.slots.size()) {
                cur = r.slots[static_cast<std::size_t>(step.slot)];
            } else {
                cur = member(r, *step.key);
            }
            continue;
        }
        if (!is_plain(cur) || !plain(cur).is_object()) {
            cur = Ref{};
            break;
        }
        const Json& o = plain(cur);
        const auto it = o.find(*step.key);
        cur = it == o.end() ? Ref{} : Ref(&*it);
    }
    return eval_node(node.child, cur, rx);
}

// every / some / none: a list's elements only until one decides.
Tri Program::eval_quantified(const Node& node, const Ref& v, RegexCache& rx) const {
    if (is_null(v)) return tri(node.op != Op::Some);  // no elements
    // Every: one false element decides; some: one true; none: one true.
    const Tri decisive = node.op == Op::Every ? Tri::False : Tri::True;
    bool undecided = false;
    const auto judge = [&](const Ref& e) {
        const Tri t = eval_node(node.child, e, rx);
        if (t == Tri::Undecided) undecided = true;
        return t == decisive;
    };
    bool decided = false;
    if (v.records != nullptr) {
        for (const Record* e : *v.records) {
            if ((decided = judge(Ref(e)))) break;
        }
    } else if (is_plain(v) && plain(v).is_array()) {
        for (const Json& e : plain(v)) {
            if ((decided = judge(Ref(&e)))) break;
        }
    } else {  // a single value is a list of one
        decided = judge(v);
    }
    switch (node.op) {
        case Op::Every:
            if (decided) return Tri::False;
            return undecided ? Tri::Undecided : Tri::True;
        case Op::Some:
            if (decided) return Tri::True;
            return undecided ? Tri::Undecided : Tri::False;
        default:  // None
            if (decided) return Tri::False;
            return undecided ? Tri::Undecided : Tri::True;
    }
}

Tri Program::eval_length(const Node& node, const Ref& v, RegexCache& rx) const {
    std::size_t n = 0;
    if (v.records != nullptr) {
        n = v.records->size();
    } else if (v.record != nullptr) {
        for (const Ref& f : v.record->slots) {
            if (f.json != nullptr || f.record != nullptr || f.records != nullptr) ++n;
        }
    } else {
        const Json& j = plain(v);
        // An unknown element may stand for any number of them: the length is unknown.
        if (j.is_array()) {
            for (const Json& e : j) {
                if (is_unknown(e)) return Tri::Undecided;
            }
        }
        n = j.is_array() || j.is_object() ? j.size() : 0;
    }
    const Json length(n);
    return eval_node(node.child, Ref(&length), rx);
}

// ---- RegexSet, RegexCache -------------------------------------------------------------------

RegexSet::RegexSet(const std::vector<const Condition*>& roots) {
    std::unordered_map<std::string, int> patterns;  // the same pattern twice: one entry
    for (const Condition* c : roots) {
        if (c != nullptr) collect(*c, patterns);
    }
    if (patterns.empty()) return;
    RE2::Options options;
    options.set_log_errors(false);
    auto set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
    std::vector<std::pair<int, std::string>> ordered;
    for (const auto& [pattern, i] : patterns) ordered.emplace_back(i, pattern);
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [i, pattern] : ordered) {
        std::string error;
        if (set->Add(pattern, &error) != i) return;  // RE2 accepted it alone; never here
    }
    if (!set->Compile()) return;  // too large: each condition matches on its own
    set_ = std::move(set);
    size_ = patterns.size();
}

RegexSet::~RegexSet() = default;

void RegexSet::collect(const Condition& c, std::unordered_map<std::string, int>& patterns) {
    if (c.op == Condition::Op::Matches && c.re && c.re->ok()) {
        const auto [it, added] =
            patterns.emplace(c.re->pattern(), static_cast<int>(patterns.size()));
        (void)added;
        index_.emplace(&c, it->second);
    }
    for (const Condition& child : c.children) collect(child, patterns);
}

int RegexSet::index(const Condition& c) const {
    if (!set_) return -1;
    const auto at = index_.find(&c);
    return at == index_.end() ? -1 : at->second;
}

RegexCache::RegexCache(const RegexSet& set) : set_(set), words_((set.size() + 63) / 64) {}

RegexCache::~RegexCache() = default;

bool RegexCache::full_match(int at, const RE2& re, const std::string& s) {
    if (at < 0) return RE2::FullMatch(s, re);
    const auto i = static_cast<std::size_t>(at);
    auto row = rows_.find(&s);
    if (row == rows_.end()) {
        hits_.clear();
        RE2::Set::ErrorInfo error{};
        if (!set_.set()->Match(s, &hits_, &error) && error.kind != RE2::Set::kNoError) {
            return RE2::FullMatch(s, re);  // the set's DFA ran out of memory on this one
        }
        const std::size_t offset = bits_.size();
        bits_.resize(offset + words_, 0);
        for (const int h : hits_) {
            const auto b = static_cast<std::size_t>(h);
            bits_[offset + b / 64] |= std::uint64_t{1} << (b % 64);
        }
        row = rows_.emplace(&s, offset).first;
    }
    return (bits_[row->second + i / 64] >> (i % 64)) & 1U;
}

}  // namespace certlint::policy
