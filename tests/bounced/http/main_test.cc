// Catch2's main for the `bounced serve` tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
