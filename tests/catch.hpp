// Catch2 v2 (Debian 12) and v3 compatibility: tests use only TEST_CASE, SECTION, REQUIRE,
// CHECK, INFO, WARN, SUCCEED and FAIL.
#pragma once

#if defined(CERTLINT_CATCH3)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif
