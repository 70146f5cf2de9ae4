// Placeholder until the markdown reporter lands (issue 5): refusing is better than a wrong report.
#include "certlint/report.hpp"

namespace certlint {

std::string render_markdown(const Report& /*report*/) {
    throw UsageError("--format markdown is not available in this build yet");
}

}  // namespace certlint
