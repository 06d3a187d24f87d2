/*
 * conllu_write.h — the CoNLL-U layout of `dyad parse` (dyad_write_conllu
 * in dyad.h).
 *
 * One block per sentence, as the Universal Dependencies format defines
 * it: comment lines (`# newdoc id`, `# newpar`, `# sent_id = <article
 * id>-<sentence index>`, `# text`) then one line of ten tab-separated
 * fields per word.  The sentence index is the same 0-based index the JSON
 * outputs use for "sentence", so the two outputs can be joined.  Fields
 * nothing has filled are "_"; MISC carries SpaceAfter=No where the token
 * is not followed by white space.  Contractions that UD writes as
 * multiword tokens ("don't" = do + n't) are written as their words only:
 * SpaceAfter=No keeps the surface text recoverable.
 *
 * A field value can never break the format: tabs and line breaks inside a
 * form or in the sentence text are written as spaces.
 */
#ifndef DYAD_OUTPUT_CONLLU_WRITE_H
#define DYAD_OUTPUT_CONLLU_WRITE_H

#include "dyad.h"

#include <stdbool.h>

/* One sentence's block, blank line included.  paragraph_start adds
 * `# newpar`. */
bool conllu_write_sentence(const dyad_document *document, const dyad_sentence *sentence,
                           bool paragraph_start, dyad_buffer *out);

#endif
