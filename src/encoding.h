/*
 * encoding.h — govinfo's own text (catalog labels, the Chinese in messages)
 * is UTF-8; the database may be EUC_CN.  Text leaving for SQL goes through
 * gi_zh(), text arriving to be matched against labels through
 * gi_from_server().
 */
#ifndef GOVINFO_ENCODING_H
#define GOVINFO_ENCODING_H

extern const char *gi_zh(const char *utf8);
extern const char *gi_from_server(const char *s);

#endif
