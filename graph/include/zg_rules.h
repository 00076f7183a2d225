/* SPDX-License-Identifier: MIT */
/*
 * zg_rules.h: the rules a value must obey to be written in zonegraph XML
 * or GraphML and read back, in one place for the importers (which refuse
 * what breaks them) and the exporters (which refuse to write it, since
 * the file would not import). Internal to libzonegraph: not installed.
 *
 * They are the importer's semantic rules together with the lexical rules
 * of data/zonegraph.rng as libxml2 2.9.14 applies them (its xsd:decimal
 * takes at most 24 digits; its NCName uses XML 1.0 fourth-edition
 * letters), so that a value that passes here passes the schema too.
 *
 * Each check returns NULL when `s` obeys the rule, else a phrase naming
 * what `s` must be ("a date (YYYY, YYYY-MM or YYYY-MM-DD)"), static.
 * `s` must not be NULL.
 */
#ifndef ZG_RULES_H
#define ZG_RULES_H

#include "zg_graph.h"

/** An id of a node or source: non-empty, no white space (space, tab,
 * carriage return, newline) at either end, no newline. */
const char *zg_rule_id(const char *s);

/** A node's sources: ids separated by single or repeated spaces, at least
 * one; no tab, carriage return or newline. */
const char *zg_rule_id_list(const char *s);

/** YYYY, YYYY-MM or YYYY-MM-DD, a calendar date (year 0000 included). */
const char *zg_rule_date(const char *s);

/** As zg_rule_date(), and on success the parts: month and day 0 when the
 * date does not give them. */
const char *zg_rule_date_parts(const char *s, int *year, int *month, int *day);

/** Days in month `m` (1-12) of year `y`, Gregorian. */
int zg_rule_month_days(int y, int m);

/** since/until (either may be NULL): dates, until not before since. */
const char *zg_rule_span(const char *since, const char *until);

/** An NCName as libxml2 checks one, and a name its parser accepts as an
 * element name: types, relation types, properties, figures. */
const char *zg_rule_name(const char *s);

/** A node type name: a name, and not one of the vocabulary's elements. */
const char *zg_rule_type_name(const char *s);

/** A language tag (xsd:language): letters, then "-" and letters/digits,
 * each part 1 to 8 long. */
const char *zg_rule_lang(const char *s);

/** "#rrggbb". */
const char *zg_rule_colour(const char *s);

/** One of the shapes doc/vocabulary.md lists. */
const char *zg_rule_shape(const char *s);

/** The highest type priority. */
#define ZG_RULE_MAX_PRIORITY 1000000u

/**
 * The value of a property of `kind`: an integer (decimal digits, optional
 * sign, within 64 bits), a number (decimal, optional exponent, finite), a
 * date, true or false, any string; for ZG_PROP_FIGURE a decimal without
 * exponent of at most 24 digits. When `number` is not NULL it gets the
 * value (integer, number, figure) or 0.
 */
const char *zg_rule_value(zg_prop_kind kind, const char *s, double *number);

/** The vocabulary's reserved element names, NULL-terminated. */
extern const char *const zg_rule_reserved[];

/** 1 if `s` is one of the NULL-terminated `set`. */
int zg_rule_one_of(const char *s, const char *const *set);

#endif /* ZG_RULES_H */
