/*
 * debris.h — recognising the lines of page furniture a scraper leaves in
 * an article: breadcrumb trails, share and follow bars, "Read more:"
 * links, newsletter and cookie prompts, photo captions and credits,
 * "Advertisement", time stamps, author-box labels.
 *
 * A line is judged on its own here; the rules that need neighbours (the
 * items of a "Related stories" list, the name above "+ posts") are applied
 * by clean.c on top of these verdicts.  Every rule errs towards keeping a
 * line: each is bounded by a length beyond which a line is prose, none
 * fires on a line that ends like a sentence unless its opening says what
 * it is ("Photo: ..."), and the prompt rule ignores anything in quotation
 * marks, which is someone speaking.
 */
#ifndef DYAD_CLEAN_DEBRIS_H
#define DYAD_CLEAN_DEBRIS_H

#include "patterns.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct debris_verdict {
    debris_kind kind;         /* DEBRIS_NONE: a line of the article */
    bool label;               /* a list heading with nothing after it ("Related stories",
                                 "Read more"): the link titles that follow are debris too */
} debris_verdict;

/* line: one line of normalised text, trimmed, inner spaces not yet
 * collapsed (double spaces separate breadcrumb items). */
debris_verdict debris_classify_line(const clean_patterns *patterns, const char *line,
                                    size_t length);

/* Rules one by one, for the contextual passes and the tests. */
bool debris_is_breadcrumb(const clean_patterns *patterns, const char *line, size_t length);
bool debris_is_share_bar(const clean_patterns *patterns, const char *line, size_t length);
bool debris_is_prompt(const clean_patterns *patterns, const char *line, size_t length);
bool debris_ends_with_photo_credit(const clean_patterns *patterns, const char *line,
                                   size_t length);

/* A link title under a list label: short, no sentence end. */
bool debris_is_list_item(const char *line, size_t length);

#endif
