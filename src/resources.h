/*
 * resources.h — the dyad_resources handle: everything loaded once.
 *
 * Each stage loads its own immutable resources; this struct just holds
 * them together so one pointer can be handed to every worker thread.
 * Stages see only this private definition, never a global.
 */
#ifndef DYAD_RESOURCES_H
#define DYAD_RESOURCES_H

#include "dyad.h"
#include "clean/clean.h"
#include "extract/extract.h"
#include "ingest/html_hints.h"
#include "text/segment.h"
#include "actors/actors.h"
#include "coder/coder.h"
#include "nlp/lemmatizer.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

struct dyad_resources {
    char *data_dir;
    unsigned stages;
    html_hints *html_hints;       /* class/id words of the HTML extractor (readers) */
    clean_resources *clean;
    segment_resources *segment;
    actors_resources *actors;     /* NULL unless DYAD_STAGE_ACTORS was loaded */
    coder_resources *coder;
    dyad_error *warnings;     /* skipped lines of user resource files */
    size_t warning_count;
    extract_resources *extract;   /* NULL unless DYAD_STAGE_EXTRACT was asked for */
    /* DYAD_STAGE_PARSE; all NULL when that stage is not loaded */
    tagger *tagger;
    const lemmatizer *lemmatizer;   /* the tagger's own, or own_lemmatizer */
    lemmatizer *own_lemmatizer;     /* loaded here when the tagger has none */
    parser_model *parser;
    int parser_beam_width;          /* dyad_config's, or the model's own */
    double parser_beam_margin;      /* dyad_config's, or PARSER_BEAM_MARGIN */
};

/* The data directory: config->data_dir, else $DYAD_DATA_DIR, else beside
 * the executable (../data, ../share/dyad), else the source tree the
 * library was built from, else the installed data directory.  A candidate
 * counts when it holds the marker file "dyad-data". */
char *resources_find_data_dir(const char *configured);

#endif
