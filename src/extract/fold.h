/*
 * fold.h — the comparison form of words and names.
 *
 * Every lookup the extractors make (lexicon words, gazetteer names) goes
 * through one folding so that the text side and the dictionary side meet:
 * case folded, diacritics stripped ("Zaporizhzhia" = "zaporizhzhia",
 * "Sant Julià" = "sant julia"), apostrophes dropped ("Luhans’k" =
 * "luhansk"), hyphens, dashes and white space collapsed to one space
 * ("Ivano-Frankivsk" = "ivano frankivsk").  The gazetteer compiler uses the
 * same function, so a name folded at build time is found at run time.
 *
 * Folding writes into a caller's buffer and never allocates: it runs for
 * every word of every article.
 */
#ifndef DYAD_EXTRACT_FOLD_H
#define DYAD_EXTRACT_FOLD_H

#include <stddef.h>

/* Folds text[0..length) into out (NUL-terminated).  Returns the folded
 * length, or (size_t)-1 when it does not fit in capacity bytes. */
size_t fold_text(const char *text, size_t length, char *out, size_t capacity);

#endif
