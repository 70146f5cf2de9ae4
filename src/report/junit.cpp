// Placeholder until the junit reporter lands (issue 5): refusing is better than a wrong report.
#include "certlint/report.hpp"

namespace certlint {

std::string render_junit(const Report& /*report*/) {
    throw UsageError("--format junit is not available in this build yet");
}

}  // namespace certlint
