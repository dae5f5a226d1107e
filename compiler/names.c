#include "names.h"

#include <ctype.h>
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

/* Names longer than this get no suggestion: the distance costs
 * length × length, and a long misspelt name is rarely one typo. */
enum { SUGGEST_MAX_LEN = 64 };

int names_distance(const char *a, const char *b, int limit, bool fold_case) {
  int la = (int)strlen(a), lb = (int)strlen(b);
  if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN) return limit + 1;
  if (la - lb > limit || lb - la > limit) return limit + 1;
  int rows[3][SUGGEST_MAX_LEN + 1]; /* i-2, i-1, i */
  int *pp = rows[0], *prev = rows[1], *cur = rows[2];
  for (int j = 0; j <= lb; j++) prev[j] = j;
  for (int i = 1; i <= la; i++) {
    cur[0] = i;
    int best = cur[0];
    for (int j = 1; j <= lb; j++) {
      char ca = a[i - 1], cb = b[j - 1];
      if (fold_case) {
        ca = (char)tolower((unsigned char)ca);
        cb = (char)tolower((unsigned char)cb);
      }
      int d = prev[j - 1] + (ca != cb);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (i > 1 && j > 1) {
        char pa = a[i - 2], pb = b[j - 2];
        if (fold_case) {
          pa = (char)tolower((unsigned char)pa);
          pb = (char)tolower((unsigned char)pb);
        }
        if (ca == pb && pa == cb && pp[j - 2] + 1 < d) d = pp[j - 2] + 1;
      }
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    int *t = pp;
    pp = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] <= limit ? prev[lb] : limit + 1;
}

void suggest_init(Suggest *s, const char *want) {
  s->want = want;
  s->best = NULL;
  s->value = NULL;
  s->cost = 0;
}

void suggest_offer(Suggest *s, const char *candidate, void *value) {
  if (!candidate || strcmp(candidate, s->want) == 0) return;
  int len = (int)strlen(s->want);
  int limit = len / 3 > 1 ? len / 3 : 1;
  int d = names_distance(s->want, candidate, limit, true);
  if (d > limit || (d >= len && d > 0)) return;
  int cost = 2 * d + (names_distance(s->want, candidate, limit + 1, false) != d);
  if (!s->best || cost < s->cost) {
    s->best = candidate;
    s->value = value;
    s->cost = cost;
  }
}

void suggest_offer_map(Suggest *s, const NameMap *m) {
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i]) suggest_offer(s, m->keys[i], m->values[i]);
}
