// Test helpers: find a certificate or consumer of a model by id, failing the test if absent.
#pragma once

#include <stdexcept>
#include <string>

#include "catch.hpp"
#include "certlint/model.hpp"

namespace certlint::test {

inline const Certificate& cert(const Model& m, const std::string& id) {
    for (const Certificate& c : m.certificates) {
        if (c.id == id) return c;
    }
    FAIL("no certificate " << id);
    throw std::logic_error("unreachable");
}

inline const Consumer& consumer(const Model& m, const std::string& id) {
    for (const Consumer& c : m.consumers) {
        if (c.id == id) return c;
    }
    FAIL("no consumer " << id);
    throw std::logic_error("unreachable");
}

}  // namespace certlint::test
