/*
 * desk: a small back-office program on quytrinh's C API.
 *
 * It reads a script of cases, commands and clock ticks (one per line; see cases.txt), keeps
 * the open cases in memory, and prints what happens: events, effects to perform, the next
 * deadline, rejections with their rule and Vietnamese / English messages. `save` and
 * `restart` show persistence: every case is written to a snapshot, freed, and restored.
 *
 *   case <id> <workflow> <init JSON>   open a case (skipped if this build lacks the workflow)
 *   do <id> <command JSON>             apply a command
 *   tick <RFC 3339 instant>            time has reached the instant, for every case
 *   show <id>                          position and next deadline
 *   diagram <id> <vi|en>               the case's Mermaid diagram, current state marked
 *   restart                            snapshot every case, free it, restore it
 *   # ...                              a comment
 *
 * Build and run: make run (see the Makefile). Exits 1 when no case could be opened.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "quytrinh.h"

#define MAX_CASES 64

typedef struct {
    char id[64];
    QuytrinhInstance *instance;
} Case;

static Case cases[MAX_CASES];
static size_t case_count = 0;
static char *workflows_json = NULL; /* from quytrinh_workflows, freed at exit */

static Case *find_case(const char *id) {
    size_t i;
    for (i = 0; i < case_count; i++) {
        if (strcmp(cases[i].id, id) == 0) {
            return &cases[i];
        }
    }
    return NULL;
}

static int workflow_available(const char *name) {
    cJSON *list = cJSON_Parse(workflows_json);
    const cJSON *item;
    int found = 0;
    cJSON_ArrayForEach(item, list) {
        if (cJSON_IsString(item) && strcmp(item->valuestring, name) == 0) {
            found = 1;
        }
    }
    cJSON_Delete(list);
    return found;
}

/* One part of why a call on `instance` (or, without one, on this thread) failed. */
static const char *failure_field(QuytrinhInstance *instance, QuytrinhErrorField field) {
    return instance != NULL ? quytrinh_instance_last_error_field(instance, (int32_t)field)
                            : quytrinh_last_error_field((int32_t)field);
}

/* Prints why a call on `instance` failed (its own error record), without parsing JSON. */
static void print_failure(const char *id, QuytrinhStatus status, QuytrinhInstance *instance) {
    if (status >= 100 && status < 200) {
        printf("  %-8s REJECTED %s (rule %s)\n           vi: %s\n           en: %s\n", id,
               failure_field(instance, QUYTRINH_ERROR_FIELD_CODE),
               failure_field(instance, QUYTRINH_ERROR_FIELD_RULE),
               failure_field(instance, QUYTRINH_ERROR_FIELD_MESSAGE_VI),
               failure_field(instance, QUYTRINH_ERROR_FIELD_MESSAGE_EN));
    } else {
        printf("  %-8s ERROR %s: %s\n", id, failure_field(instance, QUYTRINH_ERROR_FIELD_CODE),
               failure_field(instance, QUYTRINH_ERROR_FIELD_MESSAGE));
    }
}

static void print_deadline(const cJSON *deadline) {
    if (cJSON_IsObject(deadline)) {
        printf("next: %s at %s",
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(deadline, "kind")),
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(deadline, "due")));
    } else {
        printf("no pending deadline");
    }
}

/* Prints an outcome: events, effects for the host to perform, the next deadline. */
static void print_outcome(const char *id, char *outcome_text) {
    cJSON *outcome = cJSON_Parse(outcome_text);
    const cJSON *record;
    const cJSON *effect;
    quytrinh_string_free(outcome_text);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(outcome, "duplicate"))) {
        printf("  %-8s (a retry: the original outcome, nothing changed)\n", id);
    }
    cJSON_ArrayForEach(record, cJSON_GetObjectItemCaseSensitive(outcome, "events")) {
        const cJSON *event = cJSON_GetObjectItemCaseSensitive(record, "event");
        printf("  %-8s v%-3d %s\n", id,
               (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(record, "version")),
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(event, "type")));
    }
    cJSON_ArrayForEach(effect, cJSON_GetObjectItemCaseSensitive(outcome, "effects")) {
        const char *kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(effect, "kind"));
        const char *template_name =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(effect, "template"));
        printf("  %-8s      -> perform %s%s%s (key %s)\n", id, kind ? kind : "?",
               template_name ? " " : "", template_name ? template_name : "",
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(effect, "key")));
    }
    if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(outcome, "events")) > 0) {
        printf("  %-8s      ", id);
        print_deadline(cJSON_GetObjectItemCaseSensitive(outcome, "next_deadline"));
        printf("\n");
    }
    cJSON_Delete(outcome);
}

static void open_case(const char *id, const char *workflow, const char *init) {
    Case *c;
    QuytrinhStatus status;
    if (!workflow_available(workflow)) {
        printf("  %-8s skipped: workflow `%s` is not in this build (%s)\n", id, workflow,
               workflows_json);
        return;
    }
    if (case_count == MAX_CASES || find_case(id) != NULL) {
        printf("  %-8s cannot open: too many cases, or the id is taken\n", id);
        return;
    }
    c = &cases[case_count];
    snprintf(c->id, sizeof c->id, "%s", id);
    status = quytrinh_instance_create(workflow, id, NULL, NULL, init, &c->instance);
    if (status != QUYTRINH_STATUS_OK) {
        print_failure(id, status, NULL);
        return;
    }
    case_count++;
    printf("  %-8s opened (%s)\n", id, workflow);
}

static void apply(const char *id, const char *command) {
    Case *c = find_case(id);
    char *outcome = NULL;
    QuytrinhStatus status;
    if (c == NULL) {
        return; /* a skipped case */
    }
    status = quytrinh_instance_handle(c->instance, command, &outcome);
    if (status == QUYTRINH_STATUS_OK) {
        print_outcome(id, outcome);
    } else {
        print_failure(id, status, c->instance);
    }
}

static void tick_all(const char *at) {
    size_t i;
    printf("  -- clock: %s\n", at);
    for (i = 0; i < case_count; i++) {
        char *outcome = NULL;
        QuytrinhStatus status = quytrinh_instance_tick(cases[i].instance, at, &outcome);
        if (status == QUYTRINH_STATUS_OK) {
            print_outcome(cases[i].id, outcome);
        } else {
            print_failure(cases[i].id, status, cases[i].instance);
        }
    }
}

static void show(const char *id) {
    Case *c = find_case(id);
    char *position = NULL, *deadline = NULL;
    cJSON *next;
    if (c == NULL) {
        return;
    }
    if (quytrinh_instance_position(c->instance, &position) != QUYTRINH_STATUS_OK ||
        quytrinh_instance_next_deadline(c->instance, &deadline) != QUYTRINH_STATUS_OK) {
        print_failure(id, QUYTRINH_STATUS_INTERNAL, c->instance);
    } else {
        next = cJSON_Parse(deadline);
        printf("  %-8s at %s; ", id, position);
        print_deadline(next);
        printf("\n");
        cJSON_Delete(next);
    }
    quytrinh_string_free(position);
    quytrinh_string_free(deadline);
}

static void diagram(const char *id, const char *lang) {
    Case *c = find_case(id);
    char *text = NULL;
    if (c == NULL) {
        return;
    }
    if (quytrinh_instance_definition(c->instance, "mermaid", lang, &text) == QUYTRINH_STATUS_OK) {
        printf("%s", text);
    } else {
        print_failure(id, QUYTRINH_STATUS_INVALID_ARGUMENT, c->instance);
    }
    quytrinh_string_free(text);
}

/* Writes every case to a snapshot, frees it, and restores it: what a restart does with a
 * database in between. */
static void restart(void) {
    size_t i;
    for (i = 0; i < case_count; i++) {
        char *snapshot = NULL;
        QuytrinhInstance *restored = NULL;
        if (quytrinh_instance_snapshot(cases[i].instance, &snapshot) != QUYTRINH_STATUS_OK ||
            quytrinh_instance_restore(snapshot, &restored) != QUYTRINH_STATUS_OK) {
            print_failure(cases[i].id, QUYTRINH_STATUS_INTERNAL, NULL);
        } else {
            quytrinh_instance_free(cases[i].instance);
            cases[i].instance = restored;
        }
        quytrinh_string_free(snapshot);
    }
    printf("  -- restarted: %lu cases restored from their snapshots\n", (unsigned long)case_count);
}

/* Splits off the next space-separated word; returns the rest of the line. */
static char *next_word(char *line, char **word) {
    while (*line == ' ') {
        line++;
    }
    *word = line;
    while (*line != '\0' && *line != ' ') {
        line++;
    }
    if (*line == ' ') {
        *line++ = '\0';
    }
    while (*line == ' ') {
        line++;
    }
    return line;
}

int main(int argc, char **argv) {
    FILE *script;
    char line[8192];
    size_t i;
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCRIPT\n", argv[0]);
        return 2;
    }
    script = fopen(argv[1], "r");
    if (script == NULL) {
        perror(argv[1]);
        return 2;
    }
    if (quytrinh_workflows(&workflows_json) != QUYTRINH_STATUS_OK) {
        fprintf(stderr, "quytrinh_workflows: %s\n", quytrinh_last_error_message());
        fclose(script);
        return 1;
    }
    printf("quytrinh %s desk; workflows: %s\n", quytrinh_version(), workflows_json);
    while (fgets(line, sizeof line, script) != NULL) {
        char *verb, *id, *rest;
        line[strcspn(line, "\r\n")] = '\0';
        rest = next_word(line, &verb);
        if (*verb == '\0' || *verb == '#') {
            continue;
        }
        if (strcmp(verb, "case") == 0) {
            char *workflow;
            rest = next_word(rest, &id);
            rest = next_word(rest, &workflow);
            open_case(id, workflow, rest);
        } else if (strcmp(verb, "do") == 0) {
            rest = next_word(rest, &id);
            apply(id, rest);
        } else if (strcmp(verb, "tick") == 0) {
            tick_all(rest);
        } else if (strcmp(verb, "show") == 0) {
            show(rest);
        } else if (strcmp(verb, "diagram") == 0) {
            rest = next_word(rest, &id);
            diagram(id, rest);
        } else if (strcmp(verb, "restart") == 0) {
            restart();
        } else {
            printf("  unknown line: %s\n", verb);
        }
    }
    fclose(script);
    for (i = 0; i < case_count; i++) {
        quytrinh_instance_free(cases[i].instance);
        cases[i].instance = NULL;
    }
    quytrinh_string_free(workflows_json);
    return case_count > 0 ? 0 : 1;
}
