/*
 * The benchmark's reference: what a plain C program does with winnow's exported
 * line patterns. It reads NUL-separated documents, runs every line through
 * PCRE2's JIT and writes the lines no pattern matches (the NULs kept), the work
 * of `pcre2grep -v` without its limits.
 *
 *   cc -O2 -o reference bench/reference.c -lpcre2-8
 *   reference PATTERNS < docs.nul > kept.nul
 *
 * PATTERNS holds two lines, built by bench/run.py from `winnow rules --export`:
 * the anchored patterns (every branch starts with ^) as one alternation, then the
 * others as a second one; each alternative ends with (*MARK:n), so a match names
 * its rule as winnow's does. Compiled as winnow compiles: UTF, UCP,
 * MATCH_INVALID_UTF, JIT. Each line gets at most one match call per group: the
 * anchored group first, the unanchored one only when it did not match. Input and
 * output go through 1 MiB buffers. A count of lines and removals per rule goes
 * to standard error.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUFFER (1 << 20)
#define MAX_RULES 4096

static unsigned char out[BUFFER];
static size_t out_used;

static void write_all(const unsigned char *bytes, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(1, bytes + done, n - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            perror("reference: write");
            exit(2);
        }
        done += (size_t)w;
    }
}

static void flush_out(void) {
    write_all(out, out_used);
    out_used = 0;
}

static void put(const unsigned char *bytes, size_t n) {
    if (out_used + n > BUFFER) flush_out();
    if (n > BUFFER) { write_all(bytes, n); return; }  /* a line longer than the buffer */
    memcpy(out + out_used, bytes, n);
    out_used += n;
}

/* One group: the compiled alternation and its match data. */
struct group {
    pcre2_code *code;
    pcre2_match_data *match;
};

static struct group compile(const char *pattern, size_t length) {
    struct group g = {0};
    if (length == 0) return g;
    int error;
    PCRE2_SIZE offset;
    g.code = pcre2_compile((PCRE2_SPTR)pattern, length, PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                           &error, &offset, NULL);
    if (!g.code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        fprintf(stderr, "reference: pattern error at offset %zu: %s\n", (size_t)offset, message);
        exit(2);
    }
    if (pcre2_jit_compile(g.code, PCRE2_JIT_COMPLETE) != 0) {
        fprintf(stderr, "reference: no JIT for this pattern\n");
        exit(2);
    }
    g.match = pcre2_match_data_create_from_pattern(g.code, NULL);
    return g;
}

static unsigned long removed_by[MAX_RULES];

/* Whether the group matches the line; counts the rule its mark names. */
static int matches(struct group *g, const unsigned char *line, size_t n, pcre2_match_context *context) {
    if (!g->code) return 0;
    if (pcre2_match(g->code, line, n, 0, 0, g->match, context) < 0) return 0;
    PCRE2_SPTR mark = pcre2_get_mark(g->match);
    if (mark) {
        long rule = strtol((const char *)mark, NULL, 10);
        if (rule >= 0 && rule < MAX_RULES) removed_by[rule]++;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: reference PATTERNS < docs.nul > kept.nul\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    char *lines[2] = {NULL, NULL};
    size_t sizes[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        ssize_t n = getline(&lines[k], &sizes[k], f);
        if (n < 0) { fprintf(stderr, "reference: %s: two pattern lines expected\n", argv[1]); return 2; }
        if (n > 0 && lines[k][n - 1] == '\n') lines[k][--n] = 0;
        sizes[k] = (size_t)n;
    }
    fclose(f);
    struct group anchored = compile(lines[0], sizes[0]);
    struct group unanchored = compile(lines[1], sizes[1]);
    pcre2_match_context *context = pcre2_match_context_create(NULL);
    pcre2_jit_stack *stack = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, NULL);
    pcre2_jit_stack_assign(context, NULL, stack);

    size_t capacity = BUFFER, used = 0;
    unsigned char *in = malloc(capacity);
    unsigned long lines_in = 0, lines_removed = 0;
    int eof = 0;
    while (!eof || used > 0) {
        if (!eof) {
            if (used == capacity) in = realloc(in, capacity *= 2);  /* a line longer than the buffer */
            ssize_t n = read(0, in + used, capacity - used);
            if (n < 0) {
                if (errno == EINTR) continue;
                perror("reference: read");
                return 2;
            }
            if (n == 0) eof = 1;
            used += (size_t)n;
        }
        /* Every whole line in the buffer (and at the end, the last one without an end). */
        size_t start = 0;
        for (size_t i = 0; i < used; i++) {
            unsigned char c = in[i];
            if (c != '\n' && c != 0) continue;
            size_t n = i - start;
            lines_in++;
            if (matches(&anchored, in + start, n, context) || matches(&unanchored, in + start, n, context)) {
                lines_removed++;
                if (c == 0) put(&c, 1);  /* the document's end stays */
            } else {
                put(in + start, n + 1);
            }
            start = i + 1;
        }
        if (eof && start < used) {
            size_t n = used - start;
            lines_in++;
            if (matches(&anchored, in + start, n, context) || matches(&unanchored, in + start, n, context)) lines_removed++;
            else put(in + start, n);
            start = used;
        }
        memmove(in, in + start, used - start);
        used -= start;
        if (eof) break;
    }
    flush_out();
    fprintf(stderr, "reference: %lu lines, %lu removed; by rule:", lines_in, lines_removed);
    for (int r = 0; r < MAX_RULES; r++) if (removed_by[r]) fprintf(stderr, " %d:%lu", r, removed_by[r]);
    fprintf(stderr, "\n");
    return 0;
}
