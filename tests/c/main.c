/*
 * The C suite of quytrinh's C API: every conformance vector, the bad inputs, and the rest
 * of the API, limits and threads. Usage: quytrinh_c_tests [VECTORS_DIR] (default
 * tests/vectors). With QUYTRINH_DIFFERENTIAL=DIR, only the differential run of the random
 * vectors in DIR (see run_differential_suite).
 * The last line is "N passed, M failed"; the exit status is 0 only when M is 0.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const char *vectors = argc > 1 ? argv[1] : "tests/vectors";
    const char *differential = getenv("QUYTRINH_DIFFERENTIAL");
    printf("quytrinh %s C API suite\n", quytrinh_version());
    if (differential != NULL) {
        run_differential_suite(differential);
        return test_summary() == 0 ? 0 : 1;
    }
    run_vector_suite(vectors);
    run_bad_input_suite();
    run_api_suite();
    run_robustness_suite();
    return test_summary() == 0 ? 0 : 1;
}
