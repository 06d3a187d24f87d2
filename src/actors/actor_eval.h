/*
 * actor_eval.h — scoring the actors stage against annotated articles.
 *
 * The gold format (tests/data/actors/, written by us, documented in
 * docs/dictionaries.md) is plain text:
 *
 *   # a comment
 *   @article ID [YYYY-MM-DD]
 *   [Russian President Vladimir Putin|RUSGOV|#putin] met [U.S. envoy
 *   Steve Witkoff|USAGOV] in [Moscow|RUS]. [He|RUSGOV|=putin] said ...
 *
 *   A blank line separates paragraphs.
 *
 * Each [text|CODE] is a mention the resolver should find: CODE is the
 * full code, `?` for an unknown name (code null), or `~SEC` for a role
 * with no country (code null, sector SEC).  A third field labels it:
 * `#name` names the mention, `=name` says it refers back to `#name`
 * (coreference), `&name` puts it in compound `name` with the others so
 * marked.  Brackets are the only markup; the text between them is the
 * article.
 *
 * A found mention matches a gold one when their spans overlap and their
 * codes agree; precision and recall count mentions.  Compounds and
 * coreference are scored separately, as the share of gold links found.
 * Offsets are recovered by searching each mention's text in the cleaned
 * article, so the scoring does not depend on how cleaning moves bytes.
 */
#ifndef DYAD_ACTORS_ACTOR_EVAL_H
#define DYAD_ACTORS_ACTOR_EVAL_H

#include "dyad.h"

typedef struct actor_eval_result {
    size_t articles;
    size_t gold, predicted, matched;
    size_t unaligned;            /* gold mentions not found in the cleaned text */
    size_t group_links, group_links_found;
    size_t coreference_links, coreference_links_found;
    double seconds;              /* processing time, loading excluded */
    size_t tokens;
} actor_eval_result;

/* Reads the gold file, runs `stages` (segmentation and actors, and the
 * parser when loaded) on each article and scores the mentions.  When
 * report is not NULL a line per error is appended to it ("MISSING",
 * "WRONG", "EXTRA" with the article and the text). */
dyad_status actor_eval_file(const dyad_resources *resources, unsigned stages, const char *path,
                            actor_eval_result *result, dyad_buffer *report, dyad_error *error);

#endif
