// The compiled form of a policy condition (internal to src/policy).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

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
    // Field: for each key of `path`, its place in the vocabulary of the object it is read
    // from (vocabulary order, as slot_names), so that on a vocabulary object it is an
    // index, not a lookup; -1 for a key of a mapping (a tag).
    std::vector<int> slots;
    std::vector<On> slot_ons;
};

// ---- The objects policies evaluate --------------------------------------------------------

struct Record;

// A value of the vocabulary: a JSON value, an object of the vocabulary (a certificate or a
// consumer, its fields by slot), or a list of such objects; none of them: absent (null).
struct Ref {
    const nlohmann::json* json = nullptr;
    const Record* record = nullptr;
    const std::vector<const Record*>* records = nullptr;

    Ref() = default;
    explicit Ref(const nlohmann::json* j) : json(j) {}
    explicit Ref(const Record* r) : record(r) {}
    explicit Ref(const std::vector<const Record*>* list) : records(list) {}
};

// A certificate or consumer as the vocabulary sees it (view::certificate / view::consumer),
// its fields in vocabulary order: what evaluates as the JSON object with these members
// (an absent Ref is a member it lacks). Only the fields some policy of the run reads are
// there (build_views); a condition never sees the others. Records share their parts: a
// consumer's certificate and a certificate's consumers are pointers, not copies.
struct Record {
    On on = On::Certificate;
    std::vector<Ref> slots;
};

// The names of the fields of `on` objects, in slot order (view::field_names).
[[nodiscard]] const std::vector<std::string>& slot_names(On on);
// The slot of field `name` of `on` objects, or -1.
[[nodiscard]] int slot_of(On on, std::string_view name);

// The regular expressions of the policies run together, compiled as one RE2::Set (anchored
// at both ends, as RE2::FullMatch). Immutable once built: the threads that evaluate policies
// share it.
class RegexSet {
public:
    explicit RegexSet(const std::vector<const Condition*>& roots);
    RegexSet(const RegexSet&) = delete;
    RegexSet& operator=(const RegexSet&) = delete;
    ~RegexSet();

    // The place of c's pattern in the set, or -1 (not a `matches` condition of the roots, or
    // no set: RE2 found it too large).
    [[nodiscard]] int index(const Condition& c) const;
    [[nodiscard]] const RE2::Set* set() const { return set_.get(); }
    [[nodiscard]] std::size_t size() const { return size_; }

private:
    void collect(const Condition& c, std::unordered_map<std::string, int>& patterns);
    std::unordered_map<const Condition*, int> index_;
    std::unique_ptr<RE2::Set> set_;
    std::size_t size_ = 0;
};

// One thread's answers from a RegexSet: each string a `matches` condition reads is matched
// once against all the patterns, and the answers kept for the other conditions that read it.
// Strings are known by address: only for strings that outlive the cache (the views'). Not
// thread-safe: one per thread.
class RegexCache {
public:
    explicit RegexCache(const RegexSet& set);
    RegexCache(const RegexCache&) = delete;
    RegexCache& operator=(const RegexCache&) = delete;
    ~RegexCache();

    // RE2::FullMatch(s, re) for the pattern at `index` in the set (RegexSet::index), which is
    // `re`; -1: `re` alone.
    [[nodiscard]] bool full_match(int index, const RE2& re, const std::string& s);

private:
    const RegexSet& set_;
    std::size_t words_ = 0;
    std::unordered_map<const std::string*, std::size_t> rows_;  // into bits_
    std::vector<std::uint64_t> bits_;
    std::vector<int> hits_;
};

// The conditions of a run of policies in the form a yes/no answer reads fastest. Nearly every
// evaluation is of this kind (every policy on every object: thousands of objects, each walking
// every policy's condition), so the conditions are laid out for it: one array of small nodes
// (a Condition tree is scattered over the heap), field paths as slots, operands inline, each
// `matches` as its place in the run's RegexSet. It answers evaluate(c, object, false).result
// without the notes on unknown values, and a list's elements only until one decides; an
// object a policy does not hold on is evaluated again by evaluate() for what failed and why.
// Immutable once built: the threads share it.
class Program {
public:
    explicit Program(const RegexSet& regexes) : regexes_(regexes) {}

    // Adds condition `c` (which must outlive the program); returns its root.
    std::uint32_t append(const Condition& c);

    [[nodiscard]] Tri decide(std::uint32_t root, const Record& object, RegexCache& rx) const;

    struct Operand {
        std::string_view text;
        std::int8_t boolean = -1;  // -1: does not read as true/false
        bool has_number = false;
        double number = 0;
    };

private:
    using Op = Condition::Op;
    struct Node {
        Op op = Op::All;
        bool exists = true;
        int regex = -1;           // Matches: the pattern's place in the RegexSet, or -1
        std::uint32_t child = 0;  // Not, Count, Every, Some, None, Field: the one child
        std::uint32_t begin = 0;  // All/Any: kids_; Field: steps_; Equals/In: operands_
        std::uint32_t end = 0;
        double number = 0;        // Gte, Lte
        const RE2* re = nullptr;  // Matches
    };
    struct Step {
        int slot = -1;  // the field's slot on a record of `on`; -1: a key of a mapping
        On on = On::Certificate;
        const std::string* key = nullptr;
    };

    Tri eval_node(std::uint32_t n, const Ref& v, RegexCache& rx) const;
    Tri eval_parts(const Node& node, const Ref& v, RegexCache& rx) const;
    Tri eval_field(const Node& node, const Ref& object, RegexCache& rx) const;
    Tri eval_quantified(const Node& node, const Ref& v, RegexCache& rx) const;
    Tri eval_length(const Node& node, const Ref& v, RegexCache& rx) const;

    const RegexSet& regexes_;
    std::vector<Node> nodes_;
    std::vector<std::uint32_t> kids_;
    std::vector<Step> steps_;
    std::vector<Operand> operands_;
};

// evaluate() on a JSON object of the vocabulary is in policy.hpp.

}  // namespace certlint::policy
