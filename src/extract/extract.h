/*
 * extract.h — the extraction stage: quotations, figures, places and dates.
 *
 * Owns what an analyst reads a story for besides its events: who said
 * what (direct and reported speech, with the speaker), which numbers were
 * claimed and by whom (casualties, money, areas, durations), where things
 * happened (resolved against a GeoNames gazetteer) and when (absolute and
 * relative dates resolved against the article's date).  It fills
 * document->quotes, numbers, places and dates.
 *
 * It works from the cleaned text and the sentences alone, and uses more
 * when the earlier stages have run: part-of-speech tags and the parse
 * (token->upos, head, deprel) to find the subject of a speech verb, and
 * actor mentions (document->mentions, with coreference) to name speakers.
 * Every extractor is linear in the length of the article; limits that keep
 * pathological input cheap (a quotation mark that never closes, a number
 * of ten thousand digits) are documented beside the code that applies them.
 */
#ifndef DYAD_EXTRACT_EXTRACT_H
#define DYAD_EXTRACT_EXTRACT_H

#include "dyad.h"

#include <stdbool.h>

typedef struct extract_resources extract_resources;

/* Loads data_dir/extract/ (word lists, place supplement) and the compiled
 * gazetteer.  A missing or malformed list is an error naming the file and
 * line; a missing compiled gazetteer is not (places then come from the
 * country list and the supplement only; see extract_has_cities). */
dyad_status extract_resources_load(const char *data_dir, extract_resources **out,
                                   dyad_error *error);
void extract_resources_free(extract_resources *resources);

/* True when the GeoNames cities were compiled in (the npm package was
 * installed when dyad was built). */
bool extract_has_cities(const extract_resources *resources);

/* Fills document->quotes, numbers, places and dates (replacing what was
 * there).  The document must have been segmented. */
dyad_status extract_document(const extract_resources *resources, dyad_document *document,
                             dyad_error *error);

/* The date a sentence names, for dating its events: the value of the first
 * date expression in the sentence resolved to a day, month or year, or
 * NULL when it names none (use the article's date).  Runs in O(log n). */
const char *extract_sentence_date(const dyad_document *document, size_t sentence_index);

#endif
