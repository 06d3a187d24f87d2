/*
 * batch.c — see batch.h.
 */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_DONE } slot_state;

typedef struct batch_slot {
    dyad_arena *arena;
    dyad_document *document;
    dyad_buffer output;
    dyad_status status;
    dyad_error error;
    slot_state state;
} batch_slot;

typedef struct batch_shared {
    pthread_mutex_t lock;
    pthread_cond_t work_ready;   /* a slot was queued, or shutting down */
    pthread_cond_t work_done;    /* a slot finished */
    batch_slot *slots;
    size_t slot_count;
    size_t next_to_take;         /* ring index of the next queued slot to process */
    size_t queued;               /* slots queued and not yet taken */
    bool shutting_down;
    batch_work_fn work;
    const void *context;
} batch_shared;

void batch_report(const dyad_error *error) {
    char message[1200];
    fprintf(stderr, "dyad: %s\n", dyad_error_format(error, message, sizeof message));
}

static void run_slot(batch_shared *shared, batch_slot *slot) {
    slot->output.length = 0;
    if (!slot->document) return;   /* a record that could not be read: status says why */
    slot->status = shared->work(shared->context, slot->document, &slot->output, &slot->error);
    if (slot->status != DYAD_OK) slot->output.length = 0; /* nothing half-written */
}

static void *worker_main(void *argument) {
    batch_shared *shared = argument;
    pthread_mutex_lock(&shared->lock);
    for (;;) {
        while (!shared->queued && !shared->shutting_down)
            pthread_cond_wait(&shared->work_ready, &shared->lock);
        if (!shared->queued) break;
        batch_slot *slot = &shared->slots[shared->next_to_take];
        shared->next_to_take = (shared->next_to_take + 1) % shared->slot_count;
        shared->queued--;
        pthread_mutex_unlock(&shared->lock);
        run_slot(shared, slot);
        pthread_mutex_lock(&shared->lock);
        slot->state = SLOT_DONE;
        pthread_cond_broadcast(&shared->work_done);
    }
    pthread_mutex_unlock(&shared->lock);
    return NULL;
}

/* Writes a finished slot and frees it for reuse. */
static void flush_slot(const batch_options *options, batch_slot *slot, batch_totals *totals,
                       int *exit_status) {
    if (slot->status == DYAD_OK) {
        if (slot->output.length &&
            fwrite(slot->output.data, 1, slot->output.length, options->output) !=
                slot->output.length) {
            dyad_error error = {.status = DYAD_ERR_IO, .offset = -1};
            snprintf(error.message, sizeof error.message, "cannot write output");
            batch_report(&error);
            *exit_status = 1;
        }
        totals->records++;
    } else {
        /* processing errors name the record they belong to */
        if (!slot->error.file[0] && slot->document) {
            snprintf(slot->error.file, sizeof slot->error.file, "%s",
                     slot->document->origin ? slot->document->origin : "-");
            slot->error.line = slot->document->origin_line;
        }
        if (!options->quiet) batch_report(&slot->error);
        totals->failed++;
        *exit_status = 1;
    }
    if (slot->document && !options->quiet) {
        /* warnings (replaced bytes, ignored fields) go to stderr as well as
         * into the record, so they are seen even when output is discarded */
        for (size_t i = 0; i < slot->document->warning_count; i++) {
            const dyad_warning *w = &slot->document->warnings[i];
            const char *origin = slot->document->origin ? slot->document->origin : "-";
            if (w->offset >= 0)
                fprintf(stderr, "dyad: %s:%ld: warning: %s (byte %lld)\n", origin,
                        slot->document->origin_line, w->message, w->offset);
            else
                fprintf(stderr, "dyad: %s:%ld: warning: %s\n", origin,
                        slot->document->origin_line, w->message);
        }
    }
    dyad_arena_reset(slot->arena);
    slot->document = NULL;
    slot->state = SLOT_FREE;
}

int batch_run(const batch_options *options, batch_work_fn work, const void *context,
              batch_totals *totals) {
    memset(totals, 0, sizeof *totals);
    int threads = options->threads > 0 ? options->threads : 1;
    int exit_status = 0;
    batch_shared shared = {.work = work, .context = context};
    /* single thread: one slot, processed inline; no locking at all */
    shared.slot_count = threads == 1 ? 1 : (size_t)threads * 4;
    shared.slots = calloc(shared.slot_count, sizeof *shared.slots);
    if (!shared.slots) {
        fprintf(stderr, "dyad: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < shared.slot_count; i++) {
        shared.slots[i].arena = dyad_arena_new();
        if (!shared.slots[i].arena) {
            fprintf(stderr, "dyad: out of memory\n");
            exit_status = 1;
            goto cleanup;
        }
    }
    pthread_t *workers = NULL;
    if (threads > 1) {
        pthread_mutex_init(&shared.lock, NULL);
        pthread_cond_init(&shared.work_ready, NULL);
        pthread_cond_init(&shared.work_done, NULL);
        workers = calloc((size_t)threads, sizeof *workers);
        for (int i = 0; workers && i < threads; i++)
            pthread_create(&workers[i], NULL, worker_main, &shared);
    }

    size_t next_to_fill = 0, next_to_write = 0, in_flight = 0;
    static char *const stdin_only[] = {"-", NULL};
    char *const *files = options->files && options->files[0] ? options->files : stdin_only;
    for (size_t f = 0; files[f]; f++) {
        dyad_reader *reader = NULL;
        dyad_error error;
        dyad_status open_status = dyad_reader_open(files[f], &options->reader, &reader, &error);
        for (;;) {
            batch_slot *slot = &shared.slots[next_to_fill];
            if (threads > 1) {
                /* write what is finished, in order; when the ring is full,
                 * wait for the oldest record, which frees the slot to fill */
                for (;;) {
                    pthread_mutex_lock(&shared.lock);
                    bool full = in_flight == shared.slot_count;
                    if (full)
                        while (shared.slots[next_to_write].state != SLOT_DONE)
                            pthread_cond_wait(&shared.work_done, &shared.lock);
                    bool ready = in_flight && shared.slots[next_to_write].state == SLOT_DONE;
                    pthread_mutex_unlock(&shared.lock);
                    if (!ready) break;
                    flush_slot(options, &shared.slots[next_to_write], totals, &exit_status);
                    next_to_write = (next_to_write + 1) % shared.slot_count;
                    in_flight--;
                }
            }
            dyad_document *document = NULL;
            dyad_status status = open_status != DYAD_OK
                                     ? open_status
                                     : dyad_reader_next(reader, slot->arena, &document, &error);
            if (status == DYAD_END) break;
            slot->document = document;
            slot->status = status;
            if (status != DYAD_OK) {
                /* a record that could not be read still takes its turn in
                 * the ring, so its message comes out in input order among
                 * the warnings of the records around it */
                slot->error = error;
                if (threads == 1) {
                    slot->state = SLOT_DONE;
                    flush_slot(options, slot, totals, &exit_status);
                } else {
                    /* queued like the others, since workers take slots in
                     * ring order; run_slot passes over it */
                    pthread_mutex_lock(&shared.lock);
                    slot->state = SLOT_QUEUED;
                    shared.queued++;
                    pthread_cond_signal(&shared.work_ready);
                    pthread_mutex_unlock(&shared.lock);
                    in_flight++;
                    next_to_fill = (next_to_fill + 1) % shared.slot_count;
                }
                /* an unopenable or unreadable file has nothing more to give */
                if (status == DYAD_ERR_IO || open_status != DYAD_OK) break;
                continue;
            }
            totals->bytes_in += (long long)document->raw_length;
            memset(&slot->error, 0, sizeof slot->error);
            slot->error.offset = -1;
            if (threads == 1) {
                run_slot(&shared, slot);
                slot->state = SLOT_DONE;
                flush_slot(options, slot, totals, &exit_status);
                continue;
            }
            pthread_mutex_lock(&shared.lock);
            slot->state = SLOT_QUEUED;
            shared.queued++;
            pthread_cond_signal(&shared.work_ready);
            pthread_mutex_unlock(&shared.lock);
            in_flight++;
            next_to_fill = (next_to_fill + 1) % shared.slot_count;
        }
        dyad_reader_close(reader);
    }
    if (threads > 1) {
        /* drain what is still in flight, in order */
        while (in_flight) {
            batch_slot *slot = &shared.slots[next_to_write];
            pthread_mutex_lock(&shared.lock);
            while (slot->state != SLOT_DONE) pthread_cond_wait(&shared.work_done, &shared.lock);
            pthread_mutex_unlock(&shared.lock);
            flush_slot(options, slot, totals, &exit_status);
            next_to_write = (next_to_write + 1) % shared.slot_count;
            in_flight--;
        }
        pthread_mutex_lock(&shared.lock);
        shared.shutting_down = true;
        pthread_cond_broadcast(&shared.work_ready);
        pthread_mutex_unlock(&shared.lock);
        for (int i = 0; workers && i < threads; i++) pthread_join(workers[i], NULL);
        free(workers);
        pthread_mutex_destroy(&shared.lock);
        pthread_cond_destroy(&shared.work_ready);
        pthread_cond_destroy(&shared.work_done);
    }
    if (fflush(options->output) != 0) {
        fprintf(stderr, "dyad: cannot write output\n");
        exit_status = 1;
    }
cleanup:
    for (size_t i = 0; i < shared.slot_count; i++) {
        dyad_arena_free(shared.slots[i].arena);
        dyad_buffer_free(&shared.slots[i].output);
    }
    free(shared.slots);
    return exit_status;
}
