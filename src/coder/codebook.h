/*
 * codebook.h — the CAMEO event codebook and its PLOVER translation.
 *
 * Owns what an event code means: its name, QuadClass, Goldstein score and
 * PLOVER event/mode.  Loaded once from data/coder/cameo.tsv and
 * data/coder/plover.tsv (formats in docs/codebook.md) and read-only after.
 * A few hundred codes: a sorted array and binary search are all it needs.
 * Dictionaries of the field use private codes too ("174K", "---"): those
 * are simply not found, and the coder reports them without a class.
 */
#ifndef DYAD_CODER_CODEBOOK_H
#define DYAD_CODER_CODEBOOK_H

#include "dyad.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct cameo_code {
    char code[8];             /* "046" */
    uint8_t quad_class;       /* 1 verbal cooperation .. 4 material conflict */
    double goldstein;         /* -10 .. +10 */
    const char *name;
    const char *plover_event; /* "CONSULT"; NULL when CAMEO code has no PLOVER event */
    const char *plover_mode;  /* NULL when none */
    const char *plover_context;
} cameo_code;

typedef struct codebook codebook;

/* plover_path may be NULL (no PLOVER fields).  Malformed lines are errors
 * naming file and line. */
dyad_status codebook_load(const char *cameo_path, const char *plover_path, codebook **out,
                          dyad_error *error);
void codebook_free(codebook *book);

const cameo_code *codebook_lookup(const codebook *book, const char *code);
size_t codebook_count(const codebook *book);
const cameo_code *codebook_entry(const codebook *book, size_t index);

/* True for a syntactically valid CAMEO code: two to four digits. */
bool cameo_code_is_wellformed(const char *code);

#endif
