/*
 * spans.h — the (agency, first year, last year) spans of records, kept in a
 * hash set: what the publication lock reads instead of the records themselves.
 * spans.c builds them in the record_spans() aggregate (insert_spans.c reads the
 * spans of the applications a statement inserts off their tally keys).
 */
#ifndef GOVINFO_SPANS_H
#define GOVINFO_SPANS_H

#include "common/hashfn.h"
#include "utils/array.h"
#include "utils/date.h"

/* One span; last_year 0 stands for an open record. */
typedef struct SpanKey
{
	int64		agency_id;
	int32		first_year;
	int32		last_year;
} SpanKey;

typedef struct SpanEntry
{
	SpanKey		key;
	char		status;
} SpanEntry;

#define SH_PREFIX spanset
#define SH_ELEMENT_TYPE SpanEntry
#define SH_KEY_TYPE SpanKey
#define SH_KEY key
#define SH_SCOPE extern
#define SH_DECLARE
#include "lib/simplehash.h"

/* A set of spans and the last one added, which spares the hash lookup for runs of one span. */
typedef struct SpanSet
{
	spanset_hash *spans;
	SpanKey		last;
	bool		have_last;
} SpanSet;

extern SpanSet *spanset_make(MemoryContext cxt);
extern void spanset_add(SpanSet *set, int64 agency_id, DateADT first_on, bool open, DateADT last_on);
extern ArrayType *spanset_array(SpanSet *set);

#endif
