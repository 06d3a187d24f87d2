/* Unit tests for clean/: each kind of page debris removed, real sentences
 * that look like debris kept, credits and datelines captured, headings
 * marked, repeats collapsed, Unicode normalised.  All strings are ours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clean/clean.h"
#include "clean/dateline.h"
#include "clean/debris.h"
#include "clean/heading.h"
#include "clean/normalize.h"

#include <utf8proc.h>

typedef struct fixture {
    clean_resources *resources;
    dyad_arena *arena;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    dyad_error error;
    if (clean_resources_load(DYAD_SOURCE_DATA_DIR, &f->resources, &error) != DYAD_OK) {
        fprintf(stderr, "cannot load data/clean: %s\n", error.message);
        free(f);
        return -1;
    }
    f->arena = dyad_arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    clean_resources_free(f->resources);
    dyad_arena_free(f->arena);
    free(f);
    return 0;
}

/* Cleans text as a record with no title; counts may be NULL. */
static dyad_document *clean_text(fixture *f, const char *text, clean_counts *counts) {
    dyad_arena_reset(f->arena);
    dyad_document *d = dyad_document_new(f->arena, text, strlen(text), "test", NULL);
    assert_non_null(d);
    dyad_error error;
    assert_int_equal(clean_document_counted(f->resources, d, counts, &error), DYAD_OK);
    /* whatever the input, the structure holds: paragraphs tile the text
     * with one blank line between them */
    size_t at = 0;
    for (size_t i = 0; i < d->paragraph_count; i++) {
        assert_int_equal(d->paragraphs[i].start, at);
        assert_true(d->paragraphs[i].end > d->paragraphs[i].start);
        at = d->paragraphs[i].end;
        if (i + 1 < d->paragraph_count) {
            assert_memory_equal(d->text + at, "\n\n", 2);
            at += 2;
        }
    }
    assert_int_equal(at, d->text_length);
    assert_int_equal(strlen(d->text), d->text_length);
    return d;
}

static bool contains(const dyad_document *d, const char *needle) {
    return strstr(d->text, needle) != NULL;
}

static const fixture *fixture_of(void **state) {
    return *state;
}

/* A body the debris sits in, so every case has real text around it. */
#define BODY_BEFORE "The talks ended without an agreement on Tuesday, officials said.\n\n"
#define BODY_AFTER "\n\nBoth delegations said they would meet again in January."

static void assert_removed(void **state, const char *debris, debris_kind kind) {
    fixture *f = *state;
    char text[2048];
    snprintf(text, sizeof text, "%s%s%s", BODY_BEFORE, debris, BODY_AFTER);
    clean_counts counts;
    dyad_document *d = clean_text(f, text, &counts);
    if (contains(d, debris) || counts.removed[kind] == 0) {
        fprintf(stderr, "not removed as kind %d: %s\n-> %s\n", kind, debris, d->text);
        fail();
    }
    assert_true(contains(d, "The talks ended without an agreement"));
    assert_true(contains(d, "Both delegations said"));
}

static void assert_kept(void **state, const char *sentence) {
    fixture *f = *state;
    char text[2048];
    snprintf(text, sizeof text, "%s%s%s", BODY_BEFORE, sentence, BODY_AFTER);
    clean_counts counts;
    dyad_document *d = clean_text(f, text, &counts);
    /* the cleaned text has single spaces */
    char expected[1024];
    size_t n = 0;
    for (const char *c = sentence; *c && n + 1 < sizeof expected; c++)
        if (!(*c == ' ' && n && expected[n - 1] == ' ')) expected[n++] = *c;
    expected[n] = '\0';
    if (!contains(d, expected)) {
        fprintf(stderr, "removed: %s\n-> %s\n", sentence, d->text);
        fail();
    }
    for (int k = 0; k < DEBRIS_KIND_COUNT; k++) assert_int_equal(counts.removed[k], 0);
    assert_int_equal(d->credit_count, 0);
}

static void breadcrumbs(void **state) {
    assert_removed(state, "Home > News > World", DEBRIS_NAVIGATION);
    assert_removed(state, "Home  World  Europe", DEBRIS_NAVIGATION);
    assert_removed(state, "News \xE2\x80\xBA World \xE2\x80\xBA Middle East", DEBRIS_NAVIGATION);
    assert_removed(state, "Home / Politics", DEBRIS_NAVIGATION);
    assert_removed(state, "Skip to main content", DEBRIS_NAVIGATION);
    assert_kept(state, "Home Secretary Laura Bennett visited the border on Monday.");
    assert_kept(state, "Home  Secretary Laura Bennett said the plan was sound.");
    assert_kept(state, "Exports to Asia > 40% of the total, the ministry said.");
    assert_kept(state, "Subject: Re: Talks in Geneva");
    assert_kept(state, "fyi/review/comment");
}

static void author_boxes(void **state) {
    fixture *f = *state;
    clean_counts counts;
    dyad_document *d = clean_text(f, BODY_BEFORE "Olena Marchenko\n+ posts" BODY_AFTER, &counts);
    assert_false(contains(d, "Olena Marchenko"));
    assert_false(contains(d, "posts"));
    assert_int_equal(counts.removed[DEBRIS_AUTHOR], 2);
    assert_removed(state, "View all posts by Olena Marchenko", DEBRIS_AUTHOR);
    assert_removed(state, "Author bio", DEBRIS_AUTHOR);
    assert_removed(state, "About the author", DEBRIS_AUTHOR);
    assert_kept(state, "The author of the report, Olena Marchenko, said the findings were clear.");
    assert_kept(state, "Posts by the ministry on social media were later deleted.");
    assert_kept(state, "All posts by the ministry were deleted on Friday.");
}

static void share_lines(void **state) {
    assert_removed(state, "Share this article", DEBRIS_SHARE);
    assert_removed(state, "Follow us on X", DEBRIS_SHARE);
    assert_removed(state, "Click to share on Facebook (Opens in new window)", DEBRIS_SHARE);
    assert_removed(state, "Facebook Twitter LinkedIn Email", DEBRIS_SHARE);
    assert_removed(state, "Follow Dyad News on Telegram", DEBRIS_SHARE);
    assert_kept(state, "Share prices fell 3% in early trading.");
    assert_kept(state, "Shares in the state oil company rose 5% on Monday.");
    assert_kept(state, "Follow-up talks are planned for Friday in Geneva.");
    assert_kept(state, "He urged his followers to share the video on Facebook.");
    assert_kept(state, "like 2day");
    assert_kept(state, "Follow the money, the prosecutor told the court.");
}

static void read_more_and_related(void **state) {
    fixture *f = *state;
    assert_removed(state, "Read more: Europe weighs new aid package", DEBRIS_RELATED);
    assert_removed(state, "ALSO READ | Aid convoys wait at the border", DEBRIS_RELATED);
    assert_removed(state, "Related: Kremlin rejects the proposals", DEBRIS_RELATED);
    clean_counts counts;
    dyad_document *d = clean_text(f,
        BODY_BEFORE "Related stories\nEU leaders to discuss frozen assets\n"
                    "Baltic states step up patrols" BODY_AFTER, &counts);
    assert_false(contains(d, "frozen assets"));
    assert_false(contains(d, "Baltic states"));
    assert_int_equal(counts.removed[DEBRIS_RELATED], 3);
    d = clean_text(f, BODY_BEFORE "More from Dyad News\nEU leaders to discuss frozen assets\n"
                                  "Baltic states step up patrols" BODY_AFTER, &counts);
    assert_false(contains(d, "frozen assets") || contains(d, "More from"));
    assert_int_equal(counts.removed[DEBRIS_RELATED], 3);
    assert_kept(state, "More from the ministry is expected on Friday.");
    assert_kept(state, "recommended");
    assert_kept(state, "MUST READ - Do not waste your time in this store.");
    assert_kept(state, "Read more carefully, the law bans protests near parliament.");
    assert_kept(state, "Related talks in Geneva made little progress on Monday.");
    assert_kept(state, "More than 40 people were detained, police said.");
}

static void prompts(void **state) {
    assert_removed(state, "Sign up for our daily newsletter to get the latest news in your inbox.",
                   DEBRIS_PROMPT);
    assert_removed(state, "We use cookies to improve your experience on our site.", DEBRIS_PROMPT);
    assert_removed(state, "Subscribe to Dyad News for full access", DEBRIS_PROMPT);
    assert_removed(state, "Subscribe to continue reading", DEBRIS_PROMPT);
    assert_kept(state, "\"We will not subscribe to this plan,\" the minister said.");
    assert_kept(state, "Countries that sign up now will receive aid first, the ministry said.");
    assert_kept(state, "The state regulator ordered the site to remove its cookies banner.");
}

static void captions(void **state) {
    assert_removed(state, "Photo: Foreign ministers arrive in Brussels. / AFP", DEBRIS_CAPTION);
    assert_removed(state,
        "Protesters gather outside parliament, December 2, 2025. REUTERS/Giorgi Tsiklauri",
        DEBRIS_CAPTION);
    assert_removed(state, "Soldiers fire a howitzer near the front line. (AP Photo/Ivan Petrenko)",
                   DEBRIS_CAPTION);
    assert_removed(state, "Ministers meet in Paris. Photograph: Anne Morel/Getty Images",
                   DEBRIS_CAPTION);
    assert_removed(state, "Image source, Getty Images", DEBRIS_CAPTION);
    assert_kept(state, "Photos released by the ministry showed damaged buildings.");
    assert_kept(state, "A poll by Reuters/Ipsos put support for the plan at 41%.");
    assert_kept(state, "Credit rating agencies cut the country's outlook on Friday.");
}

static void adverts_and_stamps(void **state) {
    assert_removed(state, "Advertisement", DEBRIS_ADVERT);
    assert_removed(state, "Story continues below advertisement", DEBRIS_ADVERT);
    assert_removed(state, "ADVERTISEMENT", DEBRIS_ADVERT);
    assert_removed(state, "Updated: Dec 3, 2025 18:40 GMT", DEBRIS_TIMESTAMP);
    assert_removed(state, "5 min read", DEBRIS_TIMESTAMP);
    assert_removed(state, "Published 3 December 2025", DEBRIS_TIMESTAMP);
    assert_removed(state, "Tags: United Nations, Security Council", DEBRIS_TAGS);
    assert_removed(state, "Nov. 19, 2025 8:03 am ET", DEBRIS_TIMESTAMP);
    assert_removed(state, "Tuesday 3 December 2025", DEBRIS_TIMESTAMP);
    assert_removed(state, "2 days ago", DEBRIS_TIMESTAMP);
    assert_removed(state, "https://news.example.org/world/talks-end", DEBRIS_NAVIGATION);
    assert_removed(state, "1 comment", DEBRIS_COMMENTS);
    assert_removed(state, "Image 1 of 23", DEBRIS_CAPTION);
    assert_kept(state, "December 3 was the deadline set by the council.");
    assert_kept(state, "September 20, 1888?");
    assert_kept(state, "May 2025 brought new sanctions.");
    assert_kept(state, "See https://news.example.org for the full text.");
    assert_kept(state, "Advertisement spending rose 4% this year, the agency said.");
    assert_kept(state, "Published figures show growth of 3% in 2025.");
    assert_kept(state, "Updated guidance issued on Dec 3 tells officials to stay home.");
}

static void credits_are_kept_apart(void **state) {
    fixture *f = *state;
    clean_counts counts;
    dyad_document *d = clean_text(f,
        "MOSCOW, Dec 3 (Reuters) - The talks ended without a deal, the Kremlin said.\n\n"
        "Both sides will meet again in January. (Reporting by Anna Petrova in Moscow; "
        "Editing by Claire Dumont)\n\n"
        "Additional reporting by Jan Kowalski in Warsaw\n"
        "Compiled by Dyad News staff\n"
        "(with inputs from Reuters)\n"
        "\xC2\xA9 2025 Dyad News", &counts);
    assert_int_equal(d->credit_count, 5);
    assert_string_equal(d->credits[0],
        "(Reporting by Anna Petrova in Moscow; Editing by Claire Dumont)");
    assert_string_equal(d->credits[1], "Additional reporting by Jan Kowalski in Warsaw");
    assert_string_equal(d->credits[2], "Compiled by Dyad News staff");
    assert_string_equal(d->credits[3], "(with inputs from Reuters)");
    assert_string_equal(d->credits[4], "\xC2\xA9 2025 Dyad News");
    assert_string_equal(d->text,
        "The talks ended without a deal, the Kremlin said.\n\n"
        "Both sides will meet again in January.");
    assert_int_equal(counts.credits, 5);

    /* a byline, near the top */
    d = clean_text(f, "By Anna Petrova and Mark Ellison\n\n" BODY_BEFORE "End.", NULL);
    assert_int_equal(d->credit_count, 1);
    assert_string_equal(d->credits[0], "By Anna Petrova and Mark Ellison");
    d = clean_text(f, "Reuters contributed to this report." BODY_AFTER, NULL);
    assert_int_equal(d->credit_count, 1);
    d = clean_text(f, BODY_BEFORE "\xE2\x80\x94 AFP", NULL);
    assert_int_equal(d->credit_count, 1);
    assert_string_equal(d->credits[0], "\xE2\x80\x94 AFP");

    assert_kept(state, "Reporting by the state broadcaster showed that the minister had resigned.");
    assert_kept(state, "By Tuesday the talks had collapsed.");
    assert_kept(state, "Russia contributed to the fund, the ministry said.");
    assert_kept(state, "Copyright law was not on the agenda, diplomats said.");
}

typedef struct dateline_case {
    const char *paragraph;
    const char *text, *place, *date, *agency, *story;
} dateline_case;

static void datelines(void **state) {
    fixture *f = *state;
    static const dateline_case cases[] = {
        {"KYIV, Dec 3 (Reuters) - Russian forces struck the grid.", "KYIV, Dec 3 (Reuters) -",
         "KYIV", "Dec 3", "Reuters", "Russian forces"},
        {"WASHINGTON (AP) \xE2\x80\x94 The Senate voted on Tuesday.", "WASHINGTON (AP) \xE2\x80\x94",
         "WASHINGTON", NULL, "AP", "The Senate"},
        {"MOSCOW, December 3 /TASS/. The Kremlin said the talks were useful.",
         "MOSCOW, December 3 /TASS/.", "MOSCOW", "December 3", "TASS", "The Kremlin"},
        {"Kyiv, Ukraine \xE2\x80\x94 Officials said the strikes hit two cities.",
         "Kyiv, Ukraine \xE2\x80\x94", "Kyiv, Ukraine", NULL, NULL, "Officials"},
        {"NEW DELHI: The government said it would send aid.", "NEW DELHI:", "NEW DELHI", NULL,
         NULL, "The government"},
        {"(CNN) \xE2\x80\x94 Talks resumed in Cairo on Wednesday.", "(CNN) \xE2\x80\x94", NULL,
         NULL, "CNN", "Talks resumed"},
        {"GAZA CITY \xE2\x80\x94 Strikes hit the north overnight.", "GAZA CITY \xE2\x80\x94",
         "GAZA CITY", NULL, NULL, "Strikes hit"},
        {"CAIRO, Dec. 3 (Xinhua) -- Mediators met both sides.", "CAIRO, Dec. 3 (Xinhua) --",
         "CAIRO", "Dec. 3", "Xinhua", "Mediators"},
        {"Moscow, 3 December (IANS) The foreign ministry said the plan was late.",
         "Moscow, 3 December (IANS)", "Moscow", "3 December", "IANS", "The foreign"},
        {"UNITED NATIONS, Dec 3, 2025 (AP) \xE2\x80\x94 The council voted.",
         "UNITED NATIONS, Dec 3, 2025 (AP) \xE2\x80\x94", "UNITED NATIONS", "Dec 3, 2025", "AP",
         "The council"},
        {"RIO de JANEIRO, Brazil, Nov 30 (Reuters) - Police said.",
         "RIO de JANEIRO, Brazil, Nov 30 (Reuters) -", "RIO de JANEIRO, Brazil", "Nov 30",
         "Reuters", "Police"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const dateline_case *c = &cases[i];
        dyad_document *d = clean_text(f, c->paragraph, NULL);
        if (!d->dateline) {
            fprintf(stderr, "no dateline in: %s\n", c->paragraph);
            fail();
        }
        assert_string_equal(d->dateline->text, c->text);
        if (c->place) assert_string_equal(d->dateline->place, c->place);
        else assert_null(d->dateline->place);
        if (c->date) assert_string_equal(d->dateline->date, c->date);
        else assert_null(d->dateline->date);
        if (c->agency) assert_string_equal(d->dateline->agency, c->agency);
        else assert_null(d->dateline->agency);
        assert_true(strncmp(d->text, c->story, strlen(c->story)) == 0);
    }
    /* openings that are sentences, not datelines */
    static const char *const not_datelines[] = {
        "Ukraine \xE2\x80\x94 once a grain exporter to the world \xE2\x80\x94 now imports fuel.",
        "BREAKING: The talks have collapsed, officials said.",
        "Russia, China and Iran \xE2\x80\x94 all of them \xE2\x80\x94 voted against.",
        "The U.S. - Russia talks ended on Tuesday.",
        "NATO \xE2\x80\x94 the alliance of 32 members \xE2\x80\x94 met on Tuesday.",
        "Moscow said on Tuesday that the talks were useful.",
        "KYIV, Dec 3 (Reuters)",
        "HAMSTERS - will a hamster be fine living in the bathroom?",
        "FROM: GEORGE SMITH 202.456.1414 Dear Sir or Madam,",
        "MOON LANDING HOAX: CHURCH = TECHNOLOGY & GOVERNMENT",
        "Subject: Re: The talks in Geneva",
    };
    for (size_t i = 0; i < sizeof not_datelines / sizeof *not_datelines; i++) {
        dyad_document *d = clean_text(f, not_datelines[i], NULL);
        if (d->dateline) {
            fprintf(stderr, "dateline '%s' found in: %s\n", d->dateline->text, not_datelines[i]);
            fail();
        }
        assert_string_equal(d->text, not_datelines[i]);
    }
    /* only the first body paragraph, after the headline, has one */
    dyad_document *d = clean_text(f,
        "Talks end without a deal\n\nKYIV, Dec 3 (Reuters) - Officials met.\n\n"
        "LONDON (Reuters) - This is a later paragraph.", NULL);
    assert_non_null(d->dateline);
    assert_string_equal(d->dateline->place, "KYIV");
    assert_true(contains(d, "LONDON (Reuters) - This is a later paragraph."));
}

static void headings(void **state) {
    fixture *f = *state;
    clean_counts counts;
    dyad_document *d = clean_text(f,
        "Kremlin talks with U.S. envoys end without a deal\n\n"
        "The talks ended on Tuesday, the Kremlin said.\n\n"
        "No Breakthrough on Territory\n\n"
        "Officials said a fourth round could follow.\n\n"
        "WHAT COMES NEXT\n\n"
        "Ministers meet again on Friday.\n\n"
        "What we know so far\n\n"
        "The envoys left Moscow on Wednesday.\n\n"
        "The talks ended and\n\n"
        "Short sentence that ends.\n\n"
        "This line is a long paragraph without any final punctuation that goes on and on about "
        "the talks and the envoys and what they said to each other in Moscow", &counts);
    assert_string_equal(d->title, "Kremlin talks with U.S. envoys end without a deal");
    assert_int_equal(d->paragraph_count, 11);
    const uint8_t expected[] = {1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0};
    for (size_t i = 0; i < 11; i++) assert_int_equal(d->paragraphs[i].heading, expected[i]);
    assert_int_equal(counts.headings, 4);

    /* a record with a title keeps it; a first line equal to it is a heading */
    dyad_arena_reset(f->arena);
    const char *text = "Talks end.\n\nThe envoys left Moscow on Wednesday.";
    d = dyad_document_new(f->arena, text, strlen(text), "t", NULL);
    d->title = "Talks End.";
    dyad_error error;
    assert_int_equal(clean_document(f->resources, d, &error), DYAD_OK);
    assert_string_equal(d->title, "Talks End.");
    assert_int_equal(d->paragraphs[0].heading, 1);

    /* questions open stories as often as they head them; two sentences
     * are never a heading */
    d = clean_text(f, "Remember the long quest to find a slogan?\n\nIt ended on Friday.", NULL);
    assert_int_equal(d->paragraphs[0].heading, 0);
    d = clean_text(f, "Will Talks Resume?\n\nThey ended on Friday.", NULL);
    assert_int_equal(d->paragraphs[0].heading, 1);
    d = clean_text(f, "This post was paid for by an advertiser. All opinions are mine\n\n"
                      "The talks ended.\n\nThe envoys met. They talked\n\nIt ended.", NULL);
    assert_int_equal(d->paragraphs[0].heading, 0);
    assert_int_equal(d->paragraphs[2].heading, 0);
    d = clean_text(f, "Talks End\n\nThe talks ended.\n\nGen. Hale Leaves Moscow\n\nHe left.", NULL);
    assert_int_equal(d->paragraphs[2].heading, 1);

    /* a lone first line is the article, not a headline */
    d = clean_text(f, "Kremlin talks end without a deal", NULL);
    assert_int_equal(d->paragraphs[0].heading, 0);
    assert_null(d->title);

    heading_shape shape;
    const char *line = "Talks Resume in Cairo After a Pause";
    heading_measure(clean_resources_patterns(f->resources), line, strlen(line), &shape);
    assert_true(shape.title_case);
    assert_true(heading_is_subheading(&shape, strlen(line)));
}

static void repeats_collapse(void **state) {
    fixture *f = *state;
    clean_counts counts;
    dyad_document *d = clean_text(f,
        "The president said the country was losing   soldiers every month.\n\n"
        "Officials pressed allies for air defence.\n\n"
        "The president said the country\nwas losing soldiers every month.\n\n"
        "No.\n\nNo.", &counts);
    assert_string_equal(d->text,
        "The president said the country was losing soldiers every month.\n\n"
        "Officials pressed allies for air defence.\n\nNo.\n\nNo.");
    assert_int_equal(counts.duplicates, 1);

    /* the standfirst again at the end, cut short */
    d = clean_text(f,
        "The Security Council voted on Wednesday to create a monitoring mission.\n\n"
        "Thirteen members voted in favour.\n\n"
        "The Security Council voted on Wednesday to create a...", &counts);
    assert_string_equal(d->text,
        "The Security Council voted on Wednesday to create a monitoring mission.\n\n"
        "Thirteen members voted in favour.");
    assert_int_equal(counts.duplicates, 1);
}

static void unicode_and_spaces(void **state) {
    fixture *f = *state;
    /* e + combining acute -> é (NFC); NBSP, thin space -> space; zero-width
     * space, soft hyphen, BOM dropped; CRLF and CR are line ends; Windows-1252
     * quotes read as Latin-1 (U+0092) are mended */
    dyad_document *d = clean_text(f,
        "\xEF\xBB\xBF" "Cafe\xCC\x81 talks\xC2\xA0resumed\xE2\x80\x89today in Gen\xC3\xA8ve.\r\n\r\n"
        "Nego\xC2\xADti\xE2\x80\x8B" "ations went on\rlate into the night, it\xC2\x92s said.", NULL);
    assert_string_equal(d->text,
        "Caf\xC3\xA9 talks resumed today in Gen\xC3\xA8ve.\n\n"
        "Negotiations went on late into the night, it\xE2\x80\x99s said.");

    /* a paragraph separator splits paragraphs; a replacement character stays */
    d = clean_text(f, "First paragraph here.\xE2\x80\xA9Second \xEF\xBF\xBD paragraph.", NULL);
    assert_int_equal(d->paragraph_count, 2);
    assert_true(contains(d, "\xEF\xBF\xBD"));

    /* a run of 100 combining marks is cut to 30 (Stream-Safe Text Format) */
    char hostile[512];
    size_t n = 0;
    hostile[n++] = 'a';
    for (int i = 0; i < 100; i++) {
        hostile[n++] = '\xCC';
        hostile[n++] = (char)(i % 2 ? 0x81 : 0xA3);    /* acute (230), dot below (220) */
    }
    hostile[n] = '\0';
    char *out;
    size_t out_length;
    dyad_error error;
    assert_int_equal(clean_normalize(hostile, n, &out, &out_length, &error), DYAD_OK);
    assert_true(out_length <= 1 + 2 * 30);
    free(out);
}

/* The NFC fast path is sound: a "stable" code point is its own NFC, has no
 * combining class, and is never anything but the first piece of another
 * character's decomposition (so it never composes with what precedes it). */
static void nfc_fast_path_is_sound(void **state) {
    (void)state;
    for (int32_t codepoint = 0; codepoint < 0x30000; codepoint++) {
        if (codepoint >= 0xD800 && codepoint <= 0xDFFF) continue;
        utf8proc_int32_t pieces[32];
        int boundary = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(codepoint, pieces, 32, UTF8PROC_DECOMPOSE,
                                                     &boundary);
        assert_true(n >= 1 && n <= 32);
        for (utf8proc_ssize_t i = 1; i < n; i++)
            if (normalize_is_nfc_stable(pieces[i])) {
                fprintf(stderr, "U+%04X composes with U+%04X\n", (unsigned)pieces[i],
                        (unsigned)pieces[0]);
                fail();
            }
        if (normalize_is_nfc_stable(codepoint)) {
            /* NFC of the code point alone is itself */
            utf8proc_uint8_t encoded[8] = {0}, *normal = NULL;
            utf8proc_ssize_t length = utf8proc_encode_char(codepoint, encoded);
            utf8proc_ssize_t normal_length =
                utf8proc_map(encoded, length, &normal, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            assert_int_equal(normal_length, length);
            assert_memory_equal(normal, encoded, (size_t)length);
            free(normal);
            assert_int_equal(utf8proc_get_property(codepoint)->combining_class, 0);
        }
    }
}

static void paragraph_structure(void **state) {
    fixture *f = *state;
    /* hard-wrapped lines are one paragraph; "U.S." at a line end does not end it */
    dyad_document *d = clean_text(f,
        "The envoys met in Moscow on Tuesday for talks that\n"
        "lasted five hours, according to the U.S.\n"
        "embassy, which gave no details.", NULL);
    assert_int_equal(d->paragraph_count, 1);
    assert_string_equal(d->text,
        "The envoys met in Moscow on Tuesday for talks that lasted five hours, according to "
        "the U.S. embassy, which gave no details.");
    /* one paragraph per line */
    d = clean_text(f, "Talks Resume in Cairo\nThe talks resumed on Wednesday in the Egyptian "
                      "capital after a pause of two weeks.\nMediators met both sides.", NULL);
    assert_int_equal(d->paragraph_count, 3);
    assert_int_equal(d->paragraphs[0].heading, 1);
    assert_string_equal(d->title, "Talks Resume in Cairo");
    /* nothing but debris leaves nothing */
    d = clean_text(f, "Advertisement\n\nShare this article", NULL);
    assert_int_equal(d->text_length, 0);
    assert_int_equal(d->paragraph_count, 0);
    d = clean_text(f, "", NULL);
    assert_int_equal(d->text_length, 0);
}

static void write_file(const char *dir, const char *name, const char *content) {
    char path[512];
    snprintf(path, sizeof path, "%s/clean/%s", dir, name);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(content, file);
    fclose(file);
}

static void bad_list_lines_are_reported(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-clean-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[600];
    snprintf(sub, sizeof sub, "%s/clean", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    static const char *const files[] = {
        "debris-lines.txt", "debris-prefixes.txt", "credits.txt", "agencies.txt", "dates.txt",
        "share-words.txt", "prompt-words.txt", "minor-words.txt", "name-words.txt",
        "place-words.txt", "labels.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) write_file(dir, files[i], "");
    clean_resources *resources = NULL;
    dyad_error error;
    assert_int_equal(clean_resources_load(dir, &resources, &error), DYAD_OK);
    clean_resources_free(resources);

    write_file(dir, "debris-lines.txt", "# comment\nadvert  advertisement\nadvrt  sponsored\n");
    assert_int_equal(clean_resources_load(dir, &resources, &error), DYAD_ERR_MODEL);
    assert_null(resources);
    assert_non_null(strstr(error.file, "debris-lines.txt"));
    assert_int_equal(error.line, 3);
    assert_non_null(strstr(error.message, "advrt"));

    write_file(dir, "debris-lines.txt", "advert  Advertisement\n");
    assert_int_equal(clean_resources_load(dir, &resources, &error), DYAD_ERR_MODEL);
    assert_int_equal(error.line, 1);
    write_file(dir, "debris-lines.txt", "advert  advertisement\n\nadvert advertisement\n");
    assert_int_equal(clean_resources_load(dir, &resources, &error), DYAD_ERR_MODEL);
    assert_int_equal(error.line, 3);
    write_file(dir, "debris-lines.txt", "advert\n");
    assert_int_equal(clean_resources_load(dir, &resources, &error), DYAD_ERR_MODEL);
    assert_int_equal(error.line, 1);

    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", sub, files[i]);
        unlink(path);
    }
    assert_int_equal(clean_resources_load(dir, &resources, &error), DYAD_ERR_MODEL);
    assert_non_null(strstr(error.file, "debris-lines.txt"));
    rmdir(sub);
    rmdir(dir);
}

static void rules_one_by_one(void **state) {
    const fixture *f = fixture_of(state);
    const clean_patterns *p = clean_resources_patterns(f->resources);
    const char *s = "Home > World";
    assert_true(debris_is_breadcrumb(p, s, strlen(s)));
    s = "Politics | World";       /* two items need "Home" first */
    assert_false(debris_is_breadcrumb(p, s, strlen(s)));
    s = "Share";
    assert_true(debris_is_share_bar(p, s, strlen(s)));
    s = "Share the burden";
    assert_false(debris_is_share_bar(p, s, strlen(s)));
    s = "Anna Petrova/AFP via Getty Images";
    assert_true(debris_ends_with_photo_credit(p, s, strlen(s)));
    s = "The ratio was 3/4";
    assert_false(debris_ends_with_photo_credit(p, s, strlen(s)));
    dateline_match match;
    s = "LONDON, 3rd December (Reuters) - Britain said.";
    assert_true(dateline_parse(p, s, strlen(s), &match));
    assert_int_equal(match.date.length, strlen("3rd December"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(breadcrumbs),
        cmocka_unit_test(author_boxes),
        cmocka_unit_test(share_lines),
        cmocka_unit_test(read_more_and_related),
        cmocka_unit_test(prompts),
        cmocka_unit_test(captions),
        cmocka_unit_test(adverts_and_stamps),
        cmocka_unit_test(credits_are_kept_apart),
        cmocka_unit_test(datelines),
        cmocka_unit_test(headings),
        cmocka_unit_test(repeats_collapse),
        cmocka_unit_test(unicode_and_spaces),
        cmocka_unit_test(nfc_fast_path_is_sound),
        cmocka_unit_test(paragraph_structure),
        cmocka_unit_test(bad_list_lines_are_reported),
        cmocka_unit_test(rules_one_by_one),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
