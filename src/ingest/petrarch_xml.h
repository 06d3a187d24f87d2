/*
 * petrarch_xml.h — PETRARCH validation files.
 *
 * A validation file (PETR.UnitTest.*.xml) names its dictionaries in an
 * <Environment> block (input files of records may have none) and holds
 * <Sentence> records, each with its text,
 * a constituency parse, and the events it should yield (<EventCoding
 * sourcecode= targetcode= eventcode=>, or noevents="True", or an
 * error= the record should raise).  Read with libxml2 into plain structs
 * in an arena; `dyad validate` runs them.
 */
#ifndef DYAD_INGEST_PETRARCH_XML_H
#define DYAD_INGEST_PETRARCH_XML_H

#include "dyad.h"

#include <stdbool.h>

typedef struct petrarch_coding {
    const char *source, *target, *code;
} petrarch_coding;

typedef struct petrarch_record {
    const char *id;
    const char *date;         /* "19950101" as written */
    const char *category;
    bool valid;               /* sentence="true" (older files: valid="true") */
    const char *text;         /* white space collapsed */
    const char *parse;        /* the bracketed tree, or NULL */
    petrarch_coding *codings;
    size_t coding_count;
    bool no_events;           /* noevents="True" */
    const char *error;        /* error="sentencediscard" etc., or NULL */
    bool skip, stop;          /* <Skip/>, <Stop/> */
    long line;
} petrarch_record;

typedef struct petrarch_validation {
    const char *verb_file, *actor_file, *agent_file, *discard_file;   /* as named, or NULL */
    const char **include;     /* categories; NULL-terminated, NULL if none */
    const char **exclude;
    bool valid_only;          /* "valid" in <Include>: only records marked valid */
    petrarch_record *records;
    size_t record_count;
} petrarch_validation;

dyad_status petrarch_xml_read(const char *path, dyad_arena *arena, petrarch_validation *out,
                              dyad_error *error);

#endif
