#include "readers/terraform_address.hpp"

#include <nlohmann/json.hpp>

namespace certlint::readers::tf {

std::vector<Segment> split_address(std::string_view text) {
    std::vector<Segment> out;
    Segment current;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '.') {
            out.push_back(std::move(current));
            current = Segment{};
            ++i;
        } else if (c == '[') {
            // Copy the bracketed key, honouring quoted strings with escapes.
            const std::size_t start = i;
            bool quoted = false;
            for (++i; i < text.size(); ++i) {
                if (quoted) {
                    if (text[i] == '\\') {
                        ++i;
                    } else if (text[i] == '"') {
                        quoted = false;
                    }
                } else if (text[i] == '"') {
                    quoted = true;
                } else if (text[i] == ']') {
                    break;
                }
            }
            const std::size_t end = i < text.size() ? i + 1 : text.size();
            current.key.append(text.substr(start, end - start));
            i = end;
        } else {
            current.name.push_back(c);
            ++i;
        }
    }
    out.push_back(std::move(current));
    return out;
}

std::string strip_keys(std::string_view text) {
    std::string out;
    for (const Segment& s : split_address(text)) {
        if (!out.empty()) out.push_back('.');
        out += s.name;
    }
    return out;
}

// Built by appending: `"[" + std::string` trips GCC 12's -Wrestrict false positive at -O3.
std::string format_key_number(long long n) {
    std::string out(1, '[');
    out += std::to_string(n);
    out.push_back(']');
    return out;
}

std::string format_key_string(const std::string& s) {
    std::string out(1, '[');
    out += nlohmann::json(s).dump();
    out.push_back(']');
    return out;
}

std::string join_scope(const std::string& scope, const std::string& child) {
    return scope.empty() ? child : scope + "." + child;
}

ScopeTail split_scope(const std::string& scope) {
    const std::vector<Segment> segs = split_address(scope);
    ScopeTail tail;
    // Segments come in pairs: "module", "<call>[key]".
    if (segs.size() < 2) return tail;
    for (std::size_t i = 0; i + 2 < segs.size(); i += 2) {
        tail.parent = join_scope(tail.parent, "module." + segs[i + 1].name + segs[i + 1].key);
    }
    tail.call = segs.back().name;
    tail.key = segs.back().key;
    return tail;
}

std::string absolute_address(std::string address, const std::string& scope) {
    if (!address.empty() && !scope.empty() &&
        (address.size() <= scope.size() || address.compare(0, scope.size(), scope) != 0 ||
         address[scope.size()] != '.')) {
        address = scope + "." + address;
    }
    return address;
}

}  // namespace certlint::readers::tf
