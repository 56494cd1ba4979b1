/*
 * row_counts.h — the rows one INSERT into application proposed, counted by
 * (agency, tally key), for src/insert_spans.c.  A bulk load proposes a
 * million rows of tens of thousands of (agency, key) pairs in arrival order:
 * a hash lookup per row would miss the cache on nearly every row.  So rows
 * are appended to a buffer (16 bytes each, written in sequence) and, when it
 * is full or read, put in the order of the slots their hashes pick (one
 * counting pass) and added to an open-addressing hash of 16-byte slots in that
 * order, equal neighbours counted together.
 */
#ifndef GOVINFO_ROW_COUNTS_H
#define GOVINFO_ROW_COUNTS_H

#include "common/hashfn.h"

/* One slot: n == 0 is an empty slot; bit 30 of key marks a span not allowed (span_allowed). */
typedef struct RowCount
{
	int64		agency_id;
	int32		key;
	int32		n;
} RowCount;

/* One buffered row: its agency, key (with the refused bit) and hash. */
typedef struct RowItem
{
	int64		agency_id;
	int32		key;
	uint32		hash;
} RowItem;

#define ROW_COUNT_KEY_MASK 0x3FFFFFFF
#define ROW_COUNT_KEY(rc) ((rc)->key & ROW_COUNT_KEY_MASK)
#define ROW_COUNT_REFUSED 0x40000000

typedef struct RowCounts
{
	RowCount   *slots;
	uint32		mask;			/* slots - 1, a power of two less one */
	uint32		members;
	RowItem    *buf;			/* rows not yet counted into the slots */
	uint32		nbuf;
	uint32		capbuf;
	RowItem    *tmp;			/* where the flush puts the rows in slot order, of captmp rows (NULL at first) */
	uint32		captmp;
	MemoryContext cxt;
} RowCounts;

extern RowCounts *row_counts_make(MemoryContext cxt);
extern void row_counts_flush(RowCounts *rc);

/* The hash of an (agency, key), the key without its refused bit. */
static inline uint32
row_counts_hash(int64 agency_id, int32 key)
{
	return murmurhash32((uint32) (agency_id ^ (agency_id >> 32)) ^ ((uint32) (key & ROW_COUNT_KEY_MASK) * 0x9E3779B1u));
}

/* Count one row of (agency, key): appended to the buffer, counted into the slots when it is full. */
static inline void
row_counts_push(RowCounts *rc, int64 agency_id, int32 key)
{
	RowItem    *it;

	if (unlikely(rc->nbuf == rc->capbuf))
		row_counts_flush(rc);
	it = &rc->buf[rc->nbuf++];
	it->agency_id = agency_id;
	it->key = key;
	it->hash = row_counts_hash(agency_id, key);
}

#endif
