/*
 * The rest of the C API: statuses, error records (per handle and per thread), outcomes and
 * reads, definitions of every workflow, the business calendar, and threads.
 */
#define _POSIX_C_SOURCE 200809L

#include "support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INIT "{\"saco_id\":\"SACO-01\",\"customer_id\":\"KH-01\",\"account\":\"0001234567\"}"

/* A companion command by the SACO or the customer. */
static void command_text(char *out, size_t size, const char *id, const char *role,
                         const char *actor, const char *at, const char *rest) {
    snprintf(out, size,
             "{\"command_id\":\"%s\",\"actor\":{\"role\":\"%s\",\"id\":\"%s\"},\"at\":\"%s\"%s}",
             id, role, actor, at, rest);
}

static QuytrinhInstance *create_companion(const char *id) {
    QuytrinhInstance *instance = NULL;
    if (!check_status(quytrinh_instance_create("companion", id, NULL, NULL, INIT, &instance),
                      QUYTRINH_STATUS_OK, "create companion")) {
        return NULL;
    }
    return instance;
}

static void statuses(void) {
    static const QuytrinhStatus all[] = {
        QUYTRINH_STATUS_OK,
        QUYTRINH_STATUS_INVALID_ARGUMENT,
        QUYTRINH_STATUS_INVALID_UTF8,
        QUYTRINH_STATUS_INVALID_JSON,
        QUYTRINH_STATUS_PANIC,
        QUYTRINH_STATUS_UNSUPPORTED_SCHEMA,
        QUYTRINH_STATUS_UNKNOWN_WORKFLOW,
        QUYTRINH_STATUS_WRONG_WORKFLOW,
        QUYTRINH_STATUS_INVALID_CONFIG,
        QUYTRINH_STATUS_CORRUPT_LOG,
        QUYTRINH_STATUS_INTERNAL,
        QUYTRINH_STATUS_OUT_OF_RANGE,
        QUYTRINH_STATUS_INVALID_LUNAR_DATE,
        QUYTRINH_STATUS_NEGATIVE_DURATION,
        QUYTRINH_STATUS_NOT_PERMITTED,
        QUYTRINH_STATUS_INVALID_TRANSITION,
        QUYTRINH_STATUS_OTP_REQUIRED,
        QUYTRINH_STATUS_VALIDATION_FAILED,
        QUYTRINH_STATUS_VERSION_CONFLICT,
        QUYTRINH_STATUS_CLOCK_WENT_BACKWARDS,
        QUYTRINH_STATUS_NOT_FOUND,
        QUYTRINH_STATUS_LIMIT_REACHED,
    };
    size_t i, j;
    test_begin("statuses: stable numbers, distinct names");
    check_true(QUYTRINH_STATUS_OK == 0 && QUYTRINH_STATUS_INVALID_ARGUMENT == 1 &&
                   QUYTRINH_STATUS_PANIC == 4 && QUYTRINH_STATUS_UNSUPPORTED_SCHEMA == 10 &&
                   QUYTRINH_STATUS_OUT_OF_RANGE == 20 && QUYTRINH_STATUS_NOT_PERMITTED == 100 &&
                   QUYTRINH_STATUS_LIMIT_REACHED == 107,
               "documented numbers");
    check_str(quytrinh_status_name(QUYTRINH_STATUS_CLOCK_WENT_BACKWARDS), "clock_went_backwards",
              "a rejection's name is its code");
    for (i = 0; i < sizeof all / sizeof *all; i++) {
        const char *name = quytrinh_status_name((int32_t)all[i]);
        if (strcmp(name, "unknown_status") == 0) {
            test_fail("status %d has no name", (int)all[i]);
        }
        for (j = 0; j < i; j++) {
            if (strcmp(name, quytrinh_status_name((int32_t)all[j])) == 0) {
                test_fail("statuses %d and %d share the name %s", (int)all[i], (int)all[j], name);
            }
        }
    }
    test_end();
}

static void workflows_and_definitions(void) {
    static const char *const langs[] = {"vi", "en"};
    char *text = NULL;
    cJSON *workflows;
    const cJSON *workflow;
    test_begin("workflows and their definitions (JSON, Mermaid, DOT)");
    check_status(quytrinh_workflows(&text), QUYTRINH_STATUS_OK, "workflows");
    workflows = take_json(text);
    check_true(cJSON_IsArray(workflows) && cJSON_GetArraySize(workflows) >= 1,
               "workflows is a non-empty JSON array");
    cJSON_ArrayForEach(workflow, workflows) {
        const char *name = cJSON_GetStringValue(workflow);
        size_t i;
        cJSON *definition;
        text = NULL;
        if (name == NULL ||
            !check_status(quytrinh_definition(name, NULL, "json", NULL, &text),
                          QUYTRINH_STATUS_OK, "definition json")) {
            continue;
        }
        definition = take_json(text);
        check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(definition, "workflow")),
                  name, "definition.workflow");
        check_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(definition, "transitions")),
                   "definition.transitions");
        cJSON_Delete(definition);
        for (i = 0; i < 2; i++) {
            text = NULL;
            if (check_status(quytrinh_definition(name, "null", "mermaid", langs[i], &text),
                             QUYTRINH_STATUS_OK, "definition mermaid")) {
                check_true(strncmp(text, "stateDiagram-v2", 15) == 0, "Mermaid text");
            }
            quytrinh_string_free(text);
            text = NULL;
            if (check_status(quytrinh_definition(name, NULL, "dot", langs[i], &text),
                             QUYTRINH_STATUS_OK, "definition dot")) {
                check_true(strncmp(text, "digraph", 7) == 0, "DOT text");
            }
            quytrinh_string_free(text);
        }
    }
    cJSON_Delete(workflows);
    test_end();
}

static void outcome_and_reads(void) {
    QuytrinhInstance *instance = create_companion("rel-01");
    char command[512];
    char *text = NULL;
    cJSON *outcome, *json;
    uint64_t version = 0;
    char why[512];
    test_begin("an outcome and the reads agree");
    if (instance == NULL) {
        test_end();
        return;
    }
    command_text(command, sizeof command, "c1", "saco", "SACO-01", "2026-11-23T09:00:00+07:00",
                 ",\"type\":\"request_unlink\"");
    check_status(quytrinh_instance_handle(instance, command, &text), QUYTRINH_STATUS_OK, "handle");
    outcome = take_json(text);
    check_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(outcome, "duplicate")), "duplicate");
    check_true(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(outcome, "version")) == 1.0,
               "version 1");
    check_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(outcome, "events")), "events");
    check_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(outcome, "effects")), "effects");

    /* Outcomes carry what changed; the state is read on request. */
    check_true(cJSON_GetObjectItemCaseSensitive(outcome, "state") == NULL,
               "the outcome carries no state");
    text = NULL;
    check_status(quytrinh_instance_state(instance, &text), QUYTRINH_STATUS_OK, "state");
    json = take_json(text);
    check_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(json, "requests")),
               "state() has the requests");
    cJSON_Delete(json);
    text = NULL;
    check_status(quytrinh_instance_position(instance, &text), QUYTRINH_STATUS_OK, "position");
    json = take_json(text);
    check_true(cJSON_Compare(json, cJSON_GetObjectItemCaseSensitive(outcome, "position"), 1) != 0,
               "position() equals the outcome's");
    cJSON_Delete(json);
    text = NULL;
    check_status(quytrinh_instance_next_deadline(instance, &text), QUYTRINH_STATUS_OK,
                 "next_deadline");
    json = take_json(text);
    if (!json_matches(json, cJSON_GetObjectItemCaseSensitive(outcome, "next_deadline"),
                      "next_deadline", why, sizeof why)) {
        test_fail("next_deadline() differs from the outcome's: %s", why);
    }
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, "kind")), "otp_expiry",
              "next deadline kind");
    cJSON_Delete(json);
    text = NULL;
    check_status(quytrinh_instance_deadlines(instance, &text), QUYTRINH_STATUS_OK, "deadlines");
    json = take_json(text);
    check_true(cJSON_IsArray(json) && cJSON_GetArraySize(json) >= 1, "deadlines array");
    cJSON_Delete(json);
    text = NULL;
    check_status(quytrinh_instance_identity(instance, &text), QUYTRINH_STATUS_OK, "identity");
    json = take_json(text);
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, "workflow")),
              "companion", "identity.workflow");
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, "id")), "rel-01",
              "identity.id");
    cJSON_Delete(json);
    check_status(quytrinh_instance_version(instance, &version), QUYTRINH_STATUS_OK, "version");
    check_true(version == 1, "version() is 1");
    text = NULL;
    check_status(quytrinh_instance_available_commands(
                     instance, "{\"role\":\"saco\",\"id\":\"SACO-01\"}",
                     "2026-11-23T09:01:00+07:00", &text),
                 QUYTRINH_STATUS_OK, "available_commands");
    json = take_json(text);
    check_true(cJSON_IsArray(json) && cJSON_GetArraySize(json) == 2,
               "available_commands: two candidates");
    {
        /* Each candidate has its command's `name` (the key every binding uses) and the body. */
        const cJSON *candidate;
        bool verified = false, failed = false;
        cJSON_ArrayForEach(candidate, json) {
            const char *name =
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(candidate, "name"));
            const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(candidate, "command"), "type"));
            check_true(name != NULL, "a candidate has a name");
            check_true(name != NULL && type != NULL && strcmp(type, name) == 0,
                       "its command's type is its name");
            verified = verified || (name != NULL && strcmp(name, "otp_verified") == 0);
            failed = failed || (name != NULL && strcmp(name, "otp_failed") == 0);
        }
        check_true(verified && failed, "the candidates are otp_verified and otp_failed");
    }
    cJSON_Delete(json);
    text = NULL;
    check_status(quytrinh_instance_definition(instance, "mermaid", "en", &text),
                 QUYTRINH_STATUS_OK, "instance definition");
    check_true(text != NULL && strncmp(text, "stateDiagram-v2", 15) == 0, "instance Mermaid");
    quytrinh_string_free(text);

    /* A late tick fires the OTP expiry at its own instant. */
    text = NULL;
    check_status(quytrinh_instance_tick(instance, "2026-11-30T09:00:00+07:00", &text),
                 QUYTRINH_STATUS_OK, "tick");
    json = take_json(text);
    check_true(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(json, "events")) >= 1,
               "the tick fired a deadline");
    cJSON_Delete(json);
    cJSON_Delete(outcome);
    quytrinh_instance_free(instance);
    test_end();
}

static void rejections_and_error_records(void) {
    QuytrinhInstance *first = create_companion("rel-01");
    QuytrinhInstance *second = create_companion("rel-02");
    char command[512];
    char *text = NULL;
    cJSON *error;
    uint64_t version = 0;
    test_begin("rejections: rule and messages, per-handle and per-thread records");
    if (first == NULL || second == NULL) {
        quytrinh_instance_free(first);
        quytrinh_instance_free(second);
        test_end();
        return;
    }
    command_text(command, sizeof command, "c1", "saco", "SACO-01", "2026-11-23T09:00:00+07:00",
                 ",\"type\":\"request_unlink\"");
    check_status(quytrinh_instance_handle(first, command, &text), QUYTRINH_STATUS_OK, "handle");
    quytrinh_string_free(text);
    text = NULL;
    /* The clock goes backwards. */
    command_text(command, sizeof command, "c2", "saco", "SACO-01", "2026-11-23T08:00:00+07:00",
                 ",\"type\":\"request_unlink\"");
    check_status(quytrinh_instance_handle(first, command, &text),
                 QUYTRINH_STATUS_CLOCK_WENT_BACKWARDS, "backwards");
    check_true(text == NULL, "no outcome for a rejection");
    error = cJSON_Parse(quytrinh_instance_last_error_json(first));
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")),
              "clock_went_backwards", "code");
    check_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "rule")), "at", "rule");
    check_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(error, "message_vi")) &&
                   cJSON_IsString(cJSON_GetObjectItemCaseSensitive(error, "message_en")),
               "both messages");
    check_true(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(error, "status")) == 105.0,
               "status 105");
    cJSON_Delete(error);
    /* The same parts without a JSON parser. */
    check_str(quytrinh_instance_last_error_field(first, QUYTRINH_ERROR_FIELD_CODE),
              "clock_went_backwards", "code accessor");
    check_str(quytrinh_instance_last_error_field(first, QUYTRINH_ERROR_FIELD_RULE), "at",
              "rule accessor");
    check_true(quytrinh_instance_last_error_field(first, QUYTRINH_ERROR_FIELD_MESSAGE_VI)[0] !=
                       '\0' &&
                   quytrinh_instance_last_error_field(first, QUYTRINH_ERROR_FIELD_MESSAGE_EN)[0] !=
                       '\0',
               "message accessors");
    check_str(quytrinh_instance_last_error_field(first, QUYTRINH_ERROR_FIELD_MESSAGE),
              quytrinh_instance_last_error(first), "the message accessor is the message");
    check_str(quytrinh_last_error_field(QUYTRINH_ERROR_FIELD_RULE), "at", "the thread's rule");
    check_str(quytrinh_instance_last_error_field(first, 99), "", "a number that is no field");
    check_str(quytrinh_instance_last_error_field(first, -1), "", "a negative number");
    check_str(quytrinh_instance_last_error_field(NULL, QUYTRINH_ERROR_FIELD_CODE), "",
              "a NULL handle");
    check_str(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_CODE), "",
              "a handle without a failure");
    check_true(quytrinh_instance_last_error(first)[0] != '\0', "the handle has a message");
    check_str(quytrinh_instance_last_error(second), "", "the other handle has none");
    /* A failure that is no rejection has a code and a message, no rule or messages. */
    text = NULL;
    check_status(quytrinh_instance_handle(second, "{not json", &text), QUYTRINH_STATUS_INVALID_JSON,
                 "bad JSON");
    check_str(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_CODE), "invalid_json",
              "invalid_json code");
    check_true(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_MESSAGE)[0] != '\0',
               "invalid_json message");
    check_str(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_RULE), "",
              "no rule outside a rejection");
    check_str(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_MESSAGE_VI), "",
              "no Vietnamese message outside a rejection");
    /* Bad input names the field at fault, not only a line and column. */
    check_status(quytrinh_instance_handle(second,
                                          "{\"command_id\":\"c9\",\"actor\":{\"role\":\"saco\",\"id\":\"S\"},"
                                          "\"at\":\"yesterday\",\"type\":\"request_unlink\"}",
                                          &text),
                 QUYTRINH_STATUS_INVALID_JSON, "a bad instant");
    check_true(strstr(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_MESSAGE),
                      "invalid JSON at `at`") != NULL,
               "the message names `at`");
    /* A field of the command's body, wrong or missing. */
    check_status(quytrinh_instance_handle(second,
                                          "{\"command_id\":\"c9\",\"actor\":{\"role\":\"saco\",\"id\":\"S\"},"
                                          "\"at\":\"2026-11-23T09:00:00+07:00\",\"type\":\"confirm\","
                                          "\"request_id\":42}",
                                          &text),
                 QUYTRINH_STATUS_INVALID_JSON, "a wrong body field");
    check_true(strncmp(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_MESSAGE),
                       "invalid JSON at `request_id`: invalid type", 42) == 0,
               "the message names `request_id`");
    check_status(quytrinh_instance_handle(second,
                                          "{\"command_id\":\"c9\",\"actor\":{\"role\":\"saco\",\"id\":\"S\"},"
                                          "\"at\":\"2026-11-23T09:00:00+07:00\",\"type\":\"confirm\"}",
                                          &text),
                 QUYTRINH_STATUS_INVALID_JSON, "a missing body field");
    check_str(quytrinh_instance_last_error_field(second, QUYTRINH_ERROR_FIELD_MESSAGE),
              "invalid JSON: missing field `request_id`", "the message names the missing field");
    /* A missing field of the initial data, read without a JSON parser. */
    {
        QuytrinhInstance *none = NULL;
        check_status(quytrinh_instance_create("companion", "rel-03", NULL, NULL, "{}", &none),
                     QUYTRINH_STATUS_INVALID_JSON, "create with {} as init");
        check_true(none == NULL, "no instance");
        check_str(quytrinh_last_error_field(QUYTRINH_ERROR_FIELD_CODE), "invalid_json",
                  "the thread's code");
        check_str(quytrinh_last_error_field(QUYTRINH_ERROR_FIELD_MESSAGE),
                  "invalid JSON at `init`: missing field `saco_id`",
                  "the message names `init` and the missing field");
    }
    /* Another handle's successful call clears the thread's error, not this handle's. */
    check_status(quytrinh_instance_version(second, &version), QUYTRINH_STATUS_OK, "version");
    check_str(quytrinh_last_error_message(), "", "the thread's error is cleared by a success");
    check_str(quytrinh_last_error_json(), "null", "the thread's error JSON is null");
    check_true(quytrinh_instance_last_error(first)[0] != '\0', "the handle keeps its error");
    /* A rejection changes nothing; a success on the handle clears its error. */
    check_status(quytrinh_instance_version(first, &version), QUYTRINH_STATUS_OK, "version");
    check_true(version == 1, "still version 1");
    check_str(quytrinh_instance_last_error(first), "", "a success clears the handle's error");
    check_str(quytrinh_instance_last_error_json(first), "null", "handle error JSON is null");
    check_str(quytrinh_instance_last_error_field(first, QUYTRINH_ERROR_FIELD_CODE), "",
              "a success clears the handle's code");
    /* A stale expected_version. */
    command_text(command, sizeof command, "c3", "saco", "SACO-01", "2026-11-23T09:00:10+07:00",
                 ",\"type\":\"otp_verified\",\"challenge_id\":\"R1-otp1\",\"expected_version\":0");
    text = NULL;
    check_status(quytrinh_instance_handle(first, command, &text), QUYTRINH_STATUS_VERSION_CONFLICT,
                 "stale expected_version");
    /* A retry of c1 is a duplicate with the original outcome. */
    command_text(command, sizeof command, "c1", "saco", "SACO-01", "2026-11-23T09:00:20+07:00",
                 ",\"type\":\"request_unlink\"");
    text = NULL;
    if (check_status(quytrinh_instance_handle(first, command, &text), QUYTRINH_STATUS_OK,
                     "retry")) {
        cJSON *outcome = take_json(text);
        check_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(outcome, "duplicate")),
                   "a retry is a duplicate");
        cJSON_Delete(outcome);
    }
    quytrinh_instance_free(first);
    quytrinh_instance_free(second);
    test_end();
}

static void calendar(void) {
    QuytrinhCalendar *calendar = NULL;
    QuytrinhCalendar *again = NULL;
    QuytrinhCalendar *invalid = NULL;
    char *text = NULL;
    int64_t seconds = 0;
    bool flag = false;
    cJSON *holidays;
    const cJSON *day;
    bool found_tet = false;
    bool found_swap = false;
    test_begin("calendar: add, between, working time, days off, holidays, errors");
    if (!check_status(quytrinh_calendar_new(NULL, &calendar), QUYTRINH_STATUS_OK, "new")) {
        test_end();
        return;
    }
    /* Monday 09:00 + 72 business hours, Tuesday 24 November 2026 being Vietnam Culture Day. */
    if (check_status(quytrinh_calendar_add(calendar, "2026-11-23T09:00:00+07:00", 72 * 3600, &text),
                     QUYTRINH_STATUS_OK, "add")) {
        check_true(same_instant(text, "2026-11-27T09:00:00+07:00"), "add lands on Friday 09:00");
    }
    quytrinh_string_free(text);
    check_status(quytrinh_calendar_between(calendar, "2026-03-06T12:00:00+07:00",
                                           "2026-03-09T12:00:00+07:00", &seconds),
                 QUYTRINH_STATUS_OK, "between");
    check_true(seconds == 24 * 3600, "Friday noon to Monday noon is 24 business hours");
    check_status(quytrinh_calendar_between(calendar, "2026-03-09T12:00:00+07:00",
                                           "2026-03-06T12:00:00+07:00", &seconds),
                 QUYTRINH_STATUS_OK, "between, backwards");
    check_true(seconds == -24 * 3600, "backwards is negative");
    check_status(quytrinh_calendar_is_working_time(calendar, "2026-03-07T10:00:00+07:00", &flag),
                 QUYTRINH_STATUS_OK, "is_working_time");
    check_true(!flag, "Saturday is not working time");
    check_status(quytrinh_calendar_is_working_time(calendar, "2026-03-09T10:00:00+07:00", &flag),
                 QUYTRINH_STATUS_OK, "is_working_time");
    check_true(flag, "Monday 10:00 is working time");
    text = NULL;
    if (check_status(quytrinh_calendar_next_working_instant(calendar, "2026-03-07T10:00:00+07:00",
                                                            &text),
                     QUYTRINH_STATUS_OK, "next_working_instant")) {
        check_true(same_instant(text, "2026-03-09T00:00:00+07:00"), "Saturday -> Monday 00:00");
    }
    quytrinh_string_free(text);
    check_status(quytrinh_calendar_is_day_off(calendar, "2026-11-24", &flag), QUYTRINH_STATUS_OK,
                 "is_day_off");
    check_true(flag, "2026-11-24 is a day off");
    check_status(quytrinh_calendar_is_day_off(calendar, "2025-11-24", &flag), QUYTRINH_STATUS_OK,
                 "is_day_off");
    check_true(!flag, "2025-11-24 is not");
    text = NULL;
    check_status(quytrinh_calendar_holidays(calendar, 2026, &text), QUYTRINH_STATUS_OK,
                 "holidays");
    holidays = take_json(text);
    cJSON_ArrayForEach(day, holidays) {
        const char *date = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(day, "date"));
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(day, "name_vi"));
        if (date != NULL && name != NULL && strcmp(date, "2026-02-17") == 0 &&
            strcmp(name, "Tết Nguyên đán") == 0) {
            found_tet = true;
        }
    }
    check_true(found_tet, "Tết Nguyên đán 2026 is on 17 February");
    /* The Saturday worked in exchange for Monday 31 August 2026 is listed, as announced. */
    cJSON_ArrayForEach(day, holidays) {
        const char *date = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(day, "date"));
        const char *source =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(day, "source"));
        if (date != NULL && source != NULL && strcmp(date, "2026-08-22") == 0 &&
            strcmp(source, "announcement") == 0 &&
            cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(day, "day_off"))) {
            found_swap = true;
        }
    }
    check_true(found_swap, "Saturday 22 August 2026 is worked, as announced");
    check_status(quytrinh_calendar_is_day_off(calendar, "2026-08-31", &flag), QUYTRINH_STATUS_OK,
                 "is_day_off(swap)");
    check_true(flag, "2026-08-31 is off, as announced");
    cJSON_Delete(holidays);
    /* The configuration round-trips. */
    text = NULL;
    if (check_status(quytrinh_calendar_config(calendar, &text), QUYTRINH_STATUS_OK, "config")) {
        check_status(quytrinh_calendar_new(text, &again), QUYTRINH_STATUS_OK, "new from config");
    }
    quytrinh_string_free(text);
    quytrinh_calendar_free(again);
    /* Errors. */
    text = NULL;
    check_status(quytrinh_calendar_holidays(calendar, 2300, &text), QUYTRINH_STATUS_OUT_OF_RANGE,
                 "holidays(2300)");
    check_true(text == NULL, "no holidays out of range");
    check_status(quytrinh_calendar_add(calendar, "2026-11-23T09:00:00+07:00", -1, &text),
                 QUYTRINH_STATUS_NEGATIVE_DURATION, "add(-1)");
    check_status(quytrinh_calendar_new("{\"working_weekdays\":[]}", &invalid),
                 QUYTRINH_STATUS_INVALID_CONFIG, "no working weekday");
    check_true(invalid == NULL, "no calendar from an invalid configuration");
    quytrinh_calendar_free(calendar);
    test_end();
}

/* --- threads ---------------------------------------------------------------------------- */

typedef struct {
    int index;
    const QuytrinhCalendar *calendar;
    int failures;
    char message[256];
} ThreadJob;

static void *thread_main(void *argument) {
    ThreadJob *job = (ThreadJob *)argument;
    QuytrinhInstance *instance = NULL;
    char id[32], command[512], at[64];
    char *text = NULL;
    int round;
    uint64_t version = 0;
    snprintf(id, sizeof id, "rel-%d", job->index);
    if (quytrinh_instance_create("companion", id, NULL, NULL, INIT, &instance) !=
        QUYTRINH_STATUS_OK) {
        job->failures++;
        return NULL;
    }
    for (round = 0; round < 20; round++) {
        char command_id[32];
        snprintf(command_id, sizeof command_id, "c%d", round);
        snprintf(at, sizeof at, "2026-11-23T09:%02d:00+07:00", round);
        command_text(command, sizeof command, command_id, "saco", "SACO-01", at,
                     round % 2 == 0 ? ",\"type\":\"request_unlink\""
                                    : ",\"type\":\"withdraw\",\"request_id\":\"R1\"");
        /* Accepted or rejected, depending on the state: both are fine here. */
        (void)quytrinh_instance_handle(instance, command, &text);
        quytrinh_string_free(text);
        text = NULL;
        if (quytrinh_calendar_add(job->calendar, at, 3600, &text) != QUYTRINH_STATUS_OK) {
            job->failures++;
        }
        quytrinh_string_free(text);
        text = NULL;
    }
    if (quytrinh_instance_version(instance, &version) != QUYTRINH_STATUS_OK || version == 0) {
        job->failures++;
    }
    /* Each thread has its own last error. */
    if (quytrinh_instance_tick(instance, "not a time", &text) != QUYTRINH_STATUS_INVALID_ARGUMENT) {
        job->failures++;
    }
    snprintf(job->message, sizeof job->message, "%s", quytrinh_last_error_message());
    quytrinh_instance_free(instance);
    return NULL;
}

static void threads(void) {
    enum { THREADS = 4 };
    pthread_t ids[THREADS];
    ThreadJob jobs[THREADS];
    QuytrinhCalendar *calendar = NULL;
    QuytrinhInstance *handle = NULL;
    int i;
    test_begin("threads: one instance per thread, one shared calendar, per-thread errors");
    check_status(quytrinh_calendar_new(NULL, &calendar), QUYTRINH_STATUS_OK, "calendar");
    /* Leave an error on this thread; the workers must not touch it. */
    check_status(quytrinh_instance_create("payroll", "x", NULL, NULL, "{}", &handle),
                 QUYTRINH_STATUS_UNKNOWN_WORKFLOW, "main thread error");
    for (i = 0; i < THREADS; i++) {
        jobs[i].index = i;
        jobs[i].calendar = calendar;
        jobs[i].failures = 0;
        jobs[i].message[0] = '\0';
        if (pthread_create(&ids[i], NULL, thread_main, &jobs[i]) != 0) {
            test_fail("pthread_create");
            ids[i] = pthread_self();
            jobs[i].index = -1;
        }
    }
    for (i = 0; i < THREADS; i++) {
        if (jobs[i].index >= 0) {
            pthread_join(ids[i], NULL);
        }
        if (jobs[i].failures != 0) {
            test_fail("thread %d: %d failures", i, jobs[i].failures);
        }
        if (strstr(jobs[i].message, "RFC 3339") == NULL) {
            test_fail("thread %d saw the message \"%s\"", i, jobs[i].message);
        }
    }
    check_true(strstr(quytrinh_last_error_message(), "payroll") != NULL,
               "the main thread's error is its own");
    quytrinh_calendar_free(calendar);
    test_end();
}

/* How many requests the `requests` query of a companion instance shows to `actor_json`;
 * -1 if the query fails. */
static int requests_seen(QuytrinhInstance *instance, const char *actor_json) {
    char *text = NULL;
    if (!check_status(quytrinh_instance_query(instance, actor_json, "2026-11-23T09:01:00+07:00",
                                              "{\"type\":\"requests\"}", &text),
                      QUYTRINH_STATUS_OK, "query requests")) {
        return -1;
    }
    cJSON *answer = take_json(text);
    int seen = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(answer, "requests"));
    cJSON_Delete(answer);
    return seen;
}

/* One entry point answers every query of every workflow (its bad inputs: bad_inputs.c). */
static void queries(void) {
    QuytrinhInstance *instance = create_companion("rel-q");
    char command[512];
    char *text = NULL;
    test_begin("queries through one entry point");
    if (instance == NULL) {
        test_end();
        return;
    }
    command_text(command, sizeof command, "c1", "saco", "SACO-01", "2026-11-23T09:00:00+07:00",
                 ",\"type\":\"request_unlink\"");
    check_status(quytrinh_instance_handle(instance, command, &text), QUYTRINH_STATUS_OK, "handle");
    quytrinh_string_free(text);
    check_true(requests_seen(instance, "{\"role\":\"saco\",\"id\":\"SACO-01\"}") == 1,
               "the SACO sees its staged request");
    check_true(requests_seen(instance, "{\"role\":\"customer\",\"id\":\"KH-01\"}") == 0,
               "a staged request is invisible to the counterparty");
    text = NULL;
    check_status(quytrinh_instance_query(instance, "{\"role\":\"saco\",\"id\":\"SACO-01\"}",
                                         "2026-11-23T09:01:00+07:00", "{\"type\":\"dance\"}",
                                         &text),
                 QUYTRINH_STATUS_INVALID_JSON, "an unknown query");
    check_true(text == NULL, "no answer on failure");
    quytrinh_instance_free(instance);
    test_end();
}

/* The weekly complaint report for the period ending Thursday 5 March 2026 09:00, over the
 * rows in `rows_json`; NULL (and the status checked against `expected`) on failure. */
static cJSON *weekly_report(const char *actor_json, const char *rows_json,
                            QuytrinhStatus expected) {
    char *text = NULL;
    QuytrinhStatus status =
        quytrinh_report("complaint", NULL, actor_json, "2026-03-05T09:00:00+07:00",
                        "{\"type\":\"weekly_report\",\"week_ending\":\"2026-03-05\"}",
                        rows_json, &text);
    if (!check_status(status, expected, "quytrinh_report")) {
        quytrinh_string_free(text);
        return NULL;
    }
    check_true((text == NULL) == (expected != QUYTRINH_STATUS_OK), "an answer only on success");
    return text == NULL ? NULL : take_json(text);
}

/* One entry point runs every report over many instances, from the rows they give. */
static void reports(void) {
    QuytrinhInstance *received = NULL;
    QuytrinhInstance *idle = NULL;
    char *row = NULL;
    char *idle_row = NULL;
    char *text = NULL;
    char rows[16384];
    test_begin("reports over many instances through one entry point");
    check_status(quytrinh_instance_create("complaint", "KN-1", NULL, NULL,
                                          "{\"complaint_id\":\"KN-1\"}", &received),
                 QUYTRINH_STATUS_OK, "create KN-1");
    check_status(quytrinh_instance_create("complaint", "KN-2", NULL, NULL,
                                          "{\"complaint_id\":\"KN-2\"}", &idle),
                 QUYTRINH_STATUS_OK, "create KN-2");
    if (received == NULL || idle == NULL) {
        quytrinh_instance_free(received);
        quytrinh_instance_free(idle);
        test_end();
        return;
    }
    check_status(
        quytrinh_instance_handle(
            received,
            "{\"command_id\":\"c1\",\"actor\":{\"role\":\"intake\",\"id\":\"hotline-1\"},"
            "\"at\":\"2026-03-02T09:00:00+07:00\",\"type\":\"receive\",\"channel\":\"phone\","
            "\"customer_id\":\"KH-01\",\"contact\":{\"name\":\"Nguyễn Văn An\","
            "\"phone\":\"0901234567\"},\"description\":\"Token lỗi\",\"agent_id\":\"DL-07\"}",
            &text),
        QUYTRINH_STATUS_OK, "receive KN-1 on Monday 2 March");
    quytrinh_string_free(text);
    check_status(quytrinh_instance_row(received, &row), QUYTRINH_STATUS_OK, "row of KN-1");
    text = NULL;
    check_status(quytrinh_instance_config(received, &text), QUYTRINH_STATUS_OK, "config of KN-1");
    if (text != NULL) {
        cJSON *config = take_json(text);
        const cJSON *sla = cJSON_GetObjectItemCaseSensitive(config, "sla_working_hours");
        /* SPEC §6: 72 working hours by default; the configuration reads back whole. */
        check_true(cJSON_IsNumber(sla) && sla->valueint == 72, "the default SLA, read back");
        cJSON_Delete(config);
    }
    check_status(quytrinh_instance_row(idle, &idle_row), QUYTRINH_STATUS_OK, "row of KN-2");
    if (row != NULL && idle_row != NULL &&
        (size_t)snprintf(rows, sizeof rows, "[%s,%s]", row, idle_row) < sizeof rows) {
        cJSON *answer = weekly_report("{\"role\":\"head_of_ops\",\"id\":\"TP-01\"}", rows,
                                      QUYTRINH_STATUS_OK);
        if (answer != NULL) {
            const cJSON *type = cJSON_GetObjectItemCaseSensitive(answer, "type");
            const cJSON *count = cJSON_GetObjectItemCaseSensitive(answer, "received");
            const cJSON *open = cJSON_GetObjectItemCaseSensitive(answer, "open");
            check_true(cJSON_IsString(type) && strcmp(type->valuestring, "weekly_report") == 0,
                       "the answer names its report");
            check_true(cJSON_IsNumber(count) && count->valueint == 1,
                       "one complaint received in the week (the idle one was never received)");
            check_true(cJSON_IsNumber(open) && open->valueint == 1, "and still open");
            cJSON_Delete(answer);
        }
        check_true(weekly_report("{\"role\":\"agent\",\"id\":\"DL-07\"}", rows,
                                 QUYTRINH_STATUS_NOT_PERMITTED) == NULL,
                   "an agent may not run the weekly report");
    } else {
        test_fail("no rows to report on");
    }
    check_true(weekly_report("{\"role\":\"head_of_ops\",\"id\":\"TP-01\"}", "[{\"x\":1}]",
                             QUYTRINH_STATUS_INVALID_JSON) == NULL,
               "a row that is not a complaint's");
    check_true(strstr(quytrinh_last_error_message(), "rows[0]") != NULL,
               "the error names the row");
    text = NULL;
    check_status(quytrinh_report("payroll", NULL, "{\"role\":\"x\",\"id\":\"y\"}",
                                 "2026-03-05T09:00:00+07:00", "{\"type\":\"weekly_report\"}", "[]",
                                 &text),
                 QUYTRINH_STATUS_UNKNOWN_WORKFLOW, "an unknown workflow");
    check_true(text == NULL, "no answer on failure");
    quytrinh_string_free(row);
    quytrinh_string_free(idle_row);
    quytrinh_instance_free(received);
    quytrinh_instance_free(idle);
    test_end();
}

void run_api_suite(void) {
    statuses();
    workflows_and_definitions();
    outcome_and_reads();
    queries();
    reports();
    rejections_and_error_records();
    calendar();
    threads();
}
