/*
 * agency_names.c — the agency a printed name designates, for import_report:
 * the one agency whose name is the printed name; when no agency has that
 * exact name, the one whose agency_name_key is the printed name's; none when
 * no agency or several match.
 *
 * The agencies are those of the agency tree each backend keeps
 * (agency_subtree.c, read again whenever agency changes), indexed at the
 * first lookup after each read: by name and by key, both sorted, searched by
 * bisection.  A name's key (normalization and ICU's traditional-to-simplified
 * transform) is computed once per backend while the name stays: the keys of
 * the previous index are carried over by a merge of the two name-sorted
 * lists, so a re-read after one agency changed computes one key, not one per
 * agency.  The caller needs SELECT on agency, as for the query this replaces.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "access.h"
#include "parse.h"

/* An agency's name (or key) and id. */
typedef struct NameEntry
{
	const char *str;
	int64		id;
} NameEntry;

/* The index of the agencies' names and keys, made from one read of the tree. */
typedef struct NameIndex
{
	bool		valid;
	uint64		serial;			/* the tree read it was made from */
	int			n;
	NameEntry  *by_name;		/* sorted by name, then id */
	const char **key_of;		/* by position in by_name: the name's key */
	NameEntry  *by_key;			/* sorted by key */
	MemoryContext cxt;
} NameIndex;

static NameIndex names;

/* qsort comparator of two entries: by string in byte order, then by id. */
static int
entry_cmp(const void *a, const void *b)
{
	const NameEntry *x = a;
	const NameEntry *y = b;
	int			c = strcmp(x->str, y->str);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The agency_name_key of a name, in the current memory context. */
static char *
name_key(const char *name)
{
	return TextDatumGetCString(DirectFunctionCall1(gi_agency_name_key, CStringGetTextDatum(name)));
}

/* Make the index from the tree's agencies, reusing the keys of the previous index for the names it had. */
static void
names_build(int n, const int64 *ids, char *const *tnames, uint64 serial)
{
	/* made under the caller's context and kept (moved under TopMemoryContext) only once complete */
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "govinfo agency names", ALLOCSET_DEFAULT_SIZES);
	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext, "govinfo agency name keys", ALLOCSET_DEFAULT_SIZES);
	MemoryContext outer = MemoryContextSwitchTo(cxt);
	NameEntry  *by_name = palloc(sizeof(NameEntry) * Max(n, 1));
	const char **key_of = palloc(sizeof(char *) * Max(n, 1));
	NameEntry  *by_key = palloc(sizeof(NameEntry) * Max(n, 1));
	int			k = 0;
	int			old = 0;

	for (int i = 0; i < n; i++)
		if (tnames[i] != NULL)
		{
			by_name[k].str = pstrdup(tnames[i]);
			by_name[k++].id = ids[i];
		}
	qsort(by_name, k, sizeof(NameEntry), entry_cmp);
	for (int i = 0; i < k; i++)
	{
		int			cmp = 1;

		/* the previous index is sorted by name too: walk it alongside (cmp 0: it has this name) */
		while (names.valid && old < names.n && (cmp = strcmp(names.by_name[old].str, by_name[i].str)) < 0)
			old++;
		if (cmp == 0)
			key_of[i] = pstrdup(names.key_of[old]);
		else if (i > 0 && strcmp(by_name[i - 1].str, by_name[i].str) == 0)
			key_of[i] = key_of[i - 1];
		else
		{
			MemoryContextSwitchTo(scratch);
			{
				char	   *key = name_key(by_name[i].str);

				MemoryContextSwitchTo(cxt);
				key_of[i] = pstrdup(key);
			}
			MemoryContextReset(scratch);
		}
		by_key[i].str = key_of[i];
		by_key[i].id = by_name[i].id;
	}
	qsort(by_key, k, sizeof(NameEntry), entry_cmp);
	MemoryContextSwitchTo(outer);
	MemoryContextDelete(scratch);

	if (names.cxt != NULL)
		MemoryContextDelete(names.cxt);
	MemoryContextSetParent(cxt, TopMemoryContext);
	names.cxt = cxt;
	names.n = k;
	names.by_name = by_name;
	names.key_of = key_of;
	names.by_key = by_key;
	names.serial = serial;
	names.valid = true;
}

/* The number of entries whose string is s (0, 1 or 2 for more), and the id of the first. */
static int
count_equal(const NameEntry *sorted, int n, const char *s, int64 *id)
{
	int			lo = 0,
				hi = n;
	int			count = 0;

	/* the first entry not below s */
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (strcmp(sorted[mid].str, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < n && count < 2 && strcmp(sorted[i].str, s) == 0; i++)
	{
		if (count == 0)
			*id = sorted[i].id;
		count++;
	}
	return count;
}

/*
 * The agency a printed name designates (see the head of this file): true with
 * its id, false when no agency or several match.
 */
bool
gi_agency_name_find(FunctionCallInfo fcinfo, text *printed, int64 *id)
{
	const int64 *ids;
	char	   *const *tnames;
	uint64		serial;
	int			n = gi_agency_tree_names(fcinfo, &ids, &tnames, &serial);
	char	   *name = text_to_cstring(printed);
	char	   *key;
	int			exact;

	if (!names.valid || names.serial != serial)
		names_build(n, ids, tnames, serial);
	exact = count_equal(names.by_name, names.n, name, id);
	if (exact > 0)
		return exact == 1;
	key = name_key(name);
	return count_equal(names.by_key, names.n, key, id) == 1;
}
