// Expression evaluation for CloudFormation templates (see cfn_eval.hpp).
#include "readers/cfn_eval.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace certlint::readers::cfn {

namespace {

constexpr int kMaxEvalDepth = 100;      // nesting plus reference hops (cycles end here)
constexpr std::size_t kMaxValues = 64;  // possible values kept per expression

Value text_value(std::string_view text, std::string condition = {}) {
    Value v;
    v.kind = Value::Kind::Text;
    v.text = std::string(text);
    v.condition = std::move(condition);
    return v;
}

Value unknown(std::string why) {
    Value v;
    v.kind = Value::Kind::Unknown;
    v.text = std::move(why);
    return v;
}

Value no_value() {
    Value v;
    v.kind = Value::Kind::NoValue;
    return v;
}

Value certificate_value(std::size_t index) {
    Value v;
    v.kind = Value::Kind::Certificate;
    v.certificate = index;
    return v;
}

Values unknown_values(std::string why) {
    return {unknown(std::move(why))};
}

Values cap(Values values) {
    if (values.size() > kMaxValues) {
        values.resize(kMaxValues);
        values.push_back(unknown("too many possible values to follow"));
    }
    return values;
}

// Every combination of the parts' values, concatenated. Parts must be text: a certificate
// ARN or an unknown inside a string makes the whole string unknown.
Values concat(const std::vector<Values>& parts) {
    Values out{text_value("")};
    for (const Values& part : parts) {
        Values next;
        for (const Value& p : part) {
            if (p.kind == Value::Kind::Unknown) return {p};
            if (p.kind != Value::Kind::Text) {
                return unknown_values("a certificate ARN or AWS::NoValue inside a string");
            }
            for (const Value& prefix : out) {
                next.push_back(text_value(prefix.text + p.text,
                                          join_conditions(prefix.condition, p.condition)));
            }
        }
        if (next.size() > kMaxValues) return unknown_values("too many possible values to follow");
        out = std::move(next);
    }
    return out;
}

struct SubPiece {
    bool variable = false;
    std::string text;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Splits a Fn::Sub pattern into literal text and ${Variable} names (${!x} is literal ${x}).
std::vector<SubPiece> parse_sub(std::string_view pattern) {
    std::vector<SubPiece> pieces;
    std::string literal;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern.compare(i, 2, "${") != 0) {
            literal += pattern[i++];
            continue;
        }
        if (i + 2 < pattern.size() && pattern[i + 2] == '!') {
            literal += "${";
            i += 3;
            continue;
        }
        const auto close = pattern.find('}', i + 2);
        if (close == std::string::npos) {
            literal += pattern.substr(i);
            break;
        }
        if (!literal.empty()) pieces.push_back(SubPiece{false, std::move(literal)});
        literal.clear();
        pieces.push_back(SubPiece{true, trim(std::string(pattern.substr(i + 2, close - i - 2)))});
        i = close + 1;
    }
    if (!literal.empty()) pieces.push_back(SubPiece{false, std::move(literal)});
    return pieces;
}

// A Fn::Sub result with the single known values filled in and the rest left as ${Name}.
std::string partial_sub(const std::vector<SubPiece>& pieces, const std::vector<Values>& parts) {
    std::string out;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const Values& v = parts[i];
        const bool known = v.size() == 1 && v.front().kind == Value::Kind::Text;
        out += known ? v.front().text : "${" + pieces[i].text + "}";
    }
    return out;
}

// The region of an ACM certificate ARN whose region is known although other parts are not
// (`arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/${Id}` with the
// deploy region known); empty otherwise. `pattern` has the unknown parts left as ${Name}.
std::string arn_region(const std::string& pattern) {
    // ${AWS::AccountId} has colons of its own: each variable becomes a placeholder first.
    std::string plain;
    for (std::size_t i = 0; i < pattern.size();) {
        const auto close =
            pattern.compare(i, 2, "${") == 0 ? pattern.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            plain += pattern[i++];
            continue;
        }
        plain += "{}";
        i = close + 1;
    }
    const auto parts = parse_arn(plain);
    if (!parts || parts->service != "acm" || parts->region.empty()) return {};
    if (parts->region.find("{}") != std::string::npos) return {};
    if (parts->resource.rfind("certificate/", 0) != 0) return {};
    return parts->region;
}

std::optional<std::size_t> parse_index(const std::string& s) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

std::vector<std::string> split(const std::string& s, std::string_view delimiter) {
    std::vector<std::string> parts;
    if (delimiter.empty()) return {s};
    std::size_t start = 0;
    for (auto pos = s.find(delimiter); pos != std::string::npos; pos = s.find(delimiter, start)) {
        parts.push_back(s.substr(start, pos - start));
        start = pos + delimiter.size();
    }
    parts.push_back(s.substr(start));
    return parts;
}

const Node* item(const Node& list, std::size_t i) {
    return list.is_sequence() && i < list.items().size() ? &list.items()[i] : nullptr;
}

bool is_text(const Node* n) {
    return n != nullptr && n->is_scalar();
}

}  // namespace

std::string join_conditions(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + " && " + b;
}

// ---- public entry points ----------------------------------------------------------------

Values Resolver::eval(const Node& node, const Stack& stack) const {
    return eval(node, Ctx{stack, Mode::Lenient, 0});
}

std::optional<std::string> Resolver::literal(const Node* node, const Stack& stack) const {
    if (node == nullptr) return std::nullopt;
    const Values values = eval(*node, stack);
    if (values.empty() || values.front().kind != Value::Kind::Text) return std::nullopt;
    for (const Value& v : values) {
        if (v.kind != Value::Kind::Text || v.text != values.front().text) return std::nullopt;
    }
    return values.front().text;
}

std::optional<bool> Resolver::condition(std::string_view name, const Stack& stack) const {
    return condition(name, stack, 0);
}

std::vector<Branch> Resolver::branches(const Node& node, const Stack& stack) const {
    std::vector<Branch> out;
    branches(node, stack, {}, 0, out);
    return out;
}

bool Resolver::may_exist(const Node& resource, const Stack& stack) const {
    const Node* cond = resource.get("Condition");
    return !is_text(cond) || condition(cond->text(), stack) != false;
}

// ---- values -----------------------------------------------------------------------------

Values Resolver::eval(const Node& node, const Ctx& ctx) const {
    if (ctx.depth > kMaxEvalDepth) {
        return unknown_values("expression nested too deeply (or a reference cycle)");
    }
    switch (node.kind()) {
        case Node::Kind::Null: return {no_value()};
        case Node::Kind::Scalar:
            if (node.text().find("{{resolve:") != std::string::npos) {
                return unknown_values(fmt::format("{} is resolved at deploy time", node.text()));
            }
            return {text_value(node.text())};
        case Node::Kind::Sequence: return unknown_values("a list where one value was expected");
        case Node::Kind::Mapping: break;
    }
    const std::string_view fn = node.function();
    if (fn == "Ref" || fn == "Condition" || fn.rfind("Fn::", 0) == 0) {
        return cap(eval_function(fn, node.argument(), ctx.deeper()));
    }
    return unknown_values("an object where one value was expected");
}

Values Resolver::eval_function(std::string_view fn, const Node& arg, const Ctx& ctx) const {
    if (fn == "Ref") {
        if (!arg.is_scalar()) return unknown_values("Ref of something that is not a name");
        return ref(arg.text(), ctx);
    }
    if (fn == "Fn::GetAtt") return get_att(arg, ctx);
    if (fn == "Fn::If") return if_(arg, ctx);
    if (fn == "Fn::Sub") return sub(arg, ctx);
    if (fn == "Fn::Join") return join(arg, ctx);
    if (fn == "Fn::Select") return select(arg, ctx);
    if (fn == "Fn::FindInMap") return find_in_map(arg, ctx);
    if (fn == "Fn::ImportValue") return import_value(arg, ctx);
    if (fn == "Fn::GetStackOutput") return get_stack_output(arg, ctx);
    return unknown_values(fmt::format("{} is not evaluated before deploy", fn));
}

Values Resolver::ref(std::string_view name, const Ctx& ctx) const {
    if (name.rfind("AWS::", 0) == 0) return pseudo(name, ctx);
    const Node* decl = ctx.stack.member("Parameters", name);
    if (decl != nullptr) return parameter(name, *decl, ctx);
    const auto cert = ctx.stack.certificates.find(name);
    if (cert != ctx.stack.certificates.end()) {
        return {certificate_value(cert->second)};
    }
    const std::string_view type = ctx.stack.type_of(name);
    if (!type.empty()) return unknown_values(fmt::format("Ref {} is a {} resource", name, type));
    return unknown_values(fmt::format("Ref {} names nothing in {}", name, ctx.stack.path));
}

Values Resolver::pseudo(std::string_view name, const Ctx& ctx) const {
    const Stack& s = ctx.stack;
    if (name == "AWS::NoValue") return {no_value()};
    if (name == "AWS::Region" || name == "AWS::Partition" || name == "AWS::URLSuffix") {
        if (!s.region.known()) return unknown_values(s.region.why);
        if (name == "AWS::Region") return {text_value(*s.region.value)};
        if (name == "AWS::Partition") return {text_value(s.partition)};
        return {text_value(s.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")};
    }
    if (name == "AWS::AccountId" && s.account) return {text_value(*s.account)};
    if (name == "AWS::StackName" && !s.name.empty()) return {text_value(s.name)};
    return unknown_values(fmt::format("{} is not known before deploy", name));
}

Values Resolver::parameter(std::string_view name, const Node& decl, const Ctx& ctx) const {
    const Stack& s = ctx.stack;
    const Node* type = decl.get("Type");
    const Node* def = decl.get("Default");
    if (is_text(type) && type->text().rfind("AWS::SSM::Parameter::Value", 0) == 0) {
        return unknown_values(
            fmt::format("Parameter {} is read from SSM parameter {} at deploy time", name,
                        is_text(def) ? def->text() : std::string_view("?")));
    }
    if (s.parent != nullptr) {
        const Node* bound = s.bindings == nullptr ? nullptr : s.bindings->get(name);
        if (bound != nullptr) return eval(*bound, ctx.in(*s.parent));
        // An unbound parameter of a nested stack always takes its default.
        if (is_text(def) && (!def->text().empty() || ctx.mode == Mode::Strict))
            return {text_value(def->text())};
        return unknown_values(fmt::format("Parameter {} of nested stack {} has no value", name,
                                          s.prefix.substr(0, s.prefix.size() - 1)));
    }
    const auto& given = world_.options().parameters;
    if (const auto it = given.find(std::string(name)); it != given.end())
        return {text_value(it->second)};
    if (ctx.mode == Mode::Strict) {
        return unknown_values(fmt::format("Parameter {} is not set with --parameter", name));
    }
    if (is_text(def) && !def->text().empty()) return {text_value(def->text())};
    return unknown_values(fmt::format("Parameter {} has no value", name));
}

Values Resolver::get_att(const Node& arg, const Ctx& ctx) const {
    if (arg.is_scalar()) {
        const auto dot = arg.text().find('.');
        if (dot == std::string::npos) return unknown_values("Fn::GetAtt without an attribute");
        return get_att(arg.text().substr(0, dot), arg.text().substr(dot + 1), ctx);
    }
    const Node* id = item(arg, 0);
    const Node* attribute = item(arg, 1);
    if (!is_text(id) || !is_text(attribute)) return unknown_values("Fn::GetAtt of a computed name");
    return get_att(id->text(), attribute->text(), ctx);
}

Values Resolver::get_att(std::string_view id, std::string_view attribute, const Ctx& ctx) const {
    const Stack& s = ctx.stack;
    const auto child = s.children.find(id);
    if (child != s.children.end() && attribute.rfind("Outputs.", 0) == 0) {
        return output(*child->second, attribute.substr(8), ctx.in(*child->second));
    }
    const auto cert = s.certificates.find(id);
    if (cert != s.certificates.end() && attribute == "Arn") {
        return {certificate_value(cert->second)};
    }
    const std::string_view type = s.type_of(id);
    if (type == "Custom::CrossRegionExportReader") return cross_region_import(attribute, ctx);
    if (type.empty()) return unknown_values(fmt::format("Fn::GetAtt {}: no such resource", id));
    return unknown_values(
        fmt::format("Fn::GetAtt {}.{} is known only after deploy", id, attribute));
}

Values Resolver::output(const Stack& stack, std::string_view name, const Ctx& ctx) const {
    const Node* value = stack.output_value(name);
    if (value == nullptr) {
        return unknown_values(fmt::format("{} has no output {}", stack.path, name));
    }
    return eval(*value, ctx);
}

Values Resolver::if_(const Node& arg, const Ctx& ctx) const {
    const Node* name = item(arg, 0);
    const Node* then = item(arg, 1);
    const Node* otherwise = item(arg, 2);
    if (!is_text(name) || then == nullptr || otherwise == nullptr) {
        return unknown_values("malformed Fn::If");
    }
    const auto decided = condition(name->text(), ctx.stack, ctx.depth);
    if (decided) return eval(*decided ? *then : *otherwise, ctx);
    if (ctx.mode == Mode::Strict) {
        return unknown_values(fmt::format("condition {} is not decided", name->text()));
    }
    Values out;
    for (Value v : eval(*then, ctx)) {
        v.condition = join_conditions(std::string(name->text()), v.condition);
        out.push_back(std::move(v));
    }
    for (Value v : eval(*otherwise, ctx)) {
        v.condition = join_conditions("!" + std::string(name->text()), v.condition);
        out.push_back(std::move(v));
    }
    return out;
}

Values Resolver::sub(const Node& arg, const Ctx& ctx) const {
    const Node* pattern = arg.is_scalar() ? &arg : item(arg, 0);
    const Node* vars = arg.is_scalar() ? nullptr : item(arg, 1);
    if (!is_text(pattern)) return unknown_values("malformed Fn::Sub");
    const auto pieces = parse_sub(pattern->text());
    std::vector<Values> parts;
    for (const SubPiece& piece : pieces) {
        if (!piece.variable) {
            parts.push_back({text_value(piece.text)});
            continue;
        }
        const Node* var = vars == nullptr ? nullptr : vars->get(piece.text);
        const auto dot = piece.text.find('.');
        if (var != nullptr) {
            parts.push_back(eval(*var, ctx));
        } else if (dot != std::string::npos) {
            parts.push_back(get_att(piece.text.substr(0, dot), piece.text.substr(dot + 1), ctx));
        } else {
            parts.push_back(ref(piece.text, ctx));
        }
    }
    if (parts.size() == 1 && pieces.front().variable) return parts.front();  // "${Cert}"
    Values out = concat(parts);
    if (out.size() == 1 && out.front().kind == Value::Kind::Unknown) {
        out.front().pattern = partial_sub(pieces, parts);
        out.front().region = arn_region(out.front().pattern);
    }
    return out;
}

Values Resolver::join(const Node& arg, const Ctx& ctx) const {
    const Node* delimiter = item(arg, 0);
    const Node* list = item(arg, 1);
    if (!is_text(delimiter) || list == nullptr) return unknown_values("malformed Fn::Join");
    if (!list->is_sequence()) return unknown_values("Fn::Join of a list not known before deploy");
    if (list->items().size() == 1) return eval(list->items().front(), ctx);
    std::vector<Values> parts;
    for (const Node& n : list->items()) {
        if (!parts.empty()) parts.push_back({text_value(delimiter->text())});
        parts.push_back(eval(n, ctx));
    }
    Values out = concat(parts);
    if (out.size() == 1 && out.front().kind == Value::Kind::Unknown) {
        // As for Fn::Sub: what is known, with ${?} for the rest (an ARN's region may be known).
        std::string pattern;
        for (const Values& v : parts) {
            const bool single = v.size() == 1;
            if (single && v.front().kind == Value::Kind::Text) {
                pattern += v.front().text;
            } else if (single && !v.front().pattern.empty()) {
                pattern += v.front().pattern;  // a partly known Fn::Sub inside
            } else {
                pattern += "${?}";
            }
        }
        out.front().pattern = pattern;
        out.front().region = arn_region(pattern);
    }
    return out;
}

Values Resolver::select(const Node& arg, const Ctx& ctx) const {
    const Node* index_node = item(arg, 0);
    const Node* list = item(arg, 1);
    const auto index = index_node == nullptr ? std::nullopt : single_text(*index_node, ctx);
    const auto i = index ? parse_index(*index) : std::nullopt;
    if (!i || list == nullptr) return unknown_values("Fn::Select with an unknown index");
    if (const Node* chosen = item(*list, *i)) return eval(*chosen, ctx);
    const Node* delimiter = list->function() == "Fn::Split" ? item(list->argument(), 0) : nullptr;
    const Node* source = list->function() == "Fn::Split" ? item(list->argument(), 1) : nullptr;
    if (!is_text(delimiter) || source == nullptr) {
        return unknown_values("Fn::Select over a list not known before deploy");
    }
    Values out;
    for (const Value& v : eval(*source, ctx)) {
        if (v.kind != Value::Kind::Text)
            return {v.kind == Value::Kind::Unknown ? v : unknown("Fn::Split of a non-string")};
        const auto parts = split(v.text, delimiter->text());
        if (*i >= parts.size()) return unknown_values("Fn::Select index out of range");
        out.push_back(text_value(parts[*i], v.condition));
    }
    return out;
}

Values Resolver::find_in_map(const Node& arg, const Ctx& ctx) const {
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < 3; ++i) {
        const Node* k = item(arg, i);
        const auto key = k == nullptr ? std::nullopt : single_text(*k, ctx);
        if (!key) return unknown_values("Fn::FindInMap with a key not known before deploy");
        keys.push_back(*key);
    }
    const Node* n = ctx.stack.member("Mappings", keys[0]);
    for (std::size_t i = 1; i < keys.size() && n != nullptr; ++i) n = n->get(keys[i]);
    if (n != nullptr) return eval(*n, ctx);
    const Node* options = item(arg, 3);
    const Node* fallback = options == nullptr ? nullptr : options->get("DefaultValue");
    if (fallback != nullptr) return eval(*fallback, ctx);
    return unknown_values(
        fmt::format("Fn::FindInMap {}/{}/{} has no entry", keys[0], keys[1], keys[2]));
}

Values Resolver::import_value(const Node& arg, const Ctx& ctx) const {
    const auto name = single_text(arg, ctx);
    if (!name) return unknown_values("Fn::ImportValue cannot be resolved before deploy");
    const auto [stack, value] = find_export(*name, ctx);
    if (value != nullptr) return eval(*value, ctx.in(*stack));
    return unknown_values(
        fmt::format("Fn::ImportValue {} cannot be resolved before deploy", *name));
}

std::pair<const Stack*, const Node*> Resolver::find_export(std::string_view name,
                                                           const Ctx& ctx) const {
    // Every export of every stack, by its name as evaluated in this mode (once per mode: an
    // import no longer scans every output of every stack).
    auto& exports = exports_[static_cast<int>(ctx.mode)];
    if (!exports) {
        exports.emplace();
        for (const auto& s : world_.stacks()) {
            const Node* outputs = s->section("Outputs");
            if (outputs == nullptr || !outputs->is_mapping()) continue;
            for (const Entry& out : outputs->entries()) {
                const Node* exp = out.value.get("Export");
                const Node* exp_name = exp == nullptr ? nullptr : exp->get("Name");
                const Node* value = out.value.get("Value");
                if (exp_name == nullptr || value == nullptr) continue;
                if (const auto n = single_text(*exp_name, Ctx{*s, ctx.mode, 0})) {
                    (*exports)[*n].emplace_back(s.get(), value);
                }
            }
        }
    }
    const auto it = exports->find(std::string(name));
    if (it == exports->end()) return {nullptr, nullptr};
    for (const auto& [s, value] : it->second) {
        if (ctx.stack.region.known() && s->region.known() &&
            *s->region.value != *ctx.stack.region.value) {
            continue;  // exports are regional
        }
        return {s, value};
    }
    return {nullptr, nullptr};
}

Values Resolver::get_stack_output(const Node& arg, const Ctx& ctx) const {
    const Node* stack_node = arg.get("StackName");
    const Node* region_node = arg.get("Region");
    const Node* output_node = arg.get("OutputName");
    const auto stack_name = stack_node == nullptr ? std::nullopt : single_text(*stack_node, ctx);
    const auto region =
        region_node == nullptr ? std::string() : single_text(*region_node, ctx).value_or("");
    const auto name = output_node == nullptr ? std::nullopt : single_text(*output_node, ctx);
    if (!stack_name || !name) return unknown_values("malformed Fn::GetStackOutput");
    if (const Stack* producer = world_.find_stack(*stack_name, region)) {
        return output(*producer, *name, ctx.in(*producer));
    }
    Value v = unknown(fmt::format("Fn::GetStackOutput: stack {}{} is not in the input", *stack_name,
                                  region.empty() ? "" : " in " + region));
    // The output of a stack in a named region: a certificate ARN it exports is that region's.
    v.region = region;
    return {v};
}

Values Resolver::cross_region_import(std::string_view name, const Ctx& ctx) const {
    // What every CDK cross-region export writer writes, by name (the first writer wins).
    if (!cross_region_exports_) {
        cross_region_exports_.emplace();
        for_each_resource(world_, [&](const Stack& s, const Entry& r) {
            if (resource_type(r.value) != "Custom::CrossRegionExportWriter") return;
            const Node* props = r.value.get("Properties");
            const Node* writer = props == nullptr ? nullptr : props->get("WriterProps");
            const Node* exports = writer == nullptr ? nullptr : writer->get("exports");
            if (exports == nullptr) return;
            for (const Entry& e : exports->entries()) {
                cross_region_exports_->emplace(std::string(e.key()), std::make_pair(&s, &e.value));
            }
        });
    }
    const auto it = cross_region_exports_->find(std::string(name));
    if (it != cross_region_exports_->end())
        return eval(*it->second.second, ctx.in(*it->second.first));
    return unknown_values(
        fmt::format("cross-region reference {} is written by no stack in the input", name));
}

std::optional<std::string> Resolver::single_text(const Node& node, const Ctx& ctx) const {
    const Values values = eval(node, ctx.deeper());
    if (values.size() != 1 || values.front().kind != Value::Kind::Text) return std::nullopt;
    return values.front().text;
}

// ---- resources an expression names ------------------------------------------------------

std::vector<ResourceRef> Resolver::resources(const Node& node, const Stack& stack) const {
    std::vector<ResourceRef> out;
    resources(node, Ctx{stack, Mode::Lenient, 0}, {}, out);
    return out;
}

void Resolver::resources(const Node& node, const Ctx& ctx, const std::string& cond,
                         std::vector<ResourceRef>& out) const {
    if (ctx.depth > kMaxEvalDepth || out.size() >= kMaxValues) return;
    const std::string_view fn = node.function();
    if (fn.empty()) return;
    const Node& arg = node.argument();
    const Ctx next = ctx.deeper();
    if (fn == "Ref" && arg.is_scalar()) {
        resource_or_output(arg.text(), {}, next, cond, out);
    } else if (fn == "Fn::GetAtt") {
        const Node* id = item(arg, 0);
        const Node* attribute = item(arg, 1);
        if (arg.is_scalar()) {
            const auto dot = arg.text().find('.');
            if (dot != std::string::npos) {
                resource_or_output(arg.text().substr(0, dot), arg.text().substr(dot + 1), next,
                                   cond, out);
            }
        } else if (is_text(id) && is_text(attribute)) {
            resource_or_output(id->text(), attribute->text(), next, cond, out);
        }
    } else if (fn == "Fn::Sub") {
        // Only a pattern that is one variable ("${Zone}", "${Zone.Id}") names a resource.
        const Node* pattern = arg.is_scalar() ? &arg : item(arg, 0);
        const Node* vars = arg.is_scalar() ? nullptr : item(arg, 1);
        if (!is_text(pattern)) return;
        const auto pieces = parse_sub(pattern->text());
        if (pieces.size() != 1 || !pieces.front().variable) return;
        const std::string& name = pieces.front().text;
        const Node* var = vars == nullptr ? nullptr : vars->get(name);
        const auto dot = name.find('.');
        if (var != nullptr) {
            resources(*var, next, cond, out);
        } else if (dot != std::string::npos) {
            resource_or_output(name.substr(0, dot), name.substr(dot + 1), next, cond, out);
        } else {
            resource_or_output(name, {}, next, cond, out);
        }
    } else if (fn == "Fn::If") {
        const Node* name = item(arg, 0);
        const Node* then = item(arg, 1);
        const Node* otherwise = item(arg, 2);
        if (!is_text(name) || then == nullptr || otherwise == nullptr) return;
        const auto decided = condition(name->text(), ctx.stack, ctx.depth);
        if (decided) {
            resources(*decided ? *then : *otherwise, next, cond, out);
            return;
        }
        resources(*then, next, join_conditions(cond, std::string(name->text())), out);
        resources(*otherwise, next, join_conditions(cond, "!" + std::string(name->text())), out);
    } else if (fn == "Fn::ImportValue") {
        const auto name = single_text(arg, ctx);
        if (!name) return;
        const auto [stack, value] = find_export(*name, ctx);
        if (value != nullptr) resources(*value, next.in(*stack), cond, out);
    } else if (fn == "Fn::GetStackOutput") {
        const Node* stack_node = arg.get("StackName");
        const Node* region_node = arg.get("Region");
        const Node* output_node = arg.get("OutputName");
        const auto stack_name =
            stack_node == nullptr ? std::nullopt : single_text(*stack_node, ctx);
        const auto region =
            region_node == nullptr ? std::string() : single_text(*region_node, ctx).value_or("");
        const auto output_name =
            output_node == nullptr ? std::nullopt : single_text(*output_node, ctx);
        const Stack* producer = stack_name ? world_.find_stack(*stack_name, region) : nullptr;
        const Node* value =
            producer == nullptr || !output_name ? nullptr : producer->output_value(*output_name);
        if (value != nullptr) resources(*value, next.in(*producer), cond, out);
    }
}

// `Ref id` (empty attribute) or `Fn::GetAtt id.attribute` in ctx.stack.
void Resolver::resource_or_output(std::string_view id, std::string_view attribute, const Ctx& ctx,
                                  const std::string& cond, std::vector<ResourceRef>& out) const {
    const Stack& s = ctx.stack;
    if (attribute.empty() && id.rfind("AWS::", 0) == 0) return;
    if (attribute.empty()) {
        if (s.member("Parameters", id) != nullptr) {
            // A nested stack's parameter names what the parent binds it to.
            const Node* bound = s.bindings == nullptr ? nullptr : s.bindings->get(id);
            if (s.parent != nullptr && bound != nullptr)
                resources(*bound, ctx.in(*s.parent), cond, out);
            return;
        }
    }
    const auto child = s.children.find(id);
    if (child != s.children.end() && attribute.rfind("Outputs.", 0) == 0) {
        const Node* value = child->second->output_value(attribute.substr(8));
        if (value != nullptr) resources(*value, ctx.in(*child->second), cond, out);
        return;
    }
    if (s.resource(id) == nullptr) return;
    const auto same = [&](const ResourceRef& r) {
        return r.stack == &s && r.id == id && r.condition == cond;
    };
    if (std::none_of(out.begin(), out.end(), same))
        out.push_back(ResourceRef{&s, std::string(id), cond});
}

// ---- conditions -------------------------------------------------------------------------

std::optional<bool> Resolver::condition(std::string_view name, const Stack& stack,
                                        int depth) const {
    const auto key = std::make_pair(&stack, std::string(name));
    if (const auto it = conditions_.find(key); it != conditions_.end()) return it->second;
    conditions_[key] = std::nullopt;  // a condition that refers to itself stays undecided
    const Node* node = stack.member("Conditions", name);
    const auto result = node == nullptr ? std::nullopt : eval_condition(*node, stack, depth + 1);
    conditions_[key] = result;
    return result;
}

std::optional<bool> Resolver::eval_condition(const Node& node, const Stack& stack,
                                             int depth) const {
    if (depth > kMaxEvalDepth) return std::nullopt;
    const std::string_view fn = node.function();
    if (fn.empty()) return std::nullopt;
    const Node& arg = node.argument();
    if (fn == "Condition")
        return is_text(&arg) ? condition(arg.text(), stack, depth + 1) : std::nullopt;
    if (fn == "Fn::Equals") {
        const Node* a = item(arg, 0);
        const Node* b = item(arg, 1);
        if (a == nullptr || b == nullptr) return std::nullopt;
        const Ctx ctx{stack, Mode::Strict, depth};
        const auto va = single_text(*a, ctx);
        const auto vb = single_text(*b, ctx);
        if (!va || !vb) return std::nullopt;
        return *va == *vb;
    }
    if (fn == "Fn::Not") {
        const Node* inner = arg.is_sequence() ? item(arg, 0) : &arg;
        const auto v = inner == nullptr ? std::nullopt : eval_condition(*inner, stack, depth + 1);
        return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if ((fn == "Fn::And" || fn == "Fn::Or") && arg.is_sequence()) {
        const bool is_and = fn == "Fn::And";
        bool undecided = false;
        for (const Node& n : arg.items()) {
            const auto v = eval_condition(n, stack, depth + 1);
            if (!v) {
                undecided = true;
            } else if (*v != is_and) {
                return !is_and;  // a false operand of And, a true operand of Or
            }
        }
        return undecided ? std::nullopt : std::optional<bool>(is_and);
    }
    return std::nullopt;
}

void Resolver::branches(const Node& node, const Stack& stack, const std::string& cond, int depth,
                        std::vector<Branch>& out) const {
    if (node.kind() == Node::Kind::Null) return;
    const std::string_view fn = node.function();
    const Node& arg = fn.empty() ? node : node.argument();
    if (fn == "Ref" && arg.is_scalar() && arg.text() == "AWS::NoValue") return;
    if (fn != "Fn::If" || depth >= kMaxEvalDepth || !is_text(item(arg, 0)) ||
        item(arg, 2) == nullptr) {
        out.push_back(Branch{&node, cond});
        return;
    }
    const std::string name(arg.items()[0].text());
    const auto decided = condition(name, stack);
    if (decided) {
        branches(arg.items()[*decided ? 1 : 2], stack, cond, depth + 1, out);
        return;
    }
    branches(arg.items()[1], stack, join_conditions(cond, name), depth + 1, out);
    branches(arg.items()[2], stack, join_conditions(cond, "!" + name), depth + 1, out);
}

}  // namespace certlint::readers::cfn
