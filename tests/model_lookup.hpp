// Test helpers: load options for a region; find a certificate or consumer of a model by id,
// failing the test if absent.
#pragma once

#include <stdexcept>
#include <string>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "certlint/model.hpp"

namespace certlint::test {

// Load options with the deploy region set.
inline LoadOptions in_region(const std::string& region) {
    LoadOptions o;
    o.region = region;
    return o;
}

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
