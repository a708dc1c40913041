/*
 * Plays every conformance vector (tests/vectors/<workflow>/<name>.json) through the C API
 * and compares with its expectations, with the rules of core/src/conformance.rs. The files
 * are discovered at run time, so new workflows' vectors are played without changing this
 * suite. After the steps, the snapshot must survive restore, and replaying the event log
 * must give the same snapshot.
 *
 * Differential runs (run_differential_suite): the random vectors the native property tests
 * wrote to DIR/vectors are played the same way; then the final snapshot must be the native
 * one byte for byte (DIR/native/<workflow>__<name>.json), every other binding's fixture of
 * the same vector (DIR/<binding>/…) must restore here and give its snapshot text back, and
 * the C fixture is written to DIR/c/ for the bindings that run later.
 */
#define _POSIX_C_SOURCE 200809L

#include "support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- discovery -------------------------------------------------------------------------- */

typedef struct {
    char **items;
    size_t count;
    size_t capacity;
} PathList;

static void path_list_push(PathList *list, const char *path) {
    if (list->count == list->capacity) {
        size_t capacity = list->capacity * 2 + 16;
        char **bigger = (char **)realloc(list->items, capacity * sizeof *bigger);
        if (bigger == NULL) {
            return;
        }
        list->items = bigger;
        list->capacity = capacity;
    }
    list->items[list->count++] = copy_string(path);
}

static void path_list_free(PathList *list) {
    size_t i;
    for (i = 0; i < list->count; i++) {
        free(list->items[i]);
    }
    free(list->items);
}

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *text, const char *suffix) {
    size_t length = strlen(text);
    size_t suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static bool is_directory(const char *path) {
    struct stat info;
    return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* Every <root>/<dir>/<file>.json, sorted. */
static PathList discover(const char *root) {
    PathList list = {NULL, 0, 0};
    DIR *top = opendir(root);
    struct dirent *entry;
    char path[1024];
    if (top == NULL) {
        return list;
    }
    while ((entry = readdir(top)) != NULL) {
        DIR *sub;
        struct dirent *file;
        if (entry->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", root, entry->d_name);
        if (!is_directory(path) || (sub = opendir(path)) == NULL) {
            continue;
        }
        while ((file = readdir(sub)) != NULL) {
            char file_path[1280];
            if (file->d_name[0] == '.' || !ends_with(file->d_name, ".json")) {
                continue;
            }
            snprintf(file_path, sizeof file_path, "%s/%s", path, file->d_name);
            path_list_push(&list, file_path);
        }
        closedir(sub);
    }
    closedir(top);
    if (list.count > 1) {
        qsort(list.items, list.count, sizeof *list.items, compare_paths);
    }
    return list;
}

/* --- expectations ----------------------------------------------------------------------- */

static const char *const KNOWN_EXPECT_KEYS[] = {
    "rejected", "rule", "duplicate", "version", "events", "effects", "state", "position",
    "next_deadline"};

static void check_known_keys(const cJSON *expect, int step) {
    const cJSON *member;
    cJSON_ArrayForEach(member, expect) {
        size_t i;
        bool known = false;
        for (i = 0; i < sizeof KNOWN_EXPECT_KEYS / sizeof *KNOWN_EXPECT_KEYS; i++) {
            known = known || strcmp(member->string, KNOWN_EXPECT_KEYS[i]) == 0;
        }
        if (!known) {
            test_fail("step %d: unknown expectation `%s` (update tests/c/vectors.c)", step,
                      member->string);
        }
    }
}

/* Compares a list of expected strings with the names taken from `actual` by `name_of`. */
static void check_names(const char *what, int step, const cJSON *expected, const cJSON *actual,
                        void (*name_of)(const cJSON *, char *, size_t)) {
    int count = cJSON_GetArraySize(expected);
    int i;
    if (!cJSON_IsArray(actual) || cJSON_GetArraySize(actual) != count) {
        char *want = json_text(expected);
        char *got = actual != NULL ? json_text(actual) : NULL;
        test_fail("step %d: %s: expected %s, got %d items: %s", step, what, want,
                  cJSON_GetArraySize(actual), got != NULL ? got : "null");
        cJSON_free(want);
        cJSON_free(got);
        return;
    }
    for (i = 0; i < count; i++) {
        char name[256];
        const cJSON *want = cJSON_GetArrayItem(expected, i);
        name_of(cJSON_GetArrayItem(actual, i), name, sizeof name);
        if (!cJSON_IsString(want) || strcmp(want->valuestring, name) != 0) {
            test_fail("step %d: %s[%d]: expected %s, got %s", step, what, i,
                      cJSON_IsString(want) ? want->valuestring : "(not a string)", name);
        }
    }
}

static void event_type(const cJSON *record, char *out, size_t out_size) {
    const cJSON *event = cJSON_GetObjectItemCaseSensitive(record, "event");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(event, "type");
    snprintf(out, out_size, "%s", cJSON_IsString(type) ? type->valuestring : "(no type)");
}

/* The failure's accessors give what its error JSON says, on the handle and on the thread, so a
 * host needs no JSON parser to show it. A rejection (100-199) has every part; another failure
 * (invalid_json, ...) has a code and a message, and no rule or messages for the end user. */
static void check_error_fields(const cJSON *error, int step, QuytrinhStatus status,
                               QuytrinhInstance *instance) {
    static const struct {
        int32_t field;
        const char *key;
        int rejections_only;
    } fields[] = {
        {QUYTRINH_ERROR_FIELD_CODE, "code", 0},
        {QUYTRINH_ERROR_FIELD_MESSAGE, "message", 0},
        {QUYTRINH_ERROR_FIELD_RULE, "rule", 1},
        {QUYTRINH_ERROR_FIELD_MESSAGE_VI, "message_vi", 1},
        {QUYTRINH_ERROR_FIELD_MESSAGE_EN, "message_en", 1},
    };
    const int rejection = status >= 100 && status < 200;
    size_t i;
    for (i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *in_json =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, fields[i].key));
        const char *expected = in_json != NULL ? in_json : "";
        const char *on_handle = quytrinh_instance_last_error_field(instance, fields[i].field);
        if ((rejection || !fields[i].rejections_only) && expected[0] == '\0') {
            test_fail("step %d: the failure's `%s` is missing or empty", step, fields[i].key);
        } else if (!rejection && fields[i].rejections_only && in_json != NULL) {
            test_fail("step %d: a failure that is no rejection has a `%s`", step, fields[i].key);
        } else if (strcmp(on_handle, expected) != 0) {
            test_fail("step %d: the handle's `%s` is `%s`, its error JSON says `%s`", step,
                      fields[i].key, on_handle, expected);
        } else if (strcmp(quytrinh_last_error_field(fields[i].field), expected) != 0) {
            test_fail("step %d: the thread's `%s` differs from the handle's", step,
                      fields[i].key);
        }
    }
}

static void check_rejection(const cJSON *expect, int step, QuytrinhStatus status,
                            QuytrinhInstance *instance) {
    const cJSON *rejected = cJSON_GetObjectItemCaseSensitive(expect, "rejected");
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(expect, "rule");
    cJSON *error;
    const cJSON *code;
    const cJSON *actual_rule;
    if (status == QUYTRINH_STATUS_OK) {
        test_fail("step %d: expected rejection `%s`, but the input was accepted", step,
                  rejected->valuestring);
        return;
    }
    error = cJSON_Parse(quytrinh_instance_last_error_json(instance));
    code = cJSON_GetObjectItemCaseSensitive(error, "code");
    if (!cJSON_IsString(code) || strcmp(code->valuestring, rejected->valuestring) != 0) {
        test_fail("step %d: expected rejection `%s`, got `%s`: %s", step, rejected->valuestring,
                  cJSON_IsString(code) ? code->valuestring : "?",
                  quytrinh_instance_last_error(instance));
    } else if (strcmp(quytrinh_status_name((int32_t)status), code->valuestring) != 0) {
        test_fail("step %d: status %d is named `%s`, the error's code is `%s`", step,
                  (int)status, quytrinh_status_name((int32_t)status), code->valuestring);
    }
    actual_rule = cJSON_GetObjectItemCaseSensitive(error, "rule");
    if (cJSON_IsString(rule) && cJSON_IsString(actual_rule) &&
        strcmp(rule->valuestring, actual_rule->valuestring) != 0) {
        test_fail("step %d: expected rule `%s`, got `%s`", step, rule->valuestring,
                  actual_rule->valuestring);
    }
    /* The thread's last error is the same failure. */
    if (strcmp(quytrinh_last_error_json(), quytrinh_instance_last_error_json(instance)) != 0) {
        test_fail("step %d: the thread's error differs from the handle's", step);
    }
    check_error_fields(error, step, status, instance);
    cJSON_Delete(error);
}

static void check_outcome(const cJSON *expect, int step, const cJSON *outcome) {
    const cJSON *item;
    char why[1024];
    item = cJSON_GetObjectItemCaseSensitive(expect, "duplicate");
    if (item != NULL && !json_matches(item, cJSON_GetObjectItemCaseSensitive(outcome, "duplicate"),
                                      "duplicate", why, sizeof why)) {
        test_fail("step %d: %s", step, why);
    }
    item = cJSON_GetObjectItemCaseSensitive(expect, "version");
    if (item != NULL && !json_matches(item, cJSON_GetObjectItemCaseSensitive(outcome, "version"),
                                      "version", why, sizeof why)) {
        test_fail("step %d: %s", step, why);
    }
    item = cJSON_GetObjectItemCaseSensitive(expect, "events");
    if (item != NULL) {
        check_names("events", step, item, cJSON_GetObjectItemCaseSensitive(outcome, "events"),
                    event_type);
    }
    item = cJSON_GetObjectItemCaseSensitive(expect, "effects");
    if (item != NULL) {
        check_names("effects", step, item, cJSON_GetObjectItemCaseSensitive(outcome, "effects"),
                    effect_name);
    }
    item = cJSON_GetObjectItemCaseSensitive(expect, "state");
    if (item != NULL && !json_matches(item, cJSON_GetObjectItemCaseSensitive(outcome, "state"),
                                      "state", why, sizeof why)) {
        test_fail("step %d: %s", step, why);
    }
    item = cJSON_GetObjectItemCaseSensitive(expect, "position");
    if (item != NULL) {
        const cJSON *position = cJSON_GetObjectItemCaseSensitive(outcome, "position");
        const cJSON *region;
        cJSON_ArrayForEach(region, item) {
            char path[256];
            const cJSON *actual = cJSON_GetObjectItemCaseSensitive(position, region->string);
            snprintf(path, sizeof path, "position.%s", region->string);
            if (actual == NULL || !cJSON_Compare(region, actual, 1)) {
                char *want = json_text(region);
                char *got = actual != NULL ? json_text(actual) : NULL;
                test_fail("step %d: %s: expected %s, got %s", step, path, want,
                          got != NULL ? got : "null");
                cJSON_free(want);
                cJSON_free(got);
            }
        }
    }
    item = cJSON_GetObjectItemCaseSensitive(expect, "next_deadline");
    if (item != NULL &&
        !json_matches(item, cJSON_GetObjectItemCaseSensitive(outcome, "next_deadline"),
                      "next_deadline", why, sizeof why)) {
        test_fail("step %d: %s", step, why);
    }
}

/* --- playing ---------------------------------------------------------------------------- */

static void play_step(QuytrinhInstance *instance, const cJSON *step, const char *raw_step,
                      int index) {
    const cJSON *command = cJSON_GetObjectItemCaseSensitive(step, "command");
    const cJSON *tick = cJSON_GetObjectItemCaseSensitive(step, "tick");
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(step, "expect");
    const cJSON *rejected = cJSON_GetObjectItemCaseSensitive(expect, "rejected");
    char *outcome_text = NULL;
    QuytrinhStatus status;
    if ((command != NULL) == (tick != NULL)) {
        test_fail("step %d: needs exactly one of `command` and `tick`", index);
        return;
    }
    if (command != NULL) {
        char *text = raw_member(raw_step, "command");
        status = quytrinh_instance_handle(instance, text != NULL ? text : "", &outcome_text);
        free(text);
    } else {
        const cJSON *at = cJSON_GetObjectItemCaseSensitive(tick, "at");
        if (!cJSON_IsString(at)) {
            test_fail("step %d: tick without `at`", index);
            return;
        }
        status = quytrinh_instance_tick(instance, at->valuestring, &outcome_text);
    }
    check_known_keys(expect, index);
    if (cJSON_IsString(rejected)) {
        check_rejection(expect, index, status, instance);
        quytrinh_string_free(outcome_text);
        return;
    }
    if (status != QUYTRINH_STATUS_OK) {
        test_fail("step %d: expected acceptance, got `%s`: %s", index,
                  quytrinh_status_name((int32_t)status), quytrinh_instance_last_error(instance));
        return;
    }
    if (expect != NULL) {
        cJSON *outcome = take_json(outcome_text);
        if (outcome == NULL) {
            test_fail("step %d: the outcome is not JSON", index);
            return;
        }
        /* Outcomes carry what changed: the state and the whole position are read from
         * the instance after the step. */
        char *state_text = NULL;
        char *position_text = NULL;
        if (quytrinh_instance_state(instance, &state_text) != QUYTRINH_STATUS_OK ||
            quytrinh_instance_position(instance, &position_text) != QUYTRINH_STATUS_OK) {
            test_fail("step %d: cannot read the state: %s", index,
                      quytrinh_instance_last_error(instance));
            quytrinh_string_free(state_text);
            cJSON_Delete(outcome);
            return;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(outcome, "position");
        cJSON_AddItemToObject(outcome, "state", take_json(state_text));
        cJSON_AddItemToObject(outcome, "position", take_json(position_text));
        check_outcome(expect, index, outcome);
        cJSON_Delete(outcome);
    } else {
        quytrinh_string_free(outcome_text);
    }
}

/* --- differential runs ------------------------------------------------------------------ */

/* Set by run_differential_suite: the directory, and the vector being played. */
static const char *differential_dir = NULL;
static const char *differential_vector = NULL;

/* `<workflow>__<name>.json` of the vector being played. */
static void fixture_name(const char *workflow, char *out, size_t size) {
    const char *slash = strrchr(differential_vector, '/');
    snprintf(out, size, "%s__%s", workflow, slash != NULL ? slash + 1 : differential_vector);
}

/* The snapshot of `binding`'s fixture of this vector, restored here, gives its text back;
 * the native one must also be `ours` byte for byte. Fixtures of bindings that have not run
 * yet are skipped; the native one is required. */
static void check_fixture(const char *binding, const char *name, const char *ours) {
    char path[1536];
    char *text;
    cJSON *fixture;
    const cJSON *snapshot;
    snprintf(path, sizeof path, "%s/%s/%s", differential_dir, binding, name);
    text = read_text_file(path);
    if (text == NULL) {
        if (strcmp(binding, "native") == 0) {
            test_fail("no native fixture %s", path);
        }
        return;
    }
    fixture = cJSON_Parse(text);
    free(text);
    snapshot = cJSON_GetObjectItemCaseSensitive(fixture, "snapshot");
    if (!cJSON_IsString(snapshot)) {
        test_fail("%s: no snapshot", path);
    } else {
        QuytrinhInstance *restored = NULL;
        char *again = NULL;
        if (strcmp(binding, "native") == 0) {
            check_str(ours, snapshot->valuestring, "the same snapshot as native");
        }
        if (check_status(quytrinh_instance_restore(snapshot->valuestring, &restored),
                         QUYTRINH_STATUS_OK, path) &&
            check_status(quytrinh_instance_snapshot(restored, &again), QUYTRINH_STATUS_OK,
                         "snapshot after restore")) {
            check_str(again, snapshot->valuestring, path);
        }
        quytrinh_string_free(again);
        quytrinh_instance_free(restored);
    }
    cJSON_Delete(fixture);
}

/* The instance's snapshot and event log, both owned by the caller; false (a failure
 * recorded, nothing to free) when either cannot be read. */
static bool snapshot_and_log(QuytrinhInstance *instance, char **snapshot, char **log) {
    if (check_status(quytrinh_instance_snapshot(instance, snapshot), QUYTRINH_STATUS_OK,
                     "snapshot") &&
        check_status(quytrinh_instance_event_log(instance, log), QUYTRINH_STATUS_OK,
                     "event log")) {
        return true;
    }
    quytrinh_string_free(*snapshot);
    quytrinh_string_free(*log);
    *snapshot = *log = NULL;
    return false;
}

static void check_differential(QuytrinhInstance *instance, const char *workflow) {
    static const char *const bindings[] = {"native", "kotlin", "wasm"};
    char name[512], path[1536];
    char *snapshot = NULL, *log = NULL;
    size_t i;
    fixture_name(workflow, name, sizeof name);
    if (!snapshot_and_log(instance, &snapshot, &log)) {
        return;
    }
    for (i = 0; i < sizeof bindings / sizeof *bindings; i++) {
        check_fixture(bindings[i], name, snapshot);
    }
    snprintf(path, sizeof path, "%s/c", differential_dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/c/%s", differential_dir, name);
    {
        cJSON *fixture = cJSON_CreateObject();
        char *text;
        FILE *out = fopen(path, "w");
        cJSON_AddStringToObject(fixture, "workflow", workflow);
        cJSON_AddStringToObject(fixture, "snapshot", snapshot);
        cJSON_AddStringToObject(fixture, "event_log", log);
        text = cJSON_PrintUnformatted(fixture);
        if (out == NULL || text == NULL || fputs(text, out) == EOF) {
            test_fail("cannot write %s", path);
        }
        if (out != NULL) {
            fclose(out);
        }
        cJSON_free(text);
        cJSON_Delete(fixture);
    }
    quytrinh_string_free(snapshot);
    quytrinh_string_free(log);
}

/* The end state round-trips: snapshot -> restore -> snapshot, and event log -> replay ->
 * the same snapshot and log. */
static void check_round_trips(QuytrinhInstance *instance) {
    char *snapshot = NULL, *log = NULL, *again = NULL, *replayed_snapshot = NULL,
         *replayed_log = NULL;
    QuytrinhInstance *restored = NULL, *replayed = NULL;
    if (!snapshot_and_log(instance, &snapshot, &log)) {
        return;
    }
    if (check_status(quytrinh_instance_restore(snapshot, &restored), QUYTRINH_STATUS_OK,
                     "restore") &&
        check_status(quytrinh_instance_snapshot(restored, &again), QUYTRINH_STATUS_OK,
                     "snapshot after restore")) {
        check_str(again, snapshot, "snapshot round trip");
    }
    if (check_status(quytrinh_instance_replay(log, &replayed), QUYTRINH_STATUS_OK, "replay") &&
        check_status(quytrinh_instance_snapshot(replayed, &replayed_snapshot), QUYTRINH_STATUS_OK,
                     "snapshot after replay") &&
        check_status(quytrinh_instance_event_log(replayed, &replayed_log), QUYTRINH_STATUS_OK,
                     "log after replay")) {
        check_str(replayed_snapshot, snapshot, "replay gives the snapshot");
        check_str(replayed_log, log, "log round trip");
    }
    quytrinh_string_free(snapshot);
    quytrinh_string_free(log);
    quytrinh_string_free(again);
    quytrinh_string_free(replayed_snapshot);
    quytrinh_string_free(replayed_log);
    quytrinh_instance_free(restored);
    quytrinh_instance_free(replayed);
}

/* Plays a vector from its text: expectations through cJSON, commands and initial data byte
 * for byte from the text. */
static void play_vector_text(const char *text) {
    cJSON *vector = cJSON_Parse(text);
    const cJSON *workflow = cJSON_GetObjectItemCaseSensitive(vector, "workflow");
    const cJSON *instance_id = cJSON_GetObjectItemCaseSensitive(vector, "instance_id");
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(vector, "steps");
    const cJSON *step;
    char *config = NULL, *settings = NULL, *init = NULL, *raw_steps = NULL;
    QuytrinhInstance *instance = NULL;
    int index = 0;
    if (!cJSON_IsString(workflow) || !cJSON_IsArray(steps)) {
        test_fail("not a vector (bad JSON, no `workflow` or no `steps`)");
        cJSON_Delete(vector);
        return;
    }
    config = raw_member(text, "config");
    settings = raw_member(text, "settings");
    init = raw_member(text, "init");
    raw_steps = raw_member(text, "steps");
    if (check_status(quytrinh_instance_create(
                         workflow->valuestring,
                         cJSON_IsString(instance_id) ? instance_id->valuestring : "vector", config,
                         settings, init != NULL ? init : "null", &instance),
                     QUYTRINH_STATUS_OK, "create")) {
        cJSON_ArrayForEach(step, steps) {
            char *raw_step = raw_item(raw_steps, index);
            play_step(instance, step, raw_step != NULL ? raw_step : "{}", index);
            free(raw_step);
            index++;
        }
        check_round_trips(instance);
        if (differential_dir != NULL) {
            check_differential(instance, workflow->valuestring);
        }
    }
    quytrinh_instance_free(instance);
    free(config);
    free(settings);
    free(init);
    free(raw_steps);
    cJSON_Delete(vector);
}

/* Plays a parsed vector (printed first: for the mutations below). */
static void play_vector_json(const cJSON *vector) {
    char *text = json_text(vector);
    play_vector_text(text);
    cJSON_free(text);
}

static cJSON *load_vector(const char *path) {
    char *text = read_text_file(path);
    cJSON *vector = text != NULL ? cJSON_Parse(text) : NULL;
    free(text);
    return vector;
}

static void play_vector(const char *path) {
    char *text = read_text_file(path);
    if (text == NULL) {
        test_fail("unreadable");
        return;
    }
    play_vector_text(text);
    free(text);
}

/* The player must notice every kind of wrong expectation: a checker that cannot fail would
 * make every vector meaningless. Each expectation of the first accepted step of the first
 * vector is replaced by a wrong one; each replacement must give at least one failure. */
static void player_notices_mismatches(const char *path) {
    static const char *const wrong[][2] = {
        {"events", "[\"no_such_event\"]"},
        {"effects", "[\"no_such_effect\"]"},
        {"version", "999"},
        {"duplicate", "true"},
        {"state", "{\"no_such_field\": 1}"},
        {"position", "{\"no_such_region\": \"x\"}"},
        {"next_deadline", "{\"kind\": \"no_such_deadline\"}"},
        {"rejected", "\"not_found\""},
        {"unknown_expectation", "1"},
    };
    cJSON *pristine = load_vector(path);
    size_t i;
    test_begin("vectors: the player notices every kind of mismatch");
    if (pristine == NULL) {
        test_fail("cannot read %s", path);
        test_end();
        return;
    }
    test_capture_begin();
    play_vector_json(pristine);
    if (test_capture_end() != 0) {
        test_fail("%s does not pass unchanged", path);
    }
    for (i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        cJSON *vector = cJSON_Duplicate(pristine, 1);
        cJSON *steps = cJSON_GetObjectItemCaseSensitive(vector, "steps");
        cJSON *step = NULL;
        cJSON *candidate;
        cJSON *expect;
        int failures;
        cJSON_ArrayForEach(candidate, steps) {
            cJSON *expected = cJSON_GetObjectItemCaseSensitive(candidate, "expect");
            if (step == NULL && cJSON_GetObjectItemCaseSensitive(expected, "rejected") == NULL) {
                step = candidate;
            }
        }
        if (step == NULL) {
            test_fail("%s has no accepted step", path);
            cJSON_Delete(vector);
            break;
        }
        expect = cJSON_GetObjectItemCaseSensitive(step, "expect");
        if (expect == NULL) {
            expect = cJSON_AddObjectToObject(step, "expect");
        }
        cJSON_DeleteItemFromObjectCaseSensitive(expect, wrong[i][0]);
        cJSON_AddItemToObject(expect, wrong[i][0], cJSON_Parse(wrong[i][1]));
        test_capture_begin();
        play_vector_json(vector);
        failures = test_capture_end();
        if (failures == 0) {
            test_fail("a wrong `%s` went unnoticed", wrong[i][0]);
        }
        cJSON_Delete(vector);
    }
    cJSON_Delete(pristine);
    test_end();
}

void run_vector_suite(const char *root) {
    PathList files = discover(root);
    size_t i;
    test_begin("vectors: discovered");
    if (files.count == 0) {
        test_fail("no vector under %s/*/*.json", root);
    }
    test_end();
    for (i = 0; i < files.count; i++) {
        test_begin(files.items[i]);
        play_vector(files.items[i]);
        test_end();
    }
    if (files.count > 0) {
        player_notices_mismatches(files.items[0]);
    }
    path_list_free(&files);
}

void run_differential_suite(const char *dir) {
    char vectors[1024];
    PathList files;
    size_t i;
    snprintf(vectors, sizeof vectors, "%s/vectors", dir);
    files = discover(vectors);
    differential_dir = dir;
    test_begin("differential: random vectors discovered");
    if (files.count == 0) {
        test_fail("no vector under %s/*/*.json", vectors);
    }
    test_end();
    for (i = 0; i < files.count; i++) {
        differential_vector = files.items[i];
        test_begin(files.items[i]);
        play_vector(files.items[i]);
        test_end();
    }
    differential_dir = NULL;
    differential_vector = NULL;
    path_list_free(&files);
}
