/*
 * reader.h — private helpers of the article readers (the dyad_reader API
 * itself is in dyad.h).
 *
 * Input is read through zlib's gz* interface, which passes plain files
 * through unchanged, so "articles.jsonl.gz" works like "articles.jsonl".
 */
#ifndef DYAD_INGEST_READER_H
#define DYAD_INGEST_READER_H

#include "dyad.h"

/* Format implied by a file name (".jsonl", ".json", ".html", ".htm",
 * ".warc", anything else text), looking through a trailing ".gz". */
dyad_input_format reader_format_from_name(const char *path);

/* The file name without directories and extensions ("a/b/x.html.gz" → "x"),
 * copied into arena: the id of text and HTML articles. */
const char *reader_id_from_name(dyad_arena *arena, const char *path);

/* Largest article or JSONL line accepted; larger ones are an error for
 * that record (DYAD_ERR_LIMIT) and the stream goes on. */
enum { READER_MAX_RECORD = 256 * 1024 * 1024 };

#endif
