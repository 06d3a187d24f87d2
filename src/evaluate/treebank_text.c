/*
 * treebank_text.c — see treebank_text.h.
 */
#include "treebank_text.h"
#include "util/arena.h"
#include "util/buffer.h"
#include "util/error.h"
#include "text/characters.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool is_ascii(const char *text) {
    for (; *text; text++)
        if ((unsigned char)*text >= 0x80) return false;
    return true;
}

/* NFC copy in arena (the text itself when it is ASCII, which NFC leaves
 * alone). */
static const char *normalise(dyad_arena *arena, const char *text) {
    if (is_ascii(text)) return text;
    utf8proc_uint8_t *normal = utf8proc_NFC((const utf8proc_uint8_t *)text);
    if (!normal) return NULL;
    char *copy = arena_strdup(arena, (const char *)normal);
    free(normal);
    return copy;
}

/* The surface tokens of a sentence: a multiword token or a plain word. */
typedef struct surface {
    const char *form;
    size_t first_word, word_count;  /* 0-based */
    bool space_after;
} surface;

static size_t surface_tokens(const conllu_sentence *sentence, surface *out) {
    size_t count = 0, word = 0, multiword = 0;
    while (word < sentence->word_count) {
        while (multiword < sentence->multiword_count &&
               (size_t)sentence->multiwords[multiword].first < word + 1)
            multiword++;
        if (multiword < sentence->multiword_count &&
            (size_t)sentence->multiwords[multiword].first == word + 1) {
            const conllu_multiword *m = &sentence->multiwords[multiword];
            out[count++] = (surface){m->form, word, (size_t)(m->last - m->first + 1), m->space_after};
            word = (size_t)m->last;
        } else {
            out[count++] = (surface){sentence->words[word].form, word, 1,
                                     sentence->words[word].space_after};
            word++;
        }
    }
    return count;
}

/* The sentence text: `# text`, or the forms joined as SpaceAfter says. */
static const char *sentence_text(const conllu_sentence *sentence, const surface *surfaces,
                                 size_t count, dyad_arena *arena) {
    if (sentence->text) return normalise(arena, sentence->text);
    dyad_buffer buffer = {0};
    bool ok = true;
    for (size_t i = 0; i < count && ok; i++)
        ok = buffer_append_string(&buffer, surfaces[i].form) &&
             (!surfaces[i].space_after || i + 1 == count || buffer_append_char(&buffer, ' '));
    char *text = ok ? arena_strndup(arena, buffer.data ? buffer.data : "", buffer.length) : NULL;
    dyad_buffer_free(&buffer);
    return text ? normalise(arena, text) : NULL;
}


/* Gold word spans of one sentence whose text starts at `base` in the
 * document.  Returns the status; spans written to words[]. */
static dyad_status locate_words(const conllu_sentence *sentence, const char *text,
                                const surface *surfaces, size_t surface_count, uint32_t base,
                                treebank_span *words, const char *origin, dyad_arena *arena,
                                dyad_error *error) {
    size_t position = 0, length = strlen(text);
    for (size_t s = 0; s < surface_count; s++) {
        const surface *token = &surfaces[s];
        const char *form = normalise(arena, token->form);
        if (!form) return error_set(error, DYAD_ERR_MEMORY, origin, sentence->line, -1, "out of memory");
        size_t form_length = strlen(form);
        while (position < length) {
            character c = character_at(text, position, length);
            if (c.kind != CHARACTER_SPACE) break;
            position += c.length; /* NBSP too: treebank text has some */
        }
        if (!form_length || form_length > length - position ||
            memcmp(text + position, form, form_length) != 0)
            return error_set(error, DYAD_ERR_FORMAT, origin, sentence->line, -1,
                             "token '%s' not found in the sentence text at byte %zu",
                             token->form, position);
        size_t start = position, end = position + form_length;
        for (size_t w = 0; w < token->word_count; w++) {
            size_t word_length = strlen(sentence->words[token->first_word + w].form);
            size_t word_end = start + word_length;
            /* clip to the surface; the last word takes the rest */
            if (word_end > end || w + 1 == token->word_count) word_end = end;
            if (word_end <= start && w + 1 < token->word_count && start < end) word_end = start + 1;
            words[token->first_word + w] = (treebank_span){base + (uint32_t)start,
                                                           base + (uint32_t)word_end};
            start = word_end;
        }
        position = end;
    }
    return DYAD_OK;
}

dyad_status treebank_documents(const conllu_corpus *corpus, const char *origin,
                               dyad_arena *arena, treebank_document **out, size_t *count,
                               dyad_error *error) {
    *out = NULL;
    *count = 0;
    size_t document_capacity = 0;
    treebank_document *documents = NULL;
    size_t largest = 1;
    for (size_t s = 0; s < corpus->sentence_count; s++)
        if (corpus->sentences[s].word_count > largest) largest = corpus->sentences[s].word_count;
    surface *surfaces = arena_alloc(arena, largest * sizeof *surfaces);
    if (!surfaces) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");

    size_t s = 0;
    while (s < corpus->sentence_count) {
        /* one document: up to the next `# newdoc` */
        size_t end_sentence = s + 1;
        while (end_sentence < corpus->sentence_count && !corpus->sentences[end_sentence].newdoc_id)
            end_sentence++;
        size_t sentence_count = end_sentence - s, word_count = 0;
        const char **texts = arena_alloc(arena, sentence_count * sizeof *texts);
        if (!texts) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
        size_t text_length = 0, paragraph_count = 0;
        for (size_t i = 0; i < sentence_count; i++) {
            const conllu_sentence *sentence = &corpus->sentences[s + i];
            size_t n = surface_tokens(sentence, surfaces);
            texts[i] = sentence_text(sentence, surfaces, n, arena);
            if (!texts[i]) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
            bool new_paragraph = i == 0 || sentence->newpar;
            paragraph_count += new_paragraph;
            text_length += strlen(texts[i]) + (i == 0 ? 0 : new_paragraph ? 2 : 1);
            word_count += sentence->word_count;
        }
        if (text_length >= UINT32_MAX)
            return error_set(error, DYAD_ERR_LIMIT, origin, corpus->sentences[s].line, -1,
                             "document over 4 GiB");
        char *text = arena_alloc(arena, text_length + 1);
        dyad_paragraph *paragraphs = arena_calloc(arena, paragraph_count, sizeof *paragraphs);
        treebank_span *sentences = arena_alloc(arena, sentence_count * sizeof *sentences);
        treebank_span *words = arena_alloc(arena, (word_count ? word_count : 1) * sizeof *words);
        dyad_document *document = arena_calloc(arena, 1, sizeof *document);
        if (!text || !paragraphs || !sentences || !words || !document)
            return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
        size_t length = 0, paragraph = 0, word = 0;
        for (size_t i = 0; i < sentence_count; i++) {
            const conllu_sentence *sentence = &corpus->sentences[s + i];
            if (i > 0 && sentence->newpar) {
                paragraphs[paragraph - 1].end = (uint32_t)length;
                text[length++] = '\n';
                text[length++] = '\n';
            } else if (i > 0) {
                text[length++] = ' ';
            }
            if (i == 0 || sentence->newpar) paragraphs[paragraph++].start = (uint32_t)length;
            size_t n = surface_tokens(sentence, surfaces);
            dyad_status status = locate_words(sentence, texts[i], surfaces, n, (uint32_t)length,
                                              words + word, origin, arena, error);
            if (status != DYAD_OK) return status;
            if (sentence->word_count)
                sentences[i] = (treebank_span){words[word].start,
                                               words[word + sentence->word_count - 1].end};
            else
                sentences[i] = (treebank_span){(uint32_t)length, (uint32_t)length};
            word += sentence->word_count;
            size_t sentence_length = strlen(texts[i]);
            memcpy(text + length, texts[i], sentence_length);
            length += sentence_length;
        }
        paragraphs[paragraph - 1].end = (uint32_t)length;
        text[length] = '\0';
        document->arena = arena;
        document->id = corpus->sentences[s].newdoc_id;
        document->origin = origin;
        document->origin_line = corpus->sentences[s].line;
        document->raw_text = document->text = text;
        document->raw_length = document->text_length = length;
        document->paragraphs = paragraphs;
        document->paragraph_count = paragraph_count;
        if (*count == document_capacity) {
            documents = arena_grow(arena, documents, &document_capacity, sizeof *documents);
            if (!documents) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
        }
        documents[(*count)++] = (treebank_document){document, sentences, sentence_count, s,
                                                    words, word_count};
        s = end_sentence;
    }
    *out = documents;
    return DYAD_OK;
}
