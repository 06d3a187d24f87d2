/*
 * arguments.h — the options every article-reading command shares:
 * --input-format, --date, -j/--threads, --data-dir, --parser, --beam,
 * --beam-margin, --quiet, FILES.
 */
#ifndef DYAD_CLI_ARGUMENTS_H
#define DYAD_CLI_ARGUMENTS_H

#include "batch.h"

typedef struct article_arguments {
    batch_options batch;
    const char *data_dir;
    const char *parser_model;   /* --parser: dyad_config.parser_model */
    int parser_beam_width;      /* --beam: dyad_config.parser_beam_width (0: the model's) */
    double parser_beam_margin;  /* --beam-margin: dyad_config.parser_beam_margin (0: default) */
} article_arguments;

/* Parses argv; command-specific long options can be passed in `extra`
 * (terminated by a zeroed entry) and are handed to on_extra.  Returns 0;
 * -1 when --help was printed (the command exits 0); or 2 after printing a
 * usage message. */
struct option;
int parse_article_arguments(int argc, char **argv, const char *usage,
                            const struct option *extra,
                            int (*on_extra)(int option, const char *value, void *context),
                            void *context, article_arguments *out);

/* Reads an option's whole-number value, 1..max, into *out; returns 0, or
 * 2 after a usage error naming the option and the range. */
int parse_count_option(const char *usage, const char *option, const char *text,
                       unsigned long max, unsigned long *out);

/* Reads a beam margin (dyad_config.parser_beam_margin): a number of moves
 * above 0, or "inf" for none; returns 0, or 2 after a usage error. */
int parse_margin_option(const char *usage, const char *option, const char *text, double *out);

/* Prints "dyad: message" and the usage line; returns 2. */
int usage_error(const char *usage, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* The dyad_config the shared options ask for (data directory, parser
 * model and beam), loading `stages`; commands add their own fields. */
dyad_config article_config(const article_arguments *arguments, unsigned stages);

/* Loads resources as config says; on failure reports the error and
 * returns 1, else 0. */
int load_stage_resources(const dyad_config *config, dyad_resources **out);

/* The whole of a command that takes only the shared options: parses argv,
 * loads the resources `stages` need and hands every article to `work`
 * (its context is the loaded dyad_resources).  Returns the exit status. */
int run_article_command(int argc, char **argv, const char *usage, unsigned stages,
                        batch_work_fn work);

#endif
