/* check.h - the one assertion the C unit tests share: counts, and prints
 * what failed, so every check can fail the run (see main's exit code). */
#ifndef SIPGUIDE_TEST_CHECK_H
#define SIPGUIDE_TEST_CHECK_H

#include <stdio.h>

static int failed, passed;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

#endif
