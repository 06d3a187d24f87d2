/*
 * conllu_read.h — reading CoNLL-U treebanks (Universal Dependencies).
 *
 * Used by training and evaluation: the tokenizer and sentence splitter
 * are scored against the documents a treebank's comments describe
 * (`# newdoc`, `# newpar`, `# text`), the tagger and parser are trained
 * and scored on its words.  Multiword tokens ("don't" = "do" + "n't") are
 * kept as ranges; empty nodes (IDs like 8.1) are skipped, as the CoNLL
 * 2018 evaluation does for basic dependencies.
 */
#ifndef DYAD_INGEST_CONLLU_READ_H
#define DYAD_INGEST_CONLLU_READ_H

#include "dyad.h"

#include <stdbool.h>

typedef struct conllu_word {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel, *deps, *misc;
    int head;                 /* 0 = root */
    bool space_after;         /* false when MISC has SpaceAfter=No */
} conllu_word;

typedef struct conllu_multiword {
    int first, last;          /* 1-based word ids covered */
    const char *form;
    bool space_after;
} conllu_multiword;

typedef struct conllu_sentence {
    const char *sent_id;      /* NULL if absent */
    const char *text;         /* `# text =`, NULL if absent */
    const char *newdoc_id;    /* set on the first sentence of a document ("" if no id given) */
    bool newpar;              /* first sentence of a paragraph */
    conllu_word *words;       /* words[0] is word 1 */
    size_t word_count;
    conllu_multiword *multiwords;
    size_t multiword_count;
    long line;                /* line of the sentence's first line in the file */
} conllu_sentence;

typedef struct conllu_corpus {
    conllu_sentence *sentences;
    size_t sentence_count;
    size_t word_count;
} conllu_corpus;

/* Reads a whole file into arena.  A malformed line is an error naming the
 * file and line. */
dyad_status conllu_read_file(const char *path, dyad_arena *arena, conllu_corpus *out,
                             dyad_error *error);
/* The same from memory (text must stay alive as long as the arena: the
 * corpus points into a copy made in the arena). */
dyad_status conllu_read_memory(const char *text, size_t length, const char *origin,
                               dyad_arena *arena, conllu_corpus *out, dyad_error *error);

#endif
