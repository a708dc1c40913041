/*
 * bench: the cost of one command through the C API (JSON in, JSON out). Each case is a new
 * companion instance that takes three commands (request_unlink, otp_verified, withdraw)
 * and is freed; only quytrinh_instance_handle is timed per command. The outcome string is
 * freed, not parsed.
 *
 *   make bench PROFILE=release   (and ./bench [ROUNDS])
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quytrinh.h"

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One case: create, request_unlink, otp_verified, withdraw, free. Adds the time spent in
 * quytrinh_instance_handle to *handling and in create + free to *lifecycle. */
static int one_case(long index, double *handling, double *lifecycle, size_t *outcome_bytes) {
    static const char *const bodies[3] = {
        "\"type\":\"request_unlink\"",
        "\"type\":\"otp_verified\",\"challenge_id\":\"R1-otp1\"",
        "\"type\":\"withdraw\",\"request_id\":\"R1\""};
    QuytrinhInstance *instance = NULL;
    char id[32], command[512];
    int step;
    double t = now_seconds();
    snprintf(id, sizeof id, "rel-%ld", index);
    if (quytrinh_instance_create("companion", id, NULL, NULL,
                                 "{\"saco_id\":\"S1\",\"customer_id\":\"K1\",\"account\":\"A1\"}",
                                 &instance) != QUYTRINH_STATUS_OK) {
        fprintf(stderr, "create: %s\n", quytrinh_last_error_message());
        return 0;
    }
    *lifecycle += now_seconds() - t;
    for (step = 0; step < 3; step++) {
        char *outcome = NULL;
        QuytrinhStatus status;
        snprintf(command, sizeof command,
                 "{\"command_id\":\"c%d\",\"actor\":{\"role\":\"saco\",\"id\":\"S1\"},"
                 "\"at\":\"2026-11-23T09:0%d:00+07:00\",%s}",
                 step, step, bodies[step]);
        t = now_seconds();
        status = quytrinh_instance_handle(instance, command, &outcome);
        *handling += now_seconds() - t;
        if (status != QUYTRINH_STATUS_OK) {
            fprintf(stderr, "step %d: %s\n", step, quytrinh_instance_last_error(instance));
            quytrinh_instance_free(instance);
            return 0;
        }
        *outcome_bytes += strlen(outcome);
        quytrinh_string_free(outcome);
    }
    t = now_seconds();
    quytrinh_instance_free(instance);
    *lifecycle += now_seconds() - t;
    return 1;
}

int main(int argc, char **argv) {
    long cases = argc > 1 ? atol(argv[1]) : 20000;
    long i;
    double handling = 0, lifecycle = 0;
    size_t outcome_bytes = 0;
    for (i = 0; i < cases; i++) {
        if (!one_case(i, &handling, &lifecycle, &outcome_bytes)) {
            return 1;
        }
    }
    printf("%ld cases, %ld commands: %.2f us per command (handle: JSON in, decide, JSON out), "
           "%.2f us per create + free; outcome %.0f bytes on average\n",
           cases, cases * 3, handling * 1e6 / (double)(cases * 3), lifecycle * 1e6 / (double)cases,
           (double)outcome_bytes / (double)(cases * 3));
    return 0;
}
