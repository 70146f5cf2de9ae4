// Escaping of text that comes from inputs before it is displayed.
#pragma once

#include <string>

namespace certlint {

// Escapes control characters and terminal escape sequences for display.
[[nodiscard]] std::string printable(const std::string& s);

}  // namespace certlint
