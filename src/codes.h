/*
 * codes.h — the one-byte code types govinfo.applicant (the 6 applicant
 * columns of table 三) and govinfo.outcome (its 21 leaf outcome rows), both
 * indexed in catalog order.
 */
#ifndef GOVINFO_CODES_H
#define GOVINFO_CODES_H

#include "catalog.h"

#define GI_NAPPLICANTS 6
#define GI_NOUTCOMES 21

/* both types are INTERNALLENGTH = 1, passed by value as a C char holding the index */
StaticAssertDecl(sizeof(char) == 1, "applicant and outcome are INTERNALLENGTH = 1");
StaticAssertDecl(GI_NAPPLICANTS <= 127 && GI_NOUTCOMES <= 127, "an applicant or outcome index fits in a char");

extern const GiColumn *gi_applicant_column(int index);
extern const GiRow *gi_outcome_row(int index);
extern int	gi_outcome_slot(int index, int format);

#endif
