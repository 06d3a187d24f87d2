/*
 * treebank_text.h — the running text behind a CoNLL-U treebank, with the
 * gold sentence and word spans in it.
 *
 * Owns the reconstruction every raw-text evaluation and the sentence
 * trainer share: documents from `# newdoc`, paragraphs from `# newpar`,
 * sentences from `# text`; paragraphs are joined by "\n\n" and the
 * sentences of a paragraph by one space, as the CoNLL 2018 shared task
 * built its raw text.  Each sentence text is normalised to NFC like the
 * clean stage does (the words too), so offsets are offsets into what the
 * segmenter actually sees.
 *
 * Gold words are located by walking the sentence text: skip white space,
 * expect the token's surface form.  The words of a multiword token
 * ("don't" = "do" + "n't") get consecutive slices of the surface form,
 * each as long as its form; when the forms do not spell the surface (none
 * do in UD English, but other treebanks have "du" = "de" + "le") each
 * word still gets its form's length, clipped to the surface, and the last
 * word takes what is left, so every word has a non-empty span.  A form
 * that cannot be found is an error naming the sentence's line.  A
 * sentence without `# text` is rebuilt from its forms and SpaceAfter=No.
 */
#ifndef DYAD_EVALUATE_TREEBANK_TEXT_H
#define DYAD_EVALUATE_TREEBANK_TEXT_H

#include "dyad.h"
#include "ingest/conllu_read.h"

typedef struct treebank_span {
    uint32_t start, end;
} treebank_span;

typedef struct treebank_document {
    dyad_document *document;   /* text and paragraphs set, as the clean stage would */
    treebank_span *sentences;  /* gold sentence spans, in order */
    size_t sentence_count;
    size_t first_sentence;     /* index of its first sentence in the corpus */
    treebank_span *words;      /* gold syntactic words, in order */
    size_t word_count;
} treebank_document;

/* Builds the documents of corpus in arena (origin names the file in
 * errors). */
dyad_status treebank_documents(const conllu_corpus *corpus, const char *origin,
                               dyad_arena *arena, treebank_document **out, size_t *count,
                               dyad_error *error);

#endif
