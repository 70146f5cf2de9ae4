// Placeholder until the github reporter lands (issue 5): refusing is better than a wrong report.
#include "certlint/report.hpp"

namespace certlint {

std::string render_github(const Report& /*report*/) {
    throw UsageError("--format github is not available in this build yet");
}

}  // namespace certlint
