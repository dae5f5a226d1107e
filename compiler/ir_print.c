/* Writing the IR as AT&T assembly text: the last step of code generation.
 * Frame sizes are filled in here, from IrFunc.frame and .unwind.
 *
 * Printing is most of what -S does per instruction, so a line is written
 * through a cursor into room reserved once for it (its strings measured
 * first), not a call and a capacity check per piece. */
#include "ir.h"

#include <string.h>

#include "fatal.h"
#include "symbol.h"

/* Room for everything in a line but its symbols and comment: a mnemonic and
 * condition (under 24 bytes), and per operand '*', two numbers of at most 20
 * bytes with their signs and '+'/'-', "(%", a register and ')'. */
enum { LINE_FIXED = 160 };

/* Mnemonics padded to 16 bytes, so that one is copied with a fixed-size
 * memcpy (two moves, no call) into the line's reserved room. */
static const struct {
  char text[16];
  unsigned char len;
} op_text[] = {
#define X(name, text, effect, width) {text, sizeof(text) - 1},
    IR_OPS(X)
#undef X
};

/* Comments and symbols are mostly short: two overlapping fixed-size copies
 * (reading only s[0..n)) instead of a memcpy call. */
static inline char *put_bytes(char *p, const char *s, size_t n) {
  if (n >= 8 && n <= 16) {
    memcpy(p, s, 8);
    memcpy(p + n - 8, s + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    memcpy(p, s, 4);
    memcpy(p + n - 4, s + n - 4, 4);
  } else if (n < 4) {
    for (size_t i = 0; i < n; i++) p[i] = s[i];
  } else {
    memcpy(p, s, n);
  }
  return p + n;
}

/* Condition names: a byte or two, not worth a strlen call. */
static inline char *put_short(char *p, const char *s) {
  while (*s) *p++ = *s++;
  return p;
}

/* Register names have two to four bytes. */
static inline char *put_reg(char *p, int reg, int width) {
  const char *s = reg_name(reg, width);
  p[0] = s[0];
  p[1] = s[1];
  if (!s[2]) return p + 2;
  p[2] = s[2];
  if (!s[3]) return p + 3;
  p[3] = s[3];
  if (s[4]) ICE(0, "a register name longer than four bytes");
  return p + 4;
}

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Frame offsets and labels: mostly one to three digits. */
static char *put_int(char *p, long long v) {
  if (v >= 0 && v < 1000) {
    unsigned u = (unsigned)v;
    if (u < 10) {
      *p++ = (char)('0' + u);
      return p;
    }
    if (u >= 100) {
      *p++ = (char)('0' + u / 100);
      u %= 100;
    }
    memcpy(p, digit_pairs + 2 * u, 2);
    return p + 2;
  }
  char tmp[24];
  char *t = tmp + sizeof tmp;
  unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
  for (; u >= 100; u /= 100) { /* two digits a division: labels run to six */
    t -= 2;
    memcpy(t, digit_pairs + 2 * (u % 100), 2);
  }
  if (u >= 10) {
    t -= 2;
    memcpy(t, digit_pairs + 2 * u, 2);
  } else {
    *--t = (char)('0' + u);
  }
  if (v < 0) *--t = '-';
  size_t n = (size_t)(tmp + sizeof tmp - t);
  return put_bytes(p, t, n);
}

/* With f NULL (ir_dump), the frame sizes are written as F and U. */
static char *put_frame_size(char *p, const IrFunc *f, FrameAdd fa) {
  if (!f) {
    *p++ = fa == FA_SIZE ? 'F' : 'U';
    return p;
  }
  return put_int(p, fa == FA_SIZE ? f->frame : f->unwind);
}

static char *put_frame_number(char *p, const IrFunc *f, const Opd *o) {
  switch ((FrameAdd)o->frame) {
  case FA_NONE: return put_int(p, o->val);
  case FA_SIZE:
  case FA_UNWIND:
    p = put_frame_size(p, f, (FrameAdd)o->frame);
    if (o->plus || o->val) {
      *p++ = '+';
      p = put_int(p, o->val);
    }
    return p;
  case FA_MINUS_UNWIND:
    p = put_int(p, o->val);
    *p++ = '-';
    return put_frame_size(p, f, FA_UNWIND);
  case FA_UNWIND_ULEB4: {
    if (!f) { /* ir_dump */
      p = put_bytes(p, "uleb4(U+", 8);
      p = put_int(p, o->val);
      *p++ = ')';
      return p;
    }
    int64_t v = f->unwind + o->val;
    if (v < 0 || v >= (1 << 28)) ICE(0, "a frame too large for a padded ULEB128");
    for (int i = 0; i < 4; i++, v >>= 7) {
      if (i) *p++ = ',';
      p = put_int(p, (v & 0x7f) | (i < 3 ? 0x80 : 0));
    }
    return p;
  }
  }
  ICE(0, "an operand with an unknown frame addend");
}

/* The bytes of a symbolic operand's name beyond LINE_FIXED (quotes
 * included: abi.md §2). */
static size_t sym_room(const Opd *o) {
  return (o->kind == OPD_SYM || o->kind == OPD_MEM) && o->label <= 0 && o->sym ? sym_len(o->sym) : 0;
}

static char *put_label(char *p, const Opd *o) {
  if (o->label > 0) {
    p = put_bytes(p, ".L.", 3);
    return put_int(p, o->label);
  }
  if (o->sym) return sym_put(p, o->sym);
  ICE(0, "a symbolic operand without a symbol");
}

static char *put_opd(char *p, const IrFunc *f, const Opd *o) {
  if (o->star) *p++ = '*';
  switch ((OpdKind)o->kind) {
  case OPD_REG:
    *p++ = '%';
    return put_reg(p, o->reg, o->width);
  case OPD_IMM:
    *p++ = '$';
    return put_frame_number(p, f, o);
  case OPD_NUM: return put_frame_number(p, f, o);
  case OPD_MEM:
    if (o->reg == REG_RIP) {
      p = put_label(p, o);
      return put_bytes(p, "(%rip)", 6);
    }
    if (!o->bare) p = put_frame_number(p, f, o);
    p = put_bytes(p, "(%", 2);
    p = put_reg(p, o->reg, 8);
    *p++ = ')';
    return p;
  case OPD_SYM: return put_label(p, o);
  case OPD_NONE: break;
  }
  ICE(0, "an IR operand of unknown kind");
}

/* Reserves `room` bytes (and the NUL) at the end of `out`. */
static char *reserve(Buf *out, size_t room) {
  if (out->len + room + 1 > out->cap) buf_grow(out, room);
  return out->data + out->len;
}

static void commit(Buf *out, char *p) {
  *p = '\0';
  out->len = (size_t)(p - out->data);
}

void ir_print_label(Buf *out, Opd o) {
  commit(out, put_label(reserve(out, LINE_FIXED + sym_room(&o)), &o));
}

void ir_print_opd(Buf *out, const IrFunc *f, Opd o) {
  commit(out, put_opd(reserve(out, LINE_FIXED + sym_room(&o)), f, &o));
}

static char *put_insn(char *p, const IrFunc *f, const IrInsn *in, size_t comment_len) {
  if (in->op == IR_COMMENT) {
    p = put_bytes(p, "\t# ", 3);
    p = put_bytes(p, in->comment, comment_len);
    *p++ = '\n';
    return p;
  }
  *p++ = '\t';
  if (in->op == IR_LOC) {
    p = put_bytes(p, ".loc 1 ", 7);
    p = put_int(p, in->a[0].val);
    *p++ = ' ';
    p = put_int(p, in->a[1].val);
    if (in->cc) p = put_bytes(p, " prologue_end", 13);
    *p++ = '\n';
    return p;
  }
  if (in->op >= NIR_OPS) ir_op_name(in->op); /* an internal error */
  memcpy(p, op_text[in->op].text, sizeof op_text[in->op].text);
  p += op_text[in->op].len;
  if (in->op == IR_JCC || in->op == IR_SETCC) p = put_short(p, cond_name(in->cc));
  if (in->nops > 0) {
    *p++ = ' ';
    p = put_opd(p, f, &in->a[0]);
  }
  for (int i = 1; i < in->nops; i++) {
    p = put_bytes(p, ", ", 2);
    p = put_opd(p, f, &in->a[i]);
  }
  if (in->comment) {
    p = put_bytes(p, "\t# ", 3);
    p = put_bytes(p, in->comment, comment_len);
  }
  *p++ = '\n';
  return p;
}

static inline void print_insn(Buf *out, const IrFunc *f, const IrInsn *in) {
  size_t comment_len = in->comment ? strlen(in->comment) : 0;
  size_t room = LINE_FIXED + comment_len;
  if (in->nops > 2) ICE(0, "an IR instruction with more than two operands");
  for (int i = 0; i < in->nops; i++) room += sym_room(&in->a[i]);
  commit(out, put_insn(reserve(out, room), f, in, comment_len));
}

void ir_print_insn(Buf *out, const IrFunc *f, const IrInsn *in) { print_insn(out, f, in); }

void ir_print(const IrFunc *f, Buf *out) {
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    if (i > 0) { /* the first block's label is the symbol, written with it */
      if (b->align) buf_puts(out, "\t.p2align 4,,10\n");
      char *p = reserve(out, LINE_FIXED + sym_room(&b->label));
      p = put_label(p, &b->label);
      commit(out, put_bytes(p, ":\n", 2));
    }
    for (int k = 0; k < b->n; k++) print_insn(out, f, &b->insns[k]);
  }
}
