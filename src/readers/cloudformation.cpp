// CloudFormation and SAM templates (JSON or YAML), with their local nested stacks.
#include <string_view>
#include <utility>

#include "readers/cfn_model.hpp"
#include "readers/cfn_stack.hpp"
#include "readers/readers.hpp"

namespace certlint::readers {

bool looks_like_cloudformation(const std::string& text) {
    if (text.find("AWSTemplateFormatVersion") != std::string::npos) return true;
    // A top-level YAML key `Resources:` or a JSON key "Resources".
    for (std::size_t pos = 0; pos < text.size();) {
        if (text.compare(pos, 10, "Resources:") == 0) return true;
        pos = text.find('\n', pos);
        if (pos == std::string::npos) break;
        ++pos;
    }
    for (auto pos = text.find("\"Resources\""); pos != std::string::npos;
         pos = text.find("\"Resources\"", pos + 1)) {
        const auto next = text.find_first_not_of(" \t\r\n", pos + 11);
        if (next != std::string::npos && text[next] == ':') return true;
    }
    return false;
}

bool is_cloudformation_document(const cfn::Node& root) {
    return root.is_mapping() &&
           (root.get("Resources") != nullptr || root.get("AWSTemplateFormatVersion") != nullptr);
}

void read_cloudformation(Model& model, std::size_t input, const std::string& path,
                         cfn::Document doc, const LoadOptions& opts) {
    cfn::World world(model, opts, input);
    world.add_root(path, std::move(doc),
                   cfn::Environment{cfn::deploy_region(opts), std::nullopt, {}});
    cfn::build_model(world);
}

}  // namespace certlint::readers
