#include "names.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"

static uint64_t hash(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

void *names_get(const NameMap *m, const char *name) {
  if (!m->cap) return NULL;
  for (size_t i = hash(name) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->keys[i]) return NULL;
    if (strcmp(m->keys[i], name) == 0) return m->values[i];
  }
}

static void grow(NameMap *m, Arena *a) {
  NameMap bigger = {.cap = m->cap ? m->cap * 2 : 64};
  bigger.keys = ARENA_ARRAY(a, const char *, bigger.cap);
  bigger.values = ARENA_ARRAY(a, void *, bigger.cap);
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i]) names_put(&bigger, a, m->keys[i], m->values[i]);
  *m = bigger;
}

void **names_slot(NameMap *m, Arena *a, const char *name) {
  if (2 * (m->len + 1) > m->cap) grow(m, a);
  size_t i = hash(name) & (m->cap - 1);
  while (m->keys[i]) {
    if (strcmp(m->keys[i], name) == 0) return &m->values[i];
    i = (i + 1) & (m->cap - 1);
  }
  m->keys[i] = name;
  m->values[i] = NULL;
  m->len++;
  return &m->values[i];
}

void *names_put(NameMap *m, Arena *a, const char *name, void *value) {
  void **slot = names_slot(m, a, name);
  if (!*slot) *slot = value;
  return *slot;
}
