#!/bin/sh
# Arguments a script passes on without having written them: a NAME that
# starts with '-' (-- ends the options, for every command), -o - and a
# terminal, empty entries in $ZONEGRAPH_DATA and --data, numbers out of
# range or not plain digits, options given twice, property names no node
# has, and messages that echo arguments or data: every control character
# and bidirectional override they carry is shown escaped, never sent raw.
. "${top_srcdir:?}/tests/cli/lib.sh"
MINI="$FIX/mini.xml"

# A copy of mini.xml with a node named "-ox.txt" (linked to zone-a) and a
# sector and a city whose names carry U+009B (CSI) and U+202E
# (right-to-left override), as XML character references; the city shares
# zone-c's alias 滨海.
HOSTILE="$tmp/hostile.xml"
sed 's|</zonegraph>|  <sector id="sector-dash" name="-ox.txt" en="-dash"/>\
  <sector id="sector-ctl" name="智能\&#x9B;31m制\&#x202E;造x" en="ctl"/>\
  <city id="city-ctl" name="丙\&#x9B;市"><alias>滨海</alias></city>\
  <relation from="zone-a" type="focuses_on" to="sector-dash" source="s1">\
    <evidence>甲聚焦-ox.txt。</evidence>\
  </relation>\
</zonegraph>|' "$MINI" >"$HOSTILE" || exit 99

# no_raw_controls FILE: FILE has no C0 control but newline (and the tab
# TSV separates with, and the carriage return a terminal adds), no DEL,
# no C1 control (U+0080-U+009F), no bidirectional mark, embedding,
# override or isolate, no line or paragraph separator, and is UTF-8.
no_raw_controls() {
    LC_ALL=C tr -d '\t\r\n' <"$1" >"$tmp/stripped"
    if LC_ALL=C grep -q '[[:cntrl:]]' "$tmp/stripped"; then
        fail "$1 carries a raw C0 control or DEL"
    fi
    # C1 controls are \xc2\x80-\xc2\x9f in UTF-8; U+061C \xd8\x9c;
    # U+200E-U+200F, U+2028-U+202E \xe2\x80\x8e-\x8f, \xa8-\xae;
    # U+2066-U+2069 \xe2\x81\xa6-\xa9.
    if LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$tmp/stripped" ||
        LC_ALL=C grep -q "$(printf '\330\234')" "$tmp/stripped" ||
        LC_ALL=C grep -q "$(printf '\342\200[\216\217\250-\256]')" \
            "$tmp/stripped" ||
        LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$tmp/stripped"; then
        fail "$1 carries a raw C1 control or bidirectional override"
    fi
    if command -v iconv >/dev/null 2>&1; then
        iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 ||
            fail "$1 is not UTF-8"
    fi
}
err_clean() {
    no_raw_controls "$tmp/err"
}

# on_tty ARGS...: as zg, with standard output on a pseudo-terminal (its
# output, with the terminal's \r\n, in $tmp/out).
on_tty() {
    python3 - "$tmp/out" "$tmp/err" ${ZG_WRAPPER:-} "$ZG" "$@" <<'EOF'
import os, pty, subprocess, sys
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = pty.openpty()
with open(err, "wb") as e:
    p = subprocess.Popen(cmd, stdout=slave, stderr=e, stdin=subprocess.DEVNULL)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
rc = p.wait()
with open(out, "wb") as o:
    o.write(data)
sys.exit(rc)
EOF
    rc=$?
}

# Every command runs in $tmp/cwd, where a stray -o would leave its file.
mkdir "$tmp/cwd" || exit 99
cd "$tmp/cwd" || exit 99
no_stray_file() {
    [ -z "$(ls -A "$tmp/cwd")" ] || fail "a file was written: $(ls -A "$tmp/cwd")"
}

check "-- ends the options of every command: a NAME that starts with '-'"
zg --data "$HOSTILE" -f tsv show -- -ox.txt; rc_is 0; out_has "sector-dash"
zg --data "$HOSTILE" -f tsv neighbours -- -ox.txt; rc_is 0; out_has "zone-a"
zg --data "$HOSTILE" -f tsv neighbors --rel focuses_on -- -ox.txt; rc_is 0
out_has "zone-a"
zg --data "$HOSTILE" -f tsv find -- -ox.txt; rc_is 0; out_has "sector-dash"
zg --data "$HOSTILE" -f tsv path 甲 -- -ox.txt; rc_is 0; out_has "sector-dash"
zg --data "$HOSTILE" -f tsv path -- -ox.txt 甲; rc_is 0; out_has "sector-dash"
zg --data "$HOSTILE" -f tsv relate -- 甲 -ox.txt; rc_is 0; out_has "sector-dash"
zg --data "$HOSTILE" -f tsv explain -- -ox.txt 甲; rc_is 0; out_has "sector-dash"
zg --data "$HOSTILE" -f tsv common -- -ox.txt 智能制造; rc_is 0
out_has "zone-a"
zg --data "$HOSTILE" -f tsv similar -- -ox.txt; rc_is 0
zg --data "$HOSTILE" list -- -ox.txt; rc_is 1; err_has "unknown node type '-ox.txt'"
zg --data "$HOSTILE" rank -- -ox.txt; rc_is 1; err_has "unknown node type '-ox.txt'"
zg --data "$HOSTILE" -f tsv stats --; rc_is 0
zg --data "$HOSTILE" stats -- -ox.txt; rc_is 1; err_has "takes no arguments"
zg --data "$HOSTILE" -f tsv hubs --; rc_is 0
zg --data "$HOSTILE" hubs -- -ox.txt; rc_is 1; err_has "takes no arguments"
zg --data "$HOSTILE" export --; rc_is 0; out_has "digraph"
zg --data "$HOSTILE" export -- -ox.txt; rc_is 1; err_has "takes no arguments"
no_stray_file
cp "$MINI" ./-ox.xml
zg validate -- -ox.xml; rc_is 0; out_equals "-ox.xml: ok (10 nodes, 9 relations, 2 warnings)"
rm -f ./-ox.xml

check "-- before the command, and in both places"
zg --data "$HOSTILE" -f tsv -- show -- -ox.txt; rc_is 0; out_has "sector-dash"
zg -- --data "$HOSTILE" show x; rc_is 1
err_has "'--data' is not a zonegraph command"
no_stray_file

check "an unknown option says how to pass an argument that starts with '-'"
zg --data "$HOSTILE" show -北京; rc_is 1; out_empty
err_has "unknown option"; err_has "put -- before an argument that starts with '-'"
err_clean
zg --data "$HOSTILE" show --no-such 甲; rc_is 1
err_has "unknown option '--no-such' (put -- before"
zg --data "$HOSTILE" stats --help=yes; rc_is 1
err_has "option '--help' takes no value"
zg --data "$HOSTILE" path 甲 乙 --all=3; rc_is 1
err_has "option '--all' takes no value"

check "-o - is standard output: no PNG or PDF on a terminal, table by default"
if command -v python3 >/dev/null 2>&1; then
    on_tty --data "$MINI" export -f png; rc_is 1
    err_has "will not write png to a terminal"
    on_tty --data "$MINI" export -f png -o -; rc_is 1
    err_has "will not write png to a terminal"
    on_tty --data "$MINI" export -f pdf --output=-; rc_is 1
    err_has "will not write pdf to a terminal"
    on_tty --data "$MINI" show 乙 -o -; rc_is 0; out_has "type      zone"
    on_tty --data "$MINI" -f tsv show 乙 -o -; rc_is 0; out_has "zone-b"
else
    echo "  (python3 missing: terminal checks skipped)"
fi
zg --data "$MINI" export -f png -o -; rc_is 0
head -c 4 "$tmp/out" | od -c | grep -q 'P   N   G' || fail "-o - to a pipe: no PNG"
zg --data "$MINI" show 乙 -o -; rc_is 0; out_has "$(printf 'zone\tzone-b\t')"
zg --data "$MINI" show 乙 -o ''; rc_is 1; out_empty
err_has "--output needs a file name, or - for standard output"
no_stray_file

check "ZONEGRAPH_DATA: an empty entry is an error naming the variable"
for v in ":" "::" ":$MINI" "$MINI:" "$MINI::$MINI"; do
    ZONEGRAPH_DATA=$v zg -f tsv stats; rc_is 1; out_empty
    err_has "ZONEGRAPH_DATA: entry "; err_has " is empty"
done
ZONEGRAPH_DATA=":" zg -f tsv stats; err_has "entry 1 of ':' is empty"
ZONEGRAPH_DATA="$MINI::$MINI" zg -f tsv stats
err_has "entry 2 of '$MINI::$MINI' is empty"
ZONEGRAPH_DATA="$MINI:$MINI" zg -f tsv stats; rc_is 0
out_has "$(printf '10\t9\t1\t5\t4')"
ZONEGRAPH_DATA="" zg -f tsv show zone-hangzhou; rc_is 0
out_has "zone-hangzhou"

check "an empty file name: --data '', validate ''"
zg --data '' -f tsv stats; rc_is 1; out_empty
err_has "--data needs a file name, not ''"
zg --data="" stats; rc_is 1; err_has "--data needs a file name"
zg validate '' "$MINI"; rc_is 1
err_has "'' is not a file name"; out_has "mini.xml: ok"

check "numbers: one wording for every range, plain digits only"
zg --data "$MINI" path 甲 乙 --k 0; rc_is 1; out_empty
err_has "--k needs a whole number from 1 to 100, not '0'"
zg --data "$MINI" path 甲 乙 --k 101; rc_is 1
err_has "--k needs a whole number from 1 to 100, not '101'"
zg --data "$MINI" neighbours 甲 --depth 0; rc_is 1
err_has "--depth needs a whole number from 1 to 1000000, not '0'"
zg --data "$MINI" find --max 0 甲; rc_is 1
err_has "--max needs a whole number from 1 to 100000, not '0'"
zg --data "$MINI" stats --top 0; rc_is 1
err_has "--top needs a whole number from 1 to 1000000, not '0'"
for n in +1 ' 1' '1 ' -1 -0 1e3 0x10 1.0 '' 99999999999999999999999999; do
    zg --data "$MINI" neighbours 甲 --depth "$n"; rc_is 1; out_empty
    err_has "--depth needs a whole number from 1 to 1000000, not '$n'"
done
zg --data "$MINI" -f tsv neighbours 甲 --depth 0002; rc_is 0
zg --data "$MINI" -f tsv neighbours 甲 --depth 1000000; rc_is 0

check "an option that takes one value, given twice, is an error"
zg --data "$MINI" -f json show 乙 -f tsv; rc_is 1; out_empty
err_has "--format given twice"
zg --data "$MINI" -o a.tsv show 乙 -o b.tsv; rc_is 1
err_has "--output given twice"
no_stray_file
zg --data "$MINI" --lang en --lang zh show 乙; rc_is 1; err_has "--lang given twice"
zg --data "$MINI" --as-of 2020 list zone --as-of 2021; rc_is 1
err_has "--as-of given twice"
zg --data "$MINI" neighbours 甲 --depth 1 --depth 2; rc_is 1
err_has "--depth given twice"
zg --data "$MINI" neighbours 甲 --direction in --direction out; rc_is 1
err_has "--direction given twice"
zg --data "$MINI" find --max 2 --max 3 甲; rc_is 1; err_has "--max given twice"
zg --data "$MINI" stats --top 2 --top 3; rc_is 1; err_has "--top given twice"
zg --data "$MINI" path 甲 乙 --k 2 --k 3; rc_is 1; err_has "--k given twice"
zg --data "$MINI" path 甲 乙 --max-len 2 --max-len=2; rc_is 1
err_has "--max-len given twice"
zg --data "$MINI" path 甲 乙 --direction in --direction out; rc_is 1
err_has "--direction given twice"
zg --data "$MINI" relate 甲 乙 --max-paths 2 --max-paths 3; rc_is 1
err_has "--max-paths given twice"
zg --data "$MINI" rank zone --by in --by out; rc_is 1; err_has "--by given twice"
zg --data "$MINI" similar 甲 -n 2 --top 3; rc_is 1; err_has "--top given twice"
zg --data "$MINI" hubs --hub-fan 2 --hub-fan 3; rc_is 1
err_has "--hub-fan given twice"
zg --data "$MINI" --data "$MINI" -f tsv stats; rc_is 0
zg --data "$MINI" -f tsv neighbours 甲 --rel focuses_on --rel serves; rc_is 0
zg --data "$MINI" -f tsv similar 甲 --by focuses_on --by serves; rc_is 0

check "list: a property no node has is an error, not a column of nulls"
zg --data "$MINI" list zone --show bacth; rc_is 1; out_empty
err_has "unknown property 'bacth'"
zg --data "$MINI" list zone --where bacth=1; rc_is 1; err_has "unknown property 'bacth'"
zg --data "$MINI" list zone --show ''; rc_is 1; err_has "unknown property ''"
zg --data "$MINI" -f tsv list zone --show batch --show en --where since\>2019; rc_is 0
out_has "$(printf 'zone-b\t乙先导区\t1\tBeta Pilot Zone\t2019-10')"
zg --data "$MINI" -f tsv list city --show batch; rc_is 0
out_equals "$(printf 'node\tnode_name\tbatch\ncity-a\t甲市\t')"

check "messages escape controls from arguments: ESC, C1, bidi, bad UTF-8"
esc=$(printf '\033[2J')
csi=$(printf '\302\23331m')
rlo=$(printf '\342\200\256')
lri=$(printf '\342\201\246')
bad=$(printf '\377')
zg --data "$MINI" show "x${esc}${csi}${rlo}${lri}"; rc_is 2; err_clean
err_has "'x\\u001B[2J\\u009B31m\\u202E\\u2066'"
zg --data "$MINI" show "x${bad}"; rc_is 1; err_clean
zg --data "$MINI" find "${esc}${csi}${rlo}"; rc_is 2; err_clean
err_has "nothing matches '\\u001B[2J\\u009B31m\\u202E'"
zg --data "$MINI" list "zone${csi}"; rc_is 1; err_clean
err_has "unknown node type 'zone\\u009B"
zg --data "$MINI" --format "${csi}" show 甲; rc_is 1; err_clean
err_has "unknown format '\\u009B31m'"
zg --data "$MINI" show "--${esc}"; rc_is 1; err_clean
err_has "unknown option '--\\u001B[2J'"
zg --data "$MINI" show "-${bad}"; rc_is 1; err_clean; err_has "'-\\xFF'"
zg --data "$MINI" neighbours 甲 --depth "1${csi}"; rc_is 1; err_clean
zg --data "$MINI" list zone --show "${rlo}"; rc_is 1; err_clean
err_has "unknown property '\\u202E'"
zg --data "$MINI${esc}" stats; rc_is 1; err_clean; err_has "mini.xml\\u001B[2J"
ZONEGRAPH_DATA=":${csi}" zg stats; rc_is 1; err_clean
err_has "':\\u009B31m'"
zg --data "$MINI" --as-of "2020${rlo}" stats; rc_is 1; err_clean
cp "$MINI" "./m${esc}.xml"
zg validate "./m${esc}.xml"; rc_is 0; err_clean
err_has "./m\\u001B[2J.xml:64:3: warning: "
no_raw_controls "$tmp/out"
out_equals "./m\\u001B[2J.xml: ok (10 nodes, 9 relations, 2 warnings)"
rm -f "./m${esc}.xml"

check "messages escape controls from the data: did you mean, notes"
zg --data "$HOSTILE" show 智能31m制造x; rc_is 2; err_clean
err_has "did you mean: sector:sector-ctl (智能\\u009B31m制\\u202E造x)"
zg --data "$HOSTILE" -f tsv show 滨海; rc_is 0; err_clean
err_has "'滨海' also names city:city-ctl (丙\\u009B市); using zone:zone-c"

echo "all argument checks passed"
