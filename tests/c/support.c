/* Helpers of the C suite; see support.h. */
#include "support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- harness ---------------------------------------------------------------------------- */

static const char *current_test = NULL;
static int current_failures = 0;
static int passed = 0;
static int failed = 0;
static int capturing = 0;
static int captured = 0;

void test_begin(const char *name) {
    current_test = name;
    current_failures = 0;
}

void test_fail(const char *format, ...) {
    va_list args;
    if (capturing) {
        captured++;
        return;
    }
    current_failures++;
    printf("FAIL %s: ", current_test != NULL ? current_test : "(no test)");
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
}

void test_capture_begin(void) {
    capturing = 1;
    captured = 0;
}

int test_capture_end(void) {
    capturing = 0;
    return captured;
}

void test_end(void) {
    if (current_failures == 0) {
        passed++;
        printf("ok   %s\n", current_test);
    } else {
        failed++;
        printf("not ok %s (%d failed checks)\n", current_test, current_failures);
    }
    current_test = NULL;
    fflush(stdout);
}

int test_summary(void) {
    printf("%d passed, %d failed\n", passed, failed);
    fflush(stdout);
    return failed;
}

bool check_true(bool condition, const char *what) {
    if (!condition) {
        test_fail("%s", what);
    }
    return condition;
}

bool check_status(QuytrinhStatus got, QuytrinhStatus expected, const char *what) {
    if (got != expected) {
        test_fail("%s: expected %s (%d), got %s (%d): %s", what,
                  quytrinh_status_name((int32_t)expected), (int)expected,
                  quytrinh_status_name((int32_t)got), (int)got, quytrinh_last_error_message());
        return false;
    }
    return true;
}

bool check_str(const char *got, const char *expected, const char *what) {
    bool same = (got == NULL || expected == NULL) ? got == expected : strcmp(got, expected) == 0;
    if (!same) {
        test_fail("%s: expected \"%s\", got \"%s\"", what, expected ? expected : "(NULL)",
                  got ? got : "(NULL)");
    }
    return same;
}

/* --- utilities -------------------------------------------------------------------------- */

char *read_text_file(const char *path) {
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    size_t size = 0;
    size_t capacity = 0;
    if (file == NULL) {
        return NULL;
    }
    for (;;) {
        size_t got;
        if (capacity - size < 4096) {
            char *bigger;
            capacity = capacity * 2 + 4096;
            bigger = (char *)realloc(text, capacity + 1);
            if (bigger == NULL) {
                free(text);
                fclose(file);
                return NULL;
            }
            text = bigger;
        }
        got = fread(text + size, 1, capacity - size, file);
        size += got;
        if (got == 0) {
            break;
        }
    }
    fclose(file);
    text[size] = '\0';
    return text;
}

char *copy_string(const char *text) {
    size_t length = strlen(text);
    char *copy = (char *)malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length + 1);
    }
    return copy;
}

cJSON *take_json(char *library_string) {
    cJSON *json;
    if (library_string == NULL) {
        return NULL;
    }
    json = cJSON_Parse(library_string);
    quytrinh_string_free(library_string);
    return json;
}

char *json_text(const cJSON *item) {
    return cJSON_PrintUnformatted(item);
}

/* Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm). */
static long long days_from_civil(long long y, unsigned m, unsigned d) {
    long long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static bool digits(const char *text, int count, int *value) {
    int i;
    *value = 0;
    for (i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        *value = *value * 10 + (text[i] - '0');
    }
    return true;
}

bool parse_rfc3339(const char *text, long long *seconds, long *nanos) {
    int year, month, day, hour, minute, second, offset_h, offset_m;
    long fraction = 0;
    int scale = 0;
    const char *p = text;
    long long offset = 0;
    if (!digits(p, 4, &year) || p[4] != '-' || !digits(p + 5, 2, &month) || p[7] != '-' ||
        !digits(p + 8, 2, &day) || (p[10] != 'T' && p[10] != 't' && p[10] != ' ') ||
        !digits(p + 11, 2, &hour) || p[13] != ':' || !digits(p + 14, 2, &minute) ||
        p[16] != ':' || !digits(p + 17, 2, &second)) {
        return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60) {
        return false;
    }
    p += 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9') {
            return false;
        }
        while (*p >= '0' && *p <= '9') {
            if (scale < 9) {
                fraction = fraction * 10 + (*p - '0');
                scale++;
            }
            p++;
        }
        while (scale < 9) {
            fraction *= 10;
            scale++;
        }
    }
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        if (!digits(p + 1, 2, &offset_h) || p[3] != ':' || !digits(p + 4, 2, &offset_m)) {
            return false;
        }
        offset = (long long)offset_h * 3600 + (long long)offset_m * 60;
        if (*p == '-') {
            offset = -offset;
        }
        p += 6;
    } else {
        return false;
    }
    if (*p != '\0') {
        return false;
    }
    *seconds = days_from_civil(year, (unsigned)month, (unsigned)day) * 86400 +
               (long long)hour * 3600 + (long long)minute * 60 + second - offset;
    *nanos = fraction;
    return true;
}

bool same_instant(const char *a, const char *b) {
    long long sa, sb;
    long na, nb;
    return parse_rfc3339(a, &sa, &na) && parse_rfc3339(b, &sb, &nb) && sa == sb && na == nb;
}

static void describe(const cJSON *item, char *out, size_t out_size) {
    char *text = item != NULL ? cJSON_PrintUnformatted(item) : NULL;
    snprintf(out, out_size, "%s", text != NULL ? text : "null");
    cJSON_free(text);
}

static bool json_equal(const cJSON *pattern, const cJSON *actual) {
    if (actual == NULL) {
        return cJSON_IsNull(pattern);
    }
    return cJSON_Compare(pattern, actual, 1) != 0;
}

bool json_matches(const cJSON *pattern, const cJSON *actual, const char *path, char *why,
                  size_t why_size) {
    char child_path[512];
    if (cJSON_IsObject(pattern) && cJSON_IsObject(actual)) {
        const cJSON *member;
        cJSON_ArrayForEach(member, pattern) {
            snprintf(child_path, sizeof child_path, "%s.%s", path, member->string);
            if (!json_matches(member, cJSON_GetObjectItemCaseSensitive(actual, member->string),
                              child_path, why, why_size)) {
                return false;
            }
        }
        return true;
    }
    if (cJSON_IsArray(pattern) && cJSON_IsArray(actual) &&
        cJSON_GetArraySize(pattern) == cJSON_GetArraySize(actual)) {
        int i;
        for (i = 0; i < cJSON_GetArraySize(pattern); i++) {
            snprintf(child_path, sizeof child_path, "%s[%d]", path, i);
            if (!json_matches(cJSON_GetArrayItem(pattern, i), cJSON_GetArrayItem(actual, i),
                              child_path, why, why_size)) {
                return false;
            }
        }
        return true;
    }
    if (cJSON_IsString(pattern) && cJSON_IsString(actual) &&
        same_instant(pattern->valuestring, actual->valuestring)) {
        return true;
    }
    if (json_equal(pattern, actual)) {
        return true;
    }
    {
        char expected[256], got[256];
        describe(pattern, expected, sizeof expected);
        describe(actual, got, sizeof got);
        snprintf(why, why_size, "%s: expected %s, got %s", path, expected, got);
    }
    return false;
}

static const char *skip_space(const char *p) {
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
        p++;
    }
    return p;
}

/* `p` is at a '"'; returns the character after the closing quote, or NULL. */
static const char *skip_string(const char *p) {
    for (p++; *p != '\0' && *p != '"'; p++) {
        if (*p == '\\' && p[1] != '\0') {
            p++;
        }
    }
    return *p == '"' ? p + 1 : NULL;
}

/* Returns the character after the JSON value at `p`, or NULL. */
static const char *skip_value(const char *p) {
    int depth = 0;
    p = skip_space(p);
    if (*p == '"') {
        return skip_string(p);
    }
    if (*p != '{' && *p != '[') {
        while (*p != '\0' && *p != ',' && *p != '}' && *p != ']' && *skip_space(p) == *p) {
            p++;
        }
        return p;
    }
    while (*p != '\0') {
        if (*p == '"') {
            p = skip_string(p);
            if (p == NULL) {
                return NULL;
            }
            continue;
        }
        if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (--depth == 0) {
                return p + 1;
            }
        }
        p++;
    }
    return NULL;
}

static char *copy_span(const char *start, const char *end) {
    size_t length = (size_t)(end - start);
    char *copy = (char *)malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, start, length);
        copy[length] = '\0';
    }
    return copy;
}

char *raw_member(const char *object, const char *key) {
    const char *p = skip_space(object);
    size_t key_length = strlen(key);
    if (*p != '{') {
        return NULL;
    }
    p = skip_space(p + 1);
    while (*p == '"') {
        const char *name = p + 1;
        const char *name_end = skip_string(p);
        const char *value;
        const char *value_end;
        if (name_end == NULL) {
            return NULL;
        }
        p = skip_space(name_end);
        if (*p != ':') {
            return NULL;
        }
        value = skip_space(p + 1);
        value_end = skip_value(value);
        if (value_end == NULL) {
            return NULL;
        }
        if ((size_t)(name_end - 1 - name) == key_length && memcmp(name, key, key_length) == 0) {
            return copy_span(value, value_end);
        }
        p = skip_space(value_end);
        if (*p != ',') {
            return NULL;
        }
        p = skip_space(p + 1);
    }
    return NULL;
}

char *raw_item(const char *array, int index) {
    const char *p = skip_space(array);
    int i = 0;
    if (*p != '[') {
        return NULL;
    }
    p = skip_space(p + 1);
    while (*p != '\0' && *p != ']') {
        const char *end = skip_value(p);
        if (end == NULL) {
            return NULL;
        }
        if (i++ == index) {
            return copy_span(p, end);
        }
        p = skip_space(end);
        if (*p != ',') {
            return NULL;
        }
        p = skip_space(p + 1);
    }
    return NULL;
}

void effect_name(const cJSON *effect, char *out, size_t out_size) {
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(effect, "kind");
    const cJSON *template_name = cJSON_GetObjectItemCaseSensitive(effect, "template");
    if (cJSON_IsString(kind) && strcmp(kind->valuestring, "notify") == 0) {
        snprintf(out, out_size, "notify:%s",
                 cJSON_IsString(template_name) ? template_name->valuestring : "");
    } else {
        snprintf(out, out_size, "%s", cJSON_IsString(kind) ? kind->valuestring : "(no kind)");
    }
}
