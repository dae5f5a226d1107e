/* test_output.c — whole programs run in a child process (dodo_main entering
 * test.scenario): what they print on stdout and stderr, in which order, and
 * their exit statuses, for a normal end and every runtime error. */
#define _GNU_SOURCE /* posix_openpt */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "dodo_funcs.h"

enum { LINES = 20000, BIG_LINE = 100000 };

static const char BUG[] = " (this is a bug in dodoc or in hand-written code)\n";

/* ---- What the child prints (hooks called from the dodo stack) ---- */

static void print_lines(void)
{
    for (int64_t i = 1; i <= LINES; i++) {
        DodoPiece pieces[] = {
            { DODO_PIECE_STRING, (int64_t)(intptr_t)dodo_str_new("line ", 5) },
            { DODO_PIECE_INT, i },
            { DODO_PIECE_STRING, (int64_t)(intptr_t)dodo_str_new(" ", 1) },
            { DODO_PIECE_BOOL, i % 2 == 0 },
        };
        if (i % 3 == 0)
            dodo_puts(dodo_str_join(4, pieces));
        else
            dodo_puts_pieces(4, pieces);
        if (i == LINES / 2) { /* larger than the whole buffer */
            char *text = malloc(BIG_LINE);
            memset(text, 'x', BIG_LINE);
            DodoString *big = dodo_str_new(text, BIG_LINE);
            free(text);
            dodo_puts(big);
        }
    }
}

static char *expected_lines(const char *tail)
{
    size_t cap = (size_t)LINES * 32 + BIG_LINE + 256;
    char *text = malloc(cap), *p = text;
    for (int i = 1; i <= LINES; i++) {
        p += sprintf(p, "line %d %s\n", i, i % 2 == 0 ? "true" : "false");
        if (i == LINES / 2) {
            memset(p, 'x', BIG_LINE);
            p += BIG_LINE;
            *p++ = '\n';
        }
    }
    strcpy(p, tail);
    return text;
}

static void print_hello(void)
{
    dodo_puts(dodo_str_new("hello", 5));
}

static void print_hello_then_die(void)
{
    print_hello();
    kill(getpid(), SIGKILL);
}

/* ---- Running a child ---- */

typedef enum {
    ONE_PIPE,     /* stdout and stderr into the same pipe */
    BROKEN_PIPE,  /* stdout: a pipe nobody reads, SIGPIPE at its default; stderr: a pipe */
    BROKEN_PIPE_IGNORED, /* the same with SIGPIPE ignored */
    CLOSED,       /* stdout closed; stderr: a pipe */
    FULL,         /* stdout: /dev/full; stderr: a pipe */
    TERMINAL,     /* stdout: a pseudo-terminal; stderr: a pipe */
} Mode;

typedef struct {
    char *err; /* everything read from the stderr pipe (ONE_PIPE: both) */
    size_t err_len;
    char term[256]; /* TERMINAL: what came out of the terminal */
    size_t term_len;
    int status; /* exit status, or 128 + the signal that killed it */
} Outcome;

static size_t read_all(int fd, char **out)
{
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    ssize_t r;
    for (;;) {
        if (len == cap)
            buf = realloc(buf, cap *= 2);
        r = read(fd, buf + len, cap - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    *out = buf;
    return len;
}

static void run_child(Mode mode, void (*hook)(void), int64_t action, Outcome *o)
{
    int err_fds[2], out_fds[2] = { -1, -1 }, master = -1, slave = -1;
    if (pipe(err_fds) != 0)
        abort();
    if (mode == BROKEN_PIPE || mode == BROKEN_PIPE_IGNORED) {
        if (pipe(out_fds) != 0)
            abort();
        close(out_fds[0]); /* before fork: writes fail with EPIPE at once */
    }
    if (mode == TERMINAL) {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
            abort();
        slave = open(ptsname(master), O_RDWR | O_NOCTTY);
        if (slave < 0)
            abort();
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(60);
        close(err_fds[0]);
        dup2(err_fds[1], STDERR_FILENO);
        switch (mode) {
        case ONE_PIPE: dup2(err_fds[1], STDOUT_FILENO); break;
        case BROKEN_PIPE:
            signal(SIGPIPE, SIG_DFL);
            dup2(out_fds[1], STDOUT_FILENO);
            break;
        case BROKEN_PIPE_IGNORED:
            signal(SIGPIPE, SIG_IGN);
            dup2(out_fds[1], STDOUT_FILENO);
            break;
        case CLOSED: close(STDOUT_FILENO); break;
        case FULL: {
            int full = open("/dev/full", O_WRONLY);
            if (full < 0)
                _exit(99);
            dup2(full, STDOUT_FILENO);
            break;
        }
        case TERMINAL: dup2(slave, STDOUT_FILENO); break;
        }
        test_hook = hook;
        test_action = action;
        _exit(dodo_main(test_scenario, test_context));
    }
    close(err_fds[1]);
    if (out_fds[1] >= 0)
        close(out_fds[1]);
    o->err_len = read_all(err_fds[0], &o->err);
    close(err_fds[0]);
    int status;
    waitpid(pid, &status, 0);
    o->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    o->term_len = 0;
    if (mode == TERMINAL) {
        fcntl(master, F_SETFL, O_NONBLOCK);
        ssize_t r = read(master, o->term, sizeof o->term);
        o->term_len = r > 0 ? (size_t)r : 0;
        close(slave); /* kept open until now so the output stays readable */
        close(master);
    }
}

/* ---- The tests ---- */

static void expect(int64_t action, const char *tail, int status)
{
    Outcome o;
    run_child(ONE_PIPE, print_lines, action, &o);
    char *expected = expected_lines(tail);
    CHECK_BYTES(o.err, o.err_len, expected);
    CHECK(o.status == status);
    if (o.status != status)
        fprintf(stderr, "  action %lld: status %d, expected %d\n", (long long)action,
                o.status, status);
    free(expected);
    free(o.err);
}

static void test_order_and_statuses(void)
{
    char bug[256];
    expect(ACTION_RETURN, "", DODO_EXIT_OK);
    expect(ACTION_THROW, "dodo: unhandled event: boom\n", DODO_EXIT_EVENT);
    expect(ACTION_RECURSE, "dodo: fatal: stack overflow\n", DODO_EXIT_STACK_OVERFLOW);
    expect(ACTION_RECURSE_IN_C, "dodo: fatal: stack overflow\n", DODO_EXIT_STACK_OVERFLOW);
    snprintf(bug, sizeof bug, "dodo: fatal: segmentation fault%s", BUG);
    expect(ACTION_LOAD_NULL, bug, DODO_EXIT_FATAL);
    snprintf(bug, sizeof bug, "dodo: fatal: illegal instruction%s", BUG);
    expect(ACTION_ILLEGAL, bug, DODO_EXIT_FATAL);
    snprintf(bug, sizeof bug, "dodo: fatal: arithmetic exception%s", BUG);
    expect(ACTION_DIVIDE_BY_ZERO, bug, DODO_EXIT_FATAL);
}

static void check_outcome(Outcome *o, const char *err, int status)
{
    CHECK_BYTES(o->err, o->err_len, err);
    CHECK(o->status == status);
    if (o->status != status)
        fprintf(stderr, "  status %d, expected %d\n", o->status, status);
    free(o->err);
}

/* A failed write to stdout: fatal with the reason (status 3), reported once;
 * an unhandled event is still reported after it. A closed pipe with SIGPIPE
 * at its default ends the program quietly, as in C. */
static void test_unwritable_stdout(void)
{
    static const struct {
        Mode mode;
        const char *reason;
    } cases[] = {
        { BROKEN_PIPE_IGNORED, "Broken pipe" },
        { CLOSED, "Bad file descriptor" },
        { FULL, "No space left on device" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].mode == FULL && access("/dev/full", W_OK) != 0)
            continue;
        char message[256], with_event[512];
        snprintf(message, sizeof message, "dodo: fatal: cannot write to standard output: %s\n",
                 cases[i].reason);
        snprintf(with_event, sizeof with_event, "%sdodo: unhandled event: boom\n", message);
        Outcome o;
        /* Fails in the middle of printing (buffer full), from the dodo stack. */
        run_child(cases[i].mode, print_lines, ACTION_RETURN, &o);
        check_outcome(&o, message, DODO_EXIT_FATAL);
        /* Fails at the last flush, before the event message: both are told. */
        run_child(cases[i].mode, print_hello, ACTION_THROW, &o);
        check_outcome(&o, with_event, DODO_EXIT_FATAL);
        /* Nothing printed: nothing fails. */
        run_child(cases[i].mode, NULL, ACTION_RETURN, &o);
        check_outcome(&o, "", DODO_EXIT_OK);
    }
    Outcome o;
    run_child(BROKEN_PIPE, print_lines, ACTION_RETURN, &o);
    check_outcome(&o, "", 128 + SIGPIPE);
    run_child(BROKEN_PIPE, print_hello, ACTION_THROW, &o);
    check_outcome(&o, "", 128 + SIGPIPE);
    run_child(BROKEN_PIPE, NULL, ACTION_RETURN, &o);
    check_outcome(&o, "", DODO_EXIT_OK);
}

static void test_line_buffering(void)
{
    Outcome o;
    /* On a terminal each line is written at once... */
    run_child(TERMINAL, print_hello_then_die, ACTION_RETURN, &o);
    CHECK_BYTES(o.term, o.term_len, "hello\r\n");
    CHECK(o.status == 128 + SIGKILL);
    free(o.err);
    /* ...into a pipe it waits in the buffer (and is lost to SIGKILL). */
    run_child(ONE_PIPE, print_hello_then_die, ACTION_RETURN, &o);
    CHECK_BYTES(o.err, o.err_len, "");
    CHECK(o.status == 128 + SIGKILL);
    free(o.err);
}

int main(void)
{
    test_order_and_statuses();
    test_unwritable_stdout();
    test_line_buffering();
    return check_report();
}
