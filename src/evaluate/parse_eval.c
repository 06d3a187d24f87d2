/*
 * parse_eval.c — see parse_eval.h.
 *
 * Gold and system words are both laid out as flat arrays of spans (byte
 * offsets into the rebuilt text) in document order, so alignment is one
 * merge pass over two sorted lists, and heads are compared through the
 * alignment map: linear in the size of the treebank.
 */
#include "parse_eval.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/error.h"

#include <string.h>
#include <time.h>
#include <utf8proc.h>

double parse_eval_percent(const parse_eval_counts *counts, long correct) {
    long total = counts->gold_words + counts->system_words;
    return total ? 100.0 * 2.0 * (double)correct / (double)total : 0;
}

/* Relations equal in their universal part ("obl:agent" ~ "obl"). */
static bool same_universal_relation(const char *a, const char *b) {
    if (!a || !b) return false;
    size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
    return la == lb && strncmp(a, b, la) == 0;
}

static bool same_string(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static dyad_status annotate(const parse_eval_setup *setup, dyad_sentence *sentence,
                            dyad_arena *arena, parse_eval_counts *counts, dyad_error *error) {
    double started = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    dyad_status status = DYAD_OK;
    if (setup->tagger) status = tagger_tag_sentence(setup->tagger, sentence, arena, error);
    if (status == DYAD_OK && setup->lemmatizer)
        status = lemmatize_sentence(setup->lemmatizer, sentence, arena, error);
    int width = setup->beam_width ? setup->beam_width : parser_beam_width(setup->parser);
    if (status == DYAD_OK)
        status = parser_parse_sentence_beam(setup->parser, width,
                                            setup->beam_margin ? setup->beam_margin
                                                               : PARSER_BEAM_MARGIN,
                                            sentence, arena, error);
    counts->seconds += clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - started;
    counts->tokens += sentence->token_count;
    return status;
}

/* One word for the comparison: where it is, and what was said about it. */
typedef struct scored_word {
    uint32_t start, end;
    long head;                /* global index of the head word, -1 for the root */
    const char *upos, *xpos, *deprel;
    long aligned;             /* global index of the aligned word on the other side, -1 */
} scored_word;

static void score_aligned(const scored_word *gold, size_t gold_count, scored_word *system,
                          size_t system_count, parse_eval_counts *counts) {
    /* merge the two span-sorted lists */
    size_t g = 0, s = 0;
    while (g < gold_count && s < system_count) {
        const scored_word *a = &gold[g], *b = &system[s];
        if (a->start == b->start && a->end == b->end) {
            system[s].aligned = (long)g;
            g++, s++;
        } else if (a->start < b->start || (a->start == b->start && a->end < b->end)) {
            g++;
        } else {
            s++;
        }
    }
    counts->gold_words += (long)gold_count;
    counts->system_words += (long)system_count;
    for (size_t i = 0; i < system_count; i++) {
        const scored_word *word = &system[i];
        if (word->aligned < 0) continue;
        const scored_word *truth = &gold[word->aligned];
        counts->aligned_words++;
        counts->upos += same_string(word->upos, truth->upos);
        counts->xpos += same_string(word->xpos, truth->xpos);
        bool attached = word->head < 0 ? truth->head < 0
                                       : truth->head >= 0 && system[word->head].aligned == truth->head;
        if (!attached) continue;
        counts->attached++;
        counts->labelled += same_universal_relation(word->deprel, truth->deprel);
        counts->labelled_subtypes += same_string(word->deprel, truth->deprel);
    }
}

/* ------------------------------------------------------------ gold tokens */

static dyad_status evaluate_gold_tokens(const parse_eval_setup *setup, const conllu_corpus *gold,
                                        parse_eval_counts *counts, dyad_error *error) {
    dyad_arena *arena = dyad_arena_new();
    if (!arena) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = DYAD_OK;
    for (size_t s = 0; s < gold->sentence_count && status == DYAD_OK; s++) {
        const conllu_sentence *truth = &gold->sentences[s];
        size_t n = truth->word_count;
        dyad_arena_reset(arena);
        dyad_sentence sentence = {.index = (uint32_t)s, .token_count = (uint32_t)n};
        sentence.tokens = arena_calloc(arena, n ? n : 1, sizeof *sentence.tokens);
        scored_word *gold_words = arena_calloc(arena, 2 * (n ? n : 1), sizeof *gold_words);
        if (!sentence.tokens || !gold_words) {
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++) {
            const conllu_word *word = &truth->words[i];
            dyad_token *token = &sentence.tokens[i];
            token->text = word->form;
            token->start = (uint32_t)i;
            token->end = (uint32_t)i + 1;
            token->space_after = word->space_after;
            token->head = -1;
            if (!setup->tagger) {
                token->upos = word->upos;
                token->xpos = word->xpos;
            }
            gold_words[i] = (scored_word){(uint32_t)i, (uint32_t)i + 1, word->head - 1,
                                          word->upos, word->xpos, word->deprel, -1};
        }
        status = annotate(setup, &sentence, arena, counts, error);
        if (status != DYAD_OK) break;
        scored_word *system_words = gold_words + n;
        for (size_t i = 0; i < n; i++) {
            const dyad_token *token = &sentence.tokens[i];
            system_words[i] = (scored_word){(uint32_t)i, (uint32_t)i + 1, token->head - 1,
                                            token->upos, token->xpos, token->deprel, -1};
        }
        score_aligned(gold_words, n, system_words, n, counts);
    }
    dyad_arena_free(arena);
    return status;
}

/* --------------------------------------------------------------- raw text */

/* Past any white space at text[at..end): ASCII, and Unicode separators
 * (the treebank has a few no-break spaces between words). */
static size_t skip_spaces(const char *text, size_t at, size_t end) {
    while (at < end) {
        utf8proc_int32_t codepoint;
        utf8proc_ssize_t length =
            utf8proc_iterate((const utf8proc_uint8_t *)text + at, (utf8proc_ssize_t)(end - at), &codepoint);
        if (length <= 0) break;
        utf8proc_category_t category = utf8proc_category(codepoint);
        bool space = codepoint == '\t' || codepoint == '\n' || codepoint == '\r' ||
                     category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
                     category == UTF8PROC_CATEGORY_ZP;
        if (!space) break;
        at += (size_t)length;
    }
    return at;
}

/* The documents of the treebank: [first, last) sentence ranges. */
static size_t document_end(const conllu_corpus *gold, size_t first) {
    size_t last = first + 1;
    while (last < gold->sentence_count && !gold->sentences[last].newdoc_id) last++;
    return last;
}

/* Rebuilds the text of sentences [first, last) and the gold word spans in
 * it; returns the document ready for segmentation. */
static dyad_status rebuild_document(const conllu_corpus *gold, const char *path, size_t first,
                                    size_t last, dyad_arena *arena, dyad_document **out,
                                    scored_word **out_words, size_t *out_count,
                                    dyad_error *error) {
    size_t length = 0, words = 0, paragraphs = 0;
    for (size_t s = first; s < last; s++) {
        const conllu_sentence *sentence = &gold->sentences[s];
        if (!sentence->text)
            return error_set(error, DYAD_ERR_FORMAT, path, sentence->line, -1,
                             "sentence without '# text': raw-text evaluation needs it");
        length += strlen(sentence->text) + 2;
        words += sentence->word_count;
        paragraphs += s == first || sentence->newpar;
    }
    dyad_document *document = dyad_document_new(arena, "", 0, gold->sentences[first].newdoc_id, NULL);
    char *text = arena_alloc(arena, length + 1);
    scored_word *gold_words = arena_calloc(arena, words ? words : 1, sizeof *gold_words);
    dyad_paragraph *paragraph = arena_calloc(arena, paragraphs, sizeof *paragraph);
    if (!document || !text || !gold_words || !paragraph)
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    size_t at = 0, word_base = 0, paragraph_count = 0;
    for (size_t s = first; s < last; s++) {
        const conllu_sentence *sentence = &gold->sentences[s];
        if (s > first && sentence->newpar) {
            paragraph[paragraph_count - 1].end = (uint32_t)at;
            text[at++] = '\n';
            text[at++] = '\n';
        } else if (s > first) {
            text[at++] = ' ';
        }
        if (s == first || sentence->newpar) paragraph[paragraph_count++].start = (uint32_t)at;
        size_t sentence_start = at, sentence_length = strlen(sentence->text);
        memcpy(text + at, sentence->text, sentence_length);
        at += sentence_length;
        /* locate each word (or the multiword token covering it) in the text */
        size_t cursor = sentence_start, multiword = 0;
        for (size_t w = 0; w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            const conllu_multiword *covering = NULL;
            while (multiword < sentence->multiword_count &&
                   sentence->multiwords[multiword].last < (int)w + 1)
                multiword++;
            if (multiword < sentence->multiword_count &&
                sentence->multiwords[multiword].first <= (int)w + 1)
                covering = &sentence->multiwords[multiword];
            cursor = skip_spaces(text, cursor, at);
            scored_word *scored = &gold_words[word_base + w];
            scored->head = word->head ? (long)word_base + word->head - 1 : -1;
            scored->upos = word->upos;
            scored->xpos = word->xpos;
            scored->deprel = word->deprel;
            scored->aligned = -1;
            if (covering && covering->first != (int)w + 1) continue; /* span set below */
            const char *surface = covering ? covering->form : word->form;
            size_t surface_length = strlen(surface);
            if (strncmp(text + cursor, surface, surface_length) != 0)
                return error_set(error, DYAD_ERR_FORMAT, path, sentence->line, -1,
                                 "'%s' is not where '# text' has it", surface);
            if (!covering) {
                scored->start = (uint32_t)cursor;
                scored->end = (uint32_t)(cursor + surface_length);
            } else {
                /* do the words spell the token?  then each gets its piece,
                 * else all of them get the whole token */
                size_t spelled = 0;
                bool spells = true;
                for (int i = covering->first; spells && i <= covering->last; i++) {
                    const char *form = sentence->words[i - 1].form;
                    size_t form_length = strlen(form);
                    spells = spelled + form_length <= surface_length &&
                             strncmp(surface + spelled, form, form_length) == 0;
                    spelled += form_length;
                }
                spells = spells && spelled == surface_length;
                size_t piece = cursor;
                for (int i = covering->first; i <= covering->last; i++) {
                    scored_word *part = &gold_words[word_base + (size_t)i - 1];
                    size_t form_length = strlen(sentence->words[i - 1].form);
                    part->start = (uint32_t)(spells ? piece : cursor);
                    part->end = (uint32_t)(spells ? piece + form_length : cursor + surface_length);
                    piece += form_length;
                }
            }
            cursor += surface_length;
        }
        word_base += sentence->word_count;
    }
    paragraph[paragraph_count - 1].end = (uint32_t)at;
    text[at] = '\0';
    document->text = text;
    document->text_length = at;
    document->paragraphs = paragraph;
    document->paragraph_count = paragraph_count;
    *out = document;
    *out_words = gold_words;
    *out_count = words;
    return DYAD_OK;
}

static dyad_status evaluate_raw(const parse_eval_setup *setup, const conllu_corpus *gold,
                                const char *path, parse_eval_counts *counts, dyad_error *error) {
    dyad_arena *arena = dyad_arena_new();
    if (!arena) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = DYAD_OK;
    for (size_t first = 0; first < gold->sentence_count && status == DYAD_OK;) {
        size_t last = document_end(gold, first);
        dyad_arena_reset(arena);
        dyad_document *document = NULL;
        scored_word *gold_words = NULL;
        size_t gold_count = 0;
        status = rebuild_document(gold, path, first, last, arena, &document, &gold_words,
                                  &gold_count, error);
        if (status == DYAD_OK) status = segment_document(setup->segment, document, error);
        size_t system_count = 0;
        for (size_t s = 0; status == DYAD_OK && s < document->sentence_count; s++) {
            status = annotate(setup, &document->sentences[s], arena, counts, error);
            system_count += document->sentences[s].token_count;
        }
        scored_word *system_words =
            status == DYAD_OK ? arena_calloc(arena, system_count + 1, sizeof *system_words) : NULL;
        if (status == DYAD_OK && !system_words)
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        if (status != DYAD_OK) break;
        size_t base = 0;
        for (size_t s = 0; s < document->sentence_count; s++) {
            const dyad_sentence *sentence = &document->sentences[s];
            for (uint32_t i = 0; i < sentence->token_count; i++) {
                const dyad_token *token = &sentence->tokens[i];
                system_words[base + i] = (scored_word){
                    token->start, token->end, token->head > 0 ? (long)base + token->head - 1 : -1,
                    token->upos, token->xpos, token->deprel, -1};
            }
            base += sentence->token_count;
        }
        score_aligned(gold_words, gold_count, system_words, system_count, counts);
        first = last;
    }
    dyad_arena_free(arena);
    return status;
}

dyad_status parse_evaluate(const parse_eval_setup *setup, const conllu_corpus *gold,
                           const char *gold_path, parse_eval_counts *counts, dyad_error *error) {
    memset(counts, 0, sizeof *counts);
    if (!setup->raw) return evaluate_gold_tokens(setup, gold, counts, error);
    if (!setup->segment || !setup->tagger)
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                         "raw-text evaluation needs the segmenter and the tagger");
    return evaluate_raw(setup, gold, gold_path, counts, error);
}
