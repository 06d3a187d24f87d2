/* Unit tests for evaluate/treebank_text and evaluate/tokenize_eval: the
 * documents rebuilt from a small CoNLL-U text of our own (paragraphs,
 * multiword tokens, a sentence without `# text`), span scoring, and — when
 * ../shared is present — the EWT dev figures staying above a floor. */
#include "segment_helpers.h"
#include "evaluate/tokenize_eval.h"
#include "evaluate/treebank_text.h"
#include "ingest/conllu_read.h"

#include <stdbool.h>

static const char treebank[] =
    "# newdoc id = d1\n"
    "# newpar\n"
    "# sent_id = 1\n"
    "# text = Kyiv didn't sign.\n"
    "1\tKyiv\tKyiv\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
    "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tsign\tsign\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 2\n"
    "# text = Talks go on\n"
    "1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tgo\tgo\tVERB\tVBP\t_\t0\troot\t_\t_\n"
    "3\ton\ton\tADV\tRB\t_\t2\tcompound:prt\t_\t_\n"
    "\n"
    "# newpar\n"
    "# sent_id = 3\n"
    "1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
    "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# sent_id = 4\n"
    "# text = Café\xC2\xA0open.\n"
    "1\tCafé\tcafé\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n"
    "2\topen\topen\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

static void documents_are_rebuilt(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_memory(treebank, sizeof treebank - 1, "mini.conllu", arena,
                                        &corpus, &error),
                     DYAD_OK);
    treebank_document *documents;
    size_t count;
    assert_int_equal(treebank_documents(&corpus, "mini.conllu", arena, &documents, &count, &error),
                     DYAD_OK);
    assert_int_equal(count, 2);
    const treebank_document *first = &documents[0];
    /* sentences of a paragraph joined by a space, paragraphs by a blank line */
    assert_string_equal(first->document->text, "Kyiv didn't sign. Talks go on\n\nNo.");
    assert_int_equal(first->document->paragraph_count, 2);
    assert_int_equal(first->document->paragraphs[0].end, 29);
    assert_int_equal(first->document->paragraphs[1].start, 31);
    assert_int_equal(first->sentence_count, 3);
    assert_int_equal(first->sentences[1].start, 18);
    assert_int_equal(first->sentences[1].end, 29);
    /* the words of "didn't" split the token's span */
    assert_int_equal(first->word_count, 10);
    assert_int_equal(first->words[1].start, 5);
    assert_int_equal(first->words[1].end, 8);
    assert_int_equal(first->words[2].start, 8);
    assert_int_equal(first->words[2].end, 11);
    /* the third sentence had no `# text`: rebuilt from its forms */
    assert_int_equal(first->words[8].start, 31);
    assert_int_equal(first->words[9].end, 34);
    /* a no-break space between words is skipped like a space */
    const treebank_document *second = &documents[1];
    assert_int_equal(second->words[1].start, strlen("Café\xC2\xA0"));
    dyad_arena_free(arena);
}

static void a_missing_word_is_an_error_with_its_line(void **state) {
    (void)state;
    static const char broken[] = "# text = One two.\n"
                                 "1\tOne\t_\t_\t_\t_\t0\troot\t_\t_\n"
                                 "2\tthree\t_\t_\t_\t_\t1\tdep\t_\t_\n";
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_memory(broken, sizeof broken - 1, "broken.conllu", arena, &corpus,
                                        &error),
                     DYAD_OK);
    treebank_document *documents;
    size_t count;
    assert_int_equal(treebank_documents(&corpus, "broken.conllu", arena, &documents, &count, &error),
                     DYAD_ERR_FORMAT);
    assert_string_equal(error.file, "broken.conllu");
    assert_int_equal(error.line, 1);
    assert_non_null(strstr(error.message, "three"));
    dyad_arena_free(arena);
}

static void spans_are_scored_exactly(void **state) {
    (void)state;
    const treebank_span gold[] = {{0, 4}, {5, 8}, {8, 11}, {12, 16}};
    const treebank_span predicted[] = {{0, 4}, {5, 11}, {12, 16}};
    span_score score = span_compare(gold, 4, predicted, 3);
    assert_int_equal(score.correct, 2);
    assert_true(span_precision(score) > 0.666 && span_precision(score) < 0.667);
    assert_true(span_recall(score) == 0.5);
    assert_true(span_f1(score) > 0.571 && span_f1(score) < 0.572);
    span_score empty = span_compare(gold, 0, predicted, 0);
    assert_true(span_f1(empty) == 0.0);
}

/* The figures on EWT dev: a floor under what the committed model and
 * rules reach (tokens 0.993; sentences 0.91 with the model, 0.81 by rule),
 * so that a change that loses accuracy fails here. */
static void ewt_dev_stays_above_its_floor(void **state) {
    (void)state;
    const char *shared = shared_directory();
    if (!shared) {
        fprintf(stderr, "../shared is absent: skipping the EWT dev evaluation\n");
        skip();
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/data/ud-english-ewt/en_ewt-ud-dev.conllu", shared);
    FILE *probe = fopen(path, "r");
    if (!probe) {
        fprintf(stderr, "%s is absent: skipping the EWT dev evaluation\n", path);
        skip();
    }
    fclose(probe);
    segment_resources *model = load_segmenter(), *rules = NULL;
    dyad_error error;
    assert_int_equal(segment_resources_load_model(data_directory(), "", &rules, &error), DYAD_OK);
    tokenize_scores scores;
    assert_int_equal(tokenize_evaluate(model, path, NULL, NULL, &scores, &error), DYAD_OK);
    fprintf(stderr, "EWT dev with the model: tokens F1 %.4f, sentences F1 %.4f\n",
            span_f1(scores.tokens), span_f1(scores.sentences));
    assert_int_equal(scores.sentences.gold, 2001);
    assert_true(span_f1(scores.tokens) >= 0.99);
    assert_true(span_f1(scores.sentences) >= 0.89);
    assert_int_equal(tokenize_evaluate(rules, path, NULL, NULL, &scores, &error), DYAD_OK);
    fprintf(stderr, "EWT dev by rule: tokens F1 %.4f, sentences F1 %.4f\n",
            span_f1(scores.tokens), span_f1(scores.sentences));
    assert_true(span_f1(scores.tokens) >= 0.99);
    assert_true(span_f1(scores.sentences) >= 0.78);
    segment_resources_free(model);
    segment_resources_free(rules);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(documents_are_rebuilt),
        cmocka_unit_test(a_missing_word_is_an_error_with_its_line),
        cmocka_unit_test(spans_are_scored_exactly),
        cmocka_unit_test(ewt_dev_stays_above_its_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
