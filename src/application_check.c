/*
 * application_check.c — govinfo.application_valid(), the one CHECK constraint
 * of govinfo.application.  Bulk loads run it for every row, so the rules are
 * one C call rather than seven CHECK expressions; a broken rule raises 23514
 * naming the rule (application_outcome_iff_closed, …) and the values.
 */
#include "postgres.h"

#include "compat.h"

#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "fmgr.h"

#include "application_check.h"

/* Raise the error for one broken rule of an application row. */
static void
report_rule(const char *rule, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("new row for relation \"application\" violates check constraint \"%s\"", rule),
			 errdetail("%s", detail),
			 err_generic_string(PG_DIAG_SCHEMA_NAME, "govinfo"),
			 err_generic_string(PG_DIAG_TABLE_NAME, "application"),
			 err_generic_string(PG_DIAG_CONSTRAINT_NAME, rule)));
}

/* A date as text for messages. */
static char *
date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/* Whether a date lies in 1990 … 2100. */
static bool
date_in_range(DateADT d)
{
	static DateADT lo = 0;
	static DateADT hi = 0;

	if (lo == 0)
	{
		lo = date2j(1990, 1, 1) - POSTGRES_EPOCH_JDATE;
		hi = date2j(2100, 12, 31) - POSTGRES_EPOCH_JDATE;
	}
	return d >= lo && d <= hi;
}

/* The numeric 0, made once. */
static Numeric
numeric_zero(void)
{
	static Numeric zero = NULL;

	if (zero == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		zero = int64_to_numeric(0);
		MemoryContextSwitchTo(old);
	}
	return zero;
}

/*
 * Check the rules on the arguments a … a+5 of fcinfo (received_on, corrected_on,
 * closed_on, has_outcome, channel, fee_yuan); an error names the broken rule.
 */
void
check_application_rules(FunctionCallInfo fcinfo, int a)
{
	/* the known channels with their lengths (every row with a channel is compared with them) */
	static const struct
	{
		const char *name;
		Size		len;
	}			channels[] = {{"online", 6}, {"letter", 6}, {"in_person", 9}, {"fax", 3}, {"other", 5}};
	bool		has_received = !PG_ARGISNULL(a);
	bool		has_corrected = !PG_ARGISNULL(a + 1);
	bool		has_closed = !PG_ARGISNULL(a + 2);
	DateADT		received = has_received ? PG_GETARG_DATEADT(a) : 0;
	DateADT		corrected = has_corrected ? PG_GETARG_DATEADT(a + 1) : 0;
	DateADT		closed = has_closed ? PG_GETARG_DATEADT(a + 2) : 0;

	if (!PG_ARGISNULL(a + 3) && PG_GETARG_BOOL(a + 3) != has_closed)
		report_rule("application_outcome_iff_closed",
					"An application has an outcome exactly when it has a closing date (closed_on); both are NULL while it is open.");
	if (has_received && has_corrected && corrected < received)
		report_rule("application_corrected_after_received",
					psprintf("Corrected on %s, before it was received on %s.", date_text(corrected), date_text(received)));
	if (has_corrected && has_closed && closed < corrected)
		report_rule("application_closed_after_corrected",
					psprintf("Closed on %s, before the correction of %s.", date_text(closed), date_text(corrected)));
	if (has_received && has_closed && closed < received)
		report_rule("application_closed_after_received",
					psprintf("Closed on %s, before it was received on %s.", date_text(closed), date_text(received)));
	if ((has_received && !date_in_range(received)) || (has_closed && !date_in_range(closed)) ||
		(has_corrected && !date_in_range(corrected)))
		report_rule("application_dates_in_range", "Dates lie between 1990-01-01 and 2100-12-31.");
	if (!PG_ARGISNULL(a + 4))
	{
		text	   *ch = PG_GETARG_TEXT_PP(a + 4);
		const char *p = VARDATA_ANY(ch);
		Size		len = VARSIZE_ANY_EXHDR(ch);
		bool		known = false;

		for (int i = 0; i < (int) lengthof(channels) && !known; i++)
			known = len == channels[i].len && p[0] == channels[i].name[0] &&
				memcmp(p, channels[i].name, len) == 0;
		if (!known)
			report_rule("application_channel_known",
						psprintf("Channel \"%s\" is not one of online, letter, in_person, fax, other.", text_to_cstring(ch)));
	}
	if (!PG_ARGISNULL(a + 5) &&
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, PG_GETARG_DATUM(a + 5), NumericGetDatum(numeric_zero()))) < 0)
		report_rule("application_fee_not_negative", "The fee (fee_yuan) is never negative.");
}

PG_FUNCTION_INFO_V1(application_valid);
/*
 * application_valid(received_on, corrected_on, closed_on, has_outcome, channel, fee_yuan):
 * true, or an error naming the broken rule.
 */
Datum
application_valid(PG_FUNCTION_ARGS)
{
	check_application_rules(fcinfo, 0);
	PG_RETURN_BOOL(true);
}
