// DNS records of a template that the rules read: Route 53 CAA record sets
// (AWS::Route53::RecordSet with Type CAA, and the CAA entries of AWS::Route53::RecordSetGroup).
//
// Ids: a RecordSet is its logical id ("Caa", "Parent/Caa" in a nested stack); an entry of a
// RecordSetGroup is the group's id with the entry's index ("Records.RecordSets[0]"). A record
// set whose resource Condition is not decided says so: "Caa (when HasCaa)". Names are the
// record's name without the trailing dot (CloudFormation requires fully qualified names). An
// Fn::If inside the name gives one record set per possible name; an Fn::If inside the values
// puts every possible value in the one record set (the model has no condition per value).
// A name or value not known before deploy skips the record set, with a note.
#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "base/dns.hpp"
#include "readers/cfn_model.hpp"

namespace certlint::readers::cfn {

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    return s;
}

// Whether a record set's Type may be CAA; nullopt when it is not known before deploy.
std::optional<bool> may_be_caa(const Node* type, const Stack& s, const Resolver& r) {
    if (type == nullptr) return false;
    bool unknown = false;
    for (const Value& v : r.eval(*type, s)) {
        if (v.kind == Value::Kind::Text && upper(v.text) == "CAA") return true;
        if (v.kind == Value::Kind::Unknown) unknown = true;
    }
    return unknown ? std::nullopt : std::optional<bool>(false);
}

// Reads one record set definition (the Properties of a RecordSet, or an entry of a
// RecordSetGroup's RecordSets) and adds it when it is a CAA record set.
void add_record_set(Model& model, const Node& rs, const std::string& id, const std::string& cond,
                    const Stack& s, const Resolver& r) {
    if (!rs.is_mapping()) return;
    const std::string display = cond.empty() ? id : fmt::format("{} (when {})", id, cond);
    const auto is_caa = may_be_caa(rs.get("Type"), s, r);
    if (!is_caa) {
        model.notes.push_back(
            fmt::format("{}: the Type of record set {} is not known before "
                        "deploy; if it is CAA, it is not checked",
                        s.path, display));
    }
    if (!is_caa || !*is_caa) return;
    const auto skip = [&](const std::string& why) {
        model.notes.push_back(
            fmt::format("{}: CAA record set {} is not checked: {}", s.path, display, why));
    };
    // Values: every possible value of every entry of ResourceRecords.
    std::vector<std::string> values;
    const Node* records = rs.get("ResourceRecords");
    if (records == nullptr) return;  // an alias or an incomplete record: nothing to check
    for (const Branch& list : r.branches(*records, s)) {
        if (!list.node->is_sequence()) {
            return skip("its ResourceRecords are not known before deploy");
        }
        for (const Node& item : list.node->items()) {
            for (const Value& v : r.eval(item, s)) {
                if (v.kind == Value::Kind::NoValue) continue;
                if (v.kind != Value::Kind::Text) {
                    return skip(v.kind == Value::Kind::Unknown
                                    ? "a value is not known before deploy (" + v.text + ")"
                                    : std::string("a value is not a string"));
                }
                if (std::find(values.begin(), values.end(), v.text) == values.end())
                    values.push_back(v.text);
            }
        }
    }
    const Node* name = rs.get("Name");
    if (name == nullptr) return skip("it has no Name");
    const Values names = r.eval(*name, s);
    std::vector<std::pair<std::string, std::string>> known;  // name, condition
    for (const Value& v : names) {
        if (v.kind == Value::Kind::Unknown) {
            return skip("its name is not known before deploy (" + v.text + ")");
        }
        if (v.kind != Value::Kind::Text || v.text.empty()) continue;
        known.emplace_back(base::trim_trailing_dots(v.text), v.condition);
    }
    for (const auto& [text, name_cond] : known) {
        const std::string when = join_conditions(cond, name_cond);
        CaaRecordSet record;
        record.id = when.empty() ? id : fmt::format("{} (when {})", id, when);
        record.name = text;
        record.values = values;
        model.caa_records.push_back(std::move(record));
    }
}

// Conditions under which the resource exists: "" when it does (or its condition is decided
// true), the condition's name when undecided.
std::string resource_condition(const Node& resource, const Stack& s, const Resolver& r) {
    const Node* cond = resource.get("Condition");
    if (cond == nullptr || !cond->is_scalar() || r.condition(cond->text(), s).has_value()) {
        return {};
    }
    return std::string(cond->text());
}

}  // namespace

void add_dns_records(World& world, const Resolver& resolver) {
    Model& model = world.model();
    for_each_resource(world, [&](const Stack& s, const Entry& r) {
        const std::string_view type = resource_type(r.value);
        if (type != "AWS::Route53::RecordSet" && type != "AWS::Route53::RecordSetGroup") {
            return;
        }
        const Node* props = r.value.get("Properties");
        if (props == nullptr || !resolver.may_exist(r.value, s)) return;
        const std::string cond = resource_condition(r.value, s, resolver);
        const std::string id = s.prefix + std::string(r.key());
        if (type == "AWS::Route53::RecordSet") {
            add_record_set(model, *props, id, cond, s, resolver);
            return;
        }
        const Node* sets = props->get("RecordSets");
        for (const Branch& list :
             sets == nullptr ? std::vector<Branch>{} : resolver.branches(*sets, s)) {
            if (!list.node->is_sequence()) {
                model.notes.push_back(
                    fmt::format("{}: the RecordSets of {} are not known before deploy; CAA records "
                                "among them are not checked",
                                s.path, id));
                continue;
            }
            for (std::size_t i = 0; i < list.node->items().size(); ++i) {
                for (const Branch& b : resolver.branches(list.node->items()[i], s)) {
                    add_record_set(
                        model, *b.node, fmt::format("{}.RecordSets[{}]", id, i),
                        join_conditions(cond, join_conditions(list.condition, b.condition)), s,
                        resolver);
                }
            }
        }
    });
}

}  // namespace certlint::readers::cfn
