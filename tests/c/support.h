/*
 * Helpers of the C suite: a tiny test harness, file reading, RFC 3339 instants, and the
 * conformance pattern matcher (the same rules as core/src/conformance.rs).
 *
 * The suite compiles as C11 (gcc -std=c11 -Wall -Wextra -Werror -pedantic) and as C++.
 */
#ifndef QUYTRINH_TEST_SUPPORT_H
#define QUYTRINH_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "quytrinh.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- harness ---------------------------------------------------------------------------- */

/* Starts a test; every check until test_end() belongs to it. */
void test_begin(const char *name);
/* Records a failed check of the current test (printf-style message). */
void test_fail(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Ends the current test, counting it as passed or failed. */
void test_end(void);
/* From test_capture_begin() to test_capture_end(), failed checks are counted, not reported;
 * test_capture_end() returns their number. Used to show that a checker can fail. */
void test_capture_begin(void);
int test_capture_end(void);
/* Prints the last line, "N passed, M failed"; returns M. */
int test_summary(void);

/* Checks a condition; returns it. */
bool check_true(bool condition, const char *what);
/* Checks a status; on mismatch prints both names and the thread's last error. */
bool check_status(QuytrinhStatus got, QuytrinhStatus expected, const char *what);
/* Checks two strings for equality (NULL equals only NULL). */
bool check_str(const char *got, const char *expected, const char *what);

/* --- utilities -------------------------------------------------------------------------- */

/* The whole file as a NUL-terminated string (free()), or NULL. */
char *read_text_file(const char *path);
/* A malloc'ed copy (free()). */
char *copy_string(const char *text);
/* Parses library-owned JSON text, frees it with quytrinh_string_free; NULL on bad JSON. */
cJSON *take_json(char *library_string);
/* Prints cJSON unformatted into a malloc'ed string (free()). */
char *json_text(const cJSON *item);

/* Parses RFC 3339 into seconds since the epoch and nanoseconds; false if not RFC 3339. */
bool parse_rfc3339(const char *text, long long *seconds, long *nanos);
/* Whether both texts are RFC 3339 and name the same instant. */
bool same_instant(const char *a, const char *b);

/* Whether `actual` matches `pattern` (objects by the keys given, arrays element-wise with
 * the same length, RFC 3339 strings as instants, anything else equal; a missing member is
 * null). On mismatch writes the path and both values into `why`. */
bool json_matches(const cJSON *pattern, const cJSON *actual, const char *path, char *why,
                  size_t why_size);

/* The raw text of member `key` of the JSON object at `object`, or of item `index` of the
 * JSON array at `array`, as a malloc'ed copy (free()); NULL when absent. Commands and
 * initial data are passed to the library byte for byte (cJSON keeps numbers as doubles, so
 * re-printing would turn 9223372036854775807 into 9.223372036854776e+18). */
char *raw_member(const char *object, const char *key);
char *raw_item(const char *array, int index);

/* The short name of an effect: "notify:<template>" for notify, its kind otherwise. */
void effect_name(const cJSON *effect, char *out, size_t out_size);

/* --- suites ------------------------------------------------------------------------------ */

/* Plays every tests/vectors/<workflow>/<name>.json under `root`, one test per file. */
void run_vector_suite(const char *root);
/* Plays DIR/vectors/<workflow>/<name>.json and checks the snapshots against the other
 * bindings' fixtures in DIR (tests/c/vectors.c). */
void run_differential_suite(const char *dir);
/* The bad inputs: NULL pointers, invalid UTF-8, malformed JSON, unknown workflow, frees,
 * future schema versions, bad timestamps. */
void run_bad_input_suite(void);
/* The rest of the API: errors, definitions, calendar, threads. */
void run_api_suite(void);
/* Limits on untrusted input and a pthread stress test (tests/c/robustness.c). */
void run_robustness_suite(void);

#ifdef __cplusplus
}
#endif

#endif
