/*
 * bench: the cost of one companion command through the C ABI (JSON text in, outcome JSON
 * text out, the outcome freed), on the cycle the peer benchmark (bench/js) times from
 * JavaScript: SACO asks to unlink, passes the OTP, the customer rejects. Each instance gets
 * one untimed cycle (one past request), then CYCLES timed ones; the commands are written
 * before the clock starts. ROUNDS rounds of INSTANCES instances; the median round is printed,
 * with create + free.
 *
 *   make bench PROFILE=release        (./bench [INSTANCES [ROUNDS]])
 *
 * The last line is machine-readable for scripts/bench.sh:
 *   c_abi command_ns=… command_cpu_ns=… create_free_ns=…
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quytrinh.h"

#define CYCLES 10
#define COMMANDS ((CYCLES + 1) * 3)
#define COMMAND_SIZE 256
#define MAX_ROUNDS 99

/* The wall clock and the CPU time of this thread (less inflated on a shared machine). */
typedef struct {
    double wall, cpu;
} Clock;

static double seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static Clock now(void) {
    Clock c;
    c.wall = seconds(CLOCK_MONOTONIC);
    c.cpu = seconds(CLOCK_THREAD_CPUTIME_ID);
    return c;
}

/* Adds the time since `since` to *total. */
static void add_since(Clock since, Clock *total) {
    Clock t = now();
    total->wall += t.wall - since.wall;
    total->cpu += t.cpu - since.cpu;
}

/* The COMMANDS commands of one instance: cycles of request_unlink (SACO), otp_verified
 * (SACO), reject (customer), a minute apart from 2026-11-23 09:00 in Vietnam. */
static void write_commands(char commands[COMMANDS][COMMAND_SIZE]) {
    const time_t start = 1795399200; /* 2026-11-23T02:00:00Z */
    int i;
    for (i = 0; i < COMMANDS; i++) {
        int request = i / 3 + 1;
        char at[32], body[96];
        time_t t = start + 60 * (time_t)i;
        struct tm utc;
        gmtime_r(&t, &utc);
        strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &utc);
        switch (i % 3) {
        case 0:
            snprintf(body, sizeof body,
                     "\"actor\":{\"role\":\"saco\",\"id\":\"S1\"},\"type\":\"request_unlink\"");
            break;
        case 1:
            snprintf(body, sizeof body,
                     "\"actor\":{\"role\":\"saco\",\"id\":\"S1\"},\"type\":\"otp_verified\","
                     "\"challenge_id\":\"R%d-otp1\"",
                     request);
            break;
        default:
            snprintf(body, sizeof body,
                     "\"actor\":{\"role\":\"customer\",\"id\":\"K1\"},\"type\":\"reject\","
                     "\"request_id\":\"R%d\"",
                     request);
            break;
        }
        snprintf(commands[i], COMMAND_SIZE, "{\"command_id\":\"c%d\",\"at\":\"%s\",%s}", i + 1, at,
                 body);
    }
}

static int handle(QuytrinhInstance *instance, const char *command) {
    char *outcome = NULL;
    if (quytrinh_instance_handle(instance, command, &outcome) != QUYTRINH_STATUS_OK) {
        fprintf(stderr, "%s: %s\n", command, quytrinh_instance_last_error(instance));
        return 0;
    }
    quytrinh_string_free(outcome);
    return 1;
}

/* One instance: create (timed), one past cycle, CYCLES timed cycles, free (timed). */
static int one_instance(long index, char commands[COMMANDS][COMMAND_SIZE], Clock *handling,
                        Clock *lifecycle) {
    QuytrinhInstance *instance = NULL;
    char id[32];
    int i;
    Clock t;
    snprintf(id, sizeof id, "rel-%ld", index);
    t = now();
    if (quytrinh_instance_create("companion", id, NULL, NULL,
                                 "{\"saco_id\":\"S1\",\"customer_id\":\"K1\",\"account\":\"A1\"}",
                                 &instance) != QUYTRINH_STATUS_OK) {
        fprintf(stderr, "create: %s\n", quytrinh_last_error_message());
        return 0;
    }
    add_since(t, lifecycle);
    for (i = 0; i < 3; i++) {
        if (!handle(instance, commands[i])) {
            quytrinh_instance_free(instance);
            return 0;
        }
    }
    t = now();
    for (i = 3; i < COMMANDS; i++) {
        if (!handle(instance, commands[i])) {
            quytrinh_instance_free(instance);
            return 0;
        }
    }
    add_since(t, handling);
    t = now();
    quytrinh_instance_free(instance);
    add_since(t, lifecycle);
    return 1;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    static char commands[COMMANDS][COMMAND_SIZE];
    long instances = argc > 1 ? atol(argv[1]) : 2000;
    int rounds = argc > 2 ? atoi(argv[2]) : 7;
    double command_ns[MAX_ROUNDS], command_cpu_ns[MAX_ROUNDS], lifecycle_ns[MAX_ROUNDS];
    int round;
    long i;
    if (instances < 1 || rounds < 1 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "usage: bench [INSTANCES >= 1 [ROUNDS 1..%d]]\n", MAX_ROUNDS);
        return 2;
    }
    write_commands(commands);
    for (round = 0; round < rounds; round++) {
        Clock handling = {0, 0}, lifecycle = {0, 0};
        for (i = 0; i < instances; i++) {
            if (!one_instance(i, commands, &handling, &lifecycle)) {
                return 1;
            }
        }
        command_ns[round] = handling.wall * 1e9 / (double)(instances * CYCLES * 3);
        command_cpu_ns[round] = handling.cpu * 1e9 / (double)(instances * CYCLES * 3);
        lifecycle_ns[round] = lifecycle.wall * 1e9 / (double)instances;
    }
    qsort(command_ns, (size_t)rounds, sizeof command_ns[0], by_value);
    qsort(command_cpu_ns, (size_t)rounds, sizeof command_cpu_ns[0], by_value);
    qsort(lifecycle_ns, (size_t)rounds, sizeof lifecycle_ns[0], by_value);
    printf("%d rounds of %ld instances x %d commands (request_unlink, otp_verified, reject): "
           "median %.2f us per command (JSON in, decide, outcome JSON out, freed; CPU time "
           "%.2f us), %.2f us per create + free\n",
           rounds, instances, CYCLES * 3, command_ns[rounds / 2] / 1e3,
           command_cpu_ns[rounds / 2] / 1e3, lifecycle_ns[rounds / 2] / 1e3);
    printf("c_abi command_ns=%.0f command_cpu_ns=%.0f create_free_ns=%.0f\n",
           command_ns[rounds / 2], command_cpu_ns[rounds / 2], lifecycle_ns[rounds / 2]);
    return 0;
}
