/*
 * tally.h — the application tally: the applications of an agency counted by
 * what decides their cells in table 三 (the year received, the year closed or
 * open, the applicant, the outcome), as sorted (key, count) pairs in an int4
 * array.  tally.c reads and builds such arrays; insert_spans.c collects the
 * pairs while a statement inserts applications.
 */
#ifndef GOVINFO_TALLY_H
#define GOVINFO_TALLY_H

#include "utils/date.h"

/* Years a key can hold: the application rules keep dates within 1990 - 2100. */
#define TALLY_FIRST_YEAR 1990
#define TALLY_LAST_YEAR 2100

/* A key: (received year - 1989) << 15 | (closed year - 1989, or 0 when open) << 8 | applicant << 5 | outcome. */
static inline int32
tally_make_key(int received_year, int closed_year, int applicant, int outcome)
{
	return ((received_year - (TALLY_FIRST_YEAR - 1)) << 15) |
		((closed_year == 0 ? 0 : closed_year - (TALLY_FIRST_YEAR - 1)) << 8) |
		(applicant << 5) | outcome;
}

/* The parts of a key. */
typedef struct TallyKey
{
	int			received_year;
	int			closed_year;	/* 0: open */
	int			applicant;
	int			outcome;
} TallyKey;

extern bool tally_split_key(int32 key, TallyKey *k);
extern int32 tally_key_of(DateADT received, bool open, DateADT closed, int applicant, int outcome);

#endif
