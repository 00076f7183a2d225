#!/usr/bin/env python3
"""Load a GraphML file with NetworkX, for bench/run.

Usage: bench/nx_load.py FILE

Prints "nodes N edges E seconds T peak_kib K", T being the time of
nx.read_graphml alone (the interpreter's start and the import of networkx
are left out) and K the process's peak resident set (VmHWM) in KiB.
"""
import sys
import time

import networkx as nx


def peak_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    t0 = time.perf_counter()
    g = nx.read_graphml(sys.argv[1])
    t = time.perf_counter() - t0
    print(f"nodes {g.number_of_nodes()} edges {g.number_of_edges()} "
          f"seconds {t:.6f} peak_kib {peak_kib()}")


if __name__ == "__main__":
    main()
