/*
 * dictionary_kind.h — what kind of dictionary a file is, from its content.
 *
 * The user names dictionaries with one option (`--dict`, dyad_config's
 * `dictionaries`) whatever stage they are for; each stage then takes the
 * files of its own kinds.  File names are not a reliable guide (users
 * rename files, PETRARCH's own names vary: CAMEO.2.0.txt holds verbs), so
 * the kind is read off the lines, which differ clearly between formats:
 *
 *   dyad actor dictionary    first line "dyad-dictionary 1"
 *   dyad verb dictionary     "[046 Label]" / "[modal intent]" sections
 *   TABARI / PETRARCH verbs  "--- GRANT [070] ---" blocks
 *   PETRARCH issues          "<ISSUE CATEGORY=...>" sections
 *   PETRARCH agents          codes with a '~' ("[~GOV]", "[NGO~]"),
 *                            "!PERSON! = ..." substitution sets
 *   PETRARCH actors          phrases with "[CODE]" codes
 *   PETRARCH discards        short phrases and nothing else
 *
 * Only the first 256 KiB are looked at: every kind shows itself early.
 */
#ifndef DYAD_UTIL_DICTIONARY_KIND_H
#define DYAD_UTIL_DICTIONARY_KIND_H

#include "dyad.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum dictionary_kind {
    DICTIONARY_UNKNOWN = 0,
    DICTIONARY_DYAD_ACTORS,       /* ours: actors, agents, words, discards (data/actors/) */
    DICTIONARY_DYAD_VERBS,        /* ours: verbs and event nouns (data/coder/verbs.txt) */
    DICTIONARY_PETRARCH_ACTORS,
    DICTIONARY_PETRARCH_AGENTS,
    DICTIONARY_PETRARCH_DISCARDS,
    DICTIONARY_PETRARCH_VERBS,    /* TABARI flat patterns or PETRARCH-2 */
    DICTIONARY_PETRARCH_ISSUES,   /* no stage reads these yet */
} dictionary_kind;

/* The kind of a dictionary text. */
dictionary_kind dictionary_kind_detect(const char *text, size_t length);

/* The kind of a file; an unreadable file is an error (DYAD_ERR_IO). */
dyad_status dictionary_kind_of_file(const char *path, dictionary_kind *out, dyad_error *error);

/* "PETRARCH actor dictionary", ... for messages and listings. */
const char *dictionary_kind_name(dictionary_kind kind);

/* The stage a kind belongs to: the actors stage reads actor and agent
 * files and ours; the coder reads verb files and discard lists (it is the
 * stage that leaves discarded sentences uncoded). */
bool dictionary_kind_for_actors(dictionary_kind kind);
bool dictionary_kind_for_coder(dictionary_kind kind);

#endif
