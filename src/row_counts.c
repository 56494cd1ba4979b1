/*
 * row_counts.c — the per-statement count of proposed rows by (agency, tally
 * key) that insert_spans.c keeps while an INSERT or COPY runs: linear
 * probing over a power-of-two array of 16-byte slots, grown at three
 * quarters full.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "utils/memutils.h"

#include "row_counts.h"

#define ROW_COUNTS_FIRST 1024

/* The slot index of an (agency, key). */
static inline uint32
row_hash(int64 agency_id, int32 key)
{
	return murmurhash32((uint32) (agency_id ^ (agency_id >> 32)) ^ ((uint32) key * 0x9E3779B1u));
}

/* An empty count set in cxt. */
RowCounts *
row_counts_make(MemoryContext cxt)
{
	RowCounts  *rc = MemoryContextAllocZero(cxt, sizeof(RowCounts));

	rc->cxt = cxt;
	rc->mask = ROW_COUNTS_FIRST - 1;
	rc->slots = MemoryContextAllocZero(cxt, sizeof(RowCount) * ROW_COUNTS_FIRST);
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
		for (h = row_hash(old[i].agency_id, ROW_COUNT_KEY(&old[i])) & rc->mask; rc->slots[h].n != 0; h = (h + 1) & rc->mask)
			;
		rc->slots[h] = old[i];
	}
	pfree(old);
}

/*
 * The slot of (agency, key), its count not yet raised: a new slot (is_new)
 * has n = 0 until the caller counts the row in it.
 */
RowCount *
row_counts_add(RowCounts *rc, int64 agency_id, int32 key, bool *is_new)
{
	uint32		h;

	if ((rc->members + 1) * 4 > (rc->mask + 1) * 3)
		row_counts_grow(rc);
	for (h = row_hash(agency_id, key) & rc->mask;; h = (h + 1) & rc->mask)
	{
		RowCount   *s = &rc->slots[h];

		if (s->n == 0)
		{
			s->agency_id = agency_id;
			s->key = key;
			rc->members++;
			*is_new = true;
			return s;
		}
		if (s->agency_id == agency_id && ROW_COUNT_KEY(s) == key)
		{
			*is_new = false;
			return s;
		}
	}
}
