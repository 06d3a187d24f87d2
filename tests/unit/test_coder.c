/* Unit tests for coder/: the event coder on sentences we wrote and
 * annotated by hand (tokens, lemmas, UD relations, actor mentions), one
 * construction per test: roles, passive, coordination, reported speech,
 * nominal events, negation, modality, discards, provenance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "coder/coder.h"
#include "coder_fixture.h"

typedef struct test_state {
    coder_resources *resources;
    dyad_arena *arena;
} test_state;

static int setup(void **state) {
    test_state *t = calloc(1, sizeof *t);
    char *data = fixture_data_dir();
    dyad_error error;
    if (coder_resources_load(data, NULL, &t->resources, &error) != DYAD_OK) {
        char message[1024];
        fprintf(stderr, "cannot load coder resources: %s\n", dyad_error_format(&error, message, sizeof message));
        free(data);
        free(t);
        return -1;
    }
    free(data);
    t->arena = dyad_arena_new();
    *state = t;
    return 0;
}

static int teardown(void **state) {
    test_state *t = *state;
    coder_resources_free(t->resources);
    dyad_arena_free(t->arena);
    free(t);
    return 0;
}

static dyad_document *code(void **state, const char *const *sentences, const fixture_mention *mentions,
                           size_t count) {
    test_state *t = *state;
    dyad_arena_reset(t->arena);
    dyad_document *document = fixture_document(t->arena, sentences, mentions, count, "2025-03-04");
    dyad_error error;
    assert_int_equal(code_document(t->resources, document, &error), DYAD_OK);
    return document;
}

/* The event with these codes (target NULL: none), negated or not, or NULL. */
static const dyad_event *find(const dyad_document *d, const char *source, const char *target,
                              const char *cameo) {
    return fixture_find_event(d, source, target, cameo, true);
}

static void rejecting_evaluation_of_a_proposal(void **state) {
    /* "Gondor said the plan put forward by Mordor was unacceptable." */
    const char *const s[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                             "2 said say VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 plan plan NOUN 10 nsubj\n"
                             "5 put put VERB 4 acl\n"
                             "6 forward forward ADV 5 advmod\n"
                             "7 by by ADP 8 case\n"
                             "8 Mordor Mordor PROPN 5 obl:agent\n"
                             "9 was be AUX 10 cop\n"
                             "10 unacceptable unacceptable ADJ 2 ccomp\n"
                             "11 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "GON"), M(0, 8, 8, "MOR")};
    dyad_document *d = code(state, s, m, 2);
    const dyad_event *e = find(d, "GON", "MOR", "120");
    assert_non_null(e);
    assert_string_equal(e->trigger_text, "unacceptable");

    /* the place a situation is in is no author: no event */
    const char *const place[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                                 "2 said say VERB 0 root\n"
                                 "3 the the DET 4 det\n"
                                 "4 situation situation NOUN 8 nsubj\n"
                                 "5 in in ADP 6 case\n"
                                 "6 Mordor Mordor PROPN 4 nmod\n"
                                 "7 was be AUX 8 cop\n"
                                 "8 unacceptable unacceptable ADJ 2 ccomp\n"
                                 "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention pm[] = {M(0, 1, 1, "GON"), M(0, 6, 6, "MOR")};
    d = code(state, place, pm, 2);
    assert_null(find(d, "GON", "MOR", "120"));

    /* negated: "was not unacceptable" */
    const char *const negated[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                                   "2 said say VERB 0 root\n"
                                   "3 Mordor Mordor PROPN 5 nmod:poss\n"
                                   "4 's 's PART 3 case\n"
                                   "5 offer offer NOUN 8 nsubj\n"
                                   "6 was be AUX 8 cop\n"
                                   "7 not not PART 8 advmod\n"
                                   "8 illegal illegal ADJ 2 ccomp\n"
                                   "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention nm[] = {M(0, 1, 1, "GON"), M(0, 3, 3, "MOR")};
    d = code(state, negated, nm, 2);
    assert_null(find(d, "GON", "MOR", "120"));
}

static void grouped_by_a_later_reference_is_no_compound(void **state) {
    /* "Russia shelled Ukraine near the two countries' border.": the actors
     * stage groups Russia and Ukraine for "the two countries"; they are
     * still source and target, not a compound subject */
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 shelled shell VERB 0 root\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n"
                             "4 near near ADP 9 case\n"
                             "5 the the DET 7 det\n"
                             "6 two two NUM 7 nummod\n"
                             "7 countries country NOUN 9 nmod:poss\n"
                             "8 ' ' PART 7 case\n"
                             "9 border border NOUN 2 obl\n"
                             "10 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {{0, 1, 1, "RUS", 0, -1}, {0, 3, 3, "UKR", 0, -1},
                                 {0, 5, 7, NULL, 0, 0}};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "RUS", "UKR", "194"));
    /* written as a coordination, the group is a compound: "Russia and
     * Ukraine shelled Belarus" codes both */
    const char *const c[] = {"1 Russia Russia PROPN 4 nsubj\n"
                             "2 and and CCONJ 3 cc\n"
                             "3 Ukraine Ukraine PROPN 1 conj\n"
                             "4 shelled shell VERB 0 root\n"
                             "5 Belarus Belarus PROPN 4 obj\n"
                             "6 . . PUNCT 4 punct\n", NULL};
    const fixture_mention cm[] = {{0, 1, 1, "RUS", 0, -1}, {0, 3, 3, "UKR", 0, -1},
                                  M(0, 5, 5, "BLR")};
    d = code(state, c, cm, 3);
    assert_non_null(find(d, "RUS", "BLR", "194"));
    assert_non_null(find(d, "UKR", "BLR", "194"));
}

static void rejected_thing_made_in_an_earlier_sentence(void **state) {
    /* "Britain announced new sanctions. Russia said the sanctions were
     * illegal." */
    const char *const s[] = {"1 Britain Britain PROPN 2 nsubj\n"
                             "2 announced announce VERB 0 root\n"
                             "3 new new ADJ 4 amod\n"
                             "4 sanctions sanction NOUN 2 obj\n"
                             "5 . . PUNCT 2 punct\n",
                             "1 Russia Russia PROPN 2 nsubj\n"
                             "2 said say VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 sanctions sanction NOUN 6 nsubj\n"
                             "5 were be AUX 6 cop\n"
                             "6 illegal illegal ADJ 2 ccomp\n"
                             "7 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "GBR"), M(1, 1, 1, "RUS")};
    dyad_document *d = code(state, s, m, 2);
    const dyad_event *e = find(d, "RUS", "GBR", "120");
    assert_non_null(e);
    assert_int_equal(e->sentence, 1);
    /* "sanctions" without "the" are any sanctions: no author */
    const char *const bare[] = {"1 Britain Britain PROPN 2 nsubj\n"
                                "2 announced announce VERB 0 root\n"
                                "3 new new ADJ 4 amod\n"
                                "4 sanctions sanction NOUN 2 obj\n"
                                "5 . . PUNCT 2 punct\n",
                                "1 Russia Russia PROPN 2 nsubj\n"
                                "2 said say VERB 0 root\n"
                                "3 sanctions sanction NOUN 5 nsubj\n"
                                "4 were be AUX 5 cop\n"
                                "5 illegal illegal ADJ 2 ccomp\n"
                                "6 . . PUNCT 2 punct\n", NULL};
    d = code(state, bare, m, 2);
    assert_null(find(d, "RUS", "GBR", "120"));
}

static void subject_verb_object(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 condemned condemn VERB 0 root\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n"
                             "4 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 1);
    const dyad_event *e = find(d, "RUS", "UKR", "111");
    assert_non_null(e);
    assert_string_equal(e->root, "11");
    assert_int_equal(e->quad_class, 3);
    assert_true(fabs(e->goldstein - -2.0) < 1e-9);
    assert_string_equal(e->plover_event, "ACCUSE");
    assert_string_equal(e->plover_mode, "disapprove");
    assert_false(e->negated);
    assert_string_equal(e->trigger_text, "condemned");
    assert_int_equal(e->trigger_start, 7);
    assert_int_equal(e->trigger_end, 16);
    assert_non_null(strstr(e->pattern, "verbs.txt:"));
    assert_string_equal(e->date, "2025-03-04");
    assert_string_equal(e->source.text, "Russia");
    assert_int_equal(e->source.mention, 0);
    assert_int_equal(e->target.mention, 1);
}

static void light_verb_and_preposition(void **state) {
    const char *const s[] = {"1 Lavrov Lavrov PROPN 2 nsubj\n"
                             "2 held hold VERB 0 root\n"
                             "3 talks talk NOUN 2 obj\n"
                             "4 with with ADP 5 case\n"
                             "5 Wang Wang PROPN 3 nmod\n"
                             "6 Yi Yi PROPN 5 flat\n"
                             "7 in in ADP 8 case\n"
                             "8 Beijing Beijing PROPN 2 obl\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUSGOV"), M(0, 5, 6, "CHNGOV"), M(0, 8, 8, "CHN")};
    dyad_document *d = code(state, s, m, 3);
    const dyad_event *e = find(d, "RUSGOV", "CHNGOV", "040");
    assert_non_null(e);
    assert_string_equal(e->trigger_text, "held talks with");
    assert_null(find(d, "RUSGOV", "CHN", "040"));   /* the place is no party to the talks */
    assert_int_equal(d->event_count, 1);
}

static void passive_voice(void **state) {
    const char *const s[] = {"1 Kyiv Kyiv PROPN 3 nsubj:pass\n"
                             "2 was be AUX 3 aux:pass\n"
                             "3 shelled shell VERB 0 root\n"
                             "4 by by ADP 6 case\n"
                             "5 Russian Russian ADJ 6 amod\n"
                             "6 forces force NOUN 3 obl:agent\n"
                             "7 . . PUNCT 3 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "UKR"), M(0, 5, 6, "RUSMIL")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 1);
    assert_non_null(find(d, "RUSMIL", "UKR", "194"));
}

static void agentless_passive_has_no_source(void **state) {
    const char *const s[] = {"1 Kyiv Kyiv PROPN 3 nsubj:pass\n"
                             "2 was be AUX 3 aux:pass\n"
                             "3 shelled shell VERB 0 root\n"
                             "4 overnight overnight ADV 3 advmod\n"
                             "5 . . PUNCT 3 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "UKR")};
    dyad_document *d = code(state, s, m, 1);
    assert_int_equal(d->event_count, 0);
}

static void coordinated_actors(void **state) {
    const char *const s[] = {"1 France France PROPN 4 nsubj\n"
                             "2 and and CCONJ 3 cc\n"
                             "3 Germany Germany PROPN 1 conj\n"
                             "4 condemned condemn VERB 0 root\n"
                             "5 Russia Russia PROPN 4 obj\n"
                             "6 . . PUNCT 4 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "FRA"), M(0, 3, 3, "DEU"), M(0, 5, 5, "RUS")};
    dyad_document *d = code(state, s, m, 3);
    assert_int_equal(d->event_count, 2);
    assert_non_null(find(d, "FRA", "RUS", "111"));
    assert_non_null(find(d, "DEU", "RUS", "111"));
}

/* "France, Italy and Germany" with the comma-joined member read as a
 * `list` and the last as a conjunct of it: all three are sources. */
static void actors_in_a_list(void **state) {
    const char *const s[] = {"1 France France PROPN 6 nsubj\n"
                             "2 , , PUNCT 3 punct\n"
                             "3 Italy Italy PROPN 1 list\n"
                             "4 and and CCONJ 5 cc\n"
                             "5 Germany Germany PROPN 3 conj\n"
                             "6 condemned condemn VERB 0 root\n"
                             "7 Russia Russia PROPN 6 obj\n"
                             "8 . . PUNCT 6 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "FRA"), M(0, 3, 3, "ITA"), M(0, 5, 5, "DEU"),
                                 M(0, 7, 7, "RUS")};
    dyad_document *d = code(state, s, m, 4);
    assert_int_equal(d->event_count, 3);
    assert_non_null(find(d, "FRA", "RUS", "111"));
    assert_non_null(find(d, "ITA", "RUS", "111"));
    assert_non_null(find(d, "DEU", "RUS", "111"));
}

/* "crossed into" is an incursion when troops cross, a movement of people
 * when refugees do: an unarmed sector is no source of military force. */
static void unarmed_source_uses_no_military_force(void **state) {
    const char *const s[] = {"1 Sudanese Sudanese ADJ 2 amod\n"
                             "2 refugees refugee NOUN 3 nsubj\n"
                             "3 crossed cross VERB 0 root\n"
                             "4 into into ADP 5 case\n"
                             "5 Chad Chad PROPN 3 obl\n"
                             "6 . . PUNCT 3 punct\n",
                             "1 Sudanese Sudanese ADJ 2 amod\n"
                             "2 troops troops NOUN 3 nsubj\n"
                             "3 crossed cross VERB 0 root\n"
                             "4 into into ADP 5 case\n"
                             "5 Chad Chad PROPN 3 obl\n"
                             "6 . . PUNCT 3 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 2, "SDNREF"), M(0, 5, 5, "TCD"), M(1, 1, 2, "SDNMIL"),
                                 M(1, 5, 5, "TCD")};
    dyad_document *d = code(state, s, m, 4);
    assert_int_equal(d->event_count, 1);
    assert_int_equal(d->events[0].sentence, 1);
    assert_string_equal(d->events[0].root, "19");
}

static void coordinated_verbs_share_the_subject(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 attacked attack VERB 0 root\n"
                             "3 Kyiv Kyiv PROPN 2 obj\n"
                             "4 and and CCONJ 5 cc\n"
                             "5 threatened threaten VERB 2 conj\n"
                             "6 Poland Poland PROPN 5 obj\n"
                             "7 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR"), M(0, 6, 6, "POL")};
    dyad_document *d = code(state, s, m, 3);
    assert_int_equal(d->event_count, 2);
    assert_non_null(find(d, "RUS", "UKR", "190"));
    assert_non_null(find(d, "RUS", "POL", "130"));
}

static void reported_speech(void **state) {
    const char *const s[] = {"1 Ukraine Ukraine PROPN 2 nsubj\n"
                             "2 said say VERB 0 root\n"
                             "3 Russia Russia PROPN 4 nsubj\n"
                             "4 shelled shell VERB 2 ccomp\n"
                             "5 Kharkiv Kharkiv PROPN 4 obj\n"
                             "6 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "UKR"), M(0, 3, 3, "RUS"), M(0, 5, 5, "UKR")};
    dyad_document *d = code(state, s, m, 3);
    /* the reported event with its own actors; saying is no event */
    assert_int_equal(d->event_count, 1);
    assert_non_null(find(d, "RUS", "UKR", "194"));
}

static void pronoun_in_reported_clause_is_the_speaker(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 said say VERB 0 root\n"
                             "3 it it PRON 5 nsubj\n"
                             "4 would would AUX 5 aux\n"
                             "5 expel expel VERB 2 ccomp\n"
                             "6 Polish Polish ADJ 7 amod\n"
                             "7 diplomats diplomat NOUN 5 obj\n"
                             "8 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 6, 7, "POLGOV")};
    dyad_document *d = code(state, s, m, 2);
    /* "would expel": the stated future expulsion, a threat to break
     * relations (1313) */
    assert_non_null(find(d, "RUS", "POLGOV", "1313"));
}

/* A past tense the tagger read as a participle: the parser made it an
 * adjective of the next noun and that noun the object of the one before.
 * The coder reads the clause. */
static void past_tense_read_as_participle(void **state) {
    const char *const s[] = {"1 Gondorian Gondorian ADJ 2 amod\n"
                             "2 warplanes warplane NOUN 0 root\n"
                             "3 struck strike VERB 4 amod\n"
                             "4 targets target NOUN 2 obj\n"
                             "5 in in ADP 6 case\n"
                             "6 Mordor Mordor PROPN 4 nmod\n"
                             "7 overnight overnight ADV 4 advmod\n"
                             "8 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 2, "ISRMIL"), M(0, 6, 6, "LBN")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "ISRMIL", "LBN", "190"));
    assert_int_equal(d->event_count, 1);
}

/* The other shape of it: the participle kept its subject and its noun
 * became the root ("China donated vaccines to Cambodia"). */
static void past_tense_read_as_participle_with_its_subject(void **state) {
    const char *const s[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                             "2 donated donate VERB 3 amod\n"
                             "3 vaccines vaccine NOUN 0 root\n"
                             "4 to to ADP 5 case\n"
                             "5 Rohan Rohan PROPN 3 nmod\n"
                             "6 . . PUNCT 3 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "CHN"), M(0, 5, 5, "KHM")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "CHN", "KHM", "073"));
}

/* The same participle before a noun that is no object ("the struck
 * targets were rebuilt") stays an adjective: no event. */
static void participle_before_a_subject_is_no_clause(void **state) {
    const char *const s[] = {"1 the the DET 3 det\n"
                             "2 struck strike VERB 3 amod\n"
                             "3 targets target NOUN 5 nsubj:pass\n"
                             "4 in in ADP 5 case\n"
                             "5 Mordor Mordor PROPN 3 nmod\n"
                             "6 were be AUX 7 aux:pass\n"
                             "7 rebuilt rebuild VERB 0 root\n"
                             "8 . . PUNCT 7 punct\n", NULL};
    const fixture_mention m[] = {M(0, 5, 5, "LBN")};
    dyad_document *d = code(state, s, m, 1);
    assert_int_equal(d->event_count, 0);
}

/* "Kenya hosted and praised the minister": a passive subject without any
 * auxiliary is an active subject (hosted read as a participle), and the
 * first verb shares the object the parser hung on the second. */
static void coordinated_verbs_share_the_later_object(void **state) {
    const char *const s[] = {"1 Kenya Kenya PROPN 2 nsubj:pass\n"
                             "2 hosted host VERB 0 root\n"
                             "3 and and CCONJ 4 cc\n"
                             "4 praised praise VERB 2 conj\n"
                             "5 the the DET 8 det\n"
                             "6 Ethiopian Ethiopian ADJ 8 amod\n"
                             "7 prime prime ADJ 8 amod\n"
                             "8 minister minister NOUN 4 obj\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "KEN"), M(0, 6, 8, "ETHGOV")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "KEN", "ETHGOV", "043"));
    assert_non_null(find(d, "ETHGOV", "KEN", "042"));
    assert_non_null(find(d, "KEN", "ETHGOV", "051"));
}

/* A conjunct with a subject of its own is a clause of its own: its
 * object is not the first verb's ("Kenya hosted, and Uganda praised the
 * minister"). */
static void conjunct_with_its_own_subject_keeps_its_object(void **state) {
    const char *const s[] = {"1 Kenya Kenya PROPN 2 nsubj\n"
                             "2 protested protest VERB 0 root\n"
                             "3 and and CCONJ 5 cc\n"
                             "4 Uganda Uganda PROPN 5 nsubj\n"
                             "5 praised praise VERB 2 conj\n"
                             "6 the the DET 8 det\n"
                             "7 Ethiopian Ethiopian ADJ 8 amod\n"
                             "8 minister minister NOUN 5 obj\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "KEN"), M(0, 4, 4, "UGA"), M(0, 7, 8, "ETHGOV")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "UGA", "ETHGOV", "051"));
    for (size_t i = 0; i < d->event_count; i++)
        assert_false(strcmp(d->events[i].source.code, "KEN") == 0 && d->events[i].has_target &&
                     strcmp(d->events[i].target.code, "ETHGOV") == 0);
}

/* "summoned the ambassador after a drone entered": the parser made the
 * ambassador the subject of entered; a clause without "that" right after
 * a verb that wants an object starts with that object. */
static void object_read_as_subject_of_the_next_clause(void **state) {
    const char *const s[] = {"1 Poland Poland PROPN 2 nsubj\n"
                             "2 summoned summon VERB 0 root\n"
                             "3 the the DET 5 det\n"
                             "4 Russian Russian ADJ 5 amod\n"
                             "5 ambassador ambassador NOUN 9 nsubj\n"
                             "6 after after ADP 8 case\n"
                             "7 a a DET 8 det\n"
                             "8 drone drone NOUN 5 nmod\n"
                             "9 entered enter VERB 2 ccomp\n"
                             "10 its its PRON 11 nmod:poss\n"
                             "11 airspace airspace NOUN 9 obj\n"
                             "12 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "POL"), M(0, 4, 5, "RUSGOV")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "POL", "RUSGOV", "114"));
}

/* Pattern words reach through a noun that measures what the pattern
 * names ("a series of agreements", "dollars in aid"), and a word set
 * matches its longest member ("air defence systems", the phrase after it
 * hanging off systems). */
static void pattern_words_through_a_measure_noun(void **state) {
    const char *const s[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                             "2 pledged pledge VERB 0 root\n"
                             "3 500 500 NUM 4 compound\n"
                             "4 million million NUM 5 nummod\n"
                             "5 dollars dollar NOUN 2 obj\n"
                             "6 in in ADP 8 case\n"
                             "7 humanitarian humanitarian ADJ 8 amod\n"
                             "8 aid aid NOUN 5 nmod\n"
                             "9 to to ADP 10 case\n"
                             "10 Rohan Rohan PROPN 8 nmod\n"
                             "11 . . PUNCT 2 punct\n",
                             "1 Gondor Gondor PROPN 2 nsubj\n"
                             "2 sent send VERB 0 root\n"
                             "3 air air NOUN 4 compound\n"
                             "4 defence defence NOUN 5 compound\n"
                             "5 systems system NOUN 2 obj\n"
                             "6 to to ADP 7 case\n"
                             "7 Rohan Rohan PROPN 5 nmod\n"
                             "8 . . PUNCT 2 punct\n",
                             "1 Gondor Gondor PROPN 4 nsubj\n"
                             "2 and and CCONJ 3 cc\n"
                             "3 Rohan Rohan PROPN 1 conj\n"
                             "4 signed sign VERB 0 root\n"
                             "5 a a DET 6 det\n"
                             "6 series series NOUN 4 obj\n"
                             "7 of of ADP 9 case\n"
                             "8 energy energy NOUN 9 compound\n"
                             "9 agreements agreement NOUN 6 nmod\n"
                             "10 . . PUNCT 4 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "DEU"), M(0, 10, 10, "UKR"), M(1, 1, 1, "DEU"),
                                 M(1, 7, 7, "UKR"), M(2, 1, 1, "RUS"), M(2, 3, 3, "CHN")};
    dyad_document *d = code(state, s, m, 6);
    assert_non_null(find(d, "DEU", "UKR", "0333"));
    assert_non_null(find(d, "DEU", "UKR", "072"));
    assert_non_null(find(d, "RUS", "CHN", "057"));
    assert_non_null(find(d, "CHN", "RUS", "057"));
}

/* A future auxiliary makes the act a stated intention: "will send a
 * delegation" is the intent to meet (036), "has sent" the meeting's
 * preparation itself (040). */
static void future_auxiliary_is_an_intention(void **state) {
    const char *const s[] = {"1 Gondor Gondor PROPN 3 nsubj\n"
                             "2 will will AUX 3 aux\n"
                             "3 send send VERB 0 root\n"
                             "4 a a DET 5 det\n"
                             "5 delegation delegation NOUN 3 obj\n"
                             "6 to to ADP 7 case\n"
                             "7 Rohan Rohan PROPN 3 obl\n"
                             "8 . . PUNCT 3 punct\n",
                             "1 Gondor Gondor PROPN 3 nsubj\n"
                             "2 has have AUX 3 aux\n"
                             "3 sent send VERB 0 root\n"
                             "4 a a DET 5 det\n"
                             "5 delegation delegation NOUN 3 obj\n"
                             "6 to to ADP 7 case\n"
                             "7 Rohan Rohan PROPN 3 obl\n"
                             "8 . . PUNCT 3 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "DEU"), M(0, 7, 7, "UKR"), M(1, 1, 1, "FRA"),
                                 M(1, 7, 7, "UKR")};
    dyad_document *d = code(state, s, m, 4);
    const dyad_event *intended = find(d, "DEU", "UKR", "036");
    assert_non_null(intended);
    assert_int_equal(intended->modality, EVENT_INTENDED);
    assert_non_null(find(d, "FRA", "UKR", "040"));
}

/* The object of a reaction is what was reacted to: "welcomed the
 * agreement between X and Y" is the welcome only, with X and Y its
 * targets, not also an agreement between them. */
static void object_of_a_reaction_is_no_event_of_its_own(void **state) {
    const char *const s[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                             "2 welcomed welcome VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 agreement agreement NOUN 2 obj\n"
                             "5 between between ADP 6 case\n"
                             "6 Rohan Rohan PROPN 4 nmod\n"
                             "7 and and CCONJ 8 cc\n"
                             "8 Harad Harad PROPN 6 conj\n"
                             "9 . . PUNCT 2 punct\n",
                             "1 the the DET 2 det\n"
                             "2 agreement agreement NOUN 7 nsubj\n"
                             "3 between between ADP 4 case\n"
                             "4 Rohan Rohan PROPN 2 nmod\n"
                             "5 and and CCONJ 6 cc\n"
                             "6 Harad Harad PROPN 4 conj\n"
                             "7 held hold VERB 0 root\n"
                             "8 . . PUNCT 7 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "SAU"), M(0, 6, 6, "ARM"), M(0, 8, 8, "AZE"),
                                 M(1, 4, 4, "ARM"), M(1, 6, 6, "AZE")};
    dyad_document *d = code(state, s, m, 5);
    assert_non_null(find(d, "SAU", "ARM", "051"));
    assert_non_null(find(d, "SAU", "AZE", "051"));
    /* the agreement as the subject of its own clause is news */
    const dyad_event *agreement = find(d, "ARM", "AZE", "057");
    assert_non_null(agreement);
    assert_int_equal(agreement->sentence, 1);
    for (size_t i = 0; i < d->event_count; i++)
        if (d->events[i].sentence == 0) assert_string_equal(d->events[i].source.code, "SAU");
}

/* An object without actors of its own takes its author from a relative
 * clause: "welcomed the deal that X and Y initialled". */
static void author_of_the_object_in_a_relative_clause(void **state) {
    const char *const s[] = {"1 Gondor Gondor PROPN 2 nsubj\n"
                             "2 welcomed welcome VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 deal deal NOUN 2 obj\n"
                             "5 that that PRON 9 obj\n"
                             "6 Rohan Rohan PROPN 9 nsubj\n"
                             "7 and and CCONJ 8 cc\n"
                             "8 Harad Harad PROPN 6 conj\n"
                             "9 initialled initial VERB 4 acl:relcl\n"
                             "10 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "DEU"), M(0, 6, 6, "ARM"), M(0, 8, 8, "AZE")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "DEU", "ARM", "051"));
    assert_non_null(find(d, "DEU", "AZE", "051"));
}

/* A passive with its agent reads its patient where the active object
 * stands, for the patterns: "aid was sent to X by Y" is "Y sent aid to
 * X"; "tariffs were imposed on X by Y" likewise.  Without an agent the
 * patient stays an event noun of its own ("talks between X and Y were
 * held"). */
static void passive_patient_in_patterns(void **state) {
    const char *const s[] = {"1 Aid aid NOUN 3 nsubj:pass\n"
                             "2 was be AUX 3 aux:pass\n"
                             "3 sent send VERB 0 root\n"
                             "4 to to ADP 5 case\n"
                             "5 Rohan Rohan PROPN 3 obl\n"
                             "6 by by ADP 7 case\n"
                             "7 Gondor Gondor PROPN 3 obl:agent\n"
                             "8 . . PUNCT 3 punct\n",
                             "1 Tariffs tariff NOUN 3 nsubj:pass\n"
                             "2 were be AUX 3 aux:pass\n"
                             "3 imposed impose VERB 0 root\n"
                             "4 on on ADP 6 case\n"
                             "5 Rohirric Rohirric ADJ 6 amod\n"
                             "6 goods good NOUN 3 obl\n"
                             "7 by by ADP 8 case\n"
                             "8 Gondor Gondor PROPN 3 obl:agent\n"
                             "9 . . PUNCT 3 punct\n",
                             "1 Talks talk NOUN 6 nsubj:pass\n"
                             "2 between between ADP 3 case\n"
                             "3 Gondor Gondor PROPN 1 nmod\n"
                             "4 and and CCONJ 5 cc\n"
                             "5 Rohan Rohan PROPN 3 conj\n"
                             "6 held hold VERB 0 root\n"
                             "7 . . PUNCT 6 punct\n", NULL};
    const fixture_mention m[] = {M(0, 5, 5, "UKR"), M(0, 7, 7, "DEU"), M(1, 8, 8, "USA"),
                                 M(1, 5, 5, "CHN"), M(2, 3, 3, "SRB"), M(2, 5, 5, "KSV")};
    dyad_document *d = code(state, s, m, 6);
    assert_non_null(find(d, "DEU", "UKR", "070"));
    assert_non_null(find(d, "USA", "CHN", "163"));
    assert_non_null(find(d, "SRB", "KSV", "040"));
    assert_non_null(find(d, "KSV", "SRB", "040"));
}

/* The parser attached the subject of the reported clause to the verb of
 * saying ("Ukraine" as the object of "said"): the noun phrase right before
 * the clause's auxiliary is still read as its subject. */
static void subject_before_an_auxiliary_misattached(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 said say VERB 0 root\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n"
                             "4 had have AUX 5 aux\n"
                             "5 shelled shell VERB 2 ccomp\n"
                             "6 Belgorod Belgorod PROPN 5 obj\n"
                             "7 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR"), M(0, 6, 6, "RUS")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "UKR", "RUS", "194"));
    assert_int_equal(d->event_count, 1);
}

/* A clause the parser read as a control verb's complement (xcomp) that
 * has a pronoun subject of its own is a reported clause: "it" is the
 * speaker, as in a ccomp. */
static void pronoun_subject_of_an_xcomp_is_the_speaker(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 indicated indicate VERB 0 root\n"
                             "3 it it PRON 5 nsubj\n"
                             "4 would would AUX 5 aux\n"
                             "5 expel expel VERB 2 xcomp\n"
                             "6 Polish Polish ADJ 7 amod\n"
                             "7 diplomats diplomat NOUN 5 obj\n"
                             "8 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 6, 7, "POLGOV")};
    dyad_document *d = code(state, s, m, 2);
    /* "would expel": the stated future expulsion, a threat to break
     * relations (1313) */
    assert_non_null(find(d, "RUS", "POLGOV", "1313"));
}

static void nominal_event_between_two_actors(void **state) {
    const char *const s[] = {"1 Peskov Peskov PROPN 2 nsubj\n"
                             "2 spoke speak VERB 0 root\n"
                             "3 after after ADP 6 case\n"
                             "4 a a DET 6 det\n"
                             "5 five-hour five-hour ADJ 6 amod\n"
                             "6 meeting meeting NOUN 2 obl\n"
                             "7 between between ADP 8 case\n"
                             "8 Putin Putin PROPN 6 nmod\n"
                             "9 and and CCONJ 11 cc\n"
                             "10 U.S. U.S. PROPN 11 compound\n"
                             "11 envoys envoy NOUN 8 conj\n"
                             "12 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUSGOV"), M(0, 8, 8, "RUSGOV"), M(0, 10, 11, "USAGOV")};
    dyad_document *d = code(state, s, m, 3);
    assert_int_equal(d->event_count, 2);
    const dyad_event *e = find(d, "RUSGOV", "USAGOV", "040");
    assert_non_null(e);
    assert_string_equal(e->trigger_text, "meeting between");
    assert_int_equal(e->source.mention, 1);       /* Putin, not Peskov */
    assert_non_null(find(d, "USAGOV", "RUSGOV", "040"));
}

static void possessive_nominal_event(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 3 nmod:poss\n"
                             "2 's 's PART 1 case\n"
                             "3 attack attack NOUN 6 nsubj\n"
                             "4 on on ADP 5 case\n"
                             "5 Kyiv Kyiv PROPN 3 nmod\n"
                             "6 continued continue VERB 0 root\n"
                             "7 . . PUNCT 6 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 5, 5, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "RUS", "UKR", "190"));
}

static void negation(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 4 nsubj\n"
                             "2 did do AUX 4 aux\n"
                             "3 not not PART 4 advmod\n"
                             "4 sign sign VERB 0 root\n"
                             "5 the the DET 6 det\n"
                             "6 agreement agreement NOUN 4 obj\n"
                             "7 with with ADP 8 case\n"
                             "8 Ukraine Ukraine PROPN 4 obl\n"
                             "9 . . PUNCT 4 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 8, 8, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    const dyad_event *e = find(d, "RUS", "UKR", "057");
    assert_non_null(e);
    assert_true(e->negated);
}

/* A participle on the event noun of a light verb acts for the light
 * verb's subject, in the light verb's context. */
static void participle_on_a_light_verb_noun(void **state) {
    const char *const issued[] = {"1 Japan Japan PROPN 2 nsubj\n"
                                  "2 issued issue VERB/VBD 0 root\n"
                                  "3 statements statement NOUN 2 obj\n"
                                  "4 supporting support VERB/VBG 3 acl\n"
                                  "5 the the DET 6 det\n"
                                  "6 Philippines Philippines PROPN 4 obj\n"
                                  "7 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "JPN"), M(0, 6, 6, "PHL")};
    dyad_document *d = code(state, issued, m, 2);
    const dyad_event *e = find(d, "JPN", "PHL", "051");
    assert_non_null(e);
    assert_false(e->negated);
    assert_string_equal(e->trigger_text, "supporting");
    /* "read" lends nothing: the statements are the participle's subject */
    const char *const read[] = {"1 Japan Japan PROPN 2 nsubj\n"
                                "2 read read VERB/VBD 0 root\n"
                                "3 statements statement NOUN 2 obj\n"
                                "4 supporting support VERB/VBG 3 acl\n"
                                "5 the the DET 6 det\n"
                                "6 Philippines Philippines PROPN 4 obj\n"
                                "7 . . PUNCT 2 punct\n", NULL};
    d = code(state, read, m, 2);
    assert_int_equal(d->event_count, 0);
    /* the light verb's negation is the participle's */
    const char *const unsigned_statement[] = {"1 Hungary Hungary PROPN 4 nsubj\n"
                                              "2 did do AUX 4 aux\n"
                                              "3 not not PART 4 advmod\n"
                                              "4 sign sign VERB/VB 0 root\n"
                                              "5 the the DET 6 det\n"
                                              "6 statement statement NOUN 4 obj\n"
                                              "7 criticising criticise VERB/VBG 6 acl\n"
                                              "8 China China PROPN 7 obj\n"
                                              "9 . . PUNCT 4 punct\n", NULL};
    const fixture_mention h[] = {M(0, 1, 1, "HUN"), M(0, 8, 8, "CHN")};
    d = code(state, unsigned_statement, h, 2);
    e = find(d, "HUN", "CHN", "111");
    assert_non_null(e);
    assert_true(e->negated);
}

static void refusal_is_a_rejection(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 refused refuse VERB 0 root\n"
                             "3 to to PART 4 mark\n"
                             "4 sign sign VERB 2 xcomp\n"
                             "5 the the DET 6 det\n"
                             "6 treaty treaty NOUN 4 obj\n"
                             "7 with with ADP 8 case\n"
                             "8 Ukraine Ukraine PROPN 4 obl\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 8, 8, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 1);
    const dyad_event *e = find(d, "RUS", "UKR", "127");
    assert_non_null(e);
    assert_false(e->negated);
    assert_null(find(d, "RUS", "UKR", "057"));
}

static void failure_negates(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 failed fail VERB 0 root\n"
                             "3 to to PART 4 mark\n"
                             "4 reach reach VERB 2 xcomp\n"
                             "5 a a DET 6 det\n"
                             "6 deal deal NOUN 4 obj\n"
                             "7 with with ADP 8 case\n"
                             "8 Ukraine Ukraine PROPN 4 obl\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 8, 8, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    const dyad_event *e = find(d, "RUS", "UKR", "057");
    assert_non_null(e);
    assert_true(e->negated);
}

static void threat_codes_the_threat_not_the_act(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 threatened threaten VERB 0 root\n"
                             "3 to to PART 4 mark\n"
                             "4 cut cut VERB 2 xcomp\n"
                             "5 off off ADP 4 compound:prt\n"
                             "6 aid aid NOUN 4 obj\n"
                             "7 to to ADP 8 case\n"
                             "8 Moldova Moldova PROPN 4 obl\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 8, 8, "MDA")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 1);
    assert_non_null(find(d, "RUS", "MDA", "1311"));
}

static void intention_through_a_modal_verb(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 vowed vow VERB 0 root\n"
                             "3 to to PART 4 mark\n"
                             "4 shell shell VERB 2 xcomp\n"
                             "5 Kyiv Kyiv PROPN 4 obj\n"
                             "6 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 5, 5, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 1);
    const dyad_event *e = find(d, "RUS", "UKR", "1384");   /* a stated intent to attack is a threat */
    assert_non_null(e);
    assert_int_equal(e->modality, EVENT_INTENDED);

    const char *const t[] = {"1 Macron Macron PROPN 2 nsubj\n"
                             "2 plans plan VERB 0 root\n"
                             "3 to to PART 4 mark\n"
                             "4 visit visit VERB 2 xcomp\n"
                             "5 Kyiv Kyiv PROPN 4 obj\n"
                             "6 . . PUNCT 2 punct\n", NULL};
    const fixture_mention n[] = {M(0, 1, 1, "FRAGOV"), M(0, 5, 5, "UKR")};
    d = code(state, t, n, 2);
    assert_int_equal(d->event_count, 1);   /* no "hosts a visit" for a visit not made */
    e = find(d, "FRAGOV", "UKR", "036");
    assert_non_null(e);
    assert_int_equal(e->modality, EVENT_INTENDED);
}

static void appeal_codes_what_is_asked(void **state) {
    const char *const s[] = {"1 The the DET 2 det\n"
                             "2 EU EU PROPN 3 nsubj\n"
                             "3 urged urge VERB 0 root\n"
                             "4 Russia Russia PROPN 3 obj\n"
                             "5 to to PART 6 mark\n"
                             "6 withdraw withdraw VERB 3 xcomp\n"
                             "7 its its PRON 8 nmod:poss\n"
                             "8 troops troop NOUN 6 obj\n"
                             "9 from from ADP 10 case\n"
                             "10 Ukraine Ukraine PROPN 6 obl\n"
                             "11 . . PUNCT 3 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 2, "IGOEUREEC"), M(0, 4, 4, "RUS"), M(0, 10, 10, "UKR")};
    dyad_document *d = code(state, s, m, 3);
    assert_int_equal(d->event_count, 1);
    assert_non_null(find(d, "IGOEUREEC", "RUS", "0256"));
    assert_null(find(d, "RUS", "UKR", "0874"));   /* asked for, not done */
}

static void visit_codes_both_directions(void **state) {
    const char *const s[] = {"1 Macron Macron PROPN 2 nsubj\n"
                             "2 visited visit VERB 0 root\n"
                             "3 Kyiv Kyiv PROPN 2 obj\n"
                             "4 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "FRAGOV"), M(0, 3, 3, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 2);
    assert_non_null(find(d, "FRAGOV", "UKR", "042"));
    assert_non_null(find(d, "UKR", "FRAGOV", "043"));
}

static void compound_subject_of_a_mutual_verb(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 4 nsubj\n"
                             "2 and and CCONJ 3 cc\n"
                             "3 Ukraine Ukraine PROPN 1 conj\n"
                             "4 held hold VERB 0 root\n"
                             "5 talks talk NOUN 4 obj\n"
                             "6 in in ADP 7 case\n"
                             "7 Istanbul Istanbul PROPN 4 obl\n"
                             "8 . . PUNCT 4 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 2);
    assert_non_null(find(d, "RUS", "UKR", "040"));
    assert_non_null(find(d, "UKR", "RUS", "040"));
}

static void event_noun_under_a_light_verb(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 4 nsubj\n"
                             "2 and and CCONJ 3 cc\n"
                             "3 Ukraine Ukraine PROPN 1 conj\n"
                             "4 began begin VERB 0 root\n"
                             "5 peace peace NOUN 6 compound\n"
                             "6 talks talk NOUN 4 obj\n"
                             "7 . . PUNCT 4 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 2);
    assert_non_null(find(d, "RUS", "UKR", "040"));
    assert_non_null(find(d, "UKR", "RUS", "040"));
    /* the light verb's negation is the noun's */
    const char *const t[] = {"1 Russia Russia PROPN 5 nsubj\n"
                             "2 and and CCONJ 3 cc\n"
                             "3 Ukraine Ukraine PROPN 1 conj\n"
                             "4 never never ADV 5 advmod\n"
                             "5 began begin VERB 0 root\n"
                             "6 talks talk NOUN 5 obj\n"
                             "7 . . PUNCT 5 punct\n", NULL};
    d = code(state, t, m, 2);
    assert_int_equal(d->event_count, 2);
    assert_true(d->events[0].negated && d->events[1].negated);
}

static void no_event_without_two_actors(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 condemned condemn VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 decision decision NOUN 2 obj\n"
                             "5 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS")};
    dyad_document *d = code(state, s, m, 1);
    assert_int_equal(d->event_count, 0);

    const char *const t[] = {"1 Prices price NOUN 2 nsubj\n"
                             "2 rose rise VERB 0 root\n"
                             "3 sharply sharply ADV 2 advmod\n"
                             "4 . . PUNCT 2 punct\n", NULL};
    d = code(state, t, NULL, 0);
    assert_int_equal(d->event_count, 0);

    /* an unresolved name is no actor */
    const char *const u[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 condemned condemn VERB 0 root\n"
                             "3 Blorvania Blorvania PROPN 2 obj\n"
                             "4 . . PUNCT 2 punct\n", NULL};
    const fixture_mention n[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, NULL)};
    d = code(state, u, n, 2);
    assert_int_equal(d->event_count, 0);
}

static void topic_is_no_target(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 welcomed welcome VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 report report NOUN 2 obj\n"
                             "5 on on ADP 6 case\n"
                             "6 Ukraine Ukraine PROPN 4 nmod\n"
                             "7 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 6, 6, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 0);
    /* but a party to the act named is: "welcomed the talks with Ukraine" */
    const char *const t[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 welcomed welcome VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 talks talk NOUN 2 obj\n"
                             "5 with with ADP 6 case\n"
                             "6 Ukraine Ukraine PROPN 4 nmod\n"
                             "7 . . PUNCT 2 punct\n", NULL};
    d = code(state, t, m, 2);
    assert_non_null(find(d, "RUS", "UKR", "051"));
}

static void sport_is_discarded(void **state) {
    const char *const s[] = {"1 France France PROPN 2 nsubj\n"
                             "2 beat beat VERB 0 root\n"
                             "3 Germany Germany PROPN 2 obj\n"
                             "4 in in ADP 8 case\n"
                             "5 the the DET 8 det\n"
                             "6 World World PROPN 7 compound\n"
                             "7 Cup Cup PROPN 8 compound\n"
                             "8 final final NOUN 2 obl\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "FRA"), M(0, 3, 3, "DEU")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 0);
}

static void conditional_is_not_coded(void **state) {
    const char *const s[] = {"1 If if SCONJ 3 mark\n"
                             "2 Russia Russia PROPN 3 nsubj\n"
                             "3 attacks attack VERB 8 advcl\n"
                             "4 Moldova Moldova PROPN 3 obj\n"
                             "5 , , PUNCT 8 punct\n"
                             "6 Romania Romania PROPN 8 nsubj\n"
                             "7 will will AUX 8 aux\n"
                             "8 respond respond VERB 0 root\n"
                             "9 . . PUNCT 8 punct\n", NULL};
    const fixture_mention m[] = {M(0, 2, 2, "RUS"), M(0, 4, 4, "MDA"), M(0, 6, 6, "ROU")};
    dyad_document *d = code(state, s, m, 3);
    assert_null(find(d, "RUS", "MDA", "190"));
}

static void coreference_gives_the_code(void **state) {
    const char *const s[] = {"1 Putin Putin PROPN 2 nsubj\n"
                             "2 met meet VERB 0 root\n"
                             "3 Erdogan Erdogan PROPN 2 obj\n"
                             "4 . . PUNCT 2 punct\n",
                             "1 He he PRON 2 nsubj\n"
                             "2 condemned condemn VERB 0 root\n"
                             "3 NATO NATO PROPN 2 obj\n"
                             "4 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUSGOV"), M(0, 3, 3, "TURGOV"), {1, 1, 1, NULL, -1, 0},
                                 M(1, 3, 3, "IGOWSTNAT")};
    dyad_document *d = code(state, s, m, 4);
    assert_non_null(find(d, "RUSGOV", "TURGOV", "040"));
    const dyad_event *e = find(d, "RUSGOV", "IGOWSTNAT", "111");
    assert_non_null(e);
    assert_int_equal(e->sentence, 1);
    assert_string_equal(e->source.text, "He");
}

static void unparsed_sentence_is_read_linearly(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN _ _\n"
                             "2 attacked attack VERB _ _\n"
                             "3 Ukraine Ukraine PROPN _ _\n"
                             "4 . . PUNCT _ _\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "RUS", "UKR", "190"));
}

static void heading_is_not_coded(void **state) {
    test_state *t = *state;
    dyad_arena_reset(t->arena);
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 attacks attack VERB 0 root\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = fixture_document(t->arena, s, m, 2, NULL);
    d->sentences[0].heading = 1;
    dyad_error error;
    assert_int_equal(code_document(t->resources, d, &error), DYAD_OK);
    assert_int_equal(d->event_count, 0);
}

static void event_date_is_the_document_date(void **state) {
    test_state *t = *state;
    dyad_arena_reset(t->arena);
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 attacked attack VERB 0 root\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = fixture_document(t->arena, s, m, 2, "2025-12-03T08:15:00Z");
    dyad_error error;
    assert_int_equal(code_document(t->resources, d, &error), DYAD_OK);
    assert_int_equal(d->event_count, 1);
    assert_string_equal(d->events[0].date, "2025-12-03");
    d = fixture_document(t->arena, s, m, 2, NULL);
    assert_int_equal(code_document(t->resources, d, &error), DYAD_OK);
    assert_null(d->events[0].date);
}

static void cyclic_parse_is_read_linearly(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 attacked attack VERB 3 dep\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR")};
    dyad_document *d = code(state, s, m, 2);   /* 2 -> 3 -> 2: no tree */
    assert_non_null(find(d, "RUS", "UKR", "190"));
}

/* Constructions of wire English, one sentence each, with the event the
 * dictionary should give. */
typedef struct wire_case {
    const char *sentence;
    fixture_mention mentions[4];
    size_t mention_count;
    const char *source, *target, *code;
} wire_case;

/* The parser sometimes leaves coordinated subjects side by side. */
static void side_by_side_subjects(void **state) {
    const char *const s[] = {"1 France France PROPN 5 nsubj\n"
                             "2 and and CCONJ 4 cc\n"
                             "3 the the DET 4 det\n"
                             "4 government government NOUN 5 nsubj\n"
                             "5 condemned condemn VERB 0 root\n"
                             "6 Russia Russia PROPN 5 obj\n"
                             "7 . . PUNCT 5 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "FRA"), M(0, 4, 4, "DEUGOV"), M(0, 6, 6, "RUS")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "FRA", "RUS", "111"));
    assert_non_null(find(d, "DEUGOV", "RUS", "111"));
    assert_int_equal(d->event_count, 2);
}

/* "Ukraine's soldiers and police of Poland": a modifier the parser put on
 * the first conjunct belongs to the coordination. */
static void modifiers_of_a_coordinated_head(void **state) {
    const char *const s[] = {"1 Ukraine Ukraine PROPN 3 nmod:poss\n"
                             "2 's 's PART 1 case\n"
                             "3 soldiers soldier NOUN 8 nsubj\n"
                             "4 and and CCONJ 5 cc\n"
                             "5 police police NOUN 3 conj\n"
                             "6 of of ADP 7 case\n"
                             "7 Poland Poland PROPN 3 nmod\n"
                             "8 condemned condemn VERB 0 root\n"
                             "9 Russia Russia PROPN 8 obj\n"
                             "10 . . PUNCT 8 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "UKR"), M(0, 7, 7, "POL"), M(0, 9, 9, "RUS")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "UKR", "RUS", "111"));
    assert_non_null(find(d, "POL", "RUS", "111"));
}

/* "after it was attacked in Poland" with the subject lost: a passive
 * without an agent has no source, and does not borrow the main clause's. */
static void passive_without_subject_has_no_source(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 condemned condemn VERB 0 root\n"
                             "3 Ukraine Ukraine PROPN 2 obj\n"
                             "4 after after SCONJ 6 mark\n"
                             "5 was be AUX 6 aux:pass\n"
                             "6 attacked attack VERB 2 advcl\n"
                             "7 in in ADP 8 case\n"
                             "8 Poland Poland PROPN 6 obl\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR"), M(0, 8, 8, "POL")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "RUS", "UKR", "111"));
    assert_int_equal(d->event_count, 1);
}

/* "condemned the plan to rebuild Ukraine": the purpose clause names the
 * party when the object names none. */
static void purpose_clause_names_the_target(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 condemned condemn VERB 0 root\n"
                             "3 the the DET 4 det\n"
                             "4 plan plan NOUN 2 obj\n"
                             "5 to to PART 6 mark\n"
                             "6 rebuild rebuild VERB 2 advcl\n"
                             "7 Ukraine Ukraine PROPN 6 obj\n"
                             "8 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 7, 7, "UKR")};
    dyad_document *d = code(state, s, m, 2);
    assert_non_null(find(d, "RUS", "UKR", "111"));
}

static void wire_phrases(void **state) {
    static const wire_case cases[] = {
        {"1 Russia Russia PROPN 2 nsubj\n2 launched launch VERB 0 root\n3 strikes strike NOUN 2 obj\n"
         "4 on on ADP 5 case\n5 Kyiv Kyiv PROPN 3 nmod\n",
         {M(0, 1, 1, "RUS"), M(0, 5, 5, "UKR")}, 2, "RUS", "UKR", "190"},
        {"1 Zelensky Zelensky PROPN 2 nsubj\n2 called call VERB 0 root\n3 on on ADP 4 case\n"
         "4 NATO NATO PROPN 2 obl\n5 to to PART 6 mark\n6 send send VERB 2 xcomp\n"
         "7 weapons weapon NOUN 6 obj\n",
         {M(0, 1, 1, "UKRGOV"), M(0, 4, 4, "IGOWSTNAT")}, 2, "UKRGOV", "IGOWSTNAT", "0232"},
        {"1 The the DET 2 det\n2 EU EU PROPN 3 nsubj\n3 imposed impose VERB 0 root\n"
         "4 new new ADJ 5 amod\n5 sanctions sanction NOUN 3 obj\n6 on on ADP 7 case\n"
         "7 Iran Iran PROPN 3 obl\n",
         {M(0, 1, 2, "IGOEUREEC"), M(0, 7, 7, "IRN")}, 2, "IGOEUREEC", "IRN", "163"},
        {"1 China China PROPN 2 nsubj\n2 reacted react VERB 0 root\n3 angrily angrily ADV 2 advmod\n"
         "4 to to ADP 6 case\n5 the the DET 6 det\n6 decision decision NOUN 2 obl\n"
         "7 by by ADP 8 case\n8 Japan Japan PROPN 6 nmod\n",
         {M(0, 1, 1, "CHN"), M(0, 8, 8, "JPN")}, 2, "CHN", "JPN", "110"},
        {"1 Russia Russia PROPN 3 nmod:poss\n2 's 's PART 1 case\n3 move move NOUN 4 nsubj\n"
         "4 sparked spark VERB 0 root\n5 alarm alarm NOUN 4 obj\n6 in in ADP 7 case\n"
         "7 Poland Poland PROPN 4 obl\n",
         {M(0, 1, 1, "RUS"), M(0, 7, 7, "POL")}, 2, "POL", "RUS", "012"},
        {"1 Ukraine Ukraine PROPN 2 nsubj\n2 accused accuse VERB 0 root\n3 Russia Russia PROPN 2 obj\n"
         "4 of of ADP 6 case\n5 war war NOUN 6 compound\n6 crimes crime NOUN 2 obl\n",
         {M(0, 1, 1, "UKR"), M(0, 3, 3, "RUS")}, 2, "UKR", "RUS", "1124"},
        {"1 Poland Poland PROPN 2 nsubj\n2 expelled expel VERB 0 root\n3 three three NUM 5 nummod\n"
         "4 Russian Russian ADJ 5 amod\n5 diplomats diplomat NOUN 2 obj\n",
         {M(0, 1, 1, "POL"), M(0, 4, 5, "RUSGOV")}, 2, "POL", "RUSGOV", "161"},
        {"1 Police police NOUN 2 nsubj\n2 arrested arrest VERB 0 root\n3 two two NUM 5 nummod\n"
         "4 opposition opposition NOUN 5 compound\n5 leaders leader NOUN 2 obj\n",
         {M(0, 1, 1, "GEOCOP"), M(0, 4, 5, "GEOOPP")}, 2, "GEOCOP", "GEOOPP", "173"},
        {"1 Israeli Israeli ADJ 2 amod\n2 strikes strike NOUN 3 nsubj\n3 killed kill VERB 0 root\n"
         "4 20 20 NUM 5 nummod\n5 Palestinians Palestinian PROPN 3 obj\n6 in in ADP 7 case\n"
         "7 Gaza Gaza PROPN 3 obl\n",
         {M(0, 1, 1, "ISR"), M(0, 5, 5, "PSE"), M(0, 7, 7, "PSE")}, 3, "ISR", "PSE", "190"},
        {"1 Russia Russia PROPN 2 nsubj\n2 agreed agree VERB 0 root\n3 to to ADP 5 case\n"
         "4 a a DET 5 det\n5 ceasefire ceasefire NOUN 2 obl\n6 with with ADP 7 case\n"
         "7 Ukraine Ukraine PROPN 2 obl\n",
         {M(0, 1, 1, "RUS"), M(0, 7, 7, "UKR")}, 2, "RUS", "UKR", "0356"},
        {"1 Trump Trump PROPN 2 nsubj\n2 met meet VERB 0 root\n3 with with ADP 4 case\n"
         "4 Putin Putin PROPN 2 obl\n5 in in ADP 6 case\n6 Alaska Alaska PROPN 2 obl\n",
         {M(0, 1, 1, "USAGOV"), M(0, 4, 4, "RUSGOV"), M(0, 6, 6, "USA")}, 3, "USAGOV", "RUSGOV", "040"},
        {"1 Beijing Beijing PROPN 2 nsubj\n2 signed sign VERB 0 root\n3 a a DET 5 det\n"
         "4 trade trade NOUN 5 compound\n5 deal deal NOUN 2 obj\n6 with with ADP 7 case\n"
         "7 Washington Washington PROPN 2 obl\n",
         {M(0, 1, 1, "CHNGOV"), M(0, 7, 7, "USAGOV")}, 2, "CHNGOV", "USAGOV", "061"},
        {"1 Russian Russian ADJ 2 amod\n2 troops troop NOUN 3 nsubj\n3 shelled shell VERB 0 root\n"
         "4 Ukrainian Ukrainian ADJ 5 amod\n5 positions position NOUN 3 obj\n",
         {M(0, 1, 2, "RUSMIL"), M(0, 4, 4, "UKR")}, 2, "RUSMIL", "UKR", "194"},
        {"1 Hamas Hamas PROPN 2 nsubj\n2 released release VERB 0 root\n3 four four NUM 5 nummod\n"
         "4 Israeli Israeli ADJ 5 amod\n5 hostages hostage NOUN 2 obj\n",
         {M(0, 1, 1, "PSEHMS"), M(0, 4, 5, "ISRCVL")}, 2, "PSEHMS", "ISRCVL", "0841"},
        {"1 Germany Germany PROPN 3 nsubj\n2 is be AUX 3 cop\n3 concerned concerned ADJ 0 root\n"
         "4 about about ADP 6 case\n5 Russian Russian ADJ 6 amod\n6 troops troop NOUN 3 obl\n",
         {M(0, 1, 1, "DEU"), M(0, 5, 6, "RUSMIL")}, 2, "DEU", "RUSMIL", "012"},
        {"1 Iran Iran PROPN 2 nsubj\n2 warned warn VERB 0 root\n3 Israel Israel PROPN 2 obj\n"
         "4 against against ADP 6 case\n5 further further ADJ 6 amod\n6 strikes strike NOUN 2 obl\n",
         {M(0, 1, 1, "IRN"), M(0, 3, 3, "ISR")}, 2, "IRN", "ISR", "130"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *const sentences[] = {cases[i].sentence, NULL};
        dyad_document *d = code(state, sentences, cases[i].mentions, cases[i].mention_count);
        if (!find(d, cases[i].source, cases[i].target, cases[i].code)) {
            for (size_t e = 0; e < d->event_count; e++)
                print_message("  produced %s %s %s\n", d->events[e].source.code,
                              d->events[e].has_target ? d->events[e].target.code : "-", d->events[e].cameo);
            fail_msg("case %zu: no %s %s %s", i, cases[i].source, cases[i].target, cases[i].code);
        }
    }
}

/* The parser hung the second verb on a time nominal of the first clause:
 * it still shares the first clause's subject. */
static void verb_coordinated_with_a_time_nominal(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 attacked attack VERB 0 root\n"
                             "3 Kyiv Kyiv PROPN 2 obj\n"
                             "4 on on ADP 5 case\n"
                             "5 Monday Monday PROPN 2 obl\n"
                             "6 and and CCONJ 7 cc\n"
                             "7 threatened threaten VERB 5 conj\n"
                             "8 Poland Poland PROPN 7 obj\n"
                             "9 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 3, 3, "UKR"), M(0, 8, 8, "POL")};
    dyad_document *d = code(state, s, m, 3);
    assert_non_null(find(d, "RUS", "UKR", "190"));
    assert_non_null(find(d, "RUS", "POL", "130"));
}

/* "to" read as the infinitive marker of a later verb, with the noun after
 * it as that verb's subject: the phrase is the first verb's "to" oblique. */
static void to_phrase_read_as_an_infinitive(void **state) {
    const char *const s[] = {"1 Russia Russia PROPN 2 nsubj\n"
                             "2 sent send VERB 0 root\n"
                             "3 aid aid NOUN 2 obj\n"
                             "4 to to PART 9 mark\n"
                             "5 Belarus Belarus PROPN 9 nsubj\n"
                             "6 after after ADP 7 case\n"
                             "7 storms storm NOUN 5 nmod\n"
                             "8 had have AUX 9 aux\n"
                             "9 flooded flood VERB 2 advcl\n"
                             "10 farms farm NOUN 9 obj\n"
                             "11 . . PUNCT 2 punct\n", NULL};
    const fixture_mention m[] = {M(0, 1, 1, "RUS"), M(0, 5, 5, "BLR")};
    dyad_document *d = code(state, s, m, 2);
    assert_int_equal(d->event_count, 1);
    assert_non_null(find(d, "RUS", "BLR", "070"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subject_verb_object),
        cmocka_unit_test(light_verb_and_preposition),
        cmocka_unit_test(passive_voice),
        cmocka_unit_test(agentless_passive_has_no_source),
        cmocka_unit_test(coordinated_actors),
        cmocka_unit_test(actors_in_a_list),
        cmocka_unit_test(unarmed_source_uses_no_military_force),
        cmocka_unit_test(grouped_by_a_later_reference_is_no_compound),
        cmocka_unit_test(rejected_thing_made_in_an_earlier_sentence),
        cmocka_unit_test(coordinated_verbs_share_the_subject),
        cmocka_unit_test(verb_coordinated_with_a_time_nominal),
        cmocka_unit_test(to_phrase_read_as_an_infinitive),
        cmocka_unit_test(reported_speech),
        cmocka_unit_test(pronoun_in_reported_clause_is_the_speaker),
        cmocka_unit_test(subject_before_an_auxiliary_misattached),
        cmocka_unit_test(past_tense_read_as_participle),
        cmocka_unit_test(past_tense_read_as_participle_with_its_subject),
        cmocka_unit_test(participle_before_a_subject_is_no_clause),
        cmocka_unit_test(coordinated_verbs_share_the_later_object),
        cmocka_unit_test(conjunct_with_its_own_subject_keeps_its_object),
        cmocka_unit_test(object_read_as_subject_of_the_next_clause),
        cmocka_unit_test(pattern_words_through_a_measure_noun),
        cmocka_unit_test(future_auxiliary_is_an_intention),
        cmocka_unit_test(object_of_a_reaction_is_no_event_of_its_own),
        cmocka_unit_test(author_of_the_object_in_a_relative_clause),
        cmocka_unit_test(passive_patient_in_patterns),
        cmocka_unit_test(pronoun_subject_of_an_xcomp_is_the_speaker),
        cmocka_unit_test(nominal_event_between_two_actors),
        cmocka_unit_test(possessive_nominal_event),
        cmocka_unit_test(negation),
        cmocka_unit_test(participle_on_a_light_verb_noun),
        cmocka_unit_test(refusal_is_a_rejection),
        cmocka_unit_test(failure_negates),
        cmocka_unit_test(threat_codes_the_threat_not_the_act),
        cmocka_unit_test(intention_through_a_modal_verb),
        cmocka_unit_test(appeal_codes_what_is_asked),
        cmocka_unit_test(visit_codes_both_directions),
        cmocka_unit_test(compound_subject_of_a_mutual_verb),
        cmocka_unit_test(event_noun_under_a_light_verb),
        cmocka_unit_test(no_event_without_two_actors),
        cmocka_unit_test(topic_is_no_target),
        cmocka_unit_test(sport_is_discarded),
        cmocka_unit_test(conditional_is_not_coded),
        cmocka_unit_test(coreference_gives_the_code),
        cmocka_unit_test(unparsed_sentence_is_read_linearly),
        cmocka_unit_test(heading_is_not_coded),
        cmocka_unit_test(event_date_is_the_document_date),
        cmocka_unit_test(cyclic_parse_is_read_linearly),
        cmocka_unit_test(wire_phrases),
        cmocka_unit_test(side_by_side_subjects),
        cmocka_unit_test(modifiers_of_a_coordinated_head),
        cmocka_unit_test(passive_without_subject_has_no_source),
        cmocka_unit_test(purpose_clause_names_the_target),
        cmocka_unit_test(rejecting_evaluation_of_a_proposal),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
