/* string.c — making and comparing dodo strings (DodoString, length-prefixed,
 * NUL-terminated, immutable). */
#include <string.h>

#include "runtime_internal.h"

char *dodo_format_uint(uint64_t u, char buf[DODO_INT_TEXT_MAX])
{
    char *p = buf + DODO_INT_TEXT_MAX;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    return p;
}

char *dodo_format_int(int64_t v, char buf[DODO_INT_TEXT_MAX])
{
    /* Negate in unsigned arithmetic so INT64_MIN needs no special case. */
    char *p = dodo_format_uint(v < 0 ? -(uint64_t)v : (uint64_t)v, buf);
    if (v < 0)
        *--p = '-';
    return p;
}

static DodoString *alloc_string(size_t len)
{
    if (len > INT64_MAX - sizeof(DodoString) - 1)
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    DodoString *s = dodo_arena_alloc(sizeof(DodoString) + len + 1);
    s->len = (int64_t)len;
    s->data[len] = '\0';
    return s;
}

DodoString *dodo_str_new(const char *bytes, int64_t len)
{
    size_t n = len > 0 ? (size_t)len : 0;
    DodoString *s = alloc_string(n);
    if (n != 0)
        memcpy(s->data, bytes, n);
    return s;
}

DodoString *dodo_str_from_int(int64_t v)
{
    char buf[DODO_INT_TEXT_MAX];
    char *text = dodo_format_int(v, buf);
    return dodo_str_new(text, buf + DODO_INT_TEXT_MAX - text);
}

static void bad_piece(void)
{
    dodo_fatal("bad interpolation piece (this is a bug in dodoc or in hand-written code)",
               DODO_EXIT_FATAL);
}

const char *dodo_piece_text(const DodoPiece *p, char buf[DODO_INT_TEXT_MAX], size_t *len)
{
    switch (p->kind) {
    case DODO_PIECE_STRING: {
        const DodoString *s = (const DodoString *)(intptr_t)p->value;
        *len = (size_t)s->len;
        return s->data;
    }
    case DODO_PIECE_INT: {
        char *text = dodo_format_int(p->value, buf);
        *len = (size_t)(buf + DODO_INT_TEXT_MAX - text);
        return text;
    }
    case DODO_PIECE_UINT: {
        char *text = dodo_format_uint((uint64_t)p->value, buf);
        *len = (size_t)(buf + DODO_INT_TEXT_MAX - text);
        return text;
    }
    case DODO_PIECE_BOOL:
        *len = p->value ? 4 : 5;
        return p->value ? "true" : "false";
    default:
        bad_piece();
        *len = 0;
        return "";
    }
}

DodoString *dodo_str_join(int64_t n, const DodoPiece *pieces)
{
    char buf[DODO_INT_TEXT_MAX];
    size_t total = 0;
    for (int64_t i = 0; i < n; i++) {
        size_t len;
        dodo_piece_text(&pieces[i], buf, &len);
        if (len > SIZE_MAX / 2 - total)
            dodo_fatal("out of memory", DODO_EXIT_FATAL);
        total += len;
    }
    DodoString *s = alloc_string(total);
    char *out = s->data;
    for (int64_t i = 0; i < n; i++) {
        size_t len;
        const char *text = dodo_piece_text(&pieces[i], buf, &len);
        if (len != 0)
            memcpy(out, text, len);
        out += len;
    }
    return s;
}

DodoString *dodo_str_quote(const DodoString *s)
{
    int64_t quotes = 0;
    for (int64_t i = 0; i < s->len; i++)
        quotes += s->data[i] == '"';
    if (s->len > INT64_MAX / 2 - 2)
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    DodoString *q = alloc_string((size_t)(s->len + quotes + 2));
    char *out = q->data;
    *out++ = '"';
    for (int64_t i = 0; i < s->len; i++) {
        if (s->data[i] == '"')
            *out++ = '"';
        *out++ = s->data[i];
    }
    *out = '"';
    return q;
}

int64_t dodo_str_eq(const DodoString *a, const DodoString *b)
{
    if (a == b)
        return 1;
    return a->len == b->len && memcmp(a->data, b->data, (size_t)a->len) == 0;
}

int64_t dodo_str_cmp(const DodoString *a, const DodoString *b)
{
    size_t shorter = (size_t)(a->len < b->len ? a->len : b->len);
    int c = memcmp(a->data, b->data, shorter);
    if (c == 0)
        return (a->len > b->len) - (a->len < b->len);
    return c < 0 ? -1 : 1;
}
