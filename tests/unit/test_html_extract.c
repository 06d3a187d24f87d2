/* Unit tests for ingest/html_extract and its helpers (decoding, dates,
 * metadata) and for the extraction metric (evaluate/extract_eval), on
 * small pages written for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate/extract_eval.h"
#include "ingest/html_date.h"
#include "ingest/html_decode.h"
#include "ingest/html_extract.h"
#include "resources.h"
#include "util/buffer.h"

/* The project's own class/id words (data/ingest/html-hints.txt), loaded
 * once for the group: the pages below are read as the reader reads them. */
static html_hints *hints;

static int load_hints(void **state) {
    (void)state;
    char *data_dir = resources_find_data_dir(NULL);
    dyad_error error;
    dyad_status status = data_dir ? html_hints_load_from_data_dir(data_dir, &hints, &error)
                                  : DYAD_ERR_MODEL;
    if (status != DYAD_OK)
        fprintf(stderr, "cannot load the HTML hints: %s\n",
                data_dir ? error.message : "no data directory");
    free(data_dir);
    return status == DYAD_OK ? 0 : -1;
}

static int free_hints(void **state) {
    (void)state;
    html_hints_free(hints);
    return 0;
}

static dyad_status extract(dyad_arena *arena, const char *page, size_t length,
                           html_article *out, dyad_error *error) {
    return html_extract_article(hints, page, length, "test.html", NULL, arena, out, error);
}

static html_article extract_ok(dyad_arena *arena, const char *page) {
    html_article article;
    dyad_error error;
    dyad_status status = extract(arena, page, strlen(page), &article, &error);
    if (status != DYAD_OK) fprintf(stderr, "extraction failed: %s\n", error.message);
    assert_int_equal(status, DYAD_OK);
    return article;
}

/* A news page with the usual furniture around a four-paragraph story. */
static const char furnished_page[] =
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    "<title>Envoys meet in Geneva | Daily Test</title>"
    "<style>.x{color:red}</style><script>var tracking = 'Envoys are tracked here';</script>"
    "</head><body>"
    "<div class='cookie-notice'><p>We use cookies to improve your experience on our site. "
    "Accept them all, or manage your choices.</p></div>"
    "<header class='site-header'><a href='/'>Daily Test</a></header>"
    "<nav><ul><li><a href='/world'>World</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
    "<div class='breadcrumbs'><a href='/'>Home</a> &gt; <a href='/world'>World</a></div>"
    "<div class='main-column'>"
    "<h1>Envoys meet in Geneva</h1>"
    "<div class='byline'>By A. Writer, Geneva correspondent</div>"
    "<ul class='share-tools'><li><a href='#'>Facebook</a></li><li><a href='#'>Email</a></li></ul>"
    "<div class='article-body'>"
    "<p>Envoys from the two countries met in Geneva on Monday, their first talks in a year, "
    "and agreed to meet again next month.</p>"
    "<p>The talks, hosted by the Swiss government, lasted six hours. Officials said the "
    "atmosphere was calm, although no joint statement was issued.</p>"
    "<p>One delegate said the sides had agreed on an agenda covering prisoners, border "
    "crossings and trade, and that working groups would meet in the coming weeks.</p>"
    "<p>The next round is due to open on March 3.</p>"
    "</div>"
    "<div class='related-articles'><h3>Related</h3><ul>"
    "<li><a href='/a'>Earlier talks collapse after two days of disagreement</a></li>"
    "<li><a href='/b'>Who are the envoys and what do they want from this round</a></li>"
    "</ul></div>"
    "<div id='comments'><p>Reader one: this will never work, mark my words, never.</p></div>"
    "</div>"
    "<aside class='sidebar'><p>Most read: a long story about something else entirely that "
    "readers liked this week.</p></aside>"
    "<footer><p>Copyright 2025 Daily Test. All rights reserved. Terms and privacy.</p></footer>"
    "</body></html>";

static void furniture_is_dropped_and_paragraphs_kept(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, furnished_page);
    assert_string_equal(
        article.text,
        "Envoys from the two countries met in Geneva on Monday, their first talks in a year, "
        "and agreed to meet again next month.\n\n"
        "The talks, hosted by the Swiss government, lasted six hours. Officials said the "
        "atmosphere was calm, although no joint statement was issued.\n\n"
        "One delegate said the sides had agreed on an agenda covering prisoners, border "
        "crossings and trade, and that working groups would meet in the coming weeks.\n\n"
        "The next round is due to open on March 3.");
    assert_int_equal(article.text_length, strlen(article.text));
    assert_int_equal(article.paragraph_count, 4);
    assert_int_equal(article.paragraphs[3].end, article.text_length);
    assert_string_equal(article.title, "Envoys meet in Geneva | Daily Test");
    dyad_arena_free(arena);
}

static void headings_stay_as_paragraphs_but_not_the_title(void **state) {
    (void)state;
    const char page[] =
        "<html><head><meta property='og:title' content='Ceasefire holds in the north'></head>"
        "<body><article><h1>Ceasefire holds in the north</h1>"
        "<p>The ceasefire agreed last week held for a fifth day on Sunday, local officials "
        "said, as aid convoys reached two towns cut off since March.</p>"
        "<h2>Aid convoys</h2>"
        "<p>Twelve lorries carrying food and medicine crossed the front line, the aid agency "
        "said, adding that more would follow if the truce lasted.</p>"
        "<h3>What comes next</h3>"
        "<p>Negotiators are due to discuss a permanent arrangement in the capital, with "
        "observers from three neighbouring states.</p>"
        "</article></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_null(strstr(article.text, "Ceasefire holds in the north"));
    assert_int_equal(article.paragraph_count, 5);
    const char *expected_headings[] = {NULL, "Aid convoys", NULL, "What comes next", NULL};
    for (size_t i = 0; i < 5; i++) {
        const dyad_paragraph *p = &article.paragraphs[i];
        assert_int_equal(p->heading, expected_headings[i] != NULL);
        if (expected_headings[i]) {
            assert_int_equal(p->end - p->start, strlen(expected_headings[i]));
            assert_memory_equal(article.text + p->start, expected_headings[i], p->end - p->start);
            /* each heading is a paragraph of its own */
            assert_memory_equal(article.text + p->start - 2, "\n\n", 2);
        }
    }
    dyad_arena_free(arena);
}

static void metadata_from_meta_tags(void **state) {
    (void)state;
    const char page[] =
        "<html><head><title>Talks resume - Example News</title>"
        "<meta property='og:title' content='Talks resume after long pause'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='og:url' content='https://news.example/og-url'>"
        "<link rel='canonical' href='https://news.example/world/talks-resume'>"
        "<meta property='article:published_time' content='2025-02-03T10:15:00+01:00'>"
        "<meta name='pubdate' content='20250101'>"
        "</head><body><p>Negotiators returned to the table on Monday after a pause of "
        "four months, both delegations said.</p></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_string_equal(article.title, "Talks resume after long pause");
    assert_string_equal(article.site, "Example News");
    assert_string_equal(article.url, "https://news.example/world/talks-resume");
    /* article:published_time outranks the other date tags */
    assert_string_equal(article.date, "2025-02-03T10:15:00+01:00");

    /* without og:title, the <title> loses the site name it carries */
    const char plain[] =
        "<html><head><title>Talks resume after long pause \xE2\x80\x94 Example News</title>"
        "<meta property='og:site_name' content='Example News'></head><body><p>Negotiators "
        "returned to the table on Monday after a pause of four months.</p></body></html>";
    article = extract_ok(arena, plain);
    assert_string_equal(article.title, "Talks resume after long pause");
    dyad_arena_free(arena);
}

static void json_ld_gives_headline_date_and_publisher(void **state) {
    (void)state;
    /* the first block is broken JSON and must be ignored; the second has a
     * raw line break inside a string, which pages do and JSON forbids */
    const char page[] =
        "<html><head><title>x</title>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": </script>"
        "<script type=\"application/ld+json\">\n<!--\n{\"@context\": \"https://schema.org\", "
        "\"@graph\": [{\"@type\": \"WebSite\", \"name\": \"Wire\"}, "
        "{\"@type\": [\"NewsArticle\"], \"headline\": \"Border reopens\nfor trade\", "
        "\"datePublished\": \"Tue, 04 Mar 2025 08:30:00 GMT\", "
        "\"publisher\": {\"@type\": \"Organization\", \"name\": \"The Wire\"}, "
        "\"mainEntityOfPage\": {\"@id\": \"https://wire.example/border\"}}]}\n-->\n</script>"
        "</head><body><div><p>The border crossing reopened to lorries on Tuesday after "
        "three weeks, customs officials on both sides said.</p></div></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_string_equal(article.title, "Border reopens for trade");
    assert_string_equal(article.date, "2025-03-04T08:30:00Z");
    assert_string_equal(article.site, "The Wire");
    assert_string_equal(article.url, "https://wire.example/border");
    dyad_arena_free(arena);
}

static void dates_from_microdata_and_time_elements(void **state) {
    (void)state;
    const char microdata[] =
        "<html><body><article><span itemprop='datePublished' content='2024-11-05'>5 Nov</span>"
        "<p>Voters went to the polls on Tuesday in an election that observers described as "
        "calm and orderly.</p></article></body></html>";
    const char visible[] =
        "<html><body><main><div class='post-date'>Published: March 9, 2025 at 2:05 pm</div>"
        "<p>Parliament approved the treaty by a large majority on Sunday, clearing the way "
        "for ratification.</p></main></body></html>";
    const char none[] =
        "<html><body><div class='date'>Yesterday</div><p>Nothing here says when this story "
        "was published, and nothing should be invented.</p></body></html>";
    dyad_arena *arena = dyad_arena_new();
    assert_string_equal(extract_ok(arena, microdata).date, "2024-11-05");
    assert_string_equal(extract_ok(arena, visible).date, "2025-03-09T14:05:00");
    assert_null(extract_ok(arena, none).date);
    dyad_arena_free(arena);
}

static void date_normalisation(void **state) {
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2025-12-03", "2025-12-03"},
        {" 2025-12-03T14:05:09.123+01:00 ", "2025-12-03T14:05:09+01:00"},
        {"2025-12-03T14:05Z", "2025-12-03T14:05:00Z"},
        {"2025-12-03 14:05:00 -0500", "2025-12-03T14:05:00-05:00"},
        {"2025/12/03", "2025-12-03"},
        {"20251203", "2025-12-03"},
        {"Wed, 03 Dec 2025 14:05:00 GMT", "2025-12-03T14:05:00Z"},
        {"December 3, 2025", "2025-12-03"},
        {"Dec. 3, 2025 at 2:05 p.m. EST", "2025-12-03T14:05:00-05:00"},
        {"3 December 2025", "2025-12-03"},
        {"Sept 30 2025 | Updated", "2025-09-30"},
        {"2024-02-29", "2024-02-29"},
        {"1764770700", "2025-12-03T14:05:00Z"},
        {"1764770700000", "2025-12-03T14:05:00Z"},
        {"12:30 AM, March 1st, 2025", NULL},  /* time first: not a form we read */
        {"2025-02-29", NULL},
        {"0001-01-01T00:00:00Z", NULL},
        {"03/12/2025", NULL},
        {"Yesterday", NULL},
        {"", NULL},
        {"2025-13-01", NULL},
        {"1234567890123456", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[HTML_DATE_SIZE];
        bool parsed = html_date_normalize(cases[i].in, out);
        if (!cases[i].out) {
            if (parsed) fprintf(stderr, "'%s' gave '%s'\n", cases[i].in, out);
            assert_false(parsed);
        } else {
            if (!parsed) fprintf(stderr, "'%s' refused\n", cases[i].in);
            assert_true(parsed);
            assert_string_equal(out, cases[i].out);
        }
    }
}

static void entities_and_latin1_page(void **state) {
    (void)state;
    /* windows-1252 bytes: e-acute 0xE9, right quote 0x92, euro 0x80 */
    const char page[] =
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>"
        "<title>Caf\xE9 talks</title></head><body><div>"
        "<p>The minister\x92s caf\xE9 meeting cost \x80" "40 &amp; lasted&nbsp;two hours &mdash; "
        "&eacute;lan &#8220;quoted&#8221; &#x41;&apos;s.</p></div></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_string_equal(article.title, "Caf\xC3\xA9 talks");
    assert_string_equal(article.text,
                        "The minister\xE2\x80\x99s caf\xC3\xA9 meeting cost \xE2\x82\xAC"
                        "40 & lasted two hours \xE2\x80\x94 \xC3\xA9lan \xE2\x80\x9Cquoted"
                        "\xE2\x80\x9D A's.");
    dyad_arena_free(arena);
}

static void encodings_from_bom_and_bytes(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    html_decoded decoded;
    /* UTF-16LE with a byte-order mark */
    const char utf16[] = "\xFF\xFE<\0p\0>\0\xE9\0t\0\xE9\0<\0/\0p\0>\0";
    assert_int_equal(html_decode(utf16, sizeof utf16 - 1, NULL, arena, &decoded), DYAD_OK);
    assert_string_equal(decoded.text, "<p>\xC3\xA9t\xC3\xA9</p>");
    /* UTF-8 with a BOM that says so, whatever the meta tag claims */
    const char bom[] = "\xEF\xBB\xBF<meta charset='windows-1252'><p>\xC3\xA9</p>";
    assert_int_equal(html_decode(bom, sizeof bom - 1, NULL, arena, &decoded), DYAD_OK);
    assert_non_null(strstr(decoded.text, "<p>\xC3\xA9</p>"));
    /* no declaration: valid UTF-8 stays, anything else is windows-1252 */
    assert_int_equal(html_decode("<p>\xC3\xA9</p>", 9, NULL, arena, &decoded), DYAD_OK);
    assert_string_equal(decoded.encoding, "UTF-8");
    assert_int_equal(html_decode("<p>\xE9</p>", 8, NULL, arena, &decoded), DYAD_OK);
    assert_string_equal(decoded.text, "<p>\xC3\xA9</p>");
    /* an HTTP charset outranks the page's own declaration */
    assert_int_equal(html_decode("<meta charset=utf-8><p>\xE9</p>", 28, "iso-8859-1", arena,
                                 &decoded),
                     DYAD_OK);
    assert_non_null(strstr(decoded.text, "<p>\xC3\xA9</p>"));
    /* declared UTF-8 with a stray byte: one replacement, not mojibake */
    assert_int_equal(html_decode("<meta charset=utf-8><p>a\xFF\xC3\xA9</p>", 31, NULL, arena,
                                 &decoded),
                     DYAD_OK);
    assert_non_null(strstr(decoded.text, "a\xEF\xBF\xBD\xC3\xA9"));
    assert_int_equal(decoded.replacements, 1);
    char charset[32];
    assert_true(html_content_type_charset("text/html; Charset=\"Shift_JIS\"", charset,
                                          sizeof charset));
    assert_string_equal(charset, "shift_jis");
    assert_false(html_content_type_charset("text/html", charset, sizeof charset));
    dyad_arena_free(arena);
}

static void line_breaks_and_white_space(void **state) {
    (void)state;
    const char page[] =
        "<html><body><div class='story'>"
        "<p>  First   line of   the statement,<br>second line of it\n  and more.</p>"
        "<p>A paragraph   written with breaks.<br><br>Another one after two breaks, "
        "which makes a new paragraph.<br> <br>\n<br>And a third after three.</p>"
        "<pre>code  line one\ncode line two</pre>"
        "</div></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_string_equal(article.text,
                        "First line of the statement,\nsecond line of it and more.\n\n"
                        "A paragraph written with breaks.\n\n"
                        "Another one after two breaks, which makes a new paragraph.\n\n"
                        "And a third after three.\n\n"
                        "code line one\ncode line two");
    dyad_arena_free(arena);
}

static void article_split_by_advertisements_is_joined(void **state) {
    (void)state;
    const char page[] =
        "<html><body><div class='layout'>"
        "<div class='menu-column'><ul><li><a href='/a'>Politics</a></li>"
        "<li><a href='/b'>Economy</a></li><li><a href='/c'>Security</a></li></ul></div>"
        "<div class='content-column'>"
        "<div class='text-block'><p>The government announced on Friday that it would recall "
        "its ambassador for consultations, a sharp escalation in the dispute.</p>"
        "<p>Officials said the decision followed weeks of failed attempts to resolve the "
        "matter through quiet diplomacy, and that other measures were possible.</p></div>"
        "<div class='ad-container'><p>Advertisement: buy one get one free at your local "
        "store this weekend only.</p></div>"
        "<div class='text-block'><p>The foreign ministry of the other country called the "
        "move regrettable, but said its own ambassador would stay in place for now.</p>"
        "<p>Analysts said both sides appeared keen to avoid a complete break in relations, "
        "given their close trade ties.</p></div>"
        "</div></div></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_int_equal(article.paragraph_count, 4);
    assert_non_null(strstr(article.text, "recall its ambassador"));
    assert_non_null(strstr(article.text, "close trade ties."));
    assert_null(strstr(article.text, "Advertisement"));
    assert_null(strstr(article.text, "Politics"));
    dyad_arena_free(arena);
}

static void copies_tables_links_and_quotes(void **state) {
    (void)state;
    const char page[] =
        "<html><body><div class='post'>"
        "<p>The committee published the final standings of the regional league on Sunday, "
        "with two clubs level on points after the last round.</p>"
        "<table><tr><th>Club</th><th>Points</th></tr>"
        "<tr class='player-row'><td>Northern United</td><td>71</td></tr>"
        "<tr class='player-row'><td>Harbour City</td><td>71</td></tr></table>"
        "<p><strong>Read more:</strong> <a href='/x'>How the league was decided last year</a></p>"
        "<blockquote class='social-embed'><p>What a season for both clubs, congratulations "
        "to everyone involved <a href='https://t.example/1'>https://t.example/1</a></p>"
        "</blockquote>"
        "<p>A play-off between the two clubs will be held next Saturday at a neutral ground, "
        "the league said in its statement on the matter.</p>"
        "</div>"
        /* the same story again, as mobile layouts repeat it */
        "<div class='post mobile-copy'>"
        "<p>The committee published the final standings of the regional league on Sunday, "
        "with two clubs level on points after the last round.</p>"
        "<p>A play-off between the two clubs will be held next Saturday at a neutral ground, "
        "the league said in its statement on the matter.</p>"
        "</div></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_non_null(strstr(article.text, "\n\nClub Points\n\nNorthern United 71\n\nHarbour City 71\n\n"));
    assert_null(strstr(article.text, "Read more"));
    assert_non_null(strstr(article.text, "What a season for both clubs"));
    /* the play-off paragraph appears once */
    const char *first = strstr(article.text, "A play-off");
    assert_non_null(first);
    assert_null(strstr(first + 1, "A play-off"));
    dyad_arena_free(arena);
}

static void article_body_microdata_is_trusted(void **state) {
    (void)state;
    const char page[] =
        "<html><body>"
        "<div class='teasers'><p>A longer teaser for another story, with commas, clauses, "
        "and much more text than the article itself has, to tempt a scorer, again and again, "
        "over and over, on and on.</p><p>And a second teaser paragraph, also long, also full "
        "of commas, also not the article, and also here to mislead.</p></div>"
        "<div class='comments-off' itemprop='articleBody'><p>The envoy arrived in the capital "
        "on Wednesday for two days of talks with the foreign minister and the president, "
        "officials said.</p><p>It is the envoy's third visit this year.</p></div>"
        "</body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_string_equal(article.text,
                        "The envoy arrived in the capital on Wednesday for two days of talks "
                        "with the foreign minister and the president, officials said.\n\n"
                        "It is the envoy's third visit this year.");
    dyad_arena_free(arena);
}

static void script_rendered_page_falls_back_to_json_ld_body(void **state) {
    (void)state;
    const char page[] =
        "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
        "\"headline\": \"Envoys agree on prisoner swap\", \"articleBody\": \"Envoys from "
        "both sides agreed on Friday to exchange 40 prisoners each, mediators said.\\n\\n"
        "The exchange is expected next week &amp; will be observed by the Red Cross.\"}"
        "</script></head><body><div id='app'><a href='/'>Home</a></div>"
        "<script>renderApp()</script></body></html>";
    dyad_arena *arena = dyad_arena_new();
    html_article article = extract_ok(arena, page);
    assert_string_equal(article.text,
                        "Envoys from both sides agreed on Friday to exchange 40 prisoners each, "
                        "mediators said.\n\nThe exchange is expected next week & will be "
                        "observed by the Red Cross.");
    assert_string_equal(article.title, "Envoys agree on prisoner swap");
    dyad_arena_free(arena);
}

/* Shapes found by fuzzing: markup after </html>, an articleBody marker on
 * markup that is dropped, nesting past libxml2's depth limit. */
static void odd_markup(void **state) {
    (void)state;
    const char *pages[] = {
        "<html><body><p>Inside the body there is a sentence long enough to count.</p></body>"
        "</html><div><p>After the end of the page comes another sentence of text.</p></div>"
        "<frameset></frameset><body><p>And a second body, with text as well, for luck.</p>",
        "<html><body><noscript itemprop='articleBody'><p>Text for readers without scripts, "
        "long enough to be a paragraph of its own.</p></noscript><div><p>The visible story "
        "is here, and it is long enough to be the article, with commas, too.</p></div>"
        "</body></html>",
    };
    dyad_arena *arena = dyad_arena_new();
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        html_article article = extract_ok(arena, pages[i]);
        assert_true(article.text_length > 40);
    }
    dyad_buffer deep = {0};
    for (int i = 0; i < 5000; i++) buffer_append_string(&deep, "<div><span>");
    buffer_append_string(&deep, "<p>Deep down, a paragraph.</p>");
    html_article article;
    dyad_error error;
    dyad_status status = extract(arena, deep.data, deep.length, &article, &error);
    assert_true(status == DYAD_OK || status == DYAD_ERR_FORMAT);
    dyad_buffer_free(&deep);
    dyad_arena_free(arena);
}

static void page_without_article_is_an_error(void **state) {
    (void)state;
    const char *pages[] = {
        "",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<script>document.write('text made by a script is not text');</script>"
        "<footer>Copyright 2025</footer></body></html>",
    };
    dyad_arena *arena = dyad_arena_new();
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        html_article article;
        dyad_error error;
        assert_int_equal(extract(arena, pages[i], strlen(pages[i]), &article, &error),
                         DYAD_ERR_FORMAT);
        assert_string_equal(error.message, "no article text found");
        assert_string_equal(error.file, "test.html");
    }
    dyad_arena_free(arena);
}

static void shingle_metric(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    extract_eval_counts counts;
    /* gold shingles: "a b c d", "b c d e"; extracted: "a b c d", "b c d x" */
    assert_int_equal(extract_eval_compare("A b, c d e.", 11, "a b c d x", 9, arena, &counts),
                     DYAD_OK);
    assert_float_equal(counts.true_positive, 1.0 / 3, 1e-9);
    assert_float_equal(counts.false_positive, 1.0 / 3, 1e-9);
    assert_float_equal(counts.false_negative, 1.0 / 3, 1e-9);
    /* paragraph breaks and punctuation do not matter, case does not either */
    assert_int_equal(extract_eval_compare("One two three.\n\nFour five", 25,
                                          "one two -- three four FIVE", 26, arena, &counts),
                     DYAD_OK);
    assert_float_equal(counts.true_positive, 1.0, 1e-9);
    /* repeated shingles count with multiplicity */
    assert_int_equal(extract_eval_compare("w x y z", 7, "w x y z w x y z", 15, arena, &counts),
                     DYAD_OK);
    assert_float_equal(counts.true_positive, 1.0 / 5, 1e-9);  /* 1 shared, 4 extra */
    assert_float_equal(counts.false_positive, 4.0 / 5, 1e-9);
    /* short texts are one shingle; empty texts none */
    assert_int_equal(extract_eval_compare("Paris", 5, "paris", 5, arena, &counts), DYAD_OK);
    assert_float_equal(counts.true_positive, 1.0, 1e-9);
    assert_int_equal(extract_eval_compare("one two three four", 18, "", 0, arena, &counts),
                     DYAD_OK);
    assert_float_equal(counts.false_negative, 1.0, 1e-9);
    /* non-Latin words are words (Cyrillic, upper and lower case) */
    assert_int_equal(extract_eval_compare("\xD0\x9C\xD0\xB8\xD1\x80 \xD0\xB8 "
                                          "\xD0\xB2\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xB0 x", 23,
                                          "\xD0\xBC\xD0\xB8\xD1\x80 \xD0\xB8 "
                                          "\xD0\xB2\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xB0 x", 23,
                                          arena, &counts),
                     DYAD_OK);
    assert_float_equal(counts.true_positive, 1.0, 1e-9);
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(furniture_is_dropped_and_paragraphs_kept),
        cmocka_unit_test(headings_stay_as_paragraphs_but_not_the_title),
        cmocka_unit_test(metadata_from_meta_tags),
        cmocka_unit_test(json_ld_gives_headline_date_and_publisher),
        cmocka_unit_test(dates_from_microdata_and_time_elements),
        cmocka_unit_test(date_normalisation),
        cmocka_unit_test(entities_and_latin1_page),
        cmocka_unit_test(encodings_from_bom_and_bytes),
        cmocka_unit_test(line_breaks_and_white_space),
        cmocka_unit_test(article_split_by_advertisements_is_joined),
        cmocka_unit_test(copies_tables_links_and_quotes),
        cmocka_unit_test(article_body_microdata_is_trusted),
        cmocka_unit_test(script_rendered_page_falls_back_to_json_ld_body),
        cmocka_unit_test(odd_markup),
        cmocka_unit_test(page_without_article_is_an_error),
        cmocka_unit_test(shingle_metric),
    };
    return cmocka_run_group_tests(tests, load_hints, free_hints);
}
