/* output.c — the stdout buffer: dodo_puts and friends.
 *
 * stdout goes through our own 64 KiB buffer written with write(2), not
 * through stdio, because it must also be flushable from a signal handler
 * (stack overflow, crash) so that everything printed before an error comes
 * out before the error message.
 *
 * A signal may interrupt any function here. `out_len` (bytes committed) and
 * `out_done` (bytes of them already written by a flush in progress) are
 * volatile and only change after the bytes they cover are in place, so
 * dodo_flush_from_signal never writes garbage and at worst repeats the bytes
 * of one interrupted write(2).
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime_internal.h"

enum { OUT_CAPACITY = 64 * 1024 };

static char out_buf[OUT_CAPACITY];
static volatile size_t out_len;
static volatile size_t out_done;
static bool line_buffered;

/* SIGPIPE is left as the program found it, as in C: at its default, a
 * closed pipe (`prog | head -1`) ends the program quietly with the SIGPIPE
 * status; ignored, the write fails with EPIPE and is reported. */
void dodo_output_init(void)
{
    line_buffered = isatty(STDOUT_FILENO);
}

bool dodo_write_all(int fd, const void *bytes, size_t n)
{
    const char *p = bytes;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

const char *dodo_output_failure(int err)
{
    static char message[128];
    snprintf(message, sizeof message, "cannot write to standard output: %s", strerror(err));
    return message;
}

static void output_failed(int err)
{
    dodo_fatal(dodo_output_failure(err), DODO_EXIT_FATAL);
}

int dodo_try_flush(void)
{
    while (out_done < out_len) {
        ssize_t w = write(STDOUT_FILENO, out_buf + out_done, out_len - out_done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            out_len = 0; /* nothing more to try: the fatal path must not flush it again */
            out_done = 0;
            return err;
        }
        out_done += (size_t)w;
    }
    /* out_len first: a signal in between sees out_done >= out_len. */
    out_len = 0;
    out_done = 0;
    return 0;
}

void dodo_flush(void)
{
    int err = dodo_try_flush();
    if (err)
        output_failed(err);
}

void dodo_flush_from_signal(void)
{
    size_t len = out_len, done = out_done;
    if (done < len)
        dodo_write_all(STDOUT_FILENO, out_buf + done, len - done);
    out_len = 0;
    out_done = 0;
}

void dodo_out_write(const char *bytes, size_t n)
{
    if (n > OUT_CAPACITY - out_len) {
        dodo_flush();
        if (n >= OUT_CAPACITY) {
            if (!dodo_write_all(STDOUT_FILENO, bytes, n))
                output_failed(errno);
            return;
        }
    }
    memcpy(out_buf + out_len, bytes, n);
    /* The bytes must be in the buffer before a signal handler can see them. */
    atomic_signal_fence(memory_order_release);
    out_len += n;
}

static void end_line(void)
{
    dodo_out_write("\n", 1);
    if (line_buffered)
        dodo_flush();
}

void dodo_puts(const DodoString *s)
{
    dodo_out_write(s->data, (size_t)s->len);
    end_line();
}

void dodo_puts_pieces(int64_t n, const DodoPiece *pieces)
{
    char buf[DODO_INT_TEXT_MAX];
    for (int64_t i = 0; i < n; i++) {
        size_t len;
        const char *text = dodo_piece_text(&pieces[i], buf, &len);
        dodo_out_write(text, len);
    }
    end_line();
}
