/* A hash map from names to the program's top-level declarations, so that
 * resolving a call or a constant costs the same in a program of 10 or
 * 100,000 functions. Arena-allocated; never shrinks. */
#ifndef DODOC_NAMES_H
#define DODOC_NAMES_H

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
