// The local nested templates a CloudFormation template loads, for directory scans: a scan
// reads such a file as part of its parent, not again on its own.
#pragma once

#include <string>
#include <vector>

namespace certlint::readers {

// The paths of the local nested templates (AWS::CloudFormation::Stack TemplateURL,
// AWS::Serverless::Application Location, CDK asset paths) that the template `text` (the file
// `path`) references, and theirs, recursively; each resolved from its parent's directory and
// lexically normalized (relative when `path` is), once, in the order found. Only files that
// exist are listed. Never throws: text that is not a template gives an empty list, and so
// does a template the reader refuses for its nesting (a template that nests itself, directly
// or not, or nesting deeper than the reader follows), so that it is still read and reported.
// A nested template that cannot be read or parsed is listed, without its own children.
[[nodiscard]] std::vector<std::string> nested_template_paths(const std::string& path,
                                                             const std::string& text);

}  // namespace certlint::readers
