// Inline suppressions in Terraform sources (terraform_ignores.hpp).
//
// Syntax, following tflint's `# tflint-ignore: a, b` and Checkov's `#checkov:skip=ID:reason`:
// the comment's text starts with `certlint:ignore` (optionally followed by `:` or `=`), then one
// or more rule IDs or names separated by commas (spaces around them allowed), then the reason,
// the rest of the comment (a leading `:` or `--` before it is dropped).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "certlint/errors.hpp"
#include "certlint/rule.hpp"
#include "readers/terraform_ignores.hpp"

namespace certlint::readers {
namespace {

constexpr std::string_view kMarker = "certlint:ignore";

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    return s;
}

// The text of a comment without its markers: `# x`, `// x`, `/* x */` -> "x".
std::string_view comment_body(std::string_view text) {
    if (text.substr(0, 2) == "/*") {
        text.remove_prefix(2);
        if (text.size() >= 2 && text.substr(text.size() - 2) == "*/") text.remove_suffix(2);
    } else if (text.substr(0, 2) == "//") {
        text.remove_prefix(2);
    } else if (text.substr(0, 1) == "#") {
        text.remove_prefix(1);
    }
    return trim(text);
}

// The text after the marker when `body` is a certlint:ignore directive; npos-like nullopt else.
std::optional<std::string_view> directive(std::string_view body) {
    if (body.substr(0, kMarker.size()) != kMarker) return std::nullopt;
    std::string_view rest = body.substr(kMarker.size());
    if (!rest.empty() && rest.front() != ':' && rest.front() != '=' &&
        std::isspace(static_cast<unsigned char>(rest.front())) == 0) {
        return std::nullopt;  // certlint:ignored, certlint:ignore_x: not ours
    }
    if (!rest.empty() && (rest.front() == ':' || rest.front() == '=')) rest.remove_prefix(1);
    return trim(rest);
}

bool rule_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
}

// The top-level blocks a suppression can be on.
bool suppressible(const hcl::Block& b) {
    return ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) ||
           (b.type == "module" && b.labels.size() == 1);
}

// Whether `ig` applies to `block`: inside it, or on the line before it, or in a run of ignore
// comments (one a line) that ends on the line before it.
bool applies(const std::vector<InlineIgnore>& all, const InlineIgnore& ig,
             const hcl::Block& block) {
    if (block.range.begin.byte <= ig.begin && ig.end <= block.range.end.byte) return true;
    int line = block.range.begin.line - 1;
    for (;;) {
        const auto it = std::find_if(all.begin(), all.end(), [&](const InlineIgnore& q) {
            return q.line == line && q.end <= block.range.begin.byte;
        });
        if (it == all.end()) return false;
        if (&*it == &ig) return true;
        line = it->line - 1;
    }
}

}  // namespace

bool mentions_ignore(const hcl::File& file) {
    return std::any_of(file.comments.begin(), file.comments.end(), [](const hcl::Comment& c) {
        return c.text.find(kMarker) != std::string::npos;
    });
}

std::vector<InlineIgnore> file_ignores(const hcl::File& file, std::vector<std::string>& notes) {
    std::vector<InlineIgnore> out;
    if (!mentions_ignore(file)) return out;
    for (const hcl::Comment& c : file.comments) {
        const auto rest = directive(comment_body(c.text));
        if (!rest) continue;
        const int line = c.range.begin.line;
        const auto fail = [&](const std::string& problem) {
            throw InputError(fmt::format("{}:{}", file.name, line), "certlint:ignore: " + problem);
        };
        if (c.range.end.line != line) fail("a /* */ suppression must fit on one line");
        InlineIgnore ig;
        ig.file = file.name;
        ig.line = line;
        ig.begin = c.range.begin.byte;
        ig.end = c.range.end.byte;
        std::string_view s = *rest;
        for (;;) {
            std::size_t n = 0;
            if (!s.empty() && std::isalnum(static_cast<unsigned char>(s.front())) != 0) {
                while (n < s.size() && rule_char(s[n])) ++n;
            }
            if (n == 0) {
                fail(ig.rules.empty() ? "names no rule (certlint:ignore ID[,ID...] reason)"
                                      : "a rule ID or name must follow ','");
            }
            const std::string_view name = s.substr(0, n);
            const Policy* policy = find_policy_any_case(name);  // any case (spec §5)
            if (policy == nullptr)
                fail(fmt::format("unknown rule '{}' (see certlint rules)", name));
            if (std::find(ig.rules.begin(), ig.rules.end(), policy->id) == ig.rules.end()) {
                ig.rules.push_back(policy->id);
            }
            s = s.substr(n);
            const std::string_view after = trim(s);
            if (after.empty() || after.front() != ',') break;
            s = trim(after.substr(1));
        }
        s = trim(s);
        if (s.substr(0, 2) == "--") {
            s = trim(s.substr(2));
        } else if (s.substr(0, 1) == ":") {
            s = trim(s.substr(1));
        }
        ig.reason = std::string(s);
        out.push_back(std::move(ig));
    }
    for (const InlineIgnore& ig : out) {
        const bool used = std::any_of(
            file.body.blocks.begin(), file.body.blocks.end(),
            [&](const hcl::Block& b) { return suppressible(b) && applies(out, ig, b); });
        if (!used) {
            notes.push_back(fmt::format(
                "{}:{}: certlint:ignore applies to no resource, data or module block (it goes "
                "on the line before the block, or inside it)",
                ig.file, ig.line));
        } else if (ig.reason.empty()) {
            notes.push_back(
                fmt::format("{}:{}: certlint:ignore gives no reason", ig.file, ig.line));
        }
    }
    return out;
}

std::vector<InlineIgnore> block_ignores(const std::vector<InlineIgnore>& ignores,
                                        const hcl::Block& block) {
    std::vector<InlineIgnore> out;
    for (const InlineIgnore& ig : ignores) {
        if (applies(ignores, ig, block)) out.push_back(ig);
    }
    return out;
}

void add_ignores(std::vector<std::string>& suppressed,
                 std::vector<std::pair<std::string, std::string>>& reasons,
                 const std::vector<InlineIgnore>& ignores) {
    for (const InlineIgnore& ig : ignores) {
        for (const std::string& rule : ig.rules) {
            if (std::find(suppressed.begin(), suppressed.end(), rule) == suppressed.end()) {
                suppressed.push_back(rule);
            }
            reasons.emplace_back(
                rule, ig.reason.empty() ? fmt::format("certlint:ignore at {}:{}", ig.file, ig.line)
                                        : ig.reason);
        }
    }
}

}  // namespace certlint::readers
