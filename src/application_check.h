/*
 * application_check.h — the rules of one application row, shared by
 * govinfo.application_valid() and the CHECK of govinfo.application.
 */
#ifndef GOVINFO_APPLICATION_CHECK_H
#define GOVINFO_APPLICATION_CHECK_H

#include "fmgr.h"

extern void check_application_rules(FunctionCallInfo fcinfo, int a);

#endif
