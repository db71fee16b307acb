/* sipguide_scan.c - scan and brute-force detection, bounded in memory.
 *
 * Per address, a queue of the failure times still inside the window (so the
 * count is exact), grown on demand and capped at 4 x threshold entries.
 * Addresses live in a hash table and an LRU queue; past max_addrs the least
 * recently seen address is dropped.  Worst case memory: max_addrs x
 * 4 x threshold x 8 bytes, reached only by that many simultaneous scans.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipguide_core.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define SG_USER_MAX_LEN 64 /* longer user names are remembered cut */

typedef struct {
    char *addr;
    double *times; /* ring: failure times inside the window, oldest at start */
    unsigned start, n, alloc;
    double last_warn;
    bool warned;
    unsigned nusers;
    bool users_capped;
    char *users[SG_SCAN_MAX_USERS];
    GList *lru; /* link in sg_scan.lru, head = most recent */
} tracker_t;

struct sg_scan {
    sg_scan_cfg_t cfg;
    GHashTable *by_addr;
    GQueue lru;
};

static void tracker_free(gpointer p)
{
    tracker_t *t = p;
    for (unsigned i = 0; i < t->nusers; i++)
        g_free(t->users[i]);
    g_free(t->times);
    g_free(t->addr);
    g_free(t);
}

sg_scan_t *sg_scan_new(const sg_scan_cfg_t *cfg)
{
    sg_scan_t *s = g_new0(sg_scan_t, 1);
    s->cfg = *cfg;
    if (s->cfg.threshold < 1)
        s->cfg.threshold = 1;
    if (s->cfg.threshold > SG_SCAN_MAX_THRESHOLD)
        s->cfg.threshold = SG_SCAN_MAX_THRESHOLD;
    if (s->cfg.max_addrs < 1)
        s->cfg.max_addrs = 1;
    s->by_addr = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, tracker_free);
    g_queue_init(&s->lru);
    return s;
}

void sg_scan_free(sg_scan_t *s)
{
    if (!s)
        return;
    g_queue_clear(&s->lru);
    g_hash_table_destroy(s->by_addr);
    g_free(s);
}

size_t sg_scan_tracked(const sg_scan_t *s)
{
    return s ? g_hash_table_size(s->by_addr) : 0;
}

static tracker_t *tracker_for(sg_scan_t *s, const char *addr)
{
    tracker_t *t = g_hash_table_lookup(s->by_addr, addr);
    if (t) {
        g_queue_unlink(&s->lru, t->lru);
        g_queue_push_head_link(&s->lru, t->lru);
        return t;
    }
    if (g_hash_table_size(s->by_addr) >= s->cfg.max_addrs) {
        tracker_t *old = g_queue_pop_tail(&s->lru);
        g_hash_table_remove(s->by_addr, old->addr);
    }
    t = g_new0(tracker_t, 1);
    t->addr = g_strdup(addr);
    g_queue_push_head(&s->lru, t);
    t->lru = s->lru.head;
    g_hash_table_insert(s->by_addr, t->addr, t);
    return t;
}

static void remember_user(tracker_t *t, const char *user)
{
    if (!user || !*user)
        return;
    for (unsigned i = 0; i < t->nusers; i++)
        if (strncmp(t->users[i], user, SG_USER_MAX_LEN) == 0)
            return;
    if (t->nusers == SG_SCAN_MAX_USERS) {
        t->users_capped = true;
        return;
    }
    t->users[t->nusers++] = g_strndup(user, strnlen(user, SG_USER_MAX_LEN));
}

/* Adds a failure time; the queue grows up to ring_max, then drops its oldest. */
static void push_time(tracker_t *t, double now, unsigned ring_max)
{
    if (t->n == t->alloc) {
        if (t->alloc < ring_max) {
            unsigned alloc = MIN(MAX(4u, t->alloc * 2), ring_max);
            double *times = g_new(double, alloc);
            for (unsigned i = 0; i < t->n; i++)
                times[i] = t->times[(t->start + i) % t->alloc];
            g_free(t->times);
            t->times = times;
            t->alloc = alloc;
            t->start = 0;
        } else {
            t->start = (t->start + 1) % t->alloc;
            t->n--;
        }
    }
    t->times[(t->start + t->n) % t->alloc] = now;
    t->n++;
}

void sg_scan_record(sg_scan_t *s, const char *addr, double now, const char *user,
                    sg_scan_hit_t *hit)
{
    tracker_t *t = tracker_for(s, addr);
    size_t off = 0;

    /* Forget failures that left the window (times out of order count as now). */
    while (t->n > 0 && now - t->times[t->start] > s->cfg.window) {
        t->start = (t->start + 1) % t->alloc;
        t->n--;
    }
    push_time(t, now, s->cfg.threshold * 4);
    remember_user(t, user);

    memset(hit, 0, sizeof *hit);
    hit->count = t->n;
    hit->active = hit->count >= s->cfg.threshold;
    hit->users = t->nusers;
    hit->users_capped = t->users_capped;
    if (hit->active && (!t->warned || now - t->last_warn >= s->cfg.window)) {
        hit->warn = true;
        t->warned = true;
        t->last_warn = now;
    }
    for (unsigned i = 0; i < t->nusers && off + 1 < sizeof hit->users_text; i++) {
        int w = snprintf(hit->users_text + off, sizeof hit->users_text - off, "%s%s",
                         i ? ", " : "", t->users[i]);
        if (w < 0)
            break;
        off += (size_t)w;
    }
    if (off >= sizeof hit->users_text)
        off = sizeof hit->users_text - 1;
    if (t->users_capped && off + 6 < sizeof hit->users_text)
        snprintf(hit->users_text + off, sizeof hit->users_text - off, ", ...");
}
