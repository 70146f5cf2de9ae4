// What was checked and how certificates reach their consumers, for reports to list or draw.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "certlint/model.hpp"

namespace certlint {

// A resource that was checked, as reports list it.
struct CheckedResource {
    std::string input;  // the input's path (Finding::file of findings on it)
    std::string id;     // Finding::resource of findings on it
    std::string type;
    std::string file;  // its source file when known, else the input
};

// What was checked and how certificates reach their consumers, ready for reports to list or
// draw: built from the model by graph_of(), so that reporters need no AWS knowledge.
struct ReportGraph {
    struct Certificate {
        CheckedResource resource;
        std::string place;              // where it is (its region, or "region unknown")
        std::vector<std::string> step;  // lines describing its validation step; empty: none
    };
    struct Link {
        std::optional<std::size_t> certificate;  // index into certificates, or
        std::string arn;                         // a certificate known only by its ARN
        bool via_step = false;  // the consumer waits for the certificate's validation step
        std::string name;       // how findings name this certificate (Finding::certificate)
    };
    struct Consumer {
        CheckedResource resource;
        std::vector<Link> links;  // attachment and candidate order
    };
    std::vector<Certificate> certificates;  // model order
    std::vector<Consumer> consumers;        // model order
};

[[nodiscard]] ReportGraph graph_of(const Model& model);

}  // namespace certlint
