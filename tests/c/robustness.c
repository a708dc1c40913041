/*
 * Robustness at the C boundary (docs/limits.md): a 100 MB string and a 10,000-deep JSON are
 * refused with QUYTRINH_STATUS_LIMIT_REACHED naming the limit, the instance unchanged; and
 * a stress test of threads (pthreads): every thread drives an instance of its own while all
 * of them share one more instance, used one thread at a time as the header requires (a
 * pthread mutex), and call the thread-safe functions (workflows, definitions, last errors)
 * freely. scripts/test-c.sh runs it under valgrind, ASan and ThreadSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include "support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INIT "{\"saco_id\":\"SACO-01\",\"customer_id\":\"KH-01\",\"account\":\"0001234567\"}"
#define THREADS 8
#define ROUNDS 40

/* `{"command_id":"c1",<field>:` + `body` + `}`, in a new buffer. */
static char *wrap(const char *field, const char *body) {
    size_t n = strlen(body) + strlen(field) + 64;
    char *text = (char *)malloc(n);
    if (text != NULL) {
        snprintf(text, n, "{\"command_id\":\"c1\",\"%s\":%s}", field, body);
    }
    return text;
}

/* `"xxx…"`, `bytes` long, or `[[[…]]]`, `depth` deep. */
static char *filler(size_t bytes, size_t depth) {
    size_t n = bytes > 0 ? bytes + 3 : 2 * depth + 1;
    char *text = (char *)malloc(n);
    if (text == NULL) {
        return NULL;
    }
    if (bytes > 0) {
        text[0] = '"';
        memset(text + 1, 'x', bytes);
        text[bytes + 1] = '"';
        text[bytes + 2] = '\0';
    } else {
        memset(text, '[', depth);
        memset(text + depth, ']', depth);
        text[2 * depth] = '\0';
    }
    return text;
}

static void expect_limit(QuytrinhStatus got, const char *rule, const char *what) {
    if (check_status(got, QUYTRINH_STATUS_LIMIT_REACHED, what) &&
        strstr(quytrinh_last_error_json(), rule) == NULL) {
        test_fail("%s: the error %s does not name `%s`", what, quytrinh_last_error_json(), rule);
    }
}

static void run_limit_suite(void) {
    char *huge = filler(100u * 1000u * 1000u, 0);
    char *deep = filler(0, 10000);
    char *huge_command = huge != NULL ? wrap("note", huge) : NULL;
    char *deep_command = deep != NULL ? wrap("note", deep) : NULL;
    char *deep_init = deep != NULL ? wrap("saco_id", deep) : NULL;
    QuytrinhInstance *instance = NULL, *restored = NULL, *created = NULL;
    char *before = NULL, *after = NULL, *outcome = NULL;
    test_begin("limits: a 100 MB command, snapshot and log; a 10,000-deep command and init");
    if (huge_command == NULL || deep_command == NULL || deep_init == NULL) {
        test_fail("out of memory building the inputs");
    } else if (check_status(quytrinh_instance_create("companion", "rel-01", NULL, NULL, INIT,
                                                     &instance),
                            QUYTRINH_STATUS_OK, "create") &&
               check_status(quytrinh_instance_snapshot(instance, &before), QUYTRINH_STATUS_OK,
                            "snapshot")) {
        expect_limit(quytrinh_instance_handle(instance, huge_command, &outcome), "command_bytes",
                     "a 100 MB command");
        expect_limit(quytrinh_instance_handle(instance, deep_command, &outcome), "json_depth",
                     "a 10,000-deep command");
        expect_limit(quytrinh_instance_restore(huge_command, &restored), "document_bytes",
                     "a 100 MB snapshot");
        expect_limit(quytrinh_instance_replay(huge_command, &restored), "document_bytes",
                     "a 100 MB event log");
        expect_limit(quytrinh_instance_create("companion", "rel-02", NULL, NULL, deep_init,
                                              &created),
                     "json_depth", "a 10,000-deep init");
        check_true(outcome == NULL && restored == NULL && created == NULL,
                   "nothing given out on a refusal");
        if (check_status(quytrinh_instance_snapshot(instance, &after), QUYTRINH_STATUS_OK,
                         "snapshot after")) {
            check_str(after, before, "the instance is unchanged");
        }
    }
    quytrinh_string_free(before);
    quytrinh_string_free(after);
    quytrinh_instance_free(instance);
    free(huge);
    free(deep);
    free(huge_command);
    free(deep_command);
    free(deep_init);
    test_end();
}

/* --- threads ---------------------------------------------------------------------------- */

typedef struct {
    int index;
    QuytrinhInstance *shared;
    pthread_mutex_t *lock;
    int *clock; /* seconds after the start, advanced under `lock` */
    int failures;
    int accepted;
} Worker;

/* A command of the companion workflow (SACO or customer) at `seconds` after the start. */
static void command_text(char *out, size_t size, const char *id, int kind, int seconds) {
    static const char *const bodies[] = {
        "\"actor\":{\"role\":\"saco\",\"id\":\"SACO-01\"},\"type\":\"request_unlink\"",
        "\"actor\":{\"role\":\"customer\",\"id\":\"KH-01\"},\"type\":\"withdraw\","
        "\"request_id\":\"R1\"",
        "\"actor\":{\"role\":\"saco\",\"id\":\"SACO-01\"},\"type\":\"withdraw\","
        "\"request_id\":\"R1\"",
    };
    snprintf(out, size,
             "{\"command_id\":\"%s\",\"at\":\"2026-11-23T%02d:%02d:%02dZ\",%s}", id,
             seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, bodies[kind % 3]);
}

/* Accepted or refused by the domain: anything else (a panic, an internal error, bad JSON)
 * is a failure. */
static bool acceptable(QuytrinhStatus status) {
    return status == QUYTRINH_STATUS_OK || (int)status >= (int)QUYTRINH_STATUS_NOT_PERMITTED;
}

static void *work(void *arg) {
    Worker *w = (Worker *)arg;
    QuytrinhInstance *own = NULL;
    char id[64], text[512], *out = NULL, *snapshot = NULL;
    int i;
    if (quytrinh_instance_create("companion", "own", NULL, NULL, INIT, &own) !=
        QUYTRINH_STATUS_OK) {
        w->failures++;
        return NULL;
    }
    for (i = 0; i < ROUNDS; i++) {
        QuytrinhStatus status;
        QuytrinhInstance *again = NULL;
        /* The thread's own instance: commands, a tick, a snapshot restored. */
        snprintf(id, sizeof id, "own-%d", i);
        command_text(text, sizeof text, id, i, 3600 + i * 60);
        status = quytrinh_instance_handle(own, text, &out);
        w->failures += !acceptable(status);
        /* A refusal leaves a message for this thread (thread-local). */
        w->failures += status != QUYTRINH_STATUS_OK && quytrinh_last_error_message()[0] == '\0';
        quytrinh_string_free(out);
        out = NULL;
        snprintf(text, sizeof text, "2026-11-23T01:%02d:30Z", i % 60);
        w->failures += quytrinh_instance_tick(own, text, &out) != QUYTRINH_STATUS_OK;
        quytrinh_string_free(out);
        out = NULL;
        if (quytrinh_instance_snapshot(own, &snapshot) == QUYTRINH_STATUS_OK) {
            w->failures += quytrinh_instance_restore(snapshot, &again) != QUYTRINH_STATUS_OK;
            quytrinh_instance_free(again);
            quytrinh_string_free(snapshot);
            snapshot = NULL;
        } else {
            w->failures++;
        }
        /* Thread-safe functions, called freely. */
        if (quytrinh_workflows(&out) == QUYTRINH_STATUS_OK) {
            w->failures += strstr(out, "companion") == NULL;
        } else {
            w->failures++;
        }
        quytrinh_string_free(out);
        out = NULL;
        /* The shared instance, one thread at a time. */
        pthread_mutex_lock(w->lock);
        *w->clock += 1;
        snprintf(id, sizeof id, "t%d-%d", w->index, i);
        command_text(text, sizeof text, id, w->index + i, *w->clock);
        status = quytrinh_instance_handle(w->shared, text, &out);
        w->failures += !acceptable(status);
        w->accepted += status == QUYTRINH_STATUS_OK;
        pthread_mutex_unlock(w->lock);
        quytrinh_string_free(out);
        out = NULL;
    }
    quytrinh_instance_free(own);
    return NULL;
}

static void run_thread_suite(void) {
    pthread_t threads[THREADS];
    Worker workers[THREADS];
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    QuytrinhInstance *shared = NULL;
    bool started[THREADS];
    int clock = 0, i, accepted = 0;
    uint64_t version = 0;
    test_begin("threads: 8 pthreads, an instance each and one shared under a mutex");
    if (!check_status(quytrinh_instance_create("companion", "shared", NULL, NULL, INIT, &shared),
                      QUYTRINH_STATUS_OK, "create")) {
        test_end();
        return;
    }
    for (i = 0; i < THREADS; i++) {
        workers[i].index = i;
        workers[i].shared = shared;
        workers[i].lock = &lock;
        workers[i].clock = &clock;
        workers[i].failures = 0;
        workers[i].accepted = 0;
        started[i] = pthread_create(&threads[i], NULL, work, &workers[i]) == 0;
        if (!started[i]) {
            test_fail("pthread_create");
        }
    }
    for (i = 0; i < THREADS; i++) {
        if (started[i]) {
            pthread_join(threads[i], NULL);
        }
        if (workers[i].failures != 0) {
            test_fail("thread %d: %d calls failed", i, workers[i].failures);
        }
        accepted += workers[i].accepted;
    }
    /* Every accepted command of the shared instance recorded at least one event. */
    if (check_status(quytrinh_instance_version(shared, &version), QUYTRINH_STATUS_OK, "version")) {
        check_true(accepted > 0 && version >= (uint64_t)accepted,
                   "the shared instance recorded every accepted command");
    }
    quytrinh_instance_free(shared);
    pthread_mutex_destroy(&lock);
    test_end();
}

void run_robustness_suite(void) {
    run_limit_suite();
    run_thread_suite();
}
