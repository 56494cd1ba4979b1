/*
 * published_guard.h — the mark import_report leaves for published_report's
 * guard (src/published_guard.c).
 */
#ifndef GOVINFO_PUBLISHED_GUARD_H
#define GOVINFO_PUBLISHED_GUARD_H

/* the hash of the row import_report inserts next (NULL: none) */
extern void gi_published_import_mark(text *hash);

#endif							/* GOVINFO_PUBLISHED_GUARD_H */
