/*
 * row_counts.c — the per-statement count of proposed rows by (agency, tally
 * key) that insert_spans.c keeps while an INSERT or COPY runs: a buffer of
 * rows put in the order of the slots their hashes pick when full (one
 * counting pass over the slot number's top 11 bits), then counted into an
 * open-addressing hash of 16-byte slots (linear probing, grown at three
 * quarters full) in that order.
 */
#include "postgres.h"

#include "port/pg_bitutils.h"
#include "utils/memutils.h"

#include "row_counts.h"

#define ROW_COUNTS_FIRST 1024
#define ROW_BUFFER_FIRST 1024
#define ROW_BUFFER_MAX (1 << 16)	/* 1 MB of rows, and as much again to sort them (fresh memory costs a page fault a page) */

/* An empty count set in cxt. */
RowCounts *
row_counts_make(MemoryContext cxt)
{
	RowCounts  *rc = MemoryContextAllocZero(cxt, sizeof(RowCounts));

	rc->cxt = cxt;
	rc->mask = ROW_COUNTS_FIRST - 1;
	rc->slots = MemoryContextAllocZero(cxt, sizeof(RowCount) * ROW_COUNTS_FIRST);
	rc->capbuf = ROW_BUFFER_FIRST;
	rc->buf = MemoryContextAlloc(cxt, sizeof(RowItem) * ROW_BUFFER_FIRST);
	return rc;
}

/* Twice as many slots, every entry placed again. */
static void
row_counts_grow(RowCounts *rc)
{
	uint32		old_size = rc->mask + 1;
	RowCount   *old = rc->slots;

	if (old_size >= (uint32) (MaxAllocHugeSize / sizeof(RowCount) / 2))
		elog(ERROR, "too many distinct rows in one INSERT");
	rc->mask = old_size * 2 - 1;
	rc->slots = MemoryContextAllocExtended(rc->cxt, sizeof(RowCount) * (Size) old_size * 2,
										   MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (uint32 i = 0; i < old_size; i++)
	{
		uint32		h;

		if (old[i].n == 0)
			continue;
		for (h = row_counts_hash(old[i].agency_id, old[i].key) & rc->mask; rc->slots[h].n != 0; h = (h + 1) & rc->mask)
			;
		rc->slots[h] = old[i];
	}
	pfree(old);
}

/* Add n rows of (agency, key, hash) to the slots; a new slot takes the key's refused bit. */
static void
count_rows(RowCounts *rc, const RowItem *it, int32 n)
{
	uint32		h;

	if ((rc->members + 1) * 4 > (rc->mask + 1) * 3)
		row_counts_grow(rc);
	for (h = it->hash & rc->mask;; h = (h + 1) & rc->mask)
	{
		RowCount   *s = &rc->slots[h];

		if (s->n == 0)
		{
			s->agency_id = it->agency_id;
			s->key = it->key;
			s->n = n;
			rc->members++;
			return;
		}
		if (s->agency_id == it->agency_id && ROW_COUNT_KEY(s) == ROW_COUNT_KEY(it))
		{
			if (unlikely(s->n > PG_INT32_MAX - n))
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("one statement inserted more than %d applications of agency " INT64_FORMAT " with one tally key",
								PG_INT32_MAX, it->agency_id)));
			s->n += n;
			return;
		}
	}
}

/*
 * Order items by the slot their hash picks now, to within a run of slots:
 * one counting pass over the top 11 bits of the slot number into out.  A run
 * is (slots / 2048) slots, a few kilobytes, so counting the items in this
 * order touches the slots in sequence (a slot added meanwhile lands in the
 * upper half the growth makes, in sequence too).
 */
static void
bucket_sort(const RowItem *items, RowItem *out, uint32 n, uint32 mask)
{
	uint32		count[2048];
	int			bits = mask == 0 ? 0 : pg_leftmost_one_pos32(mask) + 1;
	int			shift = bits > 11 ? bits - 11 : 0;
	uint32		sum = 0;

	memset(count, 0, sizeof(count));
	for (uint32 i = 0; i < n; i++)
		count[((items[i].hash & mask) >> shift) & 2047]++;
	for (uint32 d = 0; d < 2048; d++)
	{
		uint32		c = count[d];

		count[d] = sum;
		sum += c;
	}
	for (uint32 i = 0; i < n; i++)
		out[count[((items[i].hash & mask) >> shift) & 2047]++] = items[i];
}

/*
 * Count the buffered rows into the slots, in slot order (bucket_sort), equal
 * rows next to each other counted together; then the buffer is empty (and
 * twice as large, up to ROW_BUFFER_MAX).
 */
void
row_counts_flush(RowCounts *rc)
{
	uint32		n = rc->nbuf;
	const RowItem *items = rc->buf;

	if (n > 64)
	{
		/* the sort's output buffer is kept for the next flush (fresh memory costs a page fault a page) */
		if (rc->captmp < n)
		{
			if (rc->tmp != NULL)
				pfree(rc->tmp);
			rc->tmp = MemoryContextAlloc(rc->cxt, sizeof(RowItem) * rc->capbuf);
			rc->captmp = rc->capbuf;
		}
		bucket_sort(rc->buf, rc->tmp, n, rc->mask);
		items = rc->tmp;
	}
	for (uint32 i = 0; i < n;)
	{
		uint32		j = i + 1;

		while (j < n && items[j].hash == items[i].hash && items[j].agency_id == items[i].agency_id &&
			   items[j].key == items[i].key)
			j++;
		count_rows(rc, &items[i], (int32) (j - i));
		i = j;
	}
	rc->nbuf = 0;
	if (rc->capbuf < ROW_BUFFER_MAX)
	{
		pfree(rc->buf);
		rc->capbuf *= 2;
		rc->buf = MemoryContextAlloc(rc->cxt, sizeof(RowItem) * rc->capbuf);
	}
}
