/*
 * lexicon.c — see lexicon.h.
 */
#include "lexicon.h"
#include "fold.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lists that make up the lexicon, in data_dir/extract/. */
static const char *const lexicon_files[] = {
    "dates.txt", "numbers.txt", "units.txt", "people.txt", "speech.txt", "context.txt",
};

enum { MAX_PHRASE = 128, MAX_LINE = 1024 };

struct lexicon {
    lexeme *entries;
    size_t count, capacity;
    uint32_t *slots;          /* open addressing: entry index + 1, 0 = empty */
    size_t slot_count;        /* a power of two, at least twice count */
    char **strings;           /* every string the entries point to, for freeing */
    size_t string_count, string_capacity;
};

static uint64_t hash_bytes(const char *text, size_t length) {
    uint64_t hash = 1469598103934665603ull;   /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

lexicon *lexicon_new(void) {
    return calloc(1, sizeof(lexicon));
}

void lexicon_free(lexicon *lexicon) {
    if (!lexicon) return;
    for (size_t i = 0; i < lexicon->string_count; i++) free(lexicon->strings[i]);
    free(lexicon->strings);
    free(lexicon->entries);
    free(lexicon->slots);
    free(lexicon);
}

static const char *keep_string(lexicon *lexicon, const char *text) {
    if (lexicon->string_count == lexicon->string_capacity) {
        size_t capacity = lexicon->string_capacity ? lexicon->string_capacity * 2 : 256;
        char **bigger = realloc(lexicon->strings, capacity * sizeof *bigger);
        if (!bigger) return NULL;
        lexicon->strings = bigger;
        lexicon->string_capacity = capacity;
    }
    char *copy = strdup(text);
    if (copy) lexicon->strings[lexicon->string_count++] = copy;
    return copy;
}

const lexeme *lexicon_find(const lexicon *lexicon, const char *folded, size_t length) {
    if (!lexicon || !lexicon->slot_count) return NULL;
    size_t mask = lexicon->slot_count - 1;
    for (size_t slot = hash_bytes(folded, length) & mask;; slot = (slot + 1) & mask) {
        uint32_t index = lexicon->slots[slot];
        if (!index) return NULL;
        const lexeme *entry = &lexicon->entries[index - 1];
        if (strncmp(entry->phrase, folded, length) == 0 && entry->phrase[length] == '\0')
            return entry;
    }
}

const lexeme *lexicon_find_text(const lexicon *lexicon, const char *text, size_t length) {
    char folded[MAX_PHRASE];
    size_t folded_length = fold_text(text, length, folded, sizeof folded);
    if (folded_length == (size_t)-1) return NULL;
    return lexicon_find(lexicon, folded, folded_length);
}

static bool rehash(lexicon *lexicon) {
    size_t slot_count = lexicon->slot_count ? lexicon->slot_count * 2 : 1024;
    uint32_t *slots = calloc(slot_count, sizeof *slots);
    if (!slots) return false;
    for (size_t i = 0; i < lexicon->count; i++) {
        const char *phrase = lexicon->entries[i].phrase;
        size_t slot = hash_bytes(phrase, strlen(phrase)) & (slot_count - 1);
        while (slots[slot]) slot = (slot + 1) & (slot_count - 1);
        slots[slot] = (uint32_t)i + 1;
    }
    free(lexicon->slots);
    lexicon->slots = slots;
    lexicon->slot_count = slot_count;
    return true;
}

/* The entry for a folded phrase, created empty when absent. */
static lexeme *entry_for(lexicon *lexicon, const char *folded) {
    lexeme *found = (lexeme *)lexicon_find(lexicon, folded, strlen(folded));
    if (found) return found;
    if ((lexicon->count + 1) * 2 > lexicon->slot_count && !rehash(lexicon)) return NULL;
    if (lexicon->count == lexicon->capacity) {
        size_t capacity = lexicon->capacity ? lexicon->capacity * 2 : 512;
        lexeme *bigger = realloc(lexicon->entries, capacity * sizeof *bigger);
        if (!bigger) return NULL;
        lexicon->entries = bigger;
        lexicon->capacity = capacity;
    }
    lexeme *entry = &lexicon->entries[lexicon->count];
    memset(entry, 0, sizeof *entry);
    entry->phrase = keep_string(lexicon, folded);
    if (!entry->phrase) return NULL;
    size_t mask = lexicon->slot_count - 1;
    size_t slot = hash_bytes(folded, strlen(folded)) & mask;
    while (lexicon->slots[slot]) slot = (slot + 1) & mask;
    lexicon->slots[slot] = (uint32_t)++lexicon->count;
    return entry;
}

typedef struct line_context {
    const char *path;
    long line;
    dyad_error *error;
} line_context;

static dyad_status bad_line(const line_context *at, const char *what, const char *detail) {
    return error_set(at->error, DYAD_ERR_MODEL, at->path, at->line, -1, "%s%s%s", what,
                     detail ? ": " : "", detail ? detail : "");
}

static bool parse_number(const char *text, double *value) {
    char *end;
    errno = 0;
    *value = strtod(text, &end);
    return end != text && *end == '\0' && errno == 0;
}

static bool parse_integer(const char *text, long low, long high, long *value) {
    char *end;
    errno = 0;
    *value = strtol(text, &end, 10);
    return end != text && *end == '\0' && errno == 0 && *value >= low && *value <= high;
}

typedef struct class_name {
    const char *name;
    uint32_t bit;
    int values;               /* required value columns */
} class_name;

static const class_name class_names[] = {
    {"month", LEX_MONTH, 1},          {"weekday", LEX_WEEKDAY, 1},
    {"day", LEX_DAY, 1},              {"modifier", LEX_DATE_MODIFIER, 1},
    {"number", LEX_NUMBER, 1},        {"scale", LEX_SCALE, 1},
    {"unit", LEX_UNIT, 2},            {"counted", LEX_COUNTED, 1},
    {"category", LEX_CATEGORY, 1},    {"approximation", LEX_APPROXIMATION, 0},
    {"speech", LEX_SPEECH, 2},        {"function", LEX_FUNCTION, 0},
    {"locative", LEX_LOCATIVE, 0},    {"region", LEX_REGION, 0},
    {"title", LEX_TITLE, 0},          {"future", LEX_FUTURE, 0},
    {"pronoun", LEX_PRONOUN, 0},      {"label", LEX_LABEL, 0},
    {"ordinal", LEX_ORDINAL, 1},      {"past", LEX_PAST, 0},
    {"direction", LEX_DIRECTION, 0},
};

static dyad_status parse_speech_flags(const line_context *at, const char *text, uint32_t *flags) {
    *flags = 0;
    if (strcmp(text, "-") == 0) return DYAD_OK;
    char copy[MAX_LINE];
    snprintf(copy, sizeof copy, "%s", text);
    for (char *save = NULL, *flag = strtok_r(copy, ",", &save); flag;
         flag = strtok_r(NULL, ",", &save)) {
        if (strcmp(flag, "object") == 0) *flags |= SPEECH_OBJECT;
        else if (strcmp(flag, "ambiguous") == 0) *flags |= SPEECH_AMBIGUOUS;
        else if (strcmp(flag, "phrase") == 0) *flags |= SPEECH_PHRASE;
        else if (strcmp(flag, "continue") == 0) *flags |= SPEECH_CONTINUE;
        else return bad_line(at, "unknown speech flag (object, ambiguous, phrase, continue)", flag);
    }
    return DYAD_OK;
}

static dyad_status add_line(lexicon *lexicon, const line_context *at, char **fields,
                            int field_count) {
    const class_name *class = NULL;
    for (size_t i = 0; i < sizeof class_names / sizeof *class_names; i++)
        if (strcmp(fields[1], class_names[i].name) == 0) class = &class_names[i];
    if (!class) return bad_line(at, "unknown class", fields[1]);
    if (field_count - 2 != class->values) {
        char detail[64];
        snprintf(detail, sizeof detail, "'%s' wants %d value column(s), found %d", class->name,
                 class->values, field_count - 2);
        return bad_line(at, "wrong number of columns", detail);
    }
    char folded[MAX_PHRASE];
    size_t length = fold_text(fields[0], strlen(fields[0]), folded, sizeof folded);
    if (length == (size_t)-1) return bad_line(at, "phrase too long", fields[0]);
    if (length == 0) return bad_line(at, "empty phrase", NULL);
    lexeme *entry = entry_for(lexicon, folded);
    if (!entry) return error_set(at->error, DYAD_ERR_MEMORY, at->path, at->line, -1, "out of memory");
    if (entry->classes & class->bit) return bad_line(at, "duplicate entry", fields[0]);
    long integer;
    double number;
    switch (class->bit) {
    case LEX_MONTH:
        if (!parse_integer(fields[2], 1, 12, &integer)) return bad_line(at, "month wants 1..12", fields[2]);
        entry->month = (int8_t)integer;
        break;
    case LEX_WEEKDAY:
        if (!parse_integer(fields[2], 1, 7, &integer))
            return bad_line(at, "weekday wants 1 (Monday) .. 7 (Sunday)", fields[2]);
        entry->weekday = (int8_t)integer;
        break;
    case LEX_DAY:
        if (!parse_integer(fields[2], -31, 31, &integer))
            return bad_line(at, "day wants an offset in days", fields[2]);
        entry->day_offset = (int16_t)integer;
        break;
    case LEX_ORDINAL:
        if (!parse_integer(fields[2], 1, 31, &integer)) return bad_line(at, "ordinal wants 1..31", fields[2]);
        entry->ordinal = (int16_t)integer;
        break;
    case LEX_DATE_MODIFIER:
        if (!(entry->modifier = keep_string(lexicon, fields[2])))
            return error_set(at->error, DYAD_ERR_MEMORY, at->path, at->line, -1, "out of memory");
        break;
    case LEX_NUMBER:
        if (!parse_number(fields[2], &number) || number < 0) return bad_line(at, "bad number", fields[2]);
        entry->number = number;
        break;
    case LEX_SCALE:
        if (!parse_number(fields[2], &number) || number <= 1) return bad_line(at, "bad scale", fields[2]);
        entry->scale = number;
        break;
    case LEX_UNIT:
        if (!(entry->unit = keep_string(lexicon, fields[2])) ||
            !(entry->unit_kind = keep_string(lexicon, fields[3])))
            return error_set(at->error, DYAD_ERR_MEMORY, at->path, at->line, -1, "out of memory");
        break;
    case LEX_COUNTED:
    case LEX_CATEGORY: {
        const char *category = strcmp(fields[2], "-") == 0 ? NULL : keep_string(lexicon, fields[2]);
        if (strcmp(fields[2], "-") != 0 && !category)
            return error_set(at->error, DYAD_ERR_MEMORY, at->path, at->line, -1, "out of memory");
        if (class->bit == LEX_CATEGORY && !category) return bad_line(at, "category wants a name", NULL);
        if (entry->category && category && strcmp(entry->category, category) != 0)
            return bad_line(at, "a word has one category", fields[0]);
        if (category) entry->category = category;
        break;
    }
    case LEX_SPEECH: {
        uint32_t flags;
        dyad_status status = parse_speech_flags(at, fields[3], &flags);
        if (status != DYAD_OK) return status;
        if (!(entry->speech_lemma = keep_string(lexicon, fields[2])))
            return error_set(at->error, DYAD_ERR_MEMORY, at->path, at->line, -1, "out of memory");
        entry->speech_flags = flags;
        break;
    }
    default:
        break;
    }
    entry->classes |= class->bit;
    /* mark each proper prefix so matching can extend word by word */
    for (size_t i = 0; i < length; i++) {
        if (folded[i] != ' ') continue;
        char prefix[MAX_PHRASE];
        memcpy(prefix, folded, i);
        prefix[i] = '\0';
        lexeme *head = entry_for(lexicon, prefix);
        if (!head) return error_set(at->error, DYAD_ERR_MEMORY, at->path, at->line, -1, "out of memory");
        head->classes |= LEX_PREFIX;
        head->extension_classes |= class->bit;
    }
    return DYAD_OK;
}

dyad_status lexicon_load_file(lexicon *lexicon, const char *path, dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    /* a list that cannot be read is a missing resource */
    if (status != DYAD_OK) {
        if (error) error->status = DYAD_ERR_MODEL;
        return DYAD_ERR_MODEL;
    }
    line_context at = {.path = path, .line = 0, .error = error};
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        at.line = file.line;
        /* the limit parse_speech_flags and the phrase buffers were sized for */
        if (strlen(line) >= MAX_LINE - 1) {
            status = bad_line(&at, "line too long", NULL);
            break;
        }
        char *comment = strchr(line, '#');
        if (comment) *comment = '\0';
        size_t length = strlen(line);
        while (length && (line[length - 1] == '\r' || line[length - 1] == ' ' ||
                          line[length - 1] == '\t'))
            line[--length] = '\0';
        if (!length) continue;
        char *fields[8];
        int field_count = 0;
        for (char *cursor = line; cursor && field_count < 8;) {
            char *tab = strchr(cursor, '\t');
            if (tab) *tab = '\0';
            while (*cursor == ' ') cursor++;
            size_t n = strlen(cursor);
            while (n && cursor[n - 1] == ' ') cursor[--n] = '\0';
            fields[field_count++] = cursor;
            cursor = tab ? tab + 1 : NULL;
            /* several tabs in a row separate one column, for alignment */
            while (cursor && *cursor == '\t') cursor++;
        }
        if (field_count < 2 || !*fields[0] || !*fields[1]) {
            status = bad_line(&at, "expected: phrase <TAB> class [<TAB> values]", NULL);
            break;
        }
        status = add_line(lexicon, &at, fields, field_count);
    }
    text_file_close(&file);
    return status;
}

dyad_status lexicon_load(const char *data_dir, lexicon **out, dyad_error *error) {
    *out = NULL;
    lexicon *lexicon = lexicon_new();
    if (!lexicon) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    for (size_t i = 0; i < sizeof lexicon_files / sizeof *lexicon_files; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/extract/%s", data_dir, lexicon_files[i]);
        dyad_status status = lexicon_load_file(lexicon, path, error);
        if (status != DYAD_OK) {
            lexicon_free(lexicon);
            return status;
        }
    }
    *out = lexicon;
    return DYAD_OK;
}
