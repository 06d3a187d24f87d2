/*
 * dyad.h — the public interface of libdyad.
 *
 * libdyad reads news articles and turns them into structured event data:
 * who did what to whom, when and where.  This header is the whole public
 * surface; everything under src/ is private and may change.
 *
 * The model is deliberately small (in the spirit of Lua and CRFsuite):
 *
 *   - dyad_resources   everything loaded once (abbreviation lists, models,
 *                      dictionaries).  Immutable after load, so one handle
 *                      is shared by every thread without locks.
 *   - dyad_arena       per-document memory.  Every structure a document
 *                      produces (cleaned text, sentences, tokens, later the
 *                      parse and events) lives in the arena and is released
 *                      by one dyad_arena_reset() or dyad_arena_free().
 *   - dyad_reader      a stream of articles from a file or stdin, in one of
 *                      the input formats of the CLI contract.
 *   - dyad_document    one article and everything derived from it; plain
 *                      structs, read them directly.
 *
 * Errors: functions return a dyad_status and, when it is not DYAD_OK, fill
 * the dyad_error passed in with a message naming the file, line and/or
 * byte offset.  Nothing in the library prints or exits.
 *
 * Threads: a dyad_resources may be used by any number of threads at once;
 * an arena, reader or document belongs to one thread at a time.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_END,            /* a reader has no more records (not an error) */
    DYAD_ERR_IO,         /* a file could not be opened or read */
    DYAD_ERR_FORMAT,     /* malformed input: bad JSON, bad CoNLL-U, ... */
    DYAD_ERR_ENCODING,   /* text that cannot be decoded at all */
    DYAD_ERR_MEMORY,     /* allocation failed */
    DYAD_ERR_USAGE,      /* the caller passed something impossible */
    DYAD_ERR_MODEL,      /* a resource file is missing, corrupt or of the wrong version */
    DYAD_ERR_LIMIT       /* an input exceeds a hard limit (e.g. 4 GiB article) */
} dyad_status;

typedef struct dyad_error {
    dyad_status status;
    char file[512];      /* the file the problem is in, "" if none, "-" for stdin */
    long line;           /* 1-based line (record) number, 0 if not applicable */
    long long offset;    /* byte offset in the file or record, -1 if not applicable */
    char message[512];
} dyad_error;

/* A short English name for a status ("I/O error", "malformed input", ...). */
const char *dyad_status_name(dyad_status status);

/* Formats the error as "FILE:LINE: message" (or "FILE: message", or
 * "message") into buffer; returns buffer. */
const char *dyad_error_format(const dyad_error *error, char *buffer, size_t size);

/* ----------------------------------------------------------------- arena */

typedef struct dyad_arena dyad_arena;

dyad_arena *dyad_arena_new(void);
/* Releases everything allocated since creation; keeps the first block for reuse. */
void dyad_arena_reset(dyad_arena *arena);
void dyad_arena_free(dyad_arena *arena);
/* Bytes currently handed out by the arena (for memory reports). */
size_t dyad_arena_used(const dyad_arena *arena);

/* -------------------------------------------------------------- document */

/* A token: a syntactic word in the Universal Dependencies sense ("do" and
 * "n't" are two tokens, "U.S." one).  start/end are byte offsets into the
 * document's cleaned text; text is a NUL-terminated copy of that span.
 * The fields after `space_after` are filled by the tagger and parser. */
typedef struct dyad_token {
    const char *text;
    uint32_t start, end;
    uint8_t space_after;      /* whitespace follows in the cleaned text */
    uint8_t joined;           /* no space before: part of the same written word
                                 as the previous token ("n't" after "do") */
    const char *lemma;        /* NULL until tagged */
    const char *upos;         /* Universal POS, NULL until tagged */
    const char *xpos;         /* Penn Treebank tag, NULL until tagged */
    int32_t head;             /* 1-based index of the head in its sentence, 0 = root, -1 unparsed */
    const char *deprel;       /* UD relation, NULL until parsed */
} dyad_token;

/* A paragraph of the cleaned text.  Headings (the headline, subheadings
 * inside the body) are kept in the text so offsets stay simple, but marked
 * so that later stages do not code them as sentences. */
typedef struct dyad_paragraph {
    uint32_t start, end;      /* byte offsets into the cleaned text */
    uint8_t heading;
} dyad_paragraph;

typedef struct dyad_sentence {
    uint32_t index;           /* 0-based, in document order */
    uint32_t start, end;      /* byte offsets into the cleaned text */
    uint32_t paragraph;       /* 0-based paragraph number */
    uint8_t heading;          /* a subheading or headline, not to be coded as a sentence */
    dyad_token *tokens;
    uint32_t token_count;
} dyad_sentence;

/* The dateline that opens many wire stories: "KYIV, Dec 3 (Reuters) -". */
typedef struct dyad_dateline {
    const char *text;         /* the dateline as written */
    const char *place;        /* "KYIV" or NULL */
    const char *date;         /* "Dec 3" as written, or NULL */
    const char *agency;       /* "Reuters" or NULL */
} dyad_dateline;

/* A problem found in a record that did not stop it from being processed:
 * invalid UTF-8 replaced, a field ignored, an article truncated. */
typedef struct dyad_warning {
    long long offset;         /* byte offset in the record's original text, -1 if none */
    const char *message;
} dyad_warning;

/* ------------------------------------------------- what the stages find */

/* The fields below are filled by the later stages (actors, coder,
 * extraction); a document that has only been segmented has them empty. */

typedef enum dyad_actor_kind {
    DYAD_ACTOR_UNKNOWN = 0,
    DYAD_ACTOR_PERSON,
    DYAD_ACTOR_ORGANIZATION,
    DYAD_ACTOR_STATE,
    DYAD_ACTOR_GROUP
} dyad_actor_kind;

/* A mention of an actor in the text, resolved to a code valid at the
 * article's date ("Russian President Vladimir Putin" → RUSGOV). */
typedef struct dyad_mention {
    uint32_t start, end;      /* byte offsets into the cleaned text */
    uint32_t sentence;        /* index into sentences */
    uint32_t first_token, last_token;  /* token range inside the sentence (inclusive) */
    const char *text;         /* the span as written */
    const char *name;         /* canonical name ("Vladimir Putin"), or NULL */
    const char *code;         /* full code ("RUSGOV"), NULL when unresolved */
    const char *country;      /* "RUS", or the organisation code ("IGOUNO"); NULL if none */
    const char *sector;       /* "GOV", "MIL", ... ; NULL if none */
    dyad_actor_kind kind;
    int32_t antecedent;       /* index of the mention this one refers back to, -1 if none */
    int32_t group;            /* compound actors share a group id ("Russia and the US"), -1 if none */
} dyad_mention;

/* The actor side of an event (source or target). */
typedef struct dyad_event_actor {
    const char *text;
    const char *code;
    const char *country;
    const char *sector;
    int32_t mention;          /* index into mentions, -1 if none */
} dyad_event_actor;

typedef struct dyad_event {
    uint32_t sentence;
    dyad_event_actor source;
    dyad_event_actor target;  /* target.code == NULL && target.text == NULL: no target */
    int has_target;
    char cameo[8];            /* "046" */
    char root[4];             /* "04" */
    int quad_class;           /* 1..4 */
    double goldstein;
    const char *plover_event; /* "CONSULT", NULL if unmapped */
    const char *plover_mode;  /* NULL if none */
    uint8_t negated;
    uint8_t modality;         /* 0 asserted; see coder/ for the other values */
    const char *trigger_text;
    uint32_t trigger_start, trigger_end;
    const char *pattern;      /* id of the dictionary pattern that matched */
    const char *date;         /* YYYY-MM-DD the event is dated to, NULL if unknown */
    int32_t quote;            /* index into quotes when the event is inside one, -1 otherwise */
    int32_t place;            /* index into places, -1 if none */
} dyad_event;

typedef struct dyad_quote {
    uint32_t start, end;      /* the quoted text, byte offsets */
    uint8_t direct;           /* 1 for quotation marks, 0 for reported speech */
    const char *cue;          /* the speech verb or phrase ("said", "according to") */
    int32_t speaker;          /* index into mentions, -1 if unknown */
    const char *speaker_text; /* the speaker as written, NULL if unknown */
    const char *speaker_name; /* who that is: the mention's name, or the named speaker a
                                 pronoun ("he said") refers back to; NULL if unknown */
    uint32_t sentence;        /* the sentence the quotation starts in */
} dyad_quote;

typedef struct dyad_number {
    uint32_t start, end;
    double value, low, high;  /* low == high == value for a point figure */
    const char *unit;         /* "person", "USD", "km2", "percent", "hour", ... or NULL */
    const char *category;     /* "killed", "wounded", "casualties", "displaced", ... or NULL */
    const char *approximation;/* "about", "more than", ... or NULL */
    int32_t claimed_by;       /* index into mentions, -1 if none */
    const char *noun;         /* the counted noun as written ("protesters"), or NULL */
    int32_t quote;            /* index into quotes when the figure is claimed in one, -1 */
    uint32_t sentence;
} dyad_number;

typedef struct dyad_place {
    uint32_t start, end;
    const char *name;         /* gazetteer name */
    const char *country;      /* ISO 3166-1 alpha-3 */
    const char *admin1;       /* first-level subdivision code, or NULL */
    double lat, lon;
    uint8_t has_coordinates;
    const char *kind;         /* "country", "admin1", "city", "region", "sea", ... */
    uint32_t sentence;
} dyad_place;

typedef struct dyad_date_expression {
    uint32_t start, end;
    const char *value;        /* "2025-12-03", "2025-12", "2025", "2025-W49" (ISO week);
                                 NULL when it cannot be resolved (no article date) */
    uint32_t sentence;
} dyad_date_expression;

typedef struct dyad_document {
    /* Metadata.  Strings are NUL-terminated, NULL when absent. */
    const char *id;
    const char *date;         /* as given: "YYYY-MM-DD" or ISO 8601 */
    const char *title;
    const char *source;
    const char *url;
    const char *meta_json;    /* unknown JSONL fields as a JSON object text, or NULL */
    const char *origin;       /* file name the record came from ("-" for stdin) */
    long origin_line;         /* 1-based line in origin (JSONL), 1 otherwise */

    /* The article text as read (after format decoding, before cleaning). */
    const char *raw_text;
    size_t raw_length;

    /* The cleaned text every later stage works on: UTF-8, NFC, paragraphs
     * separated by one blank line ("\n\n"), debris removed. */
    const char *text;
    size_t text_length;

    dyad_paragraph *paragraphs;
    size_t paragraph_count;

    const char **credits;     /* "Reporting by ...", "(with inputs from Reuters)" */
    size_t credit_count;
    const dyad_dateline *dateline;   /* NULL when the story has none */

    dyad_sentence *sentences;
    size_t sentence_count;

    dyad_warning *warnings;
    size_t warning_count;

    dyad_mention *mentions;
    size_t mention_count;
    dyad_event *events;
    size_t event_count;
    dyad_quote *quotes;
    size_t quote_count;
    dyad_number *numbers;
    size_t number_count;
    dyad_place *places;
    size_t place_count;
    dyad_date_expression *dates;
    size_t date_count;

    dyad_arena *arena;        /* where all of the above lives */
} dyad_document;

/* ------------------------------------------------------------- resources */

typedef struct dyad_resources dyad_resources;

typedef struct dyad_config {
    /* Directory holding dyad's data files (models, dictionaries).  NULL:
     * look beside the executable, then in the build/source tree, then in
     * the installed data directory. */
    const char *data_dir;
    /* Which stages to load: a bitwise OR of DYAD_STAGE_* (0 = all). */
    unsigned stages;
    /* Dictionary files the user names (`--dict`), of any stage and in any
     * format dyad reads, NULL-terminated; NULL for the defaults in
     * data_dir.  Each stage takes the files of its own kinds, told by
     * their content: the actors stage dyad dictionaries and PETRARCH actor
     * and agent files; the event coder verb dictionaries (dyad's, TABARI,
     * PETRARCH-2) and discard lists.  The files add to the stage's
     * defaults, a later file taking precedence over earlier ones and over
     * the defaults.  A file of no known kind fails the load; lines of the
     * field's files that cannot be used are reported by
     * dyad_resources_warning(), not fatal. */
    const char *const *dictionaries;
    /* Nonzero: a stage given files of its kinds loads only those, not its
     * defaults (a stage given none keeps its defaults). */
    int dictionaries_only;
    /* The dependency parser's model, instead of data_dir's nlp/parser.model:
     * a path, or a bare file name looked up in data_dir's nlp/ folder
     * (e.g. "parser-beam4.model", a beam-search parser trained with
     * scripts/train-models.sh parser-beam4; not committed, since the
     * default parser, uptrained on its output, is as accurate and several
     * times faster).  NULL: the default. */
    const char *parser_model;
    /* Nonzero: parse with a beam of this many items (1..64; 1 = greedy
     * decoding) instead of the width the model was trained with.  Wider is
     * more accurate up to a point and slower, though far less than
     * proportionally with pruning (parser_beam_margin): the beam-4 model
     * parses best at 8 (docs/parser.md).  0: the model's own. */
    int parser_beam_width;
    /* How far behind the best partial parse a beam keeps others, in
     * average moves of the best: at each step, items whose score falls
     * more than this many times the best one's average move score behind
     * it are dropped (and no item makes more than two), so that where the
     * parser is sure it scores one or two items instead of the whole
     * width.  0 or INFINITY (math.h): the default, the full beam, every
     * item scored at every step.  0.25 takes about a quarter of the full
     * beam's parsing instructions with the beam-4 model at width 8, at the
     * same accuracy on EWT dev but 0.4 UAS less on test (docs/parser.md).
     * Smaller is faster and, under ~0.2, clearly less accurate.  No effect
     * on greedy decoding (width 1). */
    double parser_beam_margin;
} dyad_config;

enum {
    DYAD_STAGE_SEGMENT = 1u << 0,   /* cleaning, sentences, tokens */
    DYAD_STAGE_PARSE   = 1u << 1,   /* tagger, lemmatizer, dependency parser */
    DYAD_STAGE_ACTORS  = 1u << 2,   /* actor mentions and their codes */
    DYAD_STAGE_EVENTS  = 1u << 3,   /* CAMEO/PLOVER events */
    DYAD_STAGE_EXTRACT = 1u << 4,   /* quotes, numbers, places, dates */
};

dyad_status dyad_resources_load(const dyad_config *config, dyad_resources **out, dyad_error *error);
void dyad_resources_free(dyad_resources *resources);

/* Problems found while loading user-supplied dictionary files that did
 * not stop loading: each names the file and line of a line that was left
 * out (the field's PETRARCH files have a few).  dyad's own data files have
 * none: a bad line there fails dyad_resources_load. */
size_t dyad_resources_warning_count(const dyad_resources *resources);
const dyad_error *dyad_resources_warning(const dyad_resources *resources, size_t index);

/* ---------------------------------------------------------------- reader */

typedef enum dyad_input_format {
    DYAD_FORMAT_AUTO = 0,     /* from the file extension; stdin defaults to JSONL */
    DYAD_FORMAT_JSONL,
    DYAD_FORMAT_TEXT,
    DYAD_FORMAT_HTML,
    DYAD_FORMAT_WARC,         /* web archive: one article per HTML/text response or resource */
    DYAD_FORMAT_PETRARCH_XML  /* PETRARCH validation/test file: one article per <Sentence> */
} dyad_input_format;

typedef struct dyad_reader dyad_reader;

typedef struct dyad_reader_options {
    dyad_input_format format;
    const char *default_date; /* --date for text and HTML inputs, or NULL */
    /* Loaded resources whose HTML extraction hints (data/ingest/) the
     * reader borrows; they must outlive the reader.  NULL: the reader
     * loads them from the default data directory on its first HTML page. */
    const dyad_resources *resources;
} dyad_reader_options;

/* path NULL or "-" reads standard input.  Fails only when the file cannot
 * be opened; per-record problems are reported by dyad_reader_next. */
dyad_status dyad_reader_open(const char *path, const dyad_reader_options *options,
                             dyad_reader **out, dyad_error *error);

/* Reads the next article into a new document allocated in arena.
 * Returns DYAD_OK with *out set, DYAD_END at the end of input, or an error
 * for this record only (bad JSON line, unreadable file): the caller reports
 * it and may call dyad_reader_next again for the following record. */
dyad_status dyad_reader_next(dyad_reader *reader, dyad_arena *arena,
                             dyad_document **out, dyad_error *error);
void dyad_reader_close(dyad_reader *reader);

/* Makes a document from text in memory (copied into arena); metadata
 * strings may be NULL. */
dyad_document *dyad_document_new(dyad_arena *arena, const char *text, size_t length,
                                  const char *id, const char *date);

/* ------------------------------------------------------------- processing */

/* Runs the stages in `stages` (DYAD_STAGE_*, 0 = all loaded) on document. */
dyad_status dyad_process(const dyad_resources *resources, dyad_document *document,
                         unsigned stages, dyad_error *error);

/* ---------------------------------------------------------------- output */

/* Layouts of the CLI contract.  Each appends one complete record to a
 * caller-owned growable buffer, so that a record is written whole or not
 * at all. */
typedef struct dyad_buffer {
    char *data;
    size_t length, capacity;
} dyad_buffer;

void dyad_buffer_free(dyad_buffer *buffer);

/* `dyad segment`: one JSON object and a newline. */
dyad_status dyad_write_segment_json(const dyad_document *document, dyad_buffer *out);

/* `dyad code`: the full article record (metadata, text, sentences, actors,
 * events, quotes, numbers, places, dates), one JSON object and a newline.
 * with_tokens adds the tokens to each sentence. */
dyad_status dyad_write_code_json(const dyad_document *document, int with_tokens,
                                 dyad_buffer *out);
/* `dyad parse`: the document's sentences in CoNLL-U (Universal
 * Dependencies), with `# newdoc id`, `# newpar`, `# sent_id = <id>-<index>`
 * and `# text` comments; tags, lemmas and the tree where the parse stage
 * filled them, "_" where not. */
dyad_status dyad_write_conllu(const dyad_document *document, dyad_buffer *out);

#ifdef __cplusplus
}
#endif

#endif /* DYAD_H */
