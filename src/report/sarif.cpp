// Placeholder until the sarif reporter lands (issue 5): refusing is better than a wrong report.
#include "certlint/report.hpp"

namespace certlint {

std::string render_sarif(const Report& /*report*/) {
    throw UsageError("--format sarif is not available in this build yet");
}

}  // namespace certlint
