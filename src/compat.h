/*
 * compat.h
 *		What differs between the PostgreSQL versions govinfo builds against (15 to 18), behind
 *		PG_VERSION_NUM guards. Include it after postgres.h.
 */
#ifndef GOVINFO_COMPAT_H
#define GOVINFO_COMPAT_H

/* 16 moved the varlena access macros (VARSIZE_ANY_EXHDR, VARDATA_ANY, ...) out of postgres.h */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#endif							/* GOVINFO_COMPAT_H */
