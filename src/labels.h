/*
 * labels.h — the numbering and normalized form of an official label as
 * written in a report (labels.c).
 */
#ifndef GOVINFO_LABELS_H
#define GOVINFO_LABELS_H

/*
 * The numbering written before a label: "（三）2." has group 3 and item 2,
 * "（一）" group 1, "3." item 3.  Absent parts are 0.
 */
typedef struct LabelNumber
{
	int			group;			/* the bracketed numeral (一) … (十), also (1) … */
	int			item;			/* the number before ".", "．" or "、" */
	char	   *text;			/* the numbering as written, for messages */
} LabelNumber;

extern const char *gi_parse_label_number(const char *s, LabelNumber *num);
extern char *gi_normalize_label(const char *s);
extern char *gi_without_parenthetical(const char *s);

#endif
