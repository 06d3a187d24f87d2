/* Unit tests for extract/quotes: direct quotations in every kind of mark,
 * across sentences and paragraphs, split by their attribution, partial
 * quotations, reported speech, scare quotes and titles, speakers from the
 * parse and from actor mentions, and unbalanced marks. */
#include "extract_fixture.h"
#include "util/arena.h"

#include <time.h>

static const dyad_quote *expect_quote(const dyad_document *d, const char *text, int direct,
                                      const char *speaker) {
    const dyad_quote *q = quote_with(d, text);
    if (!q) fail_msg("no quotation containing \"%s\"", text);
    assert_int_equal(q->direct, direct);
    if (speaker) {
        if (!speaker_of(q)) fail_msg("\"%s\": no speaker, expected %s", text, speaker);
        assert_string_equal(speaker_of(q), speaker);
    }
    return q;
}

static void direct_in_every_mark(void **state) {
    dyad_document *d = extract_text(state,
        "“We will not retreat from Kharkiv,” the governor said. "
        "\"The situation is under control,\" said Oleh Syniehubov. "
        "The mayor told reporters: ‘Nobody will be left behind in this city.’",
        "2025-06-01");
    const dyad_quote *q = expect_quote(d, "We will not retreat from Kharkiv,", 1, "the governor");
    assert_string_equal(q->cue, "said");
    assert_true(span_is(d, q->start, q->end, "We will not retreat from Kharkiv,"));   /* no marks */
    expect_quote(d, "The situation is under control,", 1, "Oleh Syniehubov");
    expect_quote(d, "Nobody will be left behind", 1, "The mayor");
}

static void split_by_attribution_and_adding(void **state) {
    dyad_document *d = extract_text(state,
        "“The conversation was useful and constructive,” Kremlin aide Yuri Ushakov told reporters, "
        "adding: “But no compromise has been found yet.”",
        "2025-12-03");
    assert_int_equal(d->quote_count, 2);
    expect_quote(d, "useful and constructive", 1, "Kremlin aide Yuri Ushakov");
    expect_quote(d, "no compromise has been found", 1, "Kremlin aide Yuri Ushakov");
}

static void several_sentences_and_paragraphs(void **state) {
    dyad_document *d = extract_text(state,
        "The minister said: “The enemy wants to leave us in the dark. It wants us to freeze.\n\n"
        "“But our engineers restore power after every attack. They will do it again.”\n\n"
        "Officials said repairs would take weeks.",
        "2025-12-10");
    const dyad_quote *q = expect_quote(d, "leave us in the dark", 1, "The minister");
    assert_true(span_contains(d, q->start, q->end, "They will do it again"));
    expect_quote(d, "repairs would take weeks", 0, "Officials");
}

static void partial_quotes(void **state) {
    dyad_document *d = extract_text(state,
        "Putin sent “important signals and greetings” to the summit. "
        "Peskov called the talks “productive”.",
        "2025-12-03");
    expect_quote(d, "important signals and greetings", 1, "Putin");
    expect_quote(d, "productive", 1, "Peskov");
}

static void reported_speech(void **state) {
    dyad_document *d = extract_text(state,
        "The defence ministry said that 12 drones had been shot down. "
        "Russian forces shelled the town overnight, the governor said. "
        "According to the United Nations, aid deliveries fell sharply last month. "
        "Talks will resume next week, said a diplomat briefed on the negotiations. "
        "Zelensky told reporters the front line was holding.",
        "2025-06-01");
    expect_quote(d, "12 drones had been shot down", 0, "The defence ministry");
    expect_quote(d, "shelled the town overnight", 0, "the governor");
    const dyad_quote *q = expect_quote(d, "aid deliveries fell sharply", 0, "the United Nations");
    assert_string_equal(q->cue, "According to");
    expect_quote(d, "Talks will resume next week", 0, "a diplomat");
    expect_quote(d, "the front line was holding", 0, "Zelensky");
}

static void not_speech(void **state) {
    dyad_document *d = extract_text(state,
        "The so-called “referendums” were held in occupied towns. "
        "She reads the newspaper “Novaya Gazeta” every morning. "
        "The claims of the ministry were false. Russian forces claimed the capture of the town.",
        "2025-06-01");
    assert_int_equal(d->quote_count, 0);
}

static void pronouns_name_people(void **state) {
    dyad_document *d = extract_text(state,
        "Ukraine's air force said it had downed 31 drones. President Volodymyr Zelensky visited "
        "Kharkiv. “Every day of delay costs lives,” he said. The ministry issued a statement. "
        "“Repairs are under way,” it said.",
        "2025-06-01");
    const dyad_quote *q = expect_quote(d, "Every day of delay", 1, NULL);
    assert_string_equal(q->speaker_text, "he");
    assert_string_equal(q->speaker_name, "Volodymyr Zelensky");
    q = expect_quote(d, "Repairs are under way", 1, NULL);
    assert_string_equal(q->speaker_text, "it");
    assert_string_equal(q->speaker_name, "Ukraine's air force");   /* the last that spoke */
}

/* Runs segmentation, lets `prepare` add what later stages would (mentions,
 * a parse), then extraction. */
static dyad_document *extract_prepared(void **state, const char *text,
                                       void (*prepare)(dyad_document *)) {
    extract_fixture *f = *state;
    dyad_arena_reset(f->arena);
    dyad_document *d = dyad_document_new(f->arena, text, strlen(text), "test", "2025-06-01");
    dyad_error error;
    assert_int_equal(dyad_process(f->resources, d, DYAD_STAGE_SEGMENT, &error), DYAD_OK);
    prepare(d);
    assert_int_equal(dyad_process(f->resources, d, DYAD_STAGE_EXTRACT, &error), DYAD_OK);
    return d;
}

static uint32_t offset_of(const dyad_document *d, const char *text) {
    const char *at = strstr(d->text, text);
    assert_non_null(at);
    return (uint32_t)(at - d->text);
}

static void add_mentions(dyad_document *d) {
    d->mentions = arena_calloc(d->arena, 2, sizeof *d->mentions);
    d->mention_count = 2;
    dyad_mention *putin = &d->mentions[0], *he = &d->mentions[1];
    putin->start = offset_of(d, "Vladimir Putin");
    putin->end = putin->start + 14;
    putin->text = "Vladimir Putin";
    putin->name = "Vladimir Putin";
    putin->code = "RUSGOV";
    putin->country = "RUS";
    putin->kind = DYAD_ACTOR_PERSON;
    putin->antecedent = -1;
    he->start = offset_of(d, "he said");
    he->end = he->start + 2;
    he->text = "he";
    he->kind = DYAD_ACTOR_PERSON;
    he->antecedent = 0;
    he->sentence = 1;
}

static void speakers_from_mentions(void **state) {
    dyad_document *d = extract_prepared(state,
        "Russian President Vladimir Putin met envoys in Moscow. “The talks were useful,” he said.",
        add_mentions);
    const dyad_quote *q = expect_quote(d, "The talks were useful", 1, "Vladimir Putin");
    assert_int_equal(q->speaker, 0);   /* followed to the named mention */
}

/* "Officials in the region who asked not to be named said the dam was
 * breached." as a parser would leave it. */
static void add_parse(dyad_document *d) {
    static const struct {
        const char *text, *upos, *deprel;
        int head;
    } parse[] = {
        {"Officials", "NOUN", "nsubj", 11}, {"in", "ADP", "case", 4},   {"the", "DET", "det", 4},
        {"region", "NOUN", "nmod", 1},      {"who", "PRON", "nsubj", 6}, {"asked", "VERB", "acl:relcl", 1},
        {"not", "PART", "advmod", 10},      {"to", "PART", "mark", 10},  {"be", "AUX", "aux:pass", 10},
        {"named", "VERB", "xcomp", 6},      {"said", "VERB", "root", 0}, {"the", "DET", "det", 13},
        {"dam", "NOUN", "nsubj:pass", 15},  {"was", "AUX", "aux:pass", 15},
        {"breached", "VERB", "ccomp", 11},  {".", "PUNCT", "punct", 11},
    };
    dyad_sentence *s = &d->sentences[0];
    assert_int_equal(s->token_count, sizeof parse / sizeof *parse);
    for (uint32_t i = 0; i < s->token_count; i++) {
        assert_string_equal(s->tokens[i].text, parse[i].text);
        s->tokens[i].upos = parse[i].upos;
        s->tokens[i].deprel = parse[i].deprel;
        s->tokens[i].head = parse[i].head;
    }
}

static void speakers_from_the_parse(void **state) {
    dyad_document *d = extract_prepared(state,
        "Officials in the region who asked not to be named said the dam was breached.", add_parse);
    const dyad_quote *q = expect_quote(d, "the dam was breached", 0, NULL);
    assert_string_equal(q->speaker_text, "Officials in the region");
}

static void unbalanced_marks(void **state) {
    /* every paragraph opens a quotation and none closes: quotations are cut
     * at their paragraphs (continued at most a few), never one for the
     * whole article, and the pass stays linear */
    size_t paragraphs = 600;
    char *text = malloc(paragraphs * 64 + 1);
    text[0] = '\0';
    for (size_t i = 0; i < paragraphs; i++)
        strcat(text, i ? "\n\n“The war goes on and on, said the man" : "“The war goes on and on, said the man");
    clock_t start = clock();
    dyad_document *d = extract_text(state, text, "2025-06-01");
    assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 10.0);
    for (size_t i = 0; i < d->quote_count; i++)
        assert_true(d->quotes[i].end - d->quotes[i].start < 8000);
    free(text);
    /* one stray mark in a long paragraph is no quotation */
    size_t words = 4000;
    text = malloc(words * 5 + 16);
    strcpy(text, "He said “ ");
    for (size_t i = 0; i < words; i++) strcat(text, "word ");
    d = extract_text(state, text, "2025-06-01");
    for (size_t i = 0; i < d->quote_count; i++) assert_true(d->quotes[i].direct == 0);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(direct_in_every_mark),
        cmocka_unit_test(split_by_attribution_and_adding),
        cmocka_unit_test(several_sentences_and_paragraphs),
        cmocka_unit_test(partial_quotes),
        cmocka_unit_test(reported_speech),
        cmocka_unit_test(not_speech),
        cmocka_unit_test(pronouns_name_people),
        cmocka_unit_test(speakers_from_mentions),
        cmocka_unit_test(speakers_from_the_parse),
        cmocka_unit_test(unbalanced_marks),
    };
    return cmocka_run_group_tests(tests, extract_fixture_setup, extract_fixture_teardown);
}
