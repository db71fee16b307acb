/* parse_bench.c - what sg_sip_parse() costs per message, counted in
 * instructions: the first pass runs it on every SIP message of a capture
 * (a third argument "alone": sg_sip_parse_alone(), the pass without history).
 * Benchmark only, not part of the product.
 *
 *   tshark -r captures/sipnab__sipp-branch-scenario.pcapng -Y sip \
 *          -T fields -e udp.payload > /tmp/msgs.hex
 *   cc -O2 -Icore bench/parse_bench.c core/sipguide_sip.c -o /tmp/parse_bench
 *   valgrind --tool=cachegrind --cache-sim=no /tmp/parse_bench /tmp/msgs.hex 0
 *   valgrind --tool=cachegrind --cache-sim=no /tmp/parse_bench /tmp/msgs.hex 1
 *   valgrind --tool=cachegrind --cache-sim=no /tmp/parse_bench /tmp/msgs.hex 1 alone
 *
 * The difference of the two "I refs", over the number of messages printed, is
 * the cost of one parse (the first run only loads the messages). */
#include "sipguide_sip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex(int c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

int main(int argc, char **argv)
{
    static char line[1 << 20];
    FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
    long rounds = argc > 2 ? atol(argv[2]) : 1;
    bool alone = argc > 3 && strcmp(argv[3], "alone") == 0;
    size_t n = 0, cap = 1024;
    struct {
        char *p;
        size_t len;
    } *msgs = malloc(cap * sizeof *msgs);
    static sg_sip_t m;
    unsigned long sip = 0;

    if (!f || !msgs) {
        fprintf(stderr, "usage: parse_bench FILE.hex [ROUNDS]  (one hex payload a line)\n");
        return 2;
    }
    while (fgets(line, sizeof line, f)) {
        size_t digits = strcspn(line, ",\t\r\n"); /* the first of a frame's payloads */
        if (digits < 2)
            continue;
        if (n == cap && !(msgs = realloc(msgs, (cap *= 2) * sizeof *msgs)))
            return 1;
        msgs[n].len = digits / 2;
        if (!(msgs[n].p = malloc(msgs[n].len)))
            return 1;
        for (size_t i = 0; i < msgs[n].len; i++)
            msgs[n].p[i] = (char)(hex(line[2 * i]) << 4 | hex(line[2 * i + 1]));
        n++;
    }
    fclose(f);
    for (long r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++)
            sip += alone ? sg_sip_parse_alone(msgs[i].p, msgs[i].len, &m)
                         : sg_sip_parse(msgs[i].p, msgs[i].len, &m);
    printf("%zu messages, %lu parsed as SIP\n", n, sip);
    return 0;
}
