#!/usr/bin/env python3
"""Generate a synthetic zonegraph XML file for scale measurements.

Usage: bench/gen.py N [SEED] > big.xml

N zones (each with an alias and a batch prop), N/10 sectors, and N
focuses_on relations with evidence, zones to random sectors. N=200000
gives a 49 MB file of 220,000 nodes and 200,000 relations; import it with
`zonegraph validate big.xml` under `/usr/bin/time -v`.
"""
import random
import sys


def main():
    if len(sys.argv) not in (2, 3) or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    n = int(sys.argv[1])
    random.seed(int(sys.argv[2]) if len(sys.argv) == 3 else 1)
    sectors = max(1, n // 10)
    w = sys.stdout.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n<zonegraph version="1">\n'
      '<schema><nodetype name="zone" priority="1"/><nodetype name="sector"/>'
      '<relationtype name="focuses_on" from="zone" to="sector"/></schema>\n'
      '<source id="s" title="generated"/>\n')
    for i in range(n):
        w(f'<zone id="z{i}" name="先导区{i}" en="Zone {i}"><alias>区{i}</alias>'
          f'<prop name="batch" type="integer" value="{i % 2 + 1}"/></zone>\n')
    for i in range(sectors):
        w(f'<sector id="s{i}" name="领域{i}"/>\n')
    for i in range(n):
        w(f'<relation from="z{i}" type="focuses_on" '
          f'to="s{random.randrange(sectors)}" source="s">'
          f'<evidence>证据{i}</evidence></relation>\n')
    w('</zonegraph>\n')


if __name__ == '__main__':
    main()
