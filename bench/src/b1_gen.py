# B1: a Python generator yielding 0..n-1, summed by a for loop.
import sys


def upto(n):
    i = 0
    while i < n:
        yield i
        i += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    total = 0
    for v in upto(n):
        total += v
    print("total", total)


main()
