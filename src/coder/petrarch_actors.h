/*
 * petrarch_actors.h — a minimal reader and resolver for PETRARCH actor and
 * agent dictionaries, used by `dyad validate` only.
 *
 * STAND-IN: the actor stage (src/actors, actor_dictionary) owns actor
 * resolution; until it is merged, validation still needs actors to code
 * its records, so this file reads the two PETRARCH formats just far
 * enough: actor phrases with synonyms, compound codes (A/B) and date
 * restrictions; agent phrases with plurals, prefix/suffix codes and
 * !SUBSTITUTION! sets.  Resolution is PETRARCH's noun-phrase composition
 * done linearly: a run of actor, agent and nominal words makes one actor
 * ("Arnor's foreign minister" -> ARNGOVFRM), and an agent followed by
 * of/in/from passes its code to the actors after it ("lawmakers in Fornost
 * and Gondor").  When src/actors lands, validate should call it instead
 * and this file can go.
 */
#ifndef DYAD_CODER_PETRARCH_ACTORS_H
#define DYAD_CODER_PETRARCH_ACTORS_H

#include "dyad.h"

typedef struct petrarch_actors petrarch_actors;

/* agent_path may be NULL.  Malformed lines are reported with file and line
 * through problem() (may be NULL) and skipped. */
dyad_status petrarch_actors_load(const char *actor_path, const char *agent_path,
                                 void (*problem)(void *context, const char *file, long line,
                                                 const char *message),
                                 void *context, petrarch_actors **out, dyad_error *error);
void petrarch_actors_free(petrarch_actors *actors);

/* Fills document->mentions from its sentences' tokens (tags help: Penn
 * tags decide which words may join a noun phrase). */
dyad_status petrarch_actors_resolve(const petrarch_actors *actors, dyad_document *document,
                                    dyad_error *error);

#endif
