// nested_template_paths (cfn_nested.hpp): the same references World::load_children follows.
#include "readers/cfn_nested.hpp"

#include <algorithm>
#include <exception>

#include "readers/cfn_stack.hpp"
#include "readers/cfn_tree.hpp"

namespace certlint::readers {

namespace {

// Thrown (and caught below) when the nesting is one the reader refuses.
struct Refused {};

// Adds the nested templates of `doc` (the file `path`) to `out`. `chain`: canonical paths of
// the templates from the root to `path`.
void collect(const std::string& path, const cfn::Node& doc, std::vector<std::string>& out,
             std::vector<std::string>& chain) {
    const cfn::Node* resources = doc.get("Resources");
    if (resources == nullptr || !resources->is_mapping()) return;
    for (const cfn::Entry& r : resources->entries()) {
        const cfn::NestedTemplate nested = cfn::resolve_nested_template(path, r.value, chain);
        if (nested.kind == cfn::NestedTemplate::Kind::Loop) throw Refused{};
        if (nested.kind != cfn::NestedTemplate::Kind::Local) continue;
        const std::string& child = nested.path;
        const std::string& key = nested.key;
        // A template reached before has been walked, and had no path back to itself.
        if (std::find(out.begin(), out.end(), child) != out.end()) continue;
        out.push_back(child);
        cfn::Document child_doc;
        try {
            child_doc = cfn::parse_template_file(child);
        } catch (const std::exception&) {
            continue;  // loading the parent reports it
        }
        chain.push_back(key);
        collect(child, child_doc.root(), out, chain);
        chain.pop_back();
    }
}

}  // namespace

std::vector<std::string> nested_template_paths(const std::string& path, const std::string& text) {
    std::vector<std::string> out;
    try {
        const cfn::Document doc = cfn::parse_document(path, text);
        if (!doc.root().is_mapping()) return {};
        std::vector<std::string> chain{cfn::canonical_path(path)};
        collect(path, doc.root(), out, chain);
    } catch (const Refused&) {
        return {};
    } catch (const std::exception&) {
        return {};
    }
    return out;
}

}  // namespace certlint::readers
