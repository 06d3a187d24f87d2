/*
 * command_eval.c — `dyad eval WHAT --gold FILE`: accuracy figures.
 *
 * eval tokenize: segments the documents behind a CoNLL-U treebank and
 * prints token and sentence F1 (evaluate/tokenize_eval.h says exactly
 * what is compared).  --show-errors lists each difference with its
 * context, for whoever is improving the segmenter.
 */
#include "commands.h"
#include "resources.h"
#include "evaluate/tokenize_eval.h"
#include "text/segment.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char tokenize_usage[] =
    "dyad eval tokenize --gold FILE.conllu [--data-dir DIR] [--model FILE | --rules] "
    "[--show-errors]";

typedef struct error_listing {
    FILE *to;
    size_t shown;
} error_listing;

/* Prints the stretch of text around [start, end) with the gold and the
 * predicted segmentation of it, '|' between tokens. */
static void print_spans(FILE *to, const char *label, const char *text, const treebank_span *spans,
                        size_t count, uint32_t from, uint32_t to_offset) {
    fprintf(to, "  %-5s ", label);
    for (size_t i = 0; i < count; i++) {
        if (spans[i].end <= from || spans[i].start >= to_offset) continue;
        fprintf(to, "%.*s|", (int)(spans[i].end - spans[i].start), text + spans[i].start);
    }
    fputc('\n', to);
}

static void list_differences(void *context, const treebank_document *gold,
                             const dyad_document *predicted) {
    error_listing *listing = context;
    const char *text = predicted->text;
    size_t token_count = 0;
    for (size_t s = 0; s < predicted->sentence_count; s++)
        token_count += predicted->sentences[s].token_count;
    treebank_span *tokens = malloc((token_count + 1) * sizeof *tokens);
    treebank_span *sentences = malloc((predicted->sentence_count + 1) * sizeof *sentences);
    if (!tokens || !sentences) {
        free(tokens);
        free(sentences);
        return;
    }
    size_t t = 0;
    for (size_t s = 0; s < predicted->sentence_count; s++) {
        const dyad_sentence *sentence = &predicted->sentences[s];
        sentences[s] = (treebank_span){sentence->start, sentence->end};
        for (uint32_t k = 0; k < sentence->token_count; k++)
            tokens[t++] = (treebank_span){sentence->tokens[k].start, sentence->tokens[k].end};
    }
    /* token differences: walk both lists, report each stretch where they
     * disagree, widened to white space */
    size_t g = 0, p = 0;
    while (g < gold->word_count || p < t) {
        if (g < gold->word_count && p < t && gold->words[g].start == tokens[p].start &&
            gold->words[g].end == tokens[p].end) {
            g++;
            p++;
            continue;
        }
        uint32_t from = g < gold->word_count ? gold->words[g].start : tokens[p].start;
        if (p < t && tokens[p].start < from) from = tokens[p].start;
        uint32_t until = from;
        /* advance both until they meet at a common end */
        size_t g2 = g, p2 = p;
        for (;;) {
            uint32_t gold_end = g2 < gold->word_count ? gold->words[g2].end : UINT32_MAX;
            uint32_t token_end = p2 < t ? tokens[p2].end : UINT32_MAX;
            if (gold_end == token_end) {
                until = gold_end;
                g2++;
                p2++;
                break;
            }
            if (gold_end < token_end) g2++;
            else p2++;
            if (g2 >= gold->word_count && p2 >= t) {
                until = (uint32_t)predicted->text_length;
                break;
            }
        }
        fprintf(listing->to, "token %s:\n", gold->document->id ? gold->document->id : "");
        print_spans(listing->to, "gold", text, gold->words, gold->word_count, from, until);
        print_spans(listing->to, "dyad", text, tokens, t, from, until);
        listing->shown++;
        g = g2;
        p = p2;
    }
    /* sentence differences */
    g = p = 0;
    while (g < gold->sentence_count && p < predicted->sentence_count) {
        if (gold->sentences[g].start == sentences[p].start && gold->sentences[g].end == sentences[p].end) {
            g++;
            p++;
            continue;
        }
        size_t g2 = g, p2 = p;
        while (g2 < gold->sentence_count && p2 < predicted->sentence_count &&
               gold->sentences[g2].end != sentences[p2].end) {
            if (gold->sentences[g2].end < sentences[p2].end) g2++;
            else p2++;
        }
        fprintf(listing->to, "sentence %s:\n", gold->document->id ? gold->document->id : "");
        for (size_t i = g; i <= g2 && i < gold->sentence_count; i++)
            fprintf(listing->to, "  gold  %.*s\n",
                    (int)(gold->sentences[i].end - gold->sentences[i].start),
                    text + gold->sentences[i].start);
        for (size_t i = p; i <= p2 && i < predicted->sentence_count; i++)
            fprintf(listing->to, "  dyad  %.*s\n", (int)(sentences[i].end - sentences[i].start),
                    text + sentences[i].start);
        listing->shown++;
        g = g2 + 1;
        p = p2 + 1;
    }
    free(tokens);
    free(sentences);
}

static int eval_tokenize(int argc, char **argv) {
    static const struct option options[] = {
        {"gold", required_argument, NULL, 'g'},     {"data-dir", required_argument, NULL, 'd'},
        {"model", required_argument, NULL, 'm'},    {"rules", no_argument, NULL, 'r'},
        {"show-errors", no_argument, NULL, 'e'},    {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *gold = NULL, *data_dir = NULL, *model = NULL;
    bool rules = false, show_errors = false;
    int option;
    optind = 1;
    while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (option) {
        case 'g': gold = optarg; break;
        case 'd': data_dir = optarg; break;
        case 'm': model = optarg; break;
        case 'r': rules = true; break;
        case 'e': show_errors = true; break;
        case 'h': printf("usage: %s\n", tokenize_usage); return 0;
        default: fprintf(stderr, "usage: %s\n", tokenize_usage); return 2;
        }
    }
    if (!gold || optind < argc || (rules && model)) {
        fprintf(stderr, "dyad: %s\nusage: %s\n",
                !gold ? "--gold FILE is required"
                      : rules && model ? "--rules and --model exclude each other"
                                       : "unexpected argument",
                tokenize_usage);
        return 2;
    }
    char *directory = resources_find_data_dir(data_dir);
    if (!directory) {
        fprintf(stderr, "dyad: cannot find dyad's data directory (set DYAD_DATA_DIR)\n");
        return 1;
    }
    segment_resources *resources;
    dyad_error error;
    char message[1200];
    dyad_status status =
        segment_resources_load_model(directory, rules ? "" : model, &resources, &error);
    free(directory);
    if (status != DYAD_OK) {
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        return 1;
    }
    tokenize_scores scores;
    error_listing listing = {stdout, 0};
    status = tokenize_evaluate(resources, gold, show_errors ? list_differences : NULL, &listing,
                               &scores, &error);
    segment_resources_free(resources);
    if (status != DYAD_OK) {
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        return 1;
    }
    printf("tokens F1 %.4f\n", span_f1(scores.tokens));
    printf("sentences F1 %.4f\n", span_f1(scores.sentences));
    printf("tokens precision %.4f\n", span_precision(scores.tokens));
    printf("tokens recall %.4f\n", span_recall(scores.tokens));
    printf("sentences precision %.4f\n", span_precision(scores.sentences));
    printf("sentences recall %.4f\n", span_recall(scores.sentences));
    printf("documents %zu\n", scores.documents);
    printf("gold tokens %zu\n", scores.tokens.gold);
    printf("gold sentences %zu\n", scores.sentences.gold);
    if (scores.seconds > 0)
        printf("MB/s %.1f\n", (double)scores.bytes / 1e6 / scores.seconds);
    return 0;
}

int command_eval(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: dyad eval WHAT --gold FILE [OPTIONS]; `dyad eval WHAT --help` for each\n"
                "  tokenize    tokens and sentence boundaries against a CoNLL-U treebank\n"
                "  tag         UPOS, XPOS and lemmas against a CoNLL-U treebank\n"
                "  parse       UPOS, XPOS, UAS, LAS and speed (--raw: from the treebank's text)\n"
                "  extract     article bodies of web pages (--gold DIR of the extraction benchmark)\n"
                "  actors      actor mentions against our annotated articles\n"
                "  extraction  quotes, figures, dates and places against our annotated articles\n"
                "  events      (source country, CAMEO root, target country) against annotated sentences\n"
                "  clusters    how well the word clusters' classes predict parts of speech (--train, --gold)\n");
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "tokenize") == 0) return eval_tokenize(argc - 1, argv + 1);
    if (strcmp(argv[1], "extract") == 0) return command_eval_extract(argc - 1, argv + 1);
    if (strcmp(argv[1], "actors") == 0) return command_eval_actors(argc - 1, argv + 1);
    if (strcmp(argv[1], "extraction") == 0) return command_eval_extraction(argc - 1, argv + 1);
    if (strcmp(argv[1], "events") == 0) return command_eval_events(argc - 1, argv + 1);
    if (strcmp(argv[1], "tag") == 0) return command_eval_tag(argc - 1, argv + 1);
    if (strcmp(argv[1], "parse") == 0) return command_eval_parse(argc - 1, argv + 1);
    if (strcmp(argv[1], "clusters") == 0) return command_eval_clusters(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown evaluation '%s'\n", argv[1]);
    return 2;
}
