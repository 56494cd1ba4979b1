/*
 * row_counts.h — the rows one INSERT into application proposed, counted by
 * (agency, tally key): an open-addressing hash of 16-byte slots, half the
 * size of a simplehash entry, since a bulk load looks up one slot per row in
 * a table of tens of thousands of entries (src/insert_spans.c).
 */
#ifndef GOVINFO_ROW_COUNTS_H
#define GOVINFO_ROW_COUNTS_H

/* One slot: n == 0 is an empty slot; bit 30 of key marks a span not allowed (span_allowed). */
typedef struct RowCount
{
	int64		agency_id;
	int32		key;
	int32		n;
} RowCount;

#define ROW_COUNT_KEY(rc) ((rc)->key & 0x3FFFFFFF)
#define ROW_COUNT_REFUSED 0x40000000

typedef struct RowCounts
{
	RowCount   *slots;
	uint32		mask;			/* slots - 1, a power of two less one */
	uint32		members;
	MemoryContext cxt;
} RowCounts;

extern RowCounts *row_counts_make(MemoryContext cxt);
extern RowCount *row_counts_add(RowCounts *rc, int64 agency_id, int32 key, bool *is_new);

#endif
