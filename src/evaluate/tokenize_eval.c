/*
 * tokenize_eval.c — see tokenize_eval.h.
 */
#include "tokenize_eval.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/error.h"

#include <time.h>

span_score span_compare(const treebank_span *gold, size_t gold_count,
                        const treebank_span *predicted, size_t predicted_count) {
    span_score score = {gold_count, predicted_count, 0};
    size_t g = 0, p = 0;
    while (g < gold_count && p < predicted_count) {
        if (gold[g].start == predicted[p].start && gold[g].end == predicted[p].end) {
            score.correct++;
            g++;
            p++;
        } else if (gold[g].start < predicted[p].start ||
                   (gold[g].start == predicted[p].start && gold[g].end < predicted[p].end)) {
            g++;
        } else {
            p++;
        }
    }
    return score;
}

double span_precision(span_score score) {
    return score.predicted ? (double)score.correct / (double)score.predicted : 0.0;
}

double span_recall(span_score score) {
    return score.gold ? (double)score.correct / (double)score.gold : 0.0;
}

double span_f1(span_score score) {
    size_t total = score.gold + score.predicted;
    return total ? 2.0 * (double)score.correct / (double)total : 0.0;
}

static void add_score(span_score *total, span_score part) {
    total->gold += part.gold;
    total->predicted += part.predicted;
    total->correct += part.correct;
}

dyad_status tokenize_evaluate(const segment_resources *resources, const char *gold_path,
                              tokenize_eval_visit visit, void *context,
                              tokenize_scores *scores, dyad_error *error) {
    *scores = (tokenize_scores){0};
    dyad_arena *arena = dyad_arena_new();
    dyad_arena *work = dyad_arena_new();
    if (!arena || !work) {
        dyad_arena_free(arena);
        dyad_arena_free(work);
        return error_set(error, DYAD_ERR_MEMORY, gold_path, 0, -1, "out of memory");
    }
    conllu_corpus corpus;
    treebank_document *documents = NULL;
    size_t count = 0;
    dyad_status status = conllu_read_file(gold_path, arena, &corpus, error);
    if (status == DYAD_OK)
        status = treebank_documents(&corpus, gold_path, arena, &documents, &count, error);
    for (size_t d = 0; status == DYAD_OK && d < count; d++) {
        const treebank_document *gold = &documents[d];
        dyad_arena_reset(work);
        /* a private copy: segment_document allocates in the document's arena */
        dyad_document copy = *gold->document;
        copy.arena = work;
        double started = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
        status = segment_document(resources, &copy, error);
        scores->seconds += clock_seconds(CLOCK_THREAD_CPUTIME_ID) - started;
        scores->bytes += copy.text_length;
        if (status != DYAD_OK) break;
        size_t token_count = 0;
        for (size_t s = 0; s < copy.sentence_count; s++) token_count += copy.sentences[s].token_count;
        treebank_span *tokens = arena_alloc(work, (token_count + 1) * sizeof *tokens);
        treebank_span *sentences = arena_alloc(work, (copy.sentence_count + 1) * sizeof *sentences);
        if (!tokens || !sentences) {
            status = error_set(error, DYAD_ERR_MEMORY, gold_path, 0, -1, "out of memory");
            break;
        }
        size_t t = 0;
        for (size_t s = 0; s < copy.sentence_count; s++) {
            const dyad_sentence *sentence = &copy.sentences[s];
            sentences[s] = (treebank_span){sentence->start, sentence->end};
            for (uint32_t k = 0; k < sentence->token_count; k++)
                tokens[t++] = (treebank_span){sentence->tokens[k].start, sentence->tokens[k].end};
        }
        add_score(&scores->tokens, span_compare(gold->words, gold->word_count, tokens, t));
        add_score(&scores->sentences, span_compare(gold->sentences, gold->sentence_count,
                                                   sentences, copy.sentence_count));
        scores->documents++;
        if (visit) visit(context, gold, &copy);
    }
    dyad_arena_free(work);
    dyad_arena_free(arena);
    return status;
}
