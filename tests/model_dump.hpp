// Every field of a Model as JSON, so that two models can be compared (and diffed).
#pragma once

#include <nlohmann/json.hpp>

#include "certlint/model.hpp"

namespace certlint::test {

[[nodiscard]] nlohmann::json dump_model(const Model& m);

}  // namespace certlint::test
