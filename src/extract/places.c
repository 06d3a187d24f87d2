/*
 * places.c — place names in the text, resolved with the gazetteer.
 *
 * Candidates: runs of pieces that start and end with a capitalised word
 * and spell a gazetteer name (longest first: "Sea of Azov", "Khan Younis",
 * "Bosnia and Herzegovina"); a region word after one ("Donetsk region",
 * "Kherson Oblast") joins it and asks for the subdivision.
 *
 * Choosing among the places a name may denote, by score:
 *   - kind: a country, a region or sea of the supplement, then cities by
 *     population (log10), a subdivision only when a region word follows or
 *     nothing else has the name ("Donetsk" is the city, "Donetsk region"
 *     the oblast, "Texas" the state);
 *   - the article's countries: countries named unambiguously anywhere in
 *     the article, and those of names that are unambiguous, add weight
 *     ("Paris" in a story about Texas towns);
 *   - an explicit qualifier: "Paris, Texas", "Atlanta, Georgia", "Rafah,
 *     Gaza" — the pair whose subdivision or country agree wins.
 *
 * Not every capitalised word that is also a town is a place.  A city
 * (countries and seas are trusted) is dropped when:
 *   - it is also a common English word (WordNet, lower case: "Reading",
 *     "Mobile", "Bath") or a function word ("Of"), unless it is not the
 *     first word of its sentence and a locative ("in", "near", "the city
 *     of") or a qualifier supports it;
 *   - it is part of a longer name: another capitalised word is glued before
 *     it ("Lake Victoria", "President Jackson") or after it ("Paris
 *     Hilton", "Kyiv Independent"), titles and region words aside;
 *   - it looks like a person: a speech verb follows it and it is not a
 *     capital ("Lincoln said"; "Moscow said" is a government), the tagger
 *     says it is not a noun, or an actor mention of a person covers it;
 *   - it is a small town opening a sentence, and the article is not
 *     clearly about its country ("Melissa was expected to ...");
 *   - it is small (< MIN_UNSUPPORTED_POPULATION) and neither a locative, a
 *     qualifier nor the article's countries support it.
 */
#include "extract_internal.h"
#include "fold.h"
#include "../util/arena.h"

#include <math.h>
#include <string.h>

enum {
    MAX_NAME_PIECES = 8,
    MAX_CONTEXT_COUNTRIES = 32,
    MIN_UNSUPPORTED_POPULATION = 100000,
    MIN_COMMON_WORD_POPULATION = 50000,
    FAMOUS_POPULATION = 1000000
};

typedef struct candidate {
    size_t first, last;       /* pieces, inclusive, with the region word */
    size_t name_last;         /* last piece of the name itself */
    const gazetteer_name *name;
    bool region_word;
    const gazetteer_entry *chosen;
} candidate;

typedef struct country_context {
    char codes[MAX_CONTEXT_COUNTRIES][4];
    int counts[MAX_CONTEXT_COUNTRIES];
    size_t count;
    int max_count;
} country_context;

static const piece *at(const extract_context *c, size_t i) {
    return &c->scan.pieces[i];
}

static void context_add(country_context *context, const char *code) {
    if (!code || !*code) return;
    for (size_t i = 0; i < context->count; i++)
        if (strcmp(context->codes[i], code) == 0) {
            if (++context->counts[i] > context->max_count) context->max_count = context->counts[i];
            return;
        }
    if (context->count == MAX_CONTEXT_COUNTRIES) return;
    memcpy(context->codes[context->count], code, 4);
    context->counts[context->count++] = 1;
    if (context->max_count < 1) context->max_count = 1;
}

static int context_count(const country_context *context, const char *code) {
    for (size_t i = 0; i < context->count; i++)
        if (strcmp(context->codes[i], code) == 0) return context->counts[i];
    return 0;
}

/* The longest gazetteer name starting at piece i. */
static bool match_name(const extract_context *c, size_t i, size_t end, candidate *out) {
    const gazetteer *g = c->resources->gazetteer;
    const char *text = c->document->text;
    const piece *pieces = c->scan.pieces;
    bool found = false;
    for (size_t j = i; j < end && j < i + MAX_NAME_PIECES; j++) {
        char folded[256];
        size_t length = fold_text(text + pieces[i].start, pieces[j].end - pieces[i].start, folded,
                                  sizeof folded);
        if (length == (size_t)-1) break;
        const gazetteer_name *name = gazetteer_find(g, folded, length);
        if (!name) break;
        const piece *last = &pieces[j];
        bool ends_well = last->kind == PIECE_WORD && (last->flags & PIECE_CAPITALISED);
        if (name->count && ends_well &&
            (!(name->flags & GAZETTEER_UPPER_CASE) || (pieces[i].flags & PIECE_ALL_CAPS))) {
            out->first = i;
            out->last = out->name_last = j;
            out->name = name;
            found = true;
        }
        if (!(name->flags & GAZETTEER_PREFIX)) break;
    }
    return found;
}

/* A locative just before piece i ("in", "near", "the city of"), possibly
 * with a direction word between ("in eastern Ukraine"). */
static bool locative_before(const extract_context *c, size_t i, size_t first) {
    size_t k = i;
    if (k > first && piece_has(at(c, k - 1), LEX_DIRECTION)) k--;
    for (size_t start = k > first + 4 ? k - 4 : first; start < k; start++) {
        size_t last;
        if (extract_match_phrase(c, start, k, LEX_LOCATIVE, &last) && last == k - 1) return true;
    }
    return false;
}

static bool is_demonym(const extract_context *c, const piece *p) {
    static const char *const endings[] = {"ian", "ean", "ese", "ish", "ican", "ran", "ani", "iti",
                                          "eli", "qi", "an"};
    const char *t = c->document->text + p->start;
    size_t n = p->end - p->start;
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        size_t e = strlen(endings[i]);
        if (n > e + 2 && memcmp(t + n - e, endings[i], e) == 0) return true;
    }
    return false;
}

static bool is_capitalised_word(const piece *p) {
    return p->kind == PIECE_WORD && (p->flags & PIECE_CAPITALISED);
}

static const char *entry_country(const gazetteer_entry *e) {
    return e->country[0] ? e->country : NULL;
}

/* Does entry e agree with any entry of name q (the qualifier after a
 * comma)?  "Paris, Texas": Paris's admin1 is Texas's. */
static bool qualifier_agrees(const gazetteer *g, const gazetteer_entry *e, const gazetteer_name *q) {
    for (size_t k = 0; k < q->count; k++) {
        const gazetteer_entry *other = gazetteer_posting(g, q, k, NULL);
        if (other->kind == PLACE_ADMIN1 && e->admin1 && other->admin1 &&
            strcmp(gazetteer_string(g, e->admin1), gazetteer_string(g, other->admin1)) == 0)
            return true;
        if (other->kind == PLACE_COUNTRY && strcmp(other->country, e->country) == 0) return true;
    }
    return false;
}

static double score_entry(const extract_context *c, const candidate *cand, const gazetteer_entry *e,
                          const country_context *context, const candidate *after,
                          const candidate *before) {
    const gazetteer *g = c->resources->gazetteer;
    double score;
    switch (e->kind) {
    case PLACE_COUNTRY: score = 20; break;
    case PLACE_ADMIN1: score = cand->region_word ? 40 : 3; break;
    case PLACE_CITY:
        /* population, and fame: a city known in many languages (Geneva,
         * Dublin) is meant more often than a town of the same name */
        score = log10((double)e->population + 1) + log10((double)e->alternates + 1) +
                ((e->flags & ENTRY_CAPITAL) ? 1 : 0);
        if (cand->region_word) score -= 5;
        break;
    default: score = 18;
    }
    /* the article's countries, in proportion to how often it names them:
     * enough to prefer Pokrovsk, Ukraine in a story about Ukraine, not
     * enough to move Dublin to Ohio because the story also names Miami */
    if (e->country[0] && context->max_count)
        score += 2.0 * context_count(context, e->country) / context->max_count;
    if (after && qualifier_agrees(g, e, after->name)) score += 25;
    if (before && before->chosen) {
        const gazetteer_entry *b = before->chosen;
        if (e->kind == PLACE_ADMIN1 && b->admin1 && e->admin1 &&
            strcmp(gazetteer_string(g, b->admin1), gazetteer_string(g, e->admin1)) == 0)
            score += 25;
        if (e->kind == PLACE_COUNTRY && strcmp(b->country, e->country) == 0) score += 25;
    }
    return score;
}

static const gazetteer_entry *choose(const extract_context *c, const candidate *cand,
                                     const country_context *context, const candidate *after,
                                     const candidate *before) {
    const gazetteer *g = c->resources->gazetteer;
    const gazetteer_entry *best = NULL;
    double best_score = -1e9;
    for (size_t k = 0; k < cand->name->count; k++) {
        bool needs_region;
        const gazetteer_entry *e = gazetteer_posting(g, cand->name, k, &needs_region);
        if (needs_region && !cand->region_word) continue;
        double score = score_entry(c, cand, e, context, after, before);
        if (score > best_score) {
            best_score = score;
            best = e;
        }
    }
    return best;
}

/* The name's entries all lie in one country: it tells the article's
 * countries without any context. */
static const char *unambiguous_country(const extract_context *c, const gazetteer_name *name) {
    const gazetteer *g = c->resources->gazetteer;
    const char *country = NULL;
    for (size_t k = 0; k < name->count; k++) {
        const gazetteer_entry *e = gazetteer_posting(g, name, k, NULL);
        if (e->kind == PLACE_COUNTRY) return e->country;   /* a country's name is its country */
        if (!e->country[0]) continue;
        if (country && strcmp(country, e->country) != 0) return NULL;
        country = e->country;
    }
    return country;
}

/* "READING, England —": a name in capitals opening the article's first
 * paragraph is the dateline's place. */
static bool is_dateline(const extract_context *c, const candidate *cand) {
    const piece *head = at(c, cand->first);
    return cand->first == 0 && (head->flags & PIECE_ALL_CAPS) && head->end - head->start > 3 &&
           c->document->sentences[head->sentence].paragraph == 0;
}

/* The shape of a place name, before it is resolved: not a common word
 * opening a sentence, not glued to other capitalised words ("Carlos
 * Mendez", "Hurricane Melissa"), not after a title.  Only such names tell
 * the article's countries. */
static bool looks_like_place(const extract_context *c, const candidate *cand) {
    const piece *head = at(c, cand->first);
    size_t first, end;
    sentence_pieces(c, head->sentence, &first, &end);
    if ((cand->name->flags & GAZETTEER_COMMON_WORD) && (head->flags & PIECE_SENTENCE_START))
        return false;
    if (cand->first > first) {
        const piece *before = at(c, cand->first - 1);
        if (piece_has(before, LEX_TITLE)) return false;
        if (is_capitalised_word(before) && !(before->flags & PIECE_SENTENCE_START) &&
            !piece_has(before, LEX_FUNCTION | LEX_DIRECTION | LEX_LOCATIVE) && !is_demonym(c, before))
            return false;
    }
    if (cand->last + 1 < end) {
        const piece *after = at(c, cand->last + 1);
        if (is_capitalised_word(after) && !(after->flags & PIECE_ALL_CAPS) &&
            !piece_has(after, LEX_REGION | LEX_TITLE | LEX_FUNCTION))
            return false;
    }
    return true;
}

/* Should a candidate resolved to a city or a subdivision be kept?  The
 * population tests apply to cities only. */
static bool keep_city(const extract_context *c, const candidate *cand, const gazetteer_entry *e,
                      size_t first, size_t end, bool supported, bool strongly_supported,
                      bool qualified) {
    bool city = e->kind == PLACE_CITY;
    const piece *head = at(c, cand->first);
    /* "UN", "EU", "IS": a short word in capitals is an acronym, not a town
     * (datelines in capitals are longer: "KYIV") */
    if (city && cand->first == cand->name_last && (head->flags & PIECE_ALL_CAPS) &&
        head->end - head->start <= 3)
        return false;
    bool single = cand->first == cand->name_last;
    bool common = (cand->name->flags & GAZETTEER_COMMON_WORD) ||
                  (single && piece_has(head, LEX_FUNCTION | LEX_TITLE | LEX_MONTH | LEX_WEEKDAY |
                                                     LEX_SPEECH | LEX_DIRECTION | LEX_UNIT |
                                                     LEX_COUNTED | LEX_CATEGORY));
    /* a common word needs a locative or a qualifier: knowing the country
     * is not enough ("Reading" in a story about England) */
    /* a capital or a city of millions is the place even when it is also a
     * word ("Berlin" is a carriage too) */
    if (city && ((e->flags & ENTRY_CAPITAL) || e->population >= FAMOUS_POPULATION)) common = false;
    if (common && !cand->region_word && !is_dateline(c, cand)) {
        if (head->flags & PIECE_SENTENCE_START) return false;
        if (!qualified && !locative_before(c, cand->first, first)) return false;
        if (!qualified && city && e->population < MIN_COMMON_WORD_POPULATION) return false;
    }
    /* a small town opening a sentence ("Melissa was expected to ...") is
     * more often a name, unless the article is clearly about its country */
    if (city && (head->flags & PIECE_SENTENCE_START) && e->population < MIN_UNSUPPORTED_POPULATION &&
        !qualified && !strongly_supported)
        return false;
    /* glued to a capitalised word: part of a longer name */
    if (cand->first > first) {
        const piece *before = at(c, cand->first - 1);
        if (is_capitalised_word(before) && piece_joined(head) == false && before->owner != OWNER_PLACE &&
            !piece_has(before, LEX_FUNCTION | LEX_DIRECTION | LEX_LOCATIVE) &&
            !(before->flags & PIECE_SENTENCE_START && !piece_has(before, LEX_TITLE)) &&
            !is_demonym(c, before))
            return false;
        if (piece_has(before, LEX_TITLE)) return false;
    }
    if (cand->last + 1 < end) {
        const piece *after = at(c, cand->last + 1);
        if (is_capitalised_word(after) && !piece_has(after, LEX_REGION | LEX_TITLE | LEX_FUNCTION) &&
            !(after->flags & PIECE_ALL_CAPS))
            return false;
        /* "Moscow said" is a government speaking through its capital;
         * "Lincoln said" is a person */
        if (city && piece_has(after, LEX_SPEECH) && !(e->flags & ENTRY_CAPITAL) &&
            !locative_before(c, cand->first, first))
            return false;
    }
    const dyad_token *token = scan_token_at(c->document, head);
    if (token && token->upos && strcmp(token->upos, "PROPN") != 0 && strcmp(token->upos, "NOUN") != 0 &&
        strcmp(token->upos, "X") != 0)
        return false;
    if (city && !supported && e->population < MIN_UNSUPPORTED_POPULATION &&
        !locative_before(c, cand->first, first))
        return false;
    return true;
}

static dyad_status emit(extract_context *c, const candidate *cand, const gazetteer_entry *e) {
    const gazetteer *g = c->resources->gazetteer;
    dyad_place *place = extract_add_place(c);
    if (!place) return extract_out_of_memory(c);
    place->start = at(c, cand->first)->start;
    place->end = at(c, cand->last)->end;
    place->name = gazetteer_string(g, e->name);
    place->country = entry_country(e);
    place->admin1 = gazetteer_string(g, e->admin1);
    place->has_coordinates = (e->flags & ENTRY_HAS_COORDINATES) != 0;
    /* stored as floats: rounded to 1e-5 degrees (about a metre), which is
     * all the sources give, so that no float noise reaches the output */
    place->lat = place->has_coordinates ? round((double)e->lat * 1e5) / 1e5 : 0;
    place->lon = place->has_coordinates ? round((double)e->lon * 1e5) / 1e5 : 0;
    place->kind = gazetteer_kind_name(e->kind);
    place->sentence = at(c, cand->first)->sentence;
    for (size_t k = cand->first; k <= cand->last; k++)
        if (c->scan.pieces[k].owner == OWNER_NONE) c->scan.pieces[k].owner = OWNER_PLACE;
    return DYAD_OK;
}

dyad_status places_extract(extract_context *c) {
    if (!c->resources->gazetteer) return DYAD_OK;
    dyad_document *d = c->document;
    /* pass 1: candidates */
    candidate *candidates = NULL;
    size_t count = 0, capacity = 0;
    for (size_t s = 0; s < d->sentence_count; s++) {
        size_t first, end;
        sentence_pieces(c, s, &first, &end);
        for (size_t i = first; i < end;) {
            const piece *p = at(c, i);
            candidate cand = {0};
            if (!is_capitalised_word(p) || p->owner != OWNER_NONE || !match_name(c, i, end, &cand)) {
                i++;
                continue;
            }
            if (cand.last + 1 < end && piece_has(at(c, cand.last + 1), LEX_REGION)) {
                cand.region_word = true;
                cand.last++;
            }
            if (count == capacity) {
                candidates = arena_grow(d->arena, candidates, &capacity, sizeof *candidates);
                if (!candidates) return extract_out_of_memory(c);
            }
            candidates[count++] = cand;
            i = cand.last + 1;
        }
    }
    /* pass 2: the article's countries, counting each distinct name once so
     * that a name repeated does not vouch for itself */
    country_context context = {0};
    size_t seen_capacity = 1;
    while (seen_capacity < count * 2 + 2) seen_capacity *= 2;
    const gazetteer_name **seen = arena_calloc(d->arena, seen_capacity, sizeof *seen);
    if (!seen) return extract_out_of_memory(c);
    for (size_t k = 0; k < count; k++) {
        const gazetteer_name *name = candidates[k].name;
        size_t slot = ((uintptr_t)name >> 4) & (seen_capacity - 1);
        while (seen[slot] && seen[slot] != name) slot = (slot + 1) & (seen_capacity - 1);
        if (seen[slot]) continue;
        seen[slot] = name;
        const char *country = unambiguous_country(c, name);
        if (country && looks_like_place(c, &candidates[k])) context_add(&context, country);
    }
    /* pass 3: resolve and filter */
    for (size_t k = 0; k < count; k++) {
        candidate *cand = &candidates[k];
        size_t first, end;
        sentence_pieces(c, at(c, cand->first)->sentence, &first, &end);
        /* "X, Y": the neighbour that may qualify it */
        const candidate *after = NULL, *before = NULL;
        if (k + 1 < count && candidates[k + 1].first == cand->last + 2 &&
            piece_is_punct(d, at(c, cand->last + 1), ","))
            after = &candidates[k + 1];
        if (k > 0 && cand->first == candidates[k - 1].last + 2 &&
            piece_is_punct(d, at(c, cand->first - 1), ","))
            before = &candidates[k - 1];
        const gazetteer_entry *e = choose(c, cand, &context, after, before);
        if (!e) continue;
        /* supported: the article names the country elsewhere (not just
         * through this name), or a neighbour qualifies it */
        const char *own = unambiguous_country(c, cand->name);
        int others = e->country[0] ? context_count(&context, e->country) -
                                         (own && strcmp(own, e->country) == 0 ? 1 : 0)
                                   : 0;
        bool qualified = (after && qualifier_agrees(c->resources->gazetteer, e, after->name)) ||
                         before != NULL;
        bool supported = others > 0 || qualified;
        bool strongly_supported = others > 1;
        if ((e->kind == PLACE_CITY || e->kind == PLACE_ADMIN1) &&
            !keep_city(c, cand, e, first, end, supported, strongly_supported, qualified))
            continue;
        if (e->kind != PLACE_CITY && e->kind != PLACE_COUNTRY &&
            (at(c, cand->first)->flags & PIECE_SENTENCE_START) && cand->first == cand->name_last &&
            (cand->name->flags & GAZETTEER_COMMON_WORD))
            continue;
        /* a country, subdivision or region glued to a capitalised word is
         * part of a longer name: a person ("Jordan Hale"), an organisation
         * ("Israel Defense Forces", "Amnesty International Kenya"), a
         * district ("Pacific Palisades"); titles, region words, directions
         * ("eastern Ukraine") and demonyms aside */
        if (e->kind != PLACE_CITY && cand->last + 1 < end) {
            const piece *after = at(c, cand->last + 1);
            if (is_capitalised_word(after) && !(after->flags & PIECE_ALL_CAPS) &&
                !piece_has(after, LEX_REGION | LEX_TITLE | LEX_FUNCTION | LEX_MONTH | LEX_WEEKDAY))
                continue;
        }
        if (e->kind != PLACE_CITY && cand->first > first) {
            const piece *before = at(c, cand->first - 1);
            if (is_capitalised_word(before) && !(before->flags & PIECE_SENTENCE_START) &&
                before->owner != OWNER_PLACE && !(before->flags & PIECE_ALL_CAPS) &&
                !piece_has(before, LEX_FUNCTION | LEX_DIRECTION | LEX_LOCATIVE | LEX_TITLE) &&
                !is_demonym(c, before))
                continue;
        }
        int32_t mention = extract_mention_at(c, at(c, cand->first)->start, at(c, cand->last)->end);
        if (mention >= 0 && d->mentions[mention].kind == DYAD_ACTOR_PERSON) continue;
        cand->chosen = e;
        dyad_status status = emit(c, cand, e);
        if (status != DYAD_OK) return status;
    }
    return DYAD_OK;
}
