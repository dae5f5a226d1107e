/* Code generation, module and function level: symbols, the context block,
 * each function's prologue and frame, leaving through a continuation, and
 * the shared paths that raise events. */
#include <string.h>

#include "fatal.h"
#include "gen_internal.h"
#include "peephole.h"

static const char *const param_regs[4] = {"%rdi", "%rsi", "%rdx", "%rcx"};
static const char *const cont_regs[4] = {"%r8", "%r9", "%r10", "%r11"};

int slot_of_var(const Var *v) { return v->slot; }

int slot_of_cont(GenFn *g, int index) { return g->f->nslots + index; }

int temp_alloc(GenFn *g, int n) {
  int first = g->nfixed + g->ntemps;
  g->ntemps += n;
  if (g->ntemps > g->max_temps) g->max_temps = g->ntemps;
  return first;
}

void temp_free(GenFn *g, int n) { g->ntemps -= n; }

int gen_sp1_slot(GenFn *g) { return g->f->nslots + g->ncont; }

static void gen_recover_frame_regs(GenFn *g, int area);

/* Frames must stay relocatable (abi.md §5: a detached generator's stack is
 * copied elsewhere), so the words that lead back to a frame hold the frame
 * base as an offset from their own address, never as an address. */
/* The innermost generator loop around the code, if any. */
static const LoopLabels *innermost_gen_loop(const GenFn *g) {
  for (const LoopLabels *l = g->loop; l; l = l->outer)
    if (l->is_gen) return l;
  return NULL;
}

void gen_recover_frame(GenFn *g, int area) {
  const LoopLabels *l = g->body_depth ? innermost_gen_loop(g) : NULL;
  /* A body without a marker is only entered by jumps from inside it, with
   * RBP intact. */
  if (l && !l->marker) return;
  /* Until RBP is back, the frame is found from RSP (outside loop bodies). */
  if (g->cfi && !l) emit(g, ".cfi_def_cfa %%rsp, " FRAME_UNWIND "+%d", area);
  gen_recover_frame_regs(g, area);
  if (g->cfi) emit(g, ".cfi_def_cfa %%rbp, " FRAME_UNWIND);
}

static void gen_recover_frame_regs(GenFn *g, int area) {
  if (g->body_depth && g->links_absolute) {
    emit(g, "movq %d(%%rsp), %%rbp\t# frame base, kept at the body's RSP", area);
  } else if (g->body_depth) {
    emit(g, "leaq %d(%%rsp), %%rbp", area);
    emit(g, "subq %d(%%rsp), %%rbp\t# frame base = body RSP - [body RSP]", area);
  } else if (area) {
    emit(g, "leaq %d(%%rsp), %%rbp", area);
  } else {
    emit(g, "movq %%rsp, %%rbp");
  }
}

/* Frames must stay relocatable (abi.md §5: a detached generator's stack is
 * copied elsewhere), so in a generator the words that lead back to a frame
 * hold the frame base as an offset from their own address. */
void gen_push_frame_marker(GenFn *g) {
  emit(g, "subq $8, %%rsp");
  if (g->links_absolute) {
    emit(g, "movq %%rbp, (%%rsp)\t# [RSP] = frame base");
    return;
  }
  emit(g, "movq %%rsp, %%rcx");
  emit(g, "subq %%rbp, %%rcx");
  emit(g, "movq %%rcx, (%%rsp)\t# [RSP] = RSP - frame base");
}

void gen_pop_frame_marker(GenFn *g) {
  if (g->links_absolute) {
    emit(g, "movq (%%rsp), %%rbp");
  } else {
    emit(g, "movq %%rsp, %%rbp");
    emit(g, "subq (%%rsp), %%rbp\t# frame base = SP1 - [SP1]");
  }
  emit(g, "addq $8, %%rsp");
}

/* Loop state slots hold offsets from the frame base, for the same reason. */
void gen_load_loop_addr(GenFn *g, int slot, const char *reg) {
  if (g->links_absolute) {
    emit(g, "movq %d(%%rbp), %s", 8 * slot, reg);
    return;
  }
  /* RSP moves once, straight to its new value: were it the frame base for
   * an instruction, every frame of the generators below would lie under RSP
   * there, free for a signal handler to overwrite (and memcheck marks them
   * undefined). The callers hold no value in RCX. */
  const char *to = strcmp(reg, "%rsp") == 0 ? "%rcx" : reg;
  emit(g, "movq %%rbp, %s", to);
  emit(g, "subq %d(%%rbp), %s", 8 * slot, to);
  if (to != reg) emit(g, "movq %s, %s", to, reg);
}

void gen_store_loop_addr(GenFn *g, const char *reg, int slot) {
  if (g->links_absolute) {
    emit(g, "movq %s, %d(%%rbp)", reg, 8 * slot);
    return;
  }
  emit(g, "movq %%rbp, %%rcx");
  emit(g, "subq %s, %%rcx", reg);
  emit(g, "movq %%rcx, %d(%%rbp)", 8 * slot);
}

void gen_jump_error(GenFn *g, const char *cc, int kind) {
  static const char *const names[] = {"overflow", "divzero", "negexp"};
  RaiseStub *s;
  for (s = g->stubs; s; s = s->next)
    if (s->kind == kind && strcmp(s->raise, g->raise) == 0) break;
  if (!s) {
    s = ARENA_NEW(&g->gen->ctx->arena, RaiseStub);
    s->raise = g->raise;
    s->kind = kind;
    s->next = g->stubs;
    g->stubs = s;
  }
  emit(g, "%s %s.%s", cc, g->raise, names[kind]);
}

void gen_unwind_loops(GenFn *g, LoopLabels *stop) {
  for (LoopLabels *l = g->loop; l != stop; l = l->outer) {
    if (!l->is_gen) continue;
    int after = gen_new_label(g);
    emit_comment(g, "unwind the generator, then go on at .L.%d", after);
    gen_load_loop_addr(g, l->gen_sp, "%rsp");
    gen_load_loop_addr(g, l->sp1, "%rdi");
    emit(g, "leaq .L.%d(%%rip), %%r9", after);
    emit(g, "jmp *%d(%%rbp)", 8 * l->unwind);
    emit_label(g, ".L.%d", after);
    gen_pop_frame_marker(g);
  }
}

const char *gen_func_symbol(Gen *gen, const Func *f) {
  return arena_printf(&gen->ctx->arena, "%s.%s", gen->module, f->name);
}

int gen_result_area(const Func *f) {
  int words = 0;
  for (const ContSig *c = f->conts; c; c = c->next)
    if (c->ntypes > 2 && c->ntypes > words) words = c->ntypes;
  return 8 * words;
}

static int stack_params(const Func *f) {
  int regs = f->is_generator ? 3 : 4;
  return f->nparams > regs ? f->nparams - regs : 0;
}
static int stack_conts(const Func *f) { return f->nconts + 1 > 4 ? f->nconts + 1 - 4 : 0; }

/* Leaves through a continuation. A function truncates the stack to R
 * (abi.md §3: "the callee truncates the stack before jumping to any
 * continuation"); a generator's end and event reset RSP to SP1 (§4). R11
 * carries the address, as RAX/RDX may carry the value. */
void gen_exit(GenFn *g, int index) {
  emit(g, "movq %d(%%rbp), %%r11", 8 * slot_of_cont(g, index));
  if (g->f->is_generator) emit(g, "movq %d(%%rbp), %%rsp\t# SP1", 8 * gen_sp1_slot(g));
  else emit(g, "leaq " FRAME_UNWIND "(%%rbp), %%rsp");
  emit(g, "jmp *%%r11");
}

/* The function's raise path (events leave through the event continuation)
 * and the integer-error stubs of every raise path used. */
static void gen_raise_paths(GenFn *g, const char *sym) {
  emit_label(g, "%s.raise", sym);
  emit_comment(g, "event value in RAX: leave through the event continuation");
  gen_recover_frame(g, 0);
  gen_exit(g, g->ncont - 1);
  static const char *const names[] = {"overflow", "divzero", "negexp"};
  static const char *const texts[] = {"integer overflow", "division by zero", "negative exponent"};
  for (RaiseStub *s = g->stubs; s; s = s->next) {
    int id = gen_string(g->gen, texts[s->kind], strlen(texts[s->kind]));
    emit_label(g, "%s.%s", s->raise, names[s->kind]);
    emit(g, "leaq .L.str.%d(%%rip), %%rax", id);
    emit(g, "jmp %s", s->raise);
  }
}

/* Entry: reserve the frame, then park parameters and continuations in their
 * slots (no register survives a call, so everything lives in the frame). */
/* With -g, frames are described for unwinders (gdb, backtraces). A dodo
 * function has no return address: its "caller" is where its first
 * continuation goes, the caller's RSP (and, outside generator loop bodies,
 * its RBP) is R. A generator starts a stack of its own: unwinding stops. */
static void gen_prologue_cfi(GenFn *g, int step) {
  if (!g->cfi) return;
  Func *f = g->f;
  if (step == 0) {
    emit(g, ".cfi_startproc");
    emit(g, ".cfi_def_cfa %%rsp, %d", 8 * (stack_conts(f) + stack_params(f)));
    if (f->is_generator) emit(g, ".cfi_undefined %%rip");
    else emit(g, ".cfi_register %%rip, %%r8");
  } else if (step == 1) {
    emit(g, ".cfi_def_cfa %%rsp, " FRAME_UNWIND);
  } else if (step == 2) {
    emit(g, ".cfi_def_cfa %%rbp, " FRAME_UNWIND);
    if (!f->is_generator) emit(g, ".cfi_val_offset %%rbp, 0");
  } else if (!f->is_generator) {
    emit(g, ".cfi_offset %%rip, %d-" FRAME_UNWIND, 8 * slot_of_cont(g, 0));
  }
}

static void gen_prologue(GenFn *g) {
  Func *f = g->f;
  gen_prologue_cfi(g, 0);
  emit(g, "subq $" FRAME_SIZE ", %%rsp");
  gen_prologue_cfi(g, 1);
  emit(g, "movq %%rsp, %%rbp");
  gen_prologue_cfi(g, 2);
  /* A generator gets SP1 first, in RDI; its parameters follow (abi.md §4). */
  int first_reg = f->is_generator ? 1 : 0, nregs = 4 - first_reg;
  if (f->is_generator) emit(g, "movq %%rdi, %d(%%rbp)\t# SP1", 8 * gen_sp1_slot(g));
  int i = 0;
  for (Param *p = f->params; p; p = p->next, i++) {
    if (i < nregs) {
      emit(g, "movq %s, %d(%%rbp)\t# %s", param_regs[first_reg + i], 8 * slot_of_var(p->var),
           p->name);
    } else {
      emit(g, "movq " FRAME_SIZE "+%d(%%rbp), %%rax", 8 * (stack_conts(f) + i - nregs));
      emit(g, "movq %%rax, %d(%%rbp)\t# %s", 8 * slot_of_var(p->var), p->name);
    }
  }
  int k = 0;
  for (ContSig *c = f->conts;; c = c->next, k++) {
    const char *name = c ? c->name : "event";
    if (k < 4) {
      emit(g, "movq %s, %d(%%rbp)\t# continuation %s", cont_regs[k], 8 * slot_of_cont(g, k), name);
      if (k == 0) gen_prologue_cfi(g, 3);
    } else {
      emit(g, "movq " FRAME_SIZE "+%d(%%rbp), %%rax", 8 * (k - 4));
      emit(g, "movq %%rax, %d(%%rbp)\t# continuation %s", 8 * slot_of_cont(g, k), name);
    }
    if (!c) break;
  }
}

/* The body: an expression's value goes to the first continuation; a block
 * that falls off its end invokes the first continuation (it carries nothing:
 * the checker made sure). */
static void gen_body(GenFn *g) {
  Func *f = g->f;
  if (f->body_is_expr && !f->is_generator && f->conts->ntypes == 1 &&
      f->body->type != &ty_never) {
    gen_tail_value(g, f->body, 0,
                   arena_printf(&g->gen->ctx->arena, "value to %s", f->conts->name));
    return;
  }
  gen_node(g, f->body);
  if (f->body->type == &ty_never) return;
  if (f->is_generator) {
    emit_comment(g, "falling off the end of a generator is end()");
    gen_exit(g, 1);
    return;
  }
  ContSig *first = f->conts;
  if (f->body_is_expr && first->ntypes == 1) emit_comment(g, "value to %s", first->name);
  gen_exit(g, 0);
}

/* Copies the body into the output, replacing the frame placeholders. */
static void flush_body(GenFn *g, int frame, int unwind) {
  char fbuf[32], ubuf[32];
  snprintf(fbuf, sizeof fbuf, "%d", frame);
  snprintf(ubuf, sizeof ubuf, "%d", unwind);
  const char *s = g->body.data, *end = s + g->body.len;
  while (s < end) {
    const char *p = memchr(s, FRAME_MARK, (size_t)(end - s));
    if (!p) {
      buf_putn(g->gen->out, s, (size_t)(end - s));
      break;
    }
    buf_putn(g->gen->out, s, (size_t)(p - s));
    if (strncmp(p, FRAME_SIZE, strlen(FRAME_SIZE)) == 0) {
      buf_puts(g->gen->out, fbuf);
      s = p + strlen(FRAME_SIZE);
    } else if (strncmp(p, FRAME_UNWIND, strlen(FRAME_UNWIND)) == 0) {
      buf_puts(g->gen->out, ubuf);
      s = p + strlen(FRAME_UNWIND);
    } else {
      buf_putc(g->gen->out, FRAME_MARK);
      s = p + 1;
    }
  }
}

static void gen_func(Gen *gen, Func *f) {
  if (!f->body) return; /* external: defined by another object */
  const char *sym = gen_func_symbol(gen, f);
  GenFn g = {.gen = gen, .f = f, .ncont = f->nconts + 1};
  g.nfixed = f->nslots + g.ncont + (f->is_generator ? 1 : 0);
  g.cfi = gen->ctx->opt->debug_info;
  g.links_absolute = !f->is_generator;
  g.local = g.cfi ? arena_printf(&gen->ctx->arena, ".L%s", sym) : sym;
  g.raise = arena_printf(&gen->ctx->arena, "%s.raise", g.local);
  buf_init(&g.body);
  gen_emit_loc(&g, f->loc);
  gen_prologue(&g);
  g.line = 0; /* the body's first statement gets its own .loc, even on the same line */
  g.prologue_end = true;
  gen_body(&g);
  buf_putn(&g.body, g.cold.data ? g.cold.data : "", g.cold.len);
  buf_free(&g.cold);
  gen_raise_paths(&g, g.local);
  if (g.cfi) buf_puts(&g.body, "\t.cfi_endproc\n");
  if (gen->ctx->opt->opt_level >= 1) {
    peephole_run(&g.body);
    peephole_jumps(&g.body); /* after: dropped loads leave jumps adjacent */
    if (!g.cfi) peephole_dead_stores(&g.body);
  }

  int frame = 8 * (g.nfixed + g.max_temps);
  int unwind = frame + 8 * (stack_params(f) + stack_conts(f));
  Buf *out = gen->out;
  buf_printf(out, "\n# %s(", f->name);
  for (Param *p = f->params; p; p = p->next)
    buf_printf(out, "%s%s %s", p == f->params ? "" : ", ", p->var->type->name, p->name);
  buf_puts(out, ") ->");
  for (ContSig *c = f->conts; c; c = c->next) {
    buf_printf(out, " %s(", c->name);
    for (int i = 0; i < c->ntypes; i++) buf_printf(out, "%s%s", i ? ", " : "", c->tys[i]->name);
    buf_puts(out, ") |");
  }
  buf_printf(out, " event(String)%s\n# frame: %d bytes\n",
             f->is_generator ? "  [generator: RDI = SP1]" : "", frame);
  buf_printf(out, "\t.text\n\t.globl %s\n\t.type %s, @function\n\t.p2align 4\n%s:\n", sym, sym, sym);
  flush_body(&g, frame, unwind);
  buf_printf(out, "\t.size %s, .-%s\n", sym, sym);
  buf_free(&g.body);
}

/* Names the C library or the runtime define: a module of that name keeps
 * its context symbol local, or the program would replace a C function with
 * a data block (a file called main.dodo is the usual case). The list covers
 * every C symbol the runtime imports (tests/driver/context_symbol_clash.sh
 * checks that against the built library) and libc's data symbols. */
static bool clashes_with_c(const char *name) {
  static const char *const reserved[] = {
      "main", "exit", "_exit", "abort", "atexit", "write", "read", "open", "close",
      "malloc", "calloc", "realloc", "free", "memcpy", "memmove", "memset", "memcmp",
      "strlen", "strerror", "environ", "errno", "stdin", "stdout", "stderr", "signal",
      "sigaction", "sigaltstack", "sigfillset", "sigemptyset", "sigaddset", "sigprocmask",
      "raise", "kill", "getpid", "fork", "waitpid", "mmap", "munmap", "mprotect",
      "sysconf", "getrlimit", "setrlimit", "isatty", "printf", "fprintf", "snprintf",
      "vsnprintf", "puts", "fputs", "fwrite", "fflush", "perror", "time", "pipe",
      "dup2", "select", "poll", "sleep", "usleep", "pthread_getattr_np",
      "pthread_attr_getstack", "pthread_attr_destroy", "pthread_self",
  };
  if (strncmp(name, "dodo_", 5) == 0 || name[0] == '_') return true;
  for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
    if (strcmp(reserved[i], name) == 0) return true;
  return false;
}

/* The module context block (what RAX carries: abi.md §2), and the entry
 * record through which the runtime's main() finds Run. */
static void gen_module_data(Gen *gen, bool has_run) {
  Buf *out = gen->out;
  int name = gen_string(gen, gen->module, strlen(gen->module));
  buf_printf(out, "\n# module context block\n\t.data\n");
  if (!clashes_with_c(gen->module)) buf_printf(out, "\t.globl %s\n", gen->context);
  buf_printf(out, "\t.type %s, @object\n\t.p2align 3\n%s:\n\t.quad .L.str.%d\t# module name\n"
                  "\t.size %s, 8\n", gen->context, gen->context, name, gen->context);
  if (!has_run) return;
  buf_printf(out, "\n# program entry: Run and its context, for the runtime's main()\n"
                  "\t.section .data.rel.ro,\"aw\"\n\t.globl dodo_entry\n"
                  "\t.type dodo_entry, @object\n\t.p2align 3\ndodo_entry:\n"
                  "\t.quad %s.Run\n\t.quad %s\n\t.size dodo_entry, 16\n",
             gen->module, gen->context);
}

void gen_program(Ctx *ctx, Buf *out) {
  Gen gen = {.ctx = ctx, .out = out, .module = ctx->prog->module, .context = ctx->prog->module};
  buf_printf(out, "# %s: generated by dodoc from %s\n", gen.module, ctx->src.path);
  if (ctx->opt->debug_info) buf_printf(out, "\t.file 1 \"%s\"\n", ctx->src.path);
  bool has_run = false;
  for (Func *f = ctx->prog->funcs; f; f = f->next) {
    if (strcmp(f->name, "Run") == 0) has_run = true;
    gen_func(&gen, f);
    /* With a sink (the driver's output file), hold at most ~256 KiB. */
    if (out->len >= 256 * 1024) buf_drain(out);
  }
  gen_module_data(&gen, has_run);
  gen_emit_strings(&gen);
  buf_puts(out, "\n\t.section .note.GNU-stack,\"\",@progbits\n");
}
