/*
 * arguments.c — see arguments.h.
 */
#include "arguments.h"

#include "nlp/parser.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPTION_INPUT_FORMAT = 1000, OPTION_DATE, OPTION_DATA_DIR, OPTION_PARSER, OPTION_BEAM,
       OPTION_BEAM_MARGIN };

int usage_error(const char *usage, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    fputs("dyad: ", stderr);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
    fprintf(stderr, "\nusage: %s\n", usage);
    return 2;
}

static int valid_date(const char *text) {
    int year, month, day;
    char tail;
    return sscanf(text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 && month >= 1 &&
           month <= 12 && day >= 1 && day <= 31 && strlen(text) == 10;
}

int parse_article_arguments(int argc, char **argv, const char *usage,
                            const struct option *extra,
                            int (*on_extra)(int option, const char *value, void *context),
                            void *context, article_arguments *out) {
    static const struct option common[] = {
        {"input-format", required_argument, NULL, OPTION_INPUT_FORMAT},
        {"date", required_argument, NULL, OPTION_DATE},
        {"threads", required_argument, NULL, 'j'},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"parser", required_argument, NULL, OPTION_PARSER},
        {"beam", required_argument, NULL, OPTION_BEAM},
        {"beam-margin", required_argument, NULL, OPTION_BEAM_MARGIN},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
    };
    size_t common_count = sizeof common / sizeof *common, extra_count = 0;
    while (extra && extra[extra_count].name) extra_count++;
    struct option *options = calloc(common_count + extra_count + 1, sizeof *options);
    if (!options) return usage_error(usage, "out of memory");
    memcpy(options, common, sizeof common);
    if (extra_count) memcpy(options + common_count, extra, extra_count * sizeof *extra);

    memset(out, 0, sizeof *out);
    out->batch.threads = 1;
    out->batch.output = stdout;
    optind = 1;
    opterr = 0;
    int option, status = 0;
    while (status == 0 && (option = getopt_long(argc, argv, "+j:qh", options, NULL)) != -1) {
        switch (option) {
        case OPTION_INPUT_FORMAT:
            if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                out->batch.reader.format = DYAD_FORMAT_JSONL;
            else if (strcmp(optarg, "text") == 0)
                out->batch.reader.format = DYAD_FORMAT_TEXT;
            else if (strcmp(optarg, "html") == 0)
                out->batch.reader.format = DYAD_FORMAT_HTML;
            else if (strcmp(optarg, "petrarch-xml") == 0)
                out->batch.reader.format = DYAD_FORMAT_PETRARCH_XML;
            else if (strcmp(optarg, "warc") == 0)
                out->batch.reader.format = DYAD_FORMAT_WARC;
            else
                status = usage_error(usage, "unknown input format '%s' (jsonl, text, html, warc, petrarch-xml)",
                                     optarg);
            break;
        case OPTION_DATE:
            if (!valid_date(optarg))
                status = usage_error(usage, "--date wants YYYY-MM-DD, not '%s'", optarg);
            out->batch.reader.default_date = optarg;
            break;
        case OPTION_DATA_DIR:
            out->data_dir = optarg;
            break;
        case OPTION_PARSER:
            out->parser_model = optarg;
            break;
        case OPTION_BEAM: {
            unsigned long width = 0;
            status = parse_count_option(usage, "--beam", optarg, PARSER_MAX_BEAM, &width);
            out->parser_beam_width = (int)width;
            break;
        }
        case OPTION_BEAM_MARGIN:
            status = parse_margin_option(usage, "--beam-margin", optarg, &out->parser_beam_margin);
            break;
        case 'j': {
            char *end;
            long threads = strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > 256)
                status = usage_error(usage, "-j wants a thread count from 1 to 256");
            out->batch.threads = (int)threads;
            break;
        }
        case 'q':
            out->batch.quiet = true;
            break;
        case 'h':
            printf("usage: %s\n", usage);
            status = -1;
            break;
        case '?': {
            /* getopt sets optopt to the option that lacks its value (its
             * letter, or the value of a long option), or to the unknown
             * letter; 0 for an unknown long option */
            bool known = optopt == 'j';
            for (size_t i = 0; !known && optopt && options[i].name; i++)
                known = options[i].val == optopt;
            if (known && optopt < 128 && argv[optind - 1][1] != '-')
                status = usage_error(usage, "option -%c needs a value", optopt);
            else if (known)
                status = usage_error(usage, "option %s needs a value", argv[optind - 1]);
            else if (optopt > 0 && optopt < 128)
                status = usage_error(usage, "unknown option -%c", optopt);
            else
                status = usage_error(usage, "unknown option %s", argv[optind - 1]);
            break;
        }
        default:
            if (on_extra) status = on_extra(option, optarg, context);
        }
    }
    free(options);
    if (status) return status < 0 ? -1 : status;
    out->batch.files = argv + optind;
    return 0;
}

int parse_count_option(const char *usage, const char *option, const char *text,
                       unsigned long max, unsigned long *out) {
    char *end;
    unsigned long value = strtoul(text, &end, 10);
    if (!*text || *end || value < 1 || value > max)
        return usage_error(usage, "%s wants a number from 1 to %lu", option, max);
    *out = value;
    return 0;
}

int parse_margin_option(const char *usage, const char *option, const char *text, double *out) {
    char *end;
    double value = strtod(text, &end);
    /* strtod reads "inf" and "infinity" too: the full beam */
    if (!*text || *end || !(value > 0))
        return usage_error(usage, "%s wants a number of moves above 0, or inf (no pruning)",
                           option);
    *out = value;
    return 0;
}

dyad_config article_config(const article_arguments *arguments, unsigned stages) {
    return (dyad_config){.data_dir = arguments->data_dir,
                         .stages = stages,
                         .parser_model = arguments->parser_model,
                         .parser_beam_width = arguments->parser_beam_width,
                         .parser_beam_margin = arguments->parser_beam_margin};
}

int load_stage_resources(const dyad_config *config, dyad_resources **out) {
    dyad_error error;
    if (dyad_resources_load(config, out, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    return 0;
}

int run_article_command(int argc, char **argv, const char *usage, unsigned stages,
                        batch_work_fn work) {
    article_arguments arguments;
    int status = parse_article_arguments(argc, argv, usage, NULL, NULL, NULL, &arguments);
    if (status) return status < 0 ? 0 : status;
    dyad_resources *resources;
    dyad_config config = article_config(&arguments, stages);
    if (load_stage_resources(&config, &resources)) return 1;
    batch_totals totals;
    arguments.batch.reader.resources = resources;
    int exit_status = batch_run(&arguments.batch, work, resources, &totals);
    dyad_resources_free(resources);
    return exit_status;
}
