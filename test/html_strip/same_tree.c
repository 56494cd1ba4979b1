/*
 * same_tree.c — the attribute pass of the HTML reader (src/parse_html_strip.c) against libxml2
 * itself: libxml2's tree of a document and its tree of the document the pass wrote must be the same
 * (elements, text, comments, the rowspan and colspan values), for every document given and for
 * random mutations of them.  Built and run by scripts/suites/65-html-strip.sh; needs libxml2 only.
 *   same_tree MUTATIONS SEED FILE...   (a file under a "seeds" directory holds one document a line)
 * Prints one line per document given, a summary of the mutations, and exits 1 on a difference
 * (the first ones are written to $SAME_TREE_OUT/diffN.html and diffN.stripped when it is set).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

/* the pass, from src/parse_html_strip.c */
extern int	gi_html_strip_attributes(const char *doc, int len, char *out);

/* the reader's options (src/parse_html.c) */
#define OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | \
				 HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD)

typedef struct Buf
{
	char	   *d;
	size_t		n;
	size_t		cap;
} Buf;

/* Discard libxml2's errors. */
static void
discard(void *ctx,
#if LIBXML_VERSION >= 21200
		const xmlError *error
#else
		xmlErrorPtr error
#endif
)
{
}

/* Append a string to a buffer. */
static void
put(Buf *b, const char *s)
{
	size_t		n = strlen(s);

	if (b->n + n + 1 > b->cap)
	{
		b->cap = (b->n + n + 1) * 2;
		b->d = realloc(b->d, b->cap);
	}
	memcpy(b->d + b->n, s, n + 1);
	b->n += n;
}

/* Write a node list and its subtrees: depth, type, name, content, rowspan/colspan. */
static void
dump(xmlNode *n, Buf *b, int depth)
{
	for (; n != NULL; n = n->next)
	{
		char		head[64];

		snprintf(head, sizeof head, "\n%d:%d:", depth, (int) n->type);
		put(b, head);
		if (n->name != NULL && n->type != XML_TEXT_NODE)
			put(b, (const char *) n->name);
		if (n->type == XML_ELEMENT_NODE)
		{
			for (xmlAttr *a = n->properties; a != NULL; a = a->next)
				if (strcmp((const char *) a->name, "rowspan") == 0 || strcmp((const char *) a->name, "colspan") == 0)
				{
					put(b, " ");
					put(b, (const char *) a->name);
					put(b, "=");
					put(b, a->children && a->children->content ? (const char *) a->children->content : "(none)");
				}
			dump(n->children, b, depth + 1);
		}
		else if (n->content != NULL)
		{
			put(b, "|");
			put(b, (const char *) n->content);
		}
	}
}

/* libxml2's tree of doc[0..len), written as text (malloc'd). */
static char *
tree_text(const char *doc, int len)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	htmlDocPtr	tree;
	Buf			b = {NULL, 0, 0};

	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = discard;
	tree = htmlCtxtReadMemory(ctxt, doc, len, NULL, "UTF-8", OPTIONS);
	put(&b, "");
	if (tree != NULL)
	{
		dump(tree->children, &b, 0);
		xmlFreeDoc(tree);
	}
	htmlFreeParserCtxt(ctxt);
	return b.d;
}

static unsigned long long rng = 88172645463325252ULL;

/* xorshift64 */
static unsigned
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned) rng;
}

static long checked, differ, shortened;

/* Whether the pass keeps libxml2's tree of doc[0..len); differences are counted and kept. */
static int
check(const char *doc, int len)
{
	char	   *out = malloc(len + 1);
	int			outlen = gi_html_strip_attributes(doc, len, out);
	char	   *t1;
	char	   *t2;
	int			same;

	checked++;
	if (outlen > len)
	{
		printf("the pass wrote more than it read\n");
		exit(1);
	}
	shortened += outlen < len;
	t1 = tree_text(doc, len);
	t2 = tree_text(out, outlen);
	same = strcmp(t1, t2) == 0;
	if (!same && ++differ <= 5 && getenv("SAME_TREE_OUT") != NULL)
	{
		char		fn[1024];
		FILE	   *f;

		snprintf(fn, sizeof fn, "%s/diff%ld.html", getenv("SAME_TREE_OUT"), differ);
		if ((f = fopen(fn, "wb")) != NULL)
		{
			fwrite(doc, 1, len, f);
			fclose(f);
		}
		snprintf(fn, sizeof fn, "%s/diff%ld.stripped", getenv("SAME_TREE_OUT"), differ);
		if ((f = fopen(fn, "wb")) != NULL)
		{
			fwrite(out, 1, outlen, f);
			fclose(f);
		}
	}
	free(t1);
	free(t2);
	free(out);
	return same;
}

/* what mutations insert: the constructs the pass follows, and broken ones */
static const char *const tokens[] = {
	"<", ">", "\"", "'", "/", "-", "!", "?", "=", " ", "\n", "\t", "\r", "&", "&quot;", "</",
	"<!--", "-->", "--!>", "<!-->", "<!---->", "<!--->", "<!DOCTYPE html>", "<!doctype x \"a>\">",
	"<?xml a=\"b\" ?>", "<![if !x]>", "<script>", "</script>", "</SCRIPT >", "<scriptx>", "</scriptx>",
	"<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>", "<noscript>", "<xmp>",
	"<plaintext>", "<svg>", "<td rowspan=2 style=\"a>b\">", "<td colspan='3' class=x>", "<td rowspan=2/>",
	"<td rowspan=2 />", "<td rowspan=\"2\"/>", "<td a=b rowspan=3 c=d/>", "<p class=MsoNormal style='x'>",
	"<br/>", "<td/>", "/>", "<a href=x/>", "<html a=1>", "<body x=2>", "<head>", "<meta charset=gbk>",
	"<table>", "<tr>", "</td>", "<_x a=1>", "colspan", "rowspan=",
};

int
main(int argc, char **argv)
{
	int			nmut;
	char	  **docs;
	int		   *lens;
	int			nd = 0;
	int			maxd = 1024;

	if (argc < 4)
	{
		fprintf(stderr, "usage: same_tree MUTATIONS SEED FILE...\n");
		return 2;
	}
	nmut = atoi(argv[1]);
	rng = strtoull(argv[2], NULL, 10) | 1;
	docs = malloc(maxd * sizeof(char *));
	lens = malloc(maxd * sizeof(int));
	xmlInitParser();
	for (int i = 3; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		char	   *buf = malloc(1 << 24);
		int			len;

		if (f == NULL)
			continue;
		len = fread(buf, 1, 1 << 24, f);
		fclose(f);
		if (strstr(argv[i], "seeds") != NULL)
		{
			for (char *p = buf, *e = buf + len; p < e && nd < maxd;)
			{
				char	   *nl = memchr(p, '\n', e - p);
				int			l = nl ? nl - p : e - p;

				docs[nd] = malloc(l + 1);
				memcpy(docs[nd], p, l);
				lens[nd++] = l;
				p += l + 1;
			}
		}
		else if (nd < maxd)
		{
			docs[nd] = buf;
			lens[nd++] = len;
		}
	}
	for (int i = 0; i < nd; i++)
		printf("%s - the same tree from document %d (%d bytes)\n", check(docs[i], lens[i]) ? "ok" : "not ok", i, lens[i]);
	for (int m = 0; m < nmut && nd > 0; m++)
	{
		int			di = rnd() % nd;
		int			len = lens[di];
		int			room = lens[di] * 2 + 4096;
		char	   *d = malloc(room);
		int			nedit = 1 + rnd() % 6;

		memcpy(d, docs[di], len);
		for (int e = 0; e < nedit; e++)
		{
			int			op = rnd() % 4;
			int			pos = len ? rnd() % (len + 1) : 0;

			if (op <= 1)
			{
				const char *t = tokens[rnd() % (sizeof tokens / sizeof tokens[0])];
				int			tl = strlen(t);

				if (len + tl > room)
					continue;
				memmove(d + pos + tl, d + pos, len - pos);
				memcpy(d + pos, t, tl);
				len += tl;
			}
			else if (op == 2 && len > 0)
			{
				int			k = 1 + rnd() % 40;

				if (pos + k > len)
					k = len - pos;
				memmove(d + pos, d + pos + k, len - pos - k);
				len -= k;
			}
			else if (len > 0)
			{
				int			k = 1 + rnd() % 200;
				int			src = rnd() % len;
				char	   *copy;

				if (src + k > len)
					k = len - src;
				if (len + k > room)
					continue;
				copy = malloc(k);
				memcpy(copy, d + src, k);
				memmove(d + pos + k, d + pos, len - pos);
				memcpy(d + pos, copy, k);
				free(copy);
				len += k;
			}
		}
		for (int i = 0; i < len; i++)
			if (d[i] == '\0')
				d[i] = ' ';
		check(d, len);
		free(d);
	}
	printf("%s - the same tree from %d mutated documents (%ld differ; %ld of %ld documents shortened)\n",
		   differ == 0 ? "ok" : "not ok", nmut, differ, shortened, checked);
	return differ != 0;
}
