/*
 * conllu_read.c — see conllu_read.h.  The file is copied into the arena
 * once and split in place: fields become NUL-terminated pointers into the
 * copy, so a 200k-word treebank costs one allocation for its text.
 */
#include "conllu_read.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *comment_value(char *line, const char *key) {
    /* "# key = value" */
    size_t n = strlen(key);
    char *p = line + 1;
    while (*p == ' ') p++;
    if (strncmp(p, key, n) != 0) return NULL;
    p += n;
    while (*p == ' ') p++;
    if (*p != '=') return *p == '\0' ? p : NULL;
    p++;
    while (*p == ' ') p++;
    return p;
}

static bool misc_has_no_space(const char *misc) {
    const char *p = misc;
    while ((p = strstr(p, "SpaceAfter=No")) != NULL) {
        if ((p == misc || p[-1] == '|') && (p[13] == '\0' || p[13] == '|')) return true;
        p += 13;
    }
    return false;
}

dyad_status conllu_read_memory(const char *source, size_t length, const char *origin,
                               dyad_arena *arena, conllu_corpus *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    char *text = arena_strndup(arena, source, length);
    if (!text) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
    size_t sentence_capacity = 0, word_capacity = 0, multiword_capacity = 0;
    conllu_sentence *current = NULL;
    const char *pending_doc = NULL, *pending_sent_id = NULL, *pending_text = NULL;
    bool pending_par = false;
    long line_number = 0, sentence_line = 0;
    char *line = text, *end = text + length;
    while (line < end) {
        char *next = memchr(line, '\n', (size_t)(end - line));
        if (!next) next = end;
        *next = '\0';
        line_number++;
        size_t line_length = (size_t)(next - line);
        if (line_length && line[line_length - 1] == '\r') line[--line_length] = '\0';
        if (line_length == 0) {
            current = NULL; /* sentence ends */
        } else if (line[0] == '#') {
            const char *value;
            if (!current) {
                if (!sentence_line) sentence_line = line_number;
                if ((value = comment_value(line, "newdoc id")) || (value = comment_value(line, "newdoc")))
                    pending_doc = value;
                else if ((value = comment_value(line, "newpar id")) || (value = comment_value(line, "newpar")))
                    pending_par = true;
                else if ((value = comment_value(line, "sent_id")))
                    pending_sent_id = value;
                else if ((value = comment_value(line, "text")))
                    pending_text = value;
            }
        } else {
            if (!current) {
                if (out->sentence_count == sentence_capacity) {
                    out->sentences = arena_grow(arena, out->sentences, &sentence_capacity,
                                                sizeof *out->sentences);
                    if (!out->sentences)
                        return error_set(error, DYAD_ERR_MEMORY, origin, line_number, -1,
                                         "out of memory");
                }
                current = &out->sentences[out->sentence_count++];
                memset(current, 0, sizeof *current);
                current->sent_id = pending_sent_id;
                current->text = pending_text;
                current->newdoc_id = pending_doc;
                current->newpar = pending_par || pending_doc;
                current->line = sentence_line ? sentence_line : line_number;
                pending_doc = pending_sent_id = pending_text = NULL;
                pending_par = false;
                sentence_line = 0;
                word_capacity = multiword_capacity = 0;
            }
            char *field[10];
            int count = 0;
            char *p = line;
            while (count < 10) {
                field[count++] = p;
                char *tab = strchr(p, '\t');
                if (!tab) break;
                *tab = '\0';
                p = tab + 1;
            }
            if (count != 10)
                return error_set(error, DYAD_ERR_FORMAT, origin, line_number, -1,
                                 "CoNLL-U word line has %d fields, not 10", count);
            char *dash = strchr(field[0], '-');
            if (strchr(field[0], '.')) {
                /* empty node of the enhanced graph: not a word */
            } else if (dash) {
                if (current->multiword_count == multiword_capacity) {
                    current->multiwords = arena_grow(arena, current->multiwords,
                                                     &multiword_capacity,
                                                     sizeof *current->multiwords);
                    if (!current->multiwords)
                        return error_set(error, DYAD_ERR_MEMORY, origin, line_number, -1,
                                         "out of memory");
                }
                conllu_multiword *m = &current->multiwords[current->multiword_count++];
                m->first = atoi(field[0]);
                m->last = atoi(dash + 1);
                m->form = field[1];
                m->space_after = !misc_has_no_space(field[9]);
                if (m->first < 1 || m->last < m->first)
                    return error_set(error, DYAD_ERR_FORMAT, origin, line_number, -1,
                                     "bad multiword range '%s'", field[0]);
            } else {
                char *id_end;
                long id = strtol(field[0], &id_end, 10);
                if (*id_end || id != (long)current->word_count + 1)
                    return error_set(error, DYAD_ERR_FORMAT, origin, line_number, -1,
                                     "word id '%s' out of sequence (expected %zu)", field[0],
                                     current->word_count + 1);
                if (current->word_count == word_capacity) {
                    current->words = arena_grow(arena, current->words, &word_capacity,
                                                sizeof *current->words);
                    if (!current->words)
                        return error_set(error, DYAD_ERR_MEMORY, origin, line_number, -1,
                                         "out of memory");
                }
                conllu_word *w = &current->words[current->word_count++];
                w->form = field[1];
                w->lemma = field[2];
                w->upos = field[3];
                w->xpos = field[4];
                w->feats = field[5];
                char *head_end;
                w->head = (int)strtol(field[6], &head_end, 10);
                if (*head_end || head_end == field[6]) w->head = -1;
                w->deprel = field[7];
                w->deps = field[8];
                w->misc = field[9];
                w->space_after = !misc_has_no_space(field[9]);
                out->word_count++;
            }
        }
        line = next + 1;
    }
    /* heads must point inside their sentence */
    for (size_t s = 0; s < out->sentence_count; s++) {
        conllu_sentence *sentence = &out->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++)
            if (sentence->words[w].head > (int)sentence->word_count)
                return error_set(error, DYAD_ERR_FORMAT, origin, sentence->line, -1,
                                 "word %zu has head %d outside its sentence", w + 1,
                                 sentence->words[w].head);
        /* a word covered by a multiword token takes its SpaceAfter from the token */
        for (size_t m = 0; m < sentence->multiword_count; m++) {
            conllu_multiword *mw = &sentence->multiwords[m];
            if ((size_t)mw->last > sentence->word_count)
                return error_set(error, DYAD_ERR_FORMAT, origin, sentence->line, -1,
                                 "multiword token %d-%d beyond the sentence", mw->first, mw->last);
            for (int w = mw->first; w < mw->last; w++) sentence->words[w - 1].space_after = false;
            sentence->words[mw->last - 1].space_after = mw->space_after;
        }
    }
    return DYAD_OK;
}

dyad_status conllu_read_file(const char *path, dyad_arena *arena, conllu_corpus *out,
                             dyad_error *error) {
    FILE *file = fopen(path, "rb");
    if (!file) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot open: %s", strerror(errno));
    dyad_buffer buffer = {0};
    char chunk[1 << 16];
    size_t got;
    bool ok = true;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0 && ok)
        ok = buffer_append(&buffer, chunk, got);
    bool failed = ferror(file);
    fclose(file);
    if (!ok || failed) {
        dyad_buffer_free(&buffer);
        return error_set(error, ok ? DYAD_ERR_IO : DYAD_ERR_MEMORY, path, 0, -1,
                         ok ? "read failed" : "out of memory");
    }
    dyad_status status =
        conllu_read_memory(buffer.data ? buffer.data : "", buffer.length, path, arena, out, error);
    dyad_buffer_free(&buffer);
    return status;
}
