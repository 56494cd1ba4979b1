/*
 * soft_error.h — reporting bad input through an error-save context
 * (escontext), so that pg_input_is_valid(), pg_input_error_info() and
 * COPY ... (ON_ERROR ignore) see a type's input errors without an exception.
 *
 * PostgreSQL 16 added errsave()/ereturn() and ErrorSaveContext; an input
 * function gets its context as fcinfo->context.  With a NULL context (or on
 * PostgreSQL 15, which has none of this) errsave() raises an ordinary ERROR,
 * so the input code has one path for every version: report with errsave(),
 * then return a failure value to the caller, which returns at once too.
 */
#ifndef GOVINFO_SOFT_ERROR_H
#define GOVINFO_SOFT_ERROR_H

#include "nodes/nodes.h"

#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
/* PostgreSQL 15: there is no soft error, every report is a hard ERROR */
#define errsave(context, ...) \
	ereport(ERROR, __VA_ARGS__)
#define ereturn(context, dummy_value, ...) \
	do { \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#define SOFT_ERROR_OCCURRED(escontext) false
#endif

#endif
