/*
 * actor_read.h — reading actor dictionaries into an actor_dictionary.
 *
 * Two families of files:
 *
 *   - the field's PETRARCH/TABARI dictionaries (openeventdata's Phoenix
 *     and validation files): actor files (`_`-joined phrases, `+`
 *     synonyms, `[CODE]`, `[CODE >date]`, `[CODE <date]`, `[CODE d1-d2]`,
 *     tab-indented date lines), agent files (`{plural}`, `[~CODE]`,
 *     `[CODE~]`, `!MARKER! = a, b` substitution sets) and discard files
 *     (`+` for whole stories, a final `_` for an exact last word);
 *   - ours (docs/dictionaries.md): a first line `dyad-dictionary 1`, then
 *     records `KIND Name | Synonym => CODE [FROM..TO]` with indented
 *     continuation lines, names written in their natural case.
 *
 * Every line either loads or is reported with its file and line: with an
 * actor_load_report the reader notes the problem and goes on (the
 * field's files have a few bad lines that should not stop a run); without
 * one, the first problem is an error (our own data must be clean).
 *
 * The PETRARCH readers follow the documented semantics of
 * PETRARCH's PETRreader.py where they are sensible, and say so where they
 * differ: '#' and ';' start a comment anywhere on a line; several
 * bracketed codes on one line are each read; a primary phrase without a
 * code shares the codes of the record that follows it (as in PETRARCH);
 * blanks and underscores both join consecutive words.
 */
#ifndef DYAD_ACTORS_ACTOR_READ_H
#define DYAD_ACTORS_ACTOR_READ_H

#include "actor_dictionary.h"

typedef enum actor_file_kind {
    ACTOR_FILE_UNKNOWN = 0,
    ACTOR_FILE_DYAD,               /* ours */
    ACTOR_FILE_PETRARCH_ACTORS,
    ACTOR_FILE_PETRARCH_AGENTS,
    ACTOR_FILE_PETRARCH_DISCARDS,
    ACTOR_FILE_FOREIGN             /* a dictionary of another stage (verbs, issues) */
} actor_file_kind;

/* Which of the actor stage's kinds a file is, from its content
 * (util/dictionary_kind.h): ours, PETRARCH actors or agents; verb files,
 * issue files and discard lists (the coder applies those) are
 * ACTOR_FILE_FOREIGN; an unreadable file or one of no known kind
 * ACTOR_FILE_UNKNOWN. */
actor_file_kind actor_file_kind_of(const char *path);

/* Reads one file of the given kind (ACTOR_FILE_UNKNOWN: detect it). */
dyad_status actor_read_file(actor_dictionary *dictionary, const char *path, actor_file_kind kind,
                            actor_load_report *report, dyad_error *error);

/* The same from memory; `name` is used in messages. */
dyad_status actor_read_text(actor_dictionary *dictionary, const char *name, const char *text,
                            size_t length, actor_file_kind kind, actor_load_report *report,
                            dyad_error *error);

/* Regular English plural of a phrase's last word ("envoy" → "envoys",
 * "spokesman" → "spokesmen", "militia" → "militias", "embassy" →
 * "embassies").  Writes into out (size bytes); returns its length, 0 if
 * it does not fit. */
size_t actor_plural(const char *phrase, size_t length, char *out, size_t size);

#endif
