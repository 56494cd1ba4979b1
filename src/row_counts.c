/*
 * row_counts.c — the per-statement count of proposed rows by (agency, tally
 * key) that insert_spans.c keeps while an INSERT or COPY runs: a buffer of
 * rows sorted by the low bits of their hash when full (least significant
 * digit radix sort, two passes of 11 bits), then counted into an
 * open-addressing hash of 16-byte slots (linear probing, grown at three
 * quarters full) in slot order.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "row_counts.h"

#define ROW_COUNTS_FIRST 1024
#define ROW_BUFFER_FIRST 1024
#define ROW_BUFFER_MAX (1 << 18)	/* 4 MB of rows, and as much again to sort them */

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
 * Sort items by the low 22 bits of their hash (what picks a slot, up to four
 * million slots): two counting passes of 11 bits through tmp, each with a
 * count array that stays in the first-level cache.
 */
static void
radix_sort(RowItem *items, RowItem *tmp, uint32 n)
{
	uint32		count[2048];

	for (int pass = 0; pass < 2; pass++)
	{
		RowItem    *from = pass == 0 ? items : tmp;
		RowItem    *to = pass == 0 ? tmp : items;
		int			shift = pass * 11;
		uint32		sum = 0;

		memset(count, 0, sizeof(count));
		for (uint32 i = 0; i < n; i++)
			count[(from[i].hash >> shift) & 2047]++;
		for (uint32 d = 0; d < 2048; d++)
		{
			uint32		c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (uint32 i = 0; i < n; i++)
			to[count[(from[i].hash >> shift) & 2047]++] = from[i];
	}
}

/*
 * Count the buffered rows into the slots: sorted by hash, so that the slots
 * are visited in order and equal rows are counted together; then the buffer
 * is empty (and twice as large, up to ROW_BUFFER_MAX).
 */
void
row_counts_flush(RowCounts *rc)
{
	uint32		n = rc->nbuf;

	if (n > 64)
	{
		RowItem    *tmp = MemoryContextAlloc(rc->cxt, sizeof(RowItem) * n);

		radix_sort(rc->buf, tmp, n);
		pfree(tmp);
	}
	for (uint32 i = 0; i < n;)
	{
		uint32		j = i + 1;

		/* the run of rows equal to row i (equal rows are mostly adjacent: another key sorted between them is counted on its own) */
		while (j < n && rc->buf[j].hash == rc->buf[i].hash && rc->buf[j].agency_id == rc->buf[i].agency_id &&
			   rc->buf[j].key == rc->buf[i].key)
			j++;
		count_rows(rc, &rc->buf[i], (int32) (j - i));
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
