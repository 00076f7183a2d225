/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph show NAME`: the entity card. The answer is five results (the
 * card, aliases, plain properties, figures, relations) written as one
 * document: a card and tables under headings on a terminal, TSV sections
 * separated by blank lines, or one JSON object; a diagram format draws the
 * node with everything it is related to.
 */
#include "cli.h"

#include <stdlib.h>

static const char usage[] =
    "Show the entity card of NAME: type, id, names, aliases, properties,\n"
    "figures (value, unit, date, approx, kind, source) and every relation\n"
    "out and in, with its label, the other end, basis, source and "
    "evidence.\n"
    "\n"
    "NAME is an id, a name or an alias, optionally qualified by type\n"
    "(zone:北京). When a name also names nodes of other types, a note on\n"
    "standard error says which one was used.\n"
    "\n"
    "Table output: the card, then 'properties', 'figures' (when the node\n"
    "has any), 'relations' and 'sources' (id, title, publisher, date, url\n"
    "of every source cited) tables. TSV: the same parts, each with its\n"
    "header line, separated by blank lines. JSON: one object with the keys\n"
    "node, aliases, properties, figures, relations and sources.\n"
    "\n"
    "With --as-of DATE: the properties, figures and relations valid then\n"
    "(a node not in the graph at DATE is not found).\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 shown, 1 bad usage or data, 2 not found or ambiguous.\n";

/* zonegraph show NAME: see usage. */
int
cmd_show(cli *c, int argc, char **argv)
{
    zg_result *card = NULL, *aliases = NULL, *props = NULL, *figs = NULL,
              *rels = NULL, *srcs = NULL;
    zg_label_lang lang;
    zg_error err;
    zg_id node;
    char heading[64];
    cli_opts o;
    int rc;

    rc = cli_parse(c, &o, argc, argv, usage);
    cli_opts_free(&o);
    if (rc >= 0)
        return rc;
    rc = cli_load_names(c, argv, &node, 1);
    if (rc >= 0)
        return rc;

    lang = (zg_label_lang)c->lang;
    zg_error_clear(&err);
    if (zg_query_node_card(c->g, node, &card, &err) != ZG_OK ||
        zg_query_node_aliases(c->g, node, &aliases, &err) != ZG_OK ||
        zg_query_node_props(c->g, &c->filter, node, &props, &err) != ZG_OK ||
        zg_query_node_figures(c->g, &c->filter, node, lang, &figs, &err) !=
            ZG_OK ||
        zg_query_node_relations(c->g, &c->filter, node, lang,
                                cli_wants_edges(c), &rels, &err) != ZG_OK ||
        zg_query_node_sources(c->g, &c->filter, node, &srcs, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (cli_draws(c)) {
        rc = cli_draw_answer(c, (const zg_result *const *)&rels, 1, &node, 1,
                             zg_graph_node(c->g, node)->name);
    } else {
        cli_part parts[6] = {
            {"node", NULL, card, 1, 0},
            {"aliases", NULL, aliases, 0, 1},
            {"properties", "properties", props, 0, 1},
            {"figures", "figures", figs, 0, 1},
            {"relations", heading, rels, 0, 0},
            {"sources", "sources", srcs, 0, 1},
        };
        snprintf(heading, sizeof heading, "relations (%zu)",
                 zg_result_rows(rels));
        /* In a table and TSV the card's aliases line already lists
         * them; JSON gets them as a table of alias and language too. */
        if (cli_format_is(c, "json")) {
            rc = cli_write_parts(c, parts, 6);
        } else {
            cli_part text[5] = {parts[0], parts[2], parts[3], parts[4],
                                parts[5]};
            rc = cli_write_parts(c, text, 5);
        }
    }
out:
    zg_result_free(card);
    zg_result_free(aliases);
    zg_result_free(props);
    zg_result_free(figs);
    zg_result_free(rels);
    zg_result_free(srcs);
    return rc;
}
