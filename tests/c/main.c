/*
 * The C suite of quytrinh's C API: every conformance vector, the bad inputs, and the rest
 * of the API. Usage: quytrinh_c_tests [VECTORS_DIR] (default tests/vectors).
 * The last line is "N passed, M failed"; the exit status is 0 only when M is 0.
 */
#include "support.h"

#include <stdio.h>

int main(int argc, char **argv) {
    const char *vectors = argc > 1 ? argv[1] : "tests/vectors";
    printf("quytrinh %s C API suite\n", quytrinh_version());
    run_vector_suite(vectors);
    run_bad_input_suite();
    run_api_suite();
    return test_summary() == 0 ? 0 : 1;
}
