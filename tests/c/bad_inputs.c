/*
 * Bad inputs: NULL for every pointer argument, invalid UTF-8, malformed JSON, an unknown
 * workflow, frees of NULL (the freed-and-nulled pattern), snapshots and logs from a future
 * schema version, timestamps that are not RFC 3339. Every one must return its status,
 * leave out-parameters NULL / 0 / false, set a message, and never crash or leak.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INIT "{\"saco_id\":\"SACO-01\",\"customer_id\":\"KH-01\",\"account\":\"0001234567\"}"
#define COMMAND                                                                              \
    "{\"command_id\":\"c1\",\"actor\":{\"role\":\"saco\",\"id\":\"SACO-01\"},"              \
    "\"at\":\"2026-11-23T09:00:00+07:00\",\"type\":\"request_unlink\"}"
#define ACTOR "{\"role\":\"customer\",\"id\":\"KH-01\"}"
#define AT "2026-11-23T10:00:00+07:00"
#define QUERY "{\"type\":\"requests\"}"
#define REPORT "{\"type\":\"weekly_report\",\"week_ending\":\"2026-03-05\"}"
#define BAD_UTF8 "\xff\xfe"
#define OVERLONG_UTF8 "\xc0\xaf"
#define SURROGATE_UTF8 "\xed\xa0\x80"

/* A non-NULL value out-parameters start with, to see that a failing call resets them. */
static char sentinel_storage;
#define SENTINEL ((char *)&sentinel_storage)

static QuytrinhInstance *new_instance(void) {
    QuytrinhInstance *instance = NULL;
    char *outcome = NULL;
    if (quytrinh_instance_create("companion", "rel-01", NULL, NULL, INIT, &instance) !=
        QUYTRINH_STATUS_OK) {
        test_fail("fixture: cannot create a companion instance: %s",
                  quytrinh_last_error_message());
        return NULL;
    }
    if (quytrinh_instance_handle(instance, COMMAND, &outcome) != QUYTRINH_STATUS_OK) {
        test_fail("fixture: the first command failed: %s", quytrinh_instance_last_error(instance));
    }
    quytrinh_string_free(outcome);
    return instance;
}

/* Checks a failed call: its status, an emptied out-parameter (`out`, its value after the
 * call, or NULL when there is none to check), and a message naming `needle` in the thread's
 * last error. A failing check may leak what a wrongly successful call returned. */
static void expect_failure(QuytrinhStatus got, QuytrinhStatus expected, const void *out,
                           const char *needle, const char *what) {
    if (!check_status(got, expected, what)) {
        return;
    }
    if (out != NULL) {
        test_fail("%s: the out-parameter was not reset to NULL", what);
    }
    if (needle != NULL && strstr(quytrinh_last_error_message(), needle) == NULL) {
        test_fail("%s: the message \"%s\" does not mention `%s`", what,
                  quytrinh_last_error_message(), needle);
    }
}

/* The call is made before `out` is read (argument evaluation order is unspecified). */
#define EXPECT_FAILURE(call, expected, out, needle, what)                                    \
    do {                                                                                     \
        QuytrinhStatus status_ = (call);                                                     \
        expect_failure(status_, (expected), (out), (needle), (what));                        \
    } while (0)

static void null_arguments_general(void) {
    char *out = SENTINEL;
    QuytrinhInstance *handle = (QuytrinhInstance *)SENTINEL;
    test_begin("null: functions without a handle");
    EXPECT_FAILURE(quytrinh_workflows(NULL), QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_json",
                   "workflows(NULL)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_definition(NULL, NULL, "json", NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "workflow", "definition(workflow)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_definition("companion", NULL, NULL, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "format", "definition(format)");
    EXPECT_FAILURE(quytrinh_definition("companion", NULL, "json", NULL, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_text", "definition(out)");

    EXPECT_FAILURE(quytrinh_instance_create(NULL, "id", NULL, NULL, INIT, &handle),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, handle, "workflow",
                   "create(workflow)");
    handle = (QuytrinhInstance *)SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_create("companion", NULL, NULL, NULL, INIT, &handle),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, handle, "instance_id",
                   "create(instance_id)");
    handle = (QuytrinhInstance *)SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_create("companion", "id", NULL, NULL, NULL, &handle),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, handle, "init_json",
                   "create(init_json)");
    EXPECT_FAILURE(quytrinh_instance_create("companion", "id", NULL, NULL, INIT, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_instance", "create(out)");
    handle = (QuytrinhInstance *)SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_restore(NULL, &handle), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   handle, "snapshot_json", "restore(snapshot)");
    EXPECT_FAILURE(quytrinh_instance_restore("{}", NULL), QUYTRINH_STATUS_INVALID_ARGUMENT, NULL,
                   "out_instance", "restore(out)");
    handle = (QuytrinhInstance *)SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_replay(NULL, &handle), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   handle, "log_json", "replay(log)");
    EXPECT_FAILURE(quytrinh_instance_replay("{}", NULL), QUYTRINH_STATUS_INVALID_ARGUMENT, NULL,
                   "out_instance", "replay(out)");

    /* The optional arguments accept NULL. */
    handle = NULL;
    if (check_status(quytrinh_instance_create("companion", "id", NULL, NULL, INIT, &handle),
                     QUYTRINH_STATUS_OK, "create with NULL config and settings")) {
        check_true(handle != NULL, "create wrote a handle");
    }
    quytrinh_instance_free(handle);
    out = NULL;
    check_status(quytrinh_definition("companion", NULL, "mermaid", NULL, &out),
                 QUYTRINH_STATUS_OK, "definition with NULL config and lang");
    quytrinh_string_free(out);

    /* Borrowed strings are never NULL. */
    check_str(quytrinh_instance_last_error(NULL), "", "last_error(NULL)");
    check_str(quytrinh_instance_last_error_json(NULL), "null", "last_error_json(NULL)");
    check_str(quytrinh_status_name(-1), "unknown_status", "status_name(-1)");
    check_str(quytrinh_status_name(999), "unknown_status", "status_name(999)");
    check_true(quytrinh_version() != NULL && quytrinh_version()[0] != '\0', "version");
    test_end();
}

typedef QuytrinhStatus (*ReadFn)(QuytrinhInstance *, char **);

static void null_arguments_instance(void) {
    static const struct {
        const char *name;
        ReadFn read;
    } readers[] = {
        {"snapshot", quytrinh_instance_snapshot},
        {"event_log", quytrinh_instance_event_log},
        {"state", quytrinh_instance_state},
        {"position", quytrinh_instance_position},
        {"next_deadline", quytrinh_instance_next_deadline},
        {"deadlines", quytrinh_instance_deadlines},
        {"identity", quytrinh_instance_identity},
    };
    QuytrinhInstance *instance;
    char *out;
    uint64_t version = 42;
    size_t i;
    test_begin("null: functions on an instance");
    instance = new_instance();
    for (i = 0; i < sizeof readers / sizeof *readers; i++) {
        char what[128];
        snprintf(what, sizeof what, "%s(NULL instance)", readers[i].name);
        out = SENTINEL;
        EXPECT_FAILURE(readers[i].read(NULL, &out), QUYTRINH_STATUS_INVALID_ARGUMENT, out,
                       "instance", what);
        snprintf(what, sizeof what, "%s(NULL out)", readers[i].name);
        EXPECT_FAILURE(readers[i].read(instance, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT, NULL,
                       "out_json", what);
        /* The handle recorded the failure too. */
        check_true(strstr(quytrinh_instance_last_error(instance), "out_json") != NULL,
                   "the handle records a NULL out-parameter");
    }
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_handle(NULL, COMMAND, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "instance", "handle(instance)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_handle(instance, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "command_json", "handle(command)");
    EXPECT_FAILURE(quytrinh_instance_handle(instance, COMMAND, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_outcome_json", "handle(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_tick(NULL, AT, &out), QUYTRINH_STATUS_INVALID_ARGUMENT, out,
                   "instance", "tick(instance)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_tick(instance, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "at", "tick(at)");
    EXPECT_FAILURE(quytrinh_instance_tick(instance, AT, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   NULL, "out_outcome_json", "tick(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_available_commands(NULL, ACTOR, AT, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "instance", "available(instance)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_available_commands(instance, NULL, AT, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "actor_json", "available(actor)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_available_commands(instance, ACTOR, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "at", "available(at)");
    EXPECT_FAILURE(quytrinh_instance_available_commands(instance, ACTOR, AT, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_json", "available(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_query(NULL, ACTOR, AT, QUERY, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "instance", "query(instance)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_query(instance, NULL, AT, QUERY, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "actor_json", "query(actor)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_query(instance, ACTOR, NULL, QUERY, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "at", "query(at)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_query(instance, ACTOR, AT, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "query_json", "query(query)");
    EXPECT_FAILURE(quytrinh_instance_query(instance, ACTOR, AT, QUERY, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_json", "query(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_config(NULL, &out), QUYTRINH_STATUS_INVALID_ARGUMENT, out,
                   "instance", "config(instance)");
    EXPECT_FAILURE(quytrinh_instance_config(instance, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   NULL, "out_json", "config(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_row(NULL, &out), QUYTRINH_STATUS_INVALID_ARGUMENT, out,
                   "instance", "row(instance)");
    EXPECT_FAILURE(quytrinh_instance_row(instance, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT, NULL,
                   "out_json", "row(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_report(NULL, NULL, ACTOR, AT, REPORT, "[]", &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "workflow", "report(workflow)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_report("complaint", NULL, NULL, AT, REPORT, "[]", &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "actor_json", "report(actor)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_report("complaint", NULL, ACTOR, NULL, REPORT, "[]", &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "at", "report(at)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_report("complaint", NULL, ACTOR, AT, NULL, "[]", &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "report_json", "report(report)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_report("complaint", NULL, ACTOR, AT, REPORT, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "rows_json", "report(rows)");
    EXPECT_FAILURE(quytrinh_report("complaint", NULL, ACTOR, AT, REPORT, "[]", NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_json", "report(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_definition(NULL, "dot", NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "instance", "definition(instance)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_definition(instance, NULL, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "format", "definition(format)");
    EXPECT_FAILURE(quytrinh_instance_definition(instance, "dot", NULL, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_text", "definition(out)");
    EXPECT_FAILURE(quytrinh_instance_version(NULL, &version), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   NULL, "instance", "version(instance)");
    check_true(version == 0, "version(NULL instance) resets the out-parameter to 0");
    EXPECT_FAILURE(quytrinh_instance_version(instance, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   NULL, "out_version", "version(out)");
    /* After all this the instance is untouched. */
    check_status(quytrinh_instance_version(instance, &version), QUYTRINH_STATUS_OK, "version");
    check_true(version == 1, "the instance is still at version 1");
    check_str(quytrinh_instance_last_error(instance), "", "a success clears the handle's error");
    quytrinh_instance_free(instance);
    test_end();
}

static void null_arguments_calendar(void) {
    QuytrinhCalendar *calendar = NULL;
    char *out;
    int64_t seconds = 42;
    bool flag = true;
    test_begin("null: calendar");
    EXPECT_FAILURE(quytrinh_calendar_new(NULL, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT, NULL,
                   "out_calendar", "calendar_new(out)");
    if (!check_status(quytrinh_calendar_new(NULL, &calendar), QUYTRINH_STATUS_OK,
                      "calendar_new(NULL config) is the default")) {
        test_end();
        return;
    }
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_config(NULL, &out), QUYTRINH_STATUS_INVALID_ARGUMENT, out,
                   "calendar", "config(calendar)");
    EXPECT_FAILURE(quytrinh_calendar_config(calendar, NULL), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   NULL, "out_json", "config(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_add(NULL, AT, 3600, &out), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   out, "calendar", "add(calendar)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_add(calendar, NULL, 3600, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "start", "add(start)");
    EXPECT_FAILURE(quytrinh_calendar_add(calendar, AT, 3600, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_instant", "add(out)");
    EXPECT_FAILURE(quytrinh_calendar_between(NULL, AT, AT, &seconds),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "calendar", "between(calendar)");
    check_true(seconds == 0, "between resets its out-parameter");
    EXPECT_FAILURE(quytrinh_calendar_between(calendar, NULL, AT, &seconds),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "from", "between(from)");
    EXPECT_FAILURE(quytrinh_calendar_between(calendar, AT, NULL, &seconds),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "to", "between(to)");
    EXPECT_FAILURE(quytrinh_calendar_between(calendar, AT, AT, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_seconds", "between(out)");
    EXPECT_FAILURE(quytrinh_calendar_is_working_time(NULL, AT, &flag),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "calendar", "is_working_time(cal)");
    check_true(!flag, "is_working_time resets its out-parameter");
    EXPECT_FAILURE(quytrinh_calendar_is_working_time(calendar, NULL, &flag),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "at", "is_working_time(at)");
    EXPECT_FAILURE(quytrinh_calendar_is_working_time(calendar, AT, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_working", "is_working_time(out)");
    EXPECT_FAILURE(quytrinh_calendar_is_day_off(NULL, "2026-01-01", &flag),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "calendar", "is_day_off(calendar)");
    EXPECT_FAILURE(quytrinh_calendar_is_day_off(calendar, NULL, &flag),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "date", "is_day_off(date)");
    EXPECT_FAILURE(quytrinh_calendar_is_day_off(calendar, "2026-01-01", NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_day_off", "is_day_off(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_next_working_instant(NULL, AT, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "calendar", "next_working(calendar)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_next_working_instant(calendar, NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "at", "next_working(at)");
    EXPECT_FAILURE(quytrinh_calendar_next_working_instant(calendar, AT, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_instant", "next_working(out)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_holidays(NULL, 2026, &out), QUYTRINH_STATUS_INVALID_ARGUMENT,
                   out, "calendar", "holidays(calendar)");
    EXPECT_FAILURE(quytrinh_calendar_holidays(calendar, 2026, NULL),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "out_json", "holidays(out)");
    quytrinh_calendar_free(calendar);
    test_end();
}

static void invalid_utf8(void) {
    static const char *const bad[] = {BAD_UTF8, OVERLONG_UTF8, SURROGATE_UTF8,
                                      "{\"command_id\":\"\xe1\xbb\"}"};
    QuytrinhInstance *instance;
    QuytrinhInstance *handle = NULL;
    QuytrinhCalendar *calendar = NULL;
    char *out = NULL;
    size_t i;
    test_begin("invalid UTF-8 in every kind of string argument");
    instance = new_instance();
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_create(bad[i], "id", NULL, NULL, INIT, &handle),
                       QUYTRINH_STATUS_INVALID_UTF8, handle, "workflow",
                       "create(workflow)");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_create("companion", bad[i], NULL, NULL, INIT, &handle),
                       QUYTRINH_STATUS_INVALID_UTF8, handle, "instance_id",
                       "create(instance_id)");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_create("companion", "id", bad[i], NULL, INIT, &handle),
                       QUYTRINH_STATUS_INVALID_UTF8, handle, "config_json",
                       "create(config)");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_create("companion", "id", NULL, bad[i], INIT, &handle),
                       QUYTRINH_STATUS_INVALID_UTF8, handle, "settings_json",
                       "create(settings)");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_restore(bad[i], &handle), QUYTRINH_STATUS_INVALID_UTF8,
                       handle, "snapshot_json", "restore");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_replay(bad[i], &handle), QUYTRINH_STATUS_INVALID_UTF8,
                       handle, "log_json", "replay");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_handle(instance, bad[i], &out),
                       QUYTRINH_STATUS_INVALID_UTF8, out, "command_json", "handle");
        check_true(strstr(quytrinh_instance_last_error(instance), "UTF-8") != NULL,
                   "the handle records invalid UTF-8");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_tick(instance, bad[i], &out),
                       QUYTRINH_STATUS_INVALID_UTF8, out, "at", "tick");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_available_commands(instance, bad[i], AT, &out),
                       QUYTRINH_STATUS_INVALID_UTF8, out, "actor_json", "available_commands");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_query(instance, ACTOR, AT, bad[i], &out),
                       QUYTRINH_STATUS_INVALID_UTF8, out, "query_json", "query");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_definition(instance, "dot", bad[i], &out),
                       QUYTRINH_STATUS_INVALID_UTF8, out, "lang", "definition(lang)");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_definition(bad[i], NULL, "json", NULL, &out),
                       QUYTRINH_STATUS_INVALID_UTF8, out, "workflow", "definition(workflow)");
        calendar = (QuytrinhCalendar *)SENTINEL;
        EXPECT_FAILURE(quytrinh_calendar_new(bad[i], &calendar), QUYTRINH_STATUS_INVALID_UTF8,
                       calendar, "config_json", "calendar_new");
    }
    quytrinh_instance_free(instance);
    test_end();
}

static void malformed_json(void) {
    static const char *const not_json[] = {"", "{", "[1,", "{\"command_id\":", "nul", "{} {}",
                                           "\"unterminated"};
    QuytrinhInstance *instance;
    QuytrinhInstance *handle = NULL;
    QuytrinhCalendar *calendar = NULL;
    char *out = NULL;
    uint64_t version = 0;
    size_t i;
    cJSON *error;
    test_begin("malformed JSON");
    instance = new_instance();
    for (i = 0; i < sizeof not_json / sizeof *not_json; i++) {
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_create("companion", "id", NULL, NULL, not_json[i],
                                                &handle),
                       QUYTRINH_STATUS_INVALID_JSON, handle, NULL, "create(init)");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_create("companion", "id", not_json[i], NULL, INIT,
                                                &handle),
                       QUYTRINH_STATUS_INVALID_JSON, handle, NULL, "create(config)");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_restore(not_json[i], &handle),
                       QUYTRINH_STATUS_INVALID_JSON, handle, NULL, "restore");
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_replay(not_json[i], &handle),
                       QUYTRINH_STATUS_INVALID_JSON, handle, NULL, "replay");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_handle(instance, not_json[i], &out),
                       QUYTRINH_STATUS_INVALID_JSON, out, NULL, "handle");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_available_commands(instance, not_json[i], AT, &out),
                       QUYTRINH_STATUS_INVALID_JSON, out, NULL, "available_commands(actor)");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_query(instance, ACTOR, AT, not_json[i], &out),
                       QUYTRINH_STATUS_INVALID_JSON, out, NULL, "query(query)");
        calendar = (QuytrinhCalendar *)SENTINEL;
        EXPECT_FAILURE(quytrinh_calendar_new(not_json[i], &calendar),
                       QUYTRINH_STATUS_INVALID_JSON, calendar, NULL, "calendar_new");
    }
    /* Valid JSON of the wrong shape is invalid JSON too. */
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_handle(instance, "[]", &out), QUYTRINH_STATUS_INVALID_JSON,
                   out, NULL, "handle([])");
    out = SENTINEL;
    EXPECT_FAILURE(
        quytrinh_instance_handle(instance,
                                 "{\"command_id\":\"c9\",\"actor\":{\"role\":\"saco\","
                                 "\"id\":\"SACO-01\"},\"at\":\"" AT "\",\"type\":\"dance\"}",
                                 &out),
        QUYTRINH_STATUS_INVALID_JSON, out, "dance", "handle(unknown command type)");
    handle = (QuytrinhInstance *)SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_create("companion", "id", NULL, "{\"remembered\":1}", INIT,
                                            &handle),
                   QUYTRINH_STATUS_INVALID_JSON, handle, "remembered",
                   "create(settings with an unknown key)");
    calendar = (QuytrinhCalendar *)SENTINEL;
    EXPECT_FAILURE(quytrinh_calendar_new("{\"in_lieu\": 3}", &calendar),
                   QUYTRINH_STATUS_INVALID_JSON, calendar, NULL,
                   "calendar_new(wrong type)");
    /* The error JSON gives the position of a syntax error. */
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_handle(instance, "{\n  \"command_id\": }", &out),
                   QUYTRINH_STATUS_INVALID_JSON, out, "line 2", "handle(syntax error)");
    error = cJSON_Parse(quytrinh_instance_last_error_json(instance));
    check_true(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(error, "line")) == 2.0,
               "the error JSON has line 2");
    check_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(error, "column")),
               "the error JSON has a column");
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")),
              "invalid_json", "the error JSON's code");
    cJSON_Delete(error);
    /* Nothing changed. */
    check_status(quytrinh_instance_version(instance, &version), QUYTRINH_STATUS_OK, "version");
    check_true(version == 1, "bad input changes nothing");
    quytrinh_instance_free(instance);
    test_end();
}

static void unknown_workflow(void) {
    QuytrinhInstance *handle = (QuytrinhInstance *)SENTINEL;
    char *out = SENTINEL;
    cJSON *error;
    test_begin("unknown workflow");
    EXPECT_FAILURE(quytrinh_instance_create("payroll", "id", NULL, NULL, "{}", &handle),
                   QUYTRINH_STATUS_UNKNOWN_WORKFLOW, handle, "payroll", "create");
    error = cJSON_Parse(quytrinh_last_error_json());
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")),
              "unknown_workflow", "error JSON code");
    check_true(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(error, "status")) ==
                   (double)QUYTRINH_STATUS_UNKNOWN_WORKFLOW,
               "error JSON status");
    cJSON_Delete(error);
    EXPECT_FAILURE(quytrinh_definition("payroll", NULL, "json", NULL, &out),
                   QUYTRINH_STATUS_UNKNOWN_WORKFLOW, out, "payroll", "definition");
    handle = (QuytrinhInstance *)SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_restore("{\"workflow\":\"payroll\",\"schema_version\":1}",
                                             &handle),
                   QUYTRINH_STATUS_UNKNOWN_WORKFLOW, handle, "payroll", "restore");
    test_end();
}

static void frees(void) {
    QuytrinhInstance *instance;
    QuytrinhCalendar *calendar = NULL;
    char *text = NULL;
    test_begin("free: NULL and the freed-and-nulled pattern");
    quytrinh_string_free(NULL);
    quytrinh_instance_free(NULL);
    quytrinh_calendar_free(NULL);
    instance = new_instance();
    check_status(quytrinh_instance_snapshot(instance, &text), QUYTRINH_STATUS_OK, "snapshot");
    quytrinh_string_free(text);
    text = NULL;
    quytrinh_string_free(text);
    quytrinh_instance_free(instance);
    instance = NULL;
    quytrinh_instance_free(instance);
    check_status(quytrinh_calendar_new(NULL, &calendar), QUYTRINH_STATUS_OK, "calendar");
    quytrinh_calendar_free(calendar);
    calendar = NULL;
    quytrinh_calendar_free(calendar);
    test_end();
}

/* Sets the top-level "schema_version" of a document to 999. */
static char *with_future_schema(const char *document) {
    cJSON *json = cJSON_Parse(document);
    char *text;
    if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(json, "schema_version"))) {
        test_fail("the document has no numeric schema_version");
    }
    cJSON_ReplaceItemInObjectCaseSensitive(json, "schema_version", cJSON_CreateNumber(999));
    text = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    return text;
}

static void future_schema(void) {
    QuytrinhInstance *instance;
    QuytrinhInstance *handle;
    char *snapshot = NULL, *log = NULL, *future;
    cJSON *error;
    test_begin("a snapshot and a log from a future schema version");
    instance = new_instance();
    check_status(quytrinh_instance_snapshot(instance, &snapshot), QUYTRINH_STATUS_OK, "snapshot");
    check_status(quytrinh_instance_event_log(instance, &log), QUYTRINH_STATUS_OK, "log");
    if (snapshot != NULL) {
        future = with_future_schema(snapshot);
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_restore(future, &handle),
                       QUYTRINH_STATUS_UNSUPPORTED_SCHEMA, handle, "999", "restore");
        error = cJSON_Parse(quytrinh_last_error_json());
        check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")),
                  "unsupported_schema", "error JSON code");
        cJSON_Delete(error);
        cJSON_free(future);
    }
    if (log != NULL) {
        future = with_future_schema(log);
        handle = (QuytrinhInstance *)SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_replay(future, &handle),
                       QUYTRINH_STATUS_UNSUPPORTED_SCHEMA, handle, "999", "replay");
        cJSON_free(future);
    }
    quytrinh_string_free(snapshot);
    quytrinh_string_free(log);
    quytrinh_instance_free(instance);
    test_end();
}

static void bad_arguments(void) {
    static const char *const not_instants[] = {"2026-11-24", "2026-11-24 09:00",
                                               "2026-11-24T09:00:00", "tomorrow", ""};
    QuytrinhInstance *instance;
    QuytrinhCalendar *calendar = NULL;
    char *out;
    bool flag = true;
    size_t i;
    test_begin("arguments outside their domain");
    instance = new_instance();
    for (i = 0; i < sizeof not_instants / sizeof *not_instants; i++) {
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_instance_tick(instance, not_instants[i], &out),
                       QUYTRINH_STATUS_INVALID_ARGUMENT, out, "RFC 3339", "tick(at)");
    }
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_definition(instance, "svg", NULL, &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "svg", "definition(format)");
    out = SENTINEL;
    EXPECT_FAILURE(quytrinh_instance_definition(instance, "dot", "fr", &out),
                   QUYTRINH_STATUS_INVALID_ARGUMENT, out, "fr", "definition(lang)");
    if (check_status(quytrinh_calendar_new(NULL, &calendar), QUYTRINH_STATUS_OK, "calendar")) {
        EXPECT_FAILURE(quytrinh_calendar_is_day_off(calendar, "2026-02-30", &flag),
                       QUYTRINH_STATUS_INVALID_ARGUMENT, NULL, "date", "is_day_off(2026-02-30)");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_calendar_add(calendar, "soon", 60, &out),
                       QUYTRINH_STATUS_INVALID_ARGUMENT, out, "start", "add(start)");
        out = SENTINEL;
        EXPECT_FAILURE(quytrinh_calendar_add(calendar, AT, INT64_MAX, &out),
                       QUYTRINH_STATUS_INVALID_ARGUMENT, out, "seconds", "add(INT64_MAX)");
    }
    quytrinh_calendar_free(calendar);
    quytrinh_instance_free(instance);
    test_end();
}

void run_bad_input_suite(void) {
    null_arguments_general();
    null_arguments_instance();
    null_arguments_calendar();
    invalid_utf8();
    malformed_json();
    unknown_workflow();
    frees();
    future_schema();
    bad_arguments();
}
