// libFuzzer target: bytes as an HCL native-syntax file, a .tf.json file, a template and an
// expression (src/hcl). Whatever parses has its references listed and its JSON-syntax
// properties read as blocks, so the whole tree is walked.
#include <cstddef>
#include <cstdint>
#include <string>

#include "hcl/parse.hpp"

namespace {

void walk(const certlint::hcl::Body& body, int labels) {
    for (const auto& attr : body.attributes) {
        if (attr.expr) (void)certlint::hcl::references(*attr.expr);
        if (body.json) {
            const auto blocks = certlint::hcl::json_blocks(attr, static_cast<std::size_t>(labels));
            for (const auto& b : blocks.blocks) walk(b.body, 0);
        }
    }
    for (const auto& b : body.blocks) walk(b.body, labels);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    using namespace certlint::hcl;
    {
        File f("fuzz.tf", text);
        (void)parse_native(f);  // a partial body on error is walked too
        walk(f.body, 0);
        for (const auto& c : f.comments) (void)c.text.size();
    }
    {
        File f("fuzz.tf.json", text);
        (void)parse_json(f);
        walk(f.body, static_cast<int>(size % 3));
    }
    {
        File f("fuzz.tpl", text);
        if (!parse_template(f)) (void)references(*f.expr);
    }
    {
        File f("fuzz.expr", text);
        if (!parse_expression(f)) (void)references(*f.expr);
    }
    {
        File f("fuzz.trav", text);
        if (!parse_traversal(f)) (void)references(*f.expr);
    }
    return 0;
}
