# B3: a pipeline of `depth` Python generators, each relaying the one below.
import sys


def source(n):
    i = 0
    while i < n:
        yield i
        i += 1


def relay(g):
    for v in g:
        yield v


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    depth = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    g = source(n)
    for _ in range(depth - 1):
        g = relay(g)
    total = 0
    for v in g:
        total += v
    print("total", total)


main()
