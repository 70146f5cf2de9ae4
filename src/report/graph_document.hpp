// `certlint graph`: the resolved model as a versioned JSON document (docs/graph.md, schema in
// docs/graph.schema.json) and drawings of it in Graphviz DOT and Mermaid.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "certlint/model.hpp"

namespace certlint::graph {

// The value of the document's "certlint_graph" member. It changes only when a member is
// removed, renamed or changes meaning; members may be added within a version.
inline constexpr int kVersion = 1;

// The graph document of a model.
[[nodiscard]] nlohmann::ordered_json document(const Model& m);

// The document as text (2-space indented JSON, a final newline).
[[nodiscard]] std::string render_json(const Model& m);
// A Graphviz digraph: certificates (boxes), consumers (ellipses), certificates outside the
// inputs (dashed), an edge from each consumer to each certificate it may use.
[[nodiscard]] std::string render_dot(const Model& m);
// A Mermaid flowchart of the same, cut to a size Mermaid renders (it says what it left out).
[[nodiscard]] std::string render_mermaid(const Model& m);

}  // namespace certlint::graph
