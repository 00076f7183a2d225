#!/bin/sh
# zonegraph query: the relationship questions of the shipped dataset
# ($ZG_DATA) asked in the query language, through every writer; the query
# from standard input and from a file; parameters as JSON; EXPLAIN; and
# errors shown under the query with a caret, with the exit code 1.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
q() { zg --data "$ZG_DATA" query "$@"; }

check "which zones focus on smart manufacturing"
q "MATCH (z:zone)-[:focuses_on]->(s:sector {name: '智能制造'})
   RETURN z.name_en ORDER BY z.name_en"; rc_is 0
out_equals "z.name_en
Beijing National AI Innovation Application Pilot Zone
Hangzhou National AI Innovation Application Pilot Zone
Tianjin (Binhai New Area) National AI Innovation Application Pilot Zone"
err_empty

check "which sectors Beijing and Tianjin share"
q "MATCH (a:zone)-[:focuses_on]->(s)<-[:focuses_on]-(b:zone)
   WHERE a.name STARTS WITH '北京' AND b.name STARTS WITH '天津'
   RETURN s.name AS shared"; rc_is 0
out_equals "shared
智能制造"

check "how many zones focus on each sector, most first"
q "MATCH (z:zone)-[:focuses_on]->(s:sector)
   RETURN s.name AS sector, count(z) AS zones ORDER BY zones DESC, sector
   LIMIT 1"; rc_is 0
out_equals "sector	zones
智能制造	3"

check "how Chengdu is connected to the Belt and Road, with the evidence"
q "MATCH p = shortestPath((c:city {name: '成都'})-[*]-(b {name: '一带一路'}))
   RETURN length(p) AS hops, [r IN relationships(p) | r.evidence] AS why"
rc_is 0
out_equals "hops	why
1	[成都国家人工智能创新应用先导区要立足“一带一路”重要枢纽与战略支撑点的区位优势]"

check "JSON and a diagram of the path"
q -f json "MATCH p = shortestPath((c:city {name: '成都'})-[*]-(b {name: '一带一路'})) RETURN p"
rc_is 0; json_ok
out_has '"relationships"'
out_has '"type": "hub_for"'
q -f dot "MATCH p = shortestPath((c:city {name: '成都'})-[*]-(b {name: '一带一路'})) RETURN p"
rc_is 0
out_has "digraph"
out_has "一带一路"

check "the query from standard input and from a file, parameters as JSON"
printf '%s\n' "MATCH (n {name: \$n}) RETURN labels(n) AS l, \$k + 1 AS k" \
    >"$tmp/q.cypher"
zg --data "$ZG_DATA" query -p 'n="杭州"' -p k=41 - <"$tmp/q.cypher"; rc_is 0
out_equals "l	k
[city]	42"
q --param 'n="杭州"' --param 'k=1.5' --file "$tmp/q.cypher"; rc_is 0
out_equals "l	k
[city]	2.5"

check "EXPLAIN shows where the pattern starts"
q "EXPLAIN MATCH (z:zone)-[:focuses_on]->(s:sector {name: '智能制造'}) RETURN z"
rc_is 0
out_has "start at (s:sector {…}) by name index"

check "the relationship commands as procedures, combined with patterns"
q "MATCH (z:zone) WHERE z.name STARTS WITH '杭州'
   CALL zonegraph.similar(z, 2) YIELD node, score
   RETURN node.name_en AS zone, score ORDER BY score DESC"; rc_is 0
out_equals "zone	score
Beijing National AI Innovation Application Pilot Zone	0.13
Tianjin (Binhai New Area) National AI Innovation Application Pilot Zone	0.125"
q "CALL zonegraph.relate('zone:北京', 'zone:天津滨海新区') YIELD part, sentence
   WHERE part = 'shared' RETURN sentence LIMIT 1"; rc_is 0
out_equals "sentence
北京国家人工智能创新应用先导区和天津（滨海新区）国家人工智能创新应用先导区都地处京津冀。"
q "CALL zonegraph.similar('nowhere')"; rc_is 1
err_has "ArgumentError: zonegraph.similar:"

check "PROFILE answers and writes the rows of each clause on stderr"
q "PROFILE MATCH (z:zone)-[:focuses_on]->(s:sector) WITH s, count(*) AS n
   WHERE n > 1 RETURN s.name AS name, n"; rc_is 0
out_equals "name	n
智能制造	3"
err_has "WITH: 2 columns, aggregate, filter WHERE [rows: 1]"

check "a syntax error is shown under its line with a caret"
q "MATCH (z:zone)
RETURN z.name LIMIT"; rc_is 1
out_empty
cat >"$tmp/want" <<'TXT'
zonegraph: error: 2:20: expected an expression, found end of input
  RETURN z.name LIMIT
                     ^
TXT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err"; fail "stderr differs"; }

check "the caret lines up under Chinese text"
q "MATCH (z {name: '杭州'}) RETURN 名称"; rc_is 1
cat >"$tmp/want" <<'TXT'
zonegraph: error: 1:31: UndefinedVariable: '名称' is not defined here
  MATCH (z {name: '杭州'}) RETURN 名称
                                  ^
TXT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err"; fail "stderr differs"; }

check "a type error at run time names the value and the operator"
q "MATCH (z {name: '杭州'}) RETURN z.name - 1"; rc_is 1
err_has "TypeError"
err_has "'杭州'"

check "queries never change the graph"
q "MATCH (z:zone) DETACH DELETE z"; rc_is 1
err_has "ReadOnly: queries read the graph; DELETE would change it"

check "the work budget and the hop bound are named when reached"
q --max-work 10 "MATCH (a)-[*..3]-(b) RETURN count(*)"; rc_is 1
err_has "budget of 10 steps"
err_has "--max-work N raises the budget"
q --max-hops 2 "MATCH (a {name: '杭州'})-[*]-(b) RETURN count(*)"; rc_is 1
err_has "went past 2 hops"
err_has "--max-hops N raises the bound"

check "usage errors"
q; rc_is 1
err_has "missing QUERY (or --file FILE, or '-' to read standard input)"
q --file "$tmp/q.cypher" "RETURN 1"; rc_is 1
err_has "QUERY or --file FILE, not both"
q -p 'n=[1,' "RETURN \$n"; rc_is 1
err_has "--param n: not JSON"
q -p '=1' "RETURN 1"; rc_is 1
err_has "--param takes NAME=JSON, not '=1'"
q --as-of 2020 "RETURN 1"; rc_is 1
err_has "instead of --as-of"
q --file "$tmp/none.cypher"; rc_is 1
err_has "cannot read $tmp/none.cypher"
