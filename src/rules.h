/*
 * rules.h — the balancing rules of REPORT-FORMAT.md (P3-BALANCE,
 * P3-HANDLED-TOTAL, P3-COLUMN-TOTAL, P4-TOTAL; across years P3-CARRY) and
 * the completion of derived cells.  Blank cells count as 0.
 */
#ifndef GOVINFO_RULES_H
#define GOVINFO_RULES_H

#include "figures.h"

typedef struct GiViolation
{
	const char *rule;			/* e.g. "P3-BALANCE" */
	const char *row_code;
	const char *col_code;
	int64		expected;
	int64		actual;
	char	   *message;
} GiViolation;

/* Called per broken rule and cell; return false to stop checking. */
typedef bool (*GiViolationFn) (const GiViolation *v, void *arg);

extern void gi_check_rules(GiFigKind kind, const void *fig, GiViolationFn fn, void *arg);
extern bool gi_is_balanced(GiFigKind kind, const void *fig);
extern bool gi_first_violation(GiFigKind kind, const void *fig, GiViolation *out);
extern void gi_check_carry(GiFigKind kind, const void *prev, const void *cur, GiViolationFn fn, void *arg);
extern bool gi_first_carry_violation(GiFigKind kind, const void *prev, const void *cur, GiViolation *out);
extern void *gi_complete(GiFigKind kind, const void *fig);

#endif
