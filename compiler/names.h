/* A hash map from names to the program's top-level declarations, so that
 * resolving a call or a constant costs the same in a program of 10 or
 * 100,000 functions. Arena-allocated; never shrinks. */
#ifndef DODOC_NAMES_H
#define DODOC_NAMES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Arena Arena;

typedef struct NameMap {
  const char **keys;
  void **values;
  size_t cap, len;
} NameMap;

/* The value for `name`, or NULL. */
void *names_get(const NameMap *m, const char *name);
/* Adds name → value unless the name is there; returns the value the map now
 * holds for it (the earlier one on a duplicate). */
void *names_put(NameMap *m, Arena *a, const char *name, void *value);
/* The value slot for `name`, added holding NULL if the name is not there:
 * for maps whose values change (the checker's scopes). */
void **names_slot(NameMap *m, Arena *a, const char *name);

#endif

/* "Did you mean": the candidate nearest to a misspelt name, by
 * Damerau–Levenshtein distance (optimal string alignment) with letters
 * compared case-insensitively, ties going to the candidate that also
 * matches in case. A candidate counts only within a third of the name's
 * length (at least 1, fewer than the name's own length), so `x` suggests
 * nothing but `X`, and `totl` suggests `total`. */
typedef struct Suggest {
  const char *want;
  const char *best;
  void *value; /* what the caller passed with `best` */
  int cost;    /* of `best`: 2 × distance, + 1 unless it matches in case */
} Suggest;

void suggest_init(Suggest *s, const char *want);
void suggest_offer(Suggest *s, const char *candidate, void *value);
/* Offers every name of a map. */
void suggest_offer_map(Suggest *s, const NameMap *m);
/* The distance of a and b, or limit + 1 when it exceeds limit. */
int names_distance(const char *a, const char *b, int limit, bool fold_case);
