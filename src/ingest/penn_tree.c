/*
 * penn_tree.c — see penn_tree.h.
 */
#include "penn_tree.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct tree_node {
    const char *label;        /* category (function tags stripped) or POS tag */
    const char *function;     /* "TMP" from "NP-TMP", or "" */
    const char *word;         /* preterminals only */
    int parent, first_child, next_sibling;
    int head_child;           /* node index of the head child, -1 for preterminals */
    int head_word;            /* index of the lexical head */
    int word_index;           /* preterminals: their word's index */
} tree_node;

typedef struct tree {
    tree_node *nodes;
    int count;
    penn_word *words;
    int word_count;
} tree;

/* ------------------------------------------------------------- reading */

static bool is_separator(char c) {
    return c == '(' || c == ')' || isspace((unsigned char)c);
}

static const char *copy_atom(dyad_arena *arena, const char **cursor) {
    const char *start = *cursor;
    while (**cursor && !is_separator(**cursor)) (*cursor)++;
    return arena_strndup(arena, start, (size_t)(*cursor - start));
}

static void skip_space(const char **cursor) {
    while (**cursor && isspace((unsigned char)**cursor)) (*cursor)++;
}

static dyad_status read_tree(const char *text, dyad_arena *arena, tree *out, dyad_error *error) {
    int capacity = 64, word_capacity = 32;
    out->nodes = arena_alloc(arena, (size_t)capacity * sizeof *out->nodes);
    out->words = arena_alloc(arena, (size_t)word_capacity * sizeof *out->words);
    out->count = out->word_count = 0;
    if (!out->nodes || !out->words) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    int stack[256], depth = 0;
    int last_child[256];
    const char *cursor = text;
    skip_space(&cursor);
    while (*cursor) {
        if (*cursor == '(') {
            cursor++;
            skip_space(&cursor);
            if (out->count == capacity) {
                size_t size = (size_t)capacity * sizeof *out->nodes;
                tree_node *bigger = arena_alloc(arena, size * 2);
                if (!bigger) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
                memcpy(bigger, out->nodes, size);
                out->nodes = bigger;
                capacity *= 2;
            }
            if (depth == (int)(sizeof stack / sizeof *stack))
                return error_set(error, DYAD_ERR_FORMAT, NULL, 0, cursor - text, "tree too deep");
            int index = out->count++;
            tree_node *node = &out->nodes[index];
            memset(node, 0, sizeof *node);
            node->parent = depth ? stack[depth - 1] : -1;
            node->first_child = node->next_sibling = node->head_child = -1;
            node->head_word = node->word_index = -1;
            const char *label = (*cursor && *cursor != '(' && *cursor != ')') ? copy_atom(arena, &cursor) : "";
            if (!label) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            /* "NP-TMP" -> NP + TMP; "-LRB-", "-NONE-" stay whole */
            const char *dash = label[0] != '-' ? strchr(label, '-') : NULL;
            const char *equals = strchr(label, '=');
            if (equals && (!dash || equals < dash)) dash = equals;
            node->function = "";
            if (dash && dash != label) {
                node->function = dash + 1;
                node->label = arena_strndup(arena, label, (size_t)(dash - label));
            } else {
                node->label = label;
            }
            if (node->parent >= 0) {
                tree_node *parent = &out->nodes[node->parent];
                if (parent->first_child < 0) parent->first_child = index;
                else out->nodes[last_child[depth - 1]].next_sibling = index;
                last_child[depth - 1] = index;
            }
            stack[depth] = index;
            last_child[depth] = -1;
            depth++;
            skip_space(&cursor);
            if (*cursor && *cursor != '(' && *cursor != ')') {
                /* a preterminal: (TAG word) */
                const char *word = copy_atom(arena, &cursor);
                if (!word) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
                out->nodes[index].word = word;
                if (strcmp(out->nodes[index].label, "-NONE-") != 0) {
                    if (out->word_count == word_capacity) {
                        size_t size = (size_t)word_capacity * sizeof *out->words;
                        penn_word *bigger = arena_alloc(arena, size * 2);
                        if (!bigger) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
                        memcpy(bigger, out->words, size);
                        out->words = bigger;
                        word_capacity *= 2;
                    }
                    out->nodes[index].word_index = out->word_count;
                    out->nodes[index].head_word = out->word_count;
                    penn_word *entry = &out->words[out->word_count++];
                    memset(entry, 0, sizeof *entry);
                    entry->form = word;
                    entry->xpos = out->nodes[index].label;
                }
            }
        } else if (*cursor == ')') {
            if (!depth)
                return error_set(error, DYAD_ERR_FORMAT, NULL, 0, cursor - text,
                                 "unbalanced tree: ')' without '('");
            depth--;
            cursor++;
        } else if (isspace((unsigned char)*cursor)) {
            cursor++;
        } else {
            return error_set(error, DYAD_ERR_FORMAT, NULL, 0, cursor - text,
                             "unexpected text outside brackets");
        }
    }
    if (depth) return error_set(error, DYAD_ERR_FORMAT, NULL, 0, -1, "unbalanced tree: %d '(' left open", depth);
    if (!out->word_count) return error_set(error, DYAD_ERR_FORMAT, NULL, 0, -1, "tree without words");
    return DYAD_OK;
}

/* --------------------------------------------------------------- heads */

static bool label_is(const tree_node *node, const char *label) {
    return strcmp(node->label, label) == 0;
}

static bool is_preterminal(const tree_node *node) {
    return node->word != NULL;
}

static bool is_punctuation_tag(const char *tag) {
    return strcmp(tag, ",") == 0 || strcmp(tag, ".") == 0 || strcmp(tag, ":") == 0 ||
           strcmp(tag, "``") == 0 || strcmp(tag, "''") == 0 || strcmp(tag, "-LRB-") == 0 ||
           strcmp(tag, "-RRB-") == 0 || strcmp(tag, "#") == 0 || strcmp(tag, "HYPH") == 0 ||
           strcmp(tag, "NFP") == 0;
}

static bool is_verb_tag(const char *tag) {
    return tag[0] == 'V' && tag[1] == 'B';
}

static bool is_noun_tag(const char *tag) {
    return tag[0] == 'N' && tag[1] == 'N';
}

static bool word_in(const char *word, const char *const *words) {
    for (; *words; words++)
        if (strcasecmp(word, *words) == 0) return true;
    return false;
}

static const char *const be_forms[] = {"be", "is", "are", "was", "were", "been", "being", "am",
                                       "'s", "'re", "'m", NULL};
static const char *const get_forms[] = {"get", "gets", "got", "gotten", "getting", NULL};
static const char *const aux_forms[] = {"have", "has", "had", "having", "'ve", "'d", "do",
                                        "does", "did", "will", "would", "shall", "should",
                                        "can", "could", "may", "might", "must", "wo", "ca",
                                        "'ll", NULL};

static int children(const tree *t, int node, int *out, int max) {
    int count = 0;
    for (int c = t->nodes[node].first_child; c >= 0 && count < max; c = t->nodes[c].next_sibling)
        out[count++] = c;
    return count;
}

/* First child, searching left to right (or right to left) for the first
 * label of the list that any child has. */
static int search(const tree *t, const int *kids, int n, bool leftward, const char *const *labels) {
    for (const char *const *label = labels; *label; label++)
        for (int i = 0; i < n; i++) {
            int k = leftward ? n - 1 - i : i;
            if (strcmp(t->nodes[kids[k]].label, *label) == 0) return kids[k];
        }
    return -1;
}

/* The first child (from the left, or from the right) whose label is any
 * of the list: position first, then label. */
static int search_any(const tree *t, const int *kids, int n, bool leftward,
                      const char *const *labels) {
    for (int i = 0; i < n; i++) {
        int k = leftward ? n - 1 - i : i;
        for (const char *const *label = labels; *label; label++)
            if (strcmp(t->nodes[kids[k]].label, *label) == 0) return kids[k];
    }
    return -1;
}

static int first_not_punctuation(const tree *t, const int *kids, int n, bool from_right) {
    for (int i = 0; i < n; i++) {
        int k = from_right ? n - 1 - i : i;
        const tree_node *node = &t->nodes[kids[k]];
        if (!(is_preterminal(node) && is_punctuation_tag(node->label))) return kids[k];
    }
    return kids[from_right ? n - 1 : 0];
}

/* Coordination: the class a conjunct belongs to. */
static int conjunct_class(const tree_node *node) {
    const char *l = node->label;
    if (is_noun_tag(l) || !strcmp(l, "NP") || !strcmp(l, "NML") || !strcmp(l, "NX") ||
        !strcmp(l, "PRP") || !strcmp(l, "CD") || !strcmp(l, "QP"))
        return 1;
    if (is_verb_tag(l) || !strcmp(l, "VP")) return 2;
    if (l[0] == 'J' || !strcmp(l, "ADJP")) return 3;
    if (l[0] == 'S') return 4;
    if (!strcmp(l, "PP")) return 5;
    if (l[0] == 'R' || !strcmp(l, "ADVP")) return 6;
    return 7;
}

/* In a coordination (a CC or CONJP child after the first), the conjuncts
 * are the children of the class of the last one; returns the first. */
static int coordination_head(const tree *t, const int *kids, int n) {
    int cc = -1;
    for (int i = 1; i < n - 1; i++)
        if (label_is(&t->nodes[kids[i]], "CC") || label_is(&t->nodes[kids[i]], "CONJP")) cc = i;
    if (cc < 0) return -1;
    int last = first_not_punctuation(t, kids + cc + 1, n - cc - 1, false);
    int wanted = conjunct_class(&t->nodes[last]);
    for (int i = 0; i < cc; i++) {
        const tree_node *node = &t->nodes[kids[i]];
        if (is_preterminal(node) && is_punctuation_tag(node->label)) continue;
        if (conjunct_class(node) == wanted) return kids[i];
    }
    return -1;
}

static bool is_auxiliary(const tree *t, int node) {
    const tree_node *n = &t->nodes[node];
    if (!is_preterminal(n)) return false;
    if (label_is(n, "MD") || label_is(n, "TO")) return true;
    return is_verb_tag(n->label) &&
           (word_in(n->word, be_forms) || word_in(n->word, aux_forms) || word_in(n->word, get_forms));
}

static int choose_head(const tree *t, int node) {
    int kids[128];
    int n = children(t, node, kids, 128);
    if (n == 0) return -1;
    if (n == 1) return kids[0];
    const tree_node *p = &t->nodes[node];
    int head = coordination_head(t, kids, n);
    if (head >= 0 && !label_is(p, "PP")) return head;
    static const char *const verbs[] = {"VB", "VBD", "VBZ", "VBP", "VBN", "VBG", NULL};
    if (label_is(p, "VP")) {
        int vp = search(t, kids, n, false, (const char *const[]){"VP", NULL});
        for (int i = 0; i < n; i++) {
            if (!is_auxiliary(t, kids[i])) continue;
            if (vp >= 0) return vp;
            /* a copula: the predicate heads the clause */
            if (word_in(t->nodes[kids[i]].word, be_forms)) {
                int predicate = search(t, kids, n, false, (const char *const[]){"ADJP", "NP", NULL});
                if (predicate >= 0) return predicate;
            }
            break;
        }
        head = search_any(t, kids, n, false, verbs);
        if (head < 0) head = search(t, kids, n, false, (const char *const[]){"MD", "TO", "VP", "ADJP", "JJ", "NN", "NNS", "NP", "IN", NULL});
        return head >= 0 ? head : kids[0];
    }
    if (label_is(p, "S") || label_is(p, "SQ") || label_is(p, "SINV")) {
        head = search(t, kids, n, false, (const char *const[]){"VP", "S", "SQ", "SINV", "ADJP", "NP", "PP", "FRAG", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, false);
    }
    if (label_is(p, "SBAR") || label_is(p, "SBARQ")) {
        head = search(t, kids, n, false, (const char *const[]){"S", "SQ", "SINV", "SBARQ", "FRAG", "VP", "NP", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, false);
    }
    if (label_is(p, "PP") || label_is(p, "WHPP")) {
        /* the complement heads the phrase; the preposition is its case */
        for (int i = 0; i < n; i++) {
            const tree_node *k = &t->nodes[kids[i]];
            if (is_preterminal(k) && (label_is(k, "IN") || label_is(k, "TO") || label_is(k, "RP") ||
                                      is_punctuation_tag(k->label) || label_is(k, "RB")))
                continue;
            return kids[i];
        }
        return first_not_punctuation(t, kids, n, false);
    }
    if (label_is(p, "NP") || label_is(p, "NML") || label_is(p, "NX") || label_is(p, "WHNP")) {
        static const char *const nominal[] = {"NN", "NNP", "NNPS", "NNS", "NML", "NX", "NP",
                                              "PRP", "CD", NULL};
        /* a possessor ("Gondor 's") is headed by its noun, not by 's */
        int last = first_not_punctuation(t, kids, n, true);
        if (label_is(&t->nodes[last], "POS")) {
            int before[128], m = 0;
            for (int i = 0; i < n && kids[i] != last; i++) before[m++] = kids[i];
            if (m) {
                int noun = search_any(t, before, m, true, nominal);
                return noun >= 0 ? noun : before[m - 1];
            }
        }
        /* the rightmost noun; for "NP PP" and "NP , NP" the first NP */
        head = search_any(t, kids, n, true, (const char *const[]){"NN", "NNP", "NNPS", "NNS", "NX", "NML", "JJR", NULL});
        if (head >= 0) return head;
        head = search(t, kids, n, false, (const char *const[]){"NP", NULL});
        if (head >= 0) return head;
        head = search(t, kids, n, true, (const char *const[]){"$", "ADJP", "PRN", "CD", "JJ", "JJS", "RB", "QP", "PRP", "DT", "WDT", "WP", "EX", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, true);
    }
    if (label_is(p, "ADJP") || label_is(p, "WHADJP")) {
        head = search(t, kids, n, false, (const char *const[]){"JJ", "JJR", "JJS", "VBN", "VBG", "ADJP", "NNS", "NN", "QP", "CD", "RB", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, false);
    }
    if (label_is(p, "ADVP") || label_is(p, "WHADVP")) {
        head = search(t, kids, n, true, (const char *const[]){"RB", "RBR", "RBS", "WRB", "ADVP", "JJ", "IN", "NP", "NN", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, true);
    }
    if (label_is(p, "QP")) {
        head = search(t, kids, n, true, (const char *const[]){"CD", "NN", "NNS", "JJ", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, true);
    }
    if (label_is(p, "PRT")) {
        head = search(t, kids, n, true, (const char *const[]){"RP", NULL});
        return head >= 0 ? head : kids[n - 1];
    }
    if (label_is(p, "CONJP")) {
        head = search(t, kids, n, false, (const char *const[]){"CC", "RB", "IN", NULL});
        return head >= 0 ? head : kids[0];
    }
    if (label_is(p, "PRN")) {
        head = search(t, kids, n, false, (const char *const[]){"S", "VP", "NP", "PP", "SBAR", "ADJP", "ADVP", NULL});
        return head >= 0 ? head : first_not_punctuation(t, kids, n, false);
    }
    /* ROOT, FRAG, UCP, X, INTJ, LST, RRC: the first content child */
    head = search(t, kids, n, false, (const char *const[]){"S", "SINV", "SQ", "SBARQ", "VP", "NP", "SBAR", "FRAG", NULL});
    return head >= 0 ? head : first_not_punctuation(t, kids, n, false);
}

/* Computes head_child and head_word bottom-up (children have larger
 * indices than their parents, so a reverse sweep sees children first). */
static void find_heads(tree *t) {
    for (int i = t->count - 1; i >= 0; i--) {
        tree_node *node = &t->nodes[i];
        if (is_preterminal(node)) continue;
        node->head_child = choose_head(t, i);
        node->head_word = node->head_child >= 0 ? t->nodes[node->head_child].head_word : -1;
    }
}

/* ----------------------------------------------------------- relations */

static bool has_subject(const tree *t, int clause) {
    for (int c = t->nodes[clause].first_child; c >= 0; c = t->nodes[c].next_sibling) {
        const tree_node *k = &t->nodes[c];
        if ((label_is(k, "NP") && strcmp(k->function, "TMP") != 0 && strcmp(k->function, "ADV") != 0) ||
            label_is(k, "WHNP"))
            return true;
        if (label_is(k, "VP")) return false;
    }
    return false;
}

static const char *clause_relation(const tree *t, int clause, bool in_noun) {
    /* SBAR: "that" or no complementizer -> complement; "because" -> adverbial */
    const tree_node *node = &t->nodes[clause];
    if (label_is(node, "SBAR")) {
        int first = node->first_child;
        const tree_node *marker = first >= 0 ? &t->nodes[first] : NULL;
        if (marker && (label_is(marker, "WHNP") || label_is(marker, "WHADVP") || label_is(marker, "WHPP")))
            return in_noun ? "acl:relcl" : "ccomp";
        if (marker && (label_is(marker, "IN") || label_is(marker, "DT"))) {
            const char *word = marker->word;
            if (strcasecmp(word, "that") == 0 || strcasecmp(word, "whether") == 0)
                return in_noun ? "acl" : "ccomp";
            return in_noun ? "acl" : "advcl";
        }
        return in_noun ? "acl" : "ccomp";
    }
    if (in_noun) return "acl";
    return has_subject(t, clause) ? "ccomp" : "xcomp";
}

static void set_relation(tree *t, int dependent_word, int head_word, const char *relation) {
    if (dependent_word < 0 || head_word < 0 || dependent_word == head_word) return;
    t->words[dependent_word].head = head_word + 1;
    t->words[dependent_word].deprel = relation;
}

static const char *relation_of(tree *t, int parent, int child, int head_child, bool coordination,
                               bool after_head, int *objects) {
    const tree_node *p = &t->nodes[parent];
    const tree_node *c = &t->nodes[child];
    const char *l = c->label;
    if (is_preterminal(c) && is_punctuation_tag(l)) return "punct";
    if (label_is(c, "CC") || label_is(c, "CONJP")) return "cc";
    if (coordination && after_head && conjunct_class(c) == conjunct_class(&t->nodes[head_child]))
        return "conj";
    bool noun_phrase = label_is(p, "NP") || label_is(p, "NML") || label_is(p, "NX") || label_is(p, "WHNP");
    bool verb_phrase = label_is(p, "VP");
    bool clause = label_is(p, "S") || label_is(p, "SINV") || label_is(p, "SQ") || label_is(p, "SBARQ");
    const tree_node *head = &t->nodes[head_child];
    if (label_is(p, "PP") || label_is(p, "WHPP")) {
        if (label_is(c, "IN") || label_is(c, "TO") || label_is(c, "RP"))
            return (head->label[0] == 'S' || label_is(head, "VP")) ? "mark" : "case";
        if (label_is(c, "RB") || label_is(c, "ADVP")) return "advmod";
        return "dep";
    }
    if (label_is(p, "SBAR")) {
        if (label_is(c, "IN") || label_is(c, "DT")) return "mark";
        if (label_is(c, "WHNP")) return has_subject(t, head_child) ? "obj" : "nsubj";
        if (label_is(c, "WHADVP")) return "advmod";
        if (label_is(c, "WHPP")) return "obl";
        if (label_is(c, "RB") || label_is(c, "ADVP")) return "advmod";
        return "dep";
    }
    if (noun_phrase) {
        if (label_is(c, "DT") || label_is(c, "PDT") || label_is(c, "WDT")) return "det";
        if (label_is(c, "PRP$") || label_is(c, "WP$")) return "nmod:poss";
        if (label_is(c, "POS")) return "case";
        if (label_is(c, "NP") || label_is(c, "NML")) {
            /* a possessor ends in 's */
            int last = -1;
            for (int k = c->first_child; k >= 0; k = t->nodes[k].next_sibling) last = k;
            if (last >= 0 && label_is(&t->nodes[last], "POS")) return "nmod:poss";
            if (!after_head) return "compound";
            return "appos";
        }
        if (c->label[0] == 'J' || label_is(c, "ADJP") || label_is(c, "VBN") || label_is(c, "VBG"))
            return after_head ? "amod" : "amod";
        if (label_is(c, "CD") || label_is(c, "QP")) return "nummod";
        if (is_noun_tag(c->label) || label_is(c, "FW")) return after_head ? "appos" : "compound";
        if (label_is(c, "PP")) return "nmod";
        if (label_is(c, "SBAR") || label_is(c, "S") || label_is(c, "RRC")) return clause_relation(t, child, true);
        if (label_is(c, "VP")) return "acl";
        if (label_is(c, "PRN")) return "appos";
        if (label_is(c, "RB") || label_is(c, "ADVP")) return "advmod";
        if (label_is(c, "$")) return "compound";
        return "dep";
    }
    if (verb_phrase || clause) {
        if (label_is(c, "MD")) return "aux";
        if (label_is(c, "TO")) return verb_phrase ? "mark" : "aux";
        if (is_verb_tag(c->label) && is_auxiliary(t, child)) {
            if (word_in(c->word, be_forms) && !label_is(head, "VP") && !is_verb_tag(head->label))
                return "cop";
            return "aux";
        }
        if (label_is(c, "NP") || label_is(c, "NN") || label_is(c, "NNS") || label_is(c, "NNP") ||
            label_is(c, "PRP")) {
            if (!strcmp(c->function, "TMP")) return "obl:tmod";
            if (!strcmp(c->function, "ADV")) return "obl:npmod";
            if (clause || !after_head) return "nsubj";
            (*objects)++;
            return "obj";
        }
        if (label_is(c, "PP")) return "obl";
        if (label_is(c, "S") || label_is(c, "SBAR") || label_is(c, "SQ") || label_is(c, "SINV") ||
            label_is(c, "SBARQ")) {
            if (clause && !after_head) {
                if (label_is(c, "SBAR")) return "advcl";
                return has_subject(t, parent) ? "ccomp" : "csubj";
            }
            if (clause && label_is(c, "S")) return "parataxis";
            return clause_relation(t, child, false);
        }
        if (label_is(c, "ADVP") || c->label[0] == 'R' || label_is(c, "WHADVP")) return "advmod";
        if (label_is(c, "PRT") || label_is(c, "RP")) return "compound:prt";
        if (label_is(c, "ADJP") || c->label[0] == 'J') return verb_phrase ? "xcomp" : "dep";
        if (label_is(c, "VP")) return "conj";
        if (label_is(c, "PRN")) return "parataxis";
        if (label_is(c, "INTJ") || label_is(c, "UH")) return "discourse";
        if (label_is(c, "IN")) return "mark";
        return "dep";
    }
    if (label_is(p, "ADJP") || label_is(p, "ADVP") || label_is(p, "WHADJP") || label_is(p, "WHADVP")) {
        if (c->label[0] == 'R' || label_is(c, "ADVP")) return "advmod";
        if (label_is(c, "PP")) return "obl";
        if (label_is(c, "S")) return "xcomp";
        if (label_is(c, "SBAR")) return "ccomp";
        if (label_is(c, "NP")) return "obl:npmod";
        if (label_is(c, "DT")) return "det";
        if (label_is(c, "CD") || label_is(c, "QP")) return "nummod";
        return "amod";
    }
    if (label_is(p, "QP")) {
        if (label_is(c, "CD")) return "compound";
        if (label_is(c, "RB") || label_is(c, "IN") || label_is(c, "JJ")) return "advmod";
        return "dep";
    }
    if (label_is(p, "PRT") || label_is(p, "CONJP")) return "fixed";
    return "dep";
}

static void assign_relations(tree *t, int node) {
    tree_node *p = &t->nodes[node];
    if (is_preterminal(p) || p->head_child < 0) return;
    int kids[128];
    int n = children(t, node, kids, 128);
    bool coordination = coordination_head(t, kids, n) == p->head_child && !label_is(p, "PP");
    int objects = 0;
    int head_word = p->head_word;
    bool after = false;
    for (int i = 0; i < n; i++) {
        int child = kids[i];
        if (child == p->head_child) {
            after = true;
            continue;
        }
        const char *relation = relation_of(t, node, child, p->head_child, coordination, after, &objects);
        int dependent = t->nodes[child].head_word;
        int attach = head_word;
        if (!strcmp(relation, "cc")) {
            /* UD: a conjunction depends on the conjunct after it */
            for (int j = i + 1; j < n; j++) {
                const tree_node *next = &t->nodes[kids[j]];
                if (kids[j] != p->head_child && !(is_preterminal(next) && is_punctuation_tag(next->label))) {
                    attach = next->head_word;
                    break;
                }
            }
        }
        set_relation(t, dependent, attach, relation);
    }
    /* two objects: the first is the indirect one ("gave Gondor aid") */
    if (objects == 2) {
        for (int i = 0; i < n; i++) {
            int w = t->nodes[kids[i]].head_word;
            if (w >= 0 && t->words[w].deprel && !strcmp(t->words[w].deprel, "obj") &&
                t->words[w].head == head_word + 1) {
                t->words[w].deprel = "iobj";
                break;
            }
        }
    }
    for (int i = 0; i < n; i++) assign_relations(t, kids[i]);
}

static bool is_passive_verb(const tree *t, int word) {
    if (strcmp(t->words[word].xpos, "VBN") != 0) return false;
    for (int i = 0; i < t->word_count; i++)
        if (t->words[i].head == word + 1 && t->words[i].deprel && !strcmp(t->words[i].deprel, "aux") &&
            (word_in(t->words[i].form, be_forms) || word_in(t->words[i].form, get_forms)))
            return true;
    return false;
}

static const char *universal_tag(const penn_word *word) {
    const char *x = word->xpos, *rel = word->deprel ? word->deprel : "";
    if (is_noun_tag(x)) return (x[2] == 'P') ? "PROPN" : "NOUN";
    if (is_verb_tag(x)) return (!strcmp(rel, "aux") || !strcmp(rel, "aux:pass") || !strcmp(rel, "cop")) ? "AUX" : "VERB";
    if (!strcmp(x, "MD")) return "AUX";
    if (x[0] == 'J') return "ADJ";
    if (x[0] == 'R' && x[1] == 'B') return "ADV";
    if (!strcmp(x, "WRB")) return "ADV";
    if (!strcmp(x, "IN")) return !strcmp(rel, "mark") ? "SCONJ" : "ADP";
    if (!strcmp(x, "DT") || !strcmp(x, "PDT") || !strcmp(x, "WDT")) return "DET";
    if (!strcmp(x, "CC")) return "CCONJ";
    if (!strcmp(x, "CD")) return "NUM";
    if (!strcmp(x, "PRP") || !strcmp(x, "PRP$") || !strcmp(x, "WP") || !strcmp(x, "WP$") ||
        !strcmp(x, "EX"))
        return "PRON";
    if (!strcmp(x, "TO") || !strcmp(x, "POS") || !strcmp(x, "RP")) return !strcmp(x, "RP") ? "ADP" : "PART";
    if (!strcmp(x, "UH")) return "INTJ";
    if (!strcmp(x, "SYM") || !strcmp(x, "$")) return "SYM";
    if (is_punctuation_tag(x)) return "PUNCT";
    return "X";
}

dyad_status penn_tree_to_dependencies(const char *text, dyad_arena *arena, penn_word **words,
                                      size_t *count, dyad_error *error) {
    tree t;
    dyad_status status = read_tree(text, arena, &t, error);
    if (status != DYAD_OK) return status;
    find_heads(&t);
    for (int i = 0; i < t.word_count; i++) {
        t.words[i].head = 0;
        t.words[i].deprel = NULL;
    }
    assign_relations(&t, 0);
    int root = t.nodes[0].head_word;
    for (int i = 0; i < t.word_count; i++) {
        if (i == root) {
            t.words[i].head = 0;
            t.words[i].deprel = "root";
        } else if (!t.words[i].deprel) {
            /* a word the rules did not reach hangs off the root */
            t.words[i].head = root + 1;
            t.words[i].deprel = "dep";
        }
    }
    /* "urged Eriador to respond": the tree makes "Eriador to respond" a
     * clause; UD makes Eriador the object and "to respond" an xcomp */
    for (int i = 0; i < t.word_count; i++) {
        penn_word *w = &t.words[i];
        if (!w->deprel || strcmp(w->deprel, "ccomp") != 0 || w->head <= 0) continue;
        int subject = -1;
        bool infinitive = false;
        for (int j = 0; j < t.word_count; j++) {
            if (t.words[j].head != i + 1) continue;
            if (!strcmp(t.words[j].deprel, "nsubj")) subject = j;
            if (!strcmp(t.words[j].deprel, "mark") && !strcasecmp(t.words[j].form, "to")) infinitive = true;
        }
        if (subject < 0 || !infinitive || subject > i) continue;
        t.words[subject].head = w->head;
        t.words[subject].deprel = "obj";
        w->deprel = "xcomp";
    }
    /* passives: be + participle */
    for (int i = 0; i < t.word_count; i++) {
        if (!is_passive_verb(&t, i)) continue;
        for (int j = 0; j < t.word_count; j++) {
            penn_word *w = &t.words[j];
            if (w->head != i + 1) continue;
            if (!strcmp(w->deprel, "nsubj")) w->deprel = "nsubj:pass";
            else if (!strcmp(w->deprel, "aux") && (word_in(w->form, be_forms) || word_in(w->form, get_forms)))
                w->deprel = "aux:pass";
            else if (!strcmp(w->deprel, "obl")) {
                for (int k = 0; k < t.word_count; k++)
                    if (t.words[k].head == j + 1 && !strcmp(t.words[k].deprel, "case") &&
                        !strcasecmp(t.words[k].form, "by"))
                        w->deprel = "obl:agent";
            }
        }
    }
    for (int i = 0; i < t.word_count; i++) t.words[i].upos = universal_tag(&t.words[i]);
    *words = t.words;
    *count = (size_t)t.word_count;
    return DYAD_OK;
}

const char *penn_token_text(const char *form) {
    static const struct {
        const char *tree, *text;
    } map[] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"},
               {"-LCB-", "{"}, {"-RCB-", "}"}, {"``", "\""},  {"''", "\""}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(form, map[i].tree) == 0) return map[i].text;
    return form;
}
