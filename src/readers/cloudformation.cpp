// Placeholder until the CloudFormation reader lands (issue 3): templates are refused
// with exit code 2, never reported clean.
#include "readers/readers.hpp"

namespace certlint::readers {

bool looks_like_cloudformation(const std::string& text) {
    return text.find("AWSTemplateFormatVersion") != std::string::npos ||
           text.find("Resources") != std::string::npos;
}

void read_cloudformation(Model& /*model*/, std::size_t /*input*/, const std::string& path,
                         const std::string& /*text*/, const LoadOptions& /*opts*/) {
    throw InputError(path, "CloudFormation templates are not supported by this build");
}

void read_cdk_assembly(Model& /*model*/, const std::string& dir, const LoadOptions& /*opts*/) {
    throw InputError(dir, "CDK cloud assemblies are not supported by this build");
}

}  // namespace certlint::readers
