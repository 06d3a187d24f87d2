/*
 * quotes.c — quotations, direct and reported, and who made them.
 *
 * Direct quotations are found by pairing quotation marks over the whole
 * document (they cross sentences and paragraphs):
 *   - curly marks pair by direction, straight marks alternate; single marks
 *     (‘ ’ ') count only outside double ones, since an apostrophe looks the
 *     same as a closing single mark;
 *   - a quotation that runs to the end of a paragraph continues only when
 *     the next paragraph opens with a quotation mark (the convention for
 *     quotes of several paragraphs); otherwise it ends with its paragraph,
 *     and is kept only when it opened the paragraph or followed a colon
 *     (a closing mark forgotten), not when the mark was stray;
 *   - caps: a quotation spans at most MAX_QUOTE_PARAGRAPHS paragraphs and
 *     MAX_QUOTE_BYTES bytes, so unbalanced marks across an article can
 *     never make one quotation of the whole article; pairing is one linear
 *     pass.
 * The text of a quotation is what lies between its marks.
 *
 * Each quotation is then attributed, first match wins:
 *   1. after it: “...,” Ushakov told reporters / “...,” said Ushakov
 *   2. before it, in its sentence: Zelensky wrote on Telegram: “...” /
 *      Peskov called the talks “productive” / ..., adding: “...” (the
 *      speaker of the quotation before goes on), or at the end of the
 *      previous sentence when that ends with a colon;
 *   3. a quotation that opens its sentence and has no cue continues the
 *      previous quotation's speaker when that was in the same or the
 *      previous paragraph;
 *   4. a long quotation inside a sentence with no speech verb ("Putin sent
 *      “important signals and greetings”") belongs to the sentence's
 *      subject when that is a name or a pronoun.
 * Short quotations (up to SCARE_QUOTE_WORDS words) without a speech cue
 * are scare quotes ("so-called “referendums”"), and quoted phrases in
 * title case are titles (the newspaper “Novaya Gazeta”): neither is
 * speech, and neither is reported.
 *
 * Reported speech is found sentence by sentence from speech verbs
 * (speech.txt), outside direct quotations:
 *   X said (that) CLAUSE / X told reporters (that) CLAUSE
 *   CLAUSE, X said (in a statement). / CLAUSE, said X.
 *   CLAUSE, a diplomat briefed on the talks said.
 *   according to X, CLAUSE / CLAUSE, according to X, which said CLAUSE
 *   ..., adding that CLAUSE (the speaker before goes on)
 * The quotation's text is the clause; it needs a speaker; a clause after
 * the verb has a finite verb, one before it is not a bare noun phrase or
 * adverbial, and neither contains a quotation mark (so a verb that also
 * attributes a direct quotation reports nothing twice).
 *
 * The speaker is the subject of the speech verb: from the parse when the
 * sentence has one (the nsubj of the verb, without appositions and
 * relative clauses), else from a window: the noun phrase before the verb
 * (skipping adverbs, auxiliaries and an apposition between commas, taking
 * the name in "The UN envoy, Ramtane Lamamra, said"; "X, which said"), or
 * the one after it in inverted order ("said the ministry").  A speaker
 * that is an actor mention is linked to it (following coreference to a
 * named mention); without mentions "he" and "she" are resolved to the last
 * person named (a speaker with a name, or a name after a title), "it" and
 * "they" to the last speaker.
 */
#include "extract_internal.h"
#include "../util/arena.h"

#include <stdlib.h>
#include <string.h>

enum {
    MAX_QUOTE_PARAGRAPHS = 6,
    MAX_QUOTE_BYTES = 8000,
    SCARE_QUOTE_WORDS = 3,
    CUE_WINDOW = 14,          /* pieces searched for a speech verb beside a quotation */
    CLAUSE_VERB_WINDOW = 24,  /* pieces of a reported clause searched for its verb */
    NOUN_PHRASE_WORDS = 9
};

typedef struct span {
    size_t first, last;       /* pieces, inclusive */
    bool found;
} span;

typedef struct direct_quote {
    size_t open, close;       /* the mark pieces; close == open when unterminated */
    uint32_t start, end;      /* byte span of the text between the marks */
    bool terminated;
} direct_quote;

/* The speaker of the latest attributed quotation, for "he said" and for
 * quotations that continue without a cue. */
typedef struct speaker_memory {
    bool known;
    int32_t mention;
    const char *text, *name, *cue;
    uint32_t paragraph;
    const char *last_name;    /* the last speaker that was a name, not a pronoun */
    int32_t last_name_mention;
    const char *last_person;  /* the last person named: a speaker or a titled name */
    int32_t last_person_mention;
    size_t last_speaker_sentence;   /* where the last speaker was found, +1 (0: none) */
} speaker_memory;

/* ----------------------------------------------------------- helpers */

static bool inside_direct(const direct_quote *quotes, size_t count, uint32_t offset);

static const piece *at(const extract_context *c, size_t i) {
    return &c->scan.pieces[i];
}

static bool word_is(const extract_context *c, const piece *p, const char *word) {
    size_t length = strlen(word);
    if (p->kind != PIECE_WORD || p->end - p->start != length) return false;
    const char *t = c->document->text + p->start;
    for (size_t i = 0; i < length; i++)
        if ((t[i] | 32) != word[i]) return false;
    return true;
}

static uint32_t paragraph_of(const extract_context *c, const piece *p) {
    return c->document->sentences[p->sentence].paragraph;
}

static bool is_determiner(const extract_context *c, const piece *p) {
    static const char *const determiners[] = {"the", "a", "an", "his", "her", "its", "their",
                                              "our", "this", "these", "those", "'s", "’s", "my",
                                              "your", "such", "no", "any"};
    for (size_t i = 0; i < sizeof determiners / sizeof *determiners; i++)
        if (word_is(c, p, determiners[i]) || piece_is(c->document, p, determiners[i])) return true;
    return false;
}

/* Adverbs and auxiliaries between a subject and its verb ("also said",
 * "has repeatedly said", "was quoted as saying"). */
static bool is_verb_padding(const extract_context *c, const piece *p) {
    static const char *const words[] = {"has", "had", "have", "was", "were", "is", "are",
                                        "would", "will", "also", "later", "then", "again",
                                        "earlier", "previously", "separately", "further",
                                        "once", "just", "had", "did", "does", "do", "quoted",
                                        "as", "not", "never", "been"};
    if (p->kind != PIECE_WORD || (p->flags & PIECE_CAPITALISED)) return false;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (word_is(c, p, words[i])) return true;
    size_t n = p->end - p->start;
    const char *t = c->document->text + p->start;
    return n > 4 && t[n - 2] == 'l' && t[n - 1] == 'y';   /* reportedly, repeatedly */
}

/* A word that can be part of a speaker's noun phrase. */
static bool is_phrase_word(const extract_context *c, const piece *p) {
    if (p->kind != PIECE_WORD) return false;
    if (p->flags & PIECE_ALL_CAPS) return true;   /* "UN", "US", "EU" */
    if (p->flags & PIECE_CAPITALISED) return !piece_has(p, LEX_FUNCTION) || piece_has(p, LEX_PRONOUN);
    if (piece_has(p, LEX_FUNCTION | LEX_CATEGORY | LEX_DATE_MODIFIER | LEX_DAY)) return false;
    /* "state", "report", "comment" are nouns too; "said" is not */
    if (piece_has(p, LEX_SPEECH) && !(p->word->speech_flags & SPEECH_AMBIGUOUS)) return false;
    size_t n = p->end - p->start;
    const char *t = c->document->text + p->start;
    /* verbs in -ed and -ing end a noun phrase */
    if (n > 3 && ((t[n - 2] == 'e' && t[n - 1] == 'd') ||
                  (t[n - 3] == 'i' && t[n - 2] == 'n' && t[n - 1] == 'g')))
        return false;
    return true;
}

/* The token of a piece, when the sentence has been tagged. */
static const dyad_token *token_of(const extract_context *c, const piece *p) {
    return scan_token_at(c->document, p);
}

static const lexeme *speech_cue_any(const extract_context *c, size_t k, size_t first, size_t end,
                                    size_t *last);

/* Is piece k a speech verb (or the start of a cue phrase) here, not used
 * yet by a quotation? */
static const lexeme *speech_cue(const extract_context *c, size_t k, size_t first, size_t end,
                                size_t *last) {
    const piece *p = at(c, k);
    if (p->kind != PIECE_WORD || p->owner == OWNER_CUE) return NULL;
    return speech_cue_any(c, k, first, end, last);
}

/* As speech_cue, also for a verb that already attributes a quotation:
 * "X said, calling the deal “a leap”" reports a clause and a quotation. */
static const lexeme *speech_cue_any(const extract_context *c, size_t k, size_t first, size_t end,
                                    size_t *last) {
    const piece *p = at(c, k);
    if (p->kind != PIECE_WORD || p->owner == OWNER_REPORTED) return NULL;
    const lexeme *cue = extract_match_phrase(c, k, end, LEX_SPEECH, last);
    if (!cue) return NULL;
    if (cue->speech_flags & SPEECH_PHRASE) return cue;
    const dyad_token *token = token_of(c, p);
    if (token && token->upos) {
        if (strcmp(token->upos, "VERB") != 0 && strcmp(token->upos, "AUX") != 0) return NULL;
        /* in a relative clause or a modifier ("officials who asked not to be
         * named") the verb reports nothing */
        if (token->deprel && (strncmp(token->deprel, "acl", 3) == 0 ||
                              strcmp(token->deprel, "xcomp") == 0 || strcmp(token->deprel, "amod") == 0))
            return NULL;
        return cue;
    }
    if (k > first && is_determiner(c, at(c, k - 1))) return NULL;
    if (cue->speech_flags & SPEECH_AMBIGUOUS) {
        /* "claims", "notes": a verb after a subject, not after "the", and
         * never capitalised ("The United States pledged") */
        if (k == first || (p->flags & PIECE_CAPITALISED)) return NULL;
        /* "who has called", "also notes": look past auxiliaries and adverbs */
        size_t b = k;
        while (b > first + 1 && is_verb_padding(c, at(c, b - 1))) b--;
        const piece *before = at(c, b - 1);
        bool subject = (before->kind == PIECE_WORD && !piece_has(before, LEX_FUNCTION)) ||
                       piece_has(before, LEX_PRONOUN) || before->kind == PIECE_QUOTE ||
                       word_is(c, before, "who") || word_is(c, before, "which") ||
                       piece_is_punct(c->document, before, ",");
        if (!subject) return NULL;
        /* "estimates", "claims", "notes" are plural nouns more often than
         * verbs: as verbs they must introduce what is said */
        const char *w = c->document->text + p->start;
        size_t n = p->end - p->start;
        if (w[n - 1] == 's') {
            const piece *next = k + 1 < end ? at(c, k + 1) : NULL;
            if (!next || !(word_is(c, next, "that") || next->kind == PIECE_QUOTE ||
                           piece_is_punct(c->document, next, ":")))
                return NULL;
        }
        if (k + 1 < end) {
            const piece *after = at(c, k + 1);
            if (after->kind == PIECE_WORD && piece_has(after, LEX_FUNCTION) &&
                !word_is(c, after, "that") && !word_is(c, after, "the") && !word_is(c, after, "it") &&
                !piece_has(after, LEX_PRONOUN) && !word_is(c, after, "on") && !word_is(c, after, "in"))
                return NULL;   /* "the claims of ..." */
        }
    }
    return cue;
}

/* ------------------------------------------------- noun phrases */

/* The noun phrase that ends at piece `last` (going left, not before
 * `limit`). */
static span phrase_ending_at(const extract_context *c, size_t last, size_t limit) {
    span s = {0};
    const piece *p = at(c, last);
    if (piece_has(p, LEX_PRONOUN) && p->kind == PIECE_WORD) {
        s.first = s.last = last;
        s.found = true;
        return s;
    }
    if (!is_phrase_word(c, p) || piece_has(p, LEX_FUNCTION)) return s;
    size_t first = last, words = 1;
    while (first > limit && words < NOUN_PHRASE_WORDS) {
        const piece *q = at(c, first - 1);
        if (word_is(c, q, "the") || word_is(c, q, "a") || word_is(c, q, "an")) {
            first--;
            /* "a spokesman for the ministry": keep going through for/of/at */
            if (first > limit + 1 && (word_is(c, at(c, first - 1), "for") ||
                                      word_is(c, at(c, first - 1), "of") ||
                                      word_is(c, at(c, first - 1), "at")) &&
                is_phrase_word(c, at(c, first - 2))) {
                first -= 2;
                words++;
                continue;
            }
            break;
        }
        if (is_phrase_word(c, q) && !piece_has(q, LEX_PRONOUN)) {
            first--;
            words++;
            continue;
        }
        if (piece_is(c->document, q, "'s") || piece_is(c->document, q, "’s")) {
            first--;
            continue;
        }
        if ((word_is(c, q, "of") || word_is(c, q, "for")) && first - 1 > limit &&
            (at(c, first)->flags & PIECE_CAPITALISED) && is_phrase_word(c, at(c, first - 2))) {
            first--;   /* "Ministry of Defence", "Institute for the Study of War" */
            continue;
        }
        if (piece_is_dash(c->document, q) && piece_joined(q) && piece_joined(at(c, first)) &&
            first - 1 > limit && at(c, first - 2)->kind == PIECE_WORD) {
            first--;   /* "al-Sisi", "Kremlin-backed" */
            continue;
        }
        if (piece_is_punct(c->document, q, ".") && piece_joined(q) && first - 1 > limit &&
            at(c, first - 2)->kind == PIECE_WORD && at(c, first - 2)->end - at(c, first - 2)->start == 1) {
            first--;   /* the initial of "Donald J. Trump" */
            continue;
        }
        break;
    }
    s.first = first;
    s.last = last;
    s.found = true;
    return s;
}

/* The noun phrase that starts at piece `first` (going right, before `end`). */
static span phrase_starting_at(const extract_context *c, size_t first, size_t end) {
    span s = {0};
    if (first >= end) return s;
    const piece *p = at(c, first);
    if (piece_has(p, LEX_PRONOUN) && p->kind == PIECE_WORD) {
        s.first = s.last = first;
        s.found = true;
        return s;
    }
    size_t k = first;
    if (word_is(c, p, "the") || word_is(c, p, "a") || word_is(c, p, "an") ||
        word_is(c, p, "both") || word_is(c, p, "some") || word_is(c, p, "several") ||
        word_is(c, p, "many") || word_is(c, p, "two") || word_is(c, p, "three") ||
        word_is(c, p, "its") || word_is(c, p, "their") || word_is(c, p, "his") ||
        word_is(c, p, "her") || word_is(c, p, "our"))
        k++;
    size_t last = k, words = 0;
    while (k < end && words < NOUN_PHRASE_WORDS) {
        const piece *q = at(c, k);
        if (is_phrase_word(c, q) && !piece_has(q, LEX_PRONOUN)) {
            last = k++;
            words++;
            continue;
        }
        /* "residents and aid groups" */
        if (word_is(c, q, "and") && words && k + 1 < end && is_phrase_word(c, at(c, k + 1)) &&
            !piece_has(at(c, k + 1), LEX_PRONOUN)) {
            k++;
            continue;
        }
        if ((piece_is(c->document, q, "'s") || piece_is(c->document, q, "’s")) && words) {
            last = k++;
            continue;
        }
        if ((word_is(c, q, "of") || word_is(c, q, "for")) && words && k + 1 < end &&
            (at(c, k + 1)->flags & PIECE_CAPITALISED)) {
            k++;
            continue;
        }
        if (piece_is_dash(c->document, q) && piece_joined(q) && words && k + 1 < end &&
            piece_joined(at(c, k + 1))) {
            k++;
            continue;
        }
        break;
    }
    if (!words) return s;
    s.first = first;
    s.last = last;
    s.found = true;
    return s;
}

/* "von der Leyen", "bin Salman", "al-Assad": lower-case parts of names. */
static bool is_name_particle(const extract_context *c, const piece *p) {
    static const char *const particles[] = {"von", "van", "der", "den", "de", "da", "di", "del",
                                            "la", "le", "al", "el", "bin", "ibn", "ben", "abu"};
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (piece_is(c->document, p, particles[i])) return true;
    return false;
}

/* A phrase that names a person: capitalised words (titles may be in lower
 * case: "Kremlin aide Yuri Ushakov"), ending in a capitalised word that is
 * not a place, and not opening with an article ("the State Emergency
 * Service" is an organisation). */
static bool is_person_like(const extract_context *c, span s) {
    if (!s.found) return false;
    const piece *last = at(c, s.last);
    if (!(last->flags & PIECE_CAPITALISED) || last->owner == OWNER_PLACE ||
        piece_has(last, LEX_FUNCTION | LEX_PRONOUN))
        return false;
    for (size_t k = s.first; k <= s.last; k++) {
        const piece *p = at(c, k);
        if (p->kind == PIECE_PUNCT) continue;
        if (p->kind != PIECE_WORD) return false;
        if (!(p->flags & PIECE_CAPITALISED) && !piece_has(p, LEX_TITLE) && !is_name_particle(c, p))
            return false;
        if (k == s.first && piece_has(p, LEX_FUNCTION)) return false;
    }
    return true;
}

/* The subject of a parsed verb: its nsubj and what hangs from it, except
 * appositions, clauses and punctuation. */
static span parsed_subject(const extract_context *c, size_t verb) {
    span s = {0};
    const piece *p = at(c, verb);
    const dyad_token *token = token_of(c, p);
    if (!token || token->head < 0 || !token->deprel) return s;
    const dyad_sentence *sentence = &c->document->sentences[p->sentence];
    int32_t verb_index = (int32_t)(token - sentence->tokens);
    int32_t subject = -1;
    for (uint32_t t = 0; t < sentence->token_count; t++) {
        const dyad_token *candidate = &sentence->tokens[t];
        if (candidate->head == verb_index + 1 && candidate->deprel &&
            strncmp(candidate->deprel, "nsubj", 5) == 0) {
            subject = (int32_t)t;
            break;
        }
    }
    if (subject < 0) return s;
    uint32_t start = sentence->tokens[subject].start, end = sentence->tokens[subject].end;
    for (uint32_t t = 0; t < sentence->token_count; t++) {
        /* is `subject` an ancestor of t, through allowed relations? */
        int32_t node = (int32_t)t;
        bool inside = false;
        for (int depth = 0; depth < 64 && node >= 0; depth++) {
            if (node == subject) {
                inside = true;
                break;
            }
            const dyad_token *n = &sentence->tokens[node];
            if (!n->deprel || n->head <= 0 || strcmp(n->deprel, "appos") == 0 ||
                strncmp(n->deprel, "acl", 3) == 0 || strcmp(n->deprel, "punct") == 0 ||
                strcmp(n->deprel, "parataxis") == 0)
                break;
            node = n->head - 1;
        }
        if (inside) {
            if (sentence->tokens[t].start < start) start = sentence->tokens[t].start;
            if (sentence->tokens[t].end > end) end = sentence->tokens[t].end;
        }
    }
    /* back to pieces */
    size_t first_piece = c->scan.sentence_first[p->sentence];
    size_t end_piece = c->scan.sentence_first[p->sentence + 1];
    for (size_t k = first_piece; k < end_piece; k++) {
        if (at(c, k)->start >= start && !s.found) {
            s.first = k;
            s.found = true;
        }
        if (s.found && at(c, k)->end <= end) s.last = k;
    }
    if (s.found && s.last < s.first) s.found = false;
    return s;
}

/* The subject before speech verb `verb`, not reaching left of `limit`. */
static span subject_before(const extract_context *c, size_t verb, size_t limit) {
    span parsed = parsed_subject(c, verb);
    if (parsed.found) return parsed;
    size_t k = verb;
    for (int steps = 0; steps < 3 && k > limit && is_verb_padding(c, at(c, k - 1)); steps++) k--;
    if (k <= limit) return (span){0};
    /* an apposition between commas: "Yuri Ushakov, a Kremlin aide, said" */
    if (piece_is_punct(c->document, at(c, k - 1), ",")) {
        size_t comma = k - 1;
        /* the apposition may quote ("Vucic, who called them “hooligans”, said") */
        for (size_t j = comma; j > limit && comma - j < 20; j--) {
            const piece *q = at(c, j - 1);
            if (piece_is_punct(c->document, q, ";:")) break;
            if (piece_is_punct(c->document, q, ",")) {
                if (j - 1 > limit) {
                    span s = phrase_ending_at(c, j - 2, limit);
                    if (s.found && (at(c, s.first)->flags & PIECE_CAPITALISED)) {
                        /* "The UN envoy, Ramtane Lamamra, said": the name */
                        span name = phrase_starting_at(c, j, comma);
                        if (!is_person_like(c, s) && name.found && name.last + 1 == comma &&
                            is_person_like(c, name))
                            return name;
                        return s;
                    }
                }
                break;
            }
        }
        return (span){0};
    }
    /* "the agency, which said": the relative pronoun stands for the phrase
     * before the comma */
    const piece *just_before = at(c, k - 1);
    size_t sentence_first = c->scan.sentence_first[just_before->sentence];
    if ((word_is(c, just_before, "which") || word_is(c, just_before, "who")) &&
        k - 1 > sentence_first + 1 && piece_is_punct(c->document, at(c, k - 2), ","))
        return phrase_ending_at(c, k - 3, sentence_first);
    span s = phrase_ending_at(c, k - 1, limit);
    /* "Congo's government in Kinshasa says": a subject that opens the
     * sentence may carry a prepositional phrase */
    if (s.found && s.first > limit + 1) {
        const piece *joiner = at(c, s.first - 1);
        if (word_is(c, joiner, "in") || word_is(c, joiner, "at") || word_is(c, joiner, "from") ||
            word_is(c, joiner, "of") || word_is(c, joiner, "for")) {
            span head = phrase_ending_at(c, s.first - 2, limit);
            if (head.found && head.first == limit && !piece_has(at(c, head.first), LEX_PRONOUN)) {
                head.last = s.last;
                return head;
            }
        }
    }
    return s;
}

/* The speaker after a verb in inverted order ("said Ushakov", "said the
 * Kremlin spokesman, Dmitry Peskov"). */
static span speaker_after(const extract_context *c, size_t verb_last, size_t end) {
    span s = phrase_starting_at(c, verb_last + 1, end);
    if (!s.found) return s;
    /* "the Kremlin spokesman, Dmitry Peskov": the name is more useful */
    if (s.last + 2 < end && piece_is_punct(c->document, at(c, s.last + 1), ",") &&
        (at(c, s.last + 2)->flags & PIECE_CAPITALISED) && !(at(c, s.first)->flags & PIECE_CAPITALISED)) {
        span name = phrase_starting_at(c, s.last + 2, end);
        if (name.found) return name;
    }
    return s;
}

/* ---------------------------------------------------- attributions */

typedef struct attribution {
    bool found;
    bool has_cue;
    size_t cue, cue_last;     /* the speech verb or phrase */
    span speaker;
    bool continues;           /* "adding": the previous speaker goes on */
} attribution;

/* Speaker and cue after a quotation's closing mark. */
static attribution attribution_after(const extract_context *c, size_t close) {
    attribution a = {0};
    const piece *mark = at(c, close);
    size_t end = c->scan.sentence_first[mark->sentence + 1];
    size_t k = close + 1;
    if (k < end && piece_is_punct(c->document, at(c, k), ",")) k++;
    size_t start = k;
    for (size_t steps = 0; k < end && steps < CUE_WINDOW; k++, steps++) {
        const piece *p = at(c, k);
        if (p->kind == PIECE_QUOTE) break;
        if (piece_is_punct(c->document, p, ".;!?")) break;
        size_t last;
        const lexeme *cue = speech_cue(c, k, start, end, &last);
        if (!cue) continue;
        a.has_cue = true;
        a.cue = k;
        a.cue_last = last;
        if (cue->speech_flags & SPEECH_PHRASE) {
            a.speaker = phrase_starting_at(c, last + 1, end);
        } else {
            a.speaker = k > start ? subject_before(c, k, start - 1) : (span){0};
            if (a.speaker.found && a.speaker.first < start) a.speaker.found = false;
            if (!a.speaker.found && k == start) a.speaker = speaker_after(c, last, end);
        }
        a.found = a.speaker.found;
        return a;
    }
    return a;
}

/* Speaker and cue before a quotation's opening mark, in its sentence (or
 * at the end of the previous one when that ends with a colon). */
static attribution attribution_before(const extract_context *c, size_t open) {
    attribution a = {0};
    const piece *mark = at(c, open);
    size_t first = c->scan.sentence_first[mark->sentence];
    size_t limit = first;
    size_t from = open;
    if (open == first && mark->sentence > 0) {
        /* 'Ushakov said:' then the quotation as its own sentence */
        size_t previous_first = c->scan.sentence_first[mark->sentence - 1];
        if (open > previous_first && piece_is_punct(c->document, at(c, open - 1), ":")) {
            limit = previous_first;
            from = open - 1;
        }
    }
    for (size_t k = from, steps = 0; k > limit && steps < CUE_WINDOW * 2; k--, steps++) {
        const piece *p = at(c, k - 1);
        if (p->kind == PIECE_QUOTE) break;
        size_t last;
        const lexeme *cue = speech_cue(c, k - 1, limit, open, &last);
        if (!cue) continue;
        a.has_cue = true;
        a.cue = k - 1;
        a.cue_last = last;
        if (cue->speech_flags & SPEECH_PHRASE) {
            a.speaker = phrase_starting_at(c, last + 1, open);
        } else {
            a.speaker = subject_before(c, k - 1, limit);
            if (!a.speaker.found && (cue->speech_flags & SPEECH_CONTINUE)) {
                /* "X said, calling the deal “a leap”": the speaker of the
                 * sentence's own speech verb, else the previous speaker */
                for (size_t j = k - 1; j > limit; j--) {
                    size_t main_last;
                    const lexeme *main_cue = speech_cue_any(c, j - 1, limit, open, &main_last);
                    if (!main_cue || (main_cue->speech_flags & (SPEECH_CONTINUE | SPEECH_PHRASE))) continue;
                    span main_speaker = subject_before(c, j - 1, limit);
                    if (!main_speaker.found && j - 1 > limit + 1 &&
                        piece_is_punct(c->document, at(c, j - 2), ","))
                        main_speaker = speaker_after(c, main_last, open);
                    if (main_speaker.found) a.speaker = main_speaker;
                    break;
                }
                if (!a.speaker.found) a.continues = true;
            }
            /* "…, adding:" with its subject far back: the previous speaker */
            if (!a.speaker.found && k - 1 > limit &&
                piece_is_punct(c->document, at(c, k - 2), ","))
                a.continues = true;
        }
        a.found = a.speaker.found || a.continues;
        return a;
    }
    return a;
}

/* The sentence's subject when it is a name or a pronoun, for quotations
 * without a speech verb ("Putin sent “important signals and greetings”"):
 * capitalised words (and name particles) opening the sentence, followed by
 * a lower-case word, its verb. */
static span sentence_subject(const extract_context *c, size_t open) {
    const piece *mark = at(c, open);
    size_t first = c->scan.sentence_first[mark->sentence];
    span s = {.first = first, .last = first};
    const piece *head = at(c, first);
    if (head->kind != PIECE_WORD || first >= open) return (span){0};
    if (piece_has(head, LEX_PRONOUN)) {
        s.found = true;
        return s;
    }
    if (!(head->flags & PIECE_CAPITALISED) || piece_has(head, LEX_FUNCTION)) return (span){0};
    size_t k = first + 1;
    while (k < open && at(c, k)->kind == PIECE_WORD &&
           ((at(c, k)->flags & PIECE_CAPITALISED) || is_name_particle(c, at(c, k))))
        k++;
    /* the name must be followed by its verb, in lower case */
    if (k >= open || at(c, k)->kind != PIECE_WORD || (at(c, k)->flags & PIECE_CAPITALISED)) return (span){0};
    s.last = k - 1;
    s.found = true;
    return s;
}

/* ---------------------------------------------------------- speakers */

/* Follows coreference back to a mention that has a name. */
static int32_t named_antecedent(const dyad_document *d, int32_t mention) {
    int32_t current = mention;
    for (int steps = 0; steps < 64 && current >= 0 && (size_t)current < d->mention_count; steps++) {
        const dyad_mention *m = &d->mentions[current];
        if (m->name || m->antecedent < 0) return current;
        current = m->antecedent;
    }
    return mention;
}

static dyad_status fill_speaker(extract_context *c, dyad_quote *q, const attribution *a,
                                speaker_memory *memory, uint32_t paragraph) {
    dyad_document *d = c->document;
    if (a->continues || !a->speaker.found) {
        if (!memory->known) return DYAD_OK;
        q->speaker = memory->mention;
        q->speaker_text = memory->text;
        q->speaker_name = memory->name;
        if (!q->cue) q->cue = memory->cue;
        memory->paragraph = paragraph;
        return DYAD_OK;
    }
    const piece *first = at(c, a->speaker.first), *last = at(c, a->speaker.last);
    q->speaker_text = arena_strndup(d->arena, d->text + first->start, last->end - first->start);
    if (!q->speaker_text) return extract_out_of_memory(c);
    bool pronoun = a->speaker.first == a->speaker.last && piece_has(first, LEX_PRONOUN);
    int32_t mention = extract_mention_at(c, first->start, last->end);
    q->speaker = mention;
    if (mention >= 0) {
        int32_t named = named_antecedent(d, mention);
        q->speaker = named;
        q->speaker_name = d->mentions[named].name ? d->mentions[named].name : d->mentions[named].text;
    } else if (pronoun) {
        /* "he" and "she" are people; "it" and "they" are more often the
         * ministry or the army that spoke last */
        bool personal = word_is(c, first, "he") || word_is(c, first, "she");
        if (personal && memory->last_person) {
            q->speaker_name = memory->last_person;
            q->speaker = memory->last_person_mention;
        } else {
            q->speaker_name = memory->last_name;
            q->speaker = memory->last_name_mention;
        }
    } else {
        q->speaker_name = q->speaker_text;
    }
    if (!pronoun || mention >= 0) {
        memory->last_name = q->speaker_name;
        memory->last_name_mention = q->speaker;
        if (is_person_like(c, a->speaker) ||
            (mention >= 0 && d->mentions[q->speaker].kind == DYAD_ACTOR_PERSON)) {
            memory->last_person = q->speaker_name;
            memory->last_person_mention = q->speaker;
        }
    }
    memory->known = true;
    memory->last_speaker_sentence = (size_t)first->sentence + 1;
    memory->mention = q->speaker;
    memory->text = q->speaker_text;
    memory->name = q->speaker_name;
    memory->cue = q->cue;
    memory->paragraph = paragraph;
    return DYAD_OK;
}

static const char *cue_text(extract_context *c, const attribution *a) {
    if (!a->has_cue) return NULL;
    const piece *first = at(c, a->cue), *last = at(c, a->cue_last);
    return arena_strndup(c->document->arena, c->document->text + first->start,
                         last->end - first->start);
}

static void claim_cue(extract_context *c, const attribution *a) {
    if (!a->has_cue) return;
    for (size_t k = a->cue; k <= a->cue_last; k++)
        if (c->scan.pieces[k].owner == OWNER_NONE) c->scan.pieces[k].owner = OWNER_CUE;
}

/* ------------------------------------------------ direct quotations */

static size_t count_words(const extract_context *c, size_t open, size_t close, size_t *capitalised,
                          size_t *content) {
    size_t words = 0;
    *capitalised = *content = 0;
    for (size_t k = open + 1; k < close; k++) {
        const piece *p = at(c, k);
        if (p->kind != PIECE_WORD && p->kind != PIECE_NUMBER) continue;
        words++;
        if (p->kind == PIECE_WORD && !piece_has(p, LEX_FUNCTION)) {
            (*content)++;
            if (p->flags & PIECE_CAPITALISED) (*capitalised)++;
        }
    }
    return words;
}

typedef struct direct_list {
    direct_quote *items;
    size_t count, capacity;
} direct_list;

static bool push_direct(extract_context *c, direct_list *list, size_t open, size_t close,
                        uint32_t start, uint32_t end, bool terminated) {
    /* a span longer than the cap is mismatched marks, not a quotation */
    if (end <= start || end - start > MAX_QUOTE_BYTES) return true;
    if (list->count == list->capacity) {
        list->items = arena_grow(c->document->arena, list->items, &list->capacity, sizeof *list->items);
        if (!list->items) return false;
    }
    list->items[list->count++] = (direct_quote){.open = open, .close = close, .start = start,
                                                .end = end, .terminated = terminated};
    return true;
}

/* A single mark that can close a quotation: glued to the word before it,
 * not to a word after it (that is an apostrophe: "ministers’ meeting"
 * aside, which nothing can tell from a closing mark). */
static bool closes_single(const piece *pieces, size_t n, size_t j) {
    const piece *q = &pieces[j];
    return q->kind == PIECE_QUOTE && (q->quote & QUOTE_SINGLE) && (q->quote & QUOTE_CLOSES) &&
           piece_joined(q) &&
           !(j + 1 < n && piece_joined(&pieces[j + 1]) && pieces[j + 1].kind == PIECE_WORD);
}

/* Pairs quotation marks over the document, in one pass.  Single marks
 * find their closing mark through next_single / next_double, arrays of
 * "the next such mark from here", so each opening costs O(1). */
static dyad_status find_direct(extract_context *c, direct_quote **out, size_t *out_count) {
    dyad_document *d = c->document;
    const piece *pieces = c->scan.pieces;
    size_t n = c->scan.count;
    direct_list list = {0};
    *out = NULL;
    *out_count = 0;
    if (!n) return DYAD_OK;
    uint32_t *next_single = arena_alloc(d->arena, (n + 1) * sizeof *next_single);
    uint32_t *next_double = arena_alloc(d->arena, (n + 1) * sizeof *next_double);
    if (!next_single || !next_double) return extract_out_of_memory(c);
    next_single[n] = next_double[n] = (uint32_t)n;
    for (size_t j = n; j-- > 0;) {
        next_single[j] = closes_single(pieces, n, j) ? (uint32_t)j : next_single[j + 1];
        next_double[j] = pieces[j].kind == PIECE_QUOTE && !(pieces[j].quote & QUOTE_SINGLE)
                             ? (uint32_t)j : next_double[j + 1];
    }
    bool open = false;
    size_t open_at = 0;
    uint32_t open_paragraph = 0, paragraphs = 0;
    for (size_t k = 0; k < n; k++) {
        const piece *p = &pieces[k];
        uint32_t paragraph = paragraph_of(c, p);
        if (open && p->start - pieces[open_at].end > MAX_QUOTE_BYTES) {
            /* never closed within the cap: a stray mark */
            open = false;
        }
        if (open && paragraph != open_paragraph) {
            /* a new paragraph: the quotation goes on only if it opens with a mark */
            bool continues = p->kind == PIECE_QUOTE && (p->quote & QUOTE_OPENS) &&
                             !(p->quote & QUOTE_SINGLE) && paragraphs + 1 < MAX_QUOTE_PARAGRAPHS;
            if (continues) {
                open_paragraph = paragraph;
                paragraphs++;
                continue;
            }
            /* unterminated: ends with the paragraph, kept only when it
             * opened the paragraph or followed a colon */
            const piece *mark = &pieces[open_at];
            bool leading = open_at == 0 ||
                           paragraph_of(c, &pieces[open_at - 1]) != paragraph_of(c, mark) ||
                           piece_is_punct(d, &pieces[open_at - 1], ":");
            if (leading && k > open_at + 1 &&
                !push_direct(c, &list, open_at, k - 1, mark->end, pieces[k - 1].end, false))
                return extract_out_of_memory(c);
            open = false;
        }
        if (p->kind != PIECE_QUOTE) continue;
        if (p->quote & QUOTE_SINGLE) {
            /* single marks: ‘ opens before a word, outside double quotes */
            if (open) continue;
            bool opens = (p->quote & QUOTE_OPENS) &&
                         ((p->flags & PIECE_SPACE_BEFORE) || k == 0 || pieces[k - 1].kind == PIECE_PUNCT) &&
                         k + 1 < n && piece_joined(&pieces[k + 1]) && pieces[k + 1].kind == PIECE_WORD;
            if (!opens) continue;
            size_t j = next_single[k + 1];
            if (j < n && j < next_double[k + 1] && paragraph_of(c, &pieces[j]) == paragraph &&
                pieces[j].start - p->end <= MAX_QUOTE_BYTES && j > k + 1) {
                if (!push_direct(c, &list, k, j, p->end, pieces[j].start, true))
                    return extract_out_of_memory(c);
                k = j;
            }
            continue;
        }
        bool can_open = p->quote & QUOTE_OPENS, can_close = p->quote & QUOTE_CLOSES;
        if (open && can_close) {
            if (k > open_at + 1 &&
                !push_direct(c, &list, open_at, k, pieces[open_at].end, p->start, true))
                return extract_out_of_memory(c);
            open = false;
            continue;
        }
        if (!open && can_open) {
            /* a straight mark glued to the word before it opens nothing
             * (inches, "5'11\"") */
            if (can_close && !(p->flags & PIECE_SPACE_BEFORE) && k > 0 &&
                pieces[k - 1].kind != PIECE_PUNCT && paragraph_of(c, &pieces[k - 1]) == paragraph)
                continue;
            open = true;
            open_at = k;
            open_paragraph = paragraph;
            paragraphs = 0;
        }
    }
    if (open && n > open_at + 1) {
        const piece *mark = &pieces[open_at];
        bool leading = open_at == 0 || paragraph_of(c, &pieces[open_at - 1]) != paragraph_of(c, mark) ||
                       piece_is_punct(d, &pieces[open_at - 1], ":");
        if (leading && !push_direct(c, &list, open_at, n - 1, mark->end, pieces[n - 1].end, false))
            return extract_out_of_memory(c);
    }
    *out = list.items;
    *out_count = list.count;
    return DYAD_OK;
}

static dyad_status add_reported(extract_context *c, size_t first, size_t last, attribution *a,
                                speaker_memory *memory);
static size_t words_between(const extract_context *c, size_t first, size_t last, size_t enough);
static size_t content_end(const extract_context *c, size_t first, size_t end);

/* “…,” he said, adding that CLAUSE: the clause is reported speech of the
 * same speaker. */
static dyad_status continued_reported(extract_context *c, size_t from, speaker_memory *memory) {
    const piece *p = at(c, from > 0 ? from - 1 : 0);
    size_t first, end;
    sentence_pieces(c, p->sentence, &first, &end);
    for (size_t k = from; k + 2 < end; k++) {
        if (at(c, k)->kind == PIECE_QUOTE) return DYAD_OK;
        size_t last;
        const lexeme *cue = speech_cue(c, k, first, end, &last);
        if (!cue || !(cue->speech_flags & SPEECH_CONTINUE) || !word_is(c, at(c, last + 1), "that"))
            continue;
        attribution a = {.found = true, .has_cue = true, .cue = k, .cue_last = last, .continues = true};
        return add_reported(c, last + 2, content_end(c, first, end), &a, memory);
    }
    return DYAD_OK;
}

static dyad_status attribute_direct(extract_context *c, const direct_quote *dq,
                                    speaker_memory *memory) {
    size_t capitalised, content;
    size_t words = count_words(c, dq->open, dq->close, &capitalised, &content);
    if (words == 0) return DYAD_OK;
    const piece *mark = at(c, dq->open);
    uint32_t paragraph = paragraph_of(c, mark);
    /* titles: every content word capitalised, no sentence punctuation */
    bool title = content >= 1 && capitalised == content && words <= 8 && dq->terminated &&
                 !piece_is_punct(c->document, at(c, dq->close - 1), ".,!?:;");
    attribution a = {0};
    if (dq->terminated) a = attribution_after(c, dq->close);
    if (!a.found) a = attribution_before(c, dq->open);
    bool short_quote = words <= SCARE_QUOTE_WORDS;
    if (title && !(a.found && a.has_cue && a.cue > dq->close)) return DYAD_OK;
    if (short_quote && !a.found) return DYAD_OK;   /* a scare quote */
    if (!a.found) {
        /* no cue: the previous speaker goes on when the quotation opens its
         * sentence, else the sentence's subject */
        size_t sentence_first = c->scan.sentence_first[mark->sentence];
        bool opens_sentence = dq->open == sentence_first;
        if (opens_sentence && memory->known && memory->paragraph + 1 >= paragraph) {
            a.continues = true;
            a.found = true;
        } else if (!opens_sentence) {
            a.speaker = sentence_subject(c, dq->open);
            a.found = a.speaker.found;
            a.has_cue = false;
        }
    }
    dyad_quote *q = extract_add_quote(c);
    if (!q) return extract_out_of_memory(c);
    q->start = dq->start;
    q->end = dq->end;
    q->direct = 1;
    q->speaker = -1;
    q->sentence = mark->sentence;
    if (a.found && a.has_cue) {
        q->cue = cue_text(c, &a);
        if (!q->cue) return extract_out_of_memory(c);
        claim_cue(c, &a);
    }
    if (!a.found) return DYAD_OK;
    dyad_status status = fill_speaker(c, q, &a, memory, paragraph);
    if (status != DYAD_OK || !a.has_cue || a.cue < dq->close) return status;
    return continued_reported(c, a.cue_last + 1, memory);
}

/* ---------------------------------------------------- reported speech */

static bool inside_direct(const direct_quote *quotes, size_t count, uint32_t offset) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (quotes[middle].start <= offset) low = middle + 1;
        else high = middle;
    }
    return low > 0 && offset < quotes[low - 1].end;
}

/* The last piece of a sentence that is not closing punctuation. */
static size_t content_end(const extract_context *c, size_t first, size_t end) {
    size_t last = end - 1;
    while (last > first && (piece_is_punct(c->document, at(c, last), ".!?;:") ||
                            at(c, last)->kind == PIECE_QUOTE))
        last--;
    return last;
}

static dyad_status add_reported(extract_context *c, size_t first, size_t last, attribution *a,
                                speaker_memory *memory) {
    if (last < first || words_between(c, first, last, 3) < 3) return DYAD_OK;
    dyad_quote *q = extract_add_quote(c);
    if (!q) return extract_out_of_memory(c);
    q->start = at(c, first)->start;
    q->end = at(c, last)->end;
    q->direct = 0;
    q->speaker = -1;
    q->sentence = at(c, first)->sentence;
    q->cue = cue_text(c, a);
    if (!q->cue) return extract_out_of_memory(c);
    for (size_t k = a->cue; k <= a->cue_last; k++)
        if (c->scan.pieces[k].owner == OWNER_NONE || c->scan.pieces[k].owner == OWNER_CUE)
            c->scan.pieces[k].owner = OWNER_REPORTED;
    return fill_speaker(c, q, a, memory, paragraph_of(c, at(c, first)));
}

/* Prepositions that start a phrase after a speech verb rather than the
 * reported clause ("said in a statement", "told reporters on Monday"). */
static bool is_preposition(const extract_context *c, const piece *p) {
    static const char *const words[] = {"in", "on", "at", "during", "after", "before", "via",
                                        "through", "to", "by", "with", "from", "without",
                                        "late", "earlier", "later", "while", "as", "when",
                                        "following", "ahead", "of", "about", "for"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (word_is(c, p, words[i])) return true;
    return false;
}

/* Words in [first, last], counted up to `enough`: callers only ask
 * whether there are a few, and a sentence may be very long. */
static size_t words_between(const extract_context *c, size_t first, size_t last, size_t enough) {
    size_t words = 0;
    for (size_t k = first; k <= last && words < enough; k++)
        if (at(c, k)->kind == PIECE_WORD || at(c, k)->kind == PIECE_NUMBER) words++;
    return words;
}

/* Does the clause have a finite verb?  Without tags: an auxiliary or
 * modal, or a word in -ed; with tags: a VERB or AUX.  "claimed the capture
 * of Pokrovsk" has none and is not reported speech. */
static bool has_finite_verb(const extract_context *c, size_t first, size_t last) {
    static const char *const auxiliaries[] = {"is", "are", "was", "were", "has", "have", "had",
                                              "will", "would", "can", "could", "should", "must",
                                              "may", "might", "did", "does", "do", "shall"};
    /* a clause's verb comes early: look at its first CLAUSE_VERB_WINDOW pieces */
    if (last >= first + CLAUSE_VERB_WINDOW) last = first + CLAUSE_VERB_WINDOW - 1;
    for (size_t k = first; k <= last; k++) {
        const piece *p = at(c, k);
        if (p->kind != PIECE_WORD) continue;
        const dyad_token *token = token_of(c, p);
        if (token && token->upos) {
            if (strcmp(token->upos, "VERB") == 0 || strcmp(token->upos, "AUX") == 0) return true;
            continue;
        }
        for (size_t i = 0; i < sizeof auxiliaries / sizeof *auxiliaries; i++)
            if (word_is(c, p, auxiliaries[i])) return true;
        /* "struck", "fell", "will" — but not "yesterday" or "next year" */
        if (piece_has(p, LEX_PAST | LEX_FUTURE) && !piece_has(p, LEX_DAY | LEX_DATE_MODIFIER) &&
            !(p->flags & PIECE_CAPITALISED))
            return true;
        size_t n = p->end - p->start;
        const char *w = c->document->text + p->start;
        if (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd' && !(p->flags & PIECE_CAPITALISED)) return true;
    }
    return false;
}

/* Does [first, last] contain a quotation mark? */
static bool has_quote_mark(const extract_context *c, size_t first, size_t last) {
    for (size_t k = first; k <= last; k++)
        if (at(c, k)->kind == PIECE_QUOTE) return true;
    return false;
}

static bool is_clause(const extract_context *c, size_t first, size_t last) {
    span phrase = phrase_starting_at(c, first, last + 1);
    if (phrase.found && phrase.last >= last) return false;
    if (is_preposition(c, at(c, first)) && !has_finite_verb(c, first, last)) return false;
    return true;
}

static dyad_status reported_in_sentence(extract_context *c, size_t s, const direct_quote *quotes,
                                        size_t quote_count, speaker_memory *memory) {
    size_t first, end;
    sentence_pieces(c, s, &first, &end);
    if (end - first < 4 || c->document->sentences[s].heading) return DYAD_OK;
    /* a sentence inside a direct quotation is the quoted speaker's words */
    if (inside_direct(quotes, quote_count, at(c, first)->start)) return DYAD_OK;
    size_t last_content = content_end(c, first, end);
    size_t from = first;   /* reported clauses found so far end before this */
    for (size_t k = first; k < end; k++) {
        const lexeme *word = at(c, k)->word;
        if (!word || !((word->classes | word->extension_classes) & LEX_SPEECH)) continue;
        if (inside_direct(quotes, quote_count, at(c, k)->start)) continue;
        size_t cue_last;
        const lexeme *cue = speech_cue_any(c, k, from, end, &cue_last);
        if (!cue) continue;
        attribution a = {.cue = k, .cue_last = cue_last, .has_cue = true, .found = true};
        size_t clause_first = 0, clause_last = 0, resume = cue_last;
        bool found = false;
        if ((cue->speech_flags & SPEECH_CONTINUE) && cue_last + 1 < end &&
            word_is(c, at(c, cue_last + 1), "that")) {
            /* "…, he said, adding that CLAUSE": the same speaker goes on */
            a.continues = true;
            clause_first = cue_last + 2;
            clause_last = last_content;
            resume = last_content;
            found = memory->known;
        } else if (cue->speech_flags & SPEECH_PHRASE) {
            /* according to X, CLAUSE / CLAUSE, according to X */
            a.speaker = phrase_starting_at(c, cue_last + 1, end);
            if (!a.speaker.found) continue;
            resume = a.speaker.last;
            if (k > from + 2 && piece_is_punct(c->document, at(c, k - 1), ",")) {
                clause_first = from;
                clause_last = k - 2;
                found = true;
            } else {
                size_t after = a.speaker.last + 1;
                if (after < end && piece_is_punct(c->document, at(c, after), ",")) after++;
                clause_first = after;
                clause_last = last_content;
                found = after <= last_content;
                resume = last_content;
            }
        } else if (!(cue->speech_flags & SPEECH_CONTINUE)) {
            span subject = subject_before(c, k, from);
            /* where the reported clause would start after the verb */
            size_t clause = cue_last + 1;
            bool that = false;
            for (size_t j = clause; j <= last_content && j < clause + 9; j++) {
                if (piece_is_punct(c->document, at(c, j), ",;:") || at(c, j)->kind == PIECE_QUOTE) break;
                if (word_is(c, at(c, j), "that")) {
                    clause = j + 1;
                    that = true;
                    break;
                }
            }
            if (!that) {
                if ((cue->speech_flags & SPEECH_OBJECT) && clause <= last_content) {
                    /* told reporters ..., warned Moscow ...: skip the addressee */
                    span addressee = phrase_starting_at(c, clause, end);
                    if (addressee.found) clause = addressee.last + 1;
                }
                /* "said on Monday", "said yesterday": the date is not the clause */
                while (clause <= last_content &&
                       (at(c, clause)->owner == OWNER_DATE ||
                        (clause < last_content && is_preposition(c, at(c, clause)) &&
                         at(c, clause + 1)->owner == OWNER_DATE)))
                    clause++;
            }
            /* a clause follows the verb directly or after "that"; after a
             * comma comes something else ("said on Wednesday, ending a pause") */
            bool has_clause = clause <= last_content && words_between(c, clause, last_content, 3) >= 3 &&
                              !piece_is_punct(c->document, at(c, clause), ",;:") &&
                              (that || (!is_preposition(c, at(c, clause)) &&
                                        has_finite_verb(c, clause, last_content)));
            bool inverted = !subject.found && !that && k > from + 2 &&
                            piece_is_punct(c->document, at(c, k - 1), ",");
            if (inverted) {
                /* CLAUSE, said X. */
                a.speaker = speaker_after(c, cue_last, end);
                clause_first = from;
                clause_last = k - 2;
                found = a.speaker.found;
                if (found) resume = a.speaker.last;
            } else if (has_clause) {
                /* X said (that) CLAUSE */
                if (!subject.found) continue;
                a.speaker = subject;
                clause_first = clause;
                clause_last = last_content;
                resume = last_content;
                found = true;
            } else if (subject.found && subject.first > from + 2 &&
                       piece_is_punct(c->document, at(c, subject.first - 1), ",")) {
                /* CLAUSE, X said (in a statement). */
                a.speaker = subject;
                clause_first = from;
                clause_last = subject.first - 2;
                found = true;
            } else {
                /* CLAUSE, a diplomat briefed on the talks said. — the speaker
                 * opens the part after the last comma; CLAUSE, said X. */
                size_t comma = k;
                while (comma > from && k - comma < 12 &&
                       !piece_is_punct(c->document, at(c, comma - 1), ",;") &&
                       at(c, comma - 1)->kind != PIECE_QUOTE)
                    comma--;
                if (comma > from + 3 && comma < k && piece_is_punct(c->document, at(c, comma - 1), ",")) {
                    a.speaker = phrase_starting_at(c, comma, k);
                    clause_first = from;
                    clause_last = comma - 2;
                    found = a.speaker.found;
                }
            }
        }
        if (!found || clause_last < clause_first || has_quote_mark(c, clause_first, clause_last))
            continue;
        /* a reported clause is a clause, not a noun phrase ("The UN envoy,
         * Ramtane Lamamra, called ...") nor an adverbial ("In a speech in
         * Manchester, X called ...") */
        if (clause_last < cue_last && !is_clause(c, clause_first, clause_last)) continue;
        dyad_status status = add_reported(c, clause_first, clause_last, &a, memory);
        if (status != DYAD_OK) return status;
        k = resume > k ? resume : k;
        from = k + 1;
    }
    return DYAD_OK;
}

/* Remembers the last person a sentence names with a title ("President
 * Volodymyr Zelensky renewed his appeal"), for a "he said" that follows. */
static dyad_status remember_titled_person(extract_context *c, size_t s, const direct_quote *quotes,
                                          size_t quote_count, speaker_memory *memory) {
    /* the speaker of the sentence, if it had one, is whom "he" means next */
    if (memory->last_speaker_sentence == s + 1) return DYAD_OK;
    size_t first, end;
    sentence_pieces(c, s, &first, &end);
    for (size_t k = end; k > first; k--) {
        const piece *title = at(c, k - 1);
        if (!piece_has(title, LEX_TITLE) || k >= end) continue;
        if (inside_direct(quotes, quote_count, title->start)) continue;
        span name = {.first = k, .last = k, .found = false};
        while (name.last < end && at(c, name.last)->kind == PIECE_WORD &&
               ((at(c, name.last)->flags & PIECE_CAPITALISED) ||
                (is_name_particle(c, at(c, name.last)) && name.last + 1 < end &&
                 (at(c, name.last + 1)->flags & PIECE_CAPITALISED))) &&
               !piece_has(at(c, name.last), LEX_TITLE) && at(c, name.last)->owner != OWNER_PLACE &&
               name.last < k + 5)
            name.last++;
        if (name.last == k) continue;
        name.last--;
        name.found = true;
        const char *text = c->document->text;
        memory->last_person = arena_strndup(c->document->arena, text + at(c, name.first)->start,
                                            at(c, name.last)->end - at(c, name.first)->start);
        if (!memory->last_person) return extract_out_of_memory(c);
        memory->last_person_mention =
            extract_mention_at(c, at(c, name.first)->start, at(c, name.last)->end);
        return DYAD_OK;
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------ driver */

static int compare_quotes(const void *left, const void *right) {
    const dyad_quote *a = left, *b = right;
    return a->start < b->start ? -1 : a->start > b->start;
}

dyad_status quotes_extract(extract_context *c) {
    direct_quote *direct = NULL;
    size_t direct_count = 0;
    dyad_status status = find_direct(c, &direct, &direct_count);
    if (status != DYAD_OK) return status;
    speaker_memory memory = {.mention = -1, .last_name_mention = -1, .last_person_mention = -1};
    /* direct and reported speech interleave in text order, so the speaker
     * memory sees them as a reader does */
    size_t next_direct = 0;
    for (size_t s = 0; s < c->document->sentence_count; s++) {
        size_t first, end;
        sentence_pieces(c, s, &first, &end);
        while (next_direct < direct_count && direct[next_direct].open < end) {
            status = attribute_direct(c, &direct[next_direct], &memory);
            if (status != DYAD_OK) return status;
            next_direct++;
        }
        status = reported_in_sentence(c, s, direct, direct_count, &memory);
        if (status == DYAD_OK) status = remember_titled_person(c, s, direct, direct_count, &memory);
        if (status != DYAD_OK) return status;
    }
    dyad_document *d = c->document;
    if (d->quote_count > 1) qsort(d->quotes, d->quote_count, sizeof *d->quotes, compare_quotes);
    return DYAD_OK;
}
